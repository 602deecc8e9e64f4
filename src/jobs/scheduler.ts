/**
 * node-cron adapter: one table of scheduled jobs (src/jobs/index.ts), each a cron expression
 * (Asia/Shanghai) and a function of the domain context. A job that must act once across
 * several processes claims its occurrence with `runOnce` inside its domain function; a job
 * that finds work left over from a time the service was down does it late, not never.
 */
import cron, { type ScheduledTask } from 'node-cron'
import type { DomainContext } from '../domain/context'

export interface JobDefinition {
  name: string
  /** node-cron expression (5 or 6 fields), evaluated in Asia/Shanghai. */
  cron: string
  run(ctx: DomainContext): Promise<unknown>
}

export function startScheduler(ctx: DomainContext, jobs: JobDefinition[]): { stop(): Promise<void> } {
  const tasks: ScheduledTask[] = []
  for (const job of jobs) {
    let running = false
    const task = cron.schedule(
      job.cron,
      async () => {
        if (running) return
        running = true
        const started = Date.now()
        try {
          const result = await job.run(ctx)
          ctx.log.debug({ job: job.name, ms: Date.now() - started, result: typeof result === 'number' ? result : undefined }, 'job ran')
        } catch (e) {
          ctx.log.error({ job: job.name, err: { type: (e as Error)?.name, code: (e as { code?: string })?.code } }, 'job failed')
        } finally {
          running = false
        }
      },
      { timezone: 'Asia/Shanghai', name: job.name },
    )
    tasks.push(task)
  }
  return {
    stop: async () => {
      for (const t of tasks) {
        await t.stop()
        await t.destroy()
      }
    },
  }
}
