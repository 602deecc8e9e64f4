import 'reflect-metadata'
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { createTestContext, dbKinds, type TestContext } from '../support/context'
import { startApi, capturingLogger, type Api } from './http'
import { startFakeWeChat, type FakeWeChat } from './fake-wechat'

for (const kind of dbKinds()) {
  describe(`sign-in [${kind}]`, () => {
    describe('without WeChat settings (development)', () => {
      let tc: TestContext
      let api: Api
      const cap = capturingLogger()
      beforeAll(async () => {
        tc = await createTestContext(kind)
        api = await startApi({ ...tc.ctx, log: cap.log })
      })
      afterAll(async () => {
        await api.close()
        await tc.cleanup()
      })

      it('says loudly at start that the development sign-in is on', () => {
        const warn = cap.lines.map((l) => JSON.parse(l)).find((l) => l.level === 40 && /DEVELOPMENT SIGN-IN/.test(l.msg))
        expect(warn).toBeTruthy()
      })

      it('signs in dev:<name> as the same identity each time, with a working token', async () => {
        const a = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:mum-1' } })
        const b = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:mum-1' } })
        expect(a.status).toBe(200)
        expect(a.body.token).toMatch(/^[\w-]{20,}$/)
        expect(new Date(a.body.expiresAt).getTime()).toBeGreaterThan(tc.clock.now().getTime())
        expect(b.body.token).not.toBe(a.body.token)
      })

      it('keeps the language a user chooses, for what the service sends on its own', async () => {
        const { body } = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:lang-user' } })
        const r = await api.call('PUT', '/api/v1/auth/language', { token: body.token, body: { language: 'en' } })
        expect(r.status).toBe(200)
        const { identityForToken } = await import('../../src/domain/identity/identity.service')
        expect((await identityForToken(tc.ctx, body.token)).language).toBe('en')
        const bad = await api.call('PUT', '/api/v1/auth/language', { token: body.token, body: { language: 'fr' } })
        expect(bad.status).toBe(400)
        // The answers now come in English for this user.
        expect(bad.body.error.message).toMatch(/^Something in the form needs fixing/)
        expect((await api.call('PUT', '/api/v1/auth/language', { body: { language: 'en' } })).status).toBe(401)
      })

      it('refuses a real wx.login code when WeChat is not configured, and an empty dev name', async () => {
        const r = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: '081abcDEF' } })
        expect(r.status).toBe(403)
        expect(r.body.error.code).toBe('forbidden')
        const e = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:  ' } })
        expect(e.status).toBe(400)
        expect(e.body.error.fields[0].path).toBe('code')
        const m = await api.call('POST', '/api/v1/auth/wx-login', { body: {} })
        expect(m.status).toBe(400)
        expect(m.body.error).toMatchObject({ code: 'validation_failed', fields: [{ path: 'code' }] })
      })
    })

    describe('in production without WeChat settings', () => {
      let tc: TestContext
      let api: Api
      beforeAll(async () => {
        tc = await createTestContext(kind, { NODE_ENV: 'production' })
        api = await startApi(tc.ctx)
      })
      afterAll(async () => {
        await api.close()
        await tc.cleanup()
      })
      it('refuses the development sign-in', async () => {
        const r = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:mum-1' }, headers: { 'accept-language': 'en' } })
        expect(r.status).toBe(403)
        expect(r.body.error.code).toBe('forbidden')
        expect(r.body.error.message).toMatch(/sign in with WeChat/)
      })
    })

    describe('with WeChat settings (a fake WeChat on 127.0.0.1)', () => {
      let tc: TestContext
      let api: Api
      let wx: FakeWeChat
      const cap = capturingLogger()
      beforeAll(async () => {
        wx = await startFakeWeChat()
        tc = await createTestContext(kind, { WX_APPID: wx.appId, WX_SECRET: wx.secret, WX_API_BASE: wx.url })
        api = await startApi({ ...tc.ctx, log: cap.log })
      })
      afterAll(async () => {
        await api.close()
        await tc.cleanup()
        await wx.close()
      })

      it('exchanges the code for the openid: one identity per openid', async () => {
        wx.codes.set('code-a1', { openid: 'openid-A' })
        wx.codes.set('code-a2', { openid: 'openid-A' })
        const a = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'code-a1' } })
        const b = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'code-a2' } })
        expect(a.status).toBe(200)
        expect(b.status).toBe(200)
        const { identityForToken } = await import('../../src/domain/identity/identity.service')
        const ia = await identityForToken(tc.ctx, a.body.token)
        const ib = await identityForToken(tc.ctx, b.body.token)
        expect(ia.id).toBe(ib.id)
        expect(ia.channel).toBe('miniprogram')
      })

      it('answers 401 for an invalid or expired code, in plain words', async () => {
        wx.codes.set('code-expired', { errcode: 40163 })
        for (const code of ['code-expired', 'never-issued']) {
          const r = await api.call('POST', '/api/v1/auth/wx-login', { body: { code } })
          expect(r.status).toBe(401)
          expect(r.body.error.code).toBe('unauthenticated')
          expect(r.body.error.message).toMatch(/重新打开/)
        }
      })

      it('answers 502 when WeChat stays busy, and the development sign-in is off', async () => {
        wx.codes.set('code-busy', { openid: 'openid-B' })
        wx.busy = 10
        const r = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'code-busy' } })
        wx.busy = 0
        expect(r.status).toBe(502)
        expect(r.body.error.code).toBe('upstream_failed')
        const d = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:someone' } })
        expect(d.status).toBe(401)
      })

      it('never logs the code or the openid', async () => {
        const all = cap.lines.join('')
        for (const s of ['code-a1', 'openid-A', 'code-expired', 'openid-B', wx.secret]) expect(all).not.toContain(s)
        expect(all).not.toContain('DEVELOPMENT SIGN-IN')
      })
    })
  })
}
