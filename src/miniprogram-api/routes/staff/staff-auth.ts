/** Staff authentication: `Authorization: Bearer <staff token>` → ctx.state.staff. */
import type { Context, Next } from 'koa'
import { AppError } from '../../../shared/errors'
import { staffForToken, type StaffView } from '../../../domain/staff/staff.service'
import { bearerToken } from '../../middlewares/authenticate'
import type { DomainContext } from '../../../domain/context'

export function authenticateStaff(dctx: DomainContext) {
  return async (ctx: Context, next: Next) => {
    const token = bearerToken(ctx)
    if (!token) throw new AppError('unauthenticated', 'missing token')
    ctx.state.staff = await staffForToken(dctx, token)
    await next()
  }
}

/** The signed-in staff member of a request (after authenticateStaff). */
export const staffOf = (ctx: Context): StaffView => (ctx.state as { staff: StaffView }).staff
