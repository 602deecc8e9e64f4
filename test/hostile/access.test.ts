/**
 * Who may do what, over HTTP:
 *  - a family's token against every family route that names a record, with another family's
 *    record ids: all refused, nothing changed; family tokens on staff routes and staff tokens
 *    on family routes: 401;
 *  - every staff role against its own area's and another area's data, the expected answer of
 *    each (role, action, area) taken from the policy module's generated table (`policyTable()`):
 *    refused exactly where the table says so, with 403 and no change to any row;
 *  - every staff member against every provider's schedule (own community, another street, another
 *    city), the expected answer from the policy module's booking rules (`can`).
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { makeFamilyThroughApi, makeStaffOfEveryRole, PLACES, type FamilyFixture, type StaffFixture } from './fixtures'
import { rowCounts, expectErrorShape, sampleFromSchema } from './support'
import { ACTIONS, can, policyTable, type Action, type PolicyRow } from '../../src/domain/policies/policies'
import { providerResource } from '../../src/domain/reports/schedules'
import { createProvider } from '../../src/domain/booking/staff.service'
import { departmentsFor } from '../../src/content/index'
import { createStaff, signIn, jurisdictionDepartments } from '../../src/domain/staff/staff.service'
import { openTicket } from '../../src/domain/tickets/tickets.service'
import { listKeyCases } from '../../src/domain/registry/key-cases'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { localDate } from '../../src/shared/dates'
import type { StaffRole } from '../../src/domain/staff/staff.service'

interface Area {
  family: FamilyFixture
  familyId: number
  escalation: number
  referral: number
  keyCase: number
  department: string
}

type Operation = { security?: Array<Record<string, unknown>>; requestBody?: { content?: Record<string, { schema?: never }> } }

/** The order actions are tried in: reads first, then changes, closing and transferring last. */
const ORDER: Action[] = ['queue.list', 'ticket.read', 'family.read', 'child.id_number.reveal', 'key_case.read', 'audit.read', 'staff.manage', 'ticket.claim', 'ticket.reply', 'key_case.record', 'referral.update', 'ticket.close', 'ticket.transfer']

