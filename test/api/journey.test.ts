/**
 * The whole family journey through the HTTP API alone, on a real server on 127.0.0.1:
 * sign in → register with consent → add a child → personalised checklist → a need and its
 * department → free times → book (a retry with the same Idempotency-Key books once) → a full
 * slot is refused to another family (409) → cancel → erase. And one family's token never
 * reaches another family's records.
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from './http'
import { createProvider, openSlot } from '../../src/domain/booking/staff.service'
import { DAY } from '../../src/shared/clock'

const profile = (name: string) => ({
  name,
  relation: 'mother',
  phone: '13800138000',
  jurisdiction: 'jincheng',
  district: '城区',
  community: '西街社区',
  hukou: { province: '河南省', city: '周口市', county: '郸城县' },
  movedInOn: '2025-05-01',
  residencePermit: true,
  consent: { accepted: true, version: '2026-03' },
  language: 'zh-CN',
})
const child = { name: '小明', sex: 'male', birthDate: '2018-09-01', schoolStage: 'primary', situations: [] }

describeEachDb('family journey through the API', (h) => {
  let api: Api
  let slotId: string
  let a: string
  let b: string
  let childId: number
  let bookingId: number

  beforeAll(async () => {
    api = await startApi(h.ctx())
    // One provider with one online place, three days ahead (what `npm run seed:demo` sets up at scale).
    const ctx = h.ctx()
    const provider = await createProvider(ctx, { displayName: '测试心理老师', kinds: ['mental_health'], jurisdiction: 'jincheng' })
    const start = new Date(Math.ceil((ctx.clock.now().getTime() + 3 * DAY) / 3_600_000) * 3_600_000)
    slotId = (await openSlot(ctx, { providerId: provider.id, start, minutes: 50, capacity: 1, kind: 'mental_health', mode: 'online' })).id
  })
  afterAll(async () => {
    await api.close()
  })

  it('signs two families in', async () => {
    const ra = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:journey-a' } })
    const rb = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:journey-b' } })
    expect([ra.status, rb.status]).toEqual([200, 200])
    a = ra.body.token
    b = rb.body.token
    const before = await api.call('GET', '/api/v1/me', { token: a })
    expect(before.status).toBe(200)
    expect(before.body.registered).toBe(false)
  })

  it('registers a family with consent and a child', async () => {
    const me = await api.call('PUT', '/api/v1/me', { token: a, body: profile('王芳') })
    expect(me.status).toBe(200)
    expect(me.body.registered).toBe(true)
    expect(me.body.family.jurisdiction).toBe('jincheng')
    const c = await api.call('POST', '/api/v1/me/children', { token: a, body: child })
    expect(c.status).toBe(201)
    expect(c.body.id).toEqual(expect.any(Number))
    childId = c.body.id
    const list = await api.call('GET', '/api/v1/me/children', { token: a })
    expect(list.body.children.map((x: { id: number }) => x.id)).toEqual([childId])
    // the second family registers too
    expect((await api.call('PUT', '/api/v1/me', { token: b, body: { ...profile('李娟'), relation: 'father' } })).status).toBe(200)
  })

  it('reads the personalised checklist, with each item’s service key', async () => {
    const r = await api.call('GET', '/api/v1/me/checklist?lang=zh-CN', { token: a })
    expect(r.status).toBe(200)
    const text = JSON.stringify(r.body)
    expect(text).toContain('"service"')
    expect(text.length).toBeGreaterThan(500)
  })

  it('submits a need and gets the department the city names', async () => {
    const r = await api.call('POST', '/api/v1/me/needs', { token: a, body: { text: '孩子想转学到这边的公办小学，要办什么手续？', childId } })
    expect(r.status).toBe(201)
    expect(r.body.needId).toEqual(expect.any(Number))
    expect(r.body.service).toBe('compulsory_education')
    expect(Array.isArray(r.body.departments)).toBe(true)
    expect(r.body.departments.length).toBeGreaterThan(0)
    expect(r.body.urgent).toBe(false)
    const list = await api.call('GET', '/api/v1/me/needs', { token: a })
    expect(list.status).toBe(200)
    expect(JSON.stringify(list.body)).toContain(String(r.body.needId))
  })

  it('finds the free time and books it once, even when the request is retried', async () => {
    const free = await api.call('GET', '/api/v1/booking/slots?type=mental_health', { token: a })
    expect(free.status).toBe(200)
    const slots = free.body as Array<{ id: string; remaining: number; type: string }>
    const mine = slots.find((s) => s.id === slotId)
    expect(mine).toMatchObject({ type: 'mental_health', remaining: 1 })
    const headers = { 'idempotency-key': 'journey-booking-1' }
    const first = await api.call('POST', '/api/v1/me/bookings', { token: a, body: { slotId, childId }, headers })
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ status: 'booked', slotId, childId, type: 'mental_health' })
    bookingId = first.body.id
    expect(bookingId).toEqual(expect.any(Number))
    const retry = await api.call('POST', '/api/v1/me/bookings', { token: a, body: { slotId, childId }, headers })
    expect(retry.status).toBeLessThan(300)
    expect(retry.body.id).toBe(bookingId)
    const mineList = await api.call('GET', '/api/v1/me/bookings', { token: a })
    const active = mineList.body as Array<{ id: number; status: string }>
    expect(active.filter((x) => x.status === 'booked').map((x) => x.id)).toEqual([bookingId])
  })

  it('refuses the full slot to the second family with 409', async () => {
    const r = await api.call('POST', '/api/v1/me/bookings', { token: b, body: { slotId }, headers: { 'idempotency-key': 'journey-booking-b' } })
    expect(r.status).toBe(409)
    expect(r.body.error.code).toMatch(/slot_full|conflict/)
  })

  it('never lets one family read or change another family’s records', async () => {
    const child = await api.call('PATCH', `/api/v1/me/children/${childId}`, { token: b, body: { name: '改名' } })
    expect([403, 404]).toContain(child.status)
    const del = await api.call('DELETE', `/api/v1/me/children/${childId}`, { token: b })
    expect([403, 404]).toContain(del.status)
    const cancel = await api.call('DELETE', `/api/v1/me/bookings/${bookingId}`, { token: b })
    expect([403, 404]).toContain(cancel.status)
    const theirs = await api.call('GET', '/api/v1/me/children', { token: b })
    expect(JSON.stringify(theirs.body)).not.toContain('小明')
    const still = await api.call('GET', '/api/v1/me/children', { token: a })
    expect(still.body.children[0].name).toBe('小明')
  })

  it('cancels the booking, freeing the place', async () => {
    const r = await api.call('DELETE', `/api/v1/me/bookings/${bookingId}`, { token: a })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ id: bookingId, status: 'cancelled', cancelledBy: 'family' })
    const free = await api.call('GET', '/api/v1/booking/slots?type=mental_health', { token: b })
    const slots = free.body as Array<{ id: string; remaining: number }>
    expect(slots.find((s) => s.id === slotId)?.remaining).toBe(1)
  })

  it('erases the family: nothing personal is left to read', async () => {
    const r = await api.call('DELETE', '/api/v1/me', { token: a })
    expect(r.status).toBe(204)
    const me = await api.call('GET', '/api/v1/me', { token: a })
    if (me.status === 200) expect(me.body.registered).toBe(false)
    else expect([401, 404]).toContain(me.status)
    const exp = await api.call('GET', '/api/v1/me/export', { token: a })
    expect(JSON.stringify(exp.body)).not.toContain('小明')
    expect(JSON.stringify(exp.body)).not.toContain('13800138000')
  })
})
