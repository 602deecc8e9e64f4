/**
 * Booking family-education and psychological-support sessions (mini-program):
 *   GET    /booking/slots?type=&from=&to=&jurisdiction=   free times (jurisdiction: the family's own by default)
 *   POST   /me/bookings {slotId, childId?, topic?}        book (Idempotency-Key header: a retry returns the same booking)
 *   GET    /me/bookings                                    the family's bookings
 *   DELETE /me/bookings/:id                                cancel (up to the cut-off)
 *   POST   /me/bookings/:id/reschedule {slotId}            move to another time (Idempotency-Key header)
 *   POST   /me/waitlist {slotId, childId?, topic?}         wait for a place in a full time
 *   GET    /me/waitlist · DELETE /me/waitlist/:id
 *   GET    /me/offers · POST /me/offers/:id/accept · POST /me/offers/:id/decline
 * Every rule lives in src/domain/booking; this file only turns requests into calls and views into JSON.
 */
import type Router from '@koa/router'
import type { Context } from 'koa'
import { z } from 'zod'
import { defineRoute } from '../../openapi'
import { authenticateFamily, identityOf } from '../../middlewares/authenticate'
import type { DomainContext } from '../../../domain/context'
import type { IdentityView } from '../../../domain/identity/identity.service'
import { AppError } from '../../../shared/errors'
import { formatLocal, isIsoDate } from '../../../shared/dates'
import { t, type Language } from '../../../shared/i18n'
import { SESSION_KINDS, TOPIC_MAX_LENGTH } from '../../../content/vocabulary'
import { charCount } from '../../../shared/characters'
import { listFreeTimes, type FreeTime } from '../../../domain/booking/slots'
import { book, cancelBooking, familyJurisdiction, listFamilyBookings, rescheduleBooking, type BookingView } from '../../../domain/booking/booking.service'
import { acceptOffer, declineOffer, joinWaitlist, leaveWaitlist, listFamilyOffers, listFamilyWaitlist, type OfferView, type WaitlistView } from '../../../domain/booking/waitlist.service'

const Kind = z.enum(SESSION_KINDS).openapi({ example: 'mental_health' })
const Mode = z.enum(['in_person', 'online', 'phone'])
const Instant = z.string().openapi({ example: '2026-03-03T01:00:00.000Z' })
const SlotId = z.string().regex(/^\d{1,9}-\d{12}$/, 'validation.invalid').openapi({ example: '3-202603030900', description: '<providerId>-<YYYYMMDDHHmm> (start in Asia/Shanghai)' })
const LocalDate = z.string().refine(isIsoDate, 'validation.date').openapi({ example: '2026-03-03' })
const IdParam = z.object({ id: z.coerce.number().int().positive().openapi({ example: 1 }) })

const Provider = z.object({ id: z.number().int(), name: z.string(), department: z.string().nullable() }).openapi('BookingProvider')
const Venue = z
  .object({ id: z.number().int(), name: z.string(), address: z.string().nullable(), kind: z.enum(['childrens_home', 'protection_station', 'community_centre']), kindName: z.string().openapi({ example: '儿童之家' }) })
  .openapi('BookingVenue')

export const SlotItem = z
  .object({
    id: SlotId,
    type: Kind,
    typeName: z.string().openapi({ example: '心理健康服务' }),
    start: Instant,
    end: Instant.openapi({ example: '2026-03-03T02:00:00.000Z' }),
    capacity: z.number().int().openapi({ example: 1 }),
    remaining: z.number().int().openapi({ example: 1 }),
    provider: Provider,
    venue: Venue.nullable(),
    mode: Mode,
    modeName: z.string().openapi({ example: '到场面谈' }),
  })
  .openapi('BookingSlot')

export const BookingItem = z
  .object({
    id: z.number().int(),
    type: Kind,
    typeName: z.string(),
    status: z.enum(['booked', 'cancelled', 'attended', 'no_show']),
    slotId: SlotId,
    start: Instant,
    end: Instant,
    provider: Provider,
    venue: Venue.nullable(),
    mode: Mode,
    childId: z.number().int().nullable().openapi({ description: 'null: the session is for the parent' }),
    cancelledBy: z.enum(['family', 'staff']).nullable(),
    cancelReason: z.string().nullable(),
    hasTopic: z.boolean(),
    rescheduledFrom: z.number().int().nullable(),
    message: z.string().openapi({ example: '约好了：2026-03-03 09:00 的心理健康服务（地点：儿童之家）。开始前 24 小时和 2 小时会提醒您。' }),
  })
  .openapi('Booking')

const BookBody = z
  .object({
    slotId: SlotId,
    childId: z.number().int().positive().nullable().optional().openapi({ description: 'Omit or null: the session is for the parent' }),
    // counted as the family counts (an emoji is one), as the chat counts it
    topic: z.string().trim().refine((s) => charCount(s) <= TOPIC_MAX_LENGTH, { message: 'validation.tooLong', params: { max: TOPIC_MAX_LENGTH } }).optional().openapi({ description: 'What the family wants to talk about; only the provider and staff who need it see it', example: '孩子最近不爱说话' }),
  })
  .openapi('BookRequest')

