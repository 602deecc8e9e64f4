/** Booking: free times, my bookings, book, cancel, reschedule; waiting lists and the places they offer. */
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

/** Free times of a kind; with `includeFull`, full times too (to join their waiting list). */
export const freeTimes = async (type: SessionKind, includeFull = false) =>
  list(await request<FreeTime[] | { slots: FreeTime[] }>(`/booking/slots?type=${type}${includeFull ? '&includeFull=true' : ''}`), 'slots')
export const myBookings = async () => list(await request<Booking[] | { bookings: Booking[] }>('/me/bookings'), 'bookings')

/** Books a time. `idempotencyKey` stays the same when the family retries, so it never books twice. */
export const book = (slotId: string, idempotencyKey: string, childId?: number) =>
  request<Booking>('/me/bookings', { method: 'POST', data: childId ? { slotId, childId } : { slotId }, headers: { 'idempotency-key': idempotencyKey } })

export const cancelBooking = (id: number) => request<unknown>(`/me/bookings/${id}`, { method: 'DELETE' })

/** Moves a booking to another time (the same key on a retry of that attempt). */
export const reschedule = (bookingId: number, slotId: string, idempotencyKey: string) =>
  request<Booking>(`/me/bookings/${bookingId}/reschedule`, { method: 'POST', data: { slotId }, headers: { 'idempotency-key': idempotencyKey } })

export interface WaitlistEntry {
  id: number
  slotId: string
  type: SessionKind
  start: string
  status: 'waiting' | 'offered' | 'booked' | 'expired' | 'left' | 'closed'
  /** Place in the queue while waiting (1 = next). */
  position: number | null
}

export interface Offer {
  id: number
  slot: FreeTime
  status: 'open' | 'accepted' | 'expired' | 'declined' | 'withdrawn'
  /** Accept before this. */
  expiresAt: string
  bookingId: number | null
}

export const joinWaitlist = (slotId: string, childId?: number) => request<WaitlistEntry>('/me/waitlist', { method: 'POST', data: childId ? { slotId, childId } : { slotId } })
/** Supplementary lists on "my bookings": silent, so one failure is not said three times. */
export const myWaitlist = () => request<WaitlistEntry[]>('/me/waitlist', { silent: true })
export const leaveWaitlist = (id: number) => request<{ ok: boolean }>(`/me/waitlist/${id}`, { method: 'DELETE' })
export const myOffers = () => request<Offer[]>('/me/offers', { silent: true })
export const acceptOffer = (id: number) => request<Booking>(`/me/offers/${id}/accept`, { method: 'POST', data: {} })
export const declineOffer = (id: number) => request<{ ok: boolean }>(`/me/offers/${id}/decline`, { method: 'POST', data: {} })
