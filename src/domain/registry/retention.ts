/**
 * Retention (the plans' "一人一档" records are kept while they serve the child, no longer):
 *   - a child past 16 is archived (its key case closed); a family silent for ARCHIVE_AFTER_SILENT_DAYS
 *     (no use of the service by any of its guardians) is archived;
 *   - an archived child or family is erased ERASE_ARCHIVED_AFTER_DAYS after archiving (a family with
 *     everything other modules hold about it); only anonymous counts remain;
 *   - a family that comes back before that is active again (touchFamily / saveProfile).
 * The daily job (src/jobs/registry-retention.ts) runs it once a day across processes (runOnce on the
 * local date); work left from days the service was down is done on the next run.
 */
import { In, IsNull, LessThan, LessThanOrEqual, Not } from 'typeorm'
import { Child, Family, Identity, KeyCase } from '../../db/entities'
import { DAY } from '../../shared/clock'
import { addMonths, localDate } from '../../shared/dates'
import type { DomainContext } from '../context'
import { closeKeyCasesOf } from './key-cases'
import { bumpStats, eraseFamily } from './registry.service'

export interface RetentionResult {
  childrenArchived: number
  familiesArchived: number
  childrenErased: number
  familiesErased: number
}

/** Archives and erases what is due now. */
export async function applyRetention(ctx: DomainContext): Promise<RetentionResult> {
  const now = ctx.clock.now()
  const today = localDate(now)
  const result: RetentionResult = { childrenArchived: 0, familiesArchived: 0, childrenErased: 0, familiesErased: 0 }

  // Children past 16 (16th birthday on or before today).
  const born16Ago = addMonths(today, -16 * 12)
  const grown = await ctx.db.repo(Child).findBy({ archivedAt: IsNull(), birthDate: LessThanOrEqual(born16Ago) })
  for (const c of grown) {
    const family = await ctx.db.repo(Family).findOneBy({ id: c.familyId })
    await ctx.db.transaction(async (m) => {
      await m.getRepository(Child).update({ id: c.id }, { archivedAt: now })
      await closeKeyCasesOf(m, now, [c.id])
    })
    if (family) await bumpStats(ctx, family.jurisdictionId, { childrenArchived: 1 })
    result.childrenArchived++
  }

  // Silent families.
  const silentSince = new Date(now.getTime() - ctx.config.ARCHIVE_AFTER_SILENT_DAYS * DAY)
  const quiet = await ctx.db.repo(Family).findBy({ archivedAt: IsNull(), lastActiveAt: LessThan(silentSince) })
  for (const f of quiet) {
    const seen = await ctx.db.repo(Identity).findOneBy({ familyId: f.id, lastSeenAt: Not(LessThan(silentSince)) })
    if (seen) {
      await ctx.db.repo(Family).update({ id: f.id }, { lastActiveAt: seen.lastSeenAt })
      continue
    }
    await ctx.db.transaction(async (m) => {
      await m.getRepository(Family).update({ id: f.id }, { archivedAt: now })
      const open = await m.getRepository(KeyCase).findBy({ familyId: f.id, status: 'open' })
      await closeKeyCasesOf(m, now, open.map((k) => k.childId))
    })
    await bumpStats(ctx, f.jurisdictionId, { familiesArchived: 1 })
    result.familiesArchived++
  }

  // Erase what has been archived long enough.
  const archivedBefore = new Date(now.getTime() - ctx.config.ERASE_ARCHIVED_AFTER_DAYS * DAY)
  for (const f of await ctx.db.repo(Family).findBy({ archivedAt: LessThan(archivedBefore) })) {
    await eraseFamily(ctx, f.id)
    result.familiesErased++
  }
  const oldChildren = await ctx.db.repo(Child).findBy({ archivedAt: LessThan(archivedBefore) })
  for (const c of oldChildren) {
    const family = await ctx.db.repo(Family).findOneBy({ id: c.familyId })
    const keyCases = await ctx.db.transaction(async (m) => {
      const k = (await m.getRepository(KeyCase).delete({ childId: c.id })).affected ?? 0
      await m.getRepository(Child).delete({ id: In([c.id]) })
      return k
    })
    if (family) await bumpStats(ctx, family.jurisdictionId, { childrenErased: 1, keyCasesErased: keyCases })
    result.childrenErased++
  }
  if (result.childrenArchived + result.familiesArchived + result.childrenErased + result.familiesErased) ctx.log.info({ ...result }, 'registry retention applied')
  return result
}
