/**
 * The six-monthly "please confirm your details" message (信息更新: the plans ask for family data to
 * be refreshed at least every six months). Each family whose last confirmation (or registration)
 * is six months old or more gets the message once per half-year (period `2026-H1`/`2026-H2`),
 * on the channel of its first identity, as an unsolicited message (so it respects the family's
 * pause and weekly limit; a suppressed one is tried again on a later day of the period).
 * Once across instances: outbox dedupe key `confirm:<familyId>:<period>`.
 */
import { IsNull } from 'typeorm'
import { Family, Identity } from '../../db/entities'
import { enqueue, type OutboxChannel } from '../outbox/outbox.service'
import { addMonths, localDate } from '../../shared/dates'
import type { DomainContext } from '../context'

export const periodOf = (date: string): string => `${date.slice(0, 4)}-H${Number(date.slice(5, 7)) <= 6 ? 1 : 2}`

export async function sendConfirmDetailsReminders(ctx: DomainContext): Promise<number> {
  const today = localDate(ctx.clock.now())
  const period = periodOf(today)
  const families = await ctx.db.repo(Family).find({ where: { archivedAt: IsNull() }, order: { id: 'ASC' } })
  let sent = 0
  for (const f of families) {
    if (!f.consentVersion) continue
    const since = localDate(f.lastConfirmedAt ?? f.createdAt)
    if (addMonths(since, 6) > today) continue
    const identity = (await ctx.db.repo(Identity).find({ where: { familyId: f.id }, order: { id: 'ASC' }, take: 1 }))[0]
    if (!identity) continue
    const id = await enqueue(ctx, {
      channel: identity.channel as OutboxChannel,
      recipient: String(identity.id),
      familyId: f.id,
      kind: 'confirm_details',
      dedupeKey: `confirm:${f.id}:${period}`,
      messageKey: 'staff:confirmDetails',
      params: { period },
      unsolicited: true,
    })
    if (id) sent++
  }
  return sent
}
