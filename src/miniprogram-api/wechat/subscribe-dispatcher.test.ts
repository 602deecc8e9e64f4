import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../../../test/support/context'
import { startFakeWeChat, type FakeWeChat } from '../../../test/api/fake-wechat'
import { findOrCreateIdentity, setIdentityLanguage } from '../../domain/identity/identity.service'
import { enqueue } from '../../domain/outbox/outbox.service'
import { OutboundMessage } from '../../db/entities'
import { deliverMiniprogramMessages, startMiniprogramDelivery, wechatTime } from './subscribe-dispatcher'
import { createWeChatClient } from './wechat.client'
import { silentLogger } from '../../shared/logger'
import type { DomainContext } from '../../domain/context'

let wx: FakeWeChat
beforeAll(async () => {
  wx = await startFakeWeChat()
})
afterAll(async () => {
  await wx.close()
})

const reminder = (recipient: number, key: string) => ({
  channel: 'miniprogram' as const,
  recipient: String(recipient),
  familyId: 1,
  kind: 'reminder',
  dedupeKey: key,
  messageKey: 'booking:reminder.24h',
  params: { kind: 'mental_health', start: '2026-03-03 09:30', place: '城东社区服务中心第二活动室很长很长的名字', mode: 'in_person', bookingId: 7 },
})
const status = async (ctx: DomainContext, id: number | null) => (await ctx.db.repo(OutboundMessage).findOneByOrFail({ id: id! })).status
const client = () => createWeChatClient({ appId: wx.appId, secret: wx.secret, baseUrl: wx.url, log: silentLogger, attempts: 2, backoffMs: 5, timeoutMs: 2000 })

it('writes WeChat times the way templates accept them', () => {
  expect(wechatTime('2026-03-03 09:30')).toBe('2026年3月3日 09:30')
})

describeEachDb(
  'mini-program subscription messages',
  (h) => {
    it('pushes a booking reminder to a real openid, in the family language; keeps the rest in the app', async () => {
      const ctx = h.ctx()
      const real = await findOrCreateIdentity(ctx, 'miniprogram', 'openid-real-1')
      const dev = await findOrCreateIdentity(ctx, 'miniprogram', 'dev:tester')
      const a = await enqueue(ctx, reminder(real.id, 'r:1'))
      const b = await enqueue(ctx, reminder(dev.id, 'r:2'))
      const c = await enqueue(ctx, { channel: 'miniprogram', recipient: String(real.id), familyId: 1, kind: 'staff_reply', dedupeKey: 'r:3', messageKey: 'staff:reply.leadIn', plainText: '周三下午来社区办公室。' })
      const before = wx.sent.length
      const r = await deliverMiniprogramMessages(ctx, client())
      expect(r).toEqual({ pushed: 1, inApp: 2, retry: 0 })
      const sent = wx.sent.slice(before)
      expect(sent).toHaveLength(1)
      expect(sent[0]).toMatchObject({ touser: 'openid-real-1', template_id: 'tpl-booking', page: 'pages/bookings/bookings' })
      expect(sent[0]!.data.thing1!.value).toBe('心理健康支持')
      expect(sent[0]!.data.time2!.value).toBe('2026年3月3日 09:30')
      expect([...sent[0]!.data.thing3!.value].length).toBeLessThanOrEqual(20)
      expect(sent[0]!.data.thing4!.value).toMatch(/取消/)
      for (const id of [a, b, c]) expect(await status(ctx, id)).toBe('sent')
      // Nothing left to do.
      expect(await deliverMiniprogramMessages(ctx, client())).toEqual({ pushed: 0, inApp: 0, retry: 0 })

      await setIdentityLanguage(ctx, real.id, 'en')
      await enqueue(ctx, reminder(real.id, 'r:4'))
      await deliverMiniprogramMessages(ctx, client())
      expect(wx.sent.at(-1)!.data.thing1!.value).toBe('Mental health talk')
      // WeChat refuses `thing` values over 20 characters: every one fits, whole, in both languages.
      for (const m of wx.sent.slice(-2)) {
        for (const [k, v] of Object.entries(m.data)) if (k.startsWith('thing')) expect([...v.value].length).toBeLessThanOrEqual(20)
        expect(m.data.thing4!.value).toMatch(/[。.]$/)
      }
    })

    it('retries with back-off while WeChat is down, and sends when it is back', async () => {
      const ctx = h.ctx()
      const real = await findOrCreateIdentity(ctx, 'miniprogram', 'openid-real-2')
      const id = await enqueue(ctx, reminder(real.id, 'r:5'))
      wx.busy = 2 // both attempts of this delivery
      expect(await deliverMiniprogramMessages(ctx, client())).toEqual({ pushed: 0, inApp: 0, retry: 1 })
      wx.busy = 0
      expect(await status(ctx, id)).toBe('pending')
      expect((await ctx.db.repo(OutboundMessage).findOneByOrFail({ id: id! })).lastError).toBe('wx_unavailable_-1')
      // Not yet due again.
      expect(await deliverMiniprogramMessages(ctx, client())).toEqual({ pushed: 0, inApp: 0, retry: 0 })
      h.clock().advance(10 * 60_000)
      const before = wx.sent.length
      expect(await deliverMiniprogramMessages(ctx, client())).toEqual({ pushed: 1, inApp: 0, retry: 0 })
      expect(wx.sent.length).toBe(before + 1)
      expect(await status(ctx, id)).toBe('sent')
    })

    it('does not retry when the family did not allow the message; it stays readable in the app', async () => {
      const ctx = h.ctx()
      const real = await findOrCreateIdentity(ctx, 'miniprogram', 'openid-real-3')
      const id = await enqueue(ctx, reminder(real.id, 'r:6'))
      wx.sendErrcode = 43101
      expect(await deliverMiniprogramMessages(ctx, client())).toEqual({ pushed: 0, inApp: 1, retry: 0 })
      wx.sendErrcode = 0
      expect(await status(ctx, id)).toBe('sent')
    })

    it('starts with the service: delivers as soon as a message is queued, stops cleanly', async () => {
      const ctx = h.ctx()
      const real = await findOrCreateIdentity(ctx, 'miniprogram', 'openid-real-4')
      const svc = startMiniprogramDelivery(ctx, { intervalMs: 60_000, client: client() })
      const before = wx.sent.length
      const id = await enqueue(ctx, reminder(real.id, 'r:7'))
      for (let i = 0; i < 50 && (await status(ctx, id)) !== 'sent'; i++) await new Promise((r) => setTimeout(r, 20))
      expect(await status(ctx, id)).toBe('sent')
      expect(wx.sent.length).toBe(before + 1)
      await svc.stop()
      const later = await enqueue(ctx, reminder(real.id, 'r:8'))
      await new Promise((r) => setTimeout(r, 100))
      expect(await status(ctx, later)).toBe('pending')
    })
  },
  { WX_TEMPLATE_BOOKING_REMINDER: 'tpl-booking' },
)

describeEachDb('mini-program messages without a template', (h) => {
  it('leaves every message to be read in the app', async () => {
    const ctx = h.ctx()
    const real = await findOrCreateIdentity(ctx, 'miniprogram', 'openid-real-9')
    const id = await enqueue(ctx, reminder(real.id, 'n:1'))
    expect(await deliverMiniprogramMessages(ctx)).toEqual({ pushed: 0, inApp: 1, retry: 0 })
    expect(await status(ctx, id)).toBe('sent')
  })
})
