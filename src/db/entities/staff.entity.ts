import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'

/** A staff account: administrator, department staff, child director, supervisor or session provider. */
@Entity('staff_account')
export class StaffAccount {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Index('uq_staff_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username!: string

  /** scrypt$N$r$p$salt$hash (base64 parts). */
  @Column({ type: 'varchar', length: 255, name: 'password_hash' })
  passwordHash!: string

  /** 'admin' | 'department' | 'child-director' | 'supervisor' | 'provider' */
  @Column({ type: 'varchar', length: 24 })
  role!: string

  @Column({ type: 'varchar', length: 64, nullable: true })
  jurisdiction!: string | null

  /** Department exactly as the jurisdiction's list names it (department staff). */
  @Column({ type: 'varchar', length: 128, nullable: true })
  department!: string | null

  /** Street / township (supervisor; child directors may have one too). */
  @Column({ type: 'varchar', length: 128, nullable: true })
  street!: string | null

  /** Communities a child director (or supervisor) covers. */
  @Column({ type: 'simple-json' })
  communities!: string[]

  /** Provider kind: 'counsellor' | 'instructor'. */
  @Column({ type: 'varchar', length: 24, name: 'provider_kind', nullable: true })
  providerKind!: string | null

  /** WeChat name or id of the person in staff rooms (for the bot). */
  @Column({ type: 'varchar', length: 128, name: 'wechat_id', nullable: true })
  wechatId!: string | null

  @Column({ type: 'int', name: 'failed_attempts', default: 0 })
  failedAttempts!: number

  @Column({ type: 'datetime', name: 'locked_until', nullable: true })
  lockedUntil!: Date | null

  @Column({ type: 'boolean', default: true })
  active!: boolean

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date
}

/** A staff sign-in session. Only a SHA-256 hash of the token is stored. */
@Entity('staff_session')
export class StaffSession {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Index('uq_staff_session_token', { unique: true })
  @Column({ type: 'varchar', length: 64, name: 'token_hash' })
  tokenHash!: string

  @Column({ type: 'int', name: 'staff_id' })
  staffId!: number

  @Column({ type: 'datetime', name: 'expires_at' })
  expiresAt!: Date

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date
}

/** Append-only audit log of staff reads and changes of families' and children's records. */
@Entity('audit_entry')
@Index('ix_audit_at', ['at'])
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Column({ type: 'datetime' })
  at!: Date

  @Column({ type: 'int', name: 'staff_id' })
  staffId!: number

  @Column({ type: 'varchar', length: 64 })
  username!: string

  /** e.g. 'family.read', 'ticket.reply', 'child.id_number.reveal' */
  @Column({ type: 'varchar', length: 48 })
  action!: string

  /** 'family' | 'child' | 'ticket' | 'key_case' | 'staff' | 'audit' */
  @Column({ type: 'varchar', length: 24, name: 'resource_type' })
  resourceType!: string

  @Column({ type: 'int', name: 'resource_id', nullable: true })
  resourceId!: number | null

  @Column({ type: 'int', name: 'family_id', nullable: true })
  familyId!: number | null

  /** Ids and codes only, never personal data. */
  @Column({ type: 'simple-json', nullable: true })
  detail!: Record<string, unknown> | null
}
