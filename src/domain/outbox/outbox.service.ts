/**
 * The outbox: every message the service sends on its own initiative is queued here and
 * delivered by the channel that owns it (bot, mini-program subscription, staff room).
 *   - `dedupeKey` makes queuing idempotent across processes (a reminder is queued once).
 *   - delivery claims a row atomically (status pending -> sending with a lease), so two
 *     dispatchers never send the same row; a crashed dispatcher's lease expires and the row
 *     is retried; failures back off and are retried up to MAX_ATTEMPTS.
 *   - unsolicited messages respect the family's pause and weekly limit.
 */
import { In, MoreThanOrEqual, Not } from 'typeorm'
import { Identity, OutboundMessage } from '../../db/entities'
import { isUniqueViolation } from '../../db/database'
import { DAY, MINUTE } from '../../shared/clock'
import type { DomainContext } from '../context'

export type OutboxChannel = 'bot' | 'miniprogram' | 'official_account' | 'staff_room'

export interface QueuedMessage {
  id: number
  channel: OutboxChannel
  recipient: string
  familyId: number | null
  kind: string
  messageKey: string | null
  params: Record<string, unknown> | null
  plainText: string | null
  attempts: number
}

export interface EnqueueInput {
  channel: OutboxChannel
  /** Identity id for family channels; room key for staff_room. */
  recipient: string
  familyId?: number | null
  kind: string
  dedupeKey?: string
  messageKey?: string
  params?: Record<string, unknown>
  plainText?: string
  unsolicited?: boolean
  availableAt?: Date
}

export const MAX_ATTEMPTS = 6
const LEASE_MS = 2 * MINUTE

/** Queues a message. Returns its id, or null when `dedupeKey` was already queued (or an unsolicited message was suppressed). */
export async function enqueue(ctx: DomainContext, input: EnqueueInput): Promise<number | null> {
  const now = ctx.clock.now()
  if (input.unsolicited && input.channel !== 'staff_room' && !(await mayNudge(ctx, Number(input.recipient)))) return null
  try {
    const row = await ctx.db.repo(OutboundMessage).save(
      ctx.db.repo(OutboundMessage).create({
        channel: input.channel,
        recipient: input.recipient,
        familyId: input.familyId ?? null,
        kind: input.kind,
        dedupeKey: input.dedupeKey ?? null,
        messageKey: input.messageKey ?? null,
        params: input.params ?? null,
        plainText: input.plainText ?? null,
        unsolicited: input.unsolicited ?? false,
        status: 'pending',
        attempts: 0,
        lastError: null,
        availableAt: input.availableAt ?? now,
        lockedUntil: null,
        createdAt: now,
        sentAt: null,
      }),
    )
    ctx.events.emit('outbox', input.channel)
    return row.id
  } catch (e) {
    if (input.dedupeKey && isUniqueViolation(e)) return null
    throw e
  }
}

/** Whether an unsolicited message may go to this identity now (not paused, under the weekly limit). */
export async function mayNudge(ctx: DomainContext, identityId: number): Promise<boolean> {
  const identity = await ctx.db.repo(Identity).findOneBy({ id: identityId })
  if (!identity || identity.remindersPaused) return false
  const weekAgo = new Date(ctx.clock.now().getTime() - 7 * DAY)
  const sent = await ctx.db.repo(OutboundMessage).countBy({
    recipient: String(identityId),
    unsolicited: true,
    status: Not(In(['cancelled', 'failed'])),
    createdAt: MoreThanOrEqual(weekAgo),
  })
  return sent < ctx.config.MAX_UNSOLICITED_PER_WEEK
}

/** Cancels queued, unsent messages whose dedupe key starts with `prefix` (e.g. the reminders of a cancelled booking). */
export async function cancelPending(ctx: DomainContext, dedupeKeyPrefix: string): Promise<number> {
  const rows = await ctx.db.repo(OutboundMessage)
    .createQueryBuilder('m')
    .where('m.dedupe_key LIKE :p', { p: `${dedupeKeyPrefix}%` })
    .andWhere('m.status = :s', { s: 'pending' })
    .getMany()
  if (!rows.length) return 0
  await ctx.db.repo(OutboundMessage).update({ id: In(rows.map((r) => r.id)), status: 'pending' }, { status: 'cancelled' })
  return rows.length
}

/**
 * Claims up to `limit` due messages of a channel for delivery. Each row is claimed with a
 * conditional update, so concurrent dispatchers (other processes) never get the same row.
 */
export async function claimDue(ctx: DomainContext, channel: OutboxChannel, limit = 20, onlyRecipient?: string): Promise<QueuedMessage[]> {
  const now = ctx.clock.now()
  const repo = ctx.db.repo(OutboundMessage)
  const query = repo
    .createQueryBuilder('m')
    .where('m.channel = :channel', { channel })
    .andWhere('m.available_at <= :now', { now })
    .andWhere("(m.status = 'pending' OR (m.status = 'sending' AND m.locked_until < :now))", { now })
  // A dispatcher that serves one recipient only (the terminal chat) leaves everyone else's rows alone.
  if (onlyRecipient !== undefined) query.andWhere('m.recipient = :recipient', { recipient: onlyRecipient })
  const candidates = await query.orderBy('m.id', 'ASC').limit(limit).getMany()
  const claimed: QueuedMessage[] = []
  for (const c of candidates) {
    const lockedUntil = new Date(now.getTime() + LEASE_MS)
    const res = await repo
      .createQueryBuilder()
      .update(OutboundMessage)
      .set({ status: 'sending', lockedUntil, attempts: c.attempts + 1 })
      .where('id = :id AND status = :status AND attempts = :attempts', { id: c.id, status: c.status, attempts: c.attempts })
      .execute()
    if (res.affected === 1) {
      claimed.push({
        id: c.id,
        channel: c.channel as OutboxChannel,
        recipient: c.recipient,
        familyId: c.familyId,
        kind: c.kind,
        messageKey: c.messageKey,
        params: c.params,
        plainText: c.plainText,
        attempts: c.attempts + 1,
      })
    }
  }
  return claimed
}

export async function markSent(ctx: DomainContext, id: number): Promise<void> {
  await ctx.db.repo(OutboundMessage).update({ id }, { status: 'sent', sentAt: ctx.clock.now(), lockedUntil: null })
}

/** Records a failed delivery: retried later with exponential back-off, given up after MAX_ATTEMPTS. `errorCode` must hold no personal data. */
export async function markFailed(ctx: DomainContext, id: number, errorCode: string): Promise<void> {
  const row = await ctx.db.repo(OutboundMessage).findOneBy({ id })
  if (!row) return
  const giveUp = row.attempts >= MAX_ATTEMPTS
  const backoff = Math.min(60, 2 ** row.attempts) * 1000 * 15
  await ctx.db.repo(OutboundMessage).update(
    { id },
    {
      status: giveUp ? 'failed' : 'pending',
      lastError: errorCode.slice(0, 64),
      lockedUntil: null,
      availableAt: new Date(ctx.clock.now().getTime() + backoff),
    },
  )
}

/** Messages delivered or waiting for a family (for tests and the family's own view). */
export async function messagesForFamily(ctx: DomainContext, familyId: number): Promise<QueuedMessage[]> {
  const rows = await ctx.db.repo(OutboundMessage).find({ where: { familyId, status: Not('cancelled') }, order: { id: 'ASC' } })
  return rows.map((c) => ({ id: c.id, channel: c.channel as OutboxChannel, recipient: c.recipient, familyId: c.familyId, kind: c.kind, messageKey: c.messageKey, params: c.params, plainText: c.plainText, attempts: c.attempts }))
}

