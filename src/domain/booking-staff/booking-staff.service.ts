/**
 * What staff do with sessions, as staff: every function takes the signed-in staff member, asks the
 * policy module (`booking.*` actions) and then calls the booking module (src/domain/booking), so
 * the staff API and the console share one set of rules:
 *   providers (list, read, create, update) · venues (list, create, update) · weekly plans (add,
 *   replace, remove) · closed days (add, replace, remove; a jurisdiction's holiday: administrators)
 *   · a single time opened or closed · a session or one booking cancelled with a reason (every
 *   family told with the next free times; audited per family) · the department's monthly overview.
 * Schedules and attendance are src/domain/reports/schedules.ts (same policies).
 */
import { Between, In } from 'typeorm'
import { Booking, BookingException, BookingPlan, BookingProvider, BookingVenue } from '../../db/entities'
import { AppError } from '../../shared/errors'
import { addDays, atLocal, isIsoDate } from '../../shared/dates'
import { SESSION_KINDS, type SessionKind } from '../../content/vocabulary'
import { departmentsFor, hasJurisdiction } from '../../content/index'
import { authorize, can, type BookingAction } from '../policies/policies'
import { recordAudit } from '../audit/audit.service'
import { getStaff, type StaffView } from '../staff/staff.service'
import { providerResource } from '../reports/schedules'
import { getTime, parseSlotId, slotIdOf, type FreeTime, type SessionMode, type VenueKind } from '../booking/slots'
import { addException, addWorkingPlan, cancelSlot, closeSlot, createProvider, createVenue, departmentOverview, openSlot, removeWorkingPlan, type OverviewRow, type PlanInput } from '../booking/staff.service'
import { cancelBooking, invalidField, type BookingView } from '../booking/booking.service'
import type { DomainContext } from '../context'

export const VENUE_KINDS: VenueKind[] = ['childrens_home', 'protection_station', 'community_centre']
export const SESSION_MODES: SessionMode[] = ['in_person', 'online', 'phone']
export const CLOSED_REASONS = ['leave', 'holiday', 'training', 'other'] as const
export type ClosedReason = (typeof CLOSED_REASONS)[number]

export interface PlanView {
  id: number
  weekday: number
  start: string
  end: string
  breaks: Array<{ start: string; end: string }>
  sessionMinutes: number
  capacity: number
  kind: SessionKind
  mode: SessionMode
  venueId: number | null
  validFrom: string | null
  validTo: string | null
  skipPublicHolidays: boolean
}

export interface ClosedDayView {
  id: number
  /** Null: every provider of the jurisdiction (a holiday). */
  providerId: number | null
  jurisdiction: string | null
  from: string
  to: string
  reason: ClosedReason
}

export interface ProviderDetail {
  id: number
  name: string
  kinds: SessionKind[]
  jurisdiction: string
  community: string | null
  department: string | null
  staffId: number | null
  active: boolean
  /** Whether this staff member may change the provider, its plans, closed days and sessions. */
  canManage: boolean
  /** Whether this staff member may open, close and cancel its times. */
  canManageSessions: boolean
  plans: PlanView[]
  closedDays: ClosedDayView[]
}

export interface VenueDetail {
  id: number
  name: string
  address: string | null
  kind: VenueKind
  jurisdiction: string
  community: string | null
}

/** A time still booked on closed days: cancel it with a reason so the families are told. */
export interface StillBooked {
  slotId: string
  start: Date
  bookings: number
}

const invalid = (path: string, key: string): AppError => invalidField(path, key)

const planView = (p: BookingPlan): PlanView => ({
  id: p.id, weekday: p.weekday, start: p.startTime, end: p.endTime, breaks: p.breaks ?? [], sessionMinutes: p.sessionMinutes, capacity: p.capacity,
  kind: p.kind as SessionKind, mode: p.mode as SessionMode, venueId: p.venueId, validFrom: p.validFrom, validTo: p.validTo, skipPublicHolidays: p.skipPublicHolidays,
})
const closedView = (e: BookingException): ClosedDayView => ({ id: e.id, providerId: e.providerId, jurisdiction: e.jurisdiction, from: e.fromDate, to: e.toDate, reason: e.reason as ClosedReason })
const venueDetail = (v: BookingVenue): VenueDetail => ({ id: v.id, name: v.name, address: v.address, kind: v.kind as VenueKind, jurisdiction: v.jurisdiction, community: v.community })

