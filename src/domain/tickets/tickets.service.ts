/**
 * Tickets: work for staff. An escalation is a question a person must answer (a parent asked for
 * one, the message was urgent, a key case's risk turned red); a referral is a need a department
 * must act on. Each has a priority (urgent | normal), a status (new → claimed → answered →
 * transferred → closed), for referrals a state (sent → accepted | rejected with reason → done),
 * a history of every change (who, when) and a thread (the parent's words and staff answers).
 *
 * Who gets an escalation: the child director of the family's community (same jurisdiction).
 * Where no director or several cover that community, the supervisor of the family's street;
 * where there is none, an administrator; never nobody (with no account at all, administrators
 * see every ticket once they exist). Every new escalation is posted to the staff room at once.
 * An URGENT escalation whose street and community are unknown (a parent who has not registered)
 * keeps that owner, and is also in the queue of every child director and supervisor of its
 * jurisdiction until it is closed: the first to claim it has it (policies: rule `unplacedUrgent`).
 */
import { In, IsNull, Not, Raw } from 'typeorm'
import { Family, Identity, OutboundMessage, StaffAccount, Ticket, TicketEvent, TicketMessage, Need } from '../../db/entities'
import { AppError } from '../../shared/errors'
import { enqueue, type OutboxChannel } from '../outbox/outbox.service'
import { authorize, can, isUnplacedUrgent, refusedForClaimOfOther, refusedForClosed, seesUnplacedUrgentOf, streetsDiffer, type Place, type Resource } from '../policies/policies'
import { recordAudit } from '../audit/audit.service'
import { samePlace } from '../registry/places'
import { jurisdictionDepartments, view as staffView, type StaffView } from '../staff/staff.service'
import type { DomainContext } from '../context'

export type TicketKind = 'escalation' | 'referral'
export type Priority = 'urgent' | 'normal'
export type TicketStatus = 'new' | 'claimed' | 'answered' | 'transferred' | 'closed'
export type ReferralState = 'sent' | 'accepted' | 'rejected' | 'done'

export interface TicketSummary {
  id: number
  kind: TicketKind
  priority: Priority
  status: TicketStatus
  referralState: ReferralState | null
  service: string
  departments: string[]
  jurisdiction: string
  street: string | null
  community: string | null
  familyId: number | null
  ownerStaffId: number | null
  claimedBy: number | null
  raised: boolean
  createdAt: string
  waitingSince: string
}

export interface ThreadMessage {
  id: number
  from: 'family' | 'staff'
  text: string
  at: string
}

export interface HistoryEntry {
  at: string
  actor: string
  action: string
  detail: Record<string, unknown> | null
}

export interface TicketThread extends TicketSummary {
  referralReason: string | null
  messages: ThreadMessage[]
  history: HistoryEntry[]
}

export const summary = (t: Ticket): TicketSummary => ({
  id: t.id,
  kind: t.kind as TicketKind,
  priority: t.priority as Priority,
  status: t.status as TicketStatus,
  referralState: t.referralState as ReferralState | null,
  service: t.service,
  departments: t.departments,
  jurisdiction: t.jurisdiction,
  street: t.street,
  community: t.community,
  familyId: t.familyId,
  ownerStaffId: t.ownerStaffId,
  claimedBy: t.claimedBy,
  raised: !!t.raisedAt,
  createdAt: t.createdAt.toISOString(),
  waitingSince: t.waitingSince.toISOString(),
})

/** The policy resource of a ticket (`claimedEarlierBy`: who claimed it at some time, from its history, when known). */
export const ticketResource = (t: Ticket, claimedEarlierBy?: number[]): Resource => ({
  type: 'ticket',
  kind: t.kind as TicketKind,
  departments: t.departments,
  ownerStaffId: t.ownerStaffId,
  raisedTo: t.raisedTo,
  priority: t.priority as Priority,
  status: t.status,
  claimedBy: t.claimedBy,
  claimedEarlierBy,
  jurisdiction: t.jurisdiction,
  street: t.street,
  community: t.community,
})

const staffActor = (s: Pick<StaffView, 'username'>) => `staff:${s.username}`

async function addEvent(ctx: DomainContext, ticketId: number, actor: string, action: string, detail: Record<string, unknown> | null = null): Promise<void> {
  await ctx.db.repo(TicketEvent).insert({ ticketId, at: ctx.clock.now(), actor, action, detail: detail as never })
}

/** Parses STAFF_ROOMS once per call (a small JSON object). */
export function staffRooms(ctx: DomainContext): Record<string, string> {
  try {
    const v = JSON.parse(ctx.config.STAFF_ROOMS) as unknown
    return v && typeof v === 'object' ? (v as Record<string, string>) : {}
  } catch {
    return {}
  }
}

/**
 * The room key an escalation or referral is posted to: the first that STAFF_ROOMS names of the
 * department (referrals), the community, the street, the jurisdiction; '*' if configured;
 * otherwise the first of those itself, so the post is never dropped silently.
 */
export function roomKeyFor(ctx: DomainContext, place: Partial<Place>, department?: string | null): string {
  const rooms = staffRooms(ctx)
  const candidates = [department, place.community, place.street, place.jurisdiction].filter((x): x is string => !!x && !!x.trim()).map((x) => x.trim())
  for (const c of candidates) if (rooms[c]) return c
  if (rooms['*']) return '*'
  return candidates[0] ?? 'staff'
}

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.trim() === b.trim()
const samePlaceName = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && samePlace(a, b)

/**
 * Who an escalation in `place` goes to: the one child director of the community; else (none or
 * several) the street's supervisor; else an administrator; null only when no account exists.
 */
