/**
 * An urgent message from a parent we cannot place (not registered, or no street and community given):
 * every child director and supervisor of the city has it in the queue and may read, claim and answer
 * it, until it is closed; the first to claim (or answer) it has it, and only they (or its owner, or an
 * administrator) answer, close or transfer it from then on. Other cities' staff and departments do not see it. A normal question
 * without a place, and an urgent one with a place, keep the owner rule (policies: `unplacedUrgent`).
 */
import 'reflect-metadata'
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { consoleRouter } from '../../src/staff/console.router'
import { makeFamily, makeStaff, outbox } from './helpers'
import { PASSWORD, type Browserish, signedInConsole } from '../e2e/fixtures'
import { askForPerson, submitNeed } from '../../src/domain/needs/needs.service'
import { claimTicket, closeTicket, getTicketThread, listQueue, replyToFamily, staffSeeingUnplacedUrgent } from '../../src/domain/tickets/tickets.service'
import { can, policyTable, type Resource } from '../../src/domain/policies/policies'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import type { StaffView } from '../../src/domain/staff/staff.service'
import type { DomainContext } from '../../src/domain/context'

const DANGER = '我老公喝醉了打孩子，孩子身上都是伤'

describe('policies: rule unplacedUrgent', () => {
  const table = policyTable()
  const row = (role: string, action: string) => table.find((r) => r.role === role && r.action === action)!

  it('lets every director and supervisor of the jurisdiction read, claim and answer; close and transfer stay with the claimer', () => {
    for (const role of ['child-director', 'supervisor']) {
      for (const action of ['ticket.read', 'ticket.claim', 'ticket.reply']) {
        expect(row(role, action).unplacedUrgent, `${role} ${action}`).toBe(true)
        expect(row(role, action).unplacedUrgentElsewhere, `${role} ${action} elsewhere`).toBe(false)
      }
      for (const action of ['ticket.close', 'ticket.transfer', 'referral.update', 'family.read', 'key_case.read']) expect(row(role, action).unplacedUrgent, `${role} ${action}`).toBe(false)
      // once someone else has claimed it: they still read it (and are told who has it), answering is the claimer's
      for (const action of ['ticket.read', 'ticket.claim']) expect(row(role, action).unplacedUrgentClaimedByOther, `${role} ${action} claimed`).toBe(true)
      for (const action of ['ticket.reply', 'ticket.close', 'ticket.transfer']) expect(row(role, action).unplacedUrgentClaimedByOther, `${role} ${action} claimed`).toBe(false)
    }
    for (const r of table.filter((x) => x.role === 'department' || x.role === 'provider')) {
      if (r.action === 'queue.list') continue
      expect(r.unplacedUrgent || r.unplacedUrgentElsewhere, `${r.role} ${r.action}`).toBe(false)
    }
    for (const action of ['ticket.read', 'ticket.claim', 'ticket.reply', 'ticket.close', 'ticket.transfer']) {
      expect(row('admin', action).unplacedUrgent && row('admin', action).unplacedUrgentElsewhere && row('admin', action).unplacedUrgentClaimedByOther, action).toBe(true)
    }
  })

  it('applies only to an urgent escalation, not closed, with neither street nor community', () => {
    const director: StaffView = { id: 7, username: 'd', role: 'child-director', jurisdiction: 'jincheng', department: null, street: '西街道', communities: ['西街社区'], providerKind: null, wechatId: null }
    const t = (over: Partial<Extract<Resource, { type: 'ticket' }>> = {}): Resource => ({ type: 'ticket', kind: 'escalation', departments: [], ownerStaffId: 1, raisedTo: null, priority: 'urgent', status: 'new', claimedBy: null, jurisdiction: 'jincheng', street: null, community: null, ...over })
    expect(can(director, 'ticket.reply', t())).toBe(true)
    expect(can(director, 'ticket.reply', t({ claimedBy: 7, status: 'claimed' }))).toBe(true)
    expect(can(director, 'ticket.reply', t({ claimedBy: 8, status: 'claimed' }))).toBe(false)
    expect(can(director, 'ticket.read', t({ claimedBy: 8, status: 'claimed' }))).toBe(true)
    // whoever claimed it reads it after closing it (it keeps its claimer) or transferring it (its history)
    expect(can(director, 'ticket.read', t({ claimedBy: 7, status: 'closed' }))).toBe(true)
    expect(can(director, 'ticket.read', t({ kind: 'referral', departments: ['市民政局'], status: 'transferred', claimedEarlierBy: [7] }))).toBe(true)
    expect(can(director, 'ticket.reply', t({ claimedBy: 7, status: 'closed' }))).toBe(false)
    expect(can(director, 'ticket.close', t())).toBe(false)
    expect(can(director, 'ticket.close', t({ claimedBy: 7, status: 'claimed' }))).toBe(true)
    expect(can(director, 'ticket.close', t({ claimedBy: 8, status: 'claimed' }))).toBe(false)
    expect(can(director, 'ticket.read', t({ status: 'closed' }))).toBe(false)
    expect(can(director, 'ticket.read', t({ priority: 'normal' }))).toBe(false)
    expect(can(director, 'ticket.read', t({ street: '东街道' }))).toBe(false)
    expect(can(director, 'ticket.read', t({ community: '东街社区' }))).toBe(false)
    expect(can(director, 'ticket.read', t({ jurisdiction: 'changzhi' }))).toBe(false)
    expect(can(director, 'ticket.read', t({ kind: 'referral' }))).toBe(false)
  })
})

