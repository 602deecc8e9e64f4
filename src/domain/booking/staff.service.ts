/**
 * What staff do with sessions (wired into the staff API/console by the staff module):
 * providers, venues, weekly working plans and exceptions; opening or closing a single time;
 * cancelling a session (every family concerned is told and offered the next free times);
 * marking attendance; a provider's schedule for a day or week; a department's monthly overview.
 */
import { Between, In } from 'typeorm'
import { Booking, BookingException, BookingOffer, BookingPlan, BookingProvider, BookingSlot, BookingVenue, BookingWaitlist } from '../../db/entities'
import { isUniqueViolation } from '../../db/database'
import { AppError } from '../../shared/errors'
import { MINUTE } from '../../shared/clock'
import { addDays, addMonths, atLocal, formatLocal, isIsoDate } from '../../shared/dates'
import { SESSION_KINDS, type SessionKind } from '../../content/vocabulary'
import { departmentsFor, hasJurisdiction } from '../../content/index'
import type { DomainContext } from '../context'
import { generateTimes, listFreeTimes, materialiseSlot, parseSlotId, slotToTime, timeOfSlotRow, toMinutes, type FreeTime, type SessionMode, type VenueKind } from './slots'
import { bookingTransaction, lockedOne } from './tx'
import { notifyFamily, sessionParams, withdrawBookingMessages } from './notify'
import { bookingViews, invalidField, type StaffBookingView } from './booking.service'

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/

const invalid = (path: string, key: string): AppError => invalidField(path, key)

export interface ProviderInput {
  displayName: string
  kinds: SessionKind[]
  jurisdiction: string
  community?: string | null
  department?: string | null
  staffId?: number | null
  seedKey?: string | null
}

export async function createProvider(ctx: DomainContext, input: ProviderInput): Promise<BookingProvider> {
  if (!input.displayName.trim()) throw invalid('displayName', 'validation.required')
  if (!input.kinds.length || input.kinds.some((k) => !SESSION_KINDS.includes(k))) throw invalid('kinds', 'validation.invalid')
  // Sessions are given by the departments the jurisdiction's own list names for the kind.
  if (input.department && hasJurisdiction(input.jurisdiction))
    for (const kind of input.kinds) {
      const named = departmentsFor(input.jurisdiction, kind)
      if (named.length && !named.includes(input.department)) throw invalid('department', 'booking:errors.departmentNotNamed')
    }
  const repo = ctx.db.repo(BookingProvider)
  return repo.save(
    repo.create({
      displayName: input.displayName.trim().slice(0, 64),
      kinds: input.kinds,
      jurisdiction: input.jurisdiction,
      community: input.community ?? null,
      department: input.department ?? null,
      staffId: input.staffId ?? null,
      active: true,
      seedKey: input.seedKey ?? null,
      createdAt: ctx.clock.now(),
    }), { transaction: false }
  )
}

/** Links a provider to a staff account (staff module). */
export async function linkProviderToStaff(ctx: DomainContext, providerId: number, staffId: number | null): Promise<void> {
  await ctx.db.repo(BookingProvider).update({ id: providerId }, { staffId })
}

export async function providersOfStaff(ctx: DomainContext, staffId: number): Promise<BookingProvider[]> {
  return ctx.db.repo(BookingProvider).findBy({ staffId })
}

export interface VenueInput {
  name: string
  address?: string | null
  kind: VenueKind
  jurisdiction: string
  community?: string | null
  seedKey?: string | null
}

export async function createVenue(ctx: DomainContext, input: VenueInput): Promise<BookingVenue> {
  const repo = ctx.db.repo(BookingVenue)
  return repo.save(repo.create({ name: input.name, address: input.address ?? null, kind: input.kind, jurisdiction: input.jurisdiction, community: input.community ?? null, seedKey: input.seedKey ?? null, createdAt: ctx.clock.now() }), { transaction: false })
}

export interface PlanInput {
  providerId: number
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number
  start: string
  end: string
  breaks?: Array<{ start: string; end: string }>
  sessionMinutes: number
  capacity: number
  kind: SessionKind
  venueId?: number | null
  mode: SessionMode
  validFrom?: string | null
  validTo?: string | null
  skipPublicHolidays?: boolean
  seedKey?: string | null
}