export async function resolveOwner(ctx: DomainContext, place: Place): Promise<{ staff: StaffView | null; via: 'child-director' | 'supervisor' | 'admin' | 'none' }> {
  const all = (await ctx.db.repo(StaffAccount).find({ where: { active: true }, order: { id: 'ASC' } })).map(staffView)
  const directors = all.filter((s) => s.role === 'child-director' && same(s.jurisdiction, place.jurisdiction) && s.communities.some((c) => samePlaceName(c, place.community)) && !streetsDiffer(s.street, place.street))
  if (directors.length === 1) return { staff: directors[0]!, via: 'child-director' }
  const supervisors = all.filter((s) => s.role === 'supervisor' && same(s.jurisdiction, place.jurisdiction) && samePlaceName(s.street, place.street))
  if (supervisors.length) return { staff: supervisors[0]!, via: 'supervisor' }
  const admin = all.find((s) => s.role === 'admin')
  if (admin) return { staff: admin, via: 'admin' }
  return { staff: null, via: 'none' }
}

/**
 * The child directors and supervisors who see an URGENT escalation in `place` besides its owner and
 * administrators (policies: rule `unplacedUrgent`): every one of its jurisdiction when its street and
 * community are unknown; none otherwise.
 */
export async function staffSeeingUnplacedUrgent(ctx: DomainContext, place: Place): Promise<StaffView[]> {
  if (!isUnplacedUrgent({ kind: 'escalation', priority: 'urgent', ...place })) return []
  const all = (await ctx.db.repo(StaffAccount).find({ where: { active: true, jurisdiction: place.jurisdiction }, order: { id: 'ASC' } })).map(staffView)
  return all.filter((s) => seesUnplacedUrgentOf(s, place.jurisdiction))
}

/** The supervisor of a place's street, else an administrator (service-level misses are raised to them). */
export async function supervisorFor(ctx: DomainContext, place: Place): Promise<StaffView | null> {
  const all = (await ctx.db.repo(StaffAccount).find({ where: { active: true }, order: { id: 'ASC' } })).map(staffView)
  return all.find((s) => s.role === 'supervisor' && same(s.jurisdiction, place.jurisdiction) && samePlaceName(s.street, place.street)) ?? all.find((s) => s.role === 'admin') ?? null
}

export interface OpenTicketInput {
  kind: TicketKind
  priority: Priority
  identityId: number | null
  channel: string | null
  familyId: number | null
  childId?: number | null
  needId?: number | null
  service: string
  departments: string[]
  place: Place
  /** The parent's words (first message of the thread); omitted for cases staff open. */
  text?: string
  /** Why it was opened: 'urgent' | 'asked' | 'risk' | 'referral' | 'family_message' */
  reason: string
  actor?: string
}

/** Opens a ticket, records its first message and history, posts it to the staff room. */
export async function openTicket(ctx: DomainContext, input: OpenTicketInput): Promise<TicketSummary> {
  const now = ctx.clock.now()
  const owner = input.kind === 'escalation' ? await resolveOwner(ctx, input.place) : { staff: null, via: 'none' as const }
  const repo = ctx.db.repo(Ticket)
  const t = await repo.save(
    repo.create({
      kind: input.kind,
      priority: input.priority,
      status: 'new',
      referralState: input.kind === 'referral' ? 'sent' : null,
      referralReason: null,
      needId: input.needId ?? null,
      familyId: input.familyId,
      childId: input.childId ?? null,
      identityId: input.identityId,
      channel: input.channel,
      service: input.service,
      departments: input.departments,
      jurisdiction: input.place.jurisdiction,
      street: input.place.street,
      community: input.place.community,
      ownerStaffId: owner.staff?.id ?? null,
      claimedBy: null,
      raisedTo: null,
      raisedAt: null,
      answeredAt: null,
      waitingSince: now,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    }),
  )
  if (input.text) await ctx.db.repo(TicketMessage).insert({ ticketId: t.id, familyId: input.familyId, author: 'family', staffId: null, text: input.text, createdAt: now })
  await addEvent(ctx, t.id, input.actor ?? 'family', 'opened', { kind: input.kind, priority: input.priority, reason: input.reason, assignedVia: owner.via, ownerStaffId: owner.staff?.id ?? null })
  await announce(ctx, t, input.text, input.reason)
  ctx.events.emit(input.kind === 'escalation' ? 'escalation' : 'referral', { ticketId: t.id, priority: input.priority })
  ctx.log.info({ ticketId: t.id, kind: input.kind, priority: input.priority, via: owner.via }, 'ticket opened')
  return summary(t)
}

/** A staff-room post about a question whose community is not known is worded for it (i18next context `unplaced`). */
const placeContext = (t: { community: string | null }): { context?: 'unplaced' } => (t.community?.trim() ? {} : { context: 'unplaced' })

/** Posts a new ticket to its staff room (send-once: the dedupe key is the ticket's). */
async function announce(ctx: DomainContext, t: Ticket, text: string | undefined, reason: string): Promise<number | null> {
  return enqueue(ctx, {
    channel: 'staff_room',
    recipient: roomKeyFor(ctx, t, t.kind === 'referral' ? t.departments[0] : null),
    familyId: t.familyId,
    kind: t.kind === 'escalation' ? 'escalation' : 'referral',
    dedupeKey: `ticket:${t.id}:opened`,
    messageKey: t.kind === 'escalation' ? (t.priority === 'urgent' ? 'staff:room.urgent' : 'staff:room.escalation') : 'staff:room.referral',
    params: { ticketId: t.id, priority: t.priority, service: t.service, departments: t.departments.join('、'), community: t.community ?? '', reason, ...placeContext(t) },
    plainText: text,
  })
}

