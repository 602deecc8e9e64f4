import { it, expect } from 'vitest'
import { describeEachDb } from '../support/context'
import { book, cancelBooking } from '../../src/domain/booking/booking.service'
import { Booking, BookingOffer, BookingSlot } from '../../src/db/entities'
import { expireOffers, joinWaitlist } from '../../src/domain/booking/waitlist.service'
import { makeFamily, makeProvider } from './helpers'

/**
 * The booking rules under many simultaneous requests. On MariaDB the requests run on a pool of
 * 30 connections, so the rules must hold in the database (row locks, unique indexes). On SQLite
 * (one connection) they check that booking transactions are queued, not interleaved.
 */
describeEachDb('booking under concurrency', (h) => {
  it('200 simultaneous requests for a slot of capacity 5 confirm exactly 5', async () => {
    const ctx = h.ctx()
    const { provider } = await makeProvider(ctx, { plans: [{ weekday: 3, start: '14:00', end: '16:00', sessionMinutes: 120, capacity: 5, kind: 'family_education' }] })
    const slotId = `${provider.id}-202603041400`
    const families = await Promise.all(Array.from({ length: 200 }, () => makeFamily(ctx)))
    const results = await Promise.allSettled(families.map((f, i) => book(ctx, { ...f, slotId, idempotencyKey: `k${i}` })))
    const ok = results.filter((r) => r.status === 'fulfilled')
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(ok).toHaveLength(5)
    expect(new Set(refused.map((r) => (r.reason as { code?: string }).code))).toEqual(new Set(['slot_full']))
    const slots = await ctx.db.repo(BookingSlot).findBy({ providerId: provider.id })
    expect(slots).toHaveLength(1)
    expect(slots[0]).toMatchObject({ bookedCount: 5, capacity: 5 })
    expect(await ctx.db.repo(Booking).countBy({ slotId: slots[0]!.id, status: 'booked' })).toBe(5)
  })

  it('a family firing 20 requests at once for overlapping times gets at most one', async () => {
    const ctx = h.ctx()
    // four providers, one time each, all covering 09:30-10:00 on Thursday 5 March
    const blocks = [['09:00', '10:00', 60], ['09:15', '10:15', 60], ['09:30', '10:00', 30], ['08:30', '10:30', 120]] as const
    const ids: string[] = []
    for (const [start, end, minutes] of blocks) {
      const { provider } = await makeProvider(ctx, { jurisdiction: 'overlap-town', plans: [{ weekday: 4, start, end, sessionMinutes: minutes, capacity: 3 }] })
      ids.push(`${provider.id}-20260305${start.replace(':', '')}`)
    }
    const fam = await makeFamily(ctx)
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => book(ctx, { ...fam, slotId: ids[i % ids.length]!, idempotencyKey: `f${i}` })))
    const ok = results.filter((r) => r.status === 'fulfilled')
    expect(ok.length).toBe(1)
    const rows = await ctx.db.repo(Booking).findBy({ familyId: fam.familyId, status: 'booked' })
    expect(rows.length).toBe(ok.length)
    for (const r of results) if (r.status === 'rejected') expect(['booking_overlap', 'slot_full']).toContain((r.reason as { code?: string }).code)
  })

  it('the same idempotency key sent many times at once makes one booking', async () => {
    const ctx = h.ctx()
    const { provider } = await makeProvider(ctx, { plans: [{ weekday: 4, start: '09:00', end: '10:00', capacity: 10 }] })
    const fam = await makeFamily(ctx)
    const results = await Promise.all(Array.from({ length: 10 }, () => book(ctx, { ...fam, slotId: `${provider.id}-202603050900`, idempotencyKey: 'same-tap' })))
    expect(new Set(results.map((r) => r.booking.id)).size).toBe(1)
    expect(results.filter((r) => r.created)).toHaveLength(1)
    expect(await ctx.db.repo(Booking).countBy({ familyId: fam.familyId })).toBe(1)
  })

  it('cancellations and bookings racing on a full slot never go over capacity', async () => {
    const ctx = h.ctx()
    const { provider } = await makeProvider(ctx, { plans: [{ weekday: 5, start: '09:00', end: '10:00', capacity: 3 }] })
    const slotId = `${provider.id}-202603060900`
    const holders = await Promise.all(Array.from({ length: 3 }, () => makeFamily(ctx)))
    const held = await Promise.all(holders.map((f, i) => book(ctx, { ...f, slotId, idempotencyKey: `h${i}` })))
    const others = await Promise.all(Array.from({ length: 30 }, () => makeFamily(ctx)))
    await Promise.allSettled([
      ...held.map((b, i) => cancelBooking(ctx, { bookingId: b.booking.id, familyId: holders[i]!.familyId, by: 'family' })),
      ...others.map((f, i) => book(ctx, { ...f, slotId, idempotencyKey: `o${i}` })),
    ])
    const slot = (await ctx.db.repo(BookingSlot).findOneByOrFail({ providerId: provider.id }))
    const booked = await ctx.db.repo(Booking).countBy({ slotId: slot.id, status: 'booked' })
    expect(booked).toBeLessThanOrEqual(3)
    expect(slot.bookedCount).toBe(booked)
  })

  it('a refused request never undoes another family\'s booking made at the same moment', async () => {
    const ctx = h.ctx()
    const { provider } = await makeProvider(ctx, { plans: [{ weekday: 1, start: '08:00', end: '18:00', sessionMinutes: 30, capacity: 1 }] })
    const taken = `${provider.id}-202603090800`
    await book(ctx, { ...(await makeFamily(ctx)), slotId: taken, idempotencyKey: 'first' })
    const refused = await Promise.all(Array.from({ length: 15 }, () => makeFamily(ctx)))
    const lucky = await Promise.all(Array.from({ length: 15 }, () => makeFamily(ctx)))
    const fresh = lucky.map((_, i) => `${provider.id}-20260309${String(9 + Math.floor(i / 2)).padStart(2, '0')}${i % 2 ? '30' : '00'}`)
    const results = await Promise.allSettled([
      ...refused.map((f, i) => book(ctx, { ...f, slotId: taken, idempotencyKey: `r${i}` })),
      ...lucky.map((f, i) => book(ctx, { ...f, slotId: fresh[i]!, idempotencyKey: `l${i}` })),
    ])
    expect(results.slice(0, 15).every((r) => r.status === 'rejected')).toBe(true)
    expect(results.slice(15).map((r) => r.status)).toEqual(Array(15).fill('fulfilled'))
    for (const [i, f] of lucky.entries()) {
      const rows = await ctx.db.repo(Booking).findBy({ familyId: f.familyId, status: 'booked' })
      expect(rows, fresh[i]).toHaveLength(1)
    }
    const slots = await ctx.db.repo(BookingSlot).findBy({ providerId: provider.id })
    expect(slots).toHaveLength(16)
    expect(slots.every((s) => s.bookedCount === 1)).toBe(true)
  })

  it('two instances expiring the same offer move the place on once', async () => {
    const ctx = h.ctx()
    const { provider } = await makeProvider(ctx, { plans: [{ weekday: 5, start: '15:00', end: '16:00', capacity: 1 }] })
    const slotId = `${provider.id}-202603061500`
    const holder = await makeFamily(ctx)
    const waiting = await Promise.all(Array.from({ length: 4 }, () => makeFamily(ctx)))
    const held = (await book(ctx, { ...holder, slotId, idempotencyKey: 'h' })).booking
    for (const w of waiting) await joinWaitlist(ctx, { ...w, slotId })
    await cancelBooking(ctx, { bookingId: held.id, familyId: holder.familyId, by: 'family' })
    const other = { ...ctx, instanceId: 'second-instance' }
    h.clock().advance(ctx.config.WAITLIST_OFFER_MINUTES * 60_000 + 1000)
    await Promise.all([expireOffers(ctx), expireOffers(other), expireOffers(ctx), expireOffers(other)])
    const offers = await ctx.db.repo(BookingOffer).find({ order: { id: 'ASC' } })
    const mine = offers.filter((o) => o.placeKey === `c${held.id}`)
    expect(mine.map((o) => [o.attempt, o.status])).toEqual([[1, 'expired'], [2, 'open']])
    expect(mine[1]!.familyId).toBe(waiting[1]!.familyId)
    const slot = await ctx.db.repo(BookingSlot).findOneByOrFail({ providerId: provider.id })
    expect(slot).toMatchObject({ bookedCount: 0, heldCount: 1 })
    h.clock().set('2026-03-02T01:00:00Z')
  })
})
