/**
 * Conversation state of the chat channels (WeChat bot, Official Account), kept in the
 * database so a conversation survives a restart and resumes at the same question.
 * One row per identity: the current flow, its step, the answers collected so far and a
 * history of earlier steps for "上一步"/"back".
 */
import { In, LessThan } from 'typeorm'
import { BotConversation } from '../../db/entities'
import { isUniqueViolation } from '../../db/database'
import { DAY } from '../../shared/clock'
import { identitiesOfFamily } from '../identity/identity.service'
import { familyDataErasers, familyDataExporters } from '../registry/family-data'
import type { DomainContext } from '../context'

export interface ConversationSnapshot {
  step: string
  data: Record<string, unknown>
}

export interface ConversationState {
  flow: string
  step: string
  data: Record<string, unknown>
  history: ConversationSnapshot[]
  /** Messages in a row the bot did not understand. */
  failures: number
}

/** Where a new contact starts. */
export const FRESH_CONVERSATION: ConversationState = { flow: 'new', step: 'start', data: {}, history: [], failures: 0 }

/** Keeps the history short: "back" needs the last steps of one flow, not the whole chat. */
const MAX_HISTORY = 40

/** The saved state of an identity's conversation, or a fresh one. */
export async function loadConversation(ctx: DomainContext, identityId: number): Promise<ConversationState> {
  const row = await ctx.db.repo(BotConversation).findOneBy({ identityId })
  if (!row) return structuredClone(FRESH_CONVERSATION)
  return { flow: row.flow, step: row.step, data: row.data ?? {}, history: row.history ?? [], failures: row.failures }
}

/** Saves the state (insert on first save, update after). */
export async function saveConversation(ctx: DomainContext, identityId: number, state: ConversationState): Promise<void> {
  const repo = ctx.db.repo(BotConversation)
  const values = {
    flow: state.flow.slice(0, 32),
    step: state.step.slice(0, 48),
    data: state.data,
    history: state.history.slice(-MAX_HISTORY),
    failures: state.failures,
    updatedAt: ctx.clock.now(),
  }
  const found = await repo.findOneBy({ identityId })
  if (found) {
    await repo.save(Object.assign(found, values, { version: found.version + 1 }))
    return
  }
  try {
    await repo.save(repo.create({ identityId, version: 0, ...values }))
  } catch (e) {
    if (!isUniqueViolation(e)) throw e
    const again = await repo.findOneByOrFail({ identityId })
    await repo.save(Object.assign(again, values, { version: again.version + 1 }))
  }
}

/** Forgets the conversation (erasure of a family's records, "重新开始"). */
export async function clearConversation(ctx: DomainContext, identityId: number): Promise<void> {
  await ctx.db.repo(BotConversation).delete({ identityId })
}

/**
 * Conversations left half-way (a registration never confirmed) may hold a child's name or birth
 * date: forgotten after `days` without a message. Returns how many were forgotten.
 */
export async function forgetIdleConversations(ctx: DomainContext, days: number): Promise<number> {
  const before = new Date(ctx.clock.now().getTime() - days * DAY)
  const res = await ctx.db.repo(BotConversation).delete({ updatedAt: LessThan(before) })
  return res.affected ?? 0
}

// Erasure of a family: its guardians' conversations (answers being collected, history) go too.
familyDataErasers.push(async (ctx, familyId) => {
  const ids = (await identitiesOfFamily(ctx, familyId)).map((i) => i.id)
  if (ids.length) await ctx.db.repo(BotConversation).delete({ identityId: In(ids) })
})
familyDataExporters.push(async (ctx, familyId) => {
  const ids = (await identitiesOfFamily(ctx, familyId)).map((i) => i.id)
  const rows = ids.length ? await ctx.db.repo(BotConversation).findBy({ identityId: In(ids) }) : []
  return { chatConversations: rows.map((r) => ({ flow: r.flow, step: r.step, answers: r.data, updatedAt: r.updatedAt.toISOString() })) }
})
