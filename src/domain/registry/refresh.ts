/**
 * Information refresh (信息更新): the plans ask for a family's information to be updated at least every
 * six months (the jurisdiction's `refreshCadence.everyMonths`, six where a plan sets none). When a
 * family's last confirmation is that old, each of its guardians on a chat channel gets one reminder
 * (through the outbox, unsolicited, so the weekly limit and pauses apply). Saving the profile or
 * confirming (confirmFamily) starts the next period.
 */
import { IsNull, LessThan } from 'typeorm'
import { Family } from '../../db/entities'
import { getJurisdiction, hasJurisdiction } from '../../content'
import { addMonths, localDate } from '../../shared/dates'
import { DAY } from '../../shared/clock'
import type { DomainContext } from '../context'
import { identitiesOfFamily } from '../identity/identity.service'
import { enqueue } from '../outbox/outbox.service'

const DEFAULT_MONTHS = 6

export function refreshMonthsOf(jurisdictionId: string): number {
  return (hasJurisdiction(jurisdictionId) ? getJurisdiction(jurisdictionId).refreshCadence.everyMonths : undefined) ?? DEFAULT_MONTHS
}

/** Queues a reminder to every family whose data is due for confirmation. Returns how many were queued. */
export async function remindToConfirm(ctx: DomainContext): Promise<number> {
  const now = ctx.clock.now()
  const today = localDate(now)
  // Nobody's cadence is shorter than a month: only families not confirmed for 28 days are candidates.
  const candidates = await ctx.db.repo(Family).findBy({ archivedAt: IsNull(), lastConfirmedAt: LessThan(new Date(now.getTime() - 28 * DAY)) })
  let queued = 0
  for (const f of candidates) {
    const dueOn = addMonths(localDate(f.lastConfirmedAt!), refreshMonthsOf(f.jurisdictionId))
    if (dueOn > today) continue
    for (const identity of await identitiesOfFamily(ctx, f.id)) {
      if (identity.channel === 'miniprogram') continue // the mini-program shows refreshDueOn itself
      const id = await enqueue(ctx, {
        channel: identity.channel,
        recipient: String(identity.id),
        familyId: f.id,
        kind: 'reminder',
        dedupeKey: `registry-refresh:${f.id}:${identity.id}:${dueOn}`,
        messageKey: 'registry:refreshReminder',
        params: { dueOn },
        unsolicited: true,
      })
      if (id !== null) queued++
    }
  }
  return queued
}
