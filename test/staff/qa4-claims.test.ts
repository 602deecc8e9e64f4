/**
 * QA round 4, staff side (findings 3, 6, 14, 15): claiming an urgent question from a parent we cannot
 * place means something. Once claimed, only the claimer (its owner, administrators) answers it; the
 * others read it and are told someone has it (409 claimed_by_other), and the console shows them no
 * reply form. Answering an unclaimed one claims it, conditionally (two answering at the same moment:
 * one answer goes out, the other is 409) and says so in the history. The claimer still reads it after
 * closing or transferring it and finds it under 已完成. Claiming a finished question says it is finished.
 * (Finding 4) A registered family that gave no street or community: whoever claimed its urgent question
 * opens its record (the phone to call); the city's other directors do not, and see no link to it.
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { consoleRouter } from '../../src/staff/console.router'
import { makeStaff, outbox } from './helpers'
import { PASSWORD, type Browserish, signedInConsole } from '../e2e/fixtures'
import { submitNeed } from '../../src/domain/needs/needs.service'
import { claimTicket, closeTicket, departmentsOfJurisdiction, getTicketThread, listQueue, replyToFamily, transferTicket } from '../../src/domain/tickets/tickets.service'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { saveProfile } from '../../src/domain/registry/registry.service'
import { readFamilyRecord } from '../../src/domain/staff/family-record'
import type { StaffView } from '../../src/domain/staff/staff.service'
import type { DomainContext } from '../../src/domain/context'

describeEachDb('claiming an urgent question from a parent we cannot place (QA round 4)', (h) => {
  let ctx: DomainContext
  let admin: StaffView, east: StaffView, west: StaffView, sup: StaffView
  let api: Api
  let n = 0

  const stranger = async (text = '孩子给我发消息说谢谢你们，以后不用等我了，照顾好自己，再见了') => {
    const identity = await findOrCreateIdentity(ctx, 'bot', `wx-qa4-claims-${++n}`)
    const r = await submitNeed(ctx, { identityId: identity.id, familyId: null, text, channel: 'bot', jurisdiction: 'jincheng' })
    expect(r.outcome).toBe('escalated')
    return { identityId: identity.id, ticketId: r.ticketId! }
  }
  const answersSent = async (identityId: number) => (await outbox(ctx, { kind: 'staff_reply', recipient: String(identityId) })).map((m) => m.plainText)
  const signedIn = (username: string): Promise<Browserish> => signedInConsole(api.base, username)

  beforeAll(async () => {
    ctx = h.ctx()
    api = await startApi(ctx, [consoleRouter(ctx)])
    admin = await makeStaff(ctx, { username: 'qa4-admin', role: 'admin', password: PASSWORD })
    east = await makeStaff(ctx, { username: 'qa4-east', role: 'child-director', jurisdiction: 'jincheng', street: '东街街道', communities: ['东街社区'], password: PASSWORD })
    west = await makeStaff(ctx, { username: 'qa4-west', role: 'child-director', jurisdiction: 'jincheng', street: '西街街道', communities: ['西街社区'], password: PASSWORD })
    sup = await makeStaff(ctx, { username: 'qa4-sup', role: 'supervisor', jurisdiction: 'jincheng', street: '南街街道', password: PASSWORD })
  })
  afterAll(async () => {
    await api?.close()
  })

  it('once claimed, only the claimer (and administrators) answer; the others are told someone has it and nothing reaches the parent', async () => {
    const { ticketId, identityId } = await stranger()
    await claimTicket(ctx, west, ticketId)
    for (const s of [east, sup]) {
      await expect(replyToFamily(ctx, s, ticketId, '东街主任也来回复'), s.username).rejects.toMatchObject({ code: 'conflict', details: { reason: 'claimed_by_other' } })
    }
    expect(await answersSent(identityId)).toEqual([])
    expect((await getTicketThread(ctx, east, ticketId)).messages.filter((m) => m.from === 'staff')).toEqual([])
    await replyToFamily(ctx, west, ticketId, '孩子现在在哪里？请告诉我地址，我马上过去。')
    await replyToFamily(ctx, admin, ticketId, '管理员：我们也在联系派出所。')
    expect(await answersSent(identityId)).toEqual(['孩子现在在哪里？请告诉我地址，我马上过去。', '管理员：我们也在联系派出所。'])
    // over HTTP: 409 with the plain words of a second claim
    const token = (await api.call('POST', '/api/v1/staff/session', { body: { username: 'qa4-east', password: PASSWORD } })).body.token as string
    const r = await api.call('POST', `/api/v1/staff/queue/${ticketId}/replies`, { token, body: { text: '我也回复一下' } })
    expect(r.status).toBe(409)
    expect(r.body.error).toMatchObject({ code: 'conflict', message: '别的工作人员已经认领了这个问题。' })
  })

  it('answering an unclaimed question claims it, with a "claimed" entry in the history; the next one to answer is refused', async () => {
    const { ticketId, identityId } = await stranger()
    await replyToFamily(ctx, east, ticketId, '我是东街社区的儿童主任，请告诉我孩子在哪里。')
    const t = await getTicketThread(ctx, admin, ticketId)
    expect(t).toMatchObject({ claimedBy: east.id, status: 'answered' })
    expect(t.history.map((e) => [e.actor, e.action])).toEqual([['family', 'opened'], ['staff:qa4-east', 'claimed'], ['staff:qa4-east', 'answered']])
    await expect(replyToFamily(ctx, west, ticketId, '西街也回复')).rejects.toMatchObject({ code: 'conflict', details: { reason: 'claimed_by_other' } })
    await expect(claimTicket(ctx, west, ticketId)).rejects.toMatchObject({ code: 'conflict', details: { reason: 'claimed_by_other' } })
    expect(await answersSent(identityId)).toEqual(['我是东街社区的儿童主任，请告诉我孩子在哪里。'])
  })

  it('two directors answering at the same moment: exactly one answer goes out, the other is 409', async () => {
    for (let round = 0; round < 3; round++) {
      const { ticketId, identityId } = await stranger()
      const results = await Promise.allSettled([replyToFamily(ctx, east, ticketId, `东街回复 ${round}`), replyToFamily(ctx, west, ticketId, `西街回复 ${round}`), replyToFamily(ctx, sup, ticketId, `督导回复 ${round}`)])
      const ok = results.filter((x) => x.status === 'fulfilled')
      const refused = results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')
      expect(ok, `round ${round}`).toHaveLength(1)
      for (const x of refused) expect(x.reason, `round ${round}`).toMatchObject({ code: 'conflict', details: { reason: 'claimed_by_other' } })
      const sent = await answersSent(identityId)
      expect(sent).toHaveLength(1)
      const t = await getTicketThread(ctx, admin, ticketId)
      const winner = [east, west, sup].find((s) => sent[0]!.startsWith({ [east.id]: '东街', [west.id]: '西街', [sup.id]: '督导' }[s.id]!))!
      expect(t.claimedBy).toBe(winner.id)
      expect(t.messages.filter((m) => m.from === 'staff').map((m) => m.text)).toEqual(sent)
      expect(t.history.filter((e) => e.action === 'claimed').map((e) => e.actor)).toEqual([`staff:${winner.username}`])
    }
  })

  it('the claimer still reads the question after closing or transferring it, and finds it under 已完成; the others do not', async () => {
    const closed = await stranger()
    await claimTicket(ctx, west, closed.ticketId)
    await closeTicket(ctx, west, closed.ticketId, '孩子已经找到了。')
    expect((await getTicketThread(ctx, west, closed.ticketId)).status).toBe('closed')
    expect((await listQueue(ctx, west, { status: 'closed' })).map((t) => t.id)).toContain(closed.ticketId)
    for (const s of [east, sup]) {
      await expect(getTicketThread(ctx, s, closed.ticketId), s.username).rejects.toMatchObject({ code: 'forbidden' })
      expect((await listQueue(ctx, s, { status: 'all' })).map((t) => t.id), s.username).not.toContain(closed.ticketId)
    }

    const moved = await stranger()
    await replyToFamily(ctx, east, moved.ticketId, '我是东街社区的儿童主任。')
    const dept = departmentsOfJurisdiction('jincheng')[0]!
    await transferTicket(ctx, east, moved.ticketId, dept, '需要民政部门出面')
    expect((await getTicketThread(ctx, east, moved.ticketId)).departments).toEqual([dept])
    expect((await listQueue(ctx, east, { status: 'all' })).map((t) => t.id)).toContain(moved.ticketId)
    await expect(getTicketThread(ctx, west, moved.ticketId)).rejects.toMatchObject({ code: 'forbidden' })

    // in the console: the closed question is under 已完成 for its claimer and opens
    const westB = await signedIn('qa4-west')
    expect((await westB.get('/staff/queue?status=closed')).text).toContain(`href="/staff/queue/${closed.ticketId}"`)
    expect((await westB.get(`/staff/queue/${closed.ticketId}`)).status).toBe(200)
  })

  it('claiming a finished question says it is finished, not "no right"', async () => {
    const { ticketId } = await stranger()
    await claimTicket(ctx, west, ticketId)
    await closeTicket(ctx, west, ticketId, '孩子已经找到了。')
    for (const s of [east, sup, west, admin]) await expect(claimTicket(ctx, s, ticketId), s.username).rejects.toMatchObject({ code: 'conflict', details: { reason: 'ticket_closed' } })
    const token = (await api.call('POST', '/api/v1/staff/session', { body: { username: 'qa4-east', password: PASSWORD } })).body.token as string
    const r = await api.call('POST', `/api/v1/staff/queue/${ticketId}/claim`, { token })
    expect(r.status).toBe(409)
    expect(r.body.error.message).toBe('这个问题已经处理完了，不用再认领或回复。')
    const eastB = await signedIn('qa4-east')
    const page = await eastB.post(`/staff/queue/${ticketId}/claim`, {})
    expect(page.status).toBe(409)
    expect(page.text).toContain('这个问题已经处理完了')
  })

  it('in the console: the reply form is shown only to whom may answer', async () => {
    const { ticketId } = await stranger()
    const eastB = await signedIn('qa4-east')
    const westB = await signedIn('qa4-west')
    // unclaimed: everyone of the city may answer (answering claims it)
    expect((await eastB.get(`/staff/queue/${ticketId}`)).text).toContain(`action="/staff/queue/${ticketId}/reply"`)
    expect((await westB.post(`/staff/queue/${ticketId}/claim`, {})).status).toBe(200)
    const other = await eastB.get(`/staff/queue/${ticketId}`)
    expect(other.text).toContain('已由 qa4-west 认领。')
    expect(other.text).not.toContain(`action="/staff/queue/${ticketId}/reply"`)
    expect((await westB.get(`/staff/queue/${ticketId}`)).text).toContain(`action="/staff/queue/${ticketId}/reply"`)
    const refused = await eastB.post(`/staff/queue/${ticketId}/reply`, { text: '我也来回复' })
    expect(refused.status).toBe(409)
    // not sent, who has it, the words kept (QA round 5, finding 5)
    expect(refused.text).toContain('您的回复没有发给家长：qa4-west 已经认领了这个问题。')
    expect(refused.text).toContain('我也来回复')
  })

  it('a registered family with no street or community: the claimer of its urgent question opens its record, the others do not and see no link', async () => {
    const identityId = (await findOrCreateIdentity(ctx, 'miniprogram', 'dev:qa4-no-place')).id
    const family = await saveProfile(ctx, identityId, { name: '赵丽', relation: 'mother', phone: '13912345678', jurisdiction: 'jincheng', district: '城区', hukou: { province: '河南省', city: '周口市', county: '郸城县' }, movedInOn: '2025-01-01', residencePermit: true, consent: { accepted: true, version: '2026-03' } }, 'zh-CN')
    const r = await submitNeed(ctx, { identityId, familyId: family.id, text: '孩子一个人被锁在家里，一直在哭', channel: 'miniprogram', jurisdiction: 'jincheng' })
    expect(r.outcome).toBe('escalated')
    const ticketId = r.ticketId!
    for (const s of [east, west, sup]) await expect(readFamilyRecord(ctx, s, family.id), s.username).rejects.toMatchObject({ code: 'forbidden' })
    const eastB = await signedIn('qa4-east')
    expect((await eastB.get(`/staff/queue/${ticketId}`)).text).not.toContain(`href="/staff/families/${family.id}"`)

    await claimTicket(ctx, east, ticketId)
    expect((await readFamilyRecord(ctx, east, family.id)).guardians.map((g) => g.mobile)).toEqual(['13912345678'])
    for (const s of [west, sup]) await expect(readFamilyRecord(ctx, s, family.id), s.username).rejects.toMatchObject({ code: 'forbidden' })
    expect((await eastB.get(`/staff/queue/${ticketId}`)).text).toContain(`href="/staff/families/${family.id}"`)
    const record = await eastB.get(`/staff/families/${family.id}`)
    expect(record.status).toBe(200)
    expect(record.text).toContain('13912345678')
    const westB = await signedIn('qa4-west')
    expect((await westB.get(`/staff/queue/${ticketId}`)).text).not.toContain(`href="/staff/families/${family.id}"`)
    expect((await westB.get(`/staff/families/${family.id}`)).status).toBe(403)
    // once the question is closed the record is closed to the claimer again
    await closeTicket(ctx, east, ticketId, '孩子已经找到了。')
    await expect(readFamilyRecord(ctx, east, family.id)).rejects.toMatchObject({ code: 'forbidden' })
  })
})
