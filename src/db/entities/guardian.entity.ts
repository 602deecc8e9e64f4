import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'

/** A guardian of a family, reached through a channel identity. */
@Entity('guardian')
@Index('ix_guardian_family', ['familyId'])
export class Guardian {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Column({ type: 'int', name: 'family_id' })
  familyId!: number

  /** The channel identity of this guardian (src/domain/identity). */
  @Index('uq_guardian_identity', { unique: true })
  @Column({ type: 'int', name: 'identity_id', nullable: true })
  identityId!: number | null

  /** Name or nickname. */
  @Column({ type: 'varchar', length: 64 })
  name!: string

  /** mother | father | grandparent | other_relative | guardian */
  @Column({ type: 'varchar', length: 24 })
  relation!: string

  /** Mainland mobile number 1[3-9]xxxxxxxxx, optional. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  mobile!: string | null

  @Column({ type: 'varchar', length: 8, default: 'zh-CN' })
  language!: string

  /** Version of the privacy notice this guardian confirmed on joining a family registered by another guardian; null for the first guardian (the family's consent). */
  @Column({ type: 'varchar', length: 32, name: 'notice_version', nullable: true })
  noticeVersion!: string | null

  @Column({ type: 'datetime', name: 'notice_at', nullable: true })
  noticeAt!: Date | null

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date
}