/**
 * Posts again any new ticket of the last day whose staff-room post is missing (the process stopped
 * between saving the ticket and queuing its post). Send-once by the same dedupe key. Returns how many.
 */
export async function repostMissingAnnouncements(ctx: DomainContext): Promise<number> {
  const since = new Date(ctx.clock.now().getTime() - 24 * 60 * 60_000)
  const fresh = await ctx.db.repo(Ticket).createQueryBuilder('t').where('t.created_at >= :since', { since }).andWhere("t.status <> 'closed'").getMany()
  if (!fresh.length) return 0
  const keys = fresh.map((t) => `ticket:${t.id}:opened`)
  const posted = new Set((await ctx.db.repo(OutboundMessage).find({ where: { dedupeKey: In(keys) }, select: { dedupeKey: true } })).map((m) => m.dedupeKey))
  let n = 0
  for (const t of fresh) {
    if (posted.has(`ticket:${t.id}:opened`)) continue
    const first = await ctx.db.repo(TicketMessage).findOne({ where: { ticketId: t.id, author: 'family' }, order: { id: 'ASC' } })
    if (await announce(ctx, t, first?.text, 'repost')) n++
  }
  if (n) ctx.log.warn({ reposted: n }, 'staff-room posts queued again')
  return n
}

async function loadTicket(ctx: DomainContext, id: number): Promise<Ticket> {
  const t = await ctx.db.repo(Ticket).findOneBy({ id })
  if (!t) throw new AppError('not_found', 'ticket not found')
  return t
}

/** The staff accounts that claimed a ticket at some time (its history's 'claimed' entries). */
async function claimersOf(ctx: DomainContext, ticketId: number): Promise<number[]> {
  const actors = (await ctx.db.repo(TicketEvent).find({ where: { ticketId, action: 'claimed' }, select: { actor: true } })).map((e) => e.actor)
  const usernames = [...new Set(actors.filter((a) => a.startsWith('staff:')).map((a) => a.slice('staff:'.length)))]
  if (!usernames.length) return []
  return (await ctx.db.repo(StaffAccount).find({ where: { username: In(usernames) }, select: { id: true } })).map((s) => s.id)
}

/**
 * The refusal of `action` on `t`: it is finished (409 ticket_closed), someone else has it (409 claimed_by_other,
 * with the claimer's username, `claimedByName`, for the console to say who), else 'forbidden'.
 */
async function refusal(ctx: DomainContext, staff: StaffView, action: Parameters<typeof can>[1], r: Resource): Promise<AppError> {
  if (action !== 'ticket.read' && refusedForClosed(staff, action, r)) return new AppError('conflict', 'ticket closed', { details: { reason: 'ticket_closed' } })
  if (refusedForClaimOfOther(staff, action, r)) return claimedByOtherError(ctx, r.type === 'ticket' ? r.claimedBy ?? null : null)
  return new AppError('forbidden', `not allowed: ${action}`)
}

/** 409 claimed_by_other, naming who has it (their username) when known. */
async function claimedByOtherError(ctx: DomainContext, claimedBy: number | null): Promise<AppError> {
  const who = claimedBy ? await ctx.db.repo(StaffAccount).findOne({ where: { id: claimedBy }, select: { id: true, username: true } }) : null
  return new AppError('conflict', 'already claimed', { details: { reason: 'claimed_by_other', ...(who ? { claimedByName: who.username } : {}) } })
}

/** Loads a ticket the staff member may act on; 'not_found' when it does not exist, a refusal (see `refusal`) otherwise. */
async function ticketFor(ctx: DomainContext, staff: StaffView, id: number, action: Parameters<typeof can>[1]): Promise<Ticket> {
  const t = await loadTicket(ctx, id)
  let r = ticketResource(t)
  if (!can(staff, action, r) && action === 'ticket.read') r = ticketResource(t, await claimersOf(ctx, id))
  if (!can(staff, action, r)) throw await refusal(ctx, staff, action, r)
  return t
}

export interface QueueFilter {
  kind?: TicketKind
  priority?: Priority
  status?: TicketStatus | 'open' | 'all'
  service?: string
  department?: string
  referralState?: ReferralState
  limit?: number
}

/**
 * A LIKE pattern the JSON text of a departments list matches when it holds `name` (trimmed): the
 * name's characters, any JSON-escaped or LIKE-special one standing for anything. Null when empty.
 */
function jsonTextLike(name: string | null): string | null {
  const n = name?.trim()
  if (!n) return null
  return `%${[...n].map((c) => (c === '%' || c === '_' || c === '\\' || c === '"' || c < ' ' || (c >= '\ud800' && c <= '\udfff') ? '%' : c)).join('')}%`
}

