/**
 * The long-running parts besides the HTTP API: the bot, the outbox dispatchers, the cron jobs,
 * the staff console. Each feature adds its starter here; each returns something to stop.
 */
import type Router from '@koa/router'
import type { DomainContext } from '../domain/context'
import { startScheduler } from '../jobs/scheduler'
import { jobs } from '../jobs'

export interface Stoppable {
  name: string
  stop(): Promise<void>
  /** Extra HTTP routers this service serves on the main port (e.g. the staff console). */
  routers?: Router[]
}

export async function startServices(dctx: DomainContext): Promise<Stoppable[]> {
  const started: Stoppable[] = []
  if (dctx.config.JOBS_ENABLED) {
    const scheduler = startScheduler(dctx, jobs)
    started.push({ name: 'jobs', stop: scheduler.stop })
  }
  return started
}
