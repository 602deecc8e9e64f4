/**
 * QA round 4, staff side (findings 5 and 7): a parent's second urgent message while their urgent question is
 * still open joins it (its thread, waiting again, posted again to the staff room as urgent) instead of opening
 * a new question city-wide; and when the parent finishes registering, their open questions from before are
 * attached to the family and its place, and the community's director gets them (the history says so).
 */
import 'reflect-metadata'
import { it, expect, beforeAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { makeStaff, outbox } from './helpers'
import { submitNeed } from '../../src/domain/needs/needs.service'
import { claimTicket, closeTicket, getTicketThread, listQueue, replyToFamily } from '../../src/domain/tickets/tickets.service'
import { saveProfile } from '../../src/domain/registry/registry.service'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import type { StaffView } from '../../src/domain/staff/staff.service'
import type { DomainContext } from '../../src/domain/context'

const FAREWELL = '孩子给我发消息说谢谢你们，以后不用等我了，照顾好自己，再见了'
const AGAIN = '我不知道他在哪，电话打不通，孩子说不想活了，求求你们帮帮我'

describeEachDb('a parent we cannot place writes again, then registers (QA round 4)', (h) => {
  let ctx: DomainContext
  let admin: StaffView, east: StaffView, west: StaffView
  let n = 0

  const stranger = async () => (await findOrCreateIdentity(ctx, 'bot', `wx-qa4-join-${++n}`)).id
  const urgent = async (identityId: number, text: string) => {
    const r = await submitNeed(ctx, { identityId, familyId: null, text, channel: 'bot', jurisdiction: 'jincheng' })
    expect(r).toMatchObject({ urgent: true, outcome: 'escalated' })
    return r.ticketId!
  }
  const roomPosts = async (ticketId: number) => (await outbox(ctx, { channel: 'staff_room' })).filter((p) => (p.params as { ticketId?: number }).ticketId === ticketId).map((p) => [p.messageKey, p.plainText])

  beforeAll(async () => {
    ctx = h.ctx()
    admin = await makeStaff(ctx, { username: 'j-admin', role: 'admin' })
    east = await makeStaff(ctx, { username: 'j-east', role: 'child-director', jurisdiction: 'jincheng', street: '东街街道', communities: ['东街社区'] })
    west = await makeStaff(ctx, { username: 'j-west', role: 'child-director', jurisdiction: 'jincheng', street: '西街街道', communities: ['西街社区'] })
  })

  it('a second urgent message joins the open urgent question: its thread, waiting again, posted again as urgent; no new question', async () => {
    const identityId = await stranger()
    const first = await urgent(identityId, FAREWELL)
    await replyToFamily(ctx, east, first, '孩子现在在哪里？')
    const before = (await listQueue(ctx, west, { status: 'all' })).length
    const second = await urgent(identityId, AGAIN)
    expect(second).toBe(first)
    expect((await listQueue(ctx, west, { status: 'all' })).length).toBe(before)
    const t = await getTicketThread(ctx, east, first)
    expect(t.messages.map((m) => [m.from, m.text])).toEqual([['family', FAREWELL], ['staff', '孩子现在在哪里？'], ['family', AGAIN]])
    // answered → waiting for its claimer again
    expect(t).toMatchObject({ status: 'claimed', claimedBy: east.id, priority: 'urgent' })
    expect(new Date(t.waitingSince).getTime()).toBe(h.clock().now().getTime())
    expect(t.history.at(-1)).toMatchObject({ actor: 'family', action: 'family_replied', detail: { urgent: true } })
    expect(await roomPosts(first)).toEqual([['staff:room.urgent', FAREWELL], ['staff:room.urgentAgain', AGAIN]])
  })

  it('once the urgent question is closed, a new urgent message opens a new one', async () => {
    const identityId = await stranger()
    const first = await urgent(identityId, FAREWELL)
    await claimTicket(ctx, west, first)
    await closeTicket(ctx, west, first, '孩子已经找到了。')
    const second = await urgent(identityId, AGAIN)
    expect(second).not.toBe(first)
    expect((await getTicketThread(ctx, admin, second)).messages.map((m) => m.text)).toEqual([AGAIN])
  })

  it('when the parent finishes registering, their open questions get the family and its place, and the community director gets them', async () => {
    const identityId = await stranger()
    const unclaimed = await urgent(identityId, FAREWELL)
    const other = await stranger()
    const claimedElsewhere = await urgent(other, '孩子一个人被锁在家里，一直在哭')
    await claimTicket(ctx, east, claimedElsewhere)
    expect((await listQueue(ctx, east)).map((t) => t.id)).toContain(unclaimed)

    const profile = (name: string) => ({ name, relation: 'mother' as const, phone: '13912345678', jurisdiction: 'jincheng', district: '城区', street: '西街街道', community: '西街社区', hukou: { province: '河南省', city: '周口市', county: '郸城县' }, movedInOn: '2025-01-01', residencePermit: true, consent: { accepted: true, version: '2026-03' } })
    const family = await saveProfile(ctx, identityId, profile('李梅'), 'zh-CN')
    const t = await getTicketThread(ctx, west, unclaimed)
    expect(t).toMatchObject({ familyId: family.id, jurisdiction: 'jincheng', street: '西街街道', community: '西街社区', ownerStaffId: west.id })
    expect(t.history.at(-1)).toMatchObject({ actor: 'system', action: 'placed', detail: { familyId: family.id, assignedVia: 'child-director', ownerStaffId: west.id, to: '西街街道 西街社区' } })
    // no longer every director's: west's own, not east's
    expect((await listQueue(ctx, west)).map((x) => x.id)).toContain(unclaimed)
    expect((await listQueue(ctx, east, { status: 'all' })).map((x) => x.id)).not.toContain(unclaimed)
    await expect(getTicketThread(ctx, east, unclaimed)).rejects.toMatchObject({ code: 'forbidden' })

    // a question someone already claimed stays with them (they keep answering), and the community's director owns it
    const family2 = await saveProfile(ctx, other, profile('王芳'), 'zh-CN')
    const c = await getTicketThread(ctx, east, claimedElsewhere)
    expect(c).toMatchObject({ familyId: family2.id, street: '西街街道', community: '西街社区', ownerStaffId: west.id, claimedBy: east.id })
    await replyToFamily(ctx, east, claimedElsewhere, '我是东街的儿童主任，刚才认领了，我继续跟进。')
    expect((await getTicketThread(ctx, west, claimedElsewhere)).messages.at(-1)).toMatchObject({ from: 'staff' })
    // saving the profile again changes nothing more
    await saveProfile(ctx, identityId, profile('李梅'), 'zh-CN')
    expect((await getTicketThread(ctx, west, unclaimed)).history.filter((e) => e.action === 'placed')).toHaveLength(1)
  })
})