/** What this staff member may see, urgent first, then longest waiting. Default: everything not closed. */
export async function listQueue(ctx: DomainContext, staff: StaffView, filter: QueueFilter = {}): Promise<TicketSummary[]> {
  if (staff.role === 'provider') return []
  authorize(staff, 'queue.list')
  const where: Record<string, unknown> = {}
  const status = filter.status ?? 'open'
  if (status === 'open') where.status = Not('closed')
  else if (status !== 'all') where.status = status
  if (filter.kind) where.kind = filter.kind
  if (filter.priority) where.priority = filter.priority
  if (filter.service) where.service = filter.service
  if (filter.referralState) where.referralState = filter.referralState
  if (staff.role !== 'admin' && staff.jurisdiction) where.jurisdiction = staff.jurisdiction
  // A department reads only referrals that name it: only tickets whose departments' text holds its name
  // leave the database (a superset: the policy below still decides); a city's other queues stay there.
  const department = staff.role === 'department' ? jsonTextLike(staff.department) : null
  if (department) where.departments = Raw((column) => `${column} LIKE :department`, { department })
  // Who may read a ticket depends on a few columns: read those for the whole jurisdiction first, then
  // only the tickets this staff member may read in full (a department sees a fraction of a big city's queue).
  const claimedHere = new Set<number>()
  const readable = (t: Ticket) => can(staff, 'ticket.read', ticketResource(t, claimedHere.has(t.id) ? [staff.id] : undefined)) && (!filter.department || t.departments.includes(filter.department))
  const visible: Ticket[] = []
  if (department) {
    // Already narrowed to the department's name: its rows are read in full at once (one query, not two).
    visible.push(...(await ctx.db.repo(Ticket).find({ where, order: { id: 'ASC' } })).filter(readable))
  } else {
    // (priority, status and claimer too: an urgent escalation with no place is every director's and supervisor's of the city, see policies)
    const scope = await ctx.db.repo(Ticket).find({ select: { id: true, kind: true, departments: true, ownerStaffId: true, raisedTo: true, priority: true, status: true, claimedBy: true, jurisdiction: true, street: true, community: true }, where })
    // An urgent question this staff member claimed and then transferred stays readable to them (its history says so).
    const transferred = scope.filter((t) => t.kind === 'referral' && t.priority === 'urgent' && !readable(t)).map((t) => t.id)
    for (let i = 0; i < transferred.length; i += 500) {
      const events = await ctx.db.repo(TicketEvent).find({ where: { ticketId: In(transferred.slice(i, i + 500)), actor: staffActor(staff), action: 'claimed' }, select: { ticketId: true } })
      for (const e of events) claimedHere.add(e.ticketId)
    }
    const ids = scope.filter(readable).map((t) => t.id)
    for (let i = 0; i < ids.length; i += 500) visible.push(...(await ctx.db.repo(Ticket).find({ where: { ...where, id: In(ids.slice(i, i + 500)) }, order: { id: 'ASC' } })))
  }
  visible.sort((a, b) => (a.priority === b.priority ? a.waitingSince.getTime() - b.waitingSince.getTime() || a.id - b.id : a.priority === 'urgent' ? -1 : 1))
  return visible.slice(0, Math.min(filter.limit ?? 200, 500)).map(summary)
}

async function threadOf(ctx: DomainContext, t: Ticket): Promise<TicketThread> {
  const [messages, events] = await Promise.all([
    ctx.db.repo(TicketMessage).find({ where: { ticketId: t.id }, order: { id: 'ASC' } }),
    ctx.db.repo(TicketEvent).find({ where: { ticketId: t.id }, order: { id: 'ASC' } }),
  ])
  return {
    ...summary(t),
    referralReason: t.referralReason,
    messages: messages.map((m) => ({ id: m.id, from: m.author as 'family' | 'staff', text: m.text, at: m.createdAt.toISOString() })),
    history: events.map((e) => ({ at: e.at.toISOString(), actor: e.actor, action: e.action, detail: e.detail })),
  }
}

/** A ticket with its thread and history (the read is audited: it shows a family's words). */
export async function getTicketThread(ctx: DomainContext, staff: StaffView, id: number): Promise<TicketThread> {
  const t = await ticketFor(ctx, staff, id, 'ticket.read')
  await recordAudit(ctx, staff, { action: 'ticket.read', resourceType: 'ticket', resourceId: t.id, familyId: t.familyId })
  return threadOf(ctx, t)
}

/** What this staff member may do on a ticket besides reading it (the console shows only those actions). */
export async function ticketPermissions(ctx: DomainContext, staff: StaffView, id: number): Promise<{ claim: boolean; reply: boolean; close: boolean; transfer: boolean; closeNote: boolean }> {
  const t = await loadTicket(ctx, id)
  const r = ticketResource(t)
  return { claim: can(staff, 'ticket.claim', r), reply: can(staff, 'ticket.reply', r), close: can(staff, 'ticket.close', r), transfer: can(staff, 'ticket.transfer', r), closeNote: closeNeedsNote(t) }
}

/** Claims a ticket for this staff member (conflict when someone else holds it). */
export async function claimTicket(ctx: DomainContext, staff: StaffView, id: number): Promise<TicketSummary> {
  const t = await ticketFor(ctx, staff, id, 'ticket.claim')
  if (t.status === 'closed') throw new AppError('conflict', 'ticket closed', { details: { reason: 'ticket_closed' } })
  if (t.claimedBy === staff.id) return summary(t)
  const res = await ctx.db.repo(Ticket)
    .createQueryBuilder()
    .update(Ticket)
    .set({ claimedBy: staff.id, status: t.status === 'new' || t.status === 'transferred' ? 'claimed' : t.status, updatedAt: ctx.clock.now() })
    .where('id = :id AND claimed_by IS NULL', { id })
    .execute()
  if (res.affected !== 1) throw await claimedByOtherError(ctx, (await loadTicket(ctx, id)).claimedBy)
  await addEvent(ctx, id, staffActor(staff), 'claimed')
  await recordAudit(ctx, staff, { action: 'ticket.claim', resourceType: 'ticket', resourceId: id, familyId: t.familyId })
  return summary(await loadTicket(ctx, id))
}

/** The family identity's channel as an outbox channel. */
function familyChannel(channel: string | null): OutboxChannel | null {
  return channel === 'bot' || channel === 'miniprogram' || channel === 'official_account' ? channel : null
}

