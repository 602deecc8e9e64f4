/**
 * Booking a session: for a child or for the parent, from the bot, the mini-program or the
 * Official Account. The rules hold inside one database transaction:
 *   - never over capacity: the slot row is locked (FOR UPDATE) and its counters checked;
 *   - never two bookings of one family at overlapping times: the family's lock row is locked
 *     first, so one family's bookings are made one at a time;
 *   - never the same request twice: (family, idempotency key) is unique, and a retry returns
 *     the booking the first request made.
 * Cancelling and rescheduling are allowed up to BOOKING_CUTOFF_HOURS before the start.
 */
import { In, LessThan, MoreThan, type EntityManager } from 'typeorm'
import { Booking, BookingProvider, BookingSlot, BookingVenue, Child, Family } from '../../db/entities'
import { isUniqueViolation } from '../../db/database'
import { AppError } from '../../shared/errors'
import { t } from '../../shared/i18n'
import { HOUR } from '../../shared/clock'
import type { Channel } from '../identity/identity.service'
import type { SessionKind } from '../../content/vocabulary'
import type { DomainContext } from '../context'
import { materialiseSlot, slotIdOf, venueView, providerView, type ProviderView, type VenueView, type SessionMode } from './slots'
import { bookingTransaction, ensureFamilyLockRow, lockFamily, lockedOne } from './tx'
import { withdrawBookingMessages } from './notify'
import { offerFreedPlace } from './waitlist.service'
import { tellFamilyOfStaffCancellation } from './staff.service'

export type BookingStatus = 'booked' | 'cancelled' | 'attended' | 'no_show'

export interface BookingView {
  id: number
  kind: SessionKind
  status: BookingStatus
  slotId: string
  start: Date
  end: Date
  provider: ProviderView
  venue: VenueView | null
  mode: SessionMode
  /** Null: the session is for the parent. */
  childId: number | null
  channel: Channel
  cancelledBy: 'family' | 'staff' | null
  cancelReason: string | null
  /** Whether the family wrote what it wants to talk about (the words are for the provider only). */
  hasTopic: boolean
  rescheduledFrom: number | null
  createdAt: Date
}

/** For the provider and the staff who need it: the view with the family's topic. */
export interface StaffBookingView extends BookingView {
  familyId: number
  topic: string | null
}

export async function bookingViews(ctx: DomainContext, rows: Booking[]): Promise<StaffBookingView[]> {
  if (!rows.length) return []
  const slots = new Map((await ctx.db.repo(BookingSlot).findBy({ id: In([...new Set(rows.map((r) => r.slotId))]) })).map((s) => [s.id, s]))
  const providers = new Map((await ctx.db.repo(BookingProvider).findBy({ id: In([...new Set(rows.map((r) => r.providerId))]) })).map((p) => [p.id, p]))
  const venueIds = [...new Set([...slots.values()].map((s) => s.venueId).filter((v): v is number => v !== null))]
  const venues = new Map((venueIds.length ? await ctx.db.repo(BookingVenue).findBy({ id: In(venueIds) }) : []).map((v) => [v.id, v]))
  return rows.map((b) => {
    const s = slots.get(b.slotId)!
    return {
      id: b.id,
      kind: b.kind as SessionKind,
      status: b.status as BookingStatus,
      slotId: slotIdOf(b.providerId, b.startsAt),
      start: b.startsAt,
      end: b.endsAt,
      provider: providerView(providers.get(b.providerId)!),
      venue: s.mode === 'in_person' ? venueView(venues.get(s.venueId ?? -1)) : null,
      mode: s.mode as SessionMode,
      childId: b.childId,
      channel: b.channel as Channel,
      cancelledBy: b.cancelledBy as BookingView['cancelledBy'],
      cancelReason: b.cancelReason,
      hasTopic: !!b.topic,
      rescheduledFrom: b.rescheduledFrom,
      createdAt: b.createdAt,
      familyId: b.familyId,
      topic: b.topic,
    }
  })
}

/** The family's view (no topic, no family id). */
export function familyView(v: StaffBookingView): BookingView {
  const { topic: _topic, familyId: _familyId, ...rest } = v
  return rest
}

async function oneView(ctx: DomainContext, b: Booking): Promise<BookingView> {
  return familyView((await bookingViews(ctx, [b]))[0]!)
}

