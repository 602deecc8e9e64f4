/**
 * The staff side of booking, under /api/v1/staff/booking (staff token; the policy module decides,
 * 403 otherwise; cancellations and attendance are written to the audit log by the domain):
 *   GET/POST   /providers · GET/PATCH /providers/:id              providers with weekly plans and closed days
 *   POST /providers/:id/plans · PUT/DELETE /providers/:id/plans/:planId   weekly working blocks
 *   GET  /providers/:id/schedule?from=&view=day|week               a provider's day or week, with bookings
 *   GET/POST   /venues · PATCH /venues/:id                         venues of a jurisdiction
 *   POST /closed-days · PUT/DELETE /closed-days/:id                leave, training, holidays (whole days)
 *   POST /slots · POST /slots/:slotId/open|close|cancel            one time opened, closed, or cancelled with a reason
 *   POST /bookings/:id/cancel · POST /bookings/:id/attendance      one booking cancelled with a reason; attended / no-show
 *   GET  /overview?month=                                          a department's sessions held, attended and missed
 * Every rule lives in src/domain (booking-staff, reports/schedules, booking); this file turns requests into calls.
 */
import type Router from '@koa/router'
import { z } from 'zod'
import { defineRoute } from '../../openapi'
import { authenticateStaff, staffOf } from '../staff/staff-auth'
import { domainWords } from '../staff/words'
import { isIsoDate } from '../../../shared/dates'
import { t, type Language } from '../../../shared/i18n'
import { SESSION_KINDS } from '../../../content/vocabulary'
import type { DomainContext } from '../../../domain/context'
import type { FreeTime } from '../../../domain/booking/slots'
import type { StaffBookingView, BookingView } from '../../../domain/booking/booking.service'
import { markAttendanceAsStaff, scheduleForStaff } from '../../../domain/reports/schedules'
import {
  addClosedDaysAsStaff, addPlanAsStaff, cancelBookingAsStaff, cancelSlotAsStaff, closeSlotAsStaff, createProviderAsStaff, createVenueAsStaff, getProviderAsStaff,
  listProvidersAsStaff, listVenuesAsStaff, openSlotAsStaff, overviewAsStaff, removeClosedDaysAsStaff, removePlanAsStaff, reopenSlotAsStaff, replaceClosedDaysAsStaff,
  replacePlanAsStaff, updateProviderAsStaff, updateVenueAsStaff, CLOSED_REASONS, SESSION_MODES, VENUE_KINDS, type StillBooked,
} from '../../../domain/booking-staff/booking-staff.service'

const Kind = z.enum(SESSION_KINDS).openapi({ example: 'mental_health' })
const Mode = z.enum(['in_person', 'online', 'phone'] satisfies typeof SESSION_MODES).openapi({ example: 'in_person' })
const VenueKind = z.enum(['childrens_home', 'protection_station', 'community_centre'] satisfies typeof VENUE_KINDS).openapi({ example: 'childrens_home' })
const Instant = z.string().openapi({ example: '2026-03-03T01:00:00.000Z' })
const LocalDate = z.string().refine(isIsoDate, 'validation.date').openapi({ example: '2026-03-03' })
const HHmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'validation.invalid').openapi({ example: '09:00' })
const SlotId = z.string().regex(/^\d{1,9}-\d{12}$/, 'validation.invalid').openapi({ example: '3-202603030900', description: '<providerId>-<YYYYMMDDHHmm> (start in Asia/Shanghai)' })
const Id = z.object({ id: z.coerce.number().int().positive().openapi({ example: 3 }) })
const PlanParams = Id.extend({ planId: z.coerce.number().int().positive().openapi({ example: 7 }) })
const SlotParams = z.object({ slotId: SlotId })
const Reason = z.object({ reason: z.string().trim().min(1).max(255).openapi({ example: '老师生病了' }) })

const Plan = z
  .object({
    id: z.number().int(),
    weekday: z.number().int().openapi({ description: '0 = Sunday … 6 = Saturday', example: 2 }),
    start: z.string().openapi({ example: '09:00' }),
    end: z.string().openapi({ example: '12:00' }),
    breaks: z.array(z.object({ start: z.string(), end: z.string() })),
    sessionMinutes: z.number().int().openapi({ example: 60 }),
    capacity: z.number().int().openapi({ example: 1 }),
    kind: Kind,
    mode: Mode,
    venueId: z.number().int().nullable(),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    skipPublicHolidays: z.boolean(),
  })
  .openapi('StaffBookingPlan')

