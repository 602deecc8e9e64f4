import { describe, it, expect, beforeAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { makeFamily, makeStaff, outbox } from './helpers'
import { openTicket, replyToFamily } from '../../src/domain/tickets/tickets.service'
import { checkServiceLevels, workingMinutesBetween } from '../../src/domain/tickets/service-levels'
import { sendDirectorDigests } from '../../src/domain/keycases/digest'
import { sendConfirmDetailsReminders } from '../../src/domain/staff/confirm-details'
import { saveProfile, addChild, confirmFamily } from '../../src/domain/registry/registry.service'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { OutboundMessage, Ticket } from '../../src/db/entities'
import { atLocal } from '../../src/shared/dates'
import { MINUTE } from '../../src/shared/clock'
import type { StaffView } from '../../src/domain/staff/staff.service'
import type { DomainContext } from '../../src/domain/context'

const J = 'jincheng'
const PLACE = { jurisdiction: J, street: '南街道', community: '南街社区' }

describe('working time', () => {
  it('counts only working hours of working days, with China’s holidays and make-up days', () => {
    // Wednesday before National Day 16:00 → the next working day (Thursday 8 October) 16:00 is one working day.
    expect(workingMinutesBetween(atLocal('2026-09-30', '16:00'), atLocal('2026-10-08', '16:00'), '09:00-17:30')).toBe(510)
    expect(workingMinutesBetween(atLocal('2026-09-30', '16:00'), atLocal('2026-10-07', '23:00'), '09:00-17:30')).toBe(90)
    // Saturday 10 October 2026 is a make-up working day; Saturday 17 October is not.
    expect(workingMinutesBetween(atLocal('2026-10-09', '17:30'), atLocal('2026-10-10', '10:00'), '09:00-17:30')).toBe(60)
    expect(workingMinutesBetween(atLocal('2026-10-16', '17:30'), atLocal('2026-10-18', '23:00'), '09:00-17:30')).toBe(0)
  })
})

describeEachDb('staff jobs', (h) => {
  let ctx: DomainContext
  let other: DomainContext
  let sup: StaffView
  let director: StaffView
  let fam: { familyId: number; identityId: number }

  beforeAll(async () => {
    ctx = h.ctx()
    other = { ...ctx, instanceId: 'second-instance' }
    director = await makeStaff(ctx, { username: 'south-director', role: 'child-director', jurisdiction: J, street: '南街道', communities: ['南街社区'] })
    sup = await makeStaff(ctx, { username: 'south-supervisor', role: 'supervisor', jurisdiction: J, street: '南街道' })
    await makeStaff(ctx, { username: 'root', role: 'admin' })
    fam = await makeFamily(ctx, PLACE, 'bot')
  })

  const escalate = (priority: 'urgent' | 'normal') =>
    openTicket(ctx, { kind: 'escalation', priority, identityId: fam.identityId, channel: 'bot', familyId: fam.familyId, service: 'none', departments: [], place: PLACE, text: '有人吗', reason: 'asked' })
  const runBoth = async () => (await Promise.all([checkServiceLevels(ctx), checkServiceLevels(other)])).reduce((a, b) => a + b, 0)
  const slaPosts = async (ticketId: number) => (await outbox(ctx, { kind: 'sla_breach' })).filter((m) => (m.params as { ticketId: number }).ticketId === ticketId)

  it('raises a normal question after one working day, across National Day, once across two instances', async () => {
    h.clock().set(atLocal('2026-09-30', '16:00'))
    const t = await escalate('normal')
    h.clock().set(atLocal('2026-10-07', '23:00'))
    expect(await runBoth()).toBe(0)
    h.clock().set(atLocal('2026-10-08', '15:59'))
    expect(await runBoth()).toBe(0)
    h.clock().set(atLocal('2026-10-08', '16:00'))
    expect(await runBoth()).toBe(1)
    expect(await runBoth()).toBe(0)
    const row = await ctx.db.repo(Ticket).findOneByOrFail({ id: t.id })
    expect(row.raisedTo).toBe(sup.id)
    const posts = await slaPosts(t.id)
    expect(posts).toHaveLength(1)
    expect(posts[0]).toMatchObject({ channel: 'staff_room', messageKey: 'staff:room.slaMissed', recipient: '南街社区' })
  })

  it('counts a make-up Saturday as a working day', async () => {
    h.clock().set(atLocal('2026-10-09', '16:00'))
    const t = await escalate('normal')
    h.clock().set(atLocal('2026-10-10', '15:59'))
    expect(await runBoth()).toBe(0)
    h.clock().set(atLocal('2026-10-10', '16:00'))
    expect(await runBoth()).toBe(1)
    expect(await slaPosts(t.id)).toHaveLength(1)
  })

  it('raises an urgent question after 15 minutes, day or night; an answered one is not raised', async () => {
    h.clock().set(atLocal('2026-10-17', '23:00'))
    const t = await escalate('urgent')
    const answered = await escalate('urgent')
    await replyToFamily(ctx, director, answered.id, '我们马上联系您')
    h.clock().advance(14 * MINUTE)
    expect(await runBoth()).toBe(0)
    h.clock().advance(1 * MINUTE)
    expect(await runBoth()).toBe(1)
    expect(await slaPosts(t.id)).toHaveLength(1)
    expect(await slaPosts(answered.id)).toHaveLength(0)
  })

  it('posts a new ticket again when its staff-room post was lost (once, across instances)', async () => {
    const t = await escalate('urgent')
    await ctx.db.repo(OutboundMessage).delete({ dedupeKey: `ticket:${t.id}:opened` }) // as if the process stopped before queuing it
    await runBoth()
    const posts = (await outbox(ctx, { kind: 'escalation' })).filter((m) => (m.params as { ticketId: number }).ticketId === t.id)
    expect(posts).toHaveLength(1)
    expect(posts[0]).toMatchObject({ messageKey: 'staff:room.urgent', plainText: '有人吗', recipient: '南街社区' })
    await replyToFamily(ctx, director, t.id, '在的')
  })

  it('sends each child director one digest a day of due and overdue key cases', async () => {
    h.clock().set(atLocal('2026-11-02', '08:30'))
    const identity = await findOrCreateIdentity(ctx, 'bot', 'digest-parent')
    const family = await saveProfile(
      ctx,
      identity.id,
      { name: '张丽', relation: 'mother', phone: null, jurisdiction: J, district: '城区', street: '南街道', community: '南街社区', hukou: { province: '河南省', city: '周口市', county: '郸城县' }, movedInOn: '2025-01-01', residencePermit: true, consent: { accepted: true, version: '2026-03' } },
      'zh-CN',
    )
    await addChild(ctx, family.id, { name: '小红', sex: 'female', birthDate: '2016-05-01', schoolStage: 'primary', situations: ['dibao_family'] }, 'zh-CN')
    expect(await Promise.all([sendDirectorDigests(ctx), sendDirectorDigests(other)])).toEqual([0, 0]) // nothing due yet
    h.clock().set(atLocal('2026-12-03', '08:30')) // 31 days later: the monthly contact is overdue
    const sent = await Promise.all([sendDirectorDigests(ctx), sendDirectorDigests(other)])
    expect(sent[0] + sent[1]).toBe(1)
    const digests = await outbox(ctx, { kind: 'digest' })
    expect(digests).toHaveLength(1)
    expect(digests[0]).toMatchObject({ recipient: '南街社区', messageKey: 'staff:room.digest' })
    expect(digests[0]!.params).toMatchObject({ staffId: director.id, overdue: 1 })
  })

  it('asks every family to confirm its details once per half-year', async () => {
    h.clock().set(atLocal('2027-01-05', '10:00'))
    const first = await Promise.all([sendConfirmDetailsReminders(ctx), sendConfirmDetailsReminders(other)])
    const rows = await outbox(ctx, { kind: 'confirm_details' })
    expect(first[0] + first[1]).toBe(rows.length)
    // The families made in these tests were registered in 2026-03 .. 2026-11: only those six months old are asked.
    const asked = rows.map((r) => r.familyId)
    expect(asked).toContain(fam.familyId)
    expect(new Set(asked).size).toBe(asked.length)
    expect(rows.every((r) => r.messageKey === 'staff:confirmDetails' && r.unsolicited)).toBe(true)
    expect(await sendConfirmDetailsReminders(ctx)).toBe(0)
    // Confirmed families are not asked again until six months after their confirmation.
    await confirmFamily(ctx, fam.familyId)
    h.clock().set(atLocal('2027-07-02', '10:00'))
    await sendConfirmDetailsReminders(ctx)
    expect((await outbox(ctx, { kind: 'confirm_details' })).filter((r) => r.familyId === fam.familyId)).toHaveLength(1)
    h.clock().set(atLocal('2027-07-06', '10:00'))
    await sendConfirmDetailsReminders(ctx)
    expect((await outbox(ctx, { kind: 'confirm_details' })).filter((r) => r.familyId === fam.familyId)).toHaveLength(2)
  })
})