export interface BookInput {
  familyId: number
  /** The identity that books (reminders go to it, on its channel). */
  identityId: number
  channel: Channel
  slotId: string
  childId?: number | null
  topic?: string | null
  /** From the client (Idempotency-Key header, bot message id): a retry returns the same booking. */
  idempotencyKey: string
}

export interface BookResult {
  booking: BookingView
  /** False when the idempotency key had already booked. */
  created: boolean
}

/** A child of the family (registry), or `not_found`. Null/undefined: the session is for the parent. */
export async function checkChild(ctx: DomainContext, familyId: number, childId: number | null | undefined): Promise<void> {
  if (childId === null || childId === undefined) return
  const child = await ctx.db.repo(Child).findOneBy({ id: childId, familyId })
  if (!child || child.archivedAt) throw new AppError('not_found', 'child not found', { details: { reason: 'child_not_found' } })
}

/** The jurisdiction a registered family lives in (registry), or null. */
export async function familyJurisdiction(ctx: DomainContext, familyId: number | null): Promise<string | null> {
  if (familyId === null) return null
  return (await ctx.db.repo(Family).findOneBy({ id: familyId }))?.jurisdictionId ?? null
}

/** A refusal of a field, with the sentence in the user's language (staff: zh-CN unless told). */
export function invalidField(path: string, key: string, lang?: string, params?: Record<string, unknown>): AppError {
  return new AppError('validation_failed', t(lang, 'errors.validation_failed'), { fields: [{ path, message: t(lang, key, params) }] })
}

function checkKey(key: string): string {
  const k = key.trim()
  if (!k || k.length > 128) throw invalidField('idempotencyKey', 'booking:errors.idempotencyKey')
  return k
}

function checkSlotBookable(ctx: DomainContext, s: BookingSlot | null): BookingSlot {
  if (!s || s.status !== 'open' || s.startsAt <= ctx.clock.now()) throw new AppError('slot_full', 'slot not available', { details: { reason: 'slot_unavailable' } })
  // the refusal says the family can join the waiting list (the full time is no longer among the free times)
  if (s.bookedCount + s.heldCount >= s.capacity) throw new AppError('slot_full', 'slot is full', { details: { reason: 'full' } })
  return s
}

async function checkNoOverlap(m: EntityManager, familyId: number, s: BookingSlot, exceptBookingId?: number): Promise<void> {
  const clashes = await m.find(Booking, { where: { familyId, status: 'booked', startsAt: LessThan(s.endsAt), endsAt: MoreThan(s.startsAt) } })
  const clash = clashes.find((c) => c.id !== exceptBookingId)
  if (clash) throw new AppError('booking_overlap', 'family already has a booking at that time', { details: { bookingId: clash.id } })
}

/**
 * Inside a transaction that already holds the family lock: takes a place in the (locked) slot
 * and records the booking. `fromHeld`: the place was held for a waiting-list offer.
 */
export async function takePlace(
  ctx: DomainContext,
  m: EntityManager,
  slot: BookingSlot,
  input: Omit<BookInput, 'slotId'> & { rescheduledFrom?: number | null },
  opts: { fromHeld?: boolean; exceptBookingId?: number } = {},
): Promise<Booking> {
  const now = ctx.clock.now()
  if (opts.fromHeld) {
    if (slot.status !== 'open' || slot.startsAt <= now || slot.heldCount < 1) throw new AppError('slot_full', 'slot not available')
  } else checkSlotBookable(ctx, slot)
  await checkNoOverlap(m, input.familyId, slot, opts.exceptBookingId)
  const row = await m.save(
    m.create(Booking, {
      familyId: input.familyId,
      childId: input.childId ?? null,
      identityId: input.identityId,
      channel: input.channel,
      kind: slot.kind,
      slotId: slot.id,
      providerId: slot.providerId,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      status: 'booked',
      cancelledBy: null,
      cancelReason: null,
      topic: input.topic?.trim() || null,
      idempotencyKey: input.idempotencyKey,
      rescheduledFrom: input.rescheduledFrom ?? null,
      reminder24hAt: null,
      reminder2hAt: null,
      createdAt: now,
      updatedAt: now,
    }),
  )
  await m.update(BookingSlot, { id: slot.id }, { bookedCount: slot.bookedCount + 1, heldCount: opts.fromHeld ? slot.heldCount - 1 : slot.heldCount })
  slot.bookedCount += 1
  if (opts.fromHeld) slot.heldCount -= 1
  return row
}

