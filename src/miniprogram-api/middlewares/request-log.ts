/** One log line a request: method, route pattern (no ids or query), status, duration. No personal data. */
import type { Context, Next } from 'koa'
import { unredacted, type Logger } from '../../shared/logger'

/** Writes a request's line; `start` is `process.hrtime.bigint()` when the request came in. */
export type RequestLine = (method: string, route: string, status: number, start: bigint) => void

export function requestLine(logger: Logger): RequestLine {
  // The line's four fields are fixed and hold no personal data: written without the redaction pass.
  const log = unredacted(logger)
  return (method, route, status, start) => {
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    log.info({ method, route, status, ms: Math.round(ms * 10) / 10 }, 'request')
  }
}

export function requestLog(line: RequestLine) {
  return async (ctx: Context, next: Next) => {
    const start = process.hrtime.bigint()
    try {
      await next()
    } finally {
      line(ctx.method, ctx.routerPath ?? ctx.path.split('?')[0]?.replace(/\/\d+(?=\/|$)/g, '/:id') ?? '', ctx.status, start)
    }
  }
}
