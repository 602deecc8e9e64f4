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
import { requestLine, requestLog } from './middlewares/request-log'
import { limiterFor, rateLimit } from './middlewares/rate-limit'
import { healthRouter } from './routes/health/health.router'
import { apiRouter } from './routes'
import { AppError } from '../shared/errors'
import { withReadyAnswers } from './ready-answers'

export const MAX_BODY = '1mb'
export const MAX_BODY_BYTES = 1024 * 1024
export const API_PREFIX = '/api/v1'

export function createApp(dctx: DomainContext, extraRouters: Router[] = []): Koa {
  const app = new Koa()
  app.proxy = true
  const line = requestLine(dctx.log)
  const limiter = limiterFor(dctx)
  const api = apiRouter(dctx)
  // Kept answers (public ones, and a family's own checklist while it is current), served before Koa (ready-answers.ts).
  withReadyAnswers(app, { prefix: API_PREFIX, routers: [api], limiter, line, proxy: app.proxy })
  app.use(requestLog(line))
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
  // The request body: size limit, JSON only, JSON parser (which holds chunked bodies to the limit too),
  // method override, in this order. A GET or HEAD without a body (almost every read) goes straight on.
  app.use(async (ctx, next) => {
    const h = ctx.req.headers
    if ((ctx.method === 'GET' || ctx.method === 'HEAD') && h['content-length'] === undefined && h['transfer-encoding'] === undefined) return next()
    const len = Number(h['content-length'] || 0)
    if (len > MAX_BODY_BYTES) throw new AppError('payload_too_large', 'body too large')
    // The API takes JSON only: a body of another type (a form, XML, text) is refused as such, unread,
    // instead of being taken for an empty object whose every field is "missing".
    if (ctx.path.startsWith(API_PREFIX) && (len > 0 || h['transfer-encoding'] !== undefined) && !ctx.is('json')) {
      throw new AppError('unsupported_media_type', 'body is not JSON')
    }
    return parseJson(ctx, async () => {
      // wx.request cannot send PATCH: the mini-program sends POST with X-HTTP-Method-Override: PATCH.
      if (ctx.method === 'POST' && ctx.get('x-http-method-override').toUpperCase() === 'PATCH') ctx.method = 'PATCH'
      await next()
    })
  })
  app.use(rateLimit(limiter, { prefix: API_PREFIX, production: dctx.config.NODE_ENV === 'production' }))
  const health = healthRouter(dctx)
  app.use(health.routes())
  app.use(api.routes()).use(api.allowedMethods())
  for (const r of extraRouters) app.use(r.routes()).use(r.allowedMethods())
  return app
}