/** Adds a weekly working block to a provider's plan. */
export async function addWorkingPlan(ctx: DomainContext, input: PlanInput): Promise<BookingPlan> {
  const provider = await ctx.db.repo(BookingProvider).findOneBy({ id: input.providerId })
  if (!provider) throw new AppError('not_found', 'provider not found')
  if (!provider.kinds.includes(input.kind)) throw invalid('kind', 'validation.invalid')
  if (!Number.isInteger(input.weekday) || input.weekday < 0 || input.weekday > 6) throw invalid('weekday', 'validation.invalid')
  for (const [path, v] of [['start', input.start], ['end', input.end], ...(input.breaks ?? []).flatMap((b, i) => [[`breaks.${i}.start`, b.start], [`breaks.${i}.end`, b.end]])] as Array<[string, string]>)
    if (!hhmm.test(v)) throw invalid(path, 'validation.invalid')
  if (toMinutes(input.start) >= toMinutes(input.end)) throw invalid('end', 'validation.invalid')
  if (!Number.isInteger(input.sessionMinutes) || input.sessionMinutes < 10 || input.sessionMinutes > 480) throw invalid('sessionMinutes', 'validation.invalid')
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 200) throw invalid('capacity', 'validation.invalid')
  if (input.mode === 'in_person' && !input.venueId) throw invalid('venueId', 'validation.required')
  if (input.validFrom && !isIsoDate(input.validFrom)) throw invalid('validFrom', 'validation.date')
  if (input.validTo && !isIsoDate(input.validTo)) throw invalid('validTo', 'validation.date')
  const repo = ctx.db.repo(BookingPlan)
  return repo.save(
    repo.create({
      providerId: input.providerId,
      weekday: input.weekday,
      startTime: input.start,
      endTime: input.end,
      breaks: input.breaks ?? [],
      sessionMinutes: input.sessionMinutes,
      capacity: input.capacity,
      kind: input.kind,
      venueId: input.mode === 'in_person' ? (input.venueId ?? null) : null,
      mode: input.mode,
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
      skipPublicHolidays: input.skipPublicHolidays ?? true,
      seedKey: input.seedKey ?? null,
      createdAt: ctx.clock.now(),
    }), { transaction: false }
  )
}

export async function removeWorkingPlan(ctx: DomainContext, planId: number): Promise<void> {
  await ctx.db.repo(BookingPlan).delete({ id: planId })
}

export interface ExceptionInput {
  /** A provider's leave; or null with `jurisdiction` for a holiday of every provider there. */
  providerId?: number | null
  jurisdiction?: string | null
  from: string
  to: string
  reason: 'leave' | 'holiday' | 'training' | 'other'
}

/** Closes whole days (inclusive). Times already booked stay: cancel them with `cancelSlot` so families are told. */
export async function addException(ctx: DomainContext, input: ExceptionInput): Promise<BookingException> {
  if (!isIsoDate(input.from)) throw invalid('from', 'validation.date')
  if (!isIsoDate(input.to) || input.to < input.from) throw invalid('to', 'validation.date')
  if (!input.providerId && !input.jurisdiction) throw invalid('providerId', 'validation.required')
  const repo = ctx.db.repo(BookingException)
  return repo.save(repo.create({ providerId: input.providerId ?? null, jurisdiction: input.providerId ? null : (input.jurisdiction ?? null), fromDate: input.from, toDate: input.to, reason: input.reason, createdAt: ctx.clock.now() }), { transaction: false })
}

export interface OpenSlotInput {
  providerId: number
  start: Date
  minutes: number
  capacity: number
  kind: SessionKind
  mode: SessionMode
  venueId?: number | null
}

/** Opens a single extra time (outside the plan), or reopens a closed one. */
export async function openSlot(ctx: DomainContext, input: OpenSlotInput): Promise<FreeTime> {
  const provider = await ctx.db.repo(BookingProvider).findOneBy({ id: input.providerId })
  if (!provider) throw new AppError('not_found', 'provider not found')
  if (!provider.kinds.includes(input.kind)) throw invalid('kind', 'validation.invalid')
  if (input.start <= ctx.clock.now()) throw invalid('start', 'validation.invalid')
  if (input.capacity < 1 || input.minutes < 10) throw invalid('capacity', 'validation.invalid')
  if (input.mode === 'in_person' && !input.venueId) throw invalid('venueId', 'validation.required')
  const repo = ctx.db.repo(BookingSlot)
  const existing = await repo.findOneBy({ providerId: input.providerId, startsAt: input.start })
  if (existing) {
    if (existing.status === 'open') return timeOfSlotRow(ctx, existing)
    await repo.update({ id: existing.id }, { status: 'open', cancelReason: null, ...(existing.bookedCount === 0 ? { capacity: input.capacity, kind: input.kind, endsAt: new Date(input.start.getTime() + input.minutes * MINUTE), mode: input.mode, venueId: input.venueId ?? null } : {}) })
    return timeOfSlotRow(ctx, await repo.findOneByOrFail({ id: existing.id }))
  }
  try {
    const row = await repo.save(
      repo.create({ providerId: input.providerId, kind: input.kind, startsAt: input.start, endsAt: new Date(input.start.getTime() + input.minutes * MINUTE), capacity: input.capacity, bookedCount: 0, heldCount: 0, venueId: input.mode === 'in_person' ? (input.venueId ?? null) : null, mode: input.mode, status: 'open', origin: 'staff', cancelReason: null, createdAt: ctx.clock.now() }), { transaction: false }
    )
    return timeOfSlotRow(ctx, row)
  } catch (e) {
    if (!isUniqueViolation(e)) throw e
    return openSlot(ctx, input)
  }
}

