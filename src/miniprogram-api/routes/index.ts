/** Every /api/v1 route module, mounted once. Add a module's `xRouter(dctx, router)` call here. */
import Router from '@koa/router'
import type { DomainContext } from '../../domain/context'
import { authRouter } from './auth/auth.router'
import { jurisdictionsRouter } from './jurisdictions/jurisdictions.router'
import { meRouter } from './me/me.router'
import { needsRouter } from './needs/needs.router'
import { staffRouter } from './staff/staff.router'
import { bookingRouter } from './booking/booking.router'
import { staffBookingRouter } from './staff-booking/staff-booking.router'
import { openApiRoute } from '../openapi'

export function apiRouter(dctx: DomainContext): Router {
  const router = new Router({ prefix: '/api/v1' })
  authRouter(dctx, router)
  jurisdictionsRouter(dctx, router)
  meRouter(dctx, router)
  needsRouter(dctx, router)
  staffRouter(dctx, router)
  bookingRouter(dctx, router)
  staffBookingRouter(dctx, router)
  openApiRoute(router)
  return router
}
