// @vitest-environment jsdom
// The newer pages' logic under miniprogram-simulate, with the API answered by a table (shapes as the
// API gives them): offers and waiting lists on "my bookings", the waiting list on the booking page,
// moving a booking opened from the page query, the list note and the joining code in English.
import { describe, it, expect, beforeAll } from 'vitest'
import { join } from 'node:path'
import simulate from 'miniprogram-simulate'
import { buildMiniprogram, installWx, routes, flush, type FakeWx, type WxCall } from './harness'

let out: string
beforeAll(() => {
  out = buildMiniprogram()
})

const session = { token: 'tok-o', expiresAt: new Date(Date.now() + 3600_000).toISOString() }
const texts = (comp: any, sel: string): string[] => comp.querySelectorAll(sel).map((n: { dom: HTMLElement }) => n.dom.textContent!.trim())
function open(page: string, fake: FakeWx, props: Record<string, unknown> = {}) {
  void fake
  const comp = simulate.render(simulate.load(join(out, `pages/${page}/${page}`), { compiler: 'simulate' }), props)
  comp.attach(document.createElement('parent-wrapper'))
  return comp
}
const inDays = (d: number) => new Date(Date.now() + d * 86400_000).toISOString()
const slot = (id: string, start: string, remaining: number) => ({ id, type: 'mental_health', typeName: '心理健康服务', start, end: start, capacity: 1, remaining, provider: { id: 1, name: '李老师', department: null }, venue: null, mode: 'phone', modeName: '电话' })

