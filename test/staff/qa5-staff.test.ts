/**
 * QA round 5, staff side (findings 4, 2, 3, 7, 5, 11, 12, 13):
 *  - a claim holds: once an escalation is claimed, its claimer answers and closes it, also after the parent registers
 *    and the community's director becomes its owner (who reads it, sees no reply form, is told who has it: 409
 *    claimed_by_other); a refusal after someone else closed it says it is finished (409 ticket_closed);
 *  - a parent's follow-ups while their urgent question is open and unanswered ("请问有消息了吗", the bot asking for a
 *    person after two messages it did not understand: askForPerson) join that question, never a new normal one;
 *  - a second urgent message after the question went to a department joins it (the department's room hears of it);
 *  - an urgent question nobody answered is closed only with a short note, which the parent receives with how to write again;
 *  - the console keeps an answer that was not sent and names who has the question;
 *  - the mini-program's urgent words do not promise a call; Baotou's 12338 line is named once.
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { consoleRouter } from '../../src/staff/console.router'
import { makeStaff, outbox } from './helpers'
import { PASSWORD, type Browserish, signedInConsole } from '../e2e/fixtures'
import { askForPerson, submitNeed } from '../../src/domain/needs/needs.service'
import { claimTicket, closeTicket, departmentsOfJurisdiction, getTicketThread, listQueue, replyFromFamily, replyToFamily, ticketPermissions, transferTicket } from '../../src/domain/tickets/tickets.service'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { saveProfile } from '../../src/domain/registry/registry.service'
import { policyTable } from '../../src/domain/policies/policies'
import { getJurisdiction } from '../../src/content/index'
import { t } from '../../src/shared/i18n'
import { Ticket } from '../../src/db/entities'
import type { StaffView } from '../../src/domain/staff/staff.service'
import type { DomainContext } from '../../src/domain/context'

const MISSING = '孩子还是没回家，天都黑了，电话也打不通'
const LOCKED = '孩子一个人被锁在家里，一直在哭'
const AGAIN = '还是没人来，孩子在里面一直哭，听着没声音了'

describeEachDb('QA round 5: claims hold, follow-ups join the urgent question, closing tells the parent', (h) => {
  let ctx: DomainContext
  let admin: StaffView, east: StaffView, west: StaffView, dept: StaffView
  let api: Api
  let n = 0
  const department = () => departmentsOfJurisdiction('jincheng')[0]!

  const stranger = async () => (await findOrCreateIdentity(ctx, 'bot', `wx-qa5-staff-${++n}`)).id
  const urgent = async (identityId: number, text: string) => {
    const r = await submitNeed(ctx, { identityId, familyId: null, text, channel: 'bot', jurisdiction: 'jincheng' })
    expect(r).toMatchObject({ urgent: true, outcome: 'escalated' })
    return r.ticketId!
  }
  const ticketsOf = async (identityId: number) => (await ctx.db.repo(Ticket).find({ where: { identityId }, order: { id: 'ASC' } })).map((x) => x.id)
  const profile = (name: string) => ({ name, relation: 'mother' as const, phone: '13912345678', jurisdiction: 'jincheng', district: '城区', street: '西街街道', community: '西街社区', hukou: { province: '河南省', city: '周口市', county: '郸城县' }, movedInOn: '2025-01-01', residencePermit: true, consent: { accepted: true, version: '2026-03' } })
  const staffToken = async (username: string) => (await api.call('POST', '/api/v1/staff/session', { body: { username, password: PASSWORD } })).body.token as string
  const signedIn = (username: string): Promise<Browserish> => signedInConsole(api.base, username)

  beforeAll(async () => {
    ctx = h.ctx()
    api = await startApi(ctx, [consoleRouter(ctx)])
    admin = await makeStaff(ctx, { username: 'qa5-admin', role: 'admin', password: PASSWORD })
    east = await makeStaff(ctx, { username: 'qa5-east', role: 'child-director', jurisdiction: 'jincheng', street: '东街街道', communities: ['东街社区'], password: PASSWORD })
    west = await makeStaff(ctx, { username: 'qa5-west', role: 'child-director', jurisdiction: 'jincheng', street: '西街街道', communities: ['西街社区'], password: PASSWORD })
    dept = await makeStaff(ctx, { username: 'qa5-dept', role: 'department', jurisdiction: 'jincheng', department: department(), password: PASSWORD })
  })
  afterAll(async () => {
    await api?.close()
  })

  it('item 4: the claim holds after the parent registers: the new owner reads it and may not answer or close it; the claimer carries on', async () => {
    const identityId = await stranger()
    const id = await urgent(identityId, LOCKED)
    await replyToFamily(ctx, east, id, '我已联系派出所，正在去和平路5号。')
    await saveProfile(ctx, identityId, profile('戊'), 'zh-CN')
    const placed = await getTicketThread(ctx, west, id)
    expect(placed).toMatchObject({ ownerStaffId: west.id, claimedBy: east.id, street: '西街街道' })

    // the owner (the community's director): reads it, is told who has it, nothing reaches the parent
    expect(await ticketPermissions(ctx, west, id)).toMatchObject({ reply: false, close: false, transfer: false }) // the new owner may not transfer it away from its claimer (QA round 6)
    await expect(replyToFamily(ctx, west, id, '西街主任：我是您社区的儿童主任。')).rejects.toMatchObject({ code: 'conflict', details: { reason: 'claimed_by_other', claimedByName: 'qa5-east' } })
    await expect(closeTicket(ctx, west, id)).rejects.toMatchObject({ code: 'conflict', details: { reason: 'claimed_by_other' } })
    // nor take it from its claimer by transferring it (QA round 6)
    await expect(transferTicket(ctx, west, id, department(), '转给民政')).rejects.toBeTruthy()
    expect((await getTicketThread(ctx, east, id)).claimedBy).toBe(east.id)
    const token = await staffToken('qa5-west')
    const r = await api.call('POST', `/api/v1/staff/queue/${id}/replies`, { token, body: { text: '西街主任：我是您社区的儿童主任。' } })
    expect(r.status).toBe(409)
    expect(r.body.error).toMatchObject({ code: 'conflict', message: '别的工作人员已经认领了这个问题。' })
    expect((await api.call('POST', `/api/v1/staff/queue/${id}/close`, { token })).status).toBe(409)
    expect((await outbox(ctx, { kind: 'staff_reply', recipient: String(identityId) })).map((m) => m.plainText)).toEqual(['我已联系派出所，正在去和平路5号。'])

    // the console: no reply form and no close button for the owner, who has it said once, not "请先点认领再回复"
    const westB = await signedIn('qa5-west')
    const pageText = (await westB.get(`/staff/queue/${id}`)).text
    expect(pageText).toContain('已由 qa5-east 认领。')
    expect(pageText).toContain('认领的人负责回复家长和标记为已完成')
    expect(pageText).not.toContain(`action="/staff/queue/${id}/reply"`)
    expect(pageText).not.toContain(`action="/staff/queue/${id}/close"`)
    expect(pageText).not.toContain('请先点')
    // item 5: an answer posted anyway is NOT sent; the page says so, names who has it and keeps the words
    const lost = await westB.post(`/staff/queue/${id}/reply`, { text: '我是西街主任，我已经报警，请告诉我孩子的学校名字' })
    expect(lost.status).toBe(409)
    expect(lost.text).toContain('您的回复没有发给家长：qa5-east 已经认领了这个问题。')
    expect(lost.text).toContain('我是西街主任，我已经报警，请告诉我孩子的学校名字')
    expect(lost.text).toContain(`href="/staff/queue/${id}"`)

    // the claimer answers and closes it
    await replyToFamily(ctx, east, id, '孩子已经出来了，没事。')
    await closeTicket(ctx, east, id)
    // after it is closed: finished, not "no right"
    await expect(replyToFamily(ctx, west, id, '还需要帮忙吗？')).rejects.toMatchObject({ code: 'conflict', details: { reason: 'ticket_closed' } })
  })

  it('item 4: the claimer refused after an administrator closed it hears it is finished (409 ticket_closed), not 403', async () => {
    const identityId = await stranger()
    const id = await urgent(identityId, LOCKED)
    await replyToFamily(ctx, east, id, '我马上过去。')
    await saveProfile(ctx, identityId, profile('己'), 'zh-CN')
    await closeTicket(ctx, admin, id)
    await expect(replyToFamily(ctx, east, id, '我到了')).rejects.toMatchObject({ code: 'conflict', details: { reason: 'ticket_closed' } })
    const r = await api.call('POST', `/api/v1/staff/queue/${id}/replies`, { token: await staffToken('qa5-east'), body: { text: '我到了' } })
    expect(r.status).toBe(409)
    expect(r.body.error.message).toBe('这个问题已经处理完了，不用再认领或回复。')
  })

  it('item 4: the policy table says it once: a claimed escalation of the own area is read by its owner, answered, closed and transferred only by its claimer', () => {
    const row = (role: string, action: string) => policyTable().find((r) => r.role === role && r.action === action)!
    for (const role of ['child-director', 'supervisor']) {
      expect(row(role, 'ticket.read').ownAreaClaimedByOther, role).toBe(true)
      expect(row(role, 'ticket.reply').ownAreaClaimedByOther, role).toBe(false)
      expect(row(role, 'ticket.close').ownAreaClaimedByOther, role).toBe(false)
      expect(row(role, 'ticket.transfer').ownAreaClaimedByOther, role).toBe(false) // QA round 6: the owner does not take a claimed question away by transferring it
      // unclaimed, the same owner answers and closes
      expect(row(role, 'ticket.reply').ownArea && row(role, 'ticket.close').ownArea, role).toBe(true)
    }
    for (const action of ['ticket.read', 'ticket.reply', 'ticket.close', 'ticket.transfer']) expect(row('admin', action).ownAreaClaimedByOther, action).toBe(true)
  })

  it('item 2: follow-ups while the urgent question is open and unanswered join it (the bot asking for a person too), no new normal question', async () => {
    const identityId = await stranger()
    const id = await urgent(identityId, MISSING)
    // the help flow: words it cannot place (service none) go to the urgent question
    const asked = await submitNeed(ctx, { identityId, familyId: null, text: '请问有消息了吗', channel: 'bot', jurisdiction: 'jincheng' })
    expect(asked).toMatchObject({ service: 'none', urgent: false, outcome: 'escalated', ticketId: id })
    // the second one it did not understand: the bot asks for a person with both messages joined (human.ts → askForPerson)
    await submitNeed(ctx, { identityId, familyId: null, text: '请问有消息了吗', channel: 'bot', jurisdiction: 'jincheng' })
    const person = await askForPerson(ctx, { identityId, familyId: null, text: '请问有消息了吗\n请问有消息了吗', channel: 'bot', jurisdiction: 'jincheng' })
    expect(person.id).toBe(id)
    // then the parent's next words, as the waiting chat sends them (the question the bot named)
    const more = await replyFromFamily(ctx, identityId, '孩子穿红色外套，背蓝书包', { jurisdiction: 'jincheng', answering: person.id })
    expect(more).toEqual({ ticketId: id, opened: false })

    expect(await ticketsOf(identityId)).toEqual([id])
    const thread = await getTicketThread(ctx, east, id)
    expect(thread.messages.map((m) => m.text)).toEqual([MISSING, '请问有消息了吗', '请问有消息了吗', '孩子穿红色外套，背蓝书包'])
    expect(thread).toMatchObject({ priority: 'urgent', status: 'new' })
    // every director of the city (who handle the missing child) has it
    for (const s of [east, west]) expect((await listQueue(ctx, s)).map((x) => x.id), s.username).toContain(id)
    const posts = (await outbox(ctx, { channel: 'staff_room' })).filter((p) => (p.params as { ticketId?: number }).ticketId === id).map((p) => [p.messageKey, p.plainText])
    expect(posts).toEqual([['staff:room.urgent', MISSING], ['staff:room.familyReply', '请问有消息了吗'], ['staff:room.familyReply', '请问有消息了吗'], ['staff:room.familyReply', '孩子穿红色外套，背蓝书包']])

    // a new topic of its own (the router names a service) is still its own question
    const topic = await askForPerson(ctx, { identityId, familyId: null, text: '想问问孩子转学要什么材料', channel: 'bot', jurisdiction: 'jincheng' })
    expect(topic.id).not.toBe(id)
    expect(topic.priority).toBe('normal')
    // with no urgent question open, asking for a person opens a question of its own, as before
    const calm = await stranger()
    const own = await askForPerson(ctx, { identityId: calm, familyId: null, text: '想找人聊聊孩子上学的事', channel: 'bot', jurisdiction: 'jincheng' })
    expect(own).toMatchObject({ priority: 'normal', kind: 'escalation' })
  })

  it('item 3: a second urgent message after the question went to a department joins it; the department gets it', async () => {
    const identityId = await stranger()
    const id = await urgent(identityId, LOCKED)
    await claimTicket(ctx, west, id)
    await transferTicket(ctx, west, id, department(), '需要民政部门出面')
    await replyToFamily(ctx, dept, id, '民政局：我们的人正在过去。')
    const second = await urgent(identityId, AGAIN)
    expect(second).toBe(id)
    expect(await ticketsOf(identityId)).toEqual([id])
    const thread = await getTicketThread(ctx, dept, id)
    expect(thread).toMatchObject({ kind: 'referral', priority: 'urgent', departments: [department()], status: 'claimed' })
    expect(thread.messages.at(-1)).toMatchObject({ from: 'family', text: AGAIN })
    expect((await listQueue(ctx, dept)).map((x) => x.id)).toContain(id)
    const post = (await outbox(ctx, { channel: 'staff_room' })).filter((p) => (p.params as { ticketId?: number }).ticketId === id && p.messageKey === 'staff:room.urgentAgain')
    expect(post.map((p) => [p.recipient, p.plainText])).toEqual([[department(), AGAIN]])
    // still transferred and not answered: joins too (status kept)
    const other = await stranger()
    const t2 = await urgent(other, LOCKED)
    await transferTicket(ctx, admin, t2, department(), '需要民政部门出面')
    expect(await urgent(other, AGAIN)).toBe(t2)
    expect(await getTicketThread(ctx, dept, t2)).toMatchObject({ status: 'transferred', kind: 'referral' })
  })

  it('item 7: an urgent question nobody answered is closed only with a note, which reaches the parent with how to write again', async () => {
    const identityId = await stranger()
    const id = await urgent(identityId, MISSING)
    await claimTicket(ctx, west, id)
    await expect(closeTicket(ctx, west, id)).rejects.toMatchObject({ code: 'validation_failed', fields: [{ path: 'note' }] })
    const token = await staffToken('qa5-west')
    const refused = await api.call('POST', `/api/v1/staff/queue/${id}/close`, { token })
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.body)).toContain('家长还没收到任何回复')
    // the console shows the note form, not a bare close button
    const page = (await (await signedIn('qa5-west')).get(`/staff/queue/${id}`)).text
    expect(page).toContain('name="note"')
    expect((await getTicketThread(ctx, west, id)).status).not.toBe('closed')

    const closed = await api.call('POST', `/api/v1/staff/queue/${id}/close`, { token, body: { note: '孩子已经找到了，在派出所，您可以去接。' } })
    expect(closed.status).toBe(200)
    const sent = await outbox(ctx, { kind: 'ticket_closed', recipient: String(identityId) })
    expect(sent.map((m) => [m.channel, m.messageKey, m.plainText])).toEqual([['bot', 'staff:reply.closedUnanswered', '孩子已经找到了，在派出所，您可以去接。']])
    const words = t('zh-CN', sent[0]!.messageKey!, { ticketId: id })
    expect(words).toContain(`编号 ${id}`)
    expect(words).toContain('直接在这里再发消息')
    const thread = await getTicketThread(ctx, west, id)
    expect(thread.messages.at(-1)).toMatchObject({ from: 'staff', text: '孩子已经找到了，在派出所，您可以去接。' })

    // an urgent question the parent got an answer on closes as before, nothing more sent
    const answered = await urgent(await stranger(), MISSING)
    await replyToFamily(ctx, east, answered, '孩子找到了吗？')
    await closeTicket(ctx, east, answered)
    expect((await outbox(ctx, { kind: 'ticket_closed' })).length).toBe(1)
  })

  it('items 11, 13: the mini-program’s urgent words do not promise a call; Baotou names 12338 once', async () => {
    const token = (await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:qa5-nophone' } })).body.token as string
    const r = await api.call('POST', '/api/v1/me/needs', { token, body: { text: '我老公喝醉了打孩子，孩子身上都是伤' } })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ urgent: true, outcome: 'escalated' })
    expect(r.body.message).not.toContain('联系您')
    expect(r.body.message).toContain('“消息”里回复您')
    const lines = getJurisdiction('baotou').hotlines.map((x) => t('zh-CN', 'bot:urgent.numbers.hotline', { number: x.number, name: x.name['zh-CN'] }))
    // the urgent list adds the lines besides 110, 120 and 12355 (those have their own words)
    expect(lines).toContain('12338 家庭教育指导服务热线')
    expect(lines.join('\n')).not.toContain('12338 12338')
    expect(getJurisdiction('baotou').hotlines.find((x) => x.number === '12338')!.name.en).toBe('family-education line')
  })
})
