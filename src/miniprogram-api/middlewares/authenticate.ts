/** Family authentication: `Authorization: Bearer <token>` → ctx.state.identity. */
import type { Context, Next } from 'koa'
import { AppError } from '../../shared/errors'
import { identityForToken, type IdentityView } from '../../domain/identity/identity.service'
import type { DomainContext } from '../../domain/context'
import { enforce, identityRateKey, limiterFor } from './rate-limit'

export interface FamilyState {
  identity: IdentityView
}

export function bearerToken(ctx: Context): string | undefined {
  return bearerTokenOf(ctx.req.headers.authorization)
}

/** The token of an `Authorization: Bearer <token>` header value. */
export function bearerTokenOf(header: string | undefined): string | undefined {
  if (!header) return undefined
  const m = /^Bearer\s+(\S+)$/i.exec(header)
  return m?.[1]
}

export function authenticateFamily(dctx: DomainContext) {
  return authenticateFamilyWith(dctx, async (d, token) => ({ identity: await identityForToken(d, token), data: undefined }))
}

/**
 * Family authentication with the route's own read done in the same round trip as the session lookup
 * (`signIn` is a domain function such as `signedInChecklistInput`); the read is `loadedOf(ctx)`.
 */
export function authenticateFamilyWith<T>(dctx: DomainContext, signIn: (dctx: DomainContext, token: string) => Promise<{ identity: IdentityView; data: T }>) {
  return async (ctx: Context, next: Next) => {
    const token = bearerToken(ctx)
    if (!token) throw new AppError('unauthenticated', 'missing token')
    const { identity, data } = await signIn(dctx, token)
    ctx.state.identity = identity
    ctx.state.loaded = data
    // One identity's sessions share one limit (a new sign-in does not buy more requests).
    enforce(ctx, limiterFor(dctx), identityRateKey(identity.id))
    await next()
  }
}

/** What `authenticateFamilyWith`'s sign-in read along with the session (typed by the route that mounted it). */
export const loadedOf = <T>(ctx: Context): T => (ctx.state as { loaded: T }).loaded

/** The signed-in family identity of a request (after authenticateFamily). */
export const identityOf = (ctx: Context): IdentityView => (ctx.state as FamilyState).identity
