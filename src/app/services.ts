/**
 * The long-running parts besides the HTTP API: the bot, the outbox dispatchers, the cron jobs,
 * the staff console. Each feature adds its starter here; each returns something to stop.
 */
import type Router from '@koa/router'
import type { DomainContext } from '../domain/context'
import { startScheduler } from '../jobs/scheduler'
import { jobs } from '../jobs'
import { startBot } from '../bot/service'
import { startMiniprogramDelivery } from '../miniprogram-api/wechat/subscribe-dispatcher'
import { startStaffConsole } from '../staff'

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
  const bot = await startBot(dctx)
  if (bot) started.push(bot)
  // Mini-program messages: WeChat subscription messages when configured, otherwise read in the app.
  started.push(startMiniprogramDelivery(dctx))
  started.push(startStaffConsole(dctx))
  return started
}