/**
 * The booking an idempotency key already made, as the answer to a retry; a key sent again for another
 * time or another child is refused (`idempotency_key_reused`, 422) instead of answering
 * with a booking the family did not ask for.
 */
async function replayed(ctx: DomainContext, row: Booking, input: BookInput): Promise<BookResult> {
  const booking = await oneView(ctx, row)
  if (booking.slotId !== input.slotId || booking.childId !== (input.childId ?? null)) {
    throw new AppError('idempotency_key_reused', 'idempotency key used for another booking', { details: { bookingId: booking.id } })
  }
  return { booking, created: false }
}

/** Books a place for the family. A retry with the same idempotency key returns the first booking. */
export async function book(ctx: DomainContext, input: BookInput): Promise<BookResult> {
  const key = checkKey(input.idempotencyKey)
  const repo = ctx.db.repo(Booking)
  const done = await repo.findOneBy({ familyId: input.familyId, idempotencyKey: key })
  if (done) return replayed(ctx, done, input)
  await checkChild(ctx, input.familyId, input.childId)
  const slot = await materialiseSlot(ctx, input.slotId)
  await ensureFamilyLockRow(ctx, input.familyId)
  let result: { row: Booking; created: boolean }
  try {
    result = await bookingTransaction(ctx, async (m) => {
      await lockFamily(ctx, m, input.familyId)
      const again = await m.findOneBy(Booking, { familyId: input.familyId, idempotencyKey: key })
      if (again) return { row: again, created: false }
      const s = await lockedOne(ctx, m, BookingSlot, { id: slot.id })
      const row = await takePlace(ctx, m, checkSlotBookable(ctx, s), { ...input, idempotencyKey: key })
      return { row, created: true }
    })
  } catch (e) {
    if (!isUniqueViolation(e)) throw e
    const again = await repo.findOneBy({ familyId: input.familyId, idempotencyKey: key })
    if (!again) throw e
    result = { row: again, created: false }
  }
  if (result.created) ctx.log.info({ bookingId: result.row.id, slotId: slot.id }, 'booking made')
  else return replayed(ctx, result.row, input)
  return { booking: await oneView(ctx, result.row), created: true }
}

/** The family's bookings, soonest first (upcoming, then past). */
export async function listFamilyBookings(ctx: DomainContext, familyId: number): Promise<BookingView[]> {
  const rows = await ctx.db.repo(Booking).find({ where: { familyId }, order: { startsAt: 'ASC', id: 'ASC' } })
  return (await bookingViews(ctx, rows)).map(familyView)
}

export async function getFamilyBooking(ctx: DomainContext, familyId: number, bookingId: number): Promise<BookingView> {
  const b = await ctx.db.repo(Booking).findOneBy({ id: bookingId, familyId })
  if (!b) throw new AppError('not_found', 'booking not found')
  return oneView(ctx, b)
}

function checkCutoff(ctx: DomainContext, b: Booking): void {
  const cutoff = b.startsAt.getTime() - ctx.config.BOOKING_CUTOFF_HOURS * HOUR
  if (ctx.clock.now().getTime() > cutoff) throw new AppError('too_late', 'too close to the start; contact staff', { details: { cutoffHours: ctx.config.BOOKING_CUTOFF_HOURS } })
}

export interface CancelInput {
  bookingId: number
  /** The family cancelling (its own booking); omit for staff. */
  familyId?: number
  by: 'family' | 'staff'
  reason?: string | null
  /** Language of refusals (staff console). */
  lang?: string
}

/**
 * Cancels a booking. A family may cancel up to the cut-off; staff any time (with a reason; the
 * family is told). The freed place goes to the slot's waiting list; queued reminders are withdrawn.
 */
