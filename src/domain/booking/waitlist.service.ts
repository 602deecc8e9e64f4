/**
 * Waiting lists and offers. A family joins the waiting list of a full slot. When a place is
 * freed (a cancellation), it is held for the first waiting family and offered to it for
 * WAITLIST_OFFER_MINUTES; when the family does not take it in time (or declines), the offer
 * moves on to the next family, at most 3 offers per freed place. Each offer is unique per
 * (freed place, attempt), so two processes never offer the same place twice.
 */
import { In, LessThan, MoreThan } from 'typeorm'
import { Booking, BookingFamilyLock, BookingOffer, BookingSlot, BookingWaitlist } from '../../db/entities'
import { isUniqueViolation } from '../../db/database'
import { AppError } from '../../shared/errors'
import { MINUTE } from '../../shared/clock'
import type { Channel } from '../identity/identity.service'
import type { SessionKind } from '../../content/vocabulary'
import type { DomainContext } from '../context'
import { materialiseSlot, slotIdOf, timeOfSlotRow, type FreeTime } from './slots'
import { bookingTransaction, ensureFamilyLockRow, lockFamily, lockedOne } from './tx'
import { notifyFamily, sessionParams, withdrawBookingMessages } from './notify'
import { familyDataErasers, familyDataExporters } from '../registry/family-data'
import { bookingViews, checkChild, familyView, takePlace, type BookingView } from './booking.service'

export const MAX_OFFERS_PER_PLACE = 3

export interface WaitlistView {
  id: number
  slotId: string
  kind: SessionKind
  start: Date
  status: 'waiting' | 'offered' | 'booked' | 'expired' | 'left' | 'closed'
  /** 1 = next in line (only while waiting). */
  position: number | null
}

export interface OfferView {
  id: number
  slotId: string
  time: FreeTime
  status: 'open' | 'accepted' | 'expired' | 'declined' | 'withdrawn'
  expiresAt: Date
  bookingId: number | null
}

export interface JoinWaitlistInput {
  familyId: number
  identityId: number
  channel: Channel
  slotId: string
  childId?: number | null
  topic?: string | null
}

async function waitlistView(ctx: DomainContext, w: BookingWaitlist, slot: BookingSlot): Promise<WaitlistView> {
  let position: number | null = null
  if (w.status === 'waiting') {
    const ahead = await ctx.db.repo(BookingWaitlist).findBy({ slotId: w.slotId, status: 'waiting' })
    position = ahead.filter((a) => a.createdAt < w.createdAt || (a.createdAt.getTime() === w.createdAt.getTime() && a.id < w.id)).length + 1
  }
  return { id: w.id, slotId: slotIdOf(slot.providerId, slot.startsAt), kind: slot.kind as SessionKind, start: slot.startsAt, status: w.status as WaitlistView['status'], position }
}

/** Puts the family on the waiting list of a full slot (joining twice keeps its place). */
export async function joinWaitlist(ctx: DomainContext, input: JoinWaitlistInput): Promise<WaitlistView> {
  await checkChild(ctx, input.familyId, input.childId)
  const slot = await materialiseSlot(ctx, input.slotId)
  const now = ctx.clock.now()
  if (slot.status !== 'open' || slot.startsAt <= now) throw new AppError('slot_full', 'slot not available', { details: { reason: 'slot_unavailable' } })
  if (slot.bookedCount + slot.heldCount < slot.capacity) throw new AppError('conflict', 'places are still free: book it', { details: { reason: 'not_full' } })
  const mine = await ctx.db.repo(Booking).findOneBy({ familyId: input.familyId, slotId: slot.id, status: 'booked' })
  if (mine) throw new AppError('booking_overlap', 'already booked in this slot', { details: { bookingId: mine.id } })
  const repo = ctx.db.repo(BookingWaitlist)
  const existing = await repo.findOneBy({ slotId: slot.id, familyId: input.familyId })
  if (existing) {
    if (existing.status === 'waiting' || existing.status === 'offered') return waitlistView(ctx, existing, slot)
    await repo.update({ id: existing.id }, { status: 'waiting', identityId: input.identityId, channel: input.channel, childId: input.childId ?? null, topic: input.topic?.trim() || null, createdAt: now, updatedAt: now })
    return waitlistView(ctx, (await repo.findOneByOrFail({ id: existing.id })), slot)
  }
  try {
    const row = await repo.save(
      repo.create({ slotId: slot.id, familyId: input.familyId, identityId: input.identityId, channel: input.channel, childId: input.childId ?? null, topic: input.topic?.trim() || null, status: 'waiting', createdAt: now, updatedAt: now }), { transaction: false }
    )
    ctx.log.info({ waitlistId: row.id, slotId: slot.id }, 'joined waiting list')
    return waitlistView(ctx, row, slot)
  } catch (e) {
    if (!isUniqueViolation(e)) throw e
    return waitlistView(ctx, await repo.findOneByOrFail({ slotId: slot.id, familyId: input.familyId }), slot)
  }
}

