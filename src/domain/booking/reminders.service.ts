/**
 * Session reminders, 24 h and 2 h before the start, queued through the outbox on the channel
 * the family booked from.
 *   - Exactly once across instances: the outbox dedupe key `booking:<id>:24h|2h` is unique, so
 *     two schedulers queuing the same reminder end with one row.
 *   - Never lost: every run picks up every reminder that is due and not yet handled, also
 *     those that fell due while the service was down (sent late, not skipped). Only reminders
 *     of sessions that already started are skipped.
 *   - A reminder only exists when the booking was made before it fell due (no "tomorrow"
 *     reminder for a booking made 3 hours before).
 *   - Paused reminders (`remindersPaused` on the identity) are not queued. Reminders answer the
 *     family's own booking, so they do not count against the weekly limit of unsolicited messages.
 *   - Never for a cancelled booking: only 'booked' rows are read, and the status is checked again
 *     after queuing (a cancellation in between withdraws what was queued).
 */
import { And, IsNull, LessThanOrEqual, MoreThan } from 'typeorm'
import { Booking, BookingSlot } from '../../db/entities'
import { HOUR } from '../../shared/clock'
import type { DomainContext } from '../context'
import { getIdentity } from '../identity/identity.service'
import { timeOfSlotRow } from './slots'
import { notifyFamily, sessionParams, withdrawBookingMessages } from './notify'

export const REMINDER_STAGES = [
  { stage: '24h', before: 24 * HOUR, column: 'reminder24hAt' },
  { stage: '2h', before: 2 * HOUR, column: 'reminder2hAt' },
] as const

/** Queues every due reminder; returns how many were queued by this call. */
export async function queueDueReminders(ctx: DomainContext): Promise<number> {
  const now = ctx.clock.now()
  const repo = ctx.db.repo(Booking)
  let queued = 0
  for (const { stage, before, column } of REMINDER_STAGES) {
    const due = await repo.find({
      where: { status: 'booked', startsAt: And(MoreThan(now), LessThanOrEqual(new Date(now.getTime() + before))), [column]: IsNull() },
      order: { startsAt: 'ASC' },
      take: 500,
    })
    for (const b of due) {
      const dueAt = b.startsAt.getTime() - before
      if (b.createdAt.getTime() < dueAt) {
        const identity = await getIdentity(ctx, b.identityId).catch(() => null)
        if (identity && !identity.remindersPaused) {
          const slot = await ctx.db.repo(BookingSlot).findOneByOrFail({ id: b.slotId })
          const id = await notifyFamily(ctx, { channel: b.channel, identityId: b.identityId, familyId: b.familyId }, 'reminder', `booking:${b.id}:${stage}`, `booking:reminder.${stage}`, {
            ...sessionParams(await timeOfSlotRow(ctx, slot)),
            bookingId: b.id,
            cutoff: ctx.config.BOOKING_CUTOFF_HOURS,
          })
          if (id !== null) queued++
        }
      }
      await repo.update({ id: b.id, [column]: IsNull() }, { [column]: now })
      const after = await repo.findOneBy({ id: b.id })
      if (after && after.status !== 'booked') await withdrawBookingMessages(ctx, b.id)
    }
  }
  if (queued) ctx.log.info({ queued }, 'booking reminders queued')
  return queued
}
