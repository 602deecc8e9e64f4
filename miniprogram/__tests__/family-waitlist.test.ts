// @vitest-environment jsdom
// The pages added for the newer API, against the real API on 127.0.0.1 (no canned answers): a place
// without its own list, a second parent joining with a code, the erasure notice, a full time's
// waiting list, the offer that follows a cancellation, and moving a booking to another time.
import 'reflect-metadata'
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { join } from 'node:path'
import simulate from 'miniprogram-simulate'
import { createTestContext, type TestContext } from '../../test/support/context'
import { startApi, type Api } from '../../test/api/http'
import { createProvider, openSlot } from '../../src/domain/booking/staff.service'
import { buildMiniprogram, installWx, forwardTo, flush, type FakeWx } from './harness'

let out: string
let tc: TestContext
let api: Api
let wx: FakeWx
const tokens: Record<string, string> = {}

const until = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms
  while (!cond() && Date.now() < end) await flush(20)
}
function open(page: string, props: Record<string, unknown> = {}) {
  const comp = simulate.render(simulate.load(join(out, `pages/${page}/${page}`), { compiler: 'simulate' }), props)
  comp.attach(document.createElement('parent-wrapper'))
  return comp
}
const texts = (comp: any, sel: string): string[] => comp.querySelectorAll(sel).map((n: { dom: HTMLElement }) => n.dom.textContent!.trim())
const text = (comp: any, sel: string): string => comp.querySelector(sel).dom.textContent.trim()

/** The mini-program is now used by `name` (a development sign-in of its own). */
async function useAs(name: string): Promise<string> {
  const r = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: `dev:${name}` } })
  expect(r.status).toBe(200)
  wx.storage.set('session', r.body)
  tokens[name] = r.body.token
  return r.body.token
}
const as = (name: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) => api.call(method, `/api/v1${path}`, { token: tokens[name], body, headers })

async function registerByApi(name: string, guardian: string) {
  await useAs(name)
  const r = await as(name, 'PUT', '/me', {
    name: guardian,
    relation: 'mother',
    jurisdiction: 'jincheng',
    hukou: { province: '河南省', city: '周口市', county: '郸城县' },
    movedInOn: '2024-01-01',
    residencePermit: false,
    consent: { accepted: true, version: (await as(name, 'GET', '/me')).body.consentText.version },
  })
  expect(r.status).toBe(200)
}

const hour = (days: number, h = 0) => new Date(Math.ceil((Date.now() + days * 86400_000) / 3600_000) * 3600_000 + h * 3600_000)

beforeAll(async () => {
  out = buildMiniprogram()
  tc = await createTestContext('sqlite', {}, new Date().toISOString())
  api = await startApi(tc.ctx)
  const provider = await createProvider(tc.ctx, { displayName: '张老师', kinds: ['family_education'], jurisdiction: 'jincheng' })
  // One place only (it fills up), and a later time with room (to move to).
  await openSlot(tc.ctx, { providerId: provider.id, start: hour(3), minutes: 60, capacity: 1, kind: 'family_education', mode: 'phone' })
  await openSlot(tc.ctx, { providerId: provider.id, start: hour(4), minutes: 60, capacity: 3, kind: 'family_education', mode: 'phone' })
  wx = installWx(forwardTo(api.base))
  wx.storage.set('apiBase', api.base)
})
afterAll(async () => {
  await api.close()
  await tc.cleanup()
})

