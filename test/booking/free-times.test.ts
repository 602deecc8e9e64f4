import { describe, it, expect } from 'vitest'
import { describeEachDb } from '../support/context'
import { listFreeTimes, parseSlotId, sessionStarts, slotIdOf, isPublicHoliday } from '../../src/domain/booking/slots'
import { addException, closeSlot, openSlot } from '../../src/domain/booking/staff.service'
import { book } from '../../src/domain/booking/booking.service'
import { makeFamily, makeProvider } from './helpers'

// The test clock starts at 2026-03-02T01:00:00Z = Monday 2 March 2026, 09:00 in Asia/Shanghai.

describe('session starts of a plan block', () => {
  it('steps by the session length and resumes after a break', () => {
    expect(sessionStarts({ startTime: '09:00', endTime: '12:00', breaks: [{ start: '10:30', end: '11:00' }], sessionMinutes: 50 })).toEqual([540, 660])
    expect(sessionStarts({ startTime: '14:00', endTime: '17:00', breaks: [], sessionMinutes: 60 })).toEqual([840, 900, 960])
    expect(sessionStarts({ startTime: '14:00', endTime: '14:30', breaks: [], sessionMinutes: 60 })).toEqual([])
  })
  it('knows public holidays from ordinary weekends', () => {
    expect(isPublicHoliday('2026-10-01')).toBe(true)
    expect(isPublicHoliday('2026-03-07')).toBe(false)
    expect(isPublicHoliday('2026-03-09')).toBe(false)
  })
  it('encodes a stable slot id from provider and local start', () => {
    const start = new Date('2026-03-08T23:00:00Z')
    expect(slotIdOf(7, start)).toBe('7-202603090700')
    expect(parseSlotId('7-202603090700')).toEqual({ providerId: 7, start })
    expect(() => parseSlotId('abc')).toThrow()
  })
})

