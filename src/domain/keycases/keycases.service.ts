/**
 * Key-case follow-up for staff (重点关爱服务对象, 一人一档). The registry opens key cases with the
 * jurisdiction's contact/visit cadence; here staff list what is due, record each contact or home
 * visit (which moves the next due date one cadence on, through the registry's
 * `recordKeyCaseFollowUp`), and grade the psychological risk (green, yellow, orange, red, as Inner
 * Mongolia's plan grades it) with its history. Red is handled like an urgent escalation.
 */
import { In } from 'typeorm'
import { KeyCase, KeyCaseContact, KeyCaseRisk } from '../../db/entities'
import { AppError } from '../../shared/errors'
import { addDays, isIsoDate, localDate } from '../../shared/dates'
import { authorize, can, type Resource } from '../policies/policies'
import { recordAudit } from '../audit/audit.service'
import { getKeyCase, keyCaseView, listKeyCases, updateKeyCaseDue, RISK_LEVELS, type KeyCaseView, type RiskLevel } from '../registry/key-cases'
import { familyDataErasers, familyDataExporters } from '../registry/family-data'
import { placeKey } from '../registry/places'
import { openTicket } from '../tickets/tickets.service'
import type { StaffView } from '../staff/staff.service'
import type { DomainContext } from '../context'

export { RISK_LEVELS, type RiskLevel }

/** Days ahead a follow-up counts as "due" (this week); later ones are "upcoming". */
export const DUE_WINDOW_DAYS = 7

export type DueFilter = 'overdue' | 'due' | 'upcoming'

export interface KeyCaseItem extends KeyCaseView {
  /** The earliest of the next contact and next visit dates. */
  nextDue: string | null
  /** What is due next: 'contact' or 'visit'. */
  nextDueKind: 'contact' | 'visit' | null
  dueState: DueFilter | null
}

export const keyCaseResource = (k: Pick<KeyCaseView, 'jurisdictionId' | 'street' | 'community'>): Resource => ({ type: 'key_case', jurisdiction: k.jurisdictionId, street: k.street, community: k.community })

function withDue(k: KeyCaseView, today: string): KeyCaseItem {
  const dates: Array<[string, 'contact' | 'visit']> = []
  if (k.nextContactDue) dates.push([k.nextContactDue, 'contact'])
  if (k.nextVisitDue) dates.push([k.nextVisitDue, 'visit'])
  dates.sort((a, b) => a[0].localeCompare(b[0]) || (a[1] === 'visit' ? -1 : 1))
  const first = dates[0]
  const nextDue = first?.[0] ?? null
  const dueState: DueFilter | null = !nextDue ? null : nextDue < today ? 'overdue' : nextDue <= addDays(today, DUE_WINDOW_DAYS) ? 'due' : 'upcoming'
  return { ...k, nextDue, nextDueKind: first?.[1] ?? null, dueState }
}

/**
 * A LIKE pattern every spelling the policy takes for `name` matches (placeKey: spaces and one
 * administrative suffix dropped): its key's characters in order, anything between and around them.
 * A LIKE wildcard or escape character in the name stands for any one character. Null when empty.
 */
function looseLike(name: string): string | null {
  const key = placeKey(name)
  if (!key) return null
  return `%${[...key].map((c) => (c === '%' || c === '_' || c === '\\' ? '_' : c)).join('%')}%`
}

/**
 * A community's or street's cases in a big jurisdiction: the places of the jurisdiction's matching cases
 * are read first (four columns, no entities), the policy picks this staff member's, and only those
 * cases are read in full. Same result as reading them all and filtering; a fraction of the rows.
 */
async function casesInPlaces(ctx: DomainContext, staff: StaffView, filter: { jurisdictionId?: string; dueBy?: string }): Promise<KeyCaseView[]> {
  const qb = ctx.db.repo(KeyCase).createQueryBuilder('k').select(['k.id AS id', 'k.jurisdiction_id AS jurisdiction', 'k.street AS street', 'k.community AS community'])
  qb.where('k.status = :status', { status: 'open' })
  if (filter.jurisdictionId) qb.andWhere('k.jurisdiction_id = :j', { j: filter.jurisdictionId })
  if (filter.dueBy) qb.andWhere('(k.next_contact_due <= :d OR k.next_visit_due <= :d)', { d: filter.dueBy })
  // Only rows whose place could be this staff member's leave the database (the policy still decides):
  // read from the covering index ix_key_case_place_names, a big city's other communities stay there.
  const own = [...staff.communities.map((c) => ['community', c] as const), ...(staff.role === 'supervisor' && staff.street ? [['street', staff.street] as const] : [])]
  const likes = own.map(([column, name], i) => ({ sql: `k.${column} LIKE :place${i}`, pattern: looseLike(name), i })).filter((l) => l.pattern)
  if (likes.length) qb.andWhere(`(${likes.map((l) => l.sql).join(' OR ')})`, Object.fromEntries(likes.map((l) => [`place${l.i}`, l.pattern])))
  const places = await qb.getRawMany<{ id: number | string; jurisdiction: string; street: string | null; community: string | null }>()
  const ids = places.filter((p) => can(staff, 'key_case.read', { type: 'key_case', jurisdiction: p.jurisdiction, street: p.street, community: p.community })).map((p) => Number(p.id))
  const rows: KeyCaseView[] = []
  for (let i = 0; i < ids.length; i += 500) rows.push(...(await ctx.db.repo(KeyCase).findBy({ id: In(ids.slice(i, i + 500)), status: 'open' })).map(keyCaseView))
  return rows
}

