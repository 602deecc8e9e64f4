/**
 * The long-running parts besides the HTTP API: the bot, the outbox dispatchers, the cron jobs,
 * the staff console. Each feature adds its starter here; each returns something to stop.
 */
import type Koa from 'koa'
import type { DomainContext } from '../domain/context'

export interface Stoppable {
  name: string
  stop(): Promise<void>
  /** Extra HTTP routers this service serves on the main port (e.g. the staff console). */
  routers?: Array<{ routes(): Koa.Middleware; allowedMethods(): Koa.Middleware }>
}

export async function startServices(dctx: DomainContext): Promise<Stoppable[]> {
  const started: Stoppable[] = []
  void dctx
  return started
}
