/**
 * Key cases (重点关爱服务对象, 一人一档): a child with any situation the plans name is followed up by
 * the child director of the family's community, with the contact and home-visit cadence of the
 * jurisdiction's plan (`keyCaseCadence` in its content file). The first contact and visit are due one
 * cadence after the case opens. The staff console records contacts and risk in its own tables and
 * moves the due dates with `recordKeyCaseFollowUp` / `updateKeyCaseDue`.
 */
import type { EntityManager } from 'typeorm'
import { In } from 'typeorm'
import { Child, Family, KeyCase } from '../../db/entities'
import { getJurisdiction, hasJurisdiction } from '../../content'
import { addDays, localDate } from '../../shared/dates'
import { AppError } from '../../shared/errors'
import type { DomainContext } from '../context'

export const RISK_LEVELS = ['green', 'yellow', 'orange', 'red'] as const
export type RiskLevel = (typeof RISK_LEVELS)[number]

export interface KeyCaseView {
  id: number
  childId: number
  familyId: number
  jurisdictionId: string
  district: string | null
  street: string | null
  community: string | null
  reasons: string[]
  contactEveryDays: number | null
  visitEveryDays: number | null
  nextContactDue: string | null
  nextVisitDue: string | null
  riskLevel: RiskLevel
  status: 'open' | 'closed'
  openedAt: string
  closedAt: string | null
}

export const keyCaseView = (k: KeyCase): KeyCaseView => ({
  id: k.id,
  childId: k.childId,
  familyId: k.familyId,
  jurisdictionId: k.jurisdictionId,
  district: k.district,
  street: k.street,
  community: k.community,
  reasons: k.reasons,
  contactEveryDays: k.contactEveryDays,
  visitEveryDays: k.visitEveryDays,
  nextContactDue: k.nextContactDue,
  nextVisitDue: k.nextVisitDue,
  riskLevel: k.riskLevel as RiskLevel,
  status: k.status as 'open' | 'closed',
  openedAt: k.openedAt.toISOString(),
  closedAt: k.closedAt ? k.closedAt.toISOString() : null,
})

/** Contact and visit cadence (days) of a jurisdiction's plan; nulls where the plan sets none. */
export function cadenceOf(jurisdictionId: string): { contactEveryDays: number | null; visitEveryDays: number | null } {
  if (!hasJurisdiction(jurisdictionId)) return { contactEveryDays: null, visitEveryDays: null }
  const c = getJurisdiction(jurisdictionId).keyCaseCadence
  return { contactEveryDays: c.contactEveryDays ?? null, visitEveryDays: c.visitEveryDays ?? null }
}

/**
 * Opens, updates or closes the key case of a child so that it matches the child's situations and the
 * family's place. Runs inside the caller's transaction.
 */
export async function syncKeyCase(m: EntityManager, now: Date, family: Family, child: Child): Promise<void> {
  const repo = m.getRepository(KeyCase)
  const open = await repo.findOneBy({ childId: child.id, status: 'open' })
  const wanted = child.situations.length > 0 && !child.archivedAt && !!family.consentVersion
  if (!wanted) {
    if (open) await repo.update({ id: open.id }, { status: 'closed', closedAt: now })
    return
  }
  const place = { jurisdictionId: family.jurisdictionId, district: family.district, street: family.street, community: family.community }
  const today = localDate(now)
  if (open) {
    const patch: Partial<KeyCase> = { ...place, reasons: child.situations }
    if (open.jurisdictionId !== family.jurisdictionId) {
      const c = cadenceOf(family.jurisdictionId)
      Object.assign(patch, c, {
        nextContactDue: c.contactEveryDays ? addDays(today, c.contactEveryDays) : null,
        nextVisitDue: c.visitEveryDays ? addDays(today, c.visitEveryDays) : null,
      })
    }
    await repo.update({ id: open.id }, patch)
    return
  }
  const c = cadenceOf(family.jurisdictionId)
  await repo.insert({
    childId: child.id,
    familyId: family.id,
    ...place,
    reasons: child.situations,
    ...c,
    nextContactDue: c.contactEveryDays ? addDays(today, c.contactEveryDays) : null,
    nextVisitDue: c.visitEveryDays ? addDays(today, c.visitEveryDays) : null,
    riskLevel: 'green',
    status: 'open',
    openedAt: now,
    closedAt: null,
  })
}