const ClosedDay = z
  .object({ id: z.number().int(), providerId: z.number().int().nullable(), jurisdiction: z.string().nullable(), from: z.string().openapi({ example: '2026-03-09' }), to: z.string().openapi({ example: '2026-03-10' }), reason: z.enum(CLOSED_REASONS) })
  .openapi('StaffClosedDay')

const Provider = z
  .object({
    id: z.number().int(),
    name: z.string().openapi({ example: '陈老师' }),
    kinds: z.array(Kind),
    jurisdiction: z.string().openapi({ example: 'jincheng' }),
    community: z.string().nullable(),
    department: z.string().nullable().openapi({ example: '市卫健委' }),
    staffId: z.number().int().nullable(),
    active: z.boolean(),
    canManage: z.boolean().openapi({ description: 'Whether the signed-in staff member may change it, its plans and closed days' }),
    canManageSessions: z.boolean().openapi({ description: 'Whether the signed-in staff member may open, close and cancel its times' }),
    plans: z.array(Plan),
    closedDays: z.array(ClosedDay),
  })
  .openapi('StaffBookingProvider')

const Venue = z
  .object({ id: z.number().int(), name: z.string().openapi({ example: '东街儿童之家' }), address: z.string().nullable(), kind: VenueKind, jurisdiction: z.string(), community: z.string().nullable() })
  .openapi('StaffBookingVenue')

const Time = z
  .object({
    id: SlotId,
    kind: Kind,
    start: Instant,
    end: Instant,
    capacity: z.number().int(),
    remaining: z.number().int(),
    mode: Mode,
    venue: z.object({ id: z.number().int(), name: z.string(), address: z.string().nullable(), kind: VenueKind }).nullable(),
    provider: z.object({ id: z.number().int(), name: z.string(), department: z.string().nullable(), community: z.string().nullable() }),
    status: z.enum(['open', 'closed', 'cancelled']),
  })
  .openapi('StaffBookingTime')

const Booking = z
  .object({
    id: z.number().int(),
    kind: Kind,
    status: z.enum(['booked', 'cancelled', 'attended', 'no_show']),
    slotId: SlotId,
    start: Instant,
    end: Instant,
    childId: z.number().int().nullable(),
    channel: z.string().openapi({ example: 'miniprogram' }),
    cancelledBy: z.enum(['family', 'staff']).nullable(),
    cancelReason: z.string().nullable(),
    familyId: z.number().int().optional(),
    topic: z.string().nullable().optional().openapi({ description: 'What the family wants to talk about (provider and staff who need it)' }),
  })
  .openapi('StaffBooking')

const StillBookedItem = z.object({ slotId: SlotId, start: Instant, bookings: z.number().int() })
const ClosedResult = z.object({ closedDay: ClosedDay, stillBooked: z.array(StillBookedItem).openapi({ description: 'Times still booked on those days: cancel them with a reason so the families are told' }) })

const ProviderBody = z
  .object({
    displayName: z.string().trim().min(1).max(64).openapi({ example: '陈老师' }),
    kinds: z.array(Kind).min(1),
    jurisdiction: z.string().max(32).optional().openapi({ description: "Default: the staff member's own", example: 'jincheng' }),
    community: z.string().trim().max(64).nullable().optional(),
    department: z.string().trim().max(64).nullable().optional().openapi({ description: "Department staff: their own (the default)", example: '市卫健委' }),
    staffId: z.number().int().positive().nullable().optional().openapi({ description: "The provider's own staff account (role provider)" }),
  })
  .openapi('StaffNewProvider')
const ProviderPatch = ProviderBody.omit({ jurisdiction: true }).partial().extend({ active: z.boolean().optional() }).openapi('StaffProviderChange')

