import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'

/** Someone we talk to on a channel: a WeChat contact of the bot, a mini-program user (openid), an Official Account follower. */
@Entity('identity')
@Index('uq_identity_channel_external', ['channel', 'externalId'], { unique: true })
export class Identity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  /** 'bot' | 'miniprogram' | 'official_account' */
  @Column({ type: 'varchar', length: 24 })
  channel!: string

  /** The channel's own id (Wechaty contact id, openid). Not shown to staff. */
  @Column({ type: 'varchar', length: 128, name: 'external_id' })
  externalId!: string

  @Column({ type: 'varchar', length: 8, default: 'zh-CN' })
  language!: string

  /** The family this identity is a guardian of, once registered. */
  @Column({ type: 'int', name: 'family_id', nullable: true })
  familyId!: number | null

  /** The guardian record of this identity, once registered. */
  @Column({ type: 'int', name: 'guardian_id', nullable: true })
  guardianId!: number | null

  /** Unsolicited messages (reminders, nudges) paused by the family. */
  @Column({ type: 'boolean', name: 'reminders_paused', default: false })
  remindersPaused!: boolean

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date

  @Column({ type: 'datetime', name: 'last_seen_at' })
  lastSeenAt!: Date
}
