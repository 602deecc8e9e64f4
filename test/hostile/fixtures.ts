/**
 * The people of the hostile-input tests, set up through the real API as users would:
 * two registered families in the same city, on different streets (each with a child, a need that reached staff
 * and a booking) and one staff member of every role, signed in.
 */
import { expect } from 'vitest'
import type { Api } from '../api/http'
import type { DomainContext } from '../../src/domain/context'
import { createProvider, openSlot } from '../../src/domain/booking/staff.service'
import { createStaff, signIn, type StaffView } from '../../src/domain/staff/staff.service'
import { DAY } from '../../src/shared/clock'

export interface FamilyFixture {
  token: string
  childId: number
  needId: number
  ticketId: number
  bookingId: number
  place: { jurisdiction: string; street: string; community: string }
}

export const PLACES = {
  a: { jurisdiction: 'jincheng', district: '城区', street: '东街道', community: '东街社区' },
  b: { jurisdiction: 'jincheng', district: '城区', street: '西街道', community: '西街社区' },
} as const

export function profile(name: string, place: (typeof PLACES)[keyof typeof PLACES], phone = '13800138000') {
  return {
    name,
    relation: 'mother',
    phone,
    ...place,
    hukou: { province: '河南省', city: '周口市', county: '郸城县' },
    movedInOn: '2025-05-01',
    residencePermit: true,
    consent: { accepted: true, version: '2026-03' },
    language: 'zh-CN',
  }
}

export async function signInFamily(api: Api, who: string): Promise<string> {
  const r = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: `dev:${who}` } })
  expect(r.status).toBe(200)
  return r.body.token
}

/** A family registered through the API with one child, one need (routed to a department) and one booking. */
export async function makeFamilyThroughApi(dctx: DomainContext, api: Api, who: string, key: keyof typeof PLACES, texts: { parent?: string; child?: string; need?: string } = {}): Promise<FamilyFixture> {
  const token = await signInFamily(api, who)
  const place = PLACES[key]
  const me = await api.call('PUT', '/api/v1/me', { token, body: profile(texts.parent ?? '王芳', place) })
  expect(me.status, JSON.stringify(me.body)).toBe(200)
  const child = await api.call('POST', '/api/v1/me/children', { token, body: { name: texts.child ?? '小明', sex: 'male', birthDate: '2017-09-01', schoolStage: 'primary', situations: ['disability'] } })
  expect(child.status, JSON.stringify(child.body)).toBe(201)
  const need = await api.call('POST', '/api/v1/me/needs', { token, body: { text: texts.need ?? '孩子想转学到这边的公办小学，要办什么手续？', childId: child.body.id } })
  expect(need.status, JSON.stringify(need.body)).toBe(201)
  const msg = await api.call('POST', '/api/v1/me/messages', { token, body: { text: '请工作人员联系我', jurisdiction: place.jurisdiction } })
  expect(msg.status, JSON.stringify(msg.body)).toBe(201)
  const provider = await createProvider(dctx, { displayName: `${who} 老师`, kinds: ['mental_health'], jurisdiction: place.jurisdiction })
  const start = new Date(Math.ceil((dctx.clock.now().getTime() + 3 * DAY) / 3_600_000) * 3_600_000)
  const slot = await openSlot(dctx, { providerId: provider.id, start, minutes: 50, capacity: 2, kind: 'mental_health', mode: 'online' })
  const booking = await api.call('POST', '/api/v1/me/bookings', { token, body: { slotId: slot.id, childId: child.body.id }, headers: { 'idempotency-key': `fixture-${who}` } })
  expect(booking.status, JSON.stringify(booking.body)).toBe(201)
  return { token, childId: child.body.id, needId: need.body.needId, ticketId: msg.body.ticketId, bookingId: booking.body.id, place: { jurisdiction: place.jurisdiction, street: place.street, community: place.community } }
}

export interface StaffFixture {
  view: StaffView
  token: string
}

/** One staff member of every role for each place (admin once), signed in. */
export async function makeStaffOfEveryRole(dctx: DomainContext): Promise<Record<string, StaffFixture>> {
  const specs: Array<[string, Parameters<typeof createStaff>[1]]> = [
    ['admin', { username: 'h-admin', password: 'correct horse 1', role: 'admin' }],
    ['aDirector', { username: 'h-a-director', password: 'correct horse 1', role: 'child-director', jurisdiction: PLACES.a.jurisdiction, street: PLACES.a.street, communities: [PLACES.a.community] }],
    ['aSupervisor', { username: 'h-a-supervisor', password: 'correct horse 1', role: 'supervisor', jurisdiction: PLACES.a.jurisdiction, street: PLACES.a.street }],
    ['bDirector', { username: 'h-b-director', password: 'correct horse 1', role: 'child-director', jurisdiction: PLACES.b.jurisdiction, street: PLACES.b.street, communities: [PLACES.b.community] }],
    ['bSupervisor', { username: 'h-b-supervisor', password: 'correct horse 1', role: 'supervisor', jurisdiction: PLACES.b.jurisdiction, street: PLACES.b.street }],
    ['provider', { username: 'h-provider', password: 'correct horse 1', role: 'provider', jurisdiction: PLACES.a.jurisdiction, providerKind: 'counsellor' }],
  ]
  const out: Record<string, StaffFixture> = {}
  for (const [key, spec] of specs) {
    const view = await createStaff(dctx, spec)
    out[key] = { view, token: (await signIn(dctx, spec.username, spec.password)).token }
  }
  return out
}
