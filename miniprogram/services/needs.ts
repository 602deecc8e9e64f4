/** "I need help with …": POST/GET /me/needs. */
import { request } from '../core/request'

export interface NeedAnswer {
  needId: number
  service: string
  departments: string[]
  urgent: boolean
  alternatives: Array<{ service: string; departments?: string[]; title?: string; confidence?: number }>
  /** True when the router is unsure: offer the alternatives to choose from. */
  ask?: boolean
  /** The server's plain-words answer, when it gives one. */
  message?: string
  serviceTitle?: string
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
  outcome: string
  /** What happened, in plain words. */
  message: string
}

/** The family picks one of the services offered when the answer was unsure. */
export const chooseService = (needId: number, service: string) => request<NeedChoiceResult>(`/me/needs/${needId}/choice`, { method: 'POST', data: { service } })
