/**
 * One turn of a chat conversation: what the parent wrote, where the conversation stands,
 * and the replies being built. Flows read and change the state through this object; the
 * engine saves it afterwards.
 */
import type { TOptions } from 'i18next'
import type { DomainContext } from '../../domain/context'
import type { IdentityView } from '../../domain/identity/identity.service'
import type { ConversationState } from '../../domain/conversation/conversation.service'
import { normaliseLanguage, t, type Language } from '../../shared/i18n'

export type ChatChannel = 'bot' | 'official_account'

export interface Memo {
  /** The parent agreed to the privacy notice in this chat. */
  consent?: boolean
  /** Jurisdiction id the parent named before registering. */
  city?: string
  /** The district, street or community the parent said with their city before registering ("晋城市城区东街社区"). */
  placeSaid?: { district?: string; street?: string; community?: string }
  /** A child's age the parent gave before registering. */
  childAge?: number
  /** A registration left half-way (菜单, 取消, 人工): its answers, offered again when the parent comes back to it. */
  registration?: { step: string; data: Record<string, unknown>; history: Array<{ step: string; data: Record<string, unknown> }> }
  /**
   * A staff answer (its question's number) reached the chat while the parent was in the middle of
   * something (registration, a booking): their next message goes back to that question, then the flow goes on.
   */
  answerBack?: number
  /**
   * The question the parent is talking to staff on (their urgent question, or one a staff answer came on):
   * while it is open, words in the middle of registration that do not fit the registration question go to it.
   */
  talking?: number
}

export class Turn {
  readonly replies: string[] = []
  /** Set when the flow could not make sense of the message (two in a row: a person takes over). */
  misunderstood = false

  constructor(
    readonly ctx: DomainContext,
    public identity: IdentityView,
    public state: ConversationState,
    /** What the parent typed, as typed (trimmed). */
    readonly text: string,
    readonly channel: ChatChannel,
  ) {}

  get lang(): Language {
    return normaliseLanguage(this.identity.language)
  }

  /** A sentence of the `bot` namespace (or any `ns:key`) in the parent's language. */
  t(key: string, params?: TOptions): string {
    return t(this.lang, key.includes(':') ? key : `bot:${key}`, params)
  }

  /** Adds a reply from an i18n key. */
  say(key: string, params?: TOptions): void {
    this.replies.push(this.t(key, params))
  }

  /** Adds an already-worded reply (built from i18n pieces). */
  sayText(text: string): void {
    if (text.trim()) this.replies.push(text)
  }

  /** Starts a flow at a step, forgetting the previous flow's history. */
  goto(flow: string, step: string, data: Record<string, unknown> = {}): void {
    const memo = this.state.data.memo
    this.state = { flow, step, data: memo ? { memo, ...data } : data, history: [], failures: this.state.failures }
  }

  /** What the conversation remembers across flows (consent answer, city, a child's age asked before registering). */
  get memo(): Memo {
    return (this.state.data.memo as Memo | undefined) ?? {}
  }

  remember(patch: Memo): void {
    this.state.data = { ...this.state.data, memo: { ...this.memo, ...patch } }
  }

  /** Moves to the next step of the current flow, remembering the current one for "back". */
  next(step: string, patch: Record<string, unknown> = {}): void {
    this.state.history.push({ step: this.state.step, data: structuredClone(this.state.data) })
    this.state.step = step
    this.state.data = { ...this.state.data, ...patch }
  }

  /** Stays on the step and changes its data (no history entry). */
  patch(patch: Record<string, unknown>): void {
    this.state.data = { ...this.state.data, ...patch }
  }

  /** Goes back one step; false when there is nothing to go back to. */
  back(): boolean {
    const prev = this.state.history.pop()
    if (!prev) return false
    this.state.step = prev.step
    this.state.data = prev.data
    return true
  }

  data<T = unknown>(key: string): T | undefined {
    return this.state.data[key] as T | undefined
  }
}