describeEachDb('free times', (h) => {
  it('come from the weekly plan with breaks, in Asia/Shanghai', async () => {
    const ctx = h.ctx()
    const { provider, jurisdiction, venue } = await makeProvider(ctx, { plans: [{ weekday: 2, start: '09:00', end: '12:00', breaks: [{ start: '10:30', end: '11:00' }], sessionMinutes: 50 }] })
    const times = await listFreeTimes(ctx, { kind: 'mental_health', jurisdiction, from: '2026-03-03', to: '2026-03-03' })
    expect(times.map((t) => t.start.toISOString())).toEqual(['2026-03-03T01:00:00.000Z', '2026-03-03T03:00:00.000Z'])
    expect(times[0]).toMatchObject({ id: `${provider.id}-202603030900`, capacity: 1, remaining: 1, mode: 'in_person', venue: { id: venue.id, kind: 'childrens_home' } })
    expect(times[0]!.end.toISOString()).toBe('2026-03-03T01:50:00.000Z')
    // other kind: none
    expect(await listFreeTimes(ctx, { kind: 'family_education', jurisdiction })).toEqual([])
    // every Tuesday for the next 4 weeks, never beyond
    const all = await listFreeTimes(ctx, { kind: 'mental_health', jurisdiction })
    expect(all).toHaveLength(8)
    expect(all.at(-1)!.start.toISOString()).toBe('2026-03-24T03:00:00.000Z')
  })

  it('put an early-morning session on the right local day (day boundary)', async () => {
    const ctx = h.ctx()
    const { jurisdiction } = await makeProvider(ctx, { plans: [{ weekday: 1, start: '07:00', end: '08:00', sessionMinutes: 60, mode: 'online', venueId: null }] })
    const monday = await listFreeTimes(ctx, { kind: 'mental_health', jurisdiction, from: '2026-03-09', to: '2026-03-09' })
    expect(monday.map((t) => t.start.toISOString())).toEqual(['2026-03-08T23:00:00.000Z'])
    expect(monday[0]!.id).toMatch(/-202603090700$/)
    expect(monday[0]!.venue).toBeNull()
    expect(await listFreeTimes(ctx, { kind: 'mental_health', jurisdiction, from: '2026-03-08', to: '2026-03-08' })).toEqual([])
    // today's 07:00 (before the clock's 09:00) is already gone
    expect(await listFreeTimes(ctx, { kind: 'mental_health', jurisdiction, from: '2026-03-02', to: '2026-03-02' })).toEqual([])
  })

  it('leave out leave days, jurisdiction holidays and staff-closed times; add staff-opened times', async () => {
    const ctx = h.ctx()
    const { provider, jurisdiction } = await makeProvider(ctx, { plans: [{ weekday: 2, start: '09:00', end: '11:00' }, { weekday: 4, start: '09:00', end: '11:00' }] })
    const before = await listFreeTimes(ctx, { kind: 'mental_health', jurisdiction, from: '2026-03-03', to: '2026-03-12' })
    expect(before).toHaveLength(8)
    await addException(ctx, { providerId: provider.id, from: '2026-03-03', to: '2026-03-03', reason: 'leave' })
    await addException(ctx, { jurisdiction, from: '2026-03-12', to: '2026-03-12', reason: 'holiday' })
    await closeSlot(ctx, `${provider.id}-202603050900`)
    await openSlot(ctx, { providerId: provider.id, start: new Date('2026-03-06T06:00:00Z'), minutes: 90, capacity: 6, kind: 'mental_health', mode: 'online' })
    const after = await listFreeTimes(ctx, { kind: 'mental_health', jurisdiction, from: '2026-03-03', to: '2026-03-12' })
    expect(after.map((t) => t.id)).toEqual([`${provider.id}-202603051000`, `${provider.id}-202603061400`, `${provider.id}-202603100900`, `${provider.id}-202603101000`])
    expect(after[1]).toMatchObject({ capacity: 6, remaining: 6, mode: 'online' })
  })

  it('count existing bookings: a one-to-one time disappears, a group time shows fewer places', async () => {
    const ctx = h.ctx()
    const { provider, jurisdiction } = await makeProvider(ctx, { plans: [{ weekday: 2, start: '09:00', end: '10:00' }, { weekday: 3, start: '14:00', end: '16:00', sessionMinutes: 120, capacity: 10, kind: 'family_education' }] })
    const a = await makeFamily(ctx)
    const b = await makeFamily(ctx)
    await book(ctx, { ...a, slotId: `${provider.id}-202603030900`, idempotencyKey: 'k1' })
    await book(ctx, { ...a, slotId: `${provider.id}-202603041400`, idempotencyKey: 'k2' })
    await book(ctx, { ...b, slotId: `${provider.id}-202603041400`, idempotencyKey: 'k3' })
    expect((await listFreeTimes(ctx, { kind: 'mental_health', jurisdiction, from: '2026-03-03', to: '2026-03-03' }))).toEqual([])
    const full = await listFreeTimes(ctx, { kind: 'mental_health', jurisdiction, from: '2026-03-03', to: '2026-03-03', includeFull: true })
    expect(full.map((t) => t.remaining)).toEqual([0])
    const group = await listFreeTimes(ctx, { kind: 'family_education', jurisdiction, from: '2026-03-04', to: '2026-03-04' })
    expect(group.map((t) => [t.capacity, t.remaining])).toEqual([[10, 8]])
  })

  it('close on statutory public holidays unless the plan says otherwise', async () => {
    const ctx = h.ctx()
    h.clock().set('2026-09-28T01:00:00Z') // Monday 28 September; Thursday 1 October is National Day
    const { jurisdiction } = await makeProvider(ctx, { plans: [{ weekday: 4, start: '09:00', end: '10:00' }] })
    const other = await makeProvider(ctx, { plans: [{ weekday: 4, start: '09:00', end: '10:00', skipPublicHolidays: false }] })
    expect(await listFreeTimes(ctx, { kind: 'mental_health', jurisdiction, from: '2026-10-01', to: '2026-10-01' })).toEqual([])
    expect(await listFreeTimes(ctx, { kind: 'mental_health', jurisdiction, from: '2026-10-08', to: '2026-10-08' })).toHaveLength(1)
    expect(await listFreeTimes(ctx, { kind: 'mental_health', jurisdiction: other.jurisdiction, from: '2026-10-01', to: '2026-10-01' })).toHaveLength(1)
    h.clock().set('2026-03-02T01:00:00Z')
  })
})
