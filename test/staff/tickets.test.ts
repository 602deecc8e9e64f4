import { it, expect, beforeAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { makeFamily, makeStaff, outbox } from './helpers'
import {
  openTicket, listQueue, getTicketThread, claimTicket, replyToFamily, replyFromFamily, transferTicket, closeTicket,
  setReferralState, messagesForIdentity, resolveOwner,
} from '../../src/domain/tickets/tickets.service'
import { listAudit } from '../../src/domain/audit/audit.service'
import * as auditModule from '../../src/domain/audit/audit.service'
import { departmentsFor } from '../../src/content'
import { findOrCreateIdentity, linkIdentity } from '../../src/domain/identity/identity.service'
import type { StaffView } from '../../src/domain/staff/staff.service'
import type { DomainContext } from '../../src/domain/context'

const J = 'national'
const EAST = { jurisdiction: J, street: '东街道', community: '东社区' }
const WEST = { jurisdiction: J, street: '西街道', community: '西社区' }

describeEachDb('tickets: escalations, referrals, threads', (h) => {
  let admin: StaffView, east: StaffView, west: StaffView, sup: StaffView, edu: StaffView, civil: StaffView, provider: StaffView
  let famEast: { familyId: number; identityId: number }
  let famWest: { familyId: number; identityId: number }
  let ctx: DomainContext

  beforeAll(async () => {
    ctx = h.ctx()
    admin = await makeStaff(ctx, { username: 'admin', role: 'admin' })
    east = await makeStaff(ctx, { username: 'east-director', role: 'child-director', jurisdiction: J, street: '东街道', communities: ['东社区'] })
    west = await makeStaff(ctx, { username: 'west-director', role: 'child-director', jurisdiction: J, street: '西街道', communities: ['西社区'] })
    sup = await makeStaff(ctx, { username: 'east-supervisor', role: 'supervisor', jurisdiction: J, street: '东街道' })
    edu = await makeStaff(ctx, { username: 'edu', role: 'department', jurisdiction: J, department: '教育部' })
    civil = await makeStaff(ctx, { username: 'civil', role: 'department', jurisdiction: J, department: '民政部' })
    provider = await makeStaff(ctx, { username: 'counsellor', role: 'provider', jurisdiction: J, providerKind: 'counsellor' })
    famEast = await makeFamily(ctx, EAST, 'bot')
    famWest = await makeFamily(ctx, WEST, 'miniprogram')
  })

  const escalate = (fam: { familyId: number; identityId: number }, place: typeof EAST, text: string, priority: 'urgent' | 'normal' = 'normal', channel = 'bot') =>
    openTicket(ctx, { kind: 'escalation', priority, identityId: fam.identityId, channel, familyId: fam.familyId, service: 'none', departments: [], place, text, reason: 'asked' })

  it('sends an escalation to the child director of the family\'s community and posts it to the staff room', async () => {
    const t = await escalate(famEast, EAST, '孩子上学的事想找人问问')
    expect(t.ownerStaffId).toBe(east.id)
    const posts = await outbox(ctx, { channel: 'staff_room', kind: 'escalation' })
    const post = posts.find((p) => (p.params as { ticketId?: number }).ticketId === t.id)!
    expect(post.recipient).toBe('东社区')
    expect(post.messageKey).toBe('staff:room.escalation')
    expect(post.plainText).toBe('孩子上学的事想找人问问')
  })

  it('shows each staff member only their own area, and refuses the rest', async () => {
    const t = await escalate(famWest, WEST, '想找工作人员', 'normal', 'miniprogram')
    const ids = async (s: StaffView) => (await listQueue(ctx, s)).map((x) => x.id)
    expect(await ids(west)).toContain(t.id)
    expect(await ids(east)).not.toContain(t.id)
    expect(await ids(sup)).not.toContain(t.id) // west is not the east supervisor's street
    expect(await ids(edu)).not.toContain(t.id)
    expect(await ids(provider)).toEqual([])
    expect(await ids(admin)).toContain(t.id)
    await expect(getTicketThread(ctx, east, t.id)).rejects.toMatchObject({ code: 'forbidden' })
    await expect(claimTicket(ctx, edu, t.id)).rejects.toMatchObject({ code: 'forbidden' })
    await expect(replyToFamily(ctx, provider, t.id, 'hi')).rejects.toMatchObject({ code: 'forbidden' })
    await expect(getTicketThread(ctx, west, 999999)).rejects.toMatchObject({ code: 'not_found' })
  })

  it('orders the queue urgent first, then longest waiting', async () => {
    const first = await escalate(famEast, EAST, '第一个问题')
    h.clock().advance(60_000)
    const urgent = await escalate(famEast, EAST, '孩子不见了', 'urgent')
    const queue = (await listQueue(ctx, east)).map((x) => x.id)
    expect(queue[0]).toBe(urgent.id)
    expect(queue.indexOf(first.id)).toBeGreaterThan(0)
    const urgentOnly = await listQueue(ctx, east, { priority: 'urgent' })
    expect(urgentOnly.every((x) => x.priority === 'urgent')).toBe(true)
  })

  it('claims once; a staff answer reaches the parent in their channel; the parent answers back', async () => {
    const t = await escalate(famWest, WEST, '孩子晚上总是哭，怎么办', 'normal', 'miniprogram')
    await claimTicket(ctx, west, t.id)
    await expect(claimTicket(ctx, admin, t.id)).rejects.toMatchObject({ code: 'conflict' })
    await replyToFamily(ctx, west, t.id, '您好，明天上午我去您家看看。')
    const replies = await outbox(ctx, { kind: 'staff_reply', recipient: String(famWest.identityId) })
    expect(replies).toHaveLength(1)
    expect(replies[0]!.channel).toBe('miniprogram')
    expect(replies[0]!.plainText).toBe('您好，明天上午我去您家看看。')
    expect(replies[0]!.messageKey).toBe('staff:reply.leadIn')
    expect(replies[0]!.familyId).toBe(famWest.familyId)

    const back = await replyFromFamily(ctx, famWest.identityId, '好的，谢谢，上午十点在家')
    expect(back).toEqual({ ticketId: t.id, opened: false })
    const thread = await getTicketThread(ctx, west, t.id)
    expect(thread.messages.map((m) => m.from)).toEqual(['family', 'staff', 'family'])
    expect(thread.status).toBe('claimed')
    expect(thread.history.map((e) => e.action)).toEqual(['opened', 'claimed', 'answered', 'family_replied'])
    expect(thread.history[1]!.actor).toBe('staff:west-director')
    const mine = await messagesForIdentity(ctx, famWest.identityId)
    expect(mine.messages.map((m) => m.text)).toContain('您好，明天上午我去您家看看。')
    expect(mine.openTicketId).toBe(t.id)
  })

  it('with two open questions, the parent\'s answer joins the one they name (the one staff answered), else the newest', async () => {
    const fam = await makeFamily(ctx, WEST, 'bot')
    const older = await escalate(fam, WEST, '孩子两天没回家了', 'urgent')
    const newer = await escalate(fam, WEST, '想问问转学的事')
    await replyToFamily(ctx, west, older.id, '孩子回家了吗？')
    expect(await replyFromFamily(ctx, fam.identityId, '回家了，谢谢', { answering: older.id })).toEqual({ ticketId: older.id, opened: false })
    expect(await replyFromFamily(ctx, fam.identityId, '还有转学')).toEqual({ ticketId: newer.id, opened: false })
    // a question of another family is never joined
    const other = await escalate(famEast, EAST, '别家的问题')
    expect(await replyFromFamily(ctx, fam.identityId, '好的', { answering: other.id })).toEqual({ ticketId: newer.id, opened: false })
    // named by a client (the API), another family's question is refused and nothing is recorded
    await expect(replyFromFamily(ctx, fam.identityId, '写给别家的问题', { ticketId: other.id })).rejects.toMatchObject({ code: 'not_found' })
    expect((await messagesForIdentity(ctx, fam.identityId)).messages.map((m) => m.text)).not.toContain('写给别家的问题')
    expect(await replyFromFamily(ctx, fam.identityId, '两个都看到了', { ticketId: older.id })).toEqual({ ticketId: older.id, opened: false })
    for (const t of [older, newer]) await closeTicket(ctx, west, t.id)
    await closeTicket(ctx, east, other.id)
  })

  it('answers the parent where they wrote last (a second guardian, another channel)', async () => {
    const t = await escalate(famWest, WEST, '想问问托管的事', 'normal', 'miniprogram')
    const dad = await findOrCreateIdentity(ctx, 'bot', 'west-dad')
    await linkIdentity(ctx, dad.id, famWest.familyId, null)
    await replyToFamily(ctx, west, t.id, '请问孩子几岁？')
    await replyFromFamily(ctx, dad.id, '孩子5岁')
    await replyToFamily(ctx, west, t.id, '好的，下周社区有托管班。')
    const last = (await outbox(ctx, { kind: 'staff_reply' })).at(-1)!
    expect(last).toMatchObject({ channel: 'bot', recipient: String(dad.id), plainText: '好的，下周社区有托管班。' })
    await closeTicket(ctx, west, t.id)
  })

  it('transfers to another department with a reason; the new department sees it and answers the referral', async () => {
    const t = await escalate(famEast, EAST, '孩子想转学，学校不收')
    await expect(transferTicket(ctx, east, t.id, '不存在的局', '需要教育部门')).rejects.toMatchObject({ code: 'validation_failed' })
    await expect(transferTicket(ctx, east, t.id, '教育部', ' ')).rejects.toMatchObject({ code: 'validation_failed' })
    const moved = await transferTicket(ctx, east, t.id, '教育部', '入学要教育部门办理')
    expect(moved).toMatchObject({ kind: 'referral', status: 'transferred', referralState: 'sent', departments: ['教育部'] })
    expect((await listQueue(ctx, edu)).map((x) => x.id)).toContain(t.id)
    expect((await listQueue(ctx, civil)).map((x) => x.id)).not.toContain(t.id)
    const thread = await getTicketThread(ctx, edu, t.id)
    const transfer = thread.history.find((e) => e.action === 'transferred')!
    expect(transfer.detail).toMatchObject({ to: '教育部', reason: '入学要教育部门办理' })
    await expect(setReferralState(ctx, edu, t.id, 'rejected')).rejects.toMatchObject({ code: 'validation_failed' })
    await setReferralState(ctx, edu, t.id, 'accepted')
    const done = await setReferralState(ctx, edu, t.id, 'done')
    expect(done).toMatchObject({ status: 'closed', referralState: 'done' })
    const told = await outbox(ctx, { kind: 'referral_update', recipient: String(famEast.identityId) })
    expect(told.map((m) => m.messageKey)).toEqual(['staff:referral.accepted', 'staff:referral.done'])
    // Child directors follow their families' referrals but do not act for the department.
    await expect(setReferralState(ctx, east, t.id, 'accepted')).rejects.toMatchObject({ code: 'forbidden' })
  })

  it('a referral sits in the queue of the departments the list names, and a rejection carries its reason to the family', async () => {
    const depts = departmentsFor(J, 'temporary_assistance')
    expect(depts).toEqual(['民政部'])
    const t = await openTicket(ctx, { kind: 'referral', priority: 'normal', identityId: famEast.identityId, channel: 'bot', familyId: famEast.familyId, service: 'temporary_assistance', departments: depts, place: EAST, text: '家里遇到急事，想申请临时救助', reason: 'referral' })
    expect((await listQueue(ctx, civil)).map((x) => x.id)).toContain(t.id)
    expect((await listQueue(ctx, edu)).map((x) => x.id)).not.toContain(t.id)
    await setReferralState(ctx, civil, t.id, 'rejected', '需要先办居住证')
    const told = await outbox(ctx, { kind: 'referral_update', recipient: String(famEast.identityId) })
    expect(told.at(-1)).toMatchObject({ messageKey: 'staff:referral.rejected', plainText: '需要先办居住证' })
    const post = (await outbox(ctx, { channel: 'staff_room', kind: 'referral' })).find((p) => (p.params as { ticketId: number }).ticketId === t.id)
    expect(post?.recipient).toBe('民政部') // the department's own room, where one is configured
  })

  it('applies one of two simultaneous answers to a referral', async () => {
    const t = await openTicket(ctx, { kind: 'referral', priority: 'normal', identityId: famEast.identityId, channel: 'bot', familyId: famEast.familyId, service: 'temporary_assistance', departments: ['民政部'], place: EAST, text: '想申请临时救助', reason: 'referral' })
    // done and rejected exclude each other in either order (accepted then rejected would be two real steps, not a race)
    const results = await Promise.allSettled([setReferralState(ctx, civil, t.id, 'done'), setReferralState(ctx, civil, t.id, 'rejected', '材料不全')])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const thread = await getTicketThread(ctx, civil, t.id)
    expect(thread.history.filter((e) => e.action.startsWith('referral_'))).toHaveLength(1)
  })

  it('falls back to the street supervisor when directors overlap or are missing, and to an administrator after that', async () => {
    await makeStaff(ctx, { username: 'east-director-2', role: 'child-director', jurisdiction: J, street: '东街道', communities: ['东社区'] })
    expect((await resolveOwner(ctx, EAST)).staff?.id).toBe(sup.id)
    expect((await resolveOwner(ctx, { jurisdiction: J, street: '东街道', community: '新社区' })).staff?.id).toBe(sup.id)
    expect((await resolveOwner(ctx, { jurisdiction: J, street: '北街道', community: '北社区' }))).toMatchObject({ via: 'admin', staff: { id: admin.id } })
    const t = await escalate(famEast, EAST, '有人吗')
    expect((await listQueue(ctx, sup)).map((x) => x.id)).toContain(t.id)
  })

  it('with no open question, the parent\'s message opens a new escalation; closing ends the thread', async () => {
    const fam = await makeFamily(ctx, WEST, 'official_account')
    const r = await replyFromFamily(ctx, fam.identityId, '你好，我想问问孩子的事')
    expect(r.opened).toBe(true)
    await closeTicket(ctx, west, r.ticketId)
    const again = await replyFromFamily(ctx, fam.identityId, '还有一个问题')
    expect(again.opened).toBe(true)
    expect(again.ticketId).not.toBe(r.ticketId)
  })

  it('audits staff reads of threads; only administrators read the audit log; nothing can edit it', async () => {
    const entries = await listAudit(ctx, admin, { username: 'west-director' })
    expect(entries.some((e) => e.action === 'ticket.read' && e.familyId === famWest.familyId)).toBe(true)
    expect(entries.some((e) => e.action === 'ticket.reply')).toBe(true)
    await expect(listAudit(ctx, west)).rejects.toMatchObject({ code: 'forbidden' })
    await expect(listAudit(ctx, edu)).rejects.toMatchObject({ code: 'forbidden' })
    expect(Object.keys(auditModule).sort()).toEqual(['listAudit', 'recordAudit'])
  })
}, { STAFF_ROOMS: JSON.stringify({ 东社区: '东社区关爱群', 西社区: '西社区关爱群', 民政部: '民政部转办群' }) })
