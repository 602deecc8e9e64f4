import { it, expect, beforeAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { makeStaff } from './helpers'
import { listKeyCasesFor, recordContact, getKeyCaseDetail, setRiskLevel } from '../../src/domain/keycases/keycases.service'
import { saveProfile, addChild } from '../../src/domain/registry/registry.service'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { listKeyCases, updateKeyCaseDue } from '../../src/domain/registry/key-cases'
import { listQueue, replyToFamily, messagesForIdentity } from '../../src/domain/tickets/tickets.service'
import { listAudit } from '../../src/domain/audit/audit.service'
import { addDays, atLocal, localDate } from '../../src/shared/dates'
import type { StaffView } from '../../src/domain/staff/staff.service'
import type { DomainContext } from '../../src/domain/context'

describeEachDb('key-case follow-up', (h) => {
  let ctx: DomainContext
  let director: StaffView, admin: StaffView, other: StaffView
  let caseId: number
  let d0: string
  let parentIdentity: number

  beforeAll(async () => {
    ctx = h.ctx()
    h.clock().set(atLocal('2026-04-01', '09:00'))
    d0 = '2026-04-01'
    director = await makeStaff(ctx, { username: 'dir', role: 'child-director', jurisdiction: 'baotou', street: '青山街道', communities: ['幸福社区'] })
    other = await makeStaff(ctx, { username: 'other', role: 'child-director', jurisdiction: 'baotou', street: '青山街道', communities: ['光明社区'] })
    admin = await makeStaff(ctx, { username: 'root', role: 'admin' })
    const identity = await findOrCreateIdentity(ctx, 'miniprogram', 'kc-parent')
    parentIdentity = identity.id
    const fam = await saveProfile(ctx, identity.id, { name: '刘梅', relation: 'grandparent', phone: null, jurisdiction: 'baotou', district: '青山区', street: '青山街道', community: '幸福社区', hukou: { province: '河北省', city: '保定市', county: '阜平县' }, movedInOn: '2025-01-01', residencePermit: false, consent: { accepted: true, version: '2026-03' } }, 'zh-CN')
    await addChild(ctx, fam.id, { name: '小军', sex: 'male', birthDate: '2015-06-01', schoolStage: 'primary', situations: ['no_guardian'] }, 'zh-CN')
    caseId = (await listKeyCases(ctx, { jurisdictionId: 'baotou' }))[0]!.id
  })

  it('opens with the jurisdiction’s cadence and moves the due dates with each contact and visit', async () => {
    let k = await getKeyCaseDetail(ctx, director, caseId)
    expect(k).toMatchObject({ contactEveryDays: 30, visitEveryDays: 90, nextContactDue: addDays(d0, 30), nextVisitDue: addDays(d0, 90), nextDueKind: 'contact' })
    h.clock().set(atLocal(addDays(d0, 10), '15:00'))
    await recordContact(ctx, director, caseId, { kind: 'contact', on: addDays(d0, 10), notes: '电话联系，奶奶说孩子按时上学。' })
    k = await getKeyCaseDetail(ctx, director, caseId)
    expect([k.nextContactDue, k.nextVisitDue]).toEqual([addDays(d0, 40), addDays(d0, 90)])
    h.clock().set(atLocal(addDays(d0, 20), '15:00'))
    await recordContact(ctx, director, caseId, { kind: 'visit', on: addDays(d0, 20), notes: '入户，家里整洁。', nextStep: '联系学校' })
    k = await getKeyCaseDetail(ctx, director, caseId)
    expect([k.nextContactDue, k.nextVisitDue]).toEqual([addDays(d0, 50), addDays(d0, 110)])
    // A contact recorded late does not pull the dates back.
    await recordContact(ctx, director, caseId, { kind: 'contact', on: addDays(d0, 5), notes: '补记：第一次电话。' })
    k = await getKeyCaseDetail(ctx, director, caseId)
    expect([k.nextContactDue, k.nextVisitDue]).toEqual([addDays(d0, 50), addDays(d0, 110)])
    expect(k.contacts.map((c) => c.on)).toEqual([addDays(d0, 20), addDays(d0, 10), addDays(d0, 5)])
  })

  it('lists overdue, due (within a week) and upcoming', async () => {
    const ids = async (due: 'overdue' | 'due' | 'upcoming') => (await listKeyCasesFor(ctx, director, due)).map((x) => x.id)
    h.clock().set(atLocal(addDays(d0, 30), '09:00'))
    expect(await ids('upcoming')).toEqual([caseId])
    h.clock().set(atLocal(addDays(d0, 44), '09:00'))
    expect(await ids('due')).toEqual([caseId])
    h.clock().set(atLocal(addDays(d0, 51), '09:00'))
    expect(await ids('overdue')).toEqual([caseId])
    expect(await ids('due')).toEqual([])
    await recordContact(ctx, director, caseId, { kind: 'contact', on: localDate(ctx.clock.now()), notes: '电话联系。' })
    expect(await ids('overdue')).toEqual([])
    expect((await listKeyCasesFor(ctx, other)).map((x) => x.id)).toEqual([])
    expect((await listKeyCasesFor(ctx, admin)).map((x) => x.id)).toEqual([caseId])
  })

  it('refuses records from outside the area, from administrators, in the future and on closed cases', async () => {
    const today = localDate(ctx.clock.now())
    await expect(recordContact(ctx, other, caseId, { kind: 'visit', on: today, notes: 'x' })).rejects.toMatchObject({ code: 'forbidden' })
    await expect(recordContact(ctx, admin, caseId, { kind: 'visit', on: today, notes: 'x' })).rejects.toMatchObject({ code: 'forbidden' })
    await expect(recordContact(ctx, director, caseId, { kind: 'visit', on: addDays(today, 1), notes: 'x' })).rejects.toMatchObject({ code: 'validation_failed' })
    await expect(recordContact(ctx, director, caseId, { kind: 'visit', on: '2026-02-30', notes: 'x' })).rejects.toMatchObject({ code: 'validation_failed' })
    await expect(recordContact(ctx, director, caseId, { kind: 'visit', on: today, notes: '  ' })).rejects.toMatchObject({ code: 'validation_failed' })
    await expect(setRiskLevel(ctx, other, caseId, 'red', 'x')).rejects.toMatchObject({ code: 'forbidden' })
  })

  it('keeps the risk history; red opens one urgent escalation; every read and record is audited', async () => {
    await setRiskLevel(ctx, director, caseId, 'yellow', '情绪低落')
    const first = await setRiskLevel(ctx, director, caseId, 'red', '说不想活了')
    const again = await setRiskLevel(ctx, director, caseId, 'red', '仍然很危险')
    expect(first.escalationId).toEqual(expect.any(Number))
    expect(again.escalationId).toBeNull()
    const k = await getKeyCaseDetail(ctx, director, caseId)
    expect(k.riskLevel).toBe('red')
    expect(k.risks.map((r) => r.level)).toEqual(['red', 'red', 'yellow'])
    const queue = await listQueue(ctx, director)
    expect(queue.find((t) => t.id === first.escalationId)).toMatchObject({ priority: 'urgent', kind: 'escalation', service: 'mental_health' })
    // The family does not see the staff's case notes as a conversation.
    await replyToFamily(ctx, director, first.escalationId!, '已联系学校心理老师，明天一起家访')
    expect((await messagesForIdentity(ctx, parentIdentity)).messages).toEqual([])
    const audit = await listAudit(ctx, admin, { username: 'dir' })
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['key_case.read', 'key_case.list', 'key_case.contact', 'key_case.visit', 'key_case.risk', 'ticket.reply']))
    expect(JSON.stringify(audit)).not.toContain('想活')
    await updateKeyCaseDue(ctx, caseId, { status: 'closed' })
    await expect(recordContact(ctx, director, caseId, { kind: 'visit', on: localDate(ctx.clock.now()), notes: 'x' })).rejects.toMatchObject({ code: 'conflict' })
  })
})
