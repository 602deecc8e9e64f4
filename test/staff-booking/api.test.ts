/**
 * The staff side of booking through the HTTP API, on SQLite and MariaDB: department staff add a
 * provider with a weekly plan, venues and closed days; a session is cancelled with a reason and
 * every booked family is told (in its own channel, with the next free times) and loses its
 * reminders; a provider sees and marks only their own schedule; staff of another department or
 * jurisdiction are refused; every route answers 401 without a token and 400 to a bad request.
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { makeFamily, makeStaff, outbox } from '../staff/helpers'
import { book } from '../../src/domain/booking/booking.service'
import { queueDueReminders } from '../../src/domain/booking/reminders.service'
import { listAudit } from '../../src/domain/audit/audit.service'
import { OutboundMessage } from '../../src/db/entities'
import { HOUR } from '../../src/shared/clock'
import { atLocal } from '../../src/shared/dates'
import type { StaffView } from '../../src/domain/staff/staff.service'

// The test clock starts on Monday 2026-03-02, 09:00 in Asia/Shanghai.
const WED = '2026-03-04'
const THU = '2026-03-05'
const slotOf = (providerId: number, date: string, hhmm: string) => `${providerId}-${date.replaceAll('-', '')}${hhmm.replace(':', '')}`

describeEachDb('staff booking API', (h) => {
  let api: Api
  const tokens: Record<string, string> = {}
  let teacher: StaffView, otherTeacher: StaffView, director: StaffView
  let providerId = 0, otherProviderId = 0, venueId = 0

  const call = (who: string | null, method: string, path: string, body?: unknown) => api.call(method, `/api/v1/staff/booking${path}`, { token: who ? tokens[who] : undefined, body })
  const signIn = async (username: string) => {
    const r = await api.call('POST', '/api/v1/staff/session', { body: { username, password: 'correct horse 1' } })
    expect(r.status).toBe(200)
    tokens[username] = r.body.token
  }

  const USERS = ['admin', 'health', 'edu', 'far', 'east', 'teacher', 'teacher2']
  /** Moves the clock (staff sessions last 8 hours, so everyone signs in again). */
  const at = async (when: Date | string) => {
    h.clock().set(when)
    for (const u of USERS) await signIn(u)
  }

  beforeAll(async () => {
    const ctx = h.ctx()
    api = await startApi(ctx)
    await makeStaff(ctx, { username: 'admin', role: 'admin' })
    await makeStaff(ctx, { username: 'health', role: 'department', jurisdiction: 'jincheng', department: '市卫健委' })
    await makeStaff(ctx, { username: 'edu', role: 'department', jurisdiction: 'jincheng', department: '市教育局' })
    await makeStaff(ctx, { username: 'far', role: 'department', jurisdiction: 'changzhi', department: '市卫生健康委' })
    director = await makeStaff(ctx, { username: 'east', role: 'child-director', jurisdiction: 'jincheng', street: '东街道', communities: ['东街社区'] })
    teacher = await makeStaff(ctx, { username: 'teacher', role: 'provider', providerKind: 'counsellor' })
    otherTeacher = await makeStaff(ctx, { username: 'teacher2', role: 'provider', providerKind: 'counsellor' })
    for (const u of USERS) await signIn(u)
  })
  afterAll(async () => {
    await api.close()
  })

  it('answers 401 without a staff token, and to a family-style forged token', async () => {
    for (const [m, p] of [['GET', '/providers'], ['POST', '/providers'], ['GET', '/venues'], ['POST', '/closed-days'], ['POST', '/slots'], ['POST', '/slots/1-202603040900/cancel'], ['POST', '/bookings/1/cancel'], ['GET', '/overview?month=2026-03']] as const) {
      const r = await call(null, m, p, m === 'POST' ? {} : undefined)
      expect(r.status, `${m} ${p}`).toBe(401)
      expect(r.body.error.code).toBe('unauthenticated')
    }
    expect((await api.call('GET', '/api/v1/staff/booking/providers', { token: 'forged.token' })).status).toBe(401)
  })

  it('department staff add a venue, a provider of their department and a weekly plan; bad input is 400; others are refused', async () => {
    const venue = await call('health', 'POST', '/venues', { name: '东街儿童之家', address: '幸福路 1 号', kind: 'childrens_home' })
    expect(venue.status).toBe(201)
    expect(venue.body).toMatchObject({ name: '东街儿童之家', jurisdiction: 'jincheng' })
    venueId = venue.body.id
    expect((await call('health', 'POST', '/venues', { name: '', kind: 'childrens_home' })).status).toBe(400)
    expect((await call('far', 'PATCH', `/venues/${venueId}`, { name: '别人的地方' })).status).toBe(403)
    expect((await call('teacher', 'POST', '/venues', { name: '我的地方', kind: 'community_centre' })).status).toBe(403)
    const renamed = await call('edu', 'PATCH', `/venues/${venueId}`, { address: '幸福路 2 号' })
    expect(renamed.status).toBe(200)
    expect(renamed.body.address).toBe('幸福路 2 号')

    const p = await call('health', 'POST', '/providers', { displayName: '陈老师', kinds: ['mental_health'], community: '东街社区', staffId: teacher.id })
    expect(p.status).toBe(201)
    expect(p.body).toMatchObject({ name: '陈老师', jurisdiction: 'jincheng', department: '市卫健委', staffId: teacher.id, canManage: true, plans: [] })
    providerId = p.body.id
    // another department, another jurisdiction, a provider or a director may not add one here
    expect((await call('health', 'POST', '/providers', { displayName: '王老师', kinds: ['mental_health'], department: '市教育局' })).status).toBe(403)
    expect((await call('far', 'POST', '/providers', { displayName: '王老师', kinds: ['mental_health'], jurisdiction: 'jincheng' })).status).toBe(403)
    expect((await call('teacher', 'POST', '/providers', { displayName: '王老师', kinds: ['mental_health'] })).status).toBe(403)
    expect((await call('east', 'POST', '/providers', { displayName: '王老师', kinds: ['mental_health'] })).status).toBe(403)
    const bad = await call('health', 'POST', '/providers', { displayName: ' ', kinds: [] })
    expect(bad.status).toBe(400)
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['displayName', 'kinds']))
    const notProvider = await call('health', 'POST', '/providers', { displayName: '王老师', kinds: ['mental_health'], staffId: director.id })
    expect(notProvider.status).toBe(400)
    expect(notProvider.body.error.fields[0]).toMatchObject({ path: 'staffId', message: '这个账号不是服务提供者。请选一个角色是“服务提供者”的账号，或者先不填。' })

    const other = await call('admin', 'POST', '/providers', { displayName: '刘老师', kinds: ['mental_health'], jurisdiction: 'jincheng', department: '市卫健委', staffId: otherTeacher.id })
    expect(other.status).toBe(201)
    otherProviderId = other.body.id

    const plan = { weekday: 3, start: '09:00', end: '11:00', sessionMinutes: 60, capacity: 2, kind: 'mental_health', mode: 'in_person', venueId, skipPublicHolidays: false }
    const added = await call('health', 'POST', `/providers/${providerId}/plans`, plan)
    expect(added.status).toBe(201)
    expect(added.body).toMatchObject({ weekday: 3, start: '09:00', end: '11:00', capacity: 2 })
    expect((await call('admin', 'POST', `/providers/${otherProviderId}/plans`, { ...plan, weekday: 4 })).status).toBe(201)
    expect((await call('health', 'POST', `/providers/${providerId}/plans`, { ...plan, start: '9am' })).status).toBe(400)
    const backwards = await call('health', 'POST', `/providers/${providerId}/plans`, { ...plan, start: '12:00' })
    expect(backwards.status).toBe(400)
    expect(backwards.body.error.fields[0].path).toBe('end')
    expect((await call('edu', 'POST', `/providers/${providerId}/plans`, plan)).status).toBe(403)
    expect((await call('far', 'POST', `/providers/${providerId}/plans`, plan)).status).toBe(403)
    expect((await call('teacher', 'POST', `/providers/${providerId}/plans`, plan)).status).toBe(403)
    expect((await call('health', 'POST', '/providers/99999/plans', plan)).status).toBe(404)

    // a block replaced: new hours, a new id; the provider shows it
    const extra = await call('health', 'POST', `/providers/${providerId}/plans`, { ...plan, weekday: 5 })
    const replaced = await call('health', 'PUT', `/providers/${providerId}/plans/${extra.body.id}`, { ...plan, weekday: 5, start: '14:00', end: '16:00' })
    expect(replaced.status).toBe(200)
    expect(replaced.body.start).toBe('14:00')
    const detail = await call('health', 'GET', `/providers/${providerId}`)
    expect(detail.body.plans.map((x: { weekday: number; start: string }) => `${x.weekday} ${x.start}`)).toEqual(['3 09:00', '5 14:00'])
    expect((await call('health', 'DELETE', `/providers/${providerId}/plans/${replaced.body.id}`)).status).toBe(204)
    expect((await call('health', 'GET', `/providers/${providerId}`)).body.plans).toHaveLength(1)

    const renamedP = await call('health', 'PATCH', `/providers/${providerId}`, { displayName: '陈老师（心理）' })
    expect(renamedP.status).toBe(200)
    expect(renamedP.body.name).toBe('陈老师（心理）')
    expect((await call('health', 'PATCH', `/providers/${providerId}`, { department: '市教育局' })).status).toBe(403)
    expect((await call('edu', 'PATCH', `/providers/${providerId}`, { displayName: 'x' })).status).toBe(403)
  })

  it('lists to each the providers they may see', async () => {
    const ids = async (who: string) => ((await call(who, 'GET', '/providers')).body as Array<{ id: number }>).map((p) => p.id)
    expect(await ids('health')).toEqual([providerId, otherProviderId])
    expect(await ids('teacher')).toEqual([providerId])
    expect(await ids('teacher2')).toEqual([otherProviderId])
    expect(await ids('edu')).toEqual([])
    expect(await ids('far')).toEqual([])
    expect(await ids('east')).toEqual([providerId]) // a director reads the schedules of their community
    const own = (await call('teacher', 'GET', '/providers')).body[0]
    expect(own.canManage).toBe(false)
    expect((await call('teacher2', 'GET', `/providers/${providerId}`)).status).toBe(403)
  })

  it('a staff cancellation tells every booked family in its own channel with the next free times, and withdraws their reminders', async () => {
    const ctx = h.ctx()
    const mum = await makeFamily(ctx, { jurisdiction: 'jincheng', street: '东街道', community: '东街社区' }, 'bot')
    const dad = await makeFamily(ctx, { jurisdiction: 'jincheng', street: '东街道', community: '东街社区' }, 'miniprogram')
    const slot = slotOf(providerId, WED, '09:00')
    for (const [f, key] of [[mum, 'm1'], [dad, 'd1']] as const) {
      const r = await book(ctx, { familyId: f.familyId, identityId: f.identityId, channel: f === mum ? 'bot' : 'miniprogram', slotId: slot, topic: '孩子不爱说话', idempotencyKey: `staff-booking-${key}` })
      expect(r.created).toBe(true)
    }
    // a day before: the 24-hour reminders are queued
    await at(new Date(atLocal(WED, '09:00').getTime() - 23 * HOUR))
    expect(await queueDueReminders(ctx)).toBe(2)
    const reminders = () => ctx.db.repo(OutboundMessage).find({ where: { kind: 'reminder' }, order: { id: 'ASC' } })
    expect((await reminders()).map((m) => m.status)).toEqual(['pending', 'pending'])

    expect((await call('teacher', 'POST', `/slots/${slot}/cancel`, { reason: '老师生病' })).status).toBe(403) // providers mark, they do not cancel
    expect((await call('edu', 'POST', `/slots/${slot}/cancel`, { reason: '老师生病' })).status).toBe(403)
    expect((await call('far', 'POST', `/slots/${slot}/cancel`, { reason: '老师生病' })).status).toBe(403)
    const noReason = await call('health', 'POST', `/slots/${slot}/cancel`, { reason: '  ' })
    expect(noReason.status).toBe(400)
    expect(noReason.body.error.fields[0].path).toBe('reason')
    expect((await call('health', 'POST', '/slots/not-a-slot/cancel', { reason: 'x' })).status).toBe(400)
    expect((await call('health', 'POST', `/slots/99999-202603040900/cancel`, { reason: 'x' })).status).toBe(404)

    const done = await call('health', 'POST', `/slots/${slot}/cancel`, { reason: '老师生病了' })
    expect(done.status).toBe(200)
    expect(done.body).toEqual({ cancelled: 2 })
    expect((await reminders()).map((m) => m.status)).toEqual(['cancelled', 'cancelled'])
    const told = await ctx.db.repo(OutboundMessage).find({ where: { kind: 'notice' }, order: { id: 'ASC' } })
    expect(told.map((m) => [m.channel, m.recipient, m.messageKey])).toEqual([
      ['bot', String(mum.identityId), 'booking:staffCancel.withNext'],
      ['miniprogram', String(dad.identityId), 'booking:staffCancel.withNext'],
    ])
    for (const m of told) {
      expect(m.params).toMatchObject({ reason: '老师生病了' })
      // the next free times: the same week's 10:00 of this provider, then the other provider's Thursday
      expect((m.params as { nextSlotIds: string[] }).nextSlotIds).toEqual(expect.arrayContaining([slotOf(providerId, WED, '10:00'), slotOf(otherProviderId, THU, '09:00')]))
      expect((m.params as { nextSlotIds: string[] }).nextSlotIds).not.toContain(slot)
      expect(String((m.params as { next: string }).next)).toContain('2026-03-04 10:00')
    }
    const sched = await call('health', 'GET', `/providers/${providerId}/schedule?from=${WED}`)
    expect(sched.status).toBe(200)
    const entry = sched.body.entries.find((e: { time: { id: string } }) => e.time.id === slot)
    expect(entry.time.status).toBe('cancelled')
    expect(entry.bookings.map((b: { status: string; cancelledBy: string; cancelReason: string }) => [b.status, b.cancelledBy, b.cancelReason])).toEqual([
      ['cancelled', 'staff', '老师生病了'],
      ['cancelled', 'staff', '老师生病了'],
    ])
    const admin = { id: 0, username: 'auditor', role: 'admin' as const, jurisdiction: null, department: null, street: null, communities: [], providerKind: null, wechatId: null }
    const audit = (await listAudit(ctx, admin, { action: 'booking.cancelled' })).map((e) => [e.username, e.familyId])
    expect(audit).toEqual(expect.arrayContaining([['health', mum.familyId], ['health', dad.familyId]]))
    expect(JSON.stringify(await listAudit(ctx, admin, { action: 'booking.cancelled' }))).not.toContain('老师生病了')
  })

  it('cancels one booking with a reason; closes and reopens a free time; a booked time is not closed', async () => {
    const ctx = h.ctx()
    const fam = await makeFamily(ctx, { jurisdiction: 'jincheng', street: '东街道', community: '东街社区' }, 'miniprogram')
    const ten = slotOf(providerId, WED, '10:00')
    const b = (await book(ctx, { familyId: fam.familyId, identityId: fam.identityId, channel: 'miniprogram', slotId: ten, idempotencyKey: 'staff-booking-one' })).booking
    expect((await call('health', 'POST', `/slots/${ten}/close`)).status).toBe(409)
    expect((await call('teacher2', 'POST', `/bookings/${b.id}/cancel`, { reason: '临时有事' })).status).toBe(403)
    expect((await call('health', 'POST', `/bookings/${b.id}/cancel`, {})).status).toBe(400)
    expect((await call('health', 'POST', '/bookings/99999/cancel', { reason: 'x' })).status).toBe(404)
    const one = await call('health', 'POST', `/bookings/${b.id}/cancel`, { reason: '场地要维修' })
    expect(one.status).toBe(200)
    expect(one.body).toMatchObject({ id: b.id, status: 'cancelled', cancelledBy: 'staff', cancelReason: '场地要维修' })
    const told = await outbox(ctx, { kind: 'notice', recipient: String(fam.identityId) })
    expect(told).toHaveLength(1)
    expect(told[0]!.params).toMatchObject({ reason: '场地要维修' })

    // now nobody is booked at 10:00: close it, then open it again
    expect((await call('teacher', 'POST', `/slots/${ten}/close`)).status).toBe(403)
    expect((await call('health', 'POST', `/slots/${ten}/close`)).status).toBe(204)
    const status = async () => (await call('teacher', 'GET', `/providers/${providerId}/schedule?from=${WED}`)).body.entries.find((e: { time: { id: string } }) => e.time.id === ten).time.status
    expect(await status()).toBe('closed')
    const reopened = await call('health', 'POST', `/slots/${ten}/open`)
    expect(reopened.status).toBe(200)
    expect(reopened.body).toMatchObject({ id: ten, status: 'open', remaining: 2 })
    expect(await status()).toBe('open')

    // a single extra time outside the plan
    const extra = { providerId, start: atLocal(THU, '15:00').toISOString(), minutes: 45, capacity: 1, kind: 'mental_health', mode: 'phone' }
    expect((await call('teacher', 'POST', '/slots', extra)).status).toBe(403)
    expect((await call('health', 'POST', '/slots', { ...extra, start: 'tomorrow' })).status).toBe(400)
    expect((await call('health', 'POST', '/slots', { ...extra, mode: 'in_person' })).status).toBe(400)
    const opened = await call('health', 'POST', '/slots', extra)
    expect(opened.status).toBe(201)
    expect(opened.body).toMatchObject({ id: slotOf(providerId, THU, '15:00'), mode: 'phone', capacity: 1, status: 'open' })
  })

  it('a provider sees and marks only their own sessions', async () => {
    const ctx = h.ctx()
    const fam = await makeFamily(ctx, { jurisdiction: 'jincheng', street: '东街道', community: '东街社区' }, 'bot')
    const thu = slotOf(otherProviderId, THU, '09:00')
    const b = (await book(ctx, { familyId: fam.familyId, identityId: fam.identityId, channel: 'bot', slotId: thu, topic: '想学怎么和孩子说话', idempotencyKey: 'staff-booking-thu' })).booking
    expect((await call('teacher', 'GET', `/providers/${otherProviderId}/schedule?from=${THU}`)).status).toBe(403)
    const own = await call('teacher2', 'GET', `/providers/${otherProviderId}/schedule?from=${THU}&view=week`)
    expect(own.status).toBe(200)
    expect(own.body.canMark).toBe(true)
    expect(own.body.entries.flatMap((e: { bookings: Array<{ topic: string }> }) => e.bookings.map((x) => x.topic))).toContain('想学怎么和孩子说话')
    expect((await call('teacher2', 'GET', `/providers/${otherProviderId}/schedule?from=bad`)).status).toBe(400)
    // before the start: not yet
    const early = await call('teacher2', 'POST', `/bookings/${b.id}/attendance`, { outcome: 'attended' })
    expect(early.status).toBe(409)
    await at(atLocal(THU, '10:30'))
    expect((await call('teacher', 'POST', `/bookings/${b.id}/attendance`, { outcome: 'attended' })).status).toBe(403)
    expect((await call('edu', 'POST', `/bookings/${b.id}/attendance`, { outcome: 'attended' })).status).toBe(403)
    expect((await call('teacher2', 'POST', `/bookings/${b.id}/attendance`, { outcome: 'maybe' })).status).toBe(400)
    const marked = await call('teacher2', 'POST', `/bookings/${b.id}/attendance`, { outcome: 'attended' })
    expect(marked.status).toBe(200)
    expect(marked.body.status).toBe('attended')
    // providers do not change plans or cancel their own sessions either
    expect((await call('teacher2', 'POST', `/slots/${thu}/cancel`, { reason: 'x' })).status).toBe(403)
    expect((await call('teacher2', 'PATCH', `/providers/${otherProviderId}`, { displayName: 'x' })).status).toBe(403)
  })

  it('closed days: a provider’s leave says which booked times still need cancelling; holidays are for administrators', async () => {
    const ctx = h.ctx()
    await at('2026-03-02T01:00:00Z')
    const fam = await makeFamily(ctx, { jurisdiction: 'jincheng', street: '东街道', community: '东街社区' }, 'miniprogram')
    const next = slotOf(providerId, '2026-03-11', '09:00')
    await book(ctx, { familyId: fam.familyId, identityId: fam.identityId, channel: 'miniprogram', slotId: next, idempotencyKey: 'staff-booking-leave' })
    const leave = await call('health', 'POST', '/closed-days', { providerId, from: '2026-03-10', to: '2026-03-12', reason: 'leave' })
    expect(leave.status).toBe(201)
    expect(leave.body.closedDay).toMatchObject({ providerId, from: '2026-03-10', to: '2026-03-12', reason: 'leave' })
    expect(leave.body.stillBooked).toEqual([{ slotId: next, start: atLocal('2026-03-11', '09:00').toISOString(), bookings: 1 }])
    expect((await call('health', 'POST', '/closed-days', { providerId, from: '2026-03-12', to: '2026-03-10', reason: 'leave' })).status).toBe(400)
    expect((await call('health', 'POST', '/closed-days', { providerId, from: '2026-03-10', to: '2026-03-12', reason: 'bored' })).status).toBe(400)
    expect((await call('edu', 'POST', '/closed-days', { providerId, from: '2026-03-10', to: '2026-03-12', reason: 'leave' })).status).toBe(403)
    expect((await call('teacher', 'POST', '/closed-days', { providerId, from: '2026-03-10', to: '2026-03-12', reason: 'leave' })).status).toBe(403)
    // the closed days show on the provider; a free time there is gone from the schedule
    const d = (await call('health', 'GET', `/providers/${providerId}`)).body
    expect(d.closedDays.map((c: { id: number }) => c.id)).toContain(leave.body.closedDay.id)
    const moved = await call('health', 'PUT', `/closed-days/${leave.body.closedDay.id}`, { from: '2026-03-17', to: '2026-03-18', reason: 'training' })
    expect(moved.status).toBe(200)
    expect(moved.body.stillBooked).toEqual([])
    expect((await call('edu', 'DELETE', `/closed-days/${moved.body.closedDay.id}`)).status).toBe(403)
    expect((await call('health', 'DELETE', `/closed-days/${moved.body.closedDay.id}`)).status).toBe(204)
    expect((await call('health', 'GET', `/providers/${providerId}`)).body.closedDays).toEqual([])

    const holiday = { jurisdiction: 'jincheng', from: '2026-03-25', to: '2026-03-25', reason: 'holiday' }
    expect((await call('health', 'POST', '/closed-days', holiday)).status).toBe(403)
    const made = await call('admin', 'POST', '/closed-days', holiday)
    expect(made.status).toBe(201)
    expect(made.body.closedDay).toMatchObject({ providerId: null, jurisdiction: 'jincheng' })
    const wedSched = await call('health', 'GET', `/providers/${providerId}/schedule?from=2026-03-25`)
    expect(wedSched.body.entries).toEqual([])
  })

  it('a department’s monthly overview: its own department only; administrators choose the jurisdiction', async () => {
    await at(atLocal('2026-03-31', '20:00'))
    const mine = await call('health', 'GET', '/overview?month=2026-03')
    expect(mine.status).toBe(200)
    expect(mine.body.department).toBe('市卫健委')
    const row = mine.body.rows.find((r: { kind: string }) => r.kind === 'mental_health')
    expect(row).toMatchObject({ department: '市卫健委', kindName: '心理健康服务', attended: 1, cancelledByStaff: 3 })
    expect((await call('health', 'GET', '/overview?month=2026-3')).status).toBe(400)
    expect((await call('edu', 'GET', '/overview?month=2026-03')).body.rows).toEqual([])
    expect((await call('teacher', 'GET', '/overview?month=2026-03')).status).toBe(403)
    expect((await call('east', 'GET', '/overview?month=2026-03')).status).toBe(403)
    expect((await call('admin', 'GET', '/overview?month=2026-03')).status).toBe(400)
    const all = await call('admin', 'GET', '/overview?month=2026-03&jurisdiction=jincheng')
    expect(all.status).toBe(200)
    expect(all.body.rows.length).toBeGreaterThan(0)
  })

  it('every route: 401 without a token, 400 to a bad request, 403 to department staff of another jurisdiction', async () => {
    await at('2026-04-01T01:00:00Z')
    const plan = { weekday: 3, start: '09:00', end: '10:00', sessionMinutes: 60, capacity: 1, kind: 'mental_health', mode: 'phone' }
    const planId = (await call('admin', 'POST', `/providers/${providerId}/plans`, plan)).body.id as number
    const closedId = (await call('admin', 'POST', '/closed-days', { providerId, from: '2026-04-20', to: '2026-04-20', reason: 'leave' })).body.closedDay.id as number
    const slot = slotOf(providerId, '2026-04-08', '09:00')
    const fam = await makeFamily(h.ctx(), { jurisdiction: 'jincheng', street: '东街道', community: '东街社区' }, 'bot')
    const bookingId = (await book(h.ctx(), { familyId: fam.familyId, identityId: fam.identityId, channel: 'bot', slotId: slot, idempotencyKey: 'staff-booking-table' })).booking.id
    const open = { providerId, start: atLocal('2026-04-09', '15:00').toISOString(), minutes: 45, capacity: 1, kind: 'mental_health', mode: 'phone' }
    const long = 'x'.repeat(300)
    // [method, path, a good body, a bad request (path and body), whether another jurisdiction is refused (lists show one's own area instead)]
    const table: Array<[string, string, unknown, [string, unknown], boolean]> = [
      ['GET', '/providers', undefined, [`/providers?jurisdiction=${long}`, undefined], false],
      ['POST', '/providers', { displayName: '赵老师', kinds: ['mental_health'], jurisdiction: 'jincheng' }, ['/providers', { displayName: '赵老师', kinds: ['cooking'] }], true],
      ['GET', `/providers/${providerId}`, undefined, ['/providers/abc', undefined], true],
      ['PATCH', `/providers/${providerId}`, { active: true }, [`/providers/${providerId}`, { active: 'yes' }], true],
      ['POST', `/providers/${providerId}/plans`, plan, [`/providers/${providerId}/plans`, { ...plan, weekday: 7 }], true],
      ['PUT', `/providers/${providerId}/plans/${planId}`, plan, [`/providers/${providerId}/plans/${planId}`, { ...plan, capacity: 0 }], true],
      ['DELETE', `/providers/${providerId}/plans/${planId}`, undefined, [`/providers/${providerId}/plans/0`, undefined], true],
      ['GET', `/providers/${providerId}/schedule?from=2026-04-08`, undefined, [`/providers/${providerId}/schedule?from=2026-04-08&view=month`, undefined], true],
      ['GET', '/venues', undefined, [`/venues?jurisdiction=${long}`, undefined], false],
      ['GET', '/venues?jurisdiction=jincheng', undefined, [`/venues?jurisdiction=${long}`, undefined], true],
      ['POST', '/venues', { name: '西街儿童之家', kind: 'childrens_home', jurisdiction: 'jincheng' }, ['/venues', { name: '西街儿童之家', kind: 'school' }], true],
      ['PATCH', `/venues/${venueId}`, { name: '东街儿童之家' }, [`/venues/${venueId}`, { name: long }], true],
      ['POST', '/closed-days', { providerId, from: '2026-04-21', to: '2026-04-21', reason: 'leave' }, ['/closed-days', { providerId, from: '21/04/2026', to: '2026-04-21', reason: 'leave' }], true],
      ['PUT', `/closed-days/${closedId}`, { from: '2026-04-22', to: '2026-04-22', reason: 'leave' }, [`/closed-days/${closedId}`, { from: '2026-04-22', reason: 'leave' }], true],
      ['DELETE', `/closed-days/${closedId}`, undefined, ['/closed-days/-1', undefined], true],
      ['POST', '/slots', open, ['/slots', { ...open, minutes: 5 }], true],
      ['POST', `/slots/${slot}/open`, undefined, ['/slots/abc/open', undefined], true],
      ['POST', `/slots/${slot}/close`, undefined, ['/slots/abc/close', undefined], true],
      ['POST', `/slots/${slot}/cancel`, { reason: '临时停电' }, [`/slots/${slot}/cancel`, { reason: long }], true],
      ['POST', `/bookings/${bookingId}/cancel`, { reason: '临时停电' }, [`/bookings/${bookingId}/cancel`, {}], true],
      ['POST', `/bookings/${bookingId}/attendance`, { outcome: 'no_show' }, [`/bookings/${bookingId}/attendance`, { outcome: 'late' }], true],
      ['GET', '/overview?month=2026-04', undefined, ['/overview?month=April', undefined], false],
      ['GET', '/overview?month=2026-04&jurisdiction=jincheng', undefined, ['/overview?month=April', undefined], true],
    ]
    const doc = (await api.call('GET', '/api/v1/openapi.json')).body
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).filter(([p]) => p.startsWith('/api/v1/staff/booking/')).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
    const covered = table.map(([m, p]) => `${m} /api/v1/staff/booking${p.split('?')[0]!.replace(/\/\d+-\d{12}\//, '/{slotId}/').replace(/\/providers\/\d+/, '/providers/{id}').replace(/\/plans\/\d+/, '/plans/{planId}').replace(/\/(venues|closed-days|bookings)\/\d+/, '/$1/{id}')}`)
    expect(new Set(covered)).toEqual(new Set(documented))
    expect(documented).toHaveLength(21)
    for (const [method, path, good, [badPath, badBody], refused] of table) {
      expect((await call(null, method, path, good)).status, `401 ${method} ${path}`).toBe(401)
      expect((await call('health', method, badPath, badBody)).status, `400 ${method} ${badPath}`).toBe(400)
      const far = await call('far', method, path, good)
      if (refused) expect(far.status, `403 ${method} ${path}`).toBe(403)
      else expect(far.status, `own area ${method} ${path}`).toBeLessThan(300)
    }
    // and what was refused changed nothing: the session still has its booking
    const sched = await call('health', 'GET', `/providers/${providerId}/schedule?from=2026-04-08`)
    expect(sched.body.entries.find((e: { time: { id: string } }) => e.time.id === slot).bookings.map((b: { status: string }) => b.status)).toEqual(['booked'])
  })

  it('lists every new route in the OpenAPI document with the staff token', async () => {
    const doc = (await api.call('GET', '/api/v1/openapi.json')).body
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/staff/booking/'))
    expect(paths.length).toBeGreaterThanOrEqual(13)
    for (const p of paths) for (const op of Object.values(doc.paths[p]) as Array<{ security: unknown }>) expect(op.security).toEqual([{ staffToken: [] }])
  })
})