const WaitlistItem = z
  .object({ id: z.number().int(), slotId: SlotId, type: Kind, start: Instant, status: z.enum(['waiting', 'offered', 'booked', 'expired', 'left', 'closed']), position: z.number().int().nullable() })
  .openapi('WaitlistEntry')

const OfferItem = z
  .object({ id: z.number().int(), slot: SlotItem, status: z.enum(['open', 'accepted', 'expired', 'declined', 'withdrawn']), expiresAt: Instant, bookingId: z.number().int().nullable() })
  .openapi('WaitlistOffer')

const SlotsQuery = z
  .object({
    type: Kind,
    from: LocalDate.optional(),
    to: LocalDate.optional(),
    jurisdiction: z.string().max(32).optional().openapi({ example: 'jincheng', description: "Default: the signed-in family's" }),
    includeFull: z.enum(['true', 'false']).optional().openapi({ description: 'Also list full times (to join their waiting list)' }),
  })
  .openapi('SlotsQuery')

function slotJson(s: FreeTime, lang: Language): z.infer<typeof SlotItem> {
  return {
    id: s.id,
    type: s.kind,
    typeName: t(lang, `booking:kinds.${s.kind}`),
    start: s.start.toISOString(),
    end: s.end.toISOString(),
    capacity: s.capacity,
    remaining: s.remaining,
    provider: { id: s.provider.id, name: s.provider.name, department: s.provider.department },
    venue: s.venue ? { ...s.venue, kindName: t(lang, `booking:venueKinds.${s.venue.kind}`) } : null,
    mode: s.mode,
    modeName: t(lang, `booking:modes.${s.mode}`),
  }
}

function bookingJson(b: BookingView, lang: Language): z.infer<typeof BookingItem> {
  const params = { kind: b.kind, start: formatLocal(b.start), mode: b.mode, place: b.venue?.name ?? '' }
  return {
    id: b.id,
    type: b.kind,
    typeName: t(lang, `booking:kinds.${b.kind}`),
    status: b.status,
    slotId: b.slotId,
    start: b.start.toISOString(),
    end: b.end.toISOString(),
    provider: { id: b.provider.id, name: b.provider.name, department: b.provider.department },
    venue: b.venue ? { ...b.venue, kindName: t(lang, `booking:venueKinds.${b.venue.kind}`) } : null,
    mode: b.mode,
    childId: b.childId,
    cancelledBy: b.cancelledBy,
    cancelReason: b.cancelReason,
    hasTopic: b.hasTopic,
    rescheduledFrom: b.rescheduledFrom,
    message: t(lang, b.status === 'cancelled' ? 'booking:cancelled' : 'booking:booked', params),
  }
}

const waitlistJson = (w: WaitlistView): z.infer<typeof WaitlistItem> => ({ id: w.id, slotId: w.slotId, type: w.kind, start: w.start.toISOString(), status: w.status, position: w.position })
const offerJson = (o: OfferView, lang: Language): z.infer<typeof OfferItem> => ({ id: o.id, slot: slotJson(o.time, lang), status: o.status, expiresAt: o.expiresAt.toISOString(), bookingId: o.bookingId })

/** The signed-in identity's family, or a refusal telling the parent to register first. */
function familyOf(identity: IdentityView, _lang: Language): number {
  if (identity.familyId === null) throw new AppError('forbidden', 'family not registered', { details: { reason: 'registration_required' } })
  return identity.familyId
}

function idempotencyKey(ctx: Context, lang: Language): string {
  const key = ctx.get('idempotency-key').trim()
  if (!key || key.length > 128) throw new AppError('validation_failed', t(lang, 'errors.validation_failed'), { fields: [{ path: 'Idempotency-Key', message: t(lang, 'booking:errors.idempotencyKey') }] })
  return key
}

