import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'

/** A child of a family. Kept only while the family's consent stands. The identity number is stored encrypted. */
@Entity('child')
@Index('ix_child_family', ['familyId'])
export class Child {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Column({ type: 'int', name: 'family_id' })
  familyId!: number

  @Column({ type: 'varchar', length: 64 })
  name!: string

  /** male | female */
  @Column({ type: 'varchar', length: 8 })
  sex!: string

  /** YYYY-MM-DD */
  @Column({ type: 'varchar', length: 10, name: 'birth_date' })
  birthDate!: string

  /** none | nursery | kindergarten | primary | junior | senior | vocational */
  @Column({ type: 'varchar', length: 16, name: 'school_stage' })
  schoolStage!: string

  @Column({ type: 'varchar', length: 128, name: 'school_name', nullable: true })
  schoolName!: string | null

  /** AES-256-GCM ciphertext of the identity number (never the number itself). */
  @Column({ type: 'text', name: 'id_number_enc', nullable: true })
  idNumberEnc!: string | null

  /** HMAC-SHA256 of the identity number under a key derived from the data key, for lookups. */
  @Index('ix_child_id_number_hash')
  @Column({ type: 'varchar', length: 64, name: 'id_number_hash', nullable: true })
  idNumberHash!: string | null

  /** Situations from src/content/vocabulary.ts SITUATIONS. */
  @Column({ type: 'simple-json' })
  situations!: string[]

  /** With 'disability': whether the disability is certified (持残疾证). */
  @Column({ type: 'boolean', name: 'disability_certified', default: false })
  disabilityCertified!: boolean

  @Column({ type: 'datetime', name: 'archived_at', nullable: true })
  archivedAt!: Date | null

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date

  @Column({ type: 'datetime', name: 'updated_at' })
  updatedAt!: Date
}