/** Open key cases this staff member follows, filtered by due state, earliest due first. */
export async function listKeyCasesFor(ctx: DomainContext, staff: StaffView, due?: DueFilter): Promise<KeyCaseItem[]> {
  const today = localDate(ctx.clock.now())
  // Overdue: the earliest due date is before today; due: on or before the end of the window. Asking the
  // database for exactly those dates (an index range) keeps a big jurisdiction's other cases out of memory.
  const dueBy = due === 'overdue' ? addDays(today, -1) : due === 'due' ? addDays(today, DUE_WINDOW_DAYS) : undefined
  const filter = { ...(staff.role === 'admin' || !staff.jurisdiction ? {} : { jurisdictionId: staff.jurisdiction }), ...(dueBy ? { dueBy } : {}) }
  const rows = staff.role === 'child-director' || staff.role === 'supervisor' ? await casesInPlaces(ctx, staff, filter) : await listKeyCases(ctx, filter)
  const items = rows
    .filter((k) => can(staff, 'key_case.read', keyCaseResource(k)))
    .map((k) => withDue(k, today))
    .filter((k) => !due || k.dueState === due)
    .sort((a, b) => (a.nextDue ?? '9999').localeCompare(b.nextDue ?? '9999') || a.id - b.id)
  await recordAudit(ctx, staff, { action: 'key_case.list', resourceType: 'key_case', detail: { due: due ?? 'all', count: items.length } })
  return items
}

export interface ContactView {
  id: number
  kind: 'contact' | 'visit'
  on: string
  notes: string
  nextStep: string | null
  staffId: number
  createdAt: string
}

export interface RiskView {
  level: RiskLevel
  note: string
  staffId: number
  at: string
}

export interface KeyCaseDetail extends KeyCaseItem {
  contacts: ContactView[]
  risks: RiskView[]
}

async function caseFor(ctx: DomainContext, staff: StaffView, id: number, action: 'key_case.read' | 'key_case.record'): Promise<KeyCaseView> {
  const k = await getKeyCase(ctx, id)
  authorize(staff, action, keyCaseResource(k))
  return k
}

/** One key case with its contacts and risk history (audited read). */
export async function getKeyCaseDetail(ctx: DomainContext, staff: StaffView, id: number): Promise<KeyCaseDetail> {
  const k = await caseFor(ctx, staff, id, 'key_case.read')
  await recordAudit(ctx, staff, { action: 'key_case.read', resourceType: 'key_case', resourceId: id, familyId: k.familyId })
  const [contacts, risks] = await Promise.all([
    ctx.db.repo(KeyCaseContact).find({ where: { keyCaseId: id }, order: { on: 'DESC', id: 'DESC' } }),
    ctx.db.repo(KeyCaseRisk).find({ where: { keyCaseId: id }, order: { id: 'DESC' } }),
  ])
  return {
    ...withDue(k, localDate(ctx.clock.now())),
    contacts: contacts.map((c) => ({ id: c.id, kind: c.kind as 'contact' | 'visit', on: c.on, notes: c.notes, nextStep: c.nextStep, staffId: c.staffId, createdAt: c.createdAt.toISOString() })),
    risks: risks.map((r) => ({ level: r.level as RiskLevel, note: r.note, staffId: r.staffId, at: r.createdAt.toISOString() })),
  }
}

export interface ContactInput {
  kind: 'contact' | 'visit'
  /** YYYY-MM-DD, not in the future. */
  on: string
  notes: string
  nextStep?: string
}