/** The provider, if this staff member may do `action` with it (404 when it does not exist, 403 otherwise). */
async function providerFor(ctx: DomainContext, staff: StaffView, providerId: number, action: BookingAction): Promise<BookingProvider> {
  const p = await ctx.db.repo(BookingProvider).findOneBy({ id: providerId })
  if (!p) throw new AppError('not_found', 'provider not found')
  authorize(staff, action, providerResource(p))
  return p
}

async function details(ctx: DomainContext, staff: StaffView, providers: BookingProvider[]): Promise<ProviderDetail[]> {
  if (!providers.length) return []
  const ids = providers.map((p) => p.id)
  const plans = await ctx.db.repo(BookingPlan).find({ where: { providerId: In(ids) }, order: { weekday: 'ASC', startTime: 'ASC', id: 'ASC' } })
  const jurisdictions = [...new Set(providers.map((p) => p.jurisdiction))]
  const closed = await ctx.db.repo(BookingException).find({ where: [{ providerId: In(ids) }, { jurisdiction: In(jurisdictions) }], order: { fromDate: 'ASC', id: 'ASC' } })
  return providers.map((p) => ({
    id: p.id,
    name: p.displayName,
    kinds: p.kinds as SessionKind[],
    jurisdiction: p.jurisdiction,
    community: p.community,
    department: p.department,
    staffId: p.staffId,
    active: p.active,
    canManage: can(staff, 'booking.provider.manage', providerResource(p)),
    canManageSessions: can(staff, 'booking.session.manage', providerResource(p)),
    plans: plans.filter((x) => x.providerId === p.id).map(planView),
    closedDays: closed.filter((e) => e.providerId === p.id || (e.providerId === null && e.jurisdiction === p.jurisdiction)).map(closedView),
  }))
}

/** Providers whose schedule this staff member may see (administrators: of one jurisdiction if given), with plans and closed days. */
export async function listProvidersAsStaff(ctx: DomainContext, staff: StaffView, filter: { jurisdiction?: string } = {}): Promise<ProviderDetail[]> {
  const where: Record<string, unknown> = {}
  if (staff.role === 'provider') where.staffId = staff.id
  else if (staff.role === 'admin') {
    if (filter.jurisdiction) where.jurisdiction = filter.jurisdiction
  } else where.jurisdiction = staff.jurisdiction ?? ''
  const rows = (await ctx.db.repo(BookingProvider).find({ where, order: { id: 'ASC' } })).filter((p) => can(staff, 'booking.schedule.read', providerResource(p)))
  return details(ctx, staff, rows)
}

export async function getProviderAsStaff(ctx: DomainContext, staff: StaffView, providerId: number): Promise<ProviderDetail> {
  const p = await providerFor(ctx, staff, providerId, 'booking.schedule.read')
  return (await details(ctx, staff, [p]))[0]!
}

export interface ProviderFields {
  displayName: string
  kinds: SessionKind[]
  /** Department staff: their own (the default). */
  jurisdiction?: string
  community?: string | null
  department?: string | null
  /** The provider's own staff account (role provider), to see and mark their schedule. */
  staffId?: number | null
}

async function checkProviderAccount(ctx: DomainContext, staffId: number | null | undefined): Promise<void> {
  if (staffId === null || staffId === undefined) return
  const account = await getStaff(ctx, staffId).catch(() => null)
  if (!account || account.role !== 'provider') throw invalid('staffId', 'staff:errors.notProviderAccount')
}

function checkKindsAndDepartment(jurisdiction: string, kinds: SessionKind[], department: string | null | undefined): void {
  if (!kinds.length || kinds.some((k) => !SESSION_KINDS.includes(k))) throw invalid('kinds', 'validation.invalid')
  if (department && hasJurisdiction(jurisdiction))
    for (const kind of kinds) {
      const named = departmentsFor(jurisdiction, kind)
      if (named.length && !named.includes(department)) throw invalid('department', 'booking:errors.departmentNotNamed')
    }
}