/** Closes a single time nobody has booked. A booked time is cancelled with `cancelSlot` instead, so families are told. */
export async function closeSlot(ctx: DomainContext, slotId: string): Promise<void> {
  const slot = await materialiseSlot(ctx, slotId, { staff: true })
  await bookingTransaction(ctx, async (m) => {
    const s = await lockedOne(ctx, m, BookingSlot, { id: slot.id })
    if (!s) return
    if (s.bookedCount + s.heldCount > 0) throw new AppError('conflict', 'families have booked this time: cancel it with a reason', { details: { reason: 'has_bookings' } })
    await m.update(BookingSlot, { id: s.id }, { status: 'closed' })
    await m.update(BookingWaitlist, { slotId: s.id, status: In(['waiting', 'offered']) }, { status: 'closed', updatedAt: ctx.clock.now() })
  })
}

/**
 * Staff cancel a session: every booking is cancelled with the reason, queued reminders are
 * withdrawn, waiting lists closed, and every family is told with the next free times.
 * Returns how many bookings were cancelled.
 */
export async function cancelSlot(ctx: DomainContext, input: { slotId: string; reason: string }): Promise<number> {
  if (!input.reason?.trim()) throw invalid('reason', 'booking:errors.reasonRequired')
  const { providerId, start } = parseSlotId(input.slotId)
  const slot = await ctx.db.repo(BookingSlot).findOneBy({ providerId, startsAt: start })
  if (!slot) {
    await closeSlot(ctx, input.slotId)
    return 0
  }
  const reason = input.reason.trim().slice(0, 255)
  const cancelled = await bookingTransaction(ctx, async (m) => {
    const s = await lockedOne(ctx, m, BookingSlot, { id: slot.id })
    if (!s) return []
    const rows = await m.find(Booking, { where: { slotId: s.id, status: 'booked' } })
    const now = ctx.clock.now()
    if (rows.length) await m.update(Booking, { id: In(rows.map((r) => r.id)) }, { status: 'cancelled', cancelledBy: 'staff', cancelReason: reason, updatedAt: now })
    await m.update(BookingOffer, { slotId: s.id, status: 'open' }, { status: 'withdrawn' })
    await m.update(BookingWaitlist, { slotId: s.id, status: In(['waiting', 'offered']) }, { status: 'closed', updatedAt: now })
    await m.update(BookingSlot, { id: s.id }, { status: 'cancelled', cancelReason: reason, bookedCount: 0, heldCount: 0 })
    return rows.map((r) => r.id)
  })
  for (const id of cancelled) {
    await withdrawBookingMessages(ctx, id)
    await tellFamilyOfStaffCancellation(ctx, await ctx.db.repo(Booking).findOneByOrFail({ id }))
  }
  ctx.log.info({ slotId: slot.id, bookings: cancelled.length }, 'session cancelled by staff')
  return cancelled.length
}

/** Tells a family its booking was cancelled by staff, with the reason and the next free times of the same kind. */
export async function tellFamilyOfStaffCancellation(ctx: DomainContext, b: Booking): Promise<void> {
  const provider = await ctx.db.repo(BookingProvider).findOneByOrFail({ id: b.providerId })
  const slot = await ctx.db.repo(BookingSlot).findOneByOrFail({ id: b.slotId })
  const time = slotToTime(slot, provider, slot.venueId ? await ctx.db.repo(BookingVenue).findOneBy({ id: slot.venueId }) : null)
  const next = (await listFreeTimes(ctx, { kind: b.kind as SessionKind, jurisdiction: provider.jurisdiction })).slice(0, 3)
  await notifyFamily(ctx, { channel: b.channel, identityId: b.identityId, familyId: b.familyId }, 'notice', `booking:${b.id}:staff-cancel`, next.length ? 'booking:staffCancel.withNext' : 'booking:staffCancel.noNext', {
    ...sessionParams(time),
    reason: b.cancelReason ?? '',
    next: next.map((t) => formatLocal(t.start)).join(', '),
    nextSlotIds: next.map((t) => t.id),
  })
}