/**
 * A staff answer: added to the thread and sent to the parent in the channel they used (outbox,
 * kind 'staff_reply', the answer as written plus a short lead-in in the family's language).
 */
export async function replyToFamily(ctx: DomainContext, staff: StaffView, id: number, text: string): Promise<ThreadMessage> {
  const body = text.trim()
  if (!body) throw new AppError('validation_failed', 'empty answer', { fields: [{ path: 'text', message: 'validation.required' }] })
  let t = await ticketFor(ctx, staff, id, 'ticket.reply')
  if (t.status === 'closed') throw new AppError('conflict', 'ticket closed', { details: { reason: 'ticket_closed' } })
  const now = ctx.clock.now()
  if (t.claimedBy === null) {
    // Answering an unclaimed question claims it, conditionally (two people answering at once: one claim, one answer
    // where the claim decides who may answer: policies, rule `unplacedUrgent`); a claim made meanwhile is never overwritten.
    const res = await ctx.db.repo(Ticket).createQueryBuilder().update(Ticket).set({ claimedBy: staff.id, updatedAt: now }).where('id = :id AND claimed_by IS NULL', { id }).execute()
    if (res.affected === 1) await addEvent(ctx, id, staffActor(staff), 'claimed', { by: 'answer' })
    else {
      t = await loadTicket(ctx, id)
      const r = ticketResource(t)
      if (!can(staff, 'ticket.reply', r)) throw await refusal(ctx, staff, 'ticket.reply', r)
      if (t.status === 'closed') throw new AppError('conflict', 'ticket closed', { details: { reason: 'ticket_closed' } })
    }
  }
  const msg = await ctx.db.repo(TicketMessage).save(ctx.db.repo(TicketMessage).create({ ticketId: id, familyId: t.familyId, author: 'staff', staffId: staff.id, text: body, createdAt: now }))
  await ctx.db.repo(Ticket).update({ id }, { status: 'answered', answeredAt: t.answeredAt ?? now, updatedAt: now })
  await addEvent(ctx, id, staffActor(staff), 'answered', { messageId: msg.id })
  await recordAudit(ctx, staff, { action: 'ticket.reply', resourceType: 'ticket', resourceId: id, familyId: t.familyId })
  const channel = familyChannel(t.channel)
  if (channel && t.identityId) {
    await enqueue(ctx, {
      channel,
      recipient: String(t.identityId),
      familyId: t.familyId,
      kind: 'staff_reply',
      dedupeKey: `ticket:${id}:reply:${msg.id}`,
      messageKey: 'staff:reply.leadIn',
      params: { ticketId: id },
      plainText: body,
    })
  }
  return { id: msg.id, from: 'staff', text: body, at: now.toISOString() }
}

/** Every department the jurisdiction's list names (what a ticket may be transferred to). */
export const departmentsOfJurisdiction = jurisdictionDepartments

/** Transfers to another department (of the jurisdiction's list) with a reason; the ticket becomes a referral to it. */
export async function transferTicket(ctx: DomainContext, staff: StaffView, id: number, department: string, reason: string): Promise<TicketSummary> {
  const dept = department.trim()
  if (!reason.trim()) throw new AppError('validation_failed', 'reason required', { fields: [{ path: 'reason', message: 'staff:errors.reasonRequired' }] })
  const t = await ticketFor(ctx, staff, id, 'ticket.transfer')
  if (t.status === 'closed') throw new AppError('conflict', 'ticket closed', { details: { reason: 'ticket_closed' } })
  const known = departmentsOfJurisdiction(t.jurisdiction)
  if (!known.includes(dept)) throw new AppError('validation_failed', 'unknown department', { fields: [{ path: 'department', message: 'staff:errors.unknownDepartment' }], details: { departments: known } })
  const from = t.departments
  await ctx.db.repo(Ticket).update({ id }, { kind: 'referral', departments: [dept], status: 'transferred', referralState: 'sent', referralReason: null, claimedBy: null, ownerStaffId: null, updatedAt: ctx.clock.now() })
  await addEvent(ctx, id, staffActor(staff), 'transferred', { from, to: dept, reason: reason.trim() })
  await recordAudit(ctx, staff, { action: 'ticket.transfer', resourceType: 'ticket', resourceId: id, familyId: t.familyId, detail: { to: dept } })
  await enqueue(ctx, {
    channel: 'staff_room',
    recipient: roomKeyFor(ctx, t, dept),
    familyId: t.familyId,
    kind: 'referral',
    messageKey: 'staff:room.transferred',
    params: { ticketId: id, department: dept, priority: t.priority, service: t.service },
  })
  return summary(await loadTicket(ctx, id))
}

/**
 * Whether closing `t` needs a short note for the parent (QA round 5, finding 7): an urgent question of a parent
 * (it came from their chat) that no staff answer ever reached. Without one the parent would hear nothing.
 */
export const closeNeedsNote = (t: Pick<Ticket, 'kind' | 'priority' | 'identityId' | 'channel' | 'answeredAt' | 'status'>): boolean =>
  t.kind === 'escalation' && t.priority === 'urgent' && t.status !== 'closed' && !t.answeredAt && !!t.identityId && !!familyChannel(t.channel)

/**
 * Closes a ticket. An urgent question the parent never got a staff answer on is closed only with a short `note`
 * (else 422, field `note`): the note joins the thread and reaches the parent in their channel with a plain lead-in
 * (it is finished, and how to write again); the history says 'closed' with the note's message id.
 */
