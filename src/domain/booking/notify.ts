/**
 * Messages the booking module sends on its own: reminders, waiting-list offers, staff
 * cancellations. All go through the outbox to the channel the family used; the words are
 * i18n keys (`booking:` namespace) rendered in the recipient's language at delivery.
 * Dedupe keys start with `booking:<bookingId>:` so a cancellation can withdraw them.
 */
import { enqueue, cancelPending, type OutboxChannel } from '../outbox/outbox.service'
import { formatLocal } from '../../shared/dates'
import type { DomainContext } from '../context'

export const reminderPrefix = (bookingId: number) => `booking:${bookingId}:`

export interface SessionParams {
  kind: string
  start: string
  place: string
  mode: string
}

export function sessionParams(t: { kind: string; start: Date; mode: string; venue: { name: string } | null }): SessionParams {
  return { kind: t.kind, start: formatLocal(t.start), mode: t.mode, place: t.venue?.name ?? '' }
}

export async function withdrawBookingMessages(ctx: DomainContext, bookingId: number): Promise<number> {
  return cancelPending(ctx, reminderPrefix(bookingId))
}

export async function notifyFamily(
  ctx: DomainContext,
  to: { channel: string; identityId: number; familyId: number },
  kind: 'reminder' | 'offer' | 'notice',
  dedupeKey: string,
  messageKey: string,
  params: Record<string, unknown>,
): Promise<number | null> {
  return enqueue(ctx, {
    channel: to.channel as OutboxChannel,
    recipient: String(to.identityId),
    familyId: to.familyId,
    kind,
    dedupeKey,
    messageKey,
    params,
    // Reminders, offers and cancellation notices answer the family's own booking or request:
    // they do not count against the weekly limit of unsolicited messages. Paused reminders are
    // honoured by the reminder job itself.
    unsolicited: false,
  })
}
