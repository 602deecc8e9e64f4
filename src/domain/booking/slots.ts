/**
 * Free times: computed from weekly working plans, breaks, exceptions (leave, holidays,
 * China's statutory public holidays), materialised slots (bookings, staff-opened or closed
 * times), in Asia/Shanghai, for the next BOOKING_WEEKS_AHEAD weeks.
 *
 * A free time has a stable id whether or not a slot row exists yet: `<providerId>-<YYYYMMDDHHmm>`
 * (the start in Asia/Shanghai). The (provider, start) pair is unique in booking_slot, so two
 * processes materialising the same time end up with one row.
 */
import { Between, In } from 'typeorm'
import chineseDays from 'chinese-days'
import { BookingException, BookingPlan, BookingProvider, BookingSlot, BookingVenue } from '../../db/entities'
import { isUniqueViolation } from '../../db/database'
import { addDays, atLocal, localDate, localTime, weekday } from '../../shared/dates'
import { AppError } from '../../shared/errors'
import { DAY, MINUTE } from '../../shared/clock'
import type { SessionKind } from '../../content/vocabulary'
import type { DomainContext } from '../context'

export type SessionMode = 'in_person' | 'online' | 'phone'
export type VenueKind = 'childrens_home' | 'protection_station' | 'community_centre'

export interface ProviderView {
  id: number
  name: string
  department: string | null
  community: string | null
}

export interface VenueView {
  id: number
  name: string
  address: string | null
  kind: VenueKind
}

export interface FreeTime {
  /** Stable id: `<providerId>-<YYYYMMDDHHmm>` in Asia/Shanghai. */
  id: string
  kind: SessionKind
  start: Date
  end: Date
  capacity: number
  remaining: number
  provider: ProviderView
  venue: VenueView | null
  mode: SessionMode
  /** 'open' for free times; schedules also show 'closed' and 'cancelled' slots. */
  status: 'open' | 'closed' | 'cancelled'
  /** The slot row, once materialised. */
  slotRowId: number | null
}

/** The stable id of the time a provider starts at `start`. */
export function slotIdOf(providerId: number, start: Date): string {
  return `${providerId}-${localDate(start).replaceAll('-', '')}${localTime(start).replace(':', '')}`
}

/** Parses a slot id; a bad one is a `not_found`. */
export function parseSlotId(id: string): { providerId: number; start: Date } {
  const m = /^(\d{1,9})-(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(id)
  if (!m) throw new AppError('not_found', 'slot not found')
  const start = atLocal(`${m[2]}-${m[3]}-${m[4]}`, `${m[5]}:${m[6]}`)
  if (Number.isNaN(start.getTime())) throw new AppError('not_found', 'slot not found')
  return { providerId: Number(m[1]), start }
}

export const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number]
  return h * 60 + m
}

/** Start minutes (from local midnight) of the sessions one plan block gives, skipping breaks. */
export function sessionStarts(plan: Pick<BookingPlan, 'startTime' | 'endTime' | 'breaks' | 'sessionMinutes'>): number[] {
  const out: number[] = []
  const end = toMinutes(plan.endTime)
  const len = plan.sessionMinutes
  const breaks = (plan.breaks ?? []).map((b) => ({ s: toMinutes(b.start), e: toMinutes(b.end) }))
  let t = toMinutes(plan.startTime)
  while (len > 0 && t + len <= end) {
    const brk = breaks.find((b) => t < b.e && t + len > b.s)
    if (brk) {
      t = brk.e
      continue
    }
    out.push(t)
    t += len
  }
  return out
}

/** True on China's statutory public holidays (国庆节, 春节 …), not on ordinary weekends. */
export function isPublicHoliday(date: string): boolean {
  try {
    const d = chineseDays.getDayDetail(date)
    return !d.work && d.name.includes(',')
  } catch {
    return false
  }
}

export const providerView = (p: BookingProvider): ProviderView => ({ id: p.id, name: p.displayName, department: p.department, community: p.community })
export const venueView = (v: BookingVenue | undefined | null): VenueView | null =>
  v ? { id: v.id, name: v.name, address: v.address, kind: v.kind as VenueKind } : null

export interface GenerateOptions {
  providers: BookingProvider[]
  kind?: SessionKind
  fromDate: string
  toDate: string
  /** Leave out times starting at or before this instant. */
  notBefore?: Date
  /** Leave out times starting after this instant. */
  notAfter?: Date
  /** Also return closed and staff-cancelled slots (schedules). */
  includeClosed?: boolean
}