/** Leaves a waiting list. */
export async function leaveWaitlist(ctx: DomainContext, familyId: number, waitlistId: number): Promise<void> {
  const w = await ctx.db.repo(BookingWaitlist).findOneBy({ id: waitlistId, familyId })
  if (!w) throw new AppError('not_found', 'waiting list entry not found')
  await ctx.db.repo(BookingWaitlist).update({ id: w.id, status: 'waiting' }, { status: 'left', updatedAt: ctx.clock.now() })
}

export async function listFamilyWaitlist(ctx: DomainContext, familyId: number): Promise<WaitlistView[]> {
  const rows = await ctx.db.repo(BookingWaitlist).find({ where: { familyId, status: In(['waiting', 'offered']) }, order: { id: 'ASC' } })
  if (!rows.length) return []
  const now = ctx.clock.now()
  // Only times still ahead and not cancelled: a waiting list of a past session means nothing.
  const slots = new Map((await ctx.db.repo(BookingSlot).findBy({ id: In(rows.map((r) => r.slotId)) })).filter((s) => s.status === 'open' && s.startsAt > now).map((s) => [s.id, s]))
  return Promise.all(rows.filter((r) => slots.has(r.slotId)).map((r) => waitlistView(ctx, r, slots.get(r.slotId)!)))
}

/**
 * Offers a freed place of a slot to the first waiting family (without a clashing booking).
 * Returns the offer id, or null when there is nothing to offer (no free place, nobody waiting,
 * or the place was already offered MAX_OFFERS_PER_PLACE times).
 */
export async function offerFreedPlace(ctx: DomainContext, slotRowId: number, placeKey: string): Promise<number | null> {
  const now = ctx.clock.now()
  let made: { offer: BookingOffer; entry: BookingWaitlist; slot: BookingSlot } | null = null
  try {
    made = await bookingTransaction(ctx, async (m) => {
      const slot = await lockedOne(ctx, m, BookingSlot, { id: slotRowId })
      if (!slot || slot.status !== 'open' || slot.startsAt <= now) return null
      if (slot.bookedCount + slot.heldCount >= slot.capacity) return null
      const attempts = await m.countBy(BookingOffer, { placeKey })
      if (attempts >= MAX_OFFERS_PER_PLACE) return null
      const waiting = await m.find(BookingWaitlist, { where: { slotId: slot.id, status: 'waiting' }, order: { createdAt: 'ASC', id: 'ASC' } })
      let entry: BookingWaitlist | undefined
      for (const w of waiting) {
        const clash = await m.findOneBy(Booking, { familyId: w.familyId, status: 'booked', startsAt: LessThan(slot.endsAt), endsAt: MoreThan(slot.startsAt) })
        if (!clash) {
          entry = w
          break
        }
      }
      if (!entry) return null
      const expiresAt = new Date(Math.min(now.getTime() + ctx.config.WAITLIST_OFFER_MINUTES * MINUTE, slot.startsAt.getTime()))
      const offer = await m.save(m.create(BookingOffer, { slotId: slot.id, waitlistId: entry.id, familyId: entry.familyId, placeKey, attempt: attempts + 1, status: 'open', expiresAt, bookingId: null, createdAt: now }))
      await m.update(BookingWaitlist, { id: entry.id }, { status: 'offered', updatedAt: now })
      await m.update(BookingSlot, { id: slot.id }, { heldCount: slot.heldCount + 1 })
      return { offer, entry, slot }
    })
  } catch (e) {
    if (isUniqueViolation(e)) return null // another process made this offer
    throw e
  }
  if (!made) return null
  const time = await timeOfSlotRow(ctx, made.slot)
  await notifyFamily(ctx, { channel: made.entry.channel, identityId: made.entry.identityId, familyId: made.entry.familyId }, 'offer', `booking-offer:${made.offer.id}`, 'booking:offer.made', {
    ...sessionParams(time),
    offerId: made.offer.id,
    minutes: Math.max(1, Math.round((made.offer.expiresAt.getTime() - now.getTime()) / MINUTE)),
  })
  ctx.log.info({ offerId: made.offer.id, slotId: made.slot.id, attempt: made.offer.attempt }, 'waiting-list offer made')
  return made.offer.id
}