export function bookingRouter(dctx: DomainContext, router: Router): void {
  const auth = [authenticateFamily(dctx)]
  const tags = ['booking']

  defineRoute(
    router,
    { method: 'get', path: '/booking/slots', summary: 'Free times for family-education or psychological-support sessions, soonest first', tags, auth: 'family', query: SlotsQuery, response: z.array(SlotItem), middleware: auth },
    async (ctx, { query, lang }) => {
      const identity = identityOf(ctx)
      const jurisdiction = query.jurisdiction ?? (await familyJurisdiction(dctx, identity.familyId))
      if (!jurisdiction) throw new AppError('validation_failed', t(lang, 'errors.validation_failed'), { fields: [{ path: 'query.jurisdiction', message: t(lang, 'booking:errors.jurisdictionRequired') }] })
      const times = await listFreeTimes(dctx, { kind: query.type, jurisdiction, from: query.from, to: query.to, includeFull: query.includeFull === 'true' })
      return times.map((s) => slotJson(s, lang))
    },
  )

  defineRoute(
    router,
    { method: 'post', path: '/me/bookings', summary: 'Book a session (send an Idempotency-Key header: a retry returns the same booking; the same key with another time or child: 422)', tags, auth: 'family', body: BookBody, response: BookingItem, status: 201, errors: [403, 404, 409, 422], middleware: auth },
    async (ctx, { body, lang }) => {
      const identity = identityOf(ctx)
      const familyId = familyOf(identity, lang)
      const key = idempotencyKey(ctx, lang)
      const r = await book(dctx, { familyId, identityId: identity.id, channel: 'miniprogram', slotId: body.slotId, childId: body.childId ?? null, topic: body.topic ?? null, idempotencyKey: key })
      if (!r.created) ctx.set('Idempotent-Replay', 'true')
      return bookingJson(r.booking, lang)
    },
  )

  defineRoute(router, { method: 'get', path: '/me/bookings', summary: "The family's bookings, soonest first", tags, auth: 'family', response: z.array(BookingItem), middleware: auth }, async (ctx, { lang }) => {
    const identity = identityOf(ctx)
    if (identity.familyId === null) return []
    return (await listFamilyBookings(dctx, identity.familyId)).map((b) => bookingJson(b, lang))
  })

  defineRoute(
    router,
    { method: 'delete', path: '/me/bookings/:id', summary: 'Cancel a booking (up to the cut-off before the start; later: contact staff)', tags, auth: 'family', params: IdParam, response: BookingItem, errors: [403, 404, 409], middleware: auth },
    async (ctx, { params, lang }) => {
      const familyId = familyOf(identityOf(ctx), lang)
      return bookingJson(await cancelBooking(dctx, { bookingId: params.id, familyId, by: 'family' }), lang)
    },
  )

  defineRoute(
    router,
    { method: 'post', path: '/me/bookings/:id/reschedule', summary: 'Move a booking to another time (Idempotency-Key header)', tags, auth: 'family', params: IdParam, body: z.object({ slotId: SlotId }).openapi('RescheduleRequest'), response: BookingItem, status: 201, errors: [403, 404, 409], middleware: auth },
    async (ctx, { params, body, lang }) => {
      const identity = identityOf(ctx)
      const familyId = familyOf(identity, lang)
      const r = await rescheduleBooking(dctx, { bookingId: params.id, familyId, identityId: identity.id, channel: 'miniprogram', slotId: body.slotId, idempotencyKey: idempotencyKey(ctx, lang) })
      return bookingJson(r.booking, lang)
    },
  )

  defineRoute(
    router,
    { method: 'post', path: '/me/waitlist', summary: 'Wait for a place in a full time (a freed place is offered in turn)', tags, auth: 'family', body: BookBody.openapi('WaitlistRequest'), response: WaitlistItem, status: 201, errors: [403, 404, 409], middleware: auth },
    async (ctx, { body, lang }) => {
      const identity = identityOf(ctx)
      const familyId = familyOf(identity, lang)
      return waitlistJson(await joinWaitlist(dctx, { familyId, identityId: identity.id, channel: 'miniprogram', slotId: body.slotId, childId: body.childId ?? null, topic: body.topic ?? null }))
    },
  )

  defineRoute(router, { method: 'get', path: '/me/waitlist', summary: 'Waiting lists the family is on', tags, auth: 'family', response: z.array(WaitlistItem), middleware: auth }, async (ctx) => {
    const identity = identityOf(ctx)
    return identity.familyId === null ? [] : (await listFamilyWaitlist(dctx, identity.familyId)).map(waitlistJson)
  })

  defineRoute(router, { method: 'delete', path: '/me/waitlist/:id', summary: 'Leave a waiting list', tags, auth: 'family', params: IdParam, response: z.object({ ok: z.boolean() }), errors: [403, 404], middleware: auth }, async (ctx, { params, lang }) => {
    await leaveWaitlist(dctx, familyOf(identityOf(ctx), lang), params.id)
    return { ok: true }
  })

  defineRoute(router, { method: 'get', path: '/me/offers', summary: 'Places offered to the family from waiting lists (accept before expiresAt)', tags, auth: 'family', response: z.array(OfferItem), middleware: auth }, async (ctx, { lang }) => {
    const identity = identityOf(ctx)
    return identity.familyId === null ? [] : (await listFamilyOffers(dctx, identity.familyId)).map((o) => offerJson(o, lang))
  })

  defineRoute(
    router,
    { method: 'post', path: '/me/offers/:id/accept', summary: 'Take an offered place (becomes a booking)', tags, auth: 'family', params: IdParam, response: BookingItem, status: 201, errors: [403, 404, 409], middleware: auth },
    async (ctx, { params, lang }) => {
      const identity = identityOf(ctx)
      return bookingJson(await acceptOffer(dctx, { offerId: params.id, familyId: familyOf(identity, lang), identityId: identity.id, channel: 'miniprogram' }), lang)
    },
  )

  defineRoute(router, { method: 'post', path: '/me/offers/:id/decline', summary: 'Let an offered place go to the next family', tags, auth: 'family', params: IdParam, response: z.object({ ok: z.boolean() }), errors: [403, 404], middleware: auth }, async (ctx, { params, lang }) => {
    await declineOffer(dctx, familyOf(identityOf(ctx), lang), params.id)
    return { ok: true }
  })
}
