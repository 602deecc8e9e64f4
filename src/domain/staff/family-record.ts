/**
 * A family's and children's record as staff see it: identity numbers masked, every read
 * audited. Unmasking an identity number is allowed only to department staff for the family of a
 * referral routed to them (the policy module decides), and that read is logged too.
 */
import { In, IsNull, Not } from 'typeorm'
import { Child, Family, Guardian, KeyCase, Ticket } from '../../db/entities'
import { samePlace } from '../registry/places'
import { AppError } from '../../shared/errors'
import { authorize, can, type Resource } from '../policies/policies'
import { recordAudit } from '../audit/audit.service'
import { decryptIdNumber, maskIdNumber } from '../registry/id-number'
import { keyCasesOfFamily, type KeyCaseView } from '../registry/key-cases'
import type { StaffView } from './staff.service'
import type { DomainContext } from '../context'

export interface StaffFamilyRecord {
  id: number
  jurisdiction: string
  district: string | null
  street: string | null
  community: string | null
  movedInOn: string
  residencePermit: boolean
  hukou: { province: string; city: string; county: string }
  lastConfirmedAt: string | null
  guardians: Array<{ id: number; name: string; relation: string; mobile: string | null }>
  children: Array<{ id: number; name: string; sex: string; birthDate: string; schoolStage: string; idNumber: string | null; situations: string[]; disabilityCertified: boolean }>
  keyCases: KeyCaseView[]
  tickets: Array<{ id: number; kind: string; status: string; referralState: string | null; service: string; departments: string[] }>
}

/** The claimers of a family's open escalations (policies: they may read the family's record). */
const claimersOf = (open: Ticket[]) => open.filter((t) => t.kind === 'escalation' && t.claimedBy !== null).map((t) => t.claimedBy!)

async function familyResource(ctx: DomainContext, f: Family): Promise<Resource> {
  const open = await ctx.db.repo(Ticket).find({ where: { familyId: f.id, status: Not('closed') } })
  return { type: 'family', jurisdiction: f.jurisdictionId, street: f.street, community: f.community, referralDepartments: open.filter((t) => t.kind === 'referral').flatMap((r) => r.departments), claimedBy: claimersOf(open) }
}

/** Whether this staff member may open the family's record (the console shows a link only then). */
export async function mayReadFamily(ctx: DomainContext, staff: StaffView, familyId: number): Promise<boolean> {
  const f = await ctx.db.repo(Family).findOneBy({ id: familyId })
  return !!f && can(staff, 'family.read', await familyResource(ctx, f))
}

async function loadFamily(ctx: DomainContext, id: number): Promise<Family> {
  const f = await ctx.db.repo(Family).findOneBy({ id })
  if (!f) throw new AppError('not_found', 'family not found')
  return f
}

/** The record of one family (masked), for staff whose area it is; the read is audited. */
export async function readFamilyRecord(ctx: DomainContext, staff: StaffView, familyId: number): Promise<StaffFamilyRecord> {
  const f = await loadFamily(ctx, familyId)
  authorize(staff, 'family.read', await familyResource(ctx, f))
  const [guardians, children, keyCases, tickets] = await Promise.all([
    ctx.db.repo(Guardian).find({ where: { familyId }, order: { id: 'ASC' } }),
    ctx.db.repo(Child).find({ where: { familyId }, order: { id: 'ASC' } }),
    keyCasesOfFamily(ctx, familyId),
    ctx.db.repo(Ticket).find({ where: { familyId }, order: { id: 'ASC' } }),
  ])
  await recordAudit(ctx, staff, { action: 'family.read', resourceType: 'family', resourceId: familyId, familyId, detail: { children: children.map((c) => c.id) } })
  return {
    id: f.id,
    jurisdiction: f.jurisdictionId,
    district: f.district,
    street: f.street,
    community: f.community,
    movedInOn: f.movedInOn,
    residencePermit: f.residencePermit,
    hukou: { province: f.hukouProvince, city: f.hukouCity, county: f.hukouCounty },
    lastConfirmedAt: f.lastConfirmedAt ? f.lastConfirmedAt.toISOString() : null,
    guardians: guardians.map((g) => ({ id: g.id, name: g.name, relation: g.relation, mobile: g.mobile })),
    children: children.map((c) => ({
      id: c.id,
      name: c.name,
      sex: c.sex,
      birthDate: c.birthDate,
      schoolStage: c.schoolStage,
      idNumber: c.idNumberEnc ? maskIdNumber(decryptIdNumber(ctx.dataKey, c.idNumberEnc)) : null,
      situations: c.situations,
      disabilityCertified: c.disabilityCertified,
    })),
    keyCases,
    tickets: tickets.map((t) => ({ id: t.id, kind: t.kind, status: t.status, referralState: t.referralState, service: t.service, departments: t.departments })),
  }
}

