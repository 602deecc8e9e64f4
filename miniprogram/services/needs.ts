/** "I need help with …": POST/GET /me/needs. */
import { request } from '../core/request'

/** One need of the message passed to its own department, with the question's number there. */
export interface NeedReferral {
  service: string
  departments: string[]
  ticketId: number
}

export type NeedOutcome = 'recorded' | 'referred' | 'escalated' | 'awaiting_consent'

export interface NeedAnswer {
  needId: number
  service: string
  departments: string[]
  urgent: boolean
  /** The router's other guesses with their confidence (older field; the page offers `choices`). */
  alternatives: Array<{ service: string; departments?: string[]; title?: string; confidence?: number }>
  /** Every need the router found in the message. */
  needs?: string[]
  /** True when the router is unsure: offer `choices`, then "none of these, talk to a person". */
  ask?: boolean
  outcome?: NeedOutcome
  ticketId?: number | null
  /** The server's plain-words answer, when it gives one. */
  message?: string
  serviceTitle?: string
  /** When unsure (ask, or no service): the two or three likeliest services to offer. */
  choices?: string[]
  /** Each need passed to its own department (main first). */
  referrals?: NeedReferral[]
}

export interface Need {
  id: number
  text: string
  service: string
  departments: string[]
  urgent: boolean
  status: string
  createdAt: string
}

export const submitNeed = (text: string, childId?: number) => request<NeedAnswer>('/me/needs', { method: 'POST', data: childId ? { text, childId } : { text }, silent: true })
export const listNeeds = async () => {
  const r = await request<Need[] | { needs: Need[] }>('/me/needs')
  return Array.isArray(r) ? r : r.needs
}

export interface NeedChoiceResult {
  needId: number
  service: string
  departments: string[]
  outcome: NeedOutcome
  ticketId?: number | null
  /** What happened, in plain words. */
  message: string
}

/** The family picks one of the services offered when the answer was unsure. */
export const chooseService = (needId: number, service: string) => request<NeedChoiceResult>(`/me/needs/${needId}/choice`, { method: 'POST', data: { service } })
