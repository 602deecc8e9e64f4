/**
 * A family's needs and its messages with staff (mini-program):
 *   POST /me/needs {text, childId?}  → what the router made of it and where it went
 *   GET  /me/needs                    → the family's needs, newest first
 *   GET  /me/messages                 → the threads with staff (staff answers included)
 *   POST /me/messages {text, ticketId?} → to the thread named, else the open question to community staff (or a new one)
 */
import type Router from '@koa/router'
import { z } from 'zod'
import { defineRoute } from '../../openapi'
import { domainWords } from '../staff/words'
import { authenticateFamily, identityOf } from '../../middlewares/authenticate'
import type { DomainContext } from '../../../domain/context'
import { t } from '../../../shared/i18n'
import { AppError } from '../../../shared/errors'
import { chooseNeedService, listNeeds, submitNeed, MAX_NEED_TEXT } from '../../../domain/needs/needs.service'
import { routeMessage } from '../../../domain/routing/router'
import { serviceLabel } from '../../../domain/routing/labels'
import { messagesForIdentity, replyFromFamily } from '../../../domain/tickets/tickets.service'
import { SERVICE_KEYS } from '../../../content/vocabulary'
import { withoutInvisible } from '../../../domain/registry/registry.schemas'

/** Words, not only invisible characters: '   \u200b ' was recorded as a need. */
const hasWords = (s: string) => String(withoutInvisible(s)).trim().length > 0

const Service = z.enum([...SERVICE_KEYS, 'none']).openapi({ example: 'preschool' })

export const NeedBody = z
  .object({
    text: z.string().trim().min(1).max(MAX_NEED_TEXT).refine(hasWords, 'validation.required').openapi({ example: '孩子4岁了想上幼儿园 我们是外地的' }),
    childId: z.number().int().positive().optional(),
    jurisdiction: z.string().max(64).optional().openapi({ description: "Where the family lives, for a family not registered yet; a registered family's own is used otherwise", example: 'jincheng' }),
  })
  .openapi('NeedRequest')

export const NeedResponse = z
  .object({
    needId: z.number().int(),
    service: Service,
    departments: z.array(z.string()).openapi({ example: ['市教育局'] }),
    urgent: z.boolean(),
    alternatives: z.array(z.object({ service: Service, confidence: z.number() })),
    needs: z.array(Service),
    ask: z.boolean().openapi({ description: 'Unsure: offer the alternatives to choose from' }),
    outcome: z.enum(['recorded', 'referred', 'escalated', 'awaiting_consent']),
    ticketId: z.number().int().nullable(),
    message: z.string().openapi({ description: 'What happened, in plain words', example: '我们已经把您的事情转给了市教育局，他们会联系您。' }),
    choices: z.array(Service).openapi({ description: 'When unsure (ask, or no service): two or three services to offer, then "none of these, talk to a person"; the pick goes to POST /me/needs/{id}/choice', example: ['compulsory_education', 'medical_services', 'medical_insurance'] }),
    referrals: z
      .array(z.object({ service: Service, departments: z.array(z.string()), ticketId: z.number().int() }))
      .openapi({ description: 'Each need of the message that a department must act on, passed to its own department (main first)', example: [{ service: 'minimum_living', departments: ['市民政局'], ticketId: 12 }, { service: 'compulsory_education', departments: ['市教育局'], ticketId: 13 }] }),
  })
  .openapi('NeedResult')

const NeedItem = z
  .object({
    id: z.number().int(),
    text: z.string(),
    service: Service,
    departments: z.array(z.string()),
    urgent: z.boolean(),
    status: z.enum(['recorded', 'referred', 'escalated', 'awaiting_consent', 'closed']),
    childId: z.number().int().nullable(),
    ticketId: z.number().int().nullable(),
    createdAt: z.string().openapi({ example: '2026-03-02T01:00:00.000Z' }),
  })
  .openapi('Need')

const Messages = z
  .object({
    openTicketId: z.number().int().nullable(),
    messages: z.array(z.object({ ticketId: z.number().int(), from: z.enum(['family', 'staff']), text: z.string(), at: z.string().openapi({ example: '2026-03-02T01:00:00.000Z' }) })),
  })
  .openapi('FamilyMessages')

