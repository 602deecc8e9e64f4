import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'

/**
 * The outbox: every message the service sends on its own (staff answers, reminders,
 * notices, staff-room posts) is a row here first, then delivered by the channel that owns
 * `channel`. A unique `dedupe_key` makes "send once" hold across processes.
 */
@Entity('outbound_message')
@Index('ix_outbound_pending', ['channel', 'status', 'availableAt'])
export class OutboundMessage {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  /** 'bot' | 'miniprogram' | 'official_account' | 'staff_room' */
  @Column({ type: 'varchar', length: 24 })
  channel!: string

  /** Identity id (as text) for family channels; the room key for 'staff_room'. */
  @Column({ type: 'varchar', length: 128 })
  recipient!: string

  @Column({ type: 'int', name: 'family_id', nullable: true })
  familyId!: number | null

  /** 'staff_reply' | 'reminder' | 'notice' | 'escalation' | 'digest' | 'offer' ... */
  @Column({ type: 'varchar', length: 32 })
  kind!: string

  @Index('uq_outbound_dedupe', { unique: true })
  @Column({ type: 'varchar', length: 191, name: 'dedupe_key', nullable: true })
  dedupeKey!: string | null

  /** i18n key rendered in the recipient's language at delivery. */
  @Column({ type: 'varchar', length: 128, name: 'message_key', nullable: true })
  messageKey!: string | null

  @Column({ type: 'simple-json', nullable: true })
  params!: Record<string, unknown> | null

  /** Words written by a person (staff answer), delivered as they are. */
  @Column({ type: 'text', name: 'plain_text', nullable: true })
  plainText!: string | null

  /** Counts against the family's weekly limit of unsolicited messages. */
  @Column({ type: 'boolean', default: false })
  unsolicited!: boolean

  /** 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled' */
  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: string

  @Column({ type: 'int', default: 0 })
  attempts!: number

  @Column({ type: 'varchar', length: 64, name: 'last_error', nullable: true })
  lastError!: string | null

  @Column({ type: 'datetime', name: 'available_at' })
  availableAt!: Date

  @Column({ type: 'datetime', name: 'locked_until', nullable: true })
  lockedUntil!: Date | null

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date

  @Column({ type: 'datetime', name: 'sent_at', nullable: true })
  sentAt!: Date | null
}