export async function closeTicket(ctx: DomainContext, staff: StaffView, id: number, note?: string): Promise<TicketSummary> {
  const t = await ticketFor(ctx, staff, id, 'ticket.close')
  if (t.status === 'closed') return summary(t)
  const words = note?.trim() ?? ''
  const tellParent = closeNeedsNote(t)
  if (tellParent && !words) throw new AppError('validation_failed', 'note required', { fields: [{ path: 'note', message: 'staff:errors.closeNoteRequired' }] })
  if (words.length > 500) throw new AppError('validation_failed', 'too long', { fields: [{ path: 'note', message: 'staff:errors.tooLong' }] })
  const now = ctx.clock.now()
  const res = await ctx.db.repo(Ticket).update({ id, status: Not('closed') }, { status: 'closed', closedAt: now, updatedAt: now })
  if (res.affected !== 1) return summary(await loadTicket(ctx, id))
  if (t.needId) await ctx.db.repo(Need).update({ id: t.needId }, { status: 'closed' })
  const msg = words ? await ctx.db.repo(TicketMessage).save(ctx.db.repo(TicketMessage).create({ ticketId: id, familyId: t.familyId, author: 'staff', staffId: staff.id, text: words, createdAt: now })) : null
  await addEvent(ctx, id, staffActor(staff), 'closed', msg ? { messageId: msg.id } : null)
  await recordAudit(ctx, staff, { action: 'ticket.close', resourceType: 'ticket', resourceId: id, familyId: t.familyId })
  const channel = familyChannel(t.channel)
  if (msg && channel && t.identityId) {
    await enqueue(ctx, {
      channel,
      recipient: String(t.identityId),
      familyId: t.familyId,
      kind: 'ticket_closed',
      dedupeKey: `ticket:${id}:closed`,
      messageKey: tellParent ? 'staff:reply.closedUnanswered' : 'staff:reply.closedWithNote',
      params: { ticketId: id },
      plainText: words,
    })
  }
  return summary(await loadTicket(ctx, id))
}

/**
 * A department's answer to a referral: accepted, rejected (with a reason, told to the family),
 * done (closes it). The family hears of each change in its channel.
 */
export async function setReferralState(ctx: DomainContext, staff: StaffView, id: number, state: Exclude<ReferralState, 'sent'>, reason?: string): Promise<TicketSummary> {
  const t = await ticketFor(ctx, staff, id, 'referral.update')
  if (t.status === 'closed') throw new AppError('conflict', 'ticket closed')
  if (state === 'rejected' && !reason?.trim()) throw new AppError('validation_failed', 'reason required', { fields: [{ path: 'reason', message: 'staff:errors.reasonRequired' }] })
  const allowed: Record<string, string[]> = { sent: ['accepted', 'rejected', 'done'], accepted: ['done', 'rejected'], rejected: [], done: [] }
  if (!allowed[t.referralState ?? 'sent']?.includes(state)) throw new AppError('conflict', `cannot go from ${t.referralState} to ${state}`)
  const now = ctx.clock.now()
  // Conditional on the state read above, so two concurrent answers cannot both apply.
  const res = await ctx.db.repo(Ticket).update(
    { id, referralState: t.referralState ?? 'sent', status: Not('closed') },
    {
      referralState: state,
      referralReason: state === 'rejected' ? reason!.trim() : t.referralReason,
      status: state === 'done' ? 'closed' : 'answered',
      answeredAt: t.answeredAt ?? now,
      claimedBy: t.claimedBy ?? staff.id,
      closedAt: state === 'done' ? now : null,
      updatedAt: now,
    },
  )
  if (res.affected !== 1) throw new AppError('conflict', 'referral changed meanwhile')
  if (state === 'done' && t.needId) await ctx.db.repo(Need).update({ id: t.needId }, { status: 'closed' })
  await addEvent(ctx, id, staffActor(staff), `referral_${state}`, state === 'rejected' ? { reason: reason!.trim() } : null)
  await recordAudit(ctx, staff, { action: `referral.${state}`, resourceType: 'ticket', resourceId: id, familyId: t.familyId })
  const channel = familyChannel(t.channel)
  if (channel && t.identityId) {
    await enqueue(ctx, {
      channel,
      recipient: String(t.identityId),
      familyId: t.familyId,
      kind: 'referral_update',
      dedupeKey: `ticket:${id}:referral:${state}`,
      messageKey: `staff:referral.${state}`,
      params: { ticketId: id, department: t.departments.join('、') },
      plainText: state === 'rejected' ? reason!.trim() : undefined,
    })
  }
  return summary(await loadTicket(ctx, id))
}

/** The open question of a family (or of an identity without a family): its latest ticket not closed, escalations first. */
async function openQuestionOf(ctx: DomainContext, identityId: number, familyId: number | null, preferTicketId?: number): Promise<Ticket | null> {
  const where = familyId ? { familyId, status: Not('closed'), identityId: Not(IsNull()) } : { identityId, status: Not('closed') }
  const rows = await ctx.db.repo(Ticket).find({ where, order: { id: 'DESC' } })
  // the question the parent is answering (the chat knows which staff answer came last), when it is still open;
  // otherwise their open question to a person. A referral a department works on is joined only when named:
  // a parent writing to staff means their community staff, not a department they never wrote to.
  return rows.find((t) => t.id === preferTicketId) ?? rows.find((t) => t.kind === 'escalation') ?? null
}

export interface FamilyReplyOptions {
  /** Where a parent who has not registered lives: needed only when the words open a new question. */
  jurisdiction?: string
  /** The question the chat last showed a staff answer of: the words join it while it is open (a hint, never refused). */
  answering?: number
  /**
   * The question the client names (the API): it must be one of the family's own (of the identity's, before
   * registration), else `not_found`, nothing recorded; if it was closed, the words go as without it.
   */
  ticketId?: number
}

