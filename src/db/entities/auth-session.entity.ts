import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'

/** An API session of a family identity. Only a SHA-256 hash of the token is stored. */
@Entity('auth_session')
export class AuthSession {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Index('uq_auth_session_token', { unique: true })
  @Column({ type: 'varchar', length: 64, name: 'token_hash' })
  tokenHash!: string

  @Column({ type: 'int', name: 'identity_id' })
  identityId!: number

  @Column({ type: 'datetime', name: 'expires_at' })
  expiresAt!: Date

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date
}