const PlanBody = z
  .object({
    weekday: z.number().int().min(0).max(6),
    start: HHmm,
    end: HHmm.openapi({ example: '12:00' }),
    breaks: z.array(z.object({ start: HHmm, end: HHmm })).max(10).optional(),
    sessionMinutes: z.number().int().min(10).max(480).openapi({ example: 60 }),
    capacity: z.number().int().min(1).max(200).openapi({ example: 1 }),
    kind: Kind,
    mode: Mode,
    venueId: z.number().int().positive().nullable().optional(),
    validFrom: LocalDate.nullable().optional(),
    validTo: LocalDate.nullable().optional(),
    skipPublicHolidays: z.boolean().optional(),
  })
  .openapi('StaffPlanBlock')

const VenueBody = z
  .object({ name: z.string().trim().min(1).max(128).openapi({ example: '东街儿童之家' }), address: z.string().trim().max(255).nullable().optional(), kind: VenueKind, jurisdiction: z.string().max(32).optional(), community: z.string().trim().max(64).nullable().optional() })
  .openapi('StaffNewVenue')
const VenuePatch = VenueBody.omit({ jurisdiction: true }).partial().openapi('StaffVenueChange')

const ClosedBody = z
  .object({
    providerId: z.number().int().positive().optional().openapi({ description: "A provider's leave; omit (with jurisdiction) for a holiday of every provider (administrators)" }),
    jurisdiction: z.string().max(32).optional(),
    from: LocalDate,
    to: LocalDate.openapi({ example: '2026-03-04' }),
    reason: z.enum(CLOSED_REASONS),
  })
  .openapi('StaffNewClosedDays')

const OpenBody = z
  .object({
    providerId: z.number().int().positive(),
    start: z.iso.datetime().openapi({ example: '2026-03-03T06:00:00.000Z' }),
    minutes: z.number().int().min(10).max(480).openapi({ example: 60 }),
    capacity: z.number().int().min(1).max(200).openapi({ example: 1 }),
    kind: Kind,
    mode: Mode,
    venueId: z.number().int().positive().nullable().optional(),
  })
  .openapi('StaffOpenTime')

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'validation.invalid').openapi({ example: '2026-03' })
const Overview = z
  .object({
    jurisdiction: z.string(),
    department: z.string().nullable(),
    rows: z.array(
      z.object({
        department: z.string().nullable(),
        kind: Kind,
        kindName: z.string().openapi({ example: '心理健康服务' }),
        held: z.number().int(),
        bookings: z.number().int(),
        attended: z.number().int(),
        missed: z.number().int(),
        unmarked: z.number().int(),
        cancelledByFamily: z.number().int(),
        cancelledByStaff: z.number().int(),
      }),
    ),
  })
  .openapi('StaffBookingOverview')

function timeJson(x: FreeTime): z.infer<typeof Time> {
  return { id: x.id, kind: x.kind, start: x.start.toISOString(), end: x.end.toISOString(), capacity: x.capacity, remaining: x.remaining, mode: x.mode, venue: x.venue, provider: x.provider, status: x.status }
}

function bookingJson(b: BookingView | StaffBookingView): z.infer<typeof Booking> {
  return {
    id: b.id, kind: b.kind, status: b.status, slotId: b.slotId, start: b.start.toISOString(), end: b.end.toISOString(), childId: b.childId, channel: b.channel, cancelledBy: b.cancelledBy, cancelReason: b.cancelReason,
    ...('familyId' in b ? { familyId: b.familyId, topic: b.topic } : {}),
  }
}

const stillJson = (s: StillBooked[]) => s.map((x) => ({ slotId: x.slotId, start: x.start.toISOString(), bookings: x.bookings }))