/**
 * The parent answers back: the words join the family's open question and it waits for staff
 * again. With no open question, the words open a new escalation (the parent is writing to a person).
 */
export async function replyFromFamily(ctx: DomainContext, identityId: number, text: string, opts: FamilyReplyOptions = {}): Promise<{ ticketId: number; opened: boolean }> {
  const body = text.trim()
  if (!body) throw new AppError('validation_failed', 'empty message', { fields: [{ path: 'text', message: 'validation.required' }] })
  const identity = await ctx.db.repo(Identity).findOneBy({ id: identityId })
  if (!identity) throw new AppError('not_found', 'identity not found')
  if (opts.ticketId !== undefined) {
    const named = await ctx.db.repo(Ticket).findOneBy({ id: opts.ticketId })
    const own = !!named && (identity.familyId ? named.familyId === identity.familyId : named.identityId === identityId)
    if (!own) throw new AppError('not_found', 'ticket not found')
  }
  const open = await openQuestionOf(ctx, identityId, identity.familyId, opts.ticketId ?? opts.answering)
  const now = ctx.clock.now()
  if (!open) {
    const place = await placeOfFamily(ctx, identity.familyId, opts.jurisdiction)
    const t = await openTicket(ctx, { kind: 'escalation', priority: 'normal', identityId, channel: identity.channel, familyId: identity.familyId, service: 'none', departments: [], place, text: body, reason: 'family_message' })
    return { ticketId: t.id, opened: true }
  }
  await ctx.db.repo(TicketMessage).insert({ ticketId: open.id, familyId: open.familyId, author: 'family', staffId: null, text: body, createdAt: now })
  const status = open.status === 'answered' ? (open.claimedBy ? 'claimed' : 'new') : open.status
  await ctx.db.repo(Ticket).update({ id: open.id }, { status, waitingSince: open.status === 'answered' ? now : open.waitingSince, identityId, channel: identity.channel, updatedAt: now }) // answers go to where the parent wrote last
  await addEvent(ctx, open.id, 'family', 'family_replied')
  await enqueue(ctx, {
    channel: 'staff_room',
    recipient: roomKeyFor(ctx, open, open.kind === 'referral' ? open.departments[0] : null),
    familyId: open.familyId,
    kind: 'family_reply',
    messageKey: 'staff:room.familyReply',
    params: { ticketId: open.id },
    plainText: body,
  })
  return { ticketId: open.id, opened: false }
}

/**
 * A parent's new URGENT message while their urgent question is still open (QA round 4, finding 5): it joins
 * that question instead of opening another one city-wide: the words go to its thread, it waits for staff again,
 * it is posted again to the staff room as urgent (whoever claimed it reads it there, as a family reply). The
 * question is the family's (or, before registration, the identity's) latest open urgent question (see
 * `openUrgentQuestionOf`: transferred ones too); null when none. With `urgent: false` (QA round 5, finding 2: a
 * follow-up such as "请问有消息了吗" or the child's clothes) the words join it as a family reply.
 */
export async function joinOpenUrgentQuestion(ctx: DomainContext, input: { identityId: number; familyId: number | null; channel: string | null; text: string; urgent?: boolean }): Promise<TicketSummary | null> {
  const urgent = input.urgent ?? true
  const open = await openUrgentQuestionOf(ctx, input.identityId, input.familyId)
  if (!open) return null
  const now = ctx.clock.now()
  await ctx.db.repo(TicketMessage).insert({ ticketId: open.id, familyId: open.familyId, author: 'family', staffId: null, text: input.text, createdAt: now })
  const status = open.status === 'answered' ? (open.claimedBy ? 'claimed' : 'new') : open.status
  await ctx.db.repo(Ticket).update({ id: open.id }, { status, waitingSince: open.status === 'answered' ? now : open.waitingSince, identityId: input.identityId, channel: input.channel ?? open.channel, updatedAt: now })
  await addEvent(ctx, open.id, 'family', 'family_replied', urgent ? { urgent: true } : null)
  // a question transferred to a department is that department's: its room hears of it
  const department = open.kind === 'referral' ? open.departments[0] : null
  await enqueue(ctx, {
    channel: 'staff_room',
    recipient: roomKeyFor(ctx, open, department),
    familyId: open.familyId,
    kind: urgent ? 'escalation' : 'family_reply',
    messageKey: urgent ? 'staff:room.urgentAgain' : 'staff:room.familyReply',
    params: urgent ? { ticketId: open.id, priority: 'urgent', service: open.service, community: open.community ?? '', ...placeContext(open) } : { ticketId: open.id },
    plainText: input.text,
  })
  if (urgent) ctx.events.emit('escalation', { ticketId: open.id, priority: 'urgent' })
  ctx.log.info({ ticketId: open.id, urgent }, 'message joined an open urgent question')
  return summary(await loadTicket(ctx, open.id))
}

/**
 * The family's (or, before registration, the identity's) latest open URGENT question: an urgent escalation, or
 * one transferred to a department (an urgent referral: QA round 5, finding 3: the department on the way gets the
 * parent's next words, no new city-wide question). Null when none.
 */
export async function openUrgentQuestionOf(ctx: DomainContext, identityId: number, familyId: number | null): Promise<Ticket | null> {
  const where = familyId
    ? { familyId, identityId: Not(IsNull()), kind: In(['escalation', 'referral']), priority: 'urgent', status: Not('closed') }
    : { identityId, kind: In(['escalation', 'referral']), priority: 'urgent', status: Not('closed') }
  return ctx.db.repo(Ticket).findOne({ where, order: { id: 'DESC' } })
}