describeEachDb('who may do what (families and staff roles, from the policy table)', (h) => {
  let api: Api
  let staff: Record<string, StaffFixture>
  const areas = {} as Record<'own' | 'other', Area>

  beforeAll(async () => {
    const ctx = h.ctx()
    api = await startApi(ctx)
    staff = await makeStaffOfEveryRole(ctx)
    const a = await makeFamilyThroughApi(ctx, api, 'family-a', 'a')
    // Family B's need goes to another department of the same city.
    const b = await makeFamilyThroughApi(ctx, api, 'family-b', 'b', { parent: '李娟', child: '小红', need: '家里困难，怎么申请低保？' })
    for (const [key, fam, place] of [['own', a, PLACES.a], ['other', b, PLACES.b]] as const) {
      const needs = (await api.call('GET', '/api/v1/me/needs', { token: fam.token })).body as Array<{ departments: string[]; ticketId: number | null }>
      const me = (await api.call('GET', '/api/v1/me', { token: fam.token })).body
      const familyId = me.family.id as number
      const identity = await findOrCreateIdentity(ctx, 'miniprogram', `dev:${key === 'own' ? 'family-a' : 'family-b'}`)
      const escalation = await openTicket(ctx, { identityId: identity.id, channel: 'miniprogram', familyId, place: { jurisdiction: place.jurisdiction, street: place.street, community: place.community }, text: '想找人聊聊', kind: 'escalation', priority: 'normal', service: 'none', departments: [], reason: 'asked' })
      const keyCase = (await listKeyCases(ctx, { jurisdictionId: place.jurisdiction })).find((k) => k.familyId === familyId)!
      areas[key] = { family: fam, familyId, escalation: escalation.id, referral: needs[0]!.ticketId!, keyCase: keyCase.id, department: needs[0]!.departments[0]! }
    }
    expect(areas.own.department).not.toBe(areas.other.department)
    const dept = { username: 'h-a-dept', password: 'correct horse 1', role: 'department' as const, jurisdiction: PLACES.a.jurisdiction, department: areas.own.department }
    await createStaff(ctx, dept)
    staff.aDept = { view: (await signIn(ctx, dept.username, dept.password)).staff, token: (await signIn(ctx, dept.username, dept.password)).token }
  })
  afterAll(async () => {
    await api?.close()
  })

  it('refuses one family every record of another family on every family route that names one', async () => {
    const doc = (await api.call('GET', '/api/v1/openapi.json')).body as { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, never> } }
    const other = areas.other.family
    const theirIds = [other.childId, other.bookingId, other.needId, other.ticketId]
    const before = JSON.stringify((await api.call('GET', '/api/v1/me/export', { token: other.token })).body)
    // a body that passes validation (from the route's own schema), so the ownership check is what answers
    const bodyFor = (op: Operation) => sampleFromSchema(op.requestBody?.content?.['application/json']?.schema, doc, { childId: other.childId, name: '改掉' })
    let tried = 0
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.includes('{')) continue
      for (const [method, op] of Object.entries(methods)) {
        if (!op.security?.some((s) => 'familyToken' in s)) continue
        for (const id of theirIds) {
          const url = path.replace(/\{[^}]+\}/g, String(id))
          const counts = await rowCounts(h.ctx())
          const r = await api.call(method.toUpperCase(), url, { token: areas.own.family.token, body: method === 'get' ? undefined : (bodyFor(op) ?? {}), headers: { 'idempotency-key': `steal-${tried}` } })
          expect([403, 404], `${method} ${url}: ${r.status} ${JSON.stringify(r.body)}`).toContain(r.status)
          expectErrorShape(r, `${method} ${url}`)
          expect(await rowCounts(h.ctx()), `${method} ${url}`).toEqual(counts)
          tried++
        }
      }
    }
    expect(tried).toBeGreaterThanOrEqual(4 * 7)
    expect(JSON.stringify((await api.call('GET', '/api/v1/me/export', { token: other.token })).body)).toBe(before)
  })

  it('answers 401 to a family token on every staff route and to a staff token on every family route', async () => {
    const doc = (await api.call('GET', '/api/v1/openapi.json')).body as { paths: Record<string, Record<string, { security?: Array<Record<string, unknown>> }>> }
    let n = 0
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const needs = op.security?.[0] ?? {}
        const token = 'familyToken' in needs ? staff.admin!.token : 'staffToken' in needs ? areas.own.family.token : undefined
        if (!token) continue
        const r = await api.call(method.toUpperCase(), path.replace(/\{[^}]+\}/g, String(areas.own.familyId)), { token, body: method === 'get' ? undefined : {} })
        expect(r.status, `${method} ${path}`).toBe(401)
        expectErrorShape(r, `${method} ${path}`)
        n++
      }
    }
    expect(n).toBeGreaterThan(35)
  })

  /** The HTTP request that does `action` on the resource of `area`, as `role` sees it. */
  function requestFor(role: StaffRole, action: Action, area: Area): { method: string; path: string; body?: unknown } | undefined {
    // Department staff handle referrals: the policy table shows them the referral case.
    const ticket = role === 'department' || action === 'referral.update' ? area.referral : area.escalation
    const otherDept = jurisdictionDepartments(PLACES.a.jurisdiction).find((d) => d !== area.department)!
    switch (action) {
      case 'queue.list': return { method: 'GET', path: '/api/v1/staff/queue' }
      case 'ticket.read': return { method: 'GET', path: `/api/v1/staff/queue/${ticket}` }
      case 'ticket.claim': return { method: 'POST', path: `/api/v1/staff/queue/${ticket}/claim` }
      case 'ticket.reply': return { method: 'POST', path: `/api/v1/staff/queue/${ticket}/replies`, body: { text: '您好，我们明天联系您。' } }
      case 'ticket.transfer': return { method: 'POST', path: `/api/v1/staff/queue/${ticket}/transfer`, body: { department: otherDept, reason: '测试转办' } }
      case 'ticket.close': return { method: 'POST', path: `/api/v1/staff/queue/${ticket}/close` }
      case 'referral.update': return { method: 'POST', path: `/api/v1/staff/queue/${ticket}/referral`, body: { state: 'accepted' } }
      case 'family.read': return { method: 'GET', path: `/api/v1/staff/families/${area.familyId}` }
      case 'child.id_number.reveal': return { method: 'GET', path: `/api/v1/staff/children/${area.family.childId}/id-number` }
      case 'key_case.read': return { method: 'GET', path: `/api/v1/staff/key-cases/${area.keyCase}` }
      case 'key_case.record': return { method: 'POST', path: `/api/v1/staff/key-cases/${area.keyCase}/contacts`, body: { kind: 'contact', on: localDate(h.clock().now()), notes: '电话联系，孩子情况稳定。' } }
      case 'audit.read': return { method: 'GET', path: '/api/v1/staff/audit' }
      case 'staff.manage': return { method: 'GET', path: '/api/v1/staff/accounts' }
      default: return undefined
    }
  }

  it('gives every staff role exactly what the policy table allows, in its own area and in another', async () => {
    const who: Record<StaffRole, StaffFixture> = { admin: staff.admin!, department: staff.aDept!, 'child-director': staff.aDirector!, supervisor: staff.aSupervisor!, provider: staff.provider! }
    // every staff action of the policy module has its request here (a new one fails until it has)
    for (const action of ACTIONS) expect(ORDER, action).toContain(action)
    const table = policyTable().filter((r) => ORDER.includes(r.action))
    expect(table.length).toBe(5 * ORDER.length)
    type Case = { row: PolicyRow; area: 'own' | 'other'; allowed: boolean }
    const cases: Case[] = table.flatMap((row) => [
      { row, area: 'own' as const, allowed: row.ownArea },
      { row, area: 'other' as const, allowed: row.otherArea },
    ])
    const byOrder = (x: Case, y: Case) => ORDER.indexOf(x.row.action) - ORDER.indexOf(y.row.action)
    // Every refusal first (on untouched data), then what is allowed, reads before changes.
    const refused = cases.filter((c) => !c.allowed).sort(byOrder)
    const allowed = cases.filter((c) => c.allowed).sort(byOrder)
    expect(refused.length).toBeGreaterThan(20)
    expect(allowed.length).toBeGreaterThan(15)
    const outcomes: string[] = []
    for (const c of [...refused, ...allowed]) {
      const req = requestFor(c.row.role, c.row.action, areas[c.area])!
      const counts = await rowCounts(h.ctx())
      const r = await api.call(req.method, req.path, { token: who[c.row.role].token, body: req.body })
      const label = `${c.row.role} ${c.row.action} (${c.area} area) → ${req.method} ${req.path}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`
      if (c.allowed) {
        // Allowed: never refused for lack of rights (a ticket already closed by someone else may be 409).
        expect([401, 403, 404], label).not.toContain(r.status)
        expect(r.status, label).toBeLessThan(500)
      } else if (c.row.action === 'queue.list' && r.status === 200) {
        // A list refused is an empty list (providers have no queue): nothing is shown.
        expect(r.body, label).toEqual([])
      } else {
        expect(r.status, label).toBe(403)
        expectErrorShape(r, label)
        if (req.method !== 'GET') expect(await rowCounts(h.ctx()), label).toEqual(counts)
      }
      outcomes.push(`${c.row.role}|${c.row.action}|${c.area}|${r.status}`)
    }
    expect(outcomes.length).toBe(cases.length)
  })

  it('gives every staff role exactly what the policy table allows on an urgent message from a parent not registered, in its own city and in another (rule unplacedUrgent)', async () => {
    const who: Record<StaffRole, StaffFixture> = { admin: staff.admin!, department: staff.aDept!, 'child-director': staff.aDirector!, supervisor: staff.aSupervisor!, provider: staff.provider! }
    // a parent who has not registered writes from the city of area a, another from another city: urgent escalations with no place
    const urgentFrom = async (who: string, jurisdiction: string) => {
      const token = (await api.call('POST', '/api/v1/auth/wx-login', { body: { code: `dev:${who}` } })).body.token as string
      const r = await api.call('POST', '/api/v1/me/needs', { token, body: { text: '我老公喝醉了打孩子，孩子身上都是伤', jurisdiction } })
      expect(r.body, who).toMatchObject({ urgent: true, outcome: 'escalated' })
      return r.body.ticketId as number
    }
    const tickets = { own: await urgentFrom('stranger-a', PLACES.a.jurisdiction), other: await urgentFrom('stranger-far', 'changzhi') }
    const TICKET_ACTIONS: Action[] = ['ticket.read', 'ticket.claim', 'ticket.reply', 'referral.update', 'ticket.close', 'ticket.transfer']
    const table = policyTable().filter((r) => TICKET_ACTIONS.includes(r.action))
    const cases = table.flatMap((row) => [
      { row, where: 'own' as const, allowed: row.unplacedUrgent },
      { row, where: 'other' as const, allowed: row.unplacedUrgentElsewhere },
    ])
    const byOrder = (x: (typeof cases)[number], y: (typeof cases)[number]) => ORDER.indexOf(x.row.action) - ORDER.indexOf(y.row.action)
    const refused = cases.filter((c) => !c.allowed).sort(byOrder)
    const allowed = cases.filter((c) => c.allowed).sort(byOrder)
    // directors and supervisors of the city read, claim and answer it; nobody but administrators in another city
    expect(allowed.filter((c) => c.where === 'own').map((c) => `${c.row.role} ${c.row.action}`)).toEqual(expect.arrayContaining(['child-director ticket.reply', 'supervisor ticket.claim']))
    expect(allowed.filter((c) => c.where === 'other').every((c) => c.row.role === 'admin')).toBe(true)
    for (const c of [...refused, ...allowed]) {
      const area = { ...areas.own, escalation: tickets[c.where], referral: tickets[c.where] }
      const req = requestFor(c.row.role, c.row.action, area)!
      const counts = await rowCounts(h.ctx())
      const r = await api.call(req.method, req.path, { token: who[c.row.role].token, body: req.body })
      const label = `${c.row.role} ${c.row.action} (urgent, no place, ${c.where} city) → ${req.method} ${req.path}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`
      if (c.allowed) {
        // the first claim wins, later ones are 409; after an administrator closes it, a transfer is 409
        expect([401, 403, 404], label).not.toContain(r.status)
        expect(r.status, label).toBeLessThan(500)
      } else {
        expect(r.status, label).toBe(403)
        expectErrorShape(r, label)
        if (req.method !== 'GET') expect(await rowCounts(h.ctx()), label).toEqual(counts)
      }
    }
    // once another director of the city has claimed one: read and claim as the table says (the claim is 409,
    // someone has it); answering, closing and transferring refused, answering with who has it (409), nothing changed
    const claimed = await urgentFrom('stranger-a2', PLACES.a.jurisdiction)
    expect((await api.call('POST', `/api/v1/staff/queue/${claimed}/claim`, { token: staff.bDirector!.token })).status).toBe(200)
    for (const row of table.filter((r) => r.role !== 'admin')) {
      const area = { ...areas.own, escalation: claimed, referral: claimed }
      const req = requestFor(row.role, row.action, area)!
      const counts = await rowCounts(h.ctx())
      const r = await api.call(req.method, req.path, { token: who[row.role].token, body: req.body })
      const label = `${row.role} ${row.action} (urgent, no place, claimed by another) → ${req.method} ${req.path}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`
      if (req.method !== 'GET') expect(await rowCounts(h.ctx()), label).toEqual(counts)
      if (row.unplacedUrgentClaimedByOther) {
        expect(r.status, label).toBe(row.action === 'ticket.claim' ? 409 : 200)
      } else if (row.action === 'ticket.reply' && row.unplacedUrgent) {
        expect(r.status, label).toBe(409)
        expect(r.body.error, label).toMatchObject({ code: 'conflict', message: '别的工作人员已经认领了这个问题。' })
      } else {
        expect(r.status, label).toBe(403)
        expectErrorShape(r, label)
      }
    }
  })

  it('gives the owner of an escalation of its area exactly what the policy table allows once someone else claimed it (rule claimHolds)', async () => {
    const ctx = h.ctx()
    const table = policyTable().filter((r) => r.role === 'child-director' && ['ticket.read', 'ticket.claim', 'ticket.reply', 'ticket.close', 'ticket.transfer'].includes(r.action))
    expect(table.map((r) => [r.action, r.ownAreaClaimedByOther])).toEqual(expect.arrayContaining([['ticket.reply', false], ['ticket.close', false], ['ticket.read', true]]))
    const identity = await findOrCreateIdentity(ctx, 'miniprogram', 'dev:family-a')
    for (const row of table) {
      // a fresh escalation of area a (its owner: area a's director), claimed by an administrator
      const place = { jurisdiction: PLACES.a.jurisdiction, street: PLACES.a.street, community: PLACES.a.community }
      const t = await openTicket(ctx, { identityId: identity.id, channel: 'miniprogram', familyId: areas.own.familyId, place, text: '想找人聊聊', kind: 'escalation', priority: 'normal', service: 'none', departments: [], reason: 'asked' })
      expect(t.ownerStaffId).toBe(staff.aDirector!.view.id)
      expect((await api.call('POST', `/api/v1/staff/queue/${t.id}/claim`, { token: staff.admin!.token })).status).toBe(200)
      const req = requestFor('child-director', row.action, { ...areas.own, escalation: t.id })!
      const counts = await rowCounts(h.ctx())
      const r = await api.call(req.method, req.path, { token: staff.aDirector!.token, body: req.body })
      const label = `owner ${row.action} (claimed by another) → ${req.method} ${req.path}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`
      if (row.ownAreaClaimedByOther) {
        expect(r.status, label).toBe(row.action === 'ticket.claim' ? 409 : 200)
      } else {
        expect(r.status, label).toBe(409)
        expect(r.body.error, label).toMatchObject({ code: 'conflict', message: '别的工作人员已经认领了这个问题。' })
        expect(await rowCounts(h.ctx()), label).toEqual(counts)
      }
    }
  })

  it('opens a provider’s schedule exactly to whom the policy module’s booking rules allow (read, and marking attendance)', async () => {
    const ctx = h.ctx()
    // sessions are given by the departments each city's list names for the kind
    const mental = departmentsFor(PLACES.a.jurisdiction, 'mental_health')[0]!
    const family = departmentsFor(PLACES.b.jurisdiction, 'family_education')[0]!
    const providers = {
      own: await createProvider(ctx, { displayName: '东街心理老师', kinds: ['mental_health'], jurisdiction: PLACES.a.jurisdiction, community: PLACES.a.community, department: mental, staffId: staff.provider!.view.id }),
      other: await createProvider(ctx, { displayName: '西街家庭教育老师', kinds: ['family_education'], jurisdiction: PLACES.b.jurisdiction, community: PLACES.b.community, department: family }),
      far: await createProvider(ctx, { displayName: '长治心理老师', kinds: ['mental_health'], jurisdiction: 'changzhi', community: '英雄中路社区', department: departmentsFor('changzhi', 'mental_health')[0] ?? null }),
    }
    const sessionDept = { username: 'h-a-sessions', password: 'correct horse 1', role: 'department' as const, jurisdiction: PLACES.a.jurisdiction, department: mental }
    await createStaff(ctx, sessionDept)
    const signed = await signIn(ctx, sessionDept.username, sessionDept.password)
    const everyone: Record<string, StaffFixture> = { ...staff, aSessionsDept: { view: signed.staff, token: signed.token } }
    let allowed = 0
    let refused = 0
    for (const [who, s] of Object.entries(everyone)) {
      for (const [where, p] of Object.entries(providers)) {
        const resource = providerResource(p)
        const mayRead = can(s.view, 'booking.schedule.read', resource)
        const mayMark = can(s.view, 'booking.attendance.mark', resource)
        const r = await api.call('GET', `/api/v1/staff/booking/providers/${p.id}/schedule?from=${localDate(h.clock().now())}`, { token: s.token })
        const label = `${who} → ${where} provider: ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`
        if (mayRead || mayMark) {
          expect(r.status, label).toBe(200)
          expect(r.body.canMark, label).toBe(mayMark)
          allowed++
        } else {
          expect([403, 404], label).toContain(r.status)
          expectErrorShape(r, label)
          refused++
        }
      }
    }
    expect(allowed).toBeGreaterThan(3)
    expect(refused).toBeGreaterThan(3)
  })
})