async function offerView(ctx: DomainContext, o: BookingOffer): Promise<OfferView> {
  const slot = await ctx.db.repo(BookingSlot).findOneByOrFail({ id: o.slotId })
  const time = await timeOfSlotRow(ctx, slot)
  return { id: o.id, slotId: time.id, time, status: o.status as OfferView['status'], expiresAt: o.expiresAt, bookingId: o.bookingId }
}

/** Open offers of a family. */
export async function listFamilyOffers(ctx: DomainContext, familyId: number): Promise<OfferView[]> {
  const rows = await ctx.db.repo(BookingOffer).find({ where: { familyId, status: 'open' }, order: { id: 'ASC' } })
  const now = ctx.clock.now()
  return Promise.all(rows.filter((o) => o.expiresAt > now).map((o) => offerView(ctx, o)))
}

export interface AcceptOfferInput {
  offerId: number
  familyId: number
  identityId: number
  channel: Channel
}

/** Takes the offered place: a booking on the held place. Accepting twice returns the same booking. */
export async function acceptOffer(ctx: DomainContext, input: AcceptOfferInput): Promise<BookingView> {
  const offer = await ctx.db.repo(BookingOffer).findOneBy({ id: input.offerId, familyId: input.familyId })
  if (!offer) throw new AppError('not_found', 'offer not found')
  const expired = () => new AppError('conflict', 'the offer has expired', { details: { reason: 'offer_expired' } })
  if (offer.status === 'accepted' && offer.bookingId) return familyView((await bookingViews(ctx, [await ctx.db.repo(Booking).findOneByOrFail({ id: offer.bookingId })]))[0]!)
  if (offer.status !== 'open' || offer.expiresAt <= ctx.clock.now()) throw expired()
  await ensureFamilyLockRow(ctx, input.familyId)
  const booking = await bookingTransaction(ctx, async (m) => {
    await lockFamily(ctx, m, input.familyId)
    const slot = await lockedOne(ctx, m, BookingSlot, { id: offer.slotId })
    const cur = await lockedOne(ctx, m, BookingOffer, { id: offer.id })
    if (cur?.status === 'accepted' && cur.bookingId) return m.findOneByOrFail(Booking, { id: cur.bookingId })
    if (!slot || !cur || cur.status !== 'open' || cur.expiresAt <= ctx.clock.now()) throw expired()
    const entry = await m.findOneByOrFail(BookingWaitlist, { id: cur.waitlistId })
    const b = await takePlace(ctx, m, slot, { familyId: input.familyId, identityId: input.identityId, channel: input.channel, childId: entry.childId, topic: entry.topic, idempotencyKey: `offer:${cur.id}` }, { fromHeld: true })
    await m.update(BookingOffer, { id: cur.id }, { status: 'accepted', bookingId: b.id })
    await m.update(BookingWaitlist, { id: entry.id }, { status: 'booked', updatedAt: ctx.clock.now() })
    return b
  })
  ctx.log.info({ offerId: offer.id, bookingId: booking.id }, 'waiting-list offer accepted')
  return familyView((await bookingViews(ctx, [booking]))[0]!)
}

/** Ends an open offer (declined by the family, or expired) and moves the place on. */
async function endOffer(ctx: DomainContext, offerId: number, status: 'declined' | 'expired'): Promise<boolean> {
  const offer = await ctx.db.repo(BookingOffer).findOneBy({ id: offerId })
  if (!offer) return false
  const ended = await bookingTransaction(ctx, async (m) => {
    const slot = await lockedOne(ctx, m, BookingSlot, { id: offer.slotId })
    const cur = await lockedOne(ctx, m, BookingOffer, { id: offer.id })
    if (!slot || !cur || cur.status !== 'open') return false
    await m.update(BookingOffer, { id: cur.id }, { status })
    await m.update(BookingWaitlist, { id: cur.waitlistId }, { status: status === 'declined' ? 'left' : 'expired', updatedAt: ctx.clock.now() })
    await m.update(BookingSlot, { id: slot.id }, { heldCount: Math.max(0, slot.heldCount - 1) })
    return true
  })
  if (ended) await offerFreedPlace(ctx, offer.slotId, offer.placeKey)
  return ended
}

