/**
 * Conversation state of the chat channels (WeChat bot, Official Account), kept in the
 * database so a conversation survives a restart and resumes at the same question.
 * One row per identity: the current flow, its step, the answers collected so far and a
 * history of earlier steps for "上一步"/"back".
 */
import { BotConversation } from '../../db/entities'
import { isUniqueViolation } from '../../db/database'
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
    await repo.update({ id: found.id }, { ...values, version: found.version + 1 })
    return
  }
  try {
    await repo.insert({ identityId, version: 0, ...values })
  } catch (e) {
    if (!isUniqueViolation(e)) throw e
    await repo.update({ identityId }, values)
  }
}

/** Forgets the conversation (erasure of a family's records, "重新开始"). */
export async function clearConversation(ctx: DomainContext, identityId: number): Promise<void> {
  await ctx.db.repo(BotConversation).delete({ identityId })
}