describe('registration where the city has no list of its own', () => {
  it('chooses a province, writes the city, and is told which list it gets', async () => {
    await useAs('taiyuan-mum')
    const page = open('register')
    await until(() => !page.instance.data.loading)
    expect(page.querySelector('.join-instead')).toBeTruthy()
    expect(page.querySelector('.f-city')).toBeFalsy()
    const places = page.instance.data.places as Array<{ value: string; label: string; ownList: boolean }>
    // Places with their own list first, then the provinces.
    expect(places[0]!.ownList).toBe(true)
    expect(places.findIndex((p) => !p.ownList)).toBeGreaterThan(0)
    page.instance.onPlace({ detail: { value: places.findIndex((p) => p.value === 'jincheng') } })
    await flush()
    expect(text(page, '.list-note')).toContain('晋城')
    expect(page.querySelector('.f-city')).toBeFalsy()
    page.instance.onPlace({ detail: { value: places.findIndex((p) => p.value === 'anhui') } })
    await flush()
    expect(text(page, '.list-note')).toBe('ⓘ 这个地方还没有自己的清单。您会看到全国通用的清单。')
    page.instance.onPlace({ detail: { value: places.findIndex((p) => p.value === 'shanxi') } })
    await flush()
    expect(text(page, '.list-note')).toBe('ⓘ 这个地方还没有自己的清单。您会看到山西省的清单。')
    expect(page.querySelector('.f-city')).toBeTruthy()

    page.instance.onRelation({ detail: { value: 1 } })
    page.instance.onDate({ detail: { value: '2025-03-01' } })
    page.instance.setData({ 'form.name': '李娟', 'form.hukouProvince': '河南省', 'form.hukouCity': '周口市', 'form.hukouCounty': '郸城县' })
    page.querySelector('.permit-no').dispatchEvent('tap')
    page.querySelector('.consent').dispatchEvent('tap')
    // Without the city the service says what is missing, next to the field.
    page.querySelector('.submit').dispatchEvent('tap')
    await until(() => !!page.instance.data.notes.city)
    expect(page.instance.data.notes.city).toMatch(/市/)
    page.instance.setData({ 'form.city': '太原' })
    page.querySelector('.submit').dispatchEvent('tap')
    await until(() => wx.navigations.length > 0)
    expect(wx.navigations.at(-1)).toBe('/pages/child/child')
    const me = (await as('taiyuan-mum', 'GET', '/me')).body
    expect(me.family).toMatchObject({ jurisdiction: 'shanxi.taiyuan', city: '太原', servedBy: 'shanxi' })

    // Opened again, the page shows the same place, city and list, and saving keeps them.
    const again = open('register')
    await until(() => !again.instance.data.loading)
    expect(text(again, '.f-place')).toBe('山西省')
    expect(again.instance.data.form.city).toBe('太原')
    expect(text(again, '.list-note')).toContain('山西省的清单')
    expect(again.querySelector('.join-instead')).toBeFalsy()
    again.querySelector('.submit').dispatchEvent('tap')
    await until(() => wx.navigations.length > 1)
    expect((await as('taiyuan-mum', 'GET', '/me')).body.family).toMatchObject({ jurisdiction: 'shanxi.taiyuan', city: '太原', servedBy: 'shanxi' })
  })
})

describe('several parents of one family', () => {
  let code = ''

  it('a registered parent gets a joining code to send to the other parent', async () => {
    await registerByApi('mum', '王芳')
    const page = open('family')
    await until(() => !page.instance.data.loading)
    expect(texts(page, '.member-name')).toEqual(['王芳'])
    expect(page.querySelector('.join')).toBeFalsy()
    page.querySelector('.get-code').dispatchEvent('tap')
    await until(() => !!page.instance.data.code)
    code = page.instance.data.code
    expect(code).toMatch(/^\d{6}$/)
    expect(text(page, '.code-digits')).toBe(`${code.slice(0, 3)} ${code.slice(3)}`)
    expect(text(page, '.code-expires')).toMatch(/^\d+月\d+日 周. \d\d:\d\d 前有效，只能用一次。$/)
    expect(text(page, '.code-send')).toContain('发给孩子的另一位家长')
    expect(text(page, '.get-code')).toBe('换一个新的加入码')
  })

  it('the other parent joins with it after accepting the notice; a wrong code is refused in words', async () => {
    await useAs('dad')
    const page = open('family')
    await until(() => !page.instance.data.loading)
    expect(page.querySelector('.get-code')).toBeFalsy()
    expect(text(page, '.shared-notice')).toContain('全家的信息都会一起删掉')
    // Nothing is sent without a code of 6 digits and the notice accepted.
    page.querySelector('.join').dispatchEvent('tap')
    await flush()
    expect(text(page, '.note-code')).toBe('! 请输入6位数字的加入码。')
    expect(page.querySelector('.consent-note')).toBeTruthy()
    expect(wx.requests.some((r) => r.path === '/api/v1/me/family/join')).toBe(false)

    page.instance.setData({ 'form.code': code === '000000' ? '111111' : '000000', 'form.name': '李强', 'form.phone': '' })
    page.instance.onRelation({ detail: { value: 1 } })
    page.querySelector('.consent').dispatchEvent('tap')
    page.querySelector('.join').dispatchEvent('tap')
    await until(() => String(page.instance.data.notes.code ?? '').includes('加入码不对'))
    expect(text(page, '.note-code')).toBe('! 这个加入码不对，或者已经过期、已经用过了。请让已经登记的家人重新获取一个加入码。')
    expect((await as('dad', 'GET', '/me')).body.registered).toBe(false)

    page.instance.setData({ 'form.code': `${code.slice(0, 3)} ${code.slice(3)}` })
    page.querySelector('.join').dispatchEvent('tap')
    await until(() => wx.navigations.at(-1) === '/pages/home/home')
    expect(wx.modals.at(-1)!.content).toContain('加入好了')
    const me = (await as('dad', 'GET', '/me')).body
    expect(me.family.guardians.map((g: { name: string; relation: string }) => [g.name, g.relation]).sort()).toEqual([['李强', 'father'], ['王芳', 'mother']])
  })

  it('before erasing, settings shows that erasure is for every parent, and nothing goes without OK', async () => {
    const page = open('settings')
    await flush()
    wx.modalAnswer = false
    page.querySelector('.erase').dispatchEvent('tap')
    await until(() => wx.modals.at(-1)?.title === '删除我家的全部信息')
    expect(wx.modals.at(-1)!.content).toContain('另外1位家人也会看不到')
    await flush()
    expect(wx.requests.some((r) => r.method === 'DELETE' && r.path === '/api/v1/me')).toBe(false)
    wx.modalAnswer = true
    expect((await as('mum', 'GET', '/me')).body.registered).toBe(true)
  })
})