/**
 * The parent finished registering (QA round 4, finding 7): their open questions opened before (identity only,
 * no family) now belong to the family and its place (jurisdiction, street, community), and each escalation's
 * owner is resolved again (the community's director gets it; the history says so: 'placed'). Whoever claimed it
 * keeps it. Called by the registry when a profile is saved. Returns the ids of the questions attached.
 */
export async function attachOpenQuestionsToFamily(ctx: DomainContext, identityId: number, familyId: number): Promise<number[]> {
  const open = await ctx.db.repo(Ticket).find({ where: { identityId, familyId: IsNull(), status: Not('closed') }, order: { id: 'ASC' } })
  if (!open.length) return []
  const place = await placeOfFamily(ctx, familyId)
  const now = ctx.clock.now()
  for (const t of open) {
    const owner = t.kind === 'escalation' ? await resolveOwner(ctx, place) : null
    const res = await ctx.db.repo(Ticket).update(
      { id: t.id, familyId: IsNull() },
      { familyId, jurisdiction: place.jurisdiction, street: place.street, community: place.community, ...(owner ? { ownerStaffId: owner.staff?.id ?? null } : {}), updatedAt: now },
    )
    if (res.affected !== 1) continue
    await ctx.db.repo(TicketMessage).update({ ticketId: t.id, familyId: IsNull() }, { familyId })
    const where = [place.street, place.community].filter((x): x is string => !!x?.trim()).join(' ')
    await addEvent(ctx, t.id, 'system', 'placed', { familyId, to: where || place.jurisdiction, ...(owner ? { assignedVia: owner.via, ownerStaffId: owner.staff?.id ?? null } : {}) })
  }
  ctx.log.info({ familyId, tickets: open.map((t) => t.id) }, 'open questions attached to the registered family')
  return open.map((t) => t.id)
}

/** A family's place (jurisdiction, street, community) from the registry's record. */
export async function placeOfFamily(ctx: DomainContext, familyId: number | null, fallbackJurisdiction?: string): Promise<Place> {
  if (familyId) {
    const f = await ctx.db.repo(Family).findOneBy({ id: familyId })
    if (f) return { jurisdiction: f.jurisdictionId, street: f.street, community: f.community }
  }
  if (!fallbackJurisdiction) throw new AppError('validation_failed', 'jurisdiction unknown', { fields: [{ path: 'jurisdiction', message: 'validation.jurisdiction' }] })
  return { jurisdiction: fallbackJurisdiction, street: null, community: null }
}

export interface FamilyMessage {
  ticketId: number
  from: 'family' | 'staff'
  text: string
  at: string
}

/** The family's threads with staff, oldest first (the parent's own view: /me/messages, the bot). */
export async function messagesForIdentity(ctx: DomainContext, identityId: number): Promise<{ openTicketId: number | null; messages: FamilyMessage[] }> {
  const identity = await ctx.db.repo(Identity).findOneBy({ id: identityId })
  if (!identity) throw new AppError('not_found', 'identity not found')
  // Cases staff opened themselves (a red risk level) have no family identity: their notes are not the family's to read.
  const tickets = (await ctx.db.repo(Ticket).find({ where: identity.familyId ? { familyId: identity.familyId } : { identityId }, order: { id: 'ASC' } })).filter((t) => t.identityId !== null)
  if (!tickets.length) return { openTicketId: null, messages: [] }
  const msgs = await ctx.db.repo(TicketMessage).find({ where: { ticketId: In(tickets.map((t) => t.id)) }, order: { id: 'ASC' } })
  const open = await openQuestionOf(ctx, identityId, identity.familyId)
  return { openTicketId: open?.id ?? null, messages: msgs.map((m) => ({ ticketId: m.ticketId, from: m.author as 'family' | 'staff', text: m.text, at: m.createdAt.toISOString() })) }
}

/** Tickets whose service level is missed and not yet raised (for the service-level job). */
export async function ticketsAwaitingStaff(ctx: DomainContext): Promise<Ticket[]> {
  return ctx.db.repo(Ticket).find({ where: { status: In(['new', 'claimed', 'transferred']), raisedAt: IsNull() }, order: { id: 'ASC' } })
}

/**
 * Raises a ticket to the supervisor once (conditional update on raised_at IS NULL, so two
 * instances cannot both raise it) and re-announces it in the staff room. Returns whether it was raised here.
 */
export async function raiseTicket(ctx: DomainContext, t: Ticket, why: string): Promise<boolean> {
  const sup = await supervisorFor(ctx, { jurisdiction: t.jurisdiction, street: t.street, community: t.community })
  const now = ctx.clock.now()
  const res = await ctx.db.repo(Ticket)
    .createQueryBuilder()
    .update(Ticket)
    .set({ raisedAt: now, raisedTo: sup?.id ?? null, updatedAt: now })
    .where('id = :id AND raised_at IS NULL', { id: t.id })
    .execute()
  if (res.affected !== 1) return false
  await addEvent(ctx, t.id, 'system', 'raised', { to: sup?.id ?? null, why })
  const room = roomKeyFor(ctx, t, t.kind === 'referral' ? t.departments[0] : null)
  await enqueue(ctx, {
    channel: 'staff_room',
    recipient: room,
    familyId: t.familyId,
    kind: 'sla_breach',
    dedupeKey: `ticket:${t.id}:sla`,
    messageKey: 'staff:room.slaMissed',
    params: { ticketId: t.id, priority: t.priority, service: t.service, supervisor: sup?.username ?? '' },
  })
  ctx.events.emit('ticket_raised', { ticketId: t.id })
  return true
}
