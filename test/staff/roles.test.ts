/**
 * Each role against each other's data: every staff member reads exactly the tickets, families and
 * key cases of their own area (department: the referrals routed to it and their families), and is
 * refused ('forbidden') everything else.
 */
import { it, expect, beforeAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { makeStaff } from './helpers'
import { openTicket, getTicketThread, listQueue } from '../../src/domain/tickets/tickets.service'
import { listFamiliesFor, readFamilyRecord } from '../../src/domain/staff/family-record'
import { getKeyCaseDetail, listKeyCasesFor } from '../../src/domain/keycases/keycases.service'
import { saveProfile, addChild } from '../../src/domain/registry/registry.service'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { listKeyCases } from '../../src/domain/registry/key-cases'
import type { StaffView } from '../../src/domain/staff/staff.service'
import type { DomainContext } from '../../src/domain/context'

interface Area {
  jurisdiction: string
  street: string
  community: string
}
const JC: Area = { jurisdiction: 'jincheng', street: '东街道', community: '东街社区' }
const BT: Area = { jurisdiction: 'baotou', street: '友谊大街街道', community: '友谊社区' }

describeEachDb('roles against each other’s data', (h) => {
  let ctx: DomainContext
  const staff: Record<string, StaffView> = {}
  const data: Record<'jc' | 'bt', { familyId: number; escalation: number; referral: number; keyCase: number }> = {} as never

  async function area(key: 'jc' | 'bt', a: Area) {
    const identity = await findOrCreateIdentity(ctx, 'bot', `roles-${key}`)
    const fam = await saveProfile(ctx, identity.id, { name: '家长', relation: 'mother', phone: null, jurisdiction: a.jurisdiction, district: null, street: a.street, community: a.community, hukou: { province: '河南省', city: '周口市', county: '郸城县' }, movedInOn: '2025-01-01', residencePermit: true, consent: { accepted: true, version: '2026-03' } }, 'zh-CN')
    await addChild(ctx, fam.id, { name: '孩子', sex: 'male', birthDate: '2017-03-01', schoolStage: 'primary', situations: ['disability'] }, 'zh-CN')
    const place = { jurisdiction: a.jurisdiction, street: a.street, community: a.community }
    const base = { identityId: identity.id, channel: 'bot', familyId: fam.id, place, text: '需要帮助' }
    const escalation = await openTicket(ctx, { ...base, kind: 'escalation', priority: 'normal', service: 'none', departments: [], reason: 'asked' })
    const referral = await openTicket(ctx, { ...base, kind: 'referral', priority: 'normal', service: 'compulsory_education', departments: ['市教育局'], reason: 'referral' })
    const keyCase = (await listKeyCases(ctx, { jurisdictionId: a.jurisdiction })).find((k) => k.familyId === fam.id)!
    data[key] = { familyId: fam.id, escalation: escalation.id, referral: referral.id, keyCase: keyCase.id }
  }

  beforeAll(async () => {
    ctx = h.ctx()
    staff.admin = await makeStaff(ctx, { username: 'admin', role: 'admin' })
    staff.jcDirector = await makeStaff(ctx, { username: 'jc-director', role: 'child-director', jurisdiction: JC.jurisdiction, street: JC.street, communities: [JC.community] })
    staff.btDirector = await makeStaff(ctx, { username: 'bt-director', role: 'child-director', jurisdiction: BT.jurisdiction, street: BT.street, communities: [BT.community] })
    staff.jcSupervisor = await makeStaff(ctx, { username: 'jc-supervisor', role: 'supervisor', jurisdiction: JC.jurisdiction, street: JC.street })
    staff.btSupervisor = await makeStaff(ctx, { username: 'bt-supervisor', role: 'supervisor', jurisdiction: BT.jurisdiction, street: BT.street })
    staff.jcEdu = await makeStaff(ctx, { username: 'jc-edu', role: 'department', jurisdiction: JC.jurisdiction, department: '市教育局' })
    staff.btEdu = await makeStaff(ctx, { username: 'bt-edu', role: 'department', jurisdiction: BT.jurisdiction, department: '市教育局' })
    staff.jcCivil = await makeStaff(ctx, { username: 'jc-civil', role: 'department', jurisdiction: JC.jurisdiction, department: '市民政局' })
    staff.provider = await makeStaff(ctx, { username: 'counsellor', role: 'provider', jurisdiction: JC.jurisdiction, providerKind: 'counsellor' })
    await area('jc', JC)
    await area('bt', BT)
  })

  // Who may read what; everyone else is refused.
  const expected: Record<string, string[]> = {
    'jc.escalation': ['admin', 'jcDirector', 'jcSupervisor'],
    'jc.referral': ['admin', 'jcDirector', 'jcSupervisor', 'jcEdu'],
    'jc.family': ['admin', 'jcDirector', 'jcSupervisor', 'jcEdu'],
    'jc.keyCase': ['admin', 'jcDirector', 'jcSupervisor'],
    'bt.escalation': ['admin', 'btDirector', 'btSupervisor'],
    'bt.referral': ['admin', 'btDirector', 'btSupervisor', 'btEdu'],
    'bt.family': ['admin', 'btDirector', 'btSupervisor', 'btEdu'],
    'bt.keyCase': ['admin', 'btDirector', 'btSupervisor'],
  }

  const attempt = async (who: StaffView, what: string): Promise<'ok' | 'forbidden'> => {
    const [area, kind] = what.split('.') as ['jc' | 'bt', 'escalation' | 'referral' | 'family' | 'keyCase']
    const d = data[area]
    try {
      if (kind === 'escalation' || kind === 'referral') await getTicketThread(ctx, who, d[kind])
      else if (kind === 'family') await readFamilyRecord(ctx, who, d.familyId)
      else await getKeyCaseDetail(ctx, who, d.keyCase)
      return 'ok'
    } catch (e) {
      if ((e as { code?: string }).code === 'forbidden') return 'forbidden'
      throw e
    }
  }

  it('reads only its own area’s tickets, families and key cases, and is refused the rest', async () => {
    const got: Record<string, string[]> = {}
    for (const what of Object.keys(expected)) {
      got[what] = []
      for (const [name, who] of Object.entries(staff)) if ((await attempt(who, what)) === 'ok') got[what]!.push(name)
    }
    for (const what of Object.keys(expected)) expect(got[what]!.sort(), what).toEqual(expected[what]!.sort())
  })

  it('lists in the queue and the key-case list exactly what it may read', async () => {
    for (const [name, who] of Object.entries(staff)) {
      const queue = (await listQueue(ctx, who)).map((t) => t.id).sort((a, b) => a - b)
      const shouldSee = (['jc', 'bt'] as const).flatMap((a) => (['escalation', 'referral'] as const).filter((k) => expected[`${a}.${k}`]!.includes(name)).map((k) => data[a][k])).sort((a, b) => a - b)
      expect(queue, name).toEqual(shouldSee)
      const cases = (await listKeyCasesFor(ctx, who)).map((k) => k.id).sort((a, b) => a - b)
      const shouldFollow = (['jc', 'bt'] as const).filter((a) => expected[`${a}.keyCase`]!.includes(name)).map((a) => data[a].keyCase).sort((a, b) => a - b)
      expect(cases, name).toEqual(shouldFollow)
      const families = (await listFamiliesFor(ctx, who)).map((f) => f.id).sort((a, b) => a - b)
      const shouldRead = (['jc', 'bt'] as const).filter((a) => expected[`${a}.family`]!.includes(name)).map((a) => data[a].familyId).sort((a, b) => a - b)
      expect(families, name).toEqual(shouldRead)
    }
  })
})
