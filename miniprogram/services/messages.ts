/** Messages with staff: GET/POST /me/messages. */
import { request } from '../core/request'

export interface Message {
  ticketId?: number
  from: 'family' | 'staff'
  text: string
  at: string
}

export interface Messages {
  openTicketId: number | null
  messages: Message[]
}

export const listMessages = async (): Promise<Messages> => {
  const r = await request<Messages | Message[]>('/me/messages')
  return Array.isArray(r) ? { openTicketId: null, messages: r } : r
}
export const sendMessage = (text: string) => request<unknown>('/me/messages', { method: 'POST', data: { text } })