/** Adds a provider. Department staff add them to their own jurisdiction and department. */
export async function createProviderAsStaff(ctx: DomainContext, staff: StaffView, input: ProviderFields): Promise<ProviderDetail> {
  const jurisdiction = input.jurisdiction?.trim() || staff.jurisdiction || ''
  const department = input.department?.trim() || (staff.role === 'department' ? staff.department : null)
  authorize(staff, 'booking.provider.manage', { type: 'provider', staffId: input.staffId ?? null, jurisdiction, department, community: input.community ?? null })
  if (!jurisdiction) throw invalid('jurisdiction', 'staff:errors.needsJurisdiction')
  if (!hasJurisdiction(jurisdiction)) throw invalid('jurisdiction', 'validation.invalid')
  await checkProviderAccount(ctx, input.staffId)
  const p = await createProvider(ctx, { displayName: input.displayName, kinds: input.kinds, jurisdiction, community: input.community?.trim() || null, department, staffId: input.staffId ?? null })
  ctx.log.info({ providerId: p.id, staffId: staff.id }, 'provider created by staff')
  return (await details(ctx, staff, [p]))[0]!
}

/** Adds a provider with its first weekly block, or neither (a refused block takes the new provider back out). */
export async function createProviderWithPlanAsStaff(ctx: DomainContext, staff: StaffView, input: ProviderFields, plan: PlanFields): Promise<ProviderDetail> {
  const p = await createProviderAsStaff(ctx, staff, input)
  try {
    await addPlanAsStaff(ctx, staff, p.id, plan)
  } catch (e) {
    await ctx.db.repo(BookingProvider).delete({ id: p.id })
    throw e
  }
  return getProviderAsStaff(ctx, staff, p.id)
}

/** Changes a provider's name, kinds, community, department, account or whether it takes bookings. */
export async function updateProviderAsStaff(ctx: DomainContext, staff: StaffView, providerId: number, patch: Partial<Omit<ProviderFields, 'jurisdiction'>> & { active?: boolean }): Promise<ProviderDetail> {
  const p = await providerFor(ctx, staff, providerId, 'booking.provider.manage')
  const next = {
    displayName: patch.displayName !== undefined ? patch.displayName.trim() : p.displayName,
    kinds: (patch.kinds ?? p.kinds) as SessionKind[],
    community: patch.community !== undefined ? patch.community?.trim() || null : p.community,
    department: patch.department !== undefined ? patch.department?.trim() || null : p.department,
    staffId: patch.staffId !== undefined ? patch.staffId : p.staffId,
    active: patch.active ?? p.active,
  }
  if (!next.displayName) throw invalid('displayName', 'validation.required')
  checkKindsAndDepartment(p.jurisdiction, next.kinds, next.department)
  // Moving a provider to another department needs the right over the new place too.
  authorize(staff, 'booking.provider.manage', providerResource({ ...p, ...next }))
  if (patch.staffId !== undefined) await checkProviderAccount(ctx, patch.staffId)
  await ctx.db.repo(BookingProvider).update({ id: p.id }, { ...next, displayName: next.displayName.slice(0, 64) })
  return (await details(ctx, staff, [await ctx.db.repo(BookingProvider).findOneByOrFail({ id: p.id })]))[0]!
}

// —— venues ——

/** The jurisdiction a request is about: administrators name it; everyone else their own by default (the policy refuses another). */
const areaOf = (staff: StaffView, jurisdiction: string | undefined): string => {
  if (staff.role !== 'admin') return jurisdiction?.trim() || staff.jurisdiction?.trim() || ''
  const j = (jurisdiction ?? staff.jurisdiction)?.trim()
  if (!j) throw invalid('jurisdiction', 'staff:errors.needsJurisdiction')
  return j
}

/** Venues of a jurisdiction (department staff: their own; administrators choose). */
export async function listVenuesAsStaff(ctx: DomainContext, staff: StaffView, jurisdiction?: string): Promise<VenueDetail[]> {
  const j = areaOf(staff, jurisdiction)
  authorize(staff, 'booking.venue.manage', { type: 'booking_area', jurisdiction: j, department: staff.department })
  return (await ctx.db.repo(BookingVenue).find({ where: { jurisdiction: j }, order: { id: 'ASC' } })).map(venueDetail)
}

