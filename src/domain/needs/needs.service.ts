/**
 * Needs: what a parent asked for, in their own words, with what the router made of it.
 *
 * submitNeed routes the words (`routeMessage`), records the need and then:
 *   - urgent (a child may be in danger)        → an escalation with priority urgent, at once
 *                                                 (staff-room post + 'escalation' event), registered or not;
 *   - a service a department must act on        → a referral in that department's queue (the
 *     (REFERRAL_SERVICES below)                   departments the jurisdiction's list names), one for
 *                                                 each such need of the message (school and dibao:
 *                                                 two referrals, each to its own department); none
 *                                                 while the router is unsure (`ask`: the parent
 *                                                 picks one of the choices first); only
 *                                                 for a registered family whose guardian consented
 *                                                 (the registry's consent covers passing a need to the
 *                                                 department responsible); without consent the need
 *                                                 waits ('awaiting_consent') and the channel asks;
 *   - anything else                              → recorded; the channel answers from the checklist.
 * askForPerson opens an escalation with normal priority ("人工", "找工作人员").
 *
 * Why these services are referrals: each needs a department to decide or act for the family
 * (apply, assess, place, pay): a school or kindergarten place, temporary assistance, dibao,
 * extreme-poverty support, the basic living allowance, disability subsidies and rehabilitation,
 * schooling for a disabled child, housing, guardianship by the state or guardianship support, care
 * for a severe mental disorder. The others (check-ups, insurance, family doctor, activities, advice,
 * counselling and family-education sessions, which are booked) the parent can use with the
 * checklist's next steps, so they are recorded, not referred.
 */
import { In, IsNull, MoreThan, MoreThanOrEqual, Not } from 'typeorm'
import { Child, Family, Identity, Need, OutboundMessage, Ticket, TicketEvent, TicketMessage } from '../../db/entities'
import { departmentsFor } from '../../content'
import { AppError } from '../../shared/errors'
import type { ServiceKey } from '../../content/vocabulary'
import { routeMessage } from '../routing/router'
import { offerChoices } from '../routing/choices'
import { joinOpenUrgentQuestion, openTicket, openUrgentQuestionOf, placeOfFamily, summary, type TicketSummary } from '../tickets/tickets.service'
import { familyDataErasers, familyDataExporters } from '../registry/family-data'
import type { DomainContext } from '../context'

export const REFERRAL_SERVICES: readonly ServiceKey[] = [
  'preschool',
  'compulsory_education',
  'high_school',
  'temporary_assistance',
  'housing',
  'minimum_living',
  'extreme_poverty',
  'basic_living',
  'disability_rehab',
  'disability_education',
  'guardianship_care',
  'guardianship_support',
  'severe_mental_disorder',
]

export type NeedChannel = 'bot' | 'miniprogram' | 'official_account'
export type NeedOutcome = 'recorded' | 'referred' | 'escalated' | 'awaiting_consent'

export interface SubmitNeedInput {
  identityId: number
  familyId?: number | null
  childId?: number | null
  text: string
  channel: NeedChannel
  jurisdiction: string
  /** Without a family: the street and community the parent has given so far (a registration half-way). */
  place?: { street: string | null; community: string | null }
}

export interface NeedResult {
  needId: number
  service: string
  confidence: number
  departments: string[]
  urgent: boolean
  needs: string[]
  alternatives: Array<{ service: string; confidence: number }>
  ask: boolean
  outcome: NeedOutcome
  ticketId: number | null
  /** The services to offer when unsure (`ask`): always two or three (see routing/choices.ts). */
  choices: ServiceKey[]
  /** Each need of the message that a department must act on, passed to that need's department (main first). */
  referrals: NeedReferral[]
  /** The parent's open urgent question the words were also added to (whoever handles it sees them), or null. */
  joinedTicketId: number | null
}

export interface NeedReferral {
  service: ServiceKey
  departments: string[]
  ticketId: number
}

