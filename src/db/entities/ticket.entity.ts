import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'

/** A need a family told us about, in their own words, with what the router made of it. */
@Entity('need')
@Index('ix_need_family', ['familyId'])
export class Need {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Column({ type: 'int', name: 'identity_id' })
  identityId!: number

  @Column({ type: 'int', name: 'family_id', nullable: true })
  familyId!: number | null

  @Column({ type: 'int', name: 'child_id', nullable: true })
  childId!: number | null

  /** 'bot' | 'miniprogram' | 'official_account' */
  @Column({ type: 'varchar', length: 24 })
  channel!: string

  @Column({ type: 'varchar', length: 64 })
  jurisdiction!: string

  /** The parent's words. */
  @Column({ type: 'text' })
  text!: string

  /** Service key or 'none'. */
  @Column({ type: 'varchar', length: 40 })
  service!: string

  /** Every need found in the message, main first. */
  @Column({ type: 'simple-json' })
  needs!: string[]

  @Column({ type: 'simple-json' })
  departments!: string[]

  @Column({ type: 'boolean' })
  urgent!: boolean

  /** 'recorded' | 'referred' | 'escalated' | 'awaiting_consent' | 'closed' */
  @Column({ type: 'varchar', length: 24 })
  status!: string

  @Column({ type: 'int', name: 'ticket_id', nullable: true })
  ticketId!: number | null

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date
}

/** A piece of work for staff: an escalation (a person must answer) or a referral (a department must act). */
@Entity('ticket')
@Index('ix_ticket_status', ['status', 'priority', 'createdAt'])
export class Ticket {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  /** 'escalation' | 'referral' */
  @Column({ type: 'varchar', length: 16 })
  kind!: string

  /** 'urgent' | 'normal' */
  @Column({ type: 'varchar', length: 8 })
  priority!: string

  /** 'new' | 'claimed' | 'answered' | 'transferred' | 'closed' */
  @Column({ type: 'varchar', length: 16 })
  status!: string

  /** Referrals: 'sent' | 'accepted' | 'rejected' | 'done' */
  @Column({ type: 'varchar', length: 16, name: 'referral_state', nullable: true })
  referralState!: string | null

  @Column({ type: 'text', name: 'referral_reason', nullable: true })
  referralReason!: string | null

  @Column({ type: 'int', name: 'need_id', nullable: true })
  needId!: number | null

  @Column({ type: 'int', name: 'family_id', nullable: true })
  familyId!: number | null

  @Column({ type: 'int', name: 'child_id', nullable: true })
  childId!: number | null

  /** The identity that raised it: staff answers go back to it, in its channel (null for a case staff opened, e.g. a red risk level). */
  @Column({ type: 'int', name: 'identity_id', nullable: true })
  identityId!: number | null

  @Column({ type: 'varchar', length: 24, nullable: true })
  channel!: string | null

  @Column({ type: 'varchar', length: 40 })
  service!: string

  /** Departments whose queue holds it (referrals; for escalations the departments the list names). */
  @Column({ type: 'simple-json' })
  departments!: string[]

  @Column({ type: 'varchar', length: 64 })
  jurisdiction!: string

  @Column({ type: 'varchar', length: 128, nullable: true })
  street!: string | null

  @Column({ type: 'varchar', length: 128, nullable: true })
  community!: string | null

  /** Who it is assigned to (escalations): a child director, else the street's supervisor, else an administrator. */
  @Column({ type: 'int', name: 'owner_staff_id', nullable: true })
  ownerStaffId!: number | null

  @Column({ type: 'int', name: 'claimed_by', nullable: true })
  claimedBy!: number | null

  /** Supervisor it was raised to after a missed service level. */
  @Column({ type: 'int', name: 'raised_to', nullable: true })
  raisedTo!: number | null

  @Column({ type: 'datetime', name: 'raised_at', nullable: true })
  raisedAt!: Date | null

  /** When a staff member first answered (service levels). */
  @Column({ type: 'datetime', name: 'answered_at', nullable: true })
  answeredAt!: Date | null

  /** When the family last wrote (the wait is counted from here once answered). */
  @Column({ type: 'datetime', name: 'waiting_since' })
  waitingSince!: Date

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date

  @Column({ type: 'datetime', name: 'updated_at' })
  updatedAt!: Date

  @Column({ type: 'datetime', name: 'closed_at', nullable: true })
  closedAt!: Date | null
}

/** Every change of a ticket: who, when, what. */
@Entity('ticket_event')
@Index('ix_ticket_event_ticket', ['ticketId'])
export class TicketEvent {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Column({ type: 'int', name: 'ticket_id' })
  ticketId!: number

  @Column({ type: 'datetime' })
  at!: Date

  /** 'family' | 'system' | 'staff:<username>' */
  @Column({ type: 'varchar', length: 80 })
  actor!: string

  /** 'opened' | 'claimed' | 'answered' | 'family_replied' | 'transferred' | 'closed' | 'referral_accepted' … */
  @Column({ type: 'varchar', length: 32 })
  action!: string

  @Column({ type: 'simple-json', nullable: true })
  detail!: Record<string, unknown> | null
}

/** The thread of a ticket: the parent's words and staff answers. */
@Entity('ticket_message')
@Index('ix_ticket_message_ticket', ['ticketId'])
export class TicketMessage {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Column({ type: 'int', name: 'ticket_id' })
  ticketId!: number

  @Column({ type: 'int', name: 'family_id', nullable: true })
  familyId!: number | null

  /** 'family' | 'staff' */
  @Column({ type: 'varchar', length: 8 })
  author!: string

  @Column({ type: 'int', name: 'staff_id', nullable: true })
  staffId!: number | null

  @Column({ type: 'text' })
  text!: string

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date
}

/** A contact or home visit with a key case (一人一档). */
@Entity('key_case_contact')
@Index('ix_kcc_case', ['keyCaseId'])
export class KeyCaseContact {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Column({ type: 'int', name: 'key_case_id' })
  keyCaseId!: number

  @Column({ type: 'int', name: 'family_id', nullable: true })
  familyId!: number | null

  /** 'contact' | 'visit' */
  @Column({ type: 'varchar', length: 8 })
  kind!: string

  /** YYYY-MM-DD */
  @Column({ type: 'varchar', length: 10, name: 'on_date' })
  on!: string

  @Column({ type: 'text' })
  notes!: string

  @Column({ type: 'text', name: 'next_step', nullable: true })
  nextStep!: string | null

  @Column({ type: 'int', name: 'staff_id' })
  staffId!: number

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date
}

/** Psychological-risk level history of a key case (green, yellow, orange, red). */
@Entity('key_case_risk')
@Index('ix_kcr_case', ['keyCaseId'])
export class KeyCaseRisk {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Column({ type: 'int', name: 'key_case_id' })
  keyCaseId!: number

  @Column({ type: 'int', name: 'family_id', nullable: true })
  familyId!: number | null

  @Column({ type: 'varchar', length: 8 })
  level!: string

  @Column({ type: 'text' })
  note!: string

  @Column({ type: 'int', name: 'staff_id' })
  staffId!: number

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date
}