/** A child's identity number in full, for department staff handling a referral of that family; logged. */
export async function revealIdNumber(ctx: DomainContext, staff: StaffView, childId: number): Promise<{ childId: number; idNumber: string | null }> {
  const c = await ctx.db.repo(Child).findOneBy({ id: childId })
  if (!c) throw new AppError('not_found', 'child not found')
  const f = await loadFamily(ctx, c.familyId)
  authorize(staff, 'child.id_number.reveal', await familyResource(ctx, f))
  await recordAudit(ctx, staff, { action: 'child.id_number.reveal', resourceType: 'child', resourceId: c.id, familyId: f.id })
  return { childId: c.id, idNumber: c.idNumberEnc ? decryptIdNumber(ctx.dataKey, c.idNumberEnc) : null }
}


export interface FamilyListItem {
  id: number
  jurisdiction: string
  street: string | null
  community: string | null
  guardian: string | null
  children: number
  openKeyCases: number
  openTickets: number
  lastConfirmedAt: string | null
}

/**
 * The families this staff member may read (child directors and supervisors: their area;
 * administrators: all, or one jurisdiction; department staff: families with a referral routed to
 * them). One audit entry for the list (ids of the families shown). Identity numbers never appear.
 */
export async function listFamiliesFor(ctx: DomainContext, staff: StaffView, filter: { jurisdiction?: string; community?: string } = {}): Promise<FamilyListItem[]> {
  if (staff.role === 'provider') return []
  const where: Record<string, unknown> = { archivedAt: IsNull() }
  const jurisdiction = staff.role === 'admin' ? filter.jurisdiction : staff.jurisdiction
  if (jurisdiction) where.jurisdictionId = jurisdiction
  const families = await ctx.db.repo(Family).find({ where, order: { id: 'ASC' } })
  const ids = families.map((f) => f.id)
  if (!ids.length) return []
  const [tickets, guardians, children, keyCases] = await Promise.all([
    ctx.db.repo(Ticket).find({ where: { familyId: In(ids), status: Not('closed') } }),
    ctx.db.repo(Guardian).find({ where: { familyId: In(ids) }, order: { id: 'ASC' } }),
    ctx.db.repo(Child).find({ where: { familyId: In(ids), archivedAt: IsNull() }, select: { id: true, familyId: true } }),
    ctx.db.repo(KeyCase).find({ where: { familyId: In(ids), status: 'open' }, select: { id: true, familyId: true } }),
  ])
  const visible = families.filter((f) => {
    if (filter.community && !samePlace(filter.community, f.community)) return false
    const referralDepartments = tickets.filter((t) => t.familyId === f.id && t.kind === 'referral').flatMap((t) => t.departments)
    return can(staff, 'family.read', { type: 'family', jurisdiction: f.jurisdictionId, street: f.street, community: f.community, referralDepartments, claimedBy: claimersOf(tickets.filter((t) => t.familyId === f.id)) })
  })
  await recordAudit(ctx, staff, { action: 'family.list', resourceType: 'family', detail: { families: visible.map((f) => f.id).slice(0, 200) } })
  return visible.map((f) => ({
    id: f.id,
    jurisdiction: f.jurisdictionId,
    street: f.street,
    community: f.community,
    guardian: guardians.find((g) => g.familyId === f.id)?.name ?? null,
    children: children.filter((c) => c.familyId === f.id).length,
    openKeyCases: keyCases.filter((k) => k.familyId === f.id).length,
    openTickets: tickets.filter((t) => t.familyId === f.id).length,
    lastConfirmedAt: f.lastConfirmedAt ? f.lastConfirmedAt.toISOString() : null,
  }))
}