export function staffBookingRouter(dctx: DomainContext, router: Router): void {
  const middleware = [domainWords(), authenticateStaff(dctx)]
  const base = { tags: ['staff-booking'], auth: 'staff' as const, middleware }
  const P = '/staff/booking'

  // —— providers ——
  defineRoute(router, { ...base, method: 'get', path: `${P}/providers`, summary: 'Providers whose schedule this staff member may see, with weekly plans and closed days', query: z.object({ jurisdiction: z.string().max(32).optional() }), response: z.array(Provider) }, async (ctx, { query }) =>
    listProvidersAsStaff(dctx, staffOf(ctx), query),
  )
  defineRoute(router, { ...base, method: 'post', path: `${P}/providers`, summary: 'Add a provider (department staff: to their own department)', body: ProviderBody, response: Provider, status: 201, errors: [403] }, async (ctx, { body }) =>
    createProviderAsStaff(dctx, staffOf(ctx), body),
  )
  defineRoute(router, { ...base, method: 'get', path: `${P}/providers/:id`, summary: 'One provider with weekly plans and closed days', params: Id, response: Provider, errors: [403, 404] }, async (ctx, { params }) =>
    getProviderAsStaff(dctx, staffOf(ctx), params.id),
  )
  defineRoute(router, { ...base, method: 'patch', path: `${P}/providers/:id`, summary: "Change a provider's name, kinds, community, department, account or whether it takes bookings", params: Id, body: ProviderPatch, response: Provider, errors: [403, 404] }, async (ctx, { params, body }) =>
    updateProviderAsStaff(dctx, staffOf(ctx), params.id, body),
  )
  defineRoute(router, { ...base, method: 'post', path: `${P}/providers/:id/plans`, summary: 'Add a weekly working block (days, hours, breaks, session length, places)', params: Id, body: PlanBody, response: Plan, status: 201, errors: [403, 404] }, async (ctx, { params, body }) =>
    addPlanAsStaff(dctx, staffOf(ctx), params.id, body),
  )
  defineRoute(router, { ...base, method: 'put', path: `${P}/providers/:id/plans/:planId`, summary: 'Replace a weekly working block (it gets a new id; booked times stay booked)', params: PlanParams, body: PlanBody, response: Plan, errors: [403, 404] }, async (ctx, { params, body }) =>
    replacePlanAsStaff(dctx, staffOf(ctx), params.id, params.planId, body),
  )
  defineRoute(router, { ...base, method: 'delete', path: `${P}/providers/:id/plans/:planId`, summary: 'Remove a weekly working block', params: PlanParams, response: z.object({}), status: 204, errors: [403, 404] }, async (ctx, { params }) => {
    await removePlanAsStaff(dctx, staffOf(ctx), params.id, params.planId)
  })
  defineRoute(
    router,
    {
      ...base,
      method: 'get',
      path: `${P}/providers/:id/schedule`,
      summary: "A provider's day or week: every time (free, booked, closed, cancelled) with its bookings and the families' topics (audited)",
      params: Id,
      query: z.object({ from: LocalDate, view: z.enum(['day', 'week']).optional().openapi({ description: 'Default: day' }) }),
      response: z.object({ provider: Time.shape.provider, canMark: z.boolean(), entries: z.array(z.object({ time: Time, bookings: z.array(Booking), waiting: z.number().int() })) }).openapi('StaffSchedule'),
      errors: [403, 404],
    },
    async (ctx, { params, query }) => {
      const s = await scheduleForStaff(dctx, staffOf(ctx), { providerId: params.id, from: query.from, days: query.view === 'week' ? 7 : 1 })
      return { provider: s.provider, canMark: s.canMark, entries: s.entries.map((e) => ({ time: timeJson(e.time), bookings: e.bookings.map(bookingJson), waiting: e.waiting })) }
    },
  )

  // —— venues ——
  defineRoute(router, { ...base, method: 'get', path: `${P}/venues`, summary: 'Venues of a jurisdiction (department staff: their own)', query: z.object({ jurisdiction: z.string().max(32).optional() }), response: z.array(Venue), errors: [403] }, async (ctx, { query }) =>
    listVenuesAsStaff(dctx, staffOf(ctx), query.jurisdiction),
  )
  defineRoute(router, { ...base, method: 'post', path: `${P}/venues`, summary: "Add a venue (children's home, minor-protection station, community centre)", body: VenueBody, response: Venue, status: 201, errors: [403] }, async (ctx, { body }) =>
    createVenueAsStaff(dctx, staffOf(ctx), body),
  )
  defineRoute(router, { ...base, method: 'patch', path: `${P}/venues/:id`, summary: 'Change a venue', params: Id, body: VenuePatch, response: Venue, errors: [403, 404] }, async (ctx, { params, body }) =>
    updateVenueAsStaff(dctx, staffOf(ctx), params.id, body),
  )

  // —— closed days ——
  const closedJson = (r: Awaited<ReturnType<typeof addClosedDaysAsStaff>>) => ({ closedDay: r.closedDay, stillBooked: stillJson(r.stillBooked) })
  defineRoute(router, { ...base, method: 'post', path: `${P}/closed-days`, summary: "Close whole days: a provider's leave or training, or a holiday of a jurisdiction (administrators)", body: ClosedBody, response: ClosedResult, status: 201, errors: [403, 404] }, async (ctx, { body }) =>
    closedJson(await addClosedDaysAsStaff(dctx, staffOf(ctx), body)),
  )
  defineRoute(router, { ...base, method: 'put', path: `${P}/closed-days/:id`, summary: 'Change the dates or reason of closed days (a new id)', params: Id, body: ClosedBody.pick({ from: true, to: true, reason: true }), response: ClosedResult, errors: [403, 404] }, async (ctx, { params, body }) =>
    closedJson(await replaceClosedDaysAsStaff(dctx, staffOf(ctx), params.id, body)),
  )
  defineRoute(router, { ...base, method: 'delete', path: `${P}/closed-days/:id`, summary: 'Open the days again', params: Id, response: z.object({}), status: 204, errors: [403, 404] }, async (ctx, { params }) => {
    await removeClosedDaysAsStaff(dctx, staffOf(ctx), params.id)
  })

  // —— single times and sessions ——
  defineRoute(router, { ...base, method: 'post', path: `${P}/slots`, summary: 'Open a single extra time for a provider (or reopen a closed one)', body: OpenBody, response: Time, status: 201, errors: [403, 404] }, async (ctx, { body }) =>
    timeJson(await openSlotAsStaff(dctx, staffOf(ctx), { ...body, start: new Date(body.start) })),
  )
  defineRoute(router, { ...base, method: 'post', path: `${P}/slots/:slotId/open`, summary: 'Reopen a closed time', params: SlotParams, response: Time, errors: [403, 404] }, async (ctx, { params }) =>
    timeJson(await reopenSlotAsStaff(dctx, staffOf(ctx), params.slotId)),
  )
  defineRoute(router, { ...base, method: 'post', path: `${P}/slots/:slotId/close`, summary: 'Close a time nobody has booked (a booked one: cancel it with a reason)', params: SlotParams, response: z.object({}), status: 204, errors: [403, 404, 409] }, async (ctx, { params }) => {
    await closeSlotAsStaff(dctx, staffOf(ctx), params.slotId)
  })
  defineRoute(
    router,
    { ...base, method: 'post', path: `${P}/slots/:slotId/cancel`, summary: 'Cancel a session with a reason: every family booked is told with the next free times; their reminders are withdrawn (audited)', params: SlotParams, body: Reason, response: z.object({ cancelled: z.number().int().openapi({ description: 'Bookings cancelled', example: 2 }) }), errors: [403, 404] },
    async (ctx, { params, body }) => cancelSlotAsStaff(dctx, staffOf(ctx), params.slotId, body.reason),
  )
  defineRoute(
    router,
    { ...base, method: 'post', path: `${P}/bookings/:id/cancel`, summary: 'Cancel one booking with a reason: the family is told with the next free times; the place goes to the waiting list (audited)', params: Id, body: Reason, response: Booking, errors: [403, 404, 409] },
    async (ctx, { params, body }) => bookingJson(await cancelBookingAsStaff(dctx, staffOf(ctx), params.id, body.reason)),
  )
  defineRoute(
    router,
    { ...base, method: 'post', path: `${P}/bookings/:id/attendance`, summary: 'Mark a booking attended or missed, after the session started (audited)', params: Id, body: z.object({ outcome: z.enum(['attended', 'no_show']) }), response: Booking, errors: [403, 404, 409] },
    async (ctx, { params, body }) => bookingJson(await markAttendanceAsStaff(dctx, staffOf(ctx), params.id, body.outcome)),
  )

  // —— overview ——
  defineRoute(
    router,
    {
      ...base,
      method: 'get',
      path: `${P}/overview`,
      summary: "A department's sessions held, attended and missed in a month (department staff: their own; administrators choose)",
      query: z.object({ month: Month, jurisdiction: z.string().max(32).optional(), department: z.string().max(64).optional() }),
      response: Overview,
      errors: [403],
    },
    async (ctx, { query, lang }) => {
      const o = await overviewAsStaff(dctx, staffOf(ctx), query)
      return { ...o, rows: o.rows.map((r) => ({ ...r, kindName: t(lang as Language, `booking:kinds.${r.kind}`) })) }
    },
  )
}