/** Every time of the given providers between two local dates (inclusive), with places left. */
export async function generateTimes(ctx: DomainContext, o: GenerateOptions): Promise<FreeTime[]> {
  if (!o.providers.length || o.fromDate > o.toDate) return []
  const ids = o.providers.map((p) => p.id)
  const byId = new Map(o.providers.map((p) => [p.id, p]))
  const jurisdictions = [...new Set(o.providers.map((p) => p.jurisdiction))]
  const plans = (await ctx.db.repo(BookingPlan).findBy({ providerId: In(ids) })).filter((p) => !o.kind || p.kind === o.kind)
  const exceptions = await ctx.db
    .repo(BookingException)
    .createQueryBuilder('e')
    .where('(e.provider_id IN (:...ids) OR (e.provider_id IS NULL AND e.jurisdiction IN (:...js)))', { ids, js: jurisdictions })
    .andWhere('e.from_date <= :to AND e.to_date >= :from', { from: o.fromDate, to: o.toDate })
    .getMany()
  const rangeEnd = atLocal(addDays(o.toDate, 1))
  const slots = await ctx.db.repo(BookingSlot).findBy({ providerId: In(ids), startsAt: Between(atLocal(o.fromDate), rangeEnd) })
  const inRange = slots.filter((s) => s.startsAt < rangeEnd && (!o.kind || s.kind === o.kind))
  const venueIds = [...new Set([...plans.map((p) => p.venueId), ...inRange.map((s) => s.venueId)].filter((v): v is number => v !== null))]
  const venues = new Map((venueIds.length ? await ctx.db.repo(BookingVenue).findBy({ id: In(venueIds) }) : []).map((v) => [v.id, v]))

  const closedOn = (providerId: number, date: string): boolean => {
    const p = byId.get(providerId)!
    return exceptions.some((e) => (e.providerId === providerId || (e.providerId === null && e.jurisdiction === p.jurisdiction)) && e.fromDate <= date && e.toDate >= date)
  }
  const within = (start: Date) => (!o.notBefore || start > o.notBefore) && (!o.notAfter || start <= o.notAfter)

  const times = new Map<string, FreeTime>()
  for (let date = o.fromDate; date <= o.toDate; date = addDays(date, 1)) {
    const wd = weekday(date)
    const holiday = isPublicHoliday(date)
    for (const plan of plans) {
      if (plan.weekday !== wd) continue
      if (plan.validFrom && date < plan.validFrom) continue
      if (plan.validTo && date > plan.validTo) continue
      if (plan.skipPublicHolidays && holiday) continue
      if (closedOn(plan.providerId, date)) continue
      for (const minute of sessionStarts(plan)) {
        const start = new Date(atLocal(date).getTime() + minute * MINUTE)
        if (!within(start)) continue
        const id = slotIdOf(plan.providerId, start)
        if (times.has(id)) continue
        times.set(id, {
          id,
          kind: plan.kind as SessionKind,
          start,
          end: new Date(start.getTime() + plan.sessionMinutes * MINUTE),
          capacity: plan.capacity,
          remaining: plan.capacity,
          provider: providerView(byId.get(plan.providerId)!),
          venue: plan.mode === 'in_person' ? venueView(venues.get(plan.venueId ?? -1)) : null,
          mode: plan.mode as SessionMode,
          status: 'open',
          slotRowId: null,
        })
      }
    }
  }
  for (const s of inRange) {
    const id = slotIdOf(s.providerId, s.startsAt)
    if (!within(s.startsAt) || (s.status !== 'open' && !o.includeClosed)) {
      times.delete(id)
      continue
    }
    times.set(id, slotToTime(s, byId.get(s.providerId)!, venues.get(s.venueId ?? -1)))
  }
  return [...times.values()].sort((a, b) => a.start.getTime() - b.start.getTime() || a.provider.id - b.provider.id)
}

export function slotToTime(s: BookingSlot, p: BookingProvider, v: BookingVenue | undefined | null): FreeTime {
  return {
    id: slotIdOf(s.providerId, s.startsAt),
    kind: s.kind as SessionKind,
    start: s.startsAt,
    end: s.endsAt,
    capacity: s.capacity,
    remaining: Math.max(0, s.capacity - s.bookedCount - s.heldCount),
    provider: providerView(p),
    venue: s.mode === 'in_person' ? venueView(v) : null,
    mode: s.mode as SessionMode,
    status: s.status as FreeTime['status'],
    slotRowId: s.id,
  }
}

