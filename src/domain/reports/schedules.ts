/**
 * A provider's schedule as staff see it, and attendance marking, with who may do it:
 *   provider        the providers linked to their own account (read and mark)
 *   department      the providers of their department in their jurisdiction (read and mark)
 *   child-director  providers of their jurisdiction that work in one of their communities (read)
 *   supervisor      providers of their jurisdiction (read)
 *   admin           every provider (read and mark)
 * What a family wants to talk about (the topic) is shown only to those who may mark the schedule
 * (the provider, its department, administrators); child directors and supervisors see the times
 * and the bookings without it. Each read and each mark is written to the audit log.
 */
import { Booking, BookingProvider } from '../../db/entities'
import { AppError } from '../../shared/errors'
import { can, type Resource } from '../policies/policies'
import { recordAudit } from '../audit/audit.service'
import { markAttendance, providerSchedule, type ScheduleEntry } from '../booking/staff.service'
import { providerView, type ProviderView } from '../booking/slots'
import type { StaffBookingView } from '../booking/booking.service'
import type { StaffView } from '../staff/staff.service'
import type { DomainContext } from '../context'

type Access = 'none' | 'read' | 'mark'

/** What a staff member may do with a provider's schedule (decided by the policy module). */
export function scheduleAccess(staff: StaffView, p: Pick<BookingProvider, 'staffId' | 'jurisdiction' | 'department' | 'community'>): Access {
  const resource = providerResource(p)
  if (can(staff, 'booking.attendance.mark', resource)) return 'mark'
  return can(staff, 'booking.schedule.read', resource) ? 'read' : 'none'
}

/** A provider as a policy resource. */
export const providerResource = (p: Pick<BookingProvider, 'staffId' | 'jurisdiction' | 'department' | 'community'>): Resource => ({ type: 'provider', staffId: p.staffId, jurisdiction: p.jurisdiction, department: p.department, community: p.community })

/** Providers whose schedule this staff member may open, by name. */
export async function providersForStaff(ctx: DomainContext, staff: StaffView): Promise<Array<ProviderView & { canMark: boolean }>> {
  const rows = await ctx.db.repo(BookingProvider).find({ where: staff.role === 'admin' ? { active: true } : staff.role === 'provider' ? { staffId: staff.id } : { active: true, jurisdiction: staff.jurisdiction ?? '' }, order: { id: 'ASC' } })
  return rows
    .map((p) => ({ p, access: scheduleAccess(staff, p) }))
    .filter((x) => x.access !== 'none')
    .map((x) => ({ ...providerView(x.p), canMark: x.access === 'mark' }))
}

async function providerFor(ctx: DomainContext, staff: StaffView, providerId: number, need: Exclude<Access, 'none'>): Promise<BookingProvider> {
  const p = await ctx.db.repo(BookingProvider).findOneBy({ id: providerId })
  if (!p) throw new AppError('not_found', 'provider not found')
  const access = scheduleAccess(staff, p)
  if (access === 'none' || (need === 'mark' && access !== 'mark')) throw new AppError('forbidden', 'not allowed: schedule')
  return p
}

/** A provider's schedule for one day or a week from `from` (audited: it shows families' topics). */
export async function scheduleForStaff(ctx: DomainContext, staff: StaffView, input: { providerId: number; from: string; days: 1 | 7 }): Promise<{ provider: ProviderView; canMark: boolean; entries: ScheduleEntry[] }> {
  const p = await providerFor(ctx, staff, input.providerId, 'read')
  const canMark = scheduleAccess(staff, p) === 'mark'
  const all = await providerSchedule(ctx, { providerId: p.id, from: input.from, days: input.days })
  const entries = canMark ? all : all.map((e) => ({ ...e, bookings: e.bookings.map((b) => ({ ...b, topic: null })) }))
  await recordAudit(ctx, staff, { action: 'schedule.read', resourceType: 'staff', resourceId: p.staffId, detail: { providerId: p.id, from: input.from, days: input.days, bookings: entries.reduce((n, e) => n + e.bookings.length, 0) } })
  return { provider: providerView(p), canMark, entries }
}

/** Marks a booking attended or missed, for staff allowed to mark that provider's sessions. */
export async function markAttendanceAsStaff(ctx: DomainContext, staff: StaffView, bookingId: number, outcome: 'attended' | 'no_show'): Promise<StaffBookingView> {
  const b = await ctx.db.repo(Booking).findOneBy({ id: bookingId })
  if (!b) throw new AppError('not_found', 'booking not found')
  await providerFor(ctx, staff, b.providerId, 'mark')
  const v = await markAttendance(ctx, { bookingId, outcome })
  await recordAudit(ctx, staff, { action: `booking.${outcome}`, resourceType: 'family', resourceId: b.familyId, familyId: b.familyId, detail: { bookingId: b.id } })
  return v
}
