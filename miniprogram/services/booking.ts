/** Booking: free times, my bookings, book, cancel. */
import { request } from '../core/request'

export type SessionKind = 'family_education' | 'mental_health'

export interface FreeTime {
  id: string
  type: SessionKind
  /** The kind in the family's language, from the server. */
  typeName?: string
  start: string
  end: string
  capacity: number
  remaining: number
  provider: { id?: number; name: string } | string
  venue?: { name: string; address?: string | null } | null
  mode?: 'in_person' | 'online' | 'phone'
  modeName?: string
}

export interface Booking {
  id: number
  type: SessionKind
  typeName?: string
  status: 'booked' | 'cancelled' | 'attended' | 'no_show'
  slotId: string
  start: string
  end: string
  provider: { name: string } | string
  venue?: { name: string; address?: string | null } | null
  mode?: 'in_person' | 'online' | 'phone'
  childId: number | null
  /** What happened, in plain words (after booking or cancelling). */
  message?: string
}

const list = <T>(r: T[] | Record<string, T[]>, key: string): T[] => (Array.isArray(r) ? r : (r[key] ?? []))

export const freeTimes = async (type: SessionKind) => list(await request<FreeTime[] | { slots: FreeTime[] }>(`/booking/slots?type=${type}`), 'slots')
export const myBookings = async () => list(await request<Booking[] | { bookings: Booking[] }>('/me/bookings'), 'bookings')

/** Books a time. `idempotencyKey` stays the same when the family retries, so it never books twice. */
export const book = (slotId: string, idempotencyKey: string, childId?: number) =>
  request<Booking>('/me/bookings', { method: 'POST', data: childId ? { slotId, childId } : { slotId }, headers: { 'idempotency-key': idempotencyKey } })

export const cancelBooking = (id: number) => request<unknown>(`/me/bookings/${id}`, { method: 'DELETE' })