export interface FreeTimesQuery {
  kind: SessionKind
  jurisdiction: string
  /** Local dates YYYY-MM-DD; clamped to today … BOOKING_WEEKS_AHEAD weeks ahead. */
  from?: string
  to?: string
  providerId?: number
  /** Also list full times (remaining 0), e.g. to join their waiting list. */
  includeFull?: boolean
}

/** Bookable times of a kind in a jurisdiction, soonest first. */
export async function listFreeTimes(ctx: DomainContext, q: FreeTimesQuery): Promise<FreeTime[]> {
  const now = ctx.clock.now()
  const horizon = new Date(now.getTime() + ctx.config.BOOKING_WEEKS_AHEAD * 7 * DAY)
  const today = localDate(now)
  const last = localDate(horizon)
  const fromDate = q.from && q.from > today ? q.from : today
  const toDate = q.to && q.to < last ? q.to : last
  const providers = (await ctx.db.repo(BookingProvider).findBy({ jurisdiction: q.jurisdiction, active: true, ...(q.providerId ? { id: q.providerId } : {}) })).filter((p) =>
    p.kinds.includes(q.kind),
  )
  const times = await generateTimes(ctx, { providers, kind: q.kind, fromDate, toDate, notBefore: now, notAfter: horizon })
  return q.includeFull ? times : times.filter((t) => t.remaining > 0)
}

/** One free time by id (materialised or not), or a `not_found`. */
export async function getTime(ctx: DomainContext, slotId: string, opts: { includeClosed?: boolean } = {}): Promise<FreeTime> {
  const { providerId, start } = parseSlotId(slotId)
  const provider = await ctx.db.repo(BookingProvider).findOneBy({ id: providerId })
  if (!provider) throw new AppError('not_found', 'slot not found')
  const date = localDate(start)
  const times = await generateTimes(ctx, { providers: [provider], fromDate: date, toDate: date, includeClosed: opts.includeClosed })
  const found = times.find((t) => t.start.getTime() === start.getTime())
  if (!found) throw new AppError('not_found', 'slot not found')
  return found
}

/**
 * The slot row of a free time, inserting it on first use. Only times a working plan gives
 * (or a row staff opened) can be materialised; the unique (provider, start) index makes
 * concurrent first bookings end with one row.
 */
export async function materialiseSlot(ctx: DomainContext, slotId: string, opts: { staff?: boolean } = {}): Promise<BookingSlot> {
  const { providerId, start } = parseSlotId(slotId)
  const repo = ctx.db.repo(BookingSlot)
  const existing = await repo.findOneBy({ providerId, startsAt: start })
  if (existing) return existing
  const now = ctx.clock.now()
  const horizon = now.getTime() + ctx.config.BOOKING_WEEKS_AHEAD * 7 * DAY
  // Families book only the times they are shown; staff may close any future time of the plan.
  if (start <= now || (!opts.staff && start.getTime() > horizon)) throw new AppError('slot_full', 'time not bookable', { details: { reason: 'slot_unavailable' } })
  const time = await getTime(ctx, slotId)
  try {
    return await repo.save(
      repo.create({
        providerId,
        kind: time.kind,
        startsAt: time.start,
        endsAt: time.end,
        capacity: time.capacity,
        bookedCount: 0,
        heldCount: 0,
        venueId: time.venue?.id ?? null,
        mode: time.mode,
        status: 'open',
        origin: 'plan',
        cancelReason: null,
        createdAt: ctx.clock.now(),
      }),
      { transaction: false },
    )
  } catch (e) {
    if (!isUniqueViolation(e)) throw e
    const again = await repo.findOneBy({ providerId, startsAt: start })
    if (!again) throw e
    return again
  }
}

/** The free time of a slot row (for views of bookings). */
export async function timeOfSlotRow(ctx: DomainContext, slot: BookingSlot): Promise<FreeTime> {
  const p = await ctx.db.repo(BookingProvider).findOneByOrFail({ id: slot.providerId })
  const v = slot.venueId ? await ctx.db.repo(BookingVenue).findOneBy({ id: slot.venueId }) : null
  return slotToTime(slot, p, v)
}

