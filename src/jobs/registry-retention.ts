/**
 * Daily at 03:30 (Asia/Shanghai): archive children past 16 and silent families, erase what was archived
 * long enough; at 10:00 remind families whose data is due for its six-monthly check.
 */
import type { JobDefinition } from './scheduler'
import type { DomainContext } from '../domain/context'
import { runOnce } from '../domain/jobs/run-once'
import { applyRetention, type RetentionResult } from '../domain/registry/retention'
import { remindToConfirm } from '../domain/registry/refresh'
import { localDate } from '../shared/dates'

/** Applies retention once per local day across processes; null when another process already did today's run. */
export async function runRegistryRetention(ctx: DomainContext): Promise<RetentionResult | null> {
  let result: RetentionResult | null = null
  await runOnce(ctx, `registry-retention:${localDate(ctx.clock.now())}`, async () => {
    result = await applyRetention(ctx)
  })
  return result
}

export const registryRetentionJob: JobDefinition = {
  name: 'registry-retention',
  cron: '0 30 3 * * *',
  run: (ctx) => runRegistryRetention(ctx),
}

/** Queues the refresh reminders once per local day across processes; null when another process did. */
export async function runRegistryRefreshReminders(ctx: DomainContext): Promise<number | null> {
  let queued: number | null = null
  await runOnce(ctx, `registry-refresh:${localDate(ctx.clock.now())}`, async () => {
    queued = await remindToConfirm(ctx)
  })
  return queued
}

export const registryRefreshJob: JobDefinition = {
  name: 'registry-refresh-reminders',
  cron: '0 0 10 * * *',
  run: (ctx) => runRegistryRefreshReminders(ctx),
}
