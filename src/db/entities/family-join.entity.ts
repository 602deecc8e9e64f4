import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'

/**
 * A short-lived code with which another identity joins a family as a guardian (src/domain/registry/guardians.ts).
 * Only a keyed hash of the code is kept; the row is deleted when the code is used (single use) or replaced.
 */
@Entity('family_join_code')
@Index('ix_family_join_code_family', ['familyId'])
export class FamilyJoinCode {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Column({ type: 'int', name: 'family_id' })
  familyId!: number

  /** The guardian who asked for the code. */
  @Column({ type: 'int', name: 'guardian_id' })
  guardianId!: number

  /** HMAC-SHA256 of the code under the data key (hex). */
  @Index('uq_family_join_code_hash', { unique: true })
  @Column({ type: 'varchar', length: 64, name: 'code_hash' })
  codeHash!: string

  @Column({ type: 'datetime', name: 'expires_at' })
  expiresAt!: Date

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date
}

/** One try at a joining code by an identity (rate limit against guessing; kept one day). */
@Entity('family_join_attempt')
@Index('ix_family_join_attempt_identity', ['identityId', 'at'])
@Index('ix_family_join_attempt_at', ['at'])
export class FamilyJoinAttempt {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Column({ type: 'int', name: 'identity_id' })
  identityId!: number

  @Column({ type: 'boolean', default: false })
  ok!: boolean

  @Column({ type: 'datetime' })
  at!: Date
}
