/** Family authentication: `Authorization: Bearer <token>` → ctx.state.identity. */
import type { Context, Next } from 'koa'
import { AppError } from '../../shared/errors'
import { identityForToken, type IdentityView } from '../../domain/identity/identity.service'
import type { DomainContext } from '../../domain/context'
import { enforce, limiterFor } from './rate-limit'

export interface FamilyState {
  identity: IdentityView
}

export function bearerToken(ctx: Context): string | undefined {
  const h = ctx.get('authorization')
  const m = /^Bearer\s+(\S+)$/i.exec(h)
  return m?.[1]
}

export function authenticateFamily(dctx: DomainContext) {
  return async (ctx: Context, next: Next) => {
    const token = bearerToken(ctx)
    if (!token) throw new AppError('unauthenticated', 'missing token')
    ctx.state.identity = await identityForToken(dctx, token)
    // One identity's sessions share one limit (a new sign-in does not buy more requests).
    enforce(ctx, limiterFor(dctx), `id:${(ctx.state as FamilyState).identity.id}`)
    await next()
  }
}

/** The signed-in family identity of a request (after authenticateFamily). */
export const identityOf = (ctx: Context): IdentityView => (ctx.state as FamilyState).identity
