/**
 * The Koa application: request log, error handler (the one error shape), body limit (1 MB,
 * with or without content-length), JSON body parser, rate limit on /api/v1, ready public answers
 * (ready-answers.ts), then the routers.
 */
import Koa from 'koa'
import type Router from '@koa/router'
import { bodyParser } from '@koa/bodyparser'
import type { DomainContext } from '../domain/context'
import { errorHandler } from './middlewares/error-handler'
import { requestLog } from './middlewares/request-log'
import { limiterFor, rateLimit } from './middlewares/rate-limit'
import { healthRouter } from './routes/health/health.router'
import { apiRouter } from './routes'
import { AppError } from '../shared/errors'
import { serveReadyAnswers } from './ready-answers'

export const MAX_BODY = '1mb'
export const MAX_BODY_BYTES = 1024 * 1024
export const API_PREFIX = '/api/v1'

export function createApp(dctx: DomainContext, extraRouters: Router[] = []): Koa {
  const app = new Koa()
  app.proxy = true
  app.use(requestLog(dctx.log))
  app.use(errorHandler(dctx.log))
  const parseJson = bodyParser({
    enableTypes: ['json'],
    jsonLimit: MAX_BODY,
    onError: (err) => {
      const status = (err as { status?: number }).status
      if (status === 413) throw new AppError('payload_too_large', 'body too large')
      throw new AppError('bad_request', 'body is not valid JSON')
    },
  })
  // The request body: size limit, JSON parser, chunked bodies counted, method override, in this order.
  // A GET or HEAD without a body (almost every read) has nothing to check: it goes straight on.
  app.use(async (ctx, next) => {
    const h = ctx.req.headers
    if ((ctx.method === 'GET' || ctx.method === 'HEAD') && h['content-length'] === undefined && h['transfer-encoding'] === undefined) return next()
    const len = Number(h['content-length'] || 0)
    if (len > MAX_BODY_BYTES) throw new AppError('payload_too_large', 'body too large')
    return parseJson(ctx, async () => {
      // A body the JSON parser did not read (another content type), sent in chunks without a length:
      // count it as it streams and refuse it past the limit instead of leaving it unread.
      if (ctx.path.startsWith(API_PREFIX) && ctx.req.readable && ctx.get('transfer-encoding') && !ctx.get('content-length') && !['GET', 'HEAD'].includes(ctx.method)) {
        await new Promise<void>((resolve, reject) => {
          let size = 0
          const onData = (chunk: Buffer) => {
            size += chunk.length
            if (size <= MAX_BODY_BYTES) return
            // Stop counting but keep reading (and dropping) the rest, so the 413 reaches the client.
            ctx.req.off('data', onData)
            ctx.req.off('end', resolve)
            ctx.req.resume()
            reject(new AppError('payload_too_large', 'body too large'))
          }
          ctx.req.on('data', onData)
          ctx.req.once('end', resolve)
          ctx.req.once('error', reject)
        })
      }
      // wx.request cannot send PATCH: the mini-program sends POST with X-HTTP-Method-Override: PATCH.
      if (ctx.method === 'POST' && ctx.get('x-http-method-override').toUpperCase() === 'PATCH') ctx.method = 'PATCH'
      await next()
    })
  })
  app.use(rateLimit(limiterFor(dctx), { prefix: API_PREFIX, production: dctx.config.NODE_ENV === 'production' }))
  // Public answers that never change while the process runs, served without the router (ready-answers.ts).
  app.use(serveReadyAnswers(API_PREFIX))
  const health = healthRouter(dctx)
  app.use(health.routes())
  const api = apiRouter(dctx)
  app.use(api.routes()).use(api.allowedMethods())
  for (const r of extraRouters) app.use(r.routes()).use(r.allowedMethods())
  return app
}
