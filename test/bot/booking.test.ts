import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startHarness, type Harness } from './harness'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { saveProfile } from '../../src/domain/registry/registry.service'
import { CONSENT_VERSION } from '../../src/domain/registry/registry.schemas'
import { createProvider, createVenue, addWorkingPlan } from '../../src/domain/booking/staff.service'
import { listFamilyBookings } from '../../src/domain/booking/booking.service'

describeEachDb('bot: booking a session and cancelling it', (h) => {
  let chat: Harness
  beforeAll(async () => {
    const ctx = h.ctx()
    h.clock().set('2026-03-02T02:00:00Z') // Monday 10:00 in Shanghai
    const provider = await createProvider(ctx, { displayName: '王老师', kinds: ['family_education'], jurisdiction: 'jincheng', community: '西街社区' })
    const venue = await createVenue(ctx, { name: '西街社区儿童之家', address: '西街 12 号', kind: 'childrens_home', jurisdiction: 'jincheng' })
    await addWorkingPlan(ctx, { providerId: provider.id, weekday: 3, start: '09:00', end: '11:00', sessionMinutes: 60, capacity: 1, kind: 'family_education', venueId: venue.id, mode: 'in_person' })
    chat = await startHarness(ctx)
  })
  afterAll(async () => {
    await chat.stop()
  })

  it('asks an unregistered parent to register first', async () => {
    const p = chat.parent('wx-book-new')
    await p.send('你好')
    await p.send('1')
    expect(await p.send('4')).toContain('请先登记家庭信息')
  })

  it('books: kind, next free times, pick, confirm; then sees and cancels it', async () => {
    const ctx = h.ctx()
    const p = chat.parent('wx-book')
    await p.send('你好')
    await p.send('1')
    const identity = await findOrCreateIdentity(ctx, 'bot', 'wx-book')
    const family = await saveProfile(
      ctx,
      identity.id,
      {
        name: '陈静', relation: 'mother', phone: null, jurisdiction: 'jincheng', district: '城区', street: null, community: '西街社区',
        hukou: { province: '河南省', city: '周口市', county: '郸城县' }, movedInOn: '2024-01-01', residencePermit: true,
        consent: { accepted: true, version: CONSENT_VERSION }, language: 'zh-CN',
      } as never,
      'zh-CN',
    )
    expect(await p.send('5')).toContain('您现在没有预约')
    const kinds = await p.send('预约')
    expect(kinds).toContain('1 家庭教育指导')
    const times = await p.send('1')
    expect(times).toContain('1 2026-03-04（周三）09:00，王老师')
    expect(times).toContain('2 2026-03-04（周三）10:00')
    expect(times).toContain('西街社区儿童之家')
    await p.send('2')
    const confirm = await p.send('跳过') // the optional topic question (test/bot/booking-topic.test.ts)
    expect(confirm).toContain('2026-03-04（周三）10:00')
    expect(confirm).toContain('回复 1 确认')
    const booked = await p.send('1')
    expect(booked).toContain('地点：西街社区儿童之家')
    expect(booked).toContain('约好了')
    expect(booked).toContain('2026-03-04（周三）10:00')
    let bookings = await listFamilyBookings(ctx, family.id)
    expect(bookings.map((b) => b.status)).toEqual(['booked'])

    // the place is taken: it is no longer offered
    await p.send('4')
    const again = await p.send('1')
    expect(again).not.toContain('2026-03-04（周三）10:00')
    await p.send('菜单')

    const mine = await p.send('5')
    expect(mine).toContain('1 2026-03-04（周三）10:00 家庭教育指导，王老师')
    expect(await p.send('1')).toContain('确定要取消')
    const cancelled = await p.send('1')
    expect(cancelled).toContain('已取消')
    bookings = await listFamilyBookings(ctx, family.id)
    expect(bookings.map((b) => b.status)).toEqual(['cancelled'])
    expect(await p.send('5')).toContain('您现在没有预约')
  })

  it('a session booked less than the cut-off before it starts: says it cannot be cancelled in chat, and a late cancel says whom to tell', async () => {
    const ctx = h.ctx()
    const p = chat.parent('wx-book-late')
    await p.send('你好')
    await p.send('1')
    const identity = await findOrCreateIdentity(ctx, 'bot', 'wx-book-late')
    await saveProfile(
      ctx,
      identity.id,
      {
        name: '周红', relation: 'mother', phone: null, jurisdiction: 'jincheng', district: '城区', street: null, community: '西街社区',
        hukou: { province: '河南省', city: '周口市', county: '郸城县' }, movedInOn: '2024-01-01', residencePermit: true,
        consent: { accepted: true, version: CONSENT_VERSION }, language: 'zh-CN',
      } as never,
      'zh-CN',
    )
    h.clock().set('2026-03-04T00:30:00Z') // Wednesday 08:30 in Shanghai: the 09:00 session starts in half an hour
    await p.send('4')
    const times = await p.send('1')
    expect(times).toContain('1 2026-03-04（周三）09:00')
    await p.send('1')
    await p.send('跳过')
    const booked = await p.send('1')
    expect(booked).toContain('约好了')
    expect(booked).toContain('约好后不能在这里取消')
    expect(booked).not.toContain('回复 5 取消')
    await p.send('5')
    await p.send('1')
    const late = await p.send('1')
    expect(late).toContain('离开始时间太近')
    expect(late).toContain('请回复“人工”')
    expect(late).not.toContain('请再发一次')
    // the conversation is back at the menu, not stuck at the cancel question
    expect(await p.send('菜单')).toContain('1 登记家庭和孩子')
  })
})

