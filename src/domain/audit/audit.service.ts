/**
 * The audit log: every staff read and change of a family's or child's record (who by
 * username, what, when). Append-only: this module offers `record` and `listAudit` and nothing
 * that updates or deletes an entry. Details hold ids and codes only, never personal data.
 */
import { AuditEntry } from '../../db/entities'
import { authorize } from '../policies/policies'
import type { StaffView } from '../staff/staff.service'
import type { DomainContext } from '../context'

export interface AuditInput {
  action: string
  resourceType: 'family' | 'child' | 'ticket' | 'key_case' | 'staff' | 'audit' | 'need'
  resourceId?: number | null
  familyId?: number | null
  detail?: Record<string, unknown>
}

export interface AuditView {
  id: number
  at: string
  username: string
  action: string
  resourceType: string
  resourceId: number | null
  familyId: number | null
  detail: Record<string, unknown> | null
}

/** Appends one entry. */
export async function recordAudit(ctx: DomainContext, staff: Pick<StaffView, 'id' | 'username'>, input: AuditInput): Promise<void> {
  await ctx.db.repo(AuditEntry).insert({
    at: ctx.clock.now(),
    staffId: staff.id,
    username: staff.username,
    action: input.action,
    resourceType: input.resourceType,
    resourceId: input.resourceId ?? null,
    familyId: input.familyId ?? null,
    detail: (input.detail ?? null) as never,
  })
}

export interface AuditFilter {
  username?: string
  familyId?: number
  action?: string
  limit?: number
  beforeId?: number
}

/** Entries newest first; administrators only. */
export async function listAudit(ctx: DomainContext, staff: StaffView, filter: AuditFilter = {}): Promise<AuditView[]> {
  authorize(staff, 'audit.read')
  const qb = ctx.db.repo(AuditEntry).createQueryBuilder('a').orderBy('a.id', 'DESC').limit(Math.min(filter.limit ?? 100, 500))
  if (filter.username) qb.andWhere('a.username = :u', { u: filter.username })
  if (filter.familyId) qb.andWhere('a.family_id = :f', { f: filter.familyId })
  if (filter.action) qb.andWhere('a.action = :a', { a: filter.action })
  if (filter.beforeId) qb.andWhere('a.id < :b', { b: filter.beforeId })
  const rows = await qb.getMany()
  return rows.map((r) => ({ id: r.id, at: r.at.toISOString(), username: r.username, action: r.action, resourceType: r.resourceType, resourceId: r.resourceId, familyId: r.familyId, detail: r.detail }))
}
