import { it, expect, beforeAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { makeFamily, makeStaff, outbox } from './helpers'
import { submitNeed, askForPerson, referNeed, listNeeds, chooseNeedService, REFERRAL_SERVICES } from '../../src/domain/needs/needs.service'
import { listQueue, getTicketThread } from '../../src/domain/tickets/tickets.service'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { departmentsFor } from '../../src/content'
import { SERVICE_KEYS } from '../../src/content/vocabulary'
import { familyDataErasers, familyDataExporters } from '../../src/domain/registry/family-data'
import { Family } from '../../src/db/entities'
import type { StaffView } from '../../src/domain/staff/staff.service'
import type { DomainContext } from '../../src/domain/context'

const J = 'baotou'
const PLACE = { jurisdiction: J, street: '阿尔丁大街街道', community: '青年路社区' }

describeEachDb('needs', (h) => {
  let ctx: DomainContext
  let civil: StaffView, edu: StaffView, director: StaffView, admin: StaffView

  beforeAll(async () => {
    ctx = h.ctx()
    admin = await makeStaff(ctx, { username: 'admin', role: 'admin' })
    civil = await makeStaff(ctx, { username: 'bt-civil', role: 'department', jurisdiction: J, department: '市民政局' })
    edu = await makeStaff(ctx, { username: 'bt-edu', role: 'department', jurisdiction: J, department: '市教育局' })
    director = await makeStaff(ctx, { username: 'qn-director', role: 'child-director', jurisdiction: J, street: '阿尔丁大街街道', communities: ['青年路社区'] })
  })

  it('refers a need a department must act on to the departments the jurisdiction’s list names', async () => {
    const fam = await makeFamily(ctx, PLACE)
    const r = await submitNeed(ctx, { identityId: fam.identityId, familyId: fam.familyId, text: '家里出了急事没钱了，想申请临时救助', channel: 'bot', jurisdiction: J })
    expect(r).toMatchObject({ service: 'temporary_assistance', urgent: false, outcome: 'referred' })
    expect(r.departments).toEqual(departmentsFor(J, 'temporary_assistance'))
    expect((await listQueue(ctx, civil)).map((t) => t.id)).toContain(r.ticketId)
    expect((await listQueue(ctx, edu)).map((t) => t.id)).not.toContain(r.ticketId)
    const needs = await listNeeds(ctx, fam.identityId)
    expect(needs[0]).toMatchObject({ id: r.needId, status: 'referred', service: 'temporary_assistance', text: '家里出了急事没钱了，想申请临时救助' })
  })

  it('uses the family’s own jurisdiction, not what the channel passed', async () => {
    const fam = await makeFamily(ctx, PLACE)
    const r = await submitNeed(ctx, { identityId: fam.identityId, familyId: fam.familyId, text: '孩子7岁了想在这边上小学，学校说没有学位', channel: 'miniprogram', jurisdiction: 'national' })
    expect(r.departments).toEqual(departmentsFor(J, 'compulsory_education'))
    expect((await listQueue(ctx, edu)).map((t) => t.id)).toContain(r.ticketId)
  })

  it('does not pass a need on without the guardian’s consent, and does once consent is given', async () => {
    const fam = await makeFamily(ctx, { ...PLACE, consent: false })
    const r = await submitNeed(ctx, { identityId: fam.identityId, familyId: fam.familyId, text: '想申请低保', channel: 'bot', jurisdiction: J })
    expect(r.service).toBe('minimum_living')
    expect(r.outcome).toBe('awaiting_consent')
    expect(r.ticketId).toBeNull()
    await expect(referNeed(ctx, fam.identityId, r.needId)).rejects.toMatchObject({ code: 'consent_required' })
    await ctx.db.repo(Family).update({ id: fam.familyId }, { consentVersion: '2026-03', consentAt: ctx.clock.now() })
    const ticketId = await referNeed(ctx, fam.identityId, r.needId)
    expect((await listQueue(ctx, civil)).map((t) => t.id)).toContain(ticketId)
    const other = await makeFamily(ctx, PLACE)
    await expect(referNeed(ctx, other.identityId, r.needId)).rejects.toMatchObject({ code: 'not_found' })
  })

  it('only records needs the parent can act on with the checklist (no referral)', async () => {
    const fam = await makeFamily(ctx, PLACE)
    const r = await submitNeed(ctx, { identityId: fam.identityId, familyId: fam.familyId, text: 'my son has no insurance here', channel: 'bot', jurisdiction: J })
    expect(r.service).toBe('medical_insurance')
    expect(REFERRAL_SERVICES).not.toContain('medical_insurance')
    expect(r).toMatchObject({ outcome: 'recorded', ticketId: null })
    expect(REFERRAL_SERVICES.every((s) => SERVICE_KEYS.includes(s))).toBe(true)
  })

  it('escalates an urgent message at once, also from a parent who has not registered', async () => {
    const identity = await findOrCreateIdentity(ctx, 'bot', 'walk-in-parent')
    const events: unknown[] = []
    ctx.events.on('escalation', (e) => events.push(e))
    const r = await submitNeed(ctx, { identityId: identity.id, text: '孩子昨晚没回家，电话也打不通，我们到处找不到', channel: 'bot', jurisdiction: J })
    expect(r).toMatchObject({ urgent: true, outcome: 'escalated' })
    expect(events).toEqual([{ ticketId: r.ticketId, priority: 'urgent' }])
    const post = (await outbox(ctx, { channel: 'staff_room', kind: 'escalation' })).find((m) => (m.params as { ticketId: number }).ticketId === r.ticketId)
    expect(post?.messageKey).toBe('staff:room.urgent')
    // With no place known it goes to an administrator, never to nobody.
    const queue = await listQueue(ctx, admin)
    expect(queue[0]).toMatchObject({ id: r.ticketId, priority: 'urgent', ownerStaffId: admin.id })
  })

  it('a parent asking for a person opens a normal escalation for the community’s child director', async () => {
    const fam = await makeFamily(ctx, PLACE)
    const t = await askForPerson(ctx, { identityId: fam.identityId, familyId: fam.familyId, text: '转人工', channel: 'official_account' })
    expect(t).toMatchObject({ kind: 'escalation', priority: 'normal', ownerStaffId: director.id })
    const thread = await getTicketThread(ctx, director, t.id)
    expect(thread.messages[0]).toMatchObject({ from: 'family', text: '转人工' })
  })

  it('takes the service a parent picks when the router was unsure, and passes it on where it must go', async () => {
    const fam = await makeFamily(ctx, PLACE)
    const r = await submitNeed(ctx, { identityId: fam.identityId, familyId: fam.familyId, text: '你好', channel: 'miniprogram', jurisdiction: J })
    expect(r.ticketId).toBeNull()
    const picked = await chooseNeedService(ctx, fam.identityId, r.needId, 'housing')
    expect(picked).toMatchObject({ service: 'housing', departments: departmentsFor(J, 'housing'), outcome: 'referred' })
    expect((await listNeeds(ctx, fam.identityId))[0]).toMatchObject({ service: 'housing', status: 'referred', ticketId: picked.ticketId })
    await expect(chooseNeedService(ctx, fam.identityId, r.needId, 'preschool')).rejects.toMatchObject({ code: 'conflict' })
    const info = await submitNeed(ctx, { identityId: fam.identityId, familyId: fam.familyId, text: '你好呀', channel: 'miniprogram', jurisdiction: J })
    expect(await chooseNeedService(ctx, fam.identityId, info.needId, 'cultural_life')).toMatchObject({ outcome: 'recorded', ticketId: null })
    const stranger = await makeFamily(ctx, PLACE)
    await expect(chooseNeedService(ctx, stranger.identityId, info.needId, 'housing')).rejects.toMatchObject({ code: 'not_found' })
  })

  it('refuses a child of another family and empty words', async () => {
    const fam = await makeFamily(ctx, PLACE)
    await expect(submitNeed(ctx, { identityId: fam.identityId, familyId: fam.familyId, childId: 999999, text: '想上幼儿园', channel: 'bot', jurisdiction: J })).rejects.toMatchObject({ code: 'not_found' })
    await expect(submitNeed(ctx, { identityId: fam.identityId, familyId: fam.familyId, text: '   ', channel: 'bot', jurisdiction: J })).rejects.toMatchObject({ code: 'validation_failed' })
  })

  it('exports and erases what it holds about a family', async () => {
    const fam = await makeFamily(ctx, PLACE)
    await submitNeed(ctx, { identityId: fam.identityId, familyId: fam.familyId, text: '想申请临时救助', channel: 'bot', jurisdiction: J })
    const exported = Object.assign({}, ...(await Promise.all(familyDataExporters.map((f) => f(ctx, fam.familyId)))))
    expect(exported.needs).toHaveLength(1)
    expect(exported.messagesWithStaff[0].text).toBe('想申请临时救助')
    for (const erase of familyDataErasers) await erase(ctx, fam.familyId)
    expect(await listNeeds(ctx, fam.identityId)).toEqual([])
    expect((await listQueue(ctx, civil, { status: 'all' })).filter((t) => t.familyId === fam.familyId)).toEqual([])
  })
})