export function needsRouter(dctx: DomainContext, router: Router): void {
  const auth = [domainWords(), authenticateFamily(dctx)]
  const tags = ['needs']

  defineRoute(router, { method: 'post', path: '/me/needs', summary: 'Say what you need, in your own words', tags, auth: 'family', body: NeedBody, response: NeedResponse, status: 201, errors: [404], middleware: auth }, async (ctx, { body, lang }) => {
    const identity = identityOf(ctx)
    let jurisdiction = body.jurisdiction
    if (!identity.familyId && !jurisdiction) {
      // a child in danger reaches a person even before we know where the family lives (the national
      // list; an administrator answers); anything else waits until we know the city
      if (routeMessage(body.text, 'national').urgent) jurisdiction = 'national'
      else throw new AppError('validation_failed', t(lang, 'errors.validation_failed'), { fields: [{ path: 'jurisdiction', message: t(lang, 'validation.jurisdictionMissing') }] })
    }
    const r = await submitNeed(dctx, { identityId: identity.id, familyId: identity.familyId, childId: body.childId ?? null, text: body.text, channel: 'miniprogram', jurisdiction: jurisdiction ?? '' })
    const departments = (r.referrals.length === 1 ? r.referrals[0]!.departments : r.departments).join('、') || t(lang, 'staff:need.theDepartment')
    // several needs passed on: which department got which, in one sentence
    // words the router could not place said only "我们记下了您的问题" (as if someone would act on them): say what to do
    const recorded = r.outcome !== 'recorded' ? null : r.choices.length ? 'choose' : r.service === 'none' ? 'notUnderstood' : 'recorded'
    const message =
      r.referrals.length > 1
        ? t(lang, 'staff:need.referredEach', { list: r.referrals.map((x) => t(lang, 'staff:need.referredLine', { service: serviceLabel(lang, x.service), departments: x.departments.join('、') })).join(t(lang, 'staff:need.referredSeparator')) })
        : t(lang, `staff:need.${r.outcome === 'escalated' ? 'escalated' : r.outcome === 'referred' ? 'referred' : r.outcome === 'awaiting_consent' ? 'awaitingConsent' : recorded}`, { departments })
    return {
      needId: r.needId,
      service: r.service as z.infer<typeof Service>,
      departments: r.departments,
      urgent: r.urgent,
      alternatives: r.alternatives as Array<{ service: z.infer<typeof Service>; confidence: number }>,
      needs: r.needs as Array<z.infer<typeof Service>>,
      ask: r.ask,
      outcome: r.outcome,
      ticketId: r.ticketId,
      message,
      choices: r.choices,
      referrals: r.referrals,
    }
  })

  defineRoute(
    router,
    {
      method: 'post',
      path: '/me/needs/:id/choice',
      summary: 'Pick one of the services offered when the answer was unsure',
      tags,
      auth: 'family',
      params: z.object({ id: z.coerce.number().int().positive() }),
      body: z.object({ service: z.enum(SERVICE_KEYS).openapi({ example: 'preschool' }) }).openapi('NeedChoice'),
      response: z.object({ needId: z.number().int(), service: Service, departments: z.array(z.string()), outcome: z.enum(['recorded', 'referred', 'escalated', 'awaiting_consent']), ticketId: z.number().int().nullable(), message: z.string() }),
      errors: [404, 409],
      middleware: auth,
    },
    async (ctx, { params, body, lang }) => {
      const r = await chooseNeedService(dctx, identityOf(ctx).id, params.id, body.service)
      const departments = r.departments.join('、') || t(lang, 'staff:need.theDepartment')
      const key = r.outcome === 'referred' ? 'referred' : r.outcome === 'awaiting_consent' ? 'awaitingConsent' : 'recorded'
      return { ...r, message: t(lang, `staff:need.${key}`, { departments }) }
    },
  )

  defineRoute(router, { method: 'get', path: '/me/needs', summary: "The family's needs, newest first", tags, auth: 'family', response: z.array(NeedItem), middleware: auth }, async (ctx) =>
    (await listNeeds(dctx, identityOf(ctx).id)) as Array<z.infer<typeof NeedItem>>,
  )

  defineRoute(router, { method: 'get', path: '/me/messages', summary: 'Messages with staff (their answers included)', tags, auth: 'family', response: Messages, middleware: auth }, async (ctx) => messagesForIdentity(dctx, identityOf(ctx).id))

  defineRoute(
    router,
    { method: 'post', path: '/me/messages', summary: "Write to staff (joins the family's open question)", tags, auth: 'family', body: z.object({ text: z.string().trim().min(1).max(2000).refine(hasWords, 'validation.required').openapi({ example: '好的，谢谢，上午十点在家' }), jurisdiction: z.string().max(64).optional(), ticketId: z.number().int().positive().optional().openapi({ description: 'The thread being answered (e.g. a department\'s answer to a referral): one of the family\'s own, else 404; without it (or if it was closed) the words go to the open question to community staff, or start a new one' }) }).openapi('FamilyMessage'), response: z.object({ ticketId: z.number().int(), opened: z.boolean() }), status: 201, errors: [404], middleware: auth },
    async (ctx, { body, lang }) => {
      const identity = identityOf(ctx)
      if (!identity.familyId && !body.jurisdiction) {
        // An unregistered parent with an open question may still write; only a new question needs the place.
        const mine = await messagesForIdentity(dctx, identity.id)
        if (!mine.openTicketId && !body.ticketId) throw new AppError('validation_failed', t(lang, 'errors.validation_failed'), { fields: [{ path: 'jurisdiction', message: t(lang, 'validation.jurisdiction') }] })
      }
      return replyFromFamily(dctx, identity.id, body.text, { jurisdiction: body.jurisdiction, ticketId: body.ticketId })
    },
  )
}
