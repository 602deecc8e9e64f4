import Router from '@koa/router'
import { z } from 'zod'
import { defineRoute } from '../../openapi'
import { AppError } from '../../../shared/errors'
import { findOrCreateIdentity, openSession } from '../../../domain/identity/identity.service'
import type { DomainContext } from '../../../domain/context'

export const WxLoginBody = z
  .object({ code: z.string().min(1).max(128).openapi({ example: 'dev:xiaoming-mum' }) })
  .openapi('WxLoginBody')
export const SessionResponse = z.object({ token: z.string(), expiresAt: z.string().openapi({ example: '2026-03-09T01:00:00.000Z' }) }).openapi('Session')

/**
 * Sign-in. With WeChat settings the code is exchanged through code2Session; without them
 * (the embedded default, never in production) `dev:<name>` signs in as a development user.
 */
export function authRouter(dctx: DomainContext, router: Router): void {
  defineRoute(
    router,
    { method: 'post', path: '/auth/wx-login', summary: 'Sign in with a wx.login code', tags: ['auth'], auth: 'none', body: WxLoginBody, response: SessionResponse, errors: [403, 502] },
    async (_ctx, { body }) => {
      let externalId: string
      if (body.code.startsWith('dev:')) {
        if (dctx.config.NODE_ENV === 'production') throw new AppError('forbidden', 'development sign-in is off in production')
        const name = body.code.slice(4).trim()
        if (!name) throw new AppError('validation_failed', 'empty dev name', { fields: [{ path: 'code', message: 'dev:<name>' }] })
        externalId = `dev:${name}`
      } else {
        throw new AppError('forbidden', 'WeChat sign-in is not configured')
      }
      const identity = await findOrCreateIdentity(dctx, 'miniprogram', externalId)
      const s = await openSession(dctx, identity.id)
      return { token: s.token, expiresAt: s.expiresAt.toISOString() }
    },
  )
}
