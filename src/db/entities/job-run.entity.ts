import { Column, Entity, PrimaryColumn } from 'typeorm'

/** One row per job occurrence that has been claimed: the primary key makes a job run once across processes. */
@Entity('job_run')
export class JobRun {
  @PrimaryColumn({ type: 'varchar', length: 191, name: 'run_key' })
  runKey!: string

  @Column({ type: 'varchar', length: 64, name: 'owner' })
  owner!: string

  @Column({ type: 'datetime', name: 'claimed_at' })
  claimedAt!: Date
}
