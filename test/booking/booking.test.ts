import { it, expect } from 'vitest'
import { describeEachDb } from '../support/context'
import { book, cancelBooking, listFamilyBookings, rescheduleBooking } from '../../src/domain/booking/booking.service'
import { listFreeTimes } from '../../src/domain/booking/slots'
import { acceptOffer, declineOffer, eraseFamilyBookings, expireOffers, exportFamilyBookings, joinWaitlist, listFamilyOffers } from '../../src/domain/booking/waitlist.service'
import { familyDataErasers } from '../../src/domain/registry/family-data'
import { cancelSlot, departmentOverview, markAttendance, providerSchedule } from '../../src/domain/booking/staff.service'
import { messagesForFamily } from '../../src/domain/outbox/outbox.service'
import { t } from '../../src/shared/i18n'
import { HOUR, MINUTE } from '../../src/shared/clock'
import { makeChild, makeFamily, makeProvider } from './helpers'

// Clock: Monday 2026-03-02 09:00 Asia/Shanghai. Plans below are on Tuesday 3 March etc.

describeEachDb('booking rules', (h) => {
  it('books for a child or the parent; a retry with the same key returns the same booking', async () => {
    const ctx = h.ctx()
    const { provider } = await makeProvider(ctx, { plans: [{ weekday: 2, start: '09:00', end: '12:00' }] })
    const fam = await makeFamily(ctx)
    const childId = await makeChild(ctx, fam.familyId)
    const stranger = await makeChild(ctx, fam.familyId + 999)
    await expect(book(ctx, { ...fam, slotId: `${provider.id}-202603030900`, childId: stranger, idempotencyKey: 'req-0' })).rejects.toMatchObject({ code: 'not_found' })
    const first = await book(ctx, { ...fam, slotId: `${provider.id}-202603030900`, childId, topic: '孩子不愿意上学', idempotencyKey: 'req-1' })
    expect(first.created).toBe(true)
    expect(first.booking).toMatchObject({ status: 'booked', kind: 'mental_health', childId, hasTopic: true, slotId: `${provider.id}-202603030900` })
    expect(first.booking).not.toHaveProperty('topic')
    const again = await book(ctx, { ...fam, slotId: `${provider.id}-202603030900`, childId, idempotencyKey: 'req-1' })
    expect(again).toMatchObject({ created: false, booking: { id: first.booking.id } })
    // The same key for another time: refused, nothing booked.
    await expect(book(ctx, { ...fam, slotId: `${provider.id}-202603031000`, childId, idempotencyKey: 'req-1' })).rejects.toMatchObject({ code: 'idempotency_key_reused' })
    const parent = await book(ctx, { ...fam, slotId: `${provider.id}-202603031100`, idempotencyKey: 'req-2' })
    expect(parent.booking.childId).toBeNull()
    expect((await listFamilyBookings(ctx, fam.familyId)).map((b) => b.id)).toEqual([first.booking.id, parent.booking.id])
  })

  it('refuses a full slot, an overlapping booking of the same family, and unknown times', async () => {
    const ctx = h.ctx()
    const { provider } = await makeProvider(ctx, { plans: [{ weekday: 2, start: '09:00', end: '12:00' }, { weekday: 2, start: '09:30', end: '10:30', kind: 'family_education', capacity: 5 }] })
    const a = await makeFamily(ctx)
    const b = await makeFamily(ctx)
    await book(ctx, { ...a, slotId: `${provider.id}-202603030900`, idempotencyKey: 'a1' })
    await expect(book(ctx, { ...b, slotId: `${provider.id}-202603030900`, idempotencyKey: 'b1' })).rejects.toMatchObject({ code: 'slot_full' })
    await expect(book(ctx, { ...a, slotId: `${provider.id}-202603030930`, idempotencyKey: 'a2' })).rejects.toMatchObject({ code: 'booking_overlap' })
    await expect(book(ctx, { ...a, slotId: `${provider.id}-202603030915`, idempotencyKey: 'a3' })).rejects.toMatchObject({ code: 'not_found' })
    await expect(book(ctx, { ...a, slotId: 'nonsense', idempotencyKey: 'a4' })).rejects.toMatchObject({ code: 'not_found' })
    // a time in the past, and a plan time beyond the weeks shown
    await expect(book(ctx, { ...a, slotId: `${provider.id}-202602240900`, idempotencyKey: 'a5' })).rejects.toMatchObject({ code: 'slot_full', details: { reason: 'slot_unavailable' } })
    await expect(book(ctx, { ...a, slotId: `${provider.id}-202604070900`, idempotencyKey: 'a6' })).rejects.toMatchObject({ code: 'slot_full', details: { reason: 'slot_unavailable' } })
  })

  it('lets the family cancel and reschedule until the cut-off, then says to contact staff', async () => {
    const ctx = h.ctx()
    const { provider } = await makeProvider(ctx, { plans: [{ weekday: 2, start: '09:00', end: '12:00' }] })
    const fam = await makeFamily(ctx)
    const b1 = (await book(ctx, { ...fam, slotId: `${provider.id}-202603030900`, idempotencyKey: 'c1' })).booking
    const moved = await rescheduleBooking(ctx, { ...fam, bookingId: b1.id, slotId: `${provider.id}-202603031000`, idempotencyKey: 'c2' })
    expect(moved.booking).toMatchObject({ status: 'booked', rescheduledFrom: b1.id, slotId: `${provider.id}-202603031000` })
    const list = await listFamilyBookings(ctx, fam.familyId)
    expect(list.find((b) => b.id === b1.id)).toMatchObject({ status: 'cancelled', cancelledBy: 'family' })
    // the old time is free again
    const free = await listFreeTimes(ctx, { kind: 'mental_health', jurisdiction: provider.jurisdiction, from: '2026-03-03', to: '2026-03-03' })
    expect(free.map((t) => t.id)).toContain(`${provider.id}-202603030900`)
    // 2 h cut-off: at 08:01 local on Tuesday, the 10:00 session can no longer be changed here
    h.clock().set('2026-03-03T00:01:00Z')
    await expect(cancelBooking(ctx, { bookingId: moved.booking.id, familyId: fam.familyId, by: 'family' })).rejects.toMatchObject({ code: 'too_late' })
    await expect(rescheduleBooking(ctx, { ...fam, bookingId: moved.booking.id, slotId: `${provider.id}-202603031100`, idempotencyKey: 'c3' })).rejects.toMatchObject({ code: 'too_late' })
    expect(t('zh-CN', 'errors.too_late')).toMatch(/联系工作人员/)
    h.clock().set('2026-03-02T23:59:00Z')
    const cancelled = await cancelBooking(ctx, { bookingId: moved.booking.id, familyId: fam.familyId, by: 'family' })
    expect(cancelled.status).toBe('cancelled')
    h.clock().set('2026-03-02T01:00:00Z')
  })

  it('offers a freed place to the waiting list in order, for a set time, at most 3 offers', async () => {
    const ctx = h.ctx()
    const { provider } = await makeProvider(ctx, { plans: [{ weekday: 4, start: '09:00', end: '10:00' }] })
    const slotId = `${provider.id}-202603050900`
    const holder = await makeFamily(ctx)
    const [w1, w2, w3, w4] = [await makeFamily(ctx), await makeFamily(ctx), await makeFamily(ctx), await makeFamily(ctx)]
    const held = (await book(ctx, { ...holder, slotId, idempotencyKey: 'h' })).booking
    await expect(joinWaitlist(ctx, { ...w1, slotId: `${provider.id}-202603120900` })).rejects.toMatchObject({ code: 'conflict' })
    for (const w of [w1!, w2!, w3!, w4!]) await joinWaitlist(ctx, { ...w, slotId })
    expect((await joinWaitlist(ctx, { ...w2!, slotId })).position).toBe(2)
    await cancelBooking(ctx, { bookingId: held.id, familyId: holder.familyId, by: 'family' })
    // the place is held for w1, not free for others
    expect(await listFreeTimes(ctx, { kind: 'mental_health', jurisdiction: provider.jurisdiction, from: '2026-03-05', to: '2026-03-05' })).toEqual([])
    const o1 = await listFamilyOffers(ctx, w1!.familyId)
    expect(o1).toHaveLength(1)
    expect((await messagesForFamily(ctx, w1!.familyId)).map((m) => [m.kind, m.messageKey])).toEqual([['offer', 'booking:offer.made']])
    // w1 lets it run out: the job moves it to w2
    h.clock().advance(ctx.config.WAITLIST_OFFER_MINUTES * MINUTE + 1000)
    expect(await expireOffers(ctx)).toBe(1)
    await expect(acceptOffer(ctx, { ...w1!, offerId: o1[0]!.id })).rejects.toMatchObject({ code: 'conflict', details: { reason: 'offer_expired' } })
    const o2 = await listFamilyOffers(ctx, w2!.familyId)
    expect(o2).toHaveLength(1)
    await declineOffer(ctx, w2!.familyId, o2[0]!.id)
    const o3 = await listFamilyOffers(ctx, w3!.familyId)
    expect(o3).toHaveLength(1)
    h.clock().advance(ctx.config.WAITLIST_OFFER_MINUTES * MINUTE + 1000)
    expect(await expireOffers(ctx)).toBe(1)
    // three offers made for this place: w4 gets none, the place is free for anyone again
    expect(await listFamilyOffers(ctx, w4!.familyId)).toEqual([])
    const free = await listFreeTimes(ctx, { kind: 'mental_health', jurisdiction: provider.jurisdiction, from: '2026-03-05', to: '2026-03-05' })
    expect(free.map((t) => [t.id, t.remaining])).toEqual([[slotId, 1]])
    h.clock().set('2026-03-02T01:00:00Z')
  })

  it('books the offered place when the family accepts in time', async () => {
    const ctx = h.ctx()
    const { provider } = await makeProvider(ctx, { plans: [{ weekday: 4, start: '09:00', end: '10:00' }] })
    const slotId = `${provider.id}-202603050900`
    const holder = await makeFamily(ctx)
    const waiting = await makeFamily(ctx)
    const other = await makeFamily(ctx)
    const held = (await book(ctx, { ...holder, slotId, idempotencyKey: 'h' })).booking
    const child = await makeChild(ctx, waiting.familyId)
    await joinWaitlist(ctx, { ...waiting, slotId, childId: child })
    await cancelBooking(ctx, { bookingId: held.id, familyId: holder.familyId, by: 'family' })
    await expect(book(ctx, { ...other, slotId, idempotencyKey: 'o' })).rejects.toMatchObject({ code: 'slot_full' })
    const [offer] = await listFamilyOffers(ctx, waiting.familyId)
    const booking = await acceptOffer(ctx, { ...waiting, offerId: offer!.id })
    expect(booking).toMatchObject({ status: 'booked', childId: child, slotId })
    expect((await acceptOffer(ctx, { ...waiting, offerId: offer!.id })).id).toBe(booking.id)
  })

  it('staff cancellation tells every family with the reason and the next free times; no reminder remains', async () => {
    const ctx = h.ctx()
    const { provider } = await makeProvider(ctx, { plans: [{ weekday: 3, start: '14:00', end: '16:00', sessionMinutes: 120, capacity: 10, kind: 'family_education' }] })
    const slotId = `${provider.id}-202603041400`
    const fams = [await makeFamily(ctx), await makeFamily(ctx, 'bot'), await makeFamily(ctx)]
    for (const [i, f] of fams.entries()) await book(ctx, { ...f, slotId, idempotencyKey: `s${i}` })
    h.clock().set('2026-03-03T07:00:00Z') // 24 h before: reminders queued
    const { queueDueReminders } = await import('../../src/domain/booking/reminders.service')
    expect(await queueDueReminders(ctx)).toBe(3)
    await expect(cancelSlot(ctx, { slotId, reason: '' })).rejects.toMatchObject({ code: 'validation_failed' })
    expect(await cancelSlot(ctx, { slotId, reason: '老师生病' })).toBe(3)
    for (const f of fams) {
      const msgs = await messagesForFamily(ctx, f.familyId)
      expect(msgs.map((m) => m.kind)).toEqual(['notice'])
      expect(msgs[0]!.messageKey).toBe('booking:staffCancel.withNext')
      expect(msgs[0]!.channel).toBe(f.channel)
      expect(msgs[0]!.params).toMatchObject({ reason: '老师生病', next: '2026-03-11 14:00, 2026-03-18 14:00, 2026-03-25 14:00' })
      expect(t('zh-CN', msgs[0]!.messageKey!, msgs[0]!.params as never)).toContain('2026-03-11 14:00')
      const [b] = await listFamilyBookings(ctx, f.familyId)
      expect(b).toMatchObject({ status: 'cancelled', cancelledBy: 'staff', cancelReason: '老师生病' })
    }
    expect(await listFreeTimes(ctx, { kind: 'family_education', jurisdiction: provider.jurisdiction, from: '2026-03-04', to: '2026-03-04' })).toEqual([])
    h.clock().set('2026-03-02T01:00:00Z')
  })

  it('marks attendance after the session and counts a month per department', async () => {
    const ctx = h.ctx()
    const { provider, jurisdiction } = await makeProvider(ctx, { department: '区卫健局', plans: [{ weekday: 2, start: '09:00', end: '12:00' }] })
    const [a, b, c] = [await makeFamily(ctx), await makeFamily(ctx), await makeFamily(ctx)]
    const ba = (await book(ctx, { ...a, slotId: `${provider.id}-202603030900`, topic: '睡不好', idempotencyKey: 'x' })).booking
    const bb = (await book(ctx, { ...b, slotId: `${provider.id}-202603031000`, idempotencyKey: 'x' })).booking
    const bc = (await book(ctx, { ...c, slotId: `${provider.id}-202603031100`, idempotencyKey: 'x' })).booking
    await expect(markAttendance(ctx, { bookingId: ba.id, outcome: 'attended' })).rejects.toMatchObject({ code: 'conflict' })
    h.clock().set('2026-03-03T04:00:00Z') // Tuesday 12:00
    expect((await markAttendance(ctx, { bookingId: ba.id, outcome: 'attended' })).status).toBe('attended')
    await markAttendance(ctx, { bookingId: bb.id, outcome: 'no_show' })
    const day = await providerSchedule(ctx, { providerId: provider.id, from: '2026-03-03' })
    expect(day.map((e) => [e.time.id.slice(-4), e.bookings.map((x) => x.status)])).toEqual([['0900', ['attended']], ['1000', ['no_show']], ['1100', ['booked']]])
    expect(day[0]!.bookings[0]!.topic).toBe('睡不好')
    const week = await providerSchedule(ctx, { providerId: provider.id, from: '2026-03-02', days: 7 })
    expect(week.length).toBe(3)
    const [row] = await departmentOverview(ctx, { jurisdiction, month: '2026-03' })
    expect(row).toMatchObject({ department: '区卫健局', kind: 'mental_health', held: 3, bookings: 3, attended: 1, missed: 1, unmarked: 1 })
    expect(await departmentOverview(ctx, { jurisdiction, month: '2026-04' })).toEqual([])
    void bc
    h.clock().set('2026-03-02T01:00:00Z')
  })

  it('staff cancel a single booking with a reason at any time; the family is told on its channel', async () => {
    const ctx = h.ctx()
    const { provider } = await makeProvider(ctx, { plans: [{ weekday: 2, start: '09:00', end: '11:00' }] })
    const fam = await makeFamily(ctx, 'official_account')
    const b = (await book(ctx, { ...fam, slotId: `${provider.id}-202603030900`, idempotencyKey: 'oa' })).booking
    h.clock().set('2026-03-03T00:30:00Z') // 30 minutes before: past the family's cut-off, not the staff's
    await expect(cancelBooking(ctx, { bookingId: b.id, by: 'staff' })).rejects.toMatchObject({ code: 'validation_failed' })
    const c = await cancelBooking(ctx, { bookingId: b.id, by: 'staff', reason: '场地停电' })
    expect(c).toMatchObject({ status: 'cancelled', cancelledBy: 'staff', cancelReason: '场地停电' })
    const [msg] = await messagesForFamily(ctx, fam.familyId)
    expect(msg).toMatchObject({ channel: 'official_account', kind: 'notice', recipient: String(fam.identityId) })
    expect(t('en', msg!.messageKey!, msg!.params as never)).toMatch(/cancelled by the staff\. Reason: 场地停电/)
    h.clock().set('2026-03-02T01:00:00Z')
  })

  it('skips a waiting family that has a clashing booking when offering a freed place', async () => {
    const ctx = h.ctx()
    const { provider } = await makeProvider(ctx, { plans: [{ weekday: 4, start: '09:00', end: '10:00' }] })
    const other = await makeProvider(ctx, { plans: [{ weekday: 4, start: '09:30', end: '10:30' }] })
    const slotId = `${provider.id}-202603050900`
    const holder = await makeFamily(ctx)
    const busy = await makeFamily(ctx)
    const free = await makeFamily(ctx)
    const held = (await book(ctx, { ...holder, slotId, idempotencyKey: 'h' })).booking
    await joinWaitlist(ctx, { ...busy, slotId })
    await joinWaitlist(ctx, { ...free, slotId })
    await book(ctx, { ...busy, slotId: `${other.provider.id}-202603050930`, idempotencyKey: 'clash' })
    await cancelBooking(ctx, { bookingId: held.id, familyId: holder.familyId, by: 'family' })
    expect(await listFamilyOffers(ctx, busy.familyId)).toEqual([])
    expect(await listFamilyOffers(ctx, free.familyId)).toHaveLength(1)
  })

  it('erasing a family gives its places back (to the waiting list) and deletes its booking data; export includes it', async () => {
    const ctx = h.ctx()
    const { provider } = await makeProvider(ctx, { plans: [{ weekday: 4, start: '09:00', end: '10:00' }] })
    const slotId = `${provider.id}-202603050900`
    const leaving = await makeFamily(ctx)
    const waiting = await makeFamily(ctx)
    await book(ctx, { ...leaving, slotId, topic: '家里的事', idempotencyKey: 'e' })
    await joinWaitlist(ctx, { ...waiting, slotId })
    const exported = await exportFamilyBookings(ctx, leaving.familyId)
    expect(exported.bookings).toHaveLength(1)
    expect((exported.bookings as Array<{ topic: string }>)[0]!.topic).toBe('家里的事')
    expect(familyDataErasers).toContain(eraseFamilyBookings)
    await eraseFamilyBookings(ctx, leaving.familyId)
    expect(await listFamilyBookings(ctx, leaving.familyId)).toEqual([])
    expect(await messagesForFamily(ctx, leaving.familyId)).toEqual([])
    expect(await listFamilyOffers(ctx, waiting.familyId)).toHaveLength(1)
  })
})
