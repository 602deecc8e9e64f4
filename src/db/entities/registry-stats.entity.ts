import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'

/** Anonymous counts per jurisdiction, kept after personal data is erased. No personal data. */
@Entity('registry_stats')
export class RegistryStats {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Index('uq_registry_stats_jurisdiction', { unique: true })
  @Column({ type: 'varchar', length: 32, name: 'jurisdiction_id' })
  jurisdictionId!: string

  @Column({ type: 'int', name: 'families_erased', default: 0 })
  familiesErased!: number

  @Column({ type: 'int', name: 'children_erased', default: 0 })
  childrenErased!: number

  @Column({ type: 'int', name: 'key_cases_erased', default: 0 })
  keyCasesErased!: number

  @Column({ type: 'int', name: 'consents_withdrawn', default: 0 })
  consentsWithdrawn!: number

  @Column({ type: 'int', name: 'families_archived', default: 0 })
  familiesArchived!: number

  @Column({ type: 'int', name: 'children_archived', default: 0 })
  childrenArchived!: number

  @Column({ type: 'datetime', name: 'updated_at' })
  updatedAt!: Date
}