export async function cancelBooking(ctx: DomainContext, input: CancelInput): Promise<BookingView> {
  const b = await ctx.db.repo(Booking).findOneBy({ id: input.bookingId, ...(input.familyId !== undefined ? { familyId: input.familyId } : {}) })
  if (!b) throw new AppError('not_found', 'booking not found')
  if (b.status === 'cancelled') return oneView(ctx, b)
  if (b.status !== 'booked') throw new AppError('conflict', 'session already took place')
  if (input.by === 'family') checkCutoff(ctx, b)
  if (input.by === 'staff' && !input.reason?.trim()) throw invalidField('reason', 'booking:errors.reasonRequired', input.lang)
  const changed = await bookingTransaction(ctx, async (m) => {
    const slot = await lockedOne(ctx, m, BookingSlot, { id: b.slotId })
    const cur = await lockedOne(ctx, m, Booking, { id: b.id })
    if (!slot || !cur || cur.status !== 'booked') return false
    await m.update(Booking, { id: b.id }, { status: 'cancelled', cancelledBy: input.by, cancelReason: input.reason?.trim().slice(0, 255) || null, updatedAt: ctx.clock.now() })
    await m.update(BookingSlot, { id: slot.id }, { bookedCount: Math.max(0, slot.bookedCount - 1) })
    return true
  })
  await withdrawBookingMessages(ctx, b.id)
  const after = await ctx.db.repo(Booking).findOneByOrFail({ id: b.id })
  if (changed) {
    ctx.log.info({ bookingId: b.id, by: input.by }, 'booking cancelled')
    if (input.by === 'staff') {
      await tellFamilyOfStaffCancellation(ctx, after)
    }
    await offerFreedPlace(ctx, b.slotId, `c${b.id}`)
  }
  return oneView(ctx, after)
}

export interface RescheduleInput {
  bookingId: number
  familyId: number
  identityId: number
  channel: Channel
  slotId: string
  idempotencyKey: string
}

/** Moves a booking to another time in one transaction (the new place is taken before the old one is given up). */
export async function rescheduleBooking(ctx: DomainContext, input: RescheduleInput): Promise<BookResult> {
  const key = checkKey(input.idempotencyKey)
  const repo = ctx.db.repo(Booking)
  const done = await repo.findOneBy({ familyId: input.familyId, idempotencyKey: key })
  if (done) return { booking: await oneView(ctx, done), created: false }
  const old = await repo.findOneBy({ id: input.bookingId, familyId: input.familyId })
  if (!old) throw new AppError('not_found', 'booking not found')
  if (old.status !== 'booked') throw new AppError('conflict', 'booking is not active')
  checkCutoff(ctx, old)
  const slot = await materialiseSlot(ctx, input.slotId)
  if (slot.id === old.slotId) return { booking: await oneView(ctx, old), created: false }
  await ensureFamilyLockRow(ctx, input.familyId)
  const row = await bookingTransaction(ctx, async (m) => {
    await lockFamily(ctx, m, input.familyId)
    const again = await m.findOneBy(Booking, { familyId: input.familyId, idempotencyKey: key })
    if (again) return { row: again, created: false }
    const [first, second] = slot.id < old.slotId ? [slot.id, old.slotId] : [old.slotId, slot.id]
    const a = await lockedOne(ctx, m, BookingSlot, { id: first })
    const b = await lockedOne(ctx, m, BookingSlot, { id: second })
    const newSlot = checkSlotBookable(ctx, first === slot.id ? a : b)
    const oldSlot = first === slot.id ? b! : a!
    const cur = await lockedOne(ctx, m, Booking, { id: old.id })
    if (!cur || cur.status !== 'booked') throw new AppError('conflict', 'booking is not active')
    const created = await takePlace(ctx, m, newSlot, { familyId: cur.familyId, identityId: input.identityId, channel: input.channel, childId: cur.childId, topic: cur.topic, idempotencyKey: key, rescheduledFrom: cur.id }, { exceptBookingId: cur.id })
    await m.update(Booking, { id: cur.id }, { status: 'cancelled', cancelledBy: 'family', cancelReason: 'rescheduled', updatedAt: ctx.clock.now() })
    await m.update(BookingSlot, { id: oldSlot.id }, { bookedCount: Math.max(0, oldSlot.bookedCount - 1) })
    return { row: created, created: true }
  })
  if (row.created) {
    await withdrawBookingMessages(ctx, old.id)
    await offerFreedPlace(ctx, old.slotId, `c${old.id}`)
  }
  return { booking: await oneView(ctx, row.row), created: row.created }
}