export async function declineOffer(ctx: DomainContext, familyId: number, offerId: number): Promise<void> {
  const offer = await ctx.db.repo(BookingOffer).findOneBy({ id: offerId, familyId })
  if (!offer) throw new AppError('not_found', 'offer not found')
  await endOffer(ctx, offer.id, 'declined')
}

/** Ends every offer whose time ran out and offers the place to the next family. Returns how many expired. */
export async function expireOffers(ctx: DomainContext): Promise<number> {
  const due = await ctx.db.repo(BookingOffer).createQueryBuilder('o').where('o.status = :s', { s: 'open' }).andWhere('o.expires_at <= :now', { now: ctx.clock.now() }).orderBy('o.id', 'ASC').limit(200).getMany()
  let n = 0
  for (const o of due) if (await endOffer(ctx, o.id, 'expired')) n++
  return n
}

/**
 * Erasing a family (registry: on request or after the retention period): its booked places are
 * given back (and offered to the waiting list), its offers withdrawn, queued reminders withdrawn,
 * then every booking-module row of the family is deleted. No message goes to the erased family.
 */
export async function eraseFamilyBookings(ctx: DomainContext, familyId: number): Promise<void> {
  const freed: Array<{ slotId: number; placeKey: string }> = []
  for (const b of await ctx.db.repo(Booking).findBy({ familyId, status: 'booked' })) {
    const changed = await bookingTransaction(ctx, async (m) => {
      const slot = await lockedOne(ctx, m, BookingSlot, { id: b.slotId })
      const cur = await lockedOne(ctx, m, Booking, { id: b.id })
      if (!slot || !cur || cur.status !== 'booked') return false
      await m.update(Booking, { id: b.id }, { status: 'cancelled', cancelledBy: 'family', cancelReason: null, updatedAt: ctx.clock.now() })
      await m.update(BookingSlot, { id: slot.id }, { bookedCount: Math.max(0, slot.bookedCount - 1) })
      return true
    })
    await withdrawBookingMessages(ctx, b.id)
    if (changed) freed.push({ slotId: b.slotId, placeKey: `c${b.id}` })
  }
  for (const o of await ctx.db.repo(BookingOffer).findBy({ familyId, status: 'open' })) {
    await bookingTransaction(ctx, async (m) => {
      const slot = await lockedOne(ctx, m, BookingSlot, { id: o.slotId })
      const cur = await lockedOne(ctx, m, BookingOffer, { id: o.id })
      if (!slot || !cur || cur.status !== 'open') return
      await m.update(BookingOffer, { id: o.id }, { status: 'withdrawn' })
      await m.update(BookingSlot, { id: slot.id }, { heldCount: Math.max(0, slot.heldCount - 1) })
    })
    freed.push({ slotId: o.slotId, placeKey: o.placeKey })
  }
  await ctx.db.repo(BookingOffer).delete({ familyId })
  await ctx.db.repo(BookingWaitlist).delete({ familyId })
  await ctx.db.repo(Booking).delete({ familyId })
  await ctx.db.repo(BookingFamilyLock).delete({ familyId })
  for (const f of freed) await offerFreedPlace(ctx, f.slotId, f.placeKey)
}

/** The family's booking data for its own export (topics included: they are the family's words). */
export async function exportFamilyBookings(ctx: DomainContext, familyId: number): Promise<Record<string, unknown>> {
  const rows = await ctx.db.repo(Booking).find({ where: { familyId }, order: { id: 'ASC' } })
  const waitlist = await ctx.db.repo(BookingWaitlist).find({ where: { familyId }, order: { id: 'ASC' } })
  return {
    bookings: (await bookingViews(ctx, rows)).map((b) => ({ ...b, start: b.start.toISOString(), end: b.end.toISOString(), createdAt: b.createdAt.toISOString() })),
    bookingWaitlist: waitlist.map((w) => ({ id: w.id, slotId: w.slotId, status: w.status, childId: w.childId, topic: w.topic, createdAt: w.createdAt.toISOString() })),
  }
}

familyDataErasers.push(eraseFamilyBookings)
familyDataExporters.push(exportFamilyBookings)