describe('a full time: the waiting list, the offer, and moving a booking', () => {
  it('joins the waiting list of a full time, takes the offered place, then moves it to another time', async () => {
    // Another family takes the only place.
    await registerByApi('neighbour', '赵敏')
    const slots = (await as('neighbour', 'GET', '/booking/slots?type=family_education')).body as Array<{ id: string; remaining: number; capacity: number }>
    const single = slots.find((s) => s.capacity === 1)!
    const roomy = slots.find((s) => s.capacity === 3)!
    const taken = await as('neighbour', 'POST', '/me/bookings', { slotId: single.id }, { 'idempotency-key': 'n-1' })
    expect(taken.status).toBe(201)

    await useAs('mum')
    const booking = open('booking')
    await flush()
    booking.querySelector('.kind').dispatchEvent('tap')
    await until(() => booking.instance.data.times.length === 2)
    expect(texts(booking, '.time-left')).toEqual(['已约满 · 可以排队', '还剩 3 个名额'])
    wx.modalAnswer = true
    booking.querySelectorAll('.time')[0].dispatchEvent('tap')
    await until(() => wx.navigations.at(-1) === '/pages/bookings/bookings')
    expect(wx.modals.some((m) => m.content?.includes('已经约满了。要排队等候吗？'))).toBe(true)
    expect(wx.modals.at(-1)!.content).toBe('已排队，您排第 1 位。有空位时会通知您，请到“我的预约”里确认。')

    const mine = open('bookings')
    await until(() => !mine.instance.data.loading)
    expect(texts(mine, '.waiting-position')).toEqual(['排第 1 位'])
    expect(mine.querySelector('.offer')).toBeFalsy()

    // The neighbour cancels: the place is offered to this family.
    expect((await as('neighbour', 'DELETE', `/me/bookings/${taken.body.id}`)).status).toBe(200)
    await mine.instance.load()
    expect(texts(mine, '.offer-text')[0]).toMatch(/有空位了/)
    expect(text(mine, '.offer-until')).toMatch(/前确认/)
    mine.querySelector('.accept').dispatchEvent('tap')
    await until(() => texts(mine, '.booking-status').length === 1 && !mine.instance.data.loading)
    expect(texts(mine, '.booking-status')).toEqual(['✓ 已预约'])
    expect(mine.querySelector('.offer')).toBeFalsy()
    expect(mine.querySelector('.waiting')).toBeFalsy()

    // Move it to the other time.
    mine.querySelector('.reschedule').dispatchEvent('tap')
    await flush()
    const bookingId = mine.instance.data.rows[0].id
    expect(wx.navigations.at(-1)).toBe(`/pages/booking/booking?reschedule=${bookingId}&kind=family_education`)
    const move = open('booking', { reschedule: String(bookingId), kind: 'family_education' })
    await until(() => move.instance.data.times.length > 0)
    expect(text(move, '.h1')).toBe('换一个时间')
    // Only times with room are offered when moving.
    expect(move.instance.data.times.map((x: { id: string }) => x.id)).toEqual([roomy.id])
    move.querySelector('.time').dispatchEvent('tap')
    await flush()
    expect(text(move, '.question')).toMatch(/^把预约换到 .+，确定吗？原来的时间会取消。$/)
    move.querySelector('.confirm').dispatchEvent('tap')
    await until(() => wx.navigations.at(-1) === 'back')
    const after = (await as('mum', 'GET', '/me/bookings')).body as Array<{ slotId: string; status: string }>
    expect(after.map((b) => [b.slotId, b.status]).sort()).toEqual([[roomy.id, 'booked'], [single.id, 'cancelled']].sort())
  })
})