export interface VenueFields {
  name: string
  address?: string | null
  kind: VenueKind
  jurisdiction?: string
  community?: string | null
}

export async function createVenueAsStaff(ctx: DomainContext, staff: StaffView, input: VenueFields): Promise<VenueDetail> {
  const j = areaOf(staff, input.jurisdiction)
  authorize(staff, 'booking.venue.manage', { type: 'booking_area', jurisdiction: j, department: staff.department })
  if (!input.name.trim()) throw invalid('name', 'validation.required')
  if (!VENUE_KINDS.includes(input.kind)) throw invalid('kind', 'validation.invalid')
  const v = await createVenue(ctx, { name: input.name.trim().slice(0, 128), address: input.address?.trim().slice(0, 255) || null, kind: input.kind, jurisdiction: j, community: input.community?.trim() || null })
  return venueDetail(v)
}

export async function updateVenueAsStaff(ctx: DomainContext, staff: StaffView, venueId: number, patch: Partial<Omit<VenueFields, 'jurisdiction'>>): Promise<VenueDetail> {
  const repo = ctx.db.repo(BookingVenue)
  const v = await repo.findOneBy({ id: venueId })
  if (!v) throw new AppError('not_found', 'venue not found')
  authorize(staff, 'booking.venue.manage', { type: 'booking_area', jurisdiction: v.jurisdiction, department: staff.department })
  if (patch.name !== undefined && !patch.name.trim()) throw invalid('name', 'validation.required')
  if (patch.kind !== undefined && !VENUE_KINDS.includes(patch.kind)) throw invalid('kind', 'validation.invalid')
  await repo.update({ id: v.id }, {
    ...(patch.name !== undefined ? { name: patch.name.trim().slice(0, 128) } : {}),
    ...(patch.address !== undefined ? { address: patch.address?.trim().slice(0, 255) || null } : {}),
    ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
    ...(patch.community !== undefined ? { community: patch.community?.trim() || null } : {}),
  })
  return venueDetail(await repo.findOneByOrFail({ id: v.id }))
}

// —— weekly plans ——

export type PlanFields = Omit<PlanInput, 'providerId' | 'seedKey'>

async function checkVenue(ctx: DomainContext, p: BookingProvider, input: PlanFields): Promise<void> {
  if (input.mode !== 'in_person' || !input.venueId) return
  const v = await ctx.db.repo(BookingVenue).findOneBy({ id: input.venueId })
  if (!v || v.jurisdiction !== p.jurisdiction) throw invalid('venueId', 'validation.invalid')
}

/** Adds a weekly working block to a provider's plan. */
export async function addPlanAsStaff(ctx: DomainContext, staff: StaffView, providerId: number, input: PlanFields): Promise<PlanView> {
  const p = await providerFor(ctx, staff, providerId, 'booking.provider.manage')
  await checkVenue(ctx, p, input)
  return planView(await addWorkingPlan(ctx, { ...input, providerId: p.id }))
}

async function planOf(ctx: DomainContext, staff: StaffView, providerId: number, planId: number): Promise<{ p: BookingProvider; plan: BookingPlan }> {
  const p = await providerFor(ctx, staff, providerId, 'booking.provider.manage')
  const plan = await ctx.db.repo(BookingPlan).findOneBy({ id: planId, providerId: p.id })
  if (!plan) throw new AppError('not_found', 'plan not found')
  return { p, plan }
}

/**
 * Replaces a weekly block (the new one is checked and saved first, then the old one removed; the
 * block gets a new id). Times already booked stay booked: cancel them with a reason if they go.
 */
export async function replacePlanAsStaff(ctx: DomainContext, staff: StaffView, providerId: number, planId: number, input: PlanFields): Promise<PlanView> {
  const { p, plan } = await planOf(ctx, staff, providerId, planId)
  await checkVenue(ctx, p, input)
  const added = await addWorkingPlan(ctx, { ...input, providerId: p.id })
  await removeWorkingPlan(ctx, plan.id)
  return planView(added)
}

export async function removePlanAsStaff(ctx: DomainContext, staff: StaffView, providerId: number, planId: number): Promise<void> {
  const { plan } = await planOf(ctx, staff, providerId, planId)
  await removeWorkingPlan(ctx, plan.id)
}