/** Records a contact or home visit; the next due date moves one cadence on from its date. */
export async function recordContact(ctx: DomainContext, staff: StaffView, id: number, input: ContactInput): Promise<KeyCaseItem> {
  const k = await caseFor(ctx, staff, id, 'key_case.record')
  const today = localDate(ctx.clock.now())
  if (!isIsoDate(input.on)) throw new AppError('validation_failed', 'bad date', { fields: [{ path: 'on', message: 'validation.date' }] })
  if (input.on > today) throw new AppError('validation_failed', 'date in the future', { fields: [{ path: 'on', message: 'staff:errors.futureDate' }] })
  if (!input.notes.trim()) throw new AppError('validation_failed', 'notes required', { fields: [{ path: 'notes', message: 'validation.required' }] })
  if (k.status !== 'open') throw new AppError('conflict', 'key case closed')
  await ctx.db.repo(KeyCaseContact).insert({
    keyCaseId: id,
    familyId: k.familyId,
    kind: input.kind,
    on: input.on,
    notes: input.notes.trim(),
    nextStep: input.nextStep?.trim() || null,
    staffId: staff.id,
    createdAt: ctx.clock.now(),
  })
  // Due dates move on from the latest follow-up (a home visit is also a contact), not from an
  // older one recorded late.
  const [lastAny] = await ctx.db.repo(KeyCaseContact).find({ where: { keyCaseId: id, kind: In(['contact', 'visit']) }, order: { on: 'DESC' }, take: 1 })
  const [lastVisit] = await ctx.db.repo(KeyCaseContact).find({ where: { keyCaseId: id, kind: 'visit' }, order: { on: 'DESC' }, take: 1 })
  const patch: { nextContactDue?: string; nextVisitDue?: string } = {}
  if (k.contactEveryDays && lastAny) patch.nextContactDue = addDays(lastAny.on, k.contactEveryDays)
  if (k.visitEveryDays && lastVisit) patch.nextVisitDue = addDays(lastVisit.on, k.visitEveryDays)
  const updated = await updateKeyCaseDue(ctx, id, patch)
  await recordAudit(ctx, staff, { action: `key_case.${input.kind}`, resourceType: 'key_case', resourceId: id, familyId: k.familyId })
  return withDue(updated, today)
}

/** Sets the psychological-risk level (with a note). Red opens an urgent escalation at once. */
export async function setRiskLevel(ctx: DomainContext, staff: StaffView, id: number, level: RiskLevel, note: string): Promise<{ keyCase: KeyCaseItem; escalationId: number | null }> {
  if (!RISK_LEVELS.includes(level)) throw new AppError('validation_failed', 'bad level', { fields: [{ path: 'level', message: 'staff:errors.riskLevel' }] })
  if (!note.trim()) throw new AppError('validation_failed', 'note required', { fields: [{ path: 'note', message: 'validation.required' }] })
  const k = await caseFor(ctx, staff, id, 'key_case.record')
  await ctx.db.repo(KeyCaseRisk).insert({ keyCaseId: id, familyId: k.familyId, level, note: note.trim(), staffId: staff.id, createdAt: ctx.clock.now() })
  const updated = await updateKeyCaseDue(ctx, id, { riskLevel: level })
  await recordAudit(ctx, staff, { action: 'key_case.risk', resourceType: 'key_case', resourceId: id, familyId: k.familyId, detail: { level } })
  let escalationId: number | null = null
  if (level === 'red' && k.riskLevel !== 'red') {
    const t = await openTicket(ctx, {
      kind: 'escalation',
      priority: 'urgent',
      identityId: null,
      channel: null,
      familyId: k.familyId,
      childId: k.childId,
      service: 'mental_health',
      departments: [],
      place: { jurisdiction: k.jurisdictionId, street: k.street, community: k.community },
      reason: 'risk',
      actor: `staff:${staff.username}`,
    })
    escalationId = t.id
  }
  return { keyCase: withDue(updated, localDate(ctx.clock.now())), escalationId }
}

/** Cases with a follow-up due (overdue or within the week) for one child director (the daily digest). */
export async function dueForDirector(ctx: DomainContext, staff: StaffView, dueOfJurisdiction?: Map<string, Promise<KeyCaseView[]>>): Promise<KeyCaseItem[]> {
  const today = localDate(ctx.clock.now())
  // Only cases due today or earlier (the filter below keeps exactly those). The digest passes a map so
  // each jurisdiction's due cases are read once for all its directors, not once per director.
  const key = staff.jurisdiction ?? ''
  let read = dueOfJurisdiction?.get(key)
  if (!read) {
    read = listKeyCases(ctx, { ...(staff.jurisdiction ? { jurisdictionId: staff.jurisdiction } : {}), dueBy: today })
    dueOfJurisdiction?.set(key, read)
  }
  const rows = await read
  return rows
    .filter((k) => can(staff, 'key_case.read', keyCaseResource(k)))
    .map((k) => withDue(k, today))
    .filter((k) => k.dueState === 'overdue' || (k.nextDue !== null && k.nextDue <= today))
}

familyDataErasers.push(async (ctx, familyId) => {
  await ctx.db.repo(KeyCaseContact).delete({ familyId })
  await ctx.db.repo(KeyCaseRisk).delete({ familyId })
})
familyDataExporters.push(async (ctx, familyId) => {
  const contacts = await ctx.db.repo(KeyCaseContact).find({ where: { familyId }, order: { id: 'ASC' } })
  return { keyCaseContacts: contacts.map((c) => ({ keyCaseId: c.keyCaseId, kind: c.kind, on: c.on, nextStep: c.nextStep })) }
})
