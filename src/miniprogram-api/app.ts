/** The Koa application: error handler first, request log, body limit, routers. */
import Koa from 'koa'
import { bodyParser } from '@koa/bodyparser'
import type { DomainContext } from '../domain/context'
import { errorHandler } from './middlewares/error-handler'
import { requestLog } from './middlewares/request-log'
import { healthRouter } from './routes/health/health.router'
import { apiRouter } from './routes'
import { AppError } from '../shared/errors'

export const MAX_BODY = '1mb'

export function createApp(dctx: DomainContext, extraRouters: Array<{ routes(): Koa.Middleware; allowedMethods(): Koa.Middleware }> = []): Koa {
  const app = new Koa()
  app.proxy = true
  app.use(requestLog(dctx.log))
  app.use(errorHandler(dctx.log))
  app.use(async (ctx, next) => {
    const len = Number(ctx.get('content-length') || 0)
    if (len > 1024 * 1024) throw new AppError('payload_too_large', 'body too large')
    await next()
  })
  app.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: MAX_BODY,
      onError: (err) => {
        const status = (err as { status?: number }).status
        if (status === 413) throw new AppError('payload_too_large', 'body too large')
        throw new AppError('bad_request', 'body is not valid JSON')
      },
    }),
  )
  const health = healthRouter(dctx)
  app.use(health.routes())
  const api = apiRouter(dctx)
  app.use(api.routes()).use(api.allowedMethods())
  for (const r of extraRouters) app.use(r.routes()).use(r.allowedMethods())
  return app
}