// —— closed days ——

export interface ClosedDayFields {
  /** A provider's leave; omitted: a holiday of every provider of `jurisdiction` (administrators). */
  providerId?: number | null
  jurisdiction?: string | null
  from: string
  to: string
  reason: ClosedReason
}

/** Times still booked by families on the closed days (they stay booked until cancelled with a reason). */
async function stillBooked(ctx: DomainContext, providers: BookingProvider[], from: string, to: string): Promise<StillBooked[]> {
  if (!providers.length || !isIsoDate(from) || !isIsoDate(to)) return []
  const rows = await ctx.db.repo(Booking).find({ where: { providerId: In(providers.map((p) => p.id)), status: 'booked', startsAt: Between(atLocal(from), atLocal(addDays(to, 1))) }, order: { startsAt: 'ASC' } })
  const out = new Map<string, StillBooked>()
  for (const b of rows) {
    const id = slotIdOf(b.providerId, b.startsAt)
    const e = out.get(id) ?? { slotId: id, start: b.startsAt, bookings: 0 }
    e.bookings++
    out.set(id, e)
  }
  return [...out.values()]
}

async function authorizeClosed(ctx: DomainContext, staff: StaffView, input: { providerId?: number | null; jurisdiction?: string | null }): Promise<{ providers: BookingProvider[]; providerId: number | null; jurisdiction: string | null }> {
  if (input.providerId) {
    const p = await providerFor(ctx, staff, input.providerId, 'booking.provider.manage')
    return { providers: [p], providerId: p.id, jurisdiction: null }
  }
  const j = input.jurisdiction?.trim() || (staff.role === 'admin' ? '' : staff.jurisdiction)
  if (!j) throw invalid('providerId', 'validation.required')
  authorize(staff, 'booking.holiday.manage', { type: 'booking_area', jurisdiction: j, department: null })
  return { providers: await ctx.db.repo(BookingProvider).findBy({ jurisdiction: j }), providerId: null, jurisdiction: j }
}

/** Closes whole days for a provider (leave) or a jurisdiction (holiday); says which booked times still need cancelling. */
export async function addClosedDaysAsStaff(ctx: DomainContext, staff: StaffView, input: ClosedDayFields): Promise<{ closedDay: ClosedDayView; stillBooked: StillBooked[] }> {
  if (!CLOSED_REASONS.includes(input.reason)) throw invalid('reason', 'validation.invalid')
  const a = await authorizeClosed(ctx, staff, input)
  const e = await addException(ctx, { providerId: a.providerId, jurisdiction: a.jurisdiction, from: input.from, to: input.to, reason: input.reason })
  return { closedDay: closedView(e), stillBooked: await stillBooked(ctx, a.providers, e.fromDate, e.toDate) }
}

async function closedDayFor(ctx: DomainContext, staff: StaffView, id: number): Promise<BookingException> {
  const e = await ctx.db.repo(BookingException).findOneBy({ id })
  if (!e) throw new AppError('not_found', 'closed day not found')
  await authorizeClosed(ctx, staff, { providerId: e.providerId, jurisdiction: e.jurisdiction })
  return e
}

/** Replaces closed days (same provider or jurisdiction; new dates or reason; a new id). */
export async function replaceClosedDaysAsStaff(ctx: DomainContext, staff: StaffView, id: number, input: Omit<ClosedDayFields, 'providerId' | 'jurisdiction'>): Promise<{ closedDay: ClosedDayView; stillBooked: StillBooked[] }> {
  const old = await closedDayFor(ctx, staff, id)
  const added = await addClosedDaysAsStaff(ctx, staff, { ...input, providerId: old.providerId, jurisdiction: old.jurisdiction })
  await ctx.db.repo(BookingException).delete({ id: old.id })
  return added
}

/** Opens the days again. */
export async function removeClosedDaysAsStaff(ctx: DomainContext, staff: StaffView, id: number): Promise<void> {
  const e = await closedDayFor(ctx, staff, id)
  await ctx.db.repo(BookingException).delete({ id: e.id })
}

// —— sessions ——

const providerOfSlot = (ctx: DomainContext, staff: StaffView, slotId: string) => providerFor(ctx, staff, parseSlotId(slotId).providerId, 'booking.session.manage')

