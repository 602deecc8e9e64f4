import Router from '@koa/router'
import type { DomainContext } from '../../../domain/context'

/** Liveness and readiness, outside /api/v1. */
export function healthRouter(dctx: DomainContext): Router {
  const router = new Router()
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' }
  })
  router.get('/readyz', async (ctx) => {
    const ok = await dctx.db.ping()
    ctx.status = ok ? 200 : 503
    ctx.body = ok ? { status: 'ready' } : { error: { code: 'unavailable', message: 'database not answering' } }
  })
  return router
}
