/** One log line a request: method, route pattern (no ids or query), status, duration. No personal data. */
import type { Context, Next } from 'koa'
import { unredacted, type Logger } from '../../shared/logger'

export function requestLog(logger: Logger) {
  // The line's four fields are fixed and hold no personal data: written without the redaction pass.
  const log = unredacted(logger)
  return async (ctx: Context, next: Next) => {
    const start = process.hrtime.bigint()
    try {
      await next()
    } finally {
      const ms = Number(process.hrtime.bigint() - start) / 1e6
      log.info({ method: ctx.method, route: ctx.routerPath ?? ctx.path.split('?')[0]?.replace(/\/\d+(?=\/|$)/g, '/:id'), status: ctx.status, ms: Math.round(ms * 10) / 10 }, 'request')
    }
  }
}