/** Marks a booking attended or missed, after the session started (can be corrected). */
export async function markAttendance(ctx: DomainContext, input: { bookingId: number; outcome: 'attended' | 'no_show' }): Promise<StaffBookingView> {
  const repo = ctx.db.repo(Booking)
  const b = await repo.findOneBy({ id: input.bookingId })
  if (!b) throw new AppError('not_found', 'booking not found')
  if (b.status === 'cancelled') throw new AppError('conflict', 'booking was cancelled')
  if (b.startsAt > ctx.clock.now()) throw new AppError('conflict', 'the session has not started yet', { details: { reason: 'not_started' } })
  await repo.update({ id: b.id }, { status: input.outcome, updatedAt: ctx.clock.now() })
  return (await bookingViews(ctx, [await repo.findOneByOrFail({ id: b.id })]))[0]!
}

export interface ScheduleEntry {
  time: FreeTime
  /** Bookings of the time, with the families' topics (provider and staff only). */
  bookings: StaffBookingView[]
  waiting: number
}

/** A provider's schedule for `days` days from a local date: every time (free, booked, closed, cancelled) with its bookings. */
export async function providerSchedule(ctx: DomainContext, input: { providerId: number; from: string; days?: number }): Promise<ScheduleEntry[]> {
  if (!isIsoDate(input.from)) throw invalid('from', 'validation.date')
  const provider = await ctx.db.repo(BookingProvider).findOneBy({ id: input.providerId })
  if (!provider) throw new AppError('not_found', 'provider not found')
  const days = Math.min(Math.max(input.days ?? 1, 1), 31)
  const to = addDays(input.from, days - 1)
  const times = await generateTimes(ctx, { providers: [provider], fromDate: input.from, toDate: to, includeClosed: true })
  const rows = await ctx.db.repo(Booking).find({ where: { providerId: provider.id, startsAt: Between(atLocal(input.from), atLocal(addDays(to, 1))) }, order: { startsAt: 'ASC', id: 'ASC' } })
  const views = await bookingViews(ctx, rows)
  const slotIds = times.map((t) => t.slotRowId).filter((v): v is number => v !== null)
  const waiting = slotIds.length ? await ctx.db.repo(BookingWaitlist).findBy({ slotId: In(slotIds), status: 'waiting' }) : []
  return times.map((time) => ({
    time,
    bookings: views.filter((v) => v.slotId === time.id),
    waiting: waiting.filter((w) => w.slotId === time.slotRowId).length,
  }))
}

export interface OverviewRow {
  department: string | null
  kind: SessionKind
  /** Sessions that took place (not cancelled, started, with at least one booking). */
  held: number
  bookings: number
  attended: number
  missed: number
  /** Started but attendance not marked yet. */
  unmarked: number
  cancelledByFamily: number
  cancelledByStaff: number
}

/** Sessions held, attended and missed in a month (YYYY-MM, Asia/Shanghai) per department and kind. */
export async function departmentOverview(ctx: DomainContext, input: { jurisdiction: string; month: string; department?: string }): Promise<OverviewRow[]> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.month)) throw invalid('month', 'validation.invalid')
  const first = `${input.month}-01`
  const providers = (await ctx.db.repo(BookingProvider).findBy({ jurisdiction: input.jurisdiction })).filter((p) => input.department === undefined || p.department === input.department)
  if (!providers.length) return []
  const byId = new Map(providers.map((p) => [p.id, p]))
  const rows = await ctx.db.repo(Booking).findBy({ providerId: In([...byId.keys()]), startsAt: Between(atLocal(first), new Date(atLocal(addMonths(first, 1)).getTime() - 1)) })
  const now = ctx.clock.now()
  const out = new Map<string, OverviewRow & { slots: Set<number> }>()
  for (const b of rows) {
    const p = byId.get(b.providerId)!
    const key = `${p.department ?? ''}|${b.kind}`
    const r = out.get(key) ?? { department: p.department, kind: b.kind as SessionKind, held: 0, bookings: 0, attended: 0, missed: 0, unmarked: 0, cancelledByFamily: 0, cancelledByStaff: 0, slots: new Set<number>() }
    out.set(key, r)
    if (b.status === 'cancelled') {
      if (b.cancelledBy === 'staff') r.cancelledByStaff++
      else r.cancelledByFamily++
      continue
    }
    r.bookings++
    if (b.status === 'attended') r.attended++
    else if (b.status === 'no_show') r.missed++
    else if (b.startsAt <= now) r.unmarked++
    if (b.startsAt <= now) r.slots.add(b.slotId)
  }
  return [...out.values()]
    .map(({ slots, ...r }) => ({ ...r, held: slots.size }))
    .sort((a, b) => (a.department ?? '').localeCompare(b.department ?? '') || a.kind.localeCompare(b.kind))
}
