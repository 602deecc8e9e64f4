import Router from '@koa/router'
import { z } from 'zod'
import { defineRoute, requestLanguage } from '../../openapi'
import { AppError } from '../../../shared/errors'
import { findOrCreateIdentity, openSession, setIdentityLanguage } from '../../../domain/identity/identity.service'
import { authenticateFamily, identityOf } from '../../middlewares/authenticate'
import { LANGUAGES, t } from '../../../shared/i18n'
import type { DomainContext } from '../../../domain/context'
import { WeChatError, wechatClientFor } from '../../wechat'

export const WxLoginBody = z
  .object({ code: z.string().min(1).max(128).openapi({ example: 'dev:xiaoming-mum' }) })
  .openapi('WxLoginBody')
export const LanguageBody = z.object({ language: z.enum(LANGUAGES).openapi({ example: 'en' }) }).openapi('LanguageChoice')
export const SessionResponse = z.object({ token: z.string(), expiresAt: z.string().openapi({ example: '2026-03-09T01:00:00.000Z' }) }).openapi('Session')

/**
 * Sign-in. With WeChat settings (WX_APPID, WX_SECRET) the `wx.login` code is exchanged through
 * code2Session for the family's openid; a bad or expired code is 401, WeChat being down or our
 * own settings being wrong is 502. Without them (the embedded default, never in production)
 * `dev:<name>` signs in as a development user, and the start says so in a warn line.
 */
export function authRouter(dctx: DomainContext, router: Router): void {
  const wechat = wechatClientFor(dctx)
  const production = dctx.config.NODE_ENV === 'production'
  if (!wechat && !production) {
    dctx.log.warn('WX_APPID/WX_SECRET not set: DEVELOPMENT SIGN-IN IS ON ("dev:<name>" signs anyone in). Set them before real families use this service.')
  } else if (!wechat) {
    dctx.log.error('WX_APPID/WX_SECRET not set in production: mini-program sign-in is off.')
  }
  defineRoute(
    router,
    { method: 'post', path: '/auth/wx-login', summary: 'Sign in with a wx.login code', tags: ['auth'], auth: 'none', body: WxLoginBody, response: SessionResponse, errors: [401, 403, 502] },
    async (ctx, { body }) => {
      let externalId: string
      if (wechat) {
        try {
          externalId = (await wechat.code2Session(body.code)).openid
        } catch (e) {
          if (!(e instanceof WeChatError)) throw e
          if (e.failure === 'invalid_code') throw new AppError('unauthenticated', 'wx.login code refused', { details: { reason: 'wechat_code' } })
          if (e.failure === 'bad_credentials') dctx.log.error({ errcode: e.errcode }, 'WeChat refused our WX_APPID/WX_SECRET: check the settings')
          throw new AppError('upstream_failed', 'code2Session failed')
        }
      } else if (body.code.startsWith('dev:')) {
        if (production) throw new AppError('forbidden', 'development sign-in is off in production', { details: { reason: 'dev_sign_in_off' } })
        const name = body.code.slice(4).trim()
        // in the client's words (it said 'empty dev name' and 'dev:<name>' to a Chinese client)
        const lang = requestLanguage(ctx)
        if (!name) throw new AppError('validation_failed', t(lang, 'errors.validation_failed'), { fields: [{ path: 'code', message: t(lang, 'api:devName') }] })
        externalId = `dev:${name}`
      } else {
        throw new AppError('forbidden', 'WeChat sign-in is not configured', { details: { reason: 'wechat_not_configured' } })
      }
      const identity = await findOrCreateIdentity(dctx, 'miniprogram', externalId)
      const s = await openSession(dctx, identity.id)
      return { token: s.token, expiresAt: s.expiresAt.toISOString() }
    },
  )

  defineRoute(
    router,
    {
      method: 'put',
      path: '/auth/language',
      summary: 'The language the service uses for this user, also in messages it sends on its own (reminders, staff answers)',
      tags: ['auth'],
      auth: 'family',
      middleware: [authenticateFamily(dctx)],
      body: LanguageBody,
      response: LanguageBody,
    },
    async (ctx, { body }) => {
      await setIdentityLanguage(dctx, identityOf(ctx).id, body.language)
      return { language: body.language }
    },
  )
}