describeEachDb('an urgent message from a parent we cannot place', (h) => {
  let ctx: DomainContext
  let admin: StaffView, east: StaffView, west: StaffView, sup: StaffView, edu: StaffView, far: StaffView, farSup: StaffView, provider: StaffView
  let api: Api
  let n = 0

  /** A parent who has not registered (an identity without a family) writes `text` from `jurisdiction`. */
  const stranger = async (text: string, jurisdiction = 'jincheng') => {
    const identity = await findOrCreateIdentity(ctx, 'bot', `wx-unplaced-${++n}`)
    const r = await submitNeed(ctx, { identityId: identity.id, familyId: null, text, channel: 'bot', jurisdiction })
    return { identityId: identity.id, ticketId: r.ticketId!, outcome: r.outcome }
  }
  const queueIds = async (s: StaffView, status: 'open' | 'all' = 'open') => (await listQueue(ctx, s, { status })).map((t) => t.id)

  const signedIn = (username: string): Promise<Browserish> => signedInConsole(api.base, username)

  beforeAll(async () => {
    ctx = h.ctx()
    api = await startApi(ctx, [consoleRouter(ctx)])
    admin = await makeStaff(ctx, { username: 'admin', role: 'admin', password: PASSWORD })
    east = await makeStaff(ctx, { username: 'east', role: 'child-director', jurisdiction: 'jincheng', street: '东街道', communities: ['东街社区'], password: PASSWORD })
    west = await makeStaff(ctx, { username: 'west', role: 'child-director', jurisdiction: 'jincheng', street: '西街道', communities: ['西街社区'], password: PASSWORD })
    sup = await makeStaff(ctx, { username: 'east-sup', role: 'supervisor', jurisdiction: 'jincheng', street: '东街道', password: PASSWORD })
    edu = await makeStaff(ctx, { username: 'edu', role: 'department', jurisdiction: 'jincheng', department: '市教育局', password: PASSWORD })
    far = await makeStaff(ctx, { username: 'changzhi-director', role: 'child-director', jurisdiction: 'changzhi', street: '英雄中路街道', communities: ['英雄中路社区'], password: PASSWORD })
    farSup = await makeStaff(ctx, { username: 'changzhi-sup', role: 'supervisor', jurisdiction: 'changzhi', street: '英雄中路街道', password: PASSWORD })
    provider = await makeStaff(ctx, { username: 'teacher', role: 'provider', jurisdiction: 'jincheng', providerKind: 'counsellor', password: PASSWORD })
  })
  afterAll(async () => {
    await api?.close()
  })

  it('is in the queue of every director and supervisor of the city, and of the administrator; not of another city, a department or a provider', async () => {
    const { ticketId, outcome } = await stranger(DANGER)
    expect(outcome).toBe('escalated')
    for (const s of [east, west, sup, admin]) expect(await queueIds(s), s.username).toContain(ticketId)
    for (const s of [edu, far, farSup]) expect(await queueIds(s), s.username).not.toContain(ticketId)
    expect(await queueIds(provider)).toEqual([])
    // urgent first in a director's queue, and each of them reads the parent's words
    expect((await listQueue(ctx, west))[0]).toMatchObject({ id: ticketId, priority: 'urgent', street: null, community: null })
    for (const s of [east, west, sup]) expect((await getTicketThread(ctx, s, ticketId)).messages.map((m) => m.text), s.username).toEqual([DANGER])
    for (const s of [edu, far, farSup]) await expect(getTicketThread(ctx, s, ticketId), s.username).rejects.toMatchObject({ code: 'forbidden' })
    // the owner rule and the staff-room post are as before
    const thread = await getTicketThread(ctx, admin, ticketId)
    expect(thread.ownerStaffId).toBe(admin.id)
    expect(thread.history[0]!.detail).toMatchObject({ assignedVia: 'admin' })
    const post = (await outbox(ctx, { channel: 'staff_room' })).find((p) => (p.params as { ticketId?: number }).ticketId === ticketId)!
    expect(post).toMatchObject({ messageKey: 'staff:room.urgent', recipient: 'jincheng', plainText: DANGER })
    // the bot's way to say who has it: the city's directors and supervisors
    expect((await staffSeeingUnplacedUrgent(ctx, { jurisdiction: 'jincheng', street: null, community: null })).map((s) => s.username)).toEqual(['east', 'west', 'east-sup'])
    expect(await staffSeeingUnplacedUrgent(ctx, { jurisdiction: 'jincheng', street: '东街道', community: '东街社区' })).toEqual([])
  })

  it('is claimed first come: the claim is not taken over, the answer reaches the parent, only the claimer closes it, then it leaves the others', async () => {
    const { ticketId, identityId } = await stranger('孩子被人拐走了，找不到了')
    expect((await claimTicket(ctx, west, ticketId)).claimedBy).toBe(west.id)
    for (const s of [east, sup, admin]) await expect(claimTicket(ctx, s, ticketId), s.username).rejects.toMatchObject({ code: 'conflict', details: { reason: 'claimed_by_other' } })
    await replyToFamily(ctx, west, ticketId, '我是西街社区的儿童主任，已经报警，请告诉我您在哪里。')
    const sent = await outbox(ctx, { kind: 'staff_reply', recipient: String(identityId) })
    expect(sent.map((m) => [m.channel, m.plainText])).toEqual([['bot', '我是西街社区的儿童主任，已经报警，请告诉我您在哪里。']])
    const answered = await getTicketThread(ctx, east, ticketId)
    expect(answered).toMatchObject({ status: 'answered', claimedBy: west.id })
    // closing is the claimer's (or the owner's): another director is refused and nothing changes
    await expect(closeTicket(ctx, east, ticketId)).rejects.toMatchObject({ code: 'forbidden' })
    expect((await getTicketThread(ctx, admin, ticketId)).status).toBe('answered')
    expect((await closeTicket(ctx, west, ticketId)).status).toBe('closed')
    for (const s of [east, sup]) {
      expect(await queueIds(s, 'all'), s.username).not.toContain(ticketId)
      await expect(getTicketThread(ctx, s, ticketId), s.username).rejects.toMatchObject({ code: 'forbidden' })
    }
    expect(await queueIds(admin, 'all')).toContain(ticketId)
  })

  it('covers a registered family that gave no street or community, and keeps the owner rule where the place is known', async () => {
    const unplaced = await makeFamily(ctx, { jurisdiction: 'jincheng', street: null, community: null })
    const a = await submitNeed(ctx, { identityId: unplaced.identityId, familyId: unplaced.familyId, text: DANGER, channel: 'bot', jurisdiction: 'jincheng' })
    for (const s of [east, west, sup]) expect(await queueIds(s), s.username).toContain(a.ticketId)
    const placed = await makeFamily(ctx, { jurisdiction: 'jincheng', street: '东街道', community: '东街社区' })
    const b = await submitNeed(ctx, { identityId: placed.identityId, familyId: placed.familyId, text: DANGER, channel: 'bot', jurisdiction: 'jincheng' })
    expect((await getTicketThread(ctx, east, b.ticketId!)).ownerStaffId).toBe(east.id)
    expect(await queueIds(west)).not.toContain(b.ticketId)
    await expect(getTicketThread(ctx, west, b.ticketId!)).rejects.toMatchObject({ code: 'forbidden' })
  })

  it('keeps the owner rule for a normal question without a place', async () => {
    const identity = await findOrCreateIdentity(ctx, 'bot', 'wx-unplaced-normal')
    const t = await askForPerson(ctx, { identityId: identity.id, text: '想问问孩子上学要带什么材料', channel: 'bot', jurisdiction: 'jincheng' })
    expect(t.ownerStaffId).toBe(admin.id)
    for (const s of [east, west, sup]) {
      expect(await queueIds(s), s.username).not.toContain(t.id)
      await expect(claimTicket(ctx, s, t.id), s.username).rejects.toMatchObject({ code: 'forbidden' })
    }
  })

  it("where we know nothing ('national'): administrators, and staff whose account is for 'national', not a city's", async () => {
    const { ticketId } = await stranger(DANGER, 'national')
    expect(await queueIds(admin)).toContain(ticketId)
    for (const s of [east, west, sup, far]) expect(await queueIds(s), s.username).not.toContain(ticketId)
    const duty = await makeStaff(ctx, { username: 'national-duty', role: 'supervisor', jurisdiction: 'national', street: '全国值班', password: PASSWORD })
    expect(await queueIds(duty)).toContain(ticketId)
  })

  it('in the console: the tag says who sees it, the claim button first; after one director claims, the others see who has it and no close button', async () => {
    const { ticketId } = await stranger('孩子说不想活了，要跳楼')
    const westB = await signedIn('west')
    const queue = await westB.get('/staff/queue')
    expect(queue.text).toContain(`href="/staff/queue/${ticketId}"`)
    expect(queue.text).toContain('地点不明：本市每位儿童主任和督导员都能看到，先认领的人处理')
    const before = await westB.get(`/staff/queue/${ticketId}`)
    expect(before.status).toBe(200)
    expect(before.text).toContain('家长还没说住在哪个街道和社区')
    expect(before.text).toContain(`action="/staff/queue/${ticketId}/claim"`)
    expect(before.text).not.toContain(`action="/staff/queue/${ticketId}/close"`)
    expect(before.text).not.toContain(`action="/staff/queue/${ticketId}/transfer"`)
    const claimed = await westB.post(`/staff/queue/${ticketId}/claim`, {})
    expect(claimed.status).toBe(200)
    expect(claimed.text).toContain(`action="/staff/queue/${ticketId}/close"`)
    expect(claimed.text).toContain('标记为已完成')

    const eastB = await signedIn('east')
    expect((await eastB.get('/staff/queue')).text).toContain(`href="/staff/queue/${ticketId}"`)
    const other = await eastB.get(`/staff/queue/${ticketId}`)
    expect(other.text).toContain('已由 west 认领。')
    expect(other.text).not.toContain(`action="/staff/queue/${ticketId}/claim"`)
    expect(other.text).not.toContain(`action="/staff/queue/${ticketId}/close"`)
    expect((await eastB.post(`/staff/queue/${ticketId}/close`, {})).status).toBe(403)

    const farB = await signedIn('changzhi-director')
    expect((await farB.get('/staff/queue')).text).not.toContain(`href="/staff/queue/${ticketId}"`)
    expect((await farB.get(`/staff/queue/${ticketId}`)).status).toBe(403)
  })
})