/** Opens a single extra time (or reopens a closed one) for a provider. */
export async function openSlotAsStaff(ctx: DomainContext, staff: StaffView, input: { providerId: number; start: Date; minutes: number; capacity: number; kind: SessionKind; mode: SessionMode; venueId?: number | null }): Promise<FreeTime> {
  const p = await providerFor(ctx, staff, input.providerId, 'booking.session.manage')
  await checkVenue(ctx, p, { mode: input.mode, venueId: input.venueId } as PlanFields)
  return openSlot(ctx, input)
}

/** Reopens a closed or cancelled time (same place, length and capacity); families booked before were already told. */
export async function reopenSlotAsStaff(ctx: DomainContext, staff: StaffView, slotId: string): Promise<FreeTime> {
  const p = await providerOfSlot(ctx, staff, slotId)
  const time = await getTime(ctx, slotId, { includeClosed: true })
  return openSlot(ctx, { providerId: p.id, start: time.start, minutes: Math.round((time.end.getTime() - time.start.getTime()) / 60000), capacity: time.capacity, kind: time.kind, mode: time.mode, venueId: time.venue?.id ?? null })
}

/** Closes a single time nobody has booked (a booked time is cancelled with a reason instead). */
export async function closeSlotAsStaff(ctx: DomainContext, staff: StaffView, slotId: string): Promise<void> {
  await providerOfSlot(ctx, staff, slotId)
  await closeSlot(ctx, slotId)
}

/**
 * Cancels a session with a reason: every family booked is told with the next free times, their
 * reminders are withdrawn; one audit entry per family. Returns how many bookings were cancelled.
 */
export async function cancelSlotAsStaff(ctx: DomainContext, staff: StaffView, slotId: string, reason: string): Promise<{ cancelled: number }> {
  const p = await providerOfSlot(ctx, staff, slotId)
  const { start } = parseSlotId(slotId)
  const before = await ctx.db.repo(Booking).findBy({ providerId: p.id, startsAt: start, status: 'booked' })
  const cancelled = await cancelSlot(ctx, { slotId, reason })
  const after = before.length ? await ctx.db.repo(Booking).findBy({ id: In(before.map((b) => b.id)), status: 'cancelled', cancelledBy: 'staff' }) : []
  for (const b of after) await recordAudit(ctx, staff, { action: 'booking.cancelled', resourceType: 'family', resourceId: b.familyId, familyId: b.familyId, detail: { bookingId: b.id, slotId, providerId: p.id, whole: true } })
  ctx.log.info({ slotId, staffId: staff.id, bookings: cancelled }, 'session cancelled by staff')
  return { cancelled }
}

/** Cancels one booking with a reason (the family is told with the next free times; the place goes to the waiting list). */
export async function cancelBookingAsStaff(ctx: DomainContext, staff: StaffView, bookingId: number, reason: string): Promise<BookingView> {
  const b = await ctx.db.repo(Booking).findOneBy({ id: bookingId })
  if (!b) throw new AppError('not_found', 'booking not found')
  await providerFor(ctx, staff, b.providerId, 'booking.session.manage')
  const wasBooked = b.status === 'booked'
  const v = await cancelBooking(ctx, { bookingId, by: 'staff', reason })
  if (wasBooked && v.status === 'cancelled') await recordAudit(ctx, staff, { action: 'booking.cancelled', resourceType: 'family', resourceId: b.familyId, familyId: b.familyId, detail: { bookingId: b.id, slotId: v.slotId, providerId: b.providerId } })
  return v
}

/** Sessions held, attended and missed in a month: department staff see their own department; administrators choose. */
export async function overviewAsStaff(ctx: DomainContext, staff: StaffView, input: { month: string; jurisdiction?: string; department?: string }): Promise<{ jurisdiction: string; department: string | null; rows: OverviewRow[] }> {
  const jurisdiction = areaOf(staff, input.jurisdiction)
  const department = staff.role === 'department' ? staff.department : input.department?.trim() || null
  authorize(staff, 'booking.overview.read', { type: 'booking_area', jurisdiction, department })
  return { jurisdiction, department, rows: await departmentOverview(ctx, { jurisdiction, month: input.month, ...(department ? { department } : {}) }) }
}
