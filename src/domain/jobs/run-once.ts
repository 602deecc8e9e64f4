/**
 * "Exactly once across instances" for scheduled work: a job occurrence is claimed by
 * inserting its key into job_run; only the process whose insert succeeds runs it.
 */
import { JobRun } from '../../db/entities'
import { isUniqueViolation } from '../../db/database'
import type { DomainContext } from '../context'

/** Claims `runKey`; true when this process got it. */
export async function claimRun(ctx: DomainContext, runKey: string): Promise<boolean> {
  try {
    await ctx.db.repo(JobRun).insert({ runKey, owner: ctx.instanceId.slice(0, 64), claimedAt: ctx.clock.now() })
    return true
  } catch (e) {
    if (isUniqueViolation(e)) return false
    throw e
  }
}

/** Runs `fn` only if this process claims `runKey`. Returns whether it ran. */
export async function runOnce(ctx: DomainContext, runKey: string, fn: () => Promise<void>): Promise<boolean> {
  if (!(await claimRun(ctx, runKey))) return false
  await fn()
  return true
}
