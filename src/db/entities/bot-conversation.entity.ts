import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'

/**
 * Where a chat conversation stands, one row per channel identity (bot contact, Official Account
 * follower): the current flow and step, the answers collected so far and the history behind
 * "上一步"/"back". Kept in the database so a restarted bot resumes at the same question.
 */
@Entity('bot_conversation')
export class BotConversation {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Index('uq_bot_conversation_identity', { unique: true })
  @Column({ type: 'int', name: 'identity_id' })
  identityId!: number

  /** 'menu' | 'register' | 'ask' | 'help' | 'checklist' | 'booking' | ... */
  @Column({ type: 'varchar', length: 32 })
  flow!: string

  @Column({ type: 'varchar', length: 48 })
  step!: string

  /** Answers collected in the current flow. */
  @Column({ type: 'simple-json' })
  data!: Record<string, unknown>

  /** Earlier (step, data) snapshots of the current flow, newest last, for "back". */
  @Column({ type: 'simple-json' })
  history!: Array<{ step: string; data: Record<string, unknown> }>

  /** Messages in a row the bot could not understand (two: a person takes over). */
  @Column({ type: 'int', default: 0 })
  failures!: number

  @Column({ type: 'int', default: 0 })
  version!: number

  @Column({ type: 'datetime', name: 'updated_at' })
  updatedAt!: Date
}
