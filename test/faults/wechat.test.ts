/**
 * Fault: WeChat's APIs fail, against the fake WeChat server on 127.0.0.1 (test/api/fake-wechat.ts).
 *  - sign-in (code2Session): "system busy" and a time-out are retried with back-off and the family
 *    gets in; busy for longer is a 502 with a plain sentence; a refused code is a 401 that says
 *    what to do;
 *  - subscription messages (booking reminders): busy is retried, a time-out leaves the message
 *    queued for a later try (then delivered), a refusal (not subscribed) leaves it in the app;
 *  - nothing crashes, the service keeps serving, and no log line holds an openid, a code, the
 *    secret, an access token or the family's name or phone.
 */
import 'reflect-metadata'
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { createTestContext, dbKinds, type TestContext } from '../support/context'
import { startApi, capturingLogger, type Api } from '../api/http'
import { startFakeWeChat, type FakeWeChat } from '../api/fake-wechat'
import { profile, PLACES } from '../hostile/fixtures'
import { deliverMiniprogramMessages } from '../../src/miniprogram-api/wechat/subscribe-dispatcher'
import { createWeChatClient } from '../../src/miniprogram-api/wechat/wechat.client'
import { enqueue } from '../../src/domain/outbox/outbox.service'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { OutboundMessage } from '../../src/db/entities'
import { t } from '../../src/shared/i18n'
import { MINUTE } from '../../src/shared/clock'
import type { DomainContext } from '../../src/domain/context'

const OPENID = 'oXyZ-openid-secret-1'
const NAME = '孙丽华'
const PHONE = '13912345678'

for (const kind of dbKinds()) {
  describe(`WeChat failing [${kind}]`, () => {
    let wx: FakeWeChat
    let tc: TestContext
    let dctx: DomainContext
    let api: Api
    const cap = capturingLogger()
    const codes: string[] = []
    const code = () => {
      const c = `code-${codes.length}-${Math.random().toString(36).slice(2, 10)}`
      codes.push(c)
      wx.codes.set(c, { openid: OPENID })
      return c
    }

    beforeAll(async () => {
      wx = await startFakeWeChat()
      tc = await createTestContext(kind, { WX_APPID: wx.appId, WX_SECRET: wx.secret, WX_API_BASE: wx.url, WX_TEMPLATE_BOOKING_REMINDER: 'tpl-booking' })
      dctx = { ...tc.ctx, log: cap.log }
      api = await startApi(dctx)
    })
    afterAll(async () => {
      await api?.close()
      await tc?.cleanup()
      await wx?.close()
    })

    it('signs in through a busy WeChat after retries with back-off', async () => {
      wx.busy = 2
      const calls = wx.calls.length
      const started = Date.now()
      const r = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: code() } })
      expect(r.status).toBe(200)
      expect(wx.calls.slice(calls).filter((p) => p === '/sns/jscode2session')).toHaveLength(3)
      // back-off: 300 ms, then 600 ms
      expect(Date.now() - started).toBeGreaterThanOrEqual(850)
      const me = await api.call('PUT', '/api/v1/me', { token: r.body.token, body: { ...profile(NAME, PLACES.a, PHONE) } })
      expect(me.status).toBe(200)
    })

    it('answers 502 in plain words when WeChat stays busy, and 401 with the next step for a refused code', async () => {
      wx.busy = 3
      const r = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: code() } })
      expect(r.status).toBe(502)
      expect(r.body.error).toMatchObject({ code: 'upstream_failed', message: t('zh-CN', 'errors.upstream_failed') })
      const en = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: code() }, headers: { 'x-language': 'en' } })
      expect(en.status).toBe(200) // WeChat is back: the next try works, no restart
      const refused = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'never-issued-code-77' } })
      expect(refused.status).toBe(401)
      expect(refused.body.error.message).toBe(t('zh-CN', 'api:reasons.wechat_code'))
    })

    it('signs in when WeChat does not answer once (a 5 s time-out, then a retry), and keeps serving', async () => {
      // (every attempt timing out is the same 'unavailable' failure as busy above: 502 in plain words)
      wx.hang = 1
      const started = Date.now()
      const r = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: code() } })
      expect(r.status).toBe(200)
      expect(Date.now() - started).toBeGreaterThanOrEqual(5000)
      expect((await api.call('GET', '/api/v1/me', { token: r.body.token })).status).toBe(200)
    }, 30_000)

    it('retries subscription messages: busy, time-out, refused; delivered or left in the app, never lost', async () => {
      const identity = await findOrCreateIdentity(dctx, 'miniprogram', OPENID)
      const client = createWeChatClient({ appId: wx.appId, secret: wx.secret, baseUrl: wx.url, log: cap.log, attempts: 2, backoffMs: 20, timeoutMs: 300 })
      const reminder = (key: string) => ({ channel: 'miniprogram' as const, recipient: String(identity.id), familyId: identity.familyId, kind: 'reminder', dedupeKey: key, messageKey: 'booking:reminder.24h', params: { kind: 'mental_health', start: '2026-03-03 09:30', place: '城东社区服务中心', mode: 'in_person', bookingId: 1 } })
      const row = async (id: number | null) => dctx.db.repo(OutboundMessage).findOneByOrFail({ id: id! })

      // busy once: retried inside the same delivery, sent
      const a = await enqueue(dctx, reminder('wx-fault-a'))
      wx.busy = 1
      expect(await deliverMiniprogramMessages(dctx, client)).toMatchObject({ pushed: 1, retry: 0 })
      expect((await row(a)).status).toBe('sent')

      // WeChat hangs past every attempt: the message stays queued for later, nothing crashes
      const b = await enqueue(dctx, reminder('wx-fault-b'))
      wx.hang = 2
      expect(await deliverMiniprogramMessages(dctx, client)).toMatchObject({ pushed: 0, retry: 1 })
      expect((await row(b)).status).toBe('pending')
      expect((await row(b)).lastError).toMatch(/timeout/)
      // later, WeChat answers again: delivered
      tc.clock.advance(30 * MINUTE)
      const sentBefore = wx.sent.length
      expect(await deliverMiniprogramMessages(dctx, client)).toMatchObject({ pushed: 1, retry: 0 })
      expect((await row(b)).status).toBe('sent')
      expect(wx.sent.slice(sentBefore)[0]).toMatchObject({ touser: OPENID, template_id: 'tpl-booking' })

      // the family has not allowed reminders (43101): not retried forever, the reminder is in the app
      const c = await enqueue(dctx, reminder('wx-fault-c'))
      wx.sendErrcode = 43101
      expect(await deliverMiniprogramMessages(dctx, client)).toMatchObject({ pushed: 0, inApp: 1 })
      expect((await row(c)).status).toBe('sent')
      wx.sendErrcode = 0
    })

    it('logged every failure without an openid, a code, the secret, a token, a name or a phone', () => {
      const log = cap.lines.join('\n')
      expect(log).toMatch(/wechat call failed/)
      expect(log).toMatch(/timeout/)
      for (const secret of [OPENID, wx.secret, NAME, PHONE, 'token-1', 'never-issued-code-77', ...codes]) expect(log, secret).not.toContain(secret)
    })
  })
}