export async function getKeyCase(ctx: DomainContext, id: number): Promise<KeyCaseView> {
  const k = await ctx.db.repo(KeyCase).findOneBy({ id })
  if (!k) throw new AppError('not_found', 'key case not found')
  return keyCaseView(k)
}

export interface KeyCaseFilter {
  jurisdictionId?: string
  community?: string
  status?: 'open' | 'closed'
  /** Only cases with a contact or visit due on or before this date (YYYY-MM-DD). */
  dueBy?: string
}

/** Key cases for the staff console, the most urgent due date first. */
export async function listKeyCases(ctx: DomainContext, filter: KeyCaseFilter = {}): Promise<KeyCaseView[]> {
  const qb = ctx.db.repo(KeyCase).createQueryBuilder('k')
  qb.where('k.status = :status', { status: filter.status ?? 'open' })
  if (filter.jurisdictionId) qb.andWhere('k.jurisdiction_id = :j', { j: filter.jurisdictionId })
  if (filter.community) qb.andWhere('k.community = :c', { c: filter.community })
  if (filter.dueBy) qb.andWhere('(k.next_contact_due <= :d OR k.next_visit_due <= :d)', { d: filter.dueBy })
  const rows = await qb.orderBy('k.next_contact_due', 'ASC').addOrderBy('k.id', 'ASC').getMany()
  return rows.map(keyCaseView)
}

/** Key cases of one family (export, the family's own view). */
export async function keyCasesOfFamily(ctx: DomainContext, familyId: number): Promise<KeyCaseView[]> {
  return (await ctx.db.repo(KeyCase).find({ where: { familyId }, order: { id: 'ASC' } })).map(keyCaseView)
}

/** Sets due dates, risk level or status of a key case directly (staff console). */
export async function updateKeyCaseDue(
  ctx: DomainContext,
  id: number,
  patch: { nextContactDue?: string | null; nextVisitDue?: string | null; riskLevel?: RiskLevel; status?: 'open' | 'closed' },
): Promise<KeyCaseView> {
  const k = await ctx.db.repo(KeyCase).findOneBy({ id })
  if (!k) throw new AppError('not_found', 'key case not found')
  const update: Partial<KeyCase> = {}
  if (patch.nextContactDue !== undefined) update.nextContactDue = patch.nextContactDue
  if (patch.nextVisitDue !== undefined) update.nextVisitDue = patch.nextVisitDue
  if (patch.riskLevel) update.riskLevel = patch.riskLevel
  if (patch.status) {
    update.status = patch.status
    update.closedAt = patch.status === 'closed' ? ctx.clock.now() : null
  }
  if (Object.keys(update).length) await ctx.db.repo(KeyCase).update({ id }, update)
  return getKeyCase(ctx, id)
}

/**
 * Records that the child director contacted ('contact') or visited ('visit') the case on `on`
 * (YYYY-MM-DD, default today): the next due date moves one cadence on from then. A home visit is
 * also a contact.
 */
export async function recordKeyCaseFollowUp(ctx: DomainContext, id: number, kind: 'contact' | 'visit', on?: string): Promise<KeyCaseView> {
  const k = await ctx.db.repo(KeyCase).findOneBy({ id })
  if (!k) throw new AppError('not_found', 'key case not found')
  const day = on ?? localDate(ctx.clock.now())
  const update: Partial<KeyCase> = {}
  if (k.contactEveryDays) update.nextContactDue = addDays(day, k.contactEveryDays)
  if (kind === 'visit' && k.visitEveryDays) update.nextVisitDue = addDays(day, k.visitEveryDays)
  if (Object.keys(update).length) await ctx.db.repo(KeyCase).update({ id }, update)
  return getKeyCase(ctx, id)
}

/** Closes the open cases of the given children (archiving). */
export async function closeKeyCasesOf(m: EntityManager, now: Date, childIds: number[]): Promise<void> {
  if (!childIds.length) return
  await m.getRepository(KeyCase).update({ childId: In(childIds), status: 'open' }, { status: 'closed', closedAt: now })
}
