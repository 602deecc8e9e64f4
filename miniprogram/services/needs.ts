/** "I need help with …": POST/GET /me/needs. */
import { request } from '../core/request'

export interface NeedAnswer {
  needId: number
  service: string
  departments: string[]
  urgent: boolean
  alternatives: Array<{ service: string; departments?: string[]; title?: string; confidence?: number }>
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