export interface NeedView {
  id: number
  text: string
  service: string
  departments: string[]
  urgent: boolean
  status: string
  childId: number | null
  ticketId: number | null
  createdAt: string
}

const needView = (n: Need): NeedView => ({ id: n.id, text: n.text, service: n.service, departments: n.departments, urgent: n.urgent, status: n.status, childId: n.childId, ticketId: n.ticketId, createdAt: n.createdAt.toISOString() })

/** Whether the family's guardian consented (the registry's consent names passing a need to the department responsible). */
async function familyConsented(ctx: DomainContext, familyId: number): Promise<boolean> {
  const f = await ctx.db.repo(Family).findOneBy({ id: familyId })
  return !!f?.consentVersion && !f.archivedAt
}

export const MAX_NEED_TEXT = 2000

/** Records a need and sends it where it must go (see the module comment). */
export async function submitNeed(ctx: DomainContext, input: SubmitNeedInput): Promise<NeedResult> {
  const text = input.text.trim()
  if (!text) throw new AppError('validation_failed', 'empty need', { fields: [{ path: 'text', message: 'validation.required' }] })
  if (text.length > MAX_NEED_TEXT) throw new AppError('validation_failed', 'too long', { fields: [{ path: 'text', message: 'staff:errors.tooLong' }] })
  const familyId = input.familyId ?? null
  if (input.childId != null) {
    const child = familyId ? await ctx.db.repo(Child).findOneBy({ id: input.childId, familyId }) : null
    if (!child) throw new AppError('not_found', 'child not found')
  }
  const place = { ...(await placeOfFamily(ctx, familyId, input.jurisdiction)), ...(familyId ? {} : input.place) }
  const r = routeMessage(text, place.jurisdiction)
  const service = r.service
  const departments = [...r.departments]
  const repo = ctx.db.repo(Need)
  const fresh = () =>
    repo.create({
      identityId: input.identityId,
      familyId,
      childId: input.childId ?? null,
      channel: input.channel,
      jurisdiction: place.jurisdiction,
      text,
      service,
      needs: [...r.needs],
      departments,
      urgent: r.urgent,
      status: 'recorded',
      ticketId: null,
      createdAt: ctx.clock.now(),
    })
  // The same words from the same guardian again within a short time (a double tap, a retry, ten taps at
  // once) are the same need: one record, one referral per department (ten referrals reached 市教育局).
  // One at a time per family: the family row is locked while we look and record.
  const { need, repeat } = familyId
    ? await ctx.db.transaction(async (m) => {
        await m.getRepository(Family).findOne({ where: { id: familyId }, ...(ctx.db.kind === 'mysql' ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
        const since = new Date(ctx.clock.now().getTime() - REPEAT_WINDOW_MS)
        const earlier = await m.getRepository(Need).findOne({ where: { familyId, identityId: input.identityId, text, createdAt: MoreThan(since) }, order: { id: 'DESC' } })
        if (earlier && earlier.childId === (input.childId ?? null)) return { need: earlier, repeat: true }
        return { need: await m.getRepository(Need).save(fresh()), repeat: false }
      })
    : { need: await repo.save(fresh()), repeat: false }
  if (repeat) return repeated(ctx, need, r)
  let outcome: NeedOutcome = 'recorded'
  let ticket: TicketSummary | null = null
  const referrals: NeedReferral[] = []
  let joined: TicketSummary | null = null
  const common = { identityId: input.identityId, channel: input.channel, familyId, childId: input.childId ?? null, needId: need.id, service, departments, place, text }
  // every need of the message a department must act on goes to that need's own department (main first);
  // an unsure answer (`ask`) goes nowhere until the parent picks one of the choices
  const forDepartments = r.ask ? [] : r.needs.filter((s) => REFERRAL_SERVICES.includes(s)).map((s) => ({ service: s, departments: s === service ? departments : departmentsFor(place.jurisdiction, s) })).filter((x) => x.departments.length)
  if (r.urgent) {
    // while the parent's urgent question is still open, a new urgent message joins it (whoever handles it sees it)
    ticket = (await joinOpenUrgentQuestion(ctx, { identityId: input.identityId, familyId, channel: input.channel, text })) ?? (await openTicket(ctx, { ...common, kind: 'escalation', priority: 'urgent', reason: 'urgent' }))
    outcome = 'escalated'
  } else {
    // while the parent's urgent question is open, everything else they write is added to it too: "请问有消息了吗",
    // the child's clothes (which the router may place under another service), a new worry; whoever handles it
    // sees them (QA rounds 5 and 6). Words we could not place go nowhere else.
    joined = await joinOpenUrgentQuestion(ctx, { identityId: input.identityId, familyId, channel: input.channel, text, urgent: false })
    if (joined && service === 'none' && !forDepartments.length) {
      ticket = joined
      outcome = 'escalated'
    }
  }
  if (!r.urgent && forDepartments.length) {
    if (familyId && (await familyConsented(ctx, familyId))) {
      for (const x of forDepartments) {
        const t = await openTicket(ctx, { ...common, service: x.service, departments: x.departments, kind: 'referral', priority: 'normal', reason: 'referral' })
        referrals.push({ ...x, ticketId: t.id })
        ticket ??= t
      }
      outcome = 'referred'
    } else {
      outcome = 'awaiting_consent'
    }
  }
  await repo.update({ id: need.id }, { status: outcome, ticketId: ticket?.id ?? null })
  ctx.events.emit('need', { needId: need.id, service, urgent: r.urgent, outcome })
  return {
    joinedTicketId: joined?.id ?? null,
    needId: need.id,
    service,
    confidence: r.confidence,
    departments,
    urgent: r.urgent,
    needs: [...r.needs],
    alternatives: r.alternatives.map((a) => ({ service: a.service, confidence: a.confidence })),
    ask: r.ask,
    outcome,
    ticketId: ticket?.id ?? null,
    choices: r.ask || service === 'none' ? offerChoices(r) : [],
    referrals,
  }
}

/** How long the same words from the same guardian count as the same need. */
export const REPEAT_WINDOW_MS = 2 * 60_000

/** The answer to a repeat: the need already recorded, and the referrals it already made. */
async function repeated(ctx: DomainContext, need: Need, r: ReturnType<typeof routeMessage>): Promise<NeedResult> {
  const tickets = await ctx.db.repo(Ticket).find({ where: { needId: need.id }, order: { id: 'ASC' } })
  const referrals = tickets.filter((t) => t.kind === 'referral').map((t) => ({ service: t.service as ServiceKey, departments: t.departments, ticketId: t.id }))
  return {
    // a repeat is not added again to an open urgent question
    joinedTicketId: null,
    needId: need.id,
    service: need.service,
    confidence: r.confidence,
    departments: need.departments,
    urgent: need.urgent,
    needs: need.needs,
    alternatives: r.alternatives.map((a) => ({ service: a.service, confidence: a.confidence })),
    ask: r.ask,
    outcome: need.status === 'closed' ? 'recorded' : (need.status as NeedOutcome),
    ticketId: need.ticketId,
    choices: r.ask || need.service === 'none' ? offerChoices(r) : [],
    referrals,
  }
}

/**
 * After the guardian consents (or chooses a service the router was unsure of), passes a recorded
 * need to the department responsible. Returns the referral's ticket id, or null when none is due.
 */
export async function referNeed(ctx: DomainContext, identityId: number, needId: number, service?: ServiceKey): Promise<number | null> {
  const identity = await ctx.db.repo(Identity).findOneBy({ id: identityId })
  const need = await ctx.db.repo(Need).findOneBy({ id: needId })
  if (!identity || !need || (need.identityId !== identityId && (!identity.familyId || need.familyId !== identity.familyId))) throw new AppError('not_found', 'need not found')
  if (need.ticketId) return need.ticketId
  const chosen = service ?? (need.service as ServiceKey)
  if (!REFERRAL_SERVICES.includes(chosen) || !need.familyId) return null
  if (!(await familyConsented(ctx, need.familyId))) throw new AppError('consent_required', 'consent needed to pass the need on')
  const departments = departmentsFor(need.jurisdiction, chosen)
  if (!departments.length) return null
  const place = await placeOfFamily(ctx, need.familyId, need.jurisdiction)
  const t = await openTicket(ctx, { kind: 'referral', priority: 'normal', identityId, channel: need.channel, familyId: need.familyId, childId: need.childId, needId, service: chosen, departments, place, text: need.text, reason: 'referral' })
  await ctx.db.repo(Need).update({ id: needId }, { status: 'referred', service: chosen, departments, ticketId: t.id })
  return t.id
}

/**
 * The parent picked one of the services offered when the router was unsure: the need takes that
 * service and its departments, and goes to the department where it must (as in submitNeed).
 */
export async function chooseNeedService(ctx: DomainContext, identityId: number, needId: number, service: ServiceKey): Promise<{ needId: number; service: ServiceKey; departments: string[]; outcome: NeedOutcome; ticketId: number | null }> {
  const identity = await ctx.db.repo(Identity).findOneBy({ id: identityId })
  const need = await ctx.db.repo(Need).findOneBy({ id: needId })
  if (!identity || !need || (need.identityId !== identityId && (!identity.familyId || need.familyId !== identity.familyId))) throw new AppError('not_found', 'need not found')
  if (need.ticketId) throw new AppError('conflict', 'need already passed on', { details: { ticketId: need.ticketId } })
  const departments = departmentsFor(need.jurisdiction, service)
  let outcome: NeedOutcome = 'recorded'
  let ticketId: number | null = null
  if (REFERRAL_SERVICES.includes(service) && departments.length) {
    if (need.familyId && (await familyConsented(ctx, need.familyId))) {
      ticketId = await referNeed(ctx, identityId, needId, service)
      outcome = 'referred'
    } else outcome = 'awaiting_consent'
  }
  if (!ticketId) await ctx.db.repo(Need).update({ id: needId }, { service, departments, status: outcome })
  return { needId, service, departments, outcome, ticketId }
}

export interface AskForPersonInput {
  identityId: number
  familyId?: number | null
  text: string
  channel: NeedChannel
  jurisdiction?: string
  /** Set by the channel when the words are urgent (the router said so). */
  urgent?: boolean
}

/**
 * A parent asks for a person: an escalation (normal priority unless urgent) to the family's community staff.
 * While their urgent question is open, words that are no question of their own (urgent ones, or words the router
 * places under no service: "请问有消息了吗", a description) join it instead (QA round 5, finding 2: the bot asks for a
 * person after two messages it did not understand; a question of its own, normal priority, reached only the
 * administrator, never who handles the missing child). A new topic ("孩子转学要什么材料") still opens its own question. Lines the question already got a moment ago (the bot
 * joins the messages it did not understand, and `submitNeed` joined each already) are not added twice.
 */
export async function askForPerson(ctx: DomainContext, input: AskForPersonInput): Promise<TicketSummary> {
  const text = input.text.trim()
  if (!text) throw new AppError('validation_failed', 'empty message', { fields: [{ path: 'text', message: 'validation.required' }] })
  const familyId = input.familyId ?? null
  const open = await openUrgentQuestionOf(ctx, input.identityId, familyId)
  // a question of its own ("想问问孩子转学要什么材料": the router names a service) is its own question, as before
  if (open && (input.urgent || routeMessage(text, open.jurisdiction).service === 'none')) {
    const since = new Date(ctx.clock.now().getTime() - REPEAT_WINDOW_MS)
    const recent = new Set((await ctx.db.repo(TicketMessage).find({ where: { ticketId: open.id, author: 'family', createdAt: MoreThan(since) }, select: { id: true, text: true } })).map((m) => m.text.trim()))
    const fresh = text.split('\n').map((l) => l.trim()).filter((l) => l && !recent.has(l))
    if (!fresh.length) return summary(open)
    const joined = await joinOpenUrgentQuestion(ctx, { identityId: input.identityId, familyId, channel: input.channel, text: fresh.join('\n'), urgent: !!input.urgent })
    if (joined) return joined
  }
  const place = await placeOfFamily(ctx, familyId, input.jurisdiction)
  return openTicket(ctx, { kind: 'escalation', priority: input.urgent ? 'urgent' : 'normal', identityId: input.identityId, channel: input.channel, familyId, service: 'none', departments: [], place, text, reason: input.urgent ? 'urgent' : 'asked' })
}

/** The needs a family (or an identity without a family) recorded, newest first. */
export async function listNeeds(ctx: DomainContext, identityId: number): Promise<NeedView[]> {
  const identity = await ctx.db.repo(Identity).findOneBy({ id: identityId })
  if (!identity) throw new AppError('not_found', 'identity not found')
  const rows = await ctx.db.repo(Need).find({ where: identity.familyId ? { familyId: identity.familyId } : { identityId }, order: { id: 'DESC' } })
  return rows.map(needView)
}

// Erasure and export of what this module holds about a family (called by the registry, while the family's
// identities are still linked to it): its needs and questions, and what its guardians said before they
// registered (recorded under their identity only, no family).
async function familyRows(ctx: DomainContext, familyId: number) {
  const identityIds = (await ctx.db.repo(Identity).find({ where: { familyId }, select: { id: true } })).map((i) => i.id)
  const before = identityIds.length ? { identityId: In(identityIds), familyId: IsNull() } : null
  const mine = <T>(where: T) => (before ? [where, before] : [where])
  const needs = await ctx.db.repo(Need).find({ where: mine({ familyId }), order: { id: 'ASC' } })
  const tickets = await ctx.db.repo(Ticket).find({ where: mine({ familyId }), order: { id: 'ASC' } })
  return { needs, tickets, identityIds }
}
familyDataErasers.push(async (ctx, familyId) => {
  const { needs, tickets, identityIds } = await familyRows(ctx, familyId)
  const ids = tickets.map((t) => t.id)
  if (ids.length) {
    await ctx.db.repo(TicketMessage).delete({ ticketId: In(ids) })
    await ctx.db.repo(TicketEvent).delete({ ticketId: In(ids) })
    await ctx.db.repo(Ticket).delete({ id: In(ids) })
    // Posts and answers about questions asked before registering carry no family id (the registry erases the
    // family's own by it): the staff-room posts of those questions since the first one, and the answers sent
    // to the guardians' identities.
    const erased = new Set(ids)
    const since = tickets.reduce((d, t) => (t.createdAt < d ? t.createdAt : d), tickets[0]!.createdAt)
    const posts = await ctx.db.repo(OutboundMessage).find({ where: { familyId: IsNull(), channel: 'staff_room', createdAt: MoreThanOrEqual(since) }, select: { id: true, params: true } })
    const aboutThem = posts.filter((m) => erased.has(Number((m.params as { ticketId?: unknown } | null)?.ticketId)))
    if (aboutThem.length) await ctx.db.repo(OutboundMessage).delete({ id: In(aboutThem.map((m) => m.id)) })
  }
  if (identityIds.length) await ctx.db.repo(OutboundMessage).delete({ familyId: IsNull(), recipient: In(identityIds.map(String)), channel: Not('staff_room') })
  if (needs.length) await ctx.db.repo(Need).delete({ id: In(needs.map((n) => n.id)) })
})
familyDataExporters.push(async (ctx, familyId) => {
  const { needs, tickets } = await familyRows(ctx, familyId)
  const messages = tickets.length ? await ctx.db.repo(TicketMessage).find({ where: { ticketId: In(tickets.map((t) => t.id)) }, order: { id: 'ASC' } }) : []
  return {
    needs: needs.map(needView),
    messagesWithStaff: messages.map((m) => ({ ticketId: m.ticketId, from: m.author, text: m.text, at: m.createdAt.toISOString() })),
  }
})