describeEachDb(
  'bot: waiting list when every time is taken, offer accepted in chat',
  (h) => {
    let chat: Harness
    const register = async (id: string, name: string) => {
      const ctx = h.ctx()
      const p = chat.parent(id)
      await p.send('你好')
      await p.send('1')
      const identity = await findOrCreateIdentity(ctx, 'bot', id)
      await saveProfile(
        ctx,
        identity.id,
        {
          name, relation: 'mother', phone: null, jurisdiction: 'jincheng', district: '城区', street: null, community: '西街社区',
          hukou: { province: '河南省', city: '周口市', county: '郸城县' }, movedInOn: '2024-01-01', residencePermit: true,
          consent: { accepted: true, version: CONSENT_VERSION }, language: 'zh-CN',
        } as never,
        'zh-CN',
      )
      return p
    }
    beforeAll(async () => {
      const ctx = h.ctx()
      h.clock().set('2026-03-02T02:00:00Z')
      const provider = await createProvider(ctx, { displayName: '李老师', kinds: ['mental_health'], jurisdiction: 'jincheng' })
      await addWorkingPlan(ctx, { providerId: provider.id, weekday: 3, start: '09:00', end: '10:00', sessionMinutes: 60, capacity: 1, kind: 'mental_health', mode: 'online' })
      chat = await startHarness(ctx)
    })
    afterAll(async () => {
      await chat.stop()
    })

    it('queues the second family and hands it the place the first one gives up', async () => {
      const a = await register('wx-wait-a', '甲')
      const b = await register('wx-wait-b', '乙')
      await a.send('4')
      expect(await a.send('2')).toContain('1 2026-03-04（周三）09:00，李老师，线上视频')
      await a.send('1')
      await a.send('跳过')
      expect(await a.send('1')).toContain('约好了')

      await b.send('4')
      const full = await b.send('2')
      expect(full).toContain('都约满了')
      expect(full).toContain('1 2026-03-04（周三）09:00')
      await b.send('1')
      expect(await b.send('跳过')).toContain('您排第 1 位')

      await a.send('5')
      await a.send('1')
      expect(await a.send('1')).toContain('已取消')
      // the freed place is offered to b in the chat
      for (let i = 0; i < 60 && !b.inbox.join().includes('空出了一个位置'); i++) await new Promise((r) => setTimeout(r, 50))
      expect(b.inbox.join()).toContain('空出了一个位置')
      const accepted = await b.send('接受')
      expect(accepted).toContain('约好了')
      expect(accepted).toContain('2026-03-04（周三）09:00')
    })
  },
  { BOOKING_WEEKS_AHEAD: '1' },
)
