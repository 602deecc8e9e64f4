import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'

/** A key case (重点关爱服务对象, 一人一档): a child with a situation, followed up by the community's child director. */
@Entity('key_case')
@Index('ix_key_case_child', ['childId'])
@Index('ix_key_case_family', ['familyId'])
@Index('ix_key_case_due', ['status', 'nextContactDue'])
export class KeyCase {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Column({ type: 'int', name: 'child_id' })
  childId!: number

  @Column({ type: 'int', name: 'family_id' })
  familyId!: number

  @Column({ type: 'varchar', length: 32, name: 'jurisdiction_id' })
  jurisdictionId!: string

  /** District, as the family gave it. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  district!: string | null

  /** Street (街道/乡镇), as the family gave it. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  street!: string | null

  /** The community whose child director follows the case. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  community!: string | null

  /** The situations that make the child a key case. */
  @Column({ type: 'simple-json' })
  reasons!: string[]

  @Column({ type: 'int', name: 'contact_every_days', nullable: true })
  contactEveryDays!: number | null

  @Column({ type: 'int', name: 'visit_every_days', nullable: true })
  visitEveryDays!: number | null

  /** YYYY-MM-DD */
  @Column({ type: 'varchar', length: 10, name: 'next_contact_due', nullable: true })
  nextContactDue!: string | null

  /** YYYY-MM-DD */
  @Column({ type: 'varchar', length: 10, name: 'next_visit_due', nullable: true })
  nextVisitDue!: string | null

  /** green | yellow | orange | red */
  @Column({ type: 'varchar', length: 16, name: 'risk_level', default: 'green' })
  riskLevel!: string

  /** open | closed */
  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: string

  @Column({ type: 'datetime', name: 'opened_at' })
  openedAt!: Date

  @Column({ type: 'datetime', name: 'closed_at', nullable: true })
  closedAt!: Date | null
}