describe('my bookings: offers and waiting lists', () => {
  it('shows an open offer with accept and decline, hides an expired one, and declines only after OK', async () => {
    const offers = [
      { id: 4, slot: slot('1-202603050930', inDays(2), 0), status: 'open', expiresAt: inDays(0.1), bookingId: null },
      { id: 5, slot: slot('1-202603060930', inDays(3), 0), status: 'open', expiresAt: inDays(-0.01), bookingId: null },
      { id: 6, slot: slot('1-202603070930', inDays(4), 0), status: 'declined', expiresAt: inDays(0.1), bookingId: null },
    ]
    const wx = installWx(
      routes({
        'POST /auth/wx-login': session,
        'GET /me/bookings': [],
        'GET /me/offers': () => ({ status: 200, data: offers }),
        'GET /me/waitlist': [{ id: 9, slotId: '1-202603080930', type: 'family_education', start: inDays(5), status: 'waiting', position: 2 }, { id: 10, slotId: 'x', type: 'family_education', start: inDays(5), status: 'left', position: null }],
        'POST /me/offers/4/decline': () => ((offers[0]!.status = 'declined'), { status: 200, data: { ok: true } }),
      }),
    )
    const comp = open('bookings', wx)
    await flush()
    expect(texts(comp, '.offer-text')).toHaveLength(1)
    expect(texts(comp, '.offer-text')[0]).toMatch(/^! .+ 的心理健康服务有空位了。$/)
    expect(texts(comp, '.waiting-position')).toEqual(['排第 2 位'])
    expect(comp.querySelector('.none')).toBeFalsy()
    wx.modalAnswer = false
    comp.querySelector('.decline').dispatchEvent('tap')
    await flush()
    expect(wx.modals.at(-1)!.content).toMatch(/会让给下一位家长/)
    expect(wx.requests.some((r) => r.path.endsWith('/decline'))).toBe(false)
    wx.modalAnswer = true
    comp.querySelector('.decline').dispatchEvent('tap')
    await flush(60)
    expect(wx.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/decline')).map((r) => r.path)).toEqual(['/api/v1/me/offers/4/decline'])
    expect(comp.querySelector('.offer')).toBeFalsy()
    expect(wx.toasts).toContain('已让给下一位')
  })

  it('still shows the bookings when the offers cannot be read, with no extra dialog', async () => {
    const wx = installWx(
      routes({
        'POST /auth/wx-login': session,
        'GET /me/bookings': [{ id: 8, type: 'mental_health', typeName: '心理健康服务', status: 'booked', slotId: 'x', start: inDays(3), end: inDays(3), provider: { name: '王老师' }, venue: null, mode: 'phone', childId: null }],
        'GET /me/offers': () => ({ status: 500, data: { error: { code: 'internal', message: '服务出了点问题。' } } }),
        'GET /me/waitlist': [],
      }),
    )
    const comp = open('bookings', wx)
    await flush()
    expect(texts(comp, '.booking-status')).toEqual(['✓ 已预约'])
    expect(wx.modals).toHaveLength(0)
    comp.querySelector('.reschedule').dispatchEvent('tap')
    await flush()
    expect(wx.navigations).toEqual(['/pages/booking/booking?reschedule=8&kind=mental_health'])
  })
})

describe('booking page: waiting list and moving a booking', () => {
  it('asks before joining the waiting list of a full time, and shows the times again when a place came free', async () => {
    const wx = installWx(
      routes({
        'POST /auth/wx-login': session,
        'GET /me/children': { children: [] },
        'GET /booking/slots': [slot('1-202603050930', inDays(2), 0)],
        'POST /me/waitlist': () => ({ status: 409, data: { error: { code: 'conflict', message: '这个时间还有空位，可以直接预约。' } } }),
      }),
    )
    const comp = open('booking', wx)
    await flush()
    comp.querySelectorAll('.kind')[1].dispatchEvent('tap')
    await flush()
    expect(texts(comp, '.time-left')).toEqual(['已约满 · 可以排队'])
    wx.modalAnswer = false
    comp.querySelector('.time').dispatchEvent('tap')
    await flush()
    expect(wx.requests.some((r) => r.path === '/api/v1/me/waitlist')).toBe(false)
    expect(comp.instance.data.step).toBe(2)
    wx.modalAnswer = true
    comp.querySelector('.time').dispatchEvent('tap')
    await flush(60)
    expect(wx.requests.find((r) => r.path === '/api/v1/me/waitlist')!.data).toEqual({ slotId: '1-202603050930' })
    expect(wx.modals.at(-1)!.content).toBe('这个时间还有空位，可以直接预约。')
    expect(wx.requests.filter((r) => r.path.startsWith('/api/v1/booking/slots'))).toHaveLength(2)
    expect(wx.navigations).toEqual([])
  })

  it('opened from the page query, moves the booking with one Idempotency-Key and offers only free times', async () => {
    const wx = installWx(
      routes({
        'POST /auth/wx-login': session,
        'GET /me/children': { children: [] },
        'GET /booking/slots': [slot('1-202603060930', inDays(3), 1)],
        'POST /me/bookings/8/reschedule': (c: WxCall) => ({ status: 201, data: { id: 9, status: 'booked', message: `约好了（${(c.data as { slotId: string }).slotId}）` } }),
      }),
    )
    const comp = open('booking', wx)
    await flush()
    comp.instance.onLoad({ reschedule: 'abc', kind: 'mental_health' })
    expect(comp.instance.data.rescheduleId).toBe(0)
    comp.instance.onLoad({ reschedule: '8', kind: 'mental_health' })
    await flush()
    expect(comp.querySelector('.reschedule-intro')).toBeTruthy()
    expect(wx.requests.find((r) => r.path.startsWith('/api/v1/booking/slots'))!.path).toBe('/api/v1/booking/slots?type=mental_health')
    comp.querySelector('.time').dispatchEvent('tap')
    await flush()
    expect(comp.querySelector('.child')).toBeFalsy()
    expect(comp.querySelector('.confirm').dom.textContent).toBe('确定换到这个时间')
    comp.querySelector('.confirm').dispatchEvent('tap')
    await flush()
    const post = wx.requests.find((r) => r.path === '/api/v1/me/bookings/8/reschedule')!
    expect(post.data).toEqual({ slotId: '1-202603060930' })
    expect(post.header['idempotency-key']).toBeTruthy()
    expect(wx.modals.at(-1)!.content).toBe('约好了（1-202603060930）')
    expect(wx.navigations).toEqual(['back'])
  })
})

describe('in English', () => {
  it('registration says which list a province gets; the joining code page speaks English', async () => {
    const wx = installWx(
      routes({
        'POST /auth/wx-login': session,
        'GET /me': { registered: true, consentText: { version: 'v', text: 'notice' }, family: { id: 1, jurisdiction: 'anhui.hefei', city: 'Hefei', servedBy: 'national', district: null, community: null, hukou: { province: 'a', city: 'b', county: 'c' }, movedInOn: '2024-01-01', residencePermit: false, consent: { version: 'v', at: '2024-01-01' }, guardians: [{ id: 1, name: 'Li', relation: 'mother', phone: null, language: 'en' }], children: [] }, erasureNotice: 'x' },
        'GET /places': { places: [{ id: 'jincheng', name: 'Jincheng', level: 'city', parent: 'shanxi', ownList: true, servedBy: 'jincheng' }, { id: 'shanxi', name: 'Shanxi', level: 'province', parent: null, ownList: false, servedBy: 'shanxi' }, { id: 'anhui', name: 'Anhui', level: 'province', parent: null, ownList: false, servedBy: 'national' }] },
        'POST /me/family/join-code': { code: '042917', expiresAt: '2026-05-02T08:00:00.000Z' },
      }),
    )
    wx.storage.set('lang', 'en')
    const reg = open('register', wx)
    await flush()
    expect(reg.querySelector('.f-place').dom.textContent).toBe('Anhui')
    expect(reg.instance.data.form.city).toBe('Hefei')
    expect(reg.querySelector('.list-note').dom.textContent).toBe('ⓘ This place has no list of its own yet. You will see the list of the whole country.')
    reg.instance.onPlace({ detail: { value: 1 } })
    await flush()
    expect(reg.querySelector('.list-note').dom.textContent).toBe('ⓘ This place has no list of its own yet. You will see the list of Shanxi.')

    const fam = open('family', wx)
    await flush()
    fam.querySelector('.get-code').dispatchEvent('tap')
    await flush()
    expect(fam.querySelector('.code-digits').dom.textContent).toBe('042 917')
    expect(fam.querySelector('.code-expires').dom.textContent).toBe('Valid until Sat 2/5 16:00. It works once.')
    wx.storage.delete('lang')
  })
})
