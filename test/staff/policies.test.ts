import { describe, it, expect } from 'vitest'
import { can, policyTable, policyTableMarkdown, ACTIONS } from '../../src/domain/policies/policies'
import { STAFF_ROLES, hashPassword, verifyPassword, type StaffView } from '../../src/domain/staff/staff.service'

const staff = (over: Partial<StaffView>): StaffView => ({ id: 9, username: 'x', role: 'admin', jurisdiction: 'jincheng', department: null, street: null, communities: [], providerKind: null, wechatId: null, ...over })

describe('policies', () => {
  const table = policyTable()
  const row = (role: string, action: string) => table.find((r) => r.role === role && r.action === action)!

  it('has one row per role and action', () => {
    expect(table).toHaveLength(STAFF_ROLES.length * ACTIONS.length)
  })

  it('keeps every role but the administrator to its own area', () => {
    for (const r of table) if (r.role !== 'admin' && r.action !== 'queue.list') expect(r.otherArea, `${r.role} ${r.action}`).toBe(false)
  })

  it('gives each role what its work needs and no more', () => {
    expect(row('department', 'ticket.reply').ownArea).toBe(true)
    expect(row('department', 'referral.update').ownArea).toBe(true)
    expect(row('department', 'key_case.read').ownArea).toBe(false)
    expect(row('child-director', 'key_case.record').ownArea).toBe(true)
    expect(row('child-director', 'family.read').ownArea).toBe(true)
    expect(row('child-director', 'referral.update').ownArea).toBe(false)
    expect(row('supervisor', 'key_case.read').ownArea).toBe(true)
    expect(row('admin', 'audit.read').ownArea).toBe(true)
    for (const role of ['department', 'child-director', 'supervisor', 'provider']) expect(row(role, 'audit.read').ownArea).toBe(false)
    for (const a of ACTIONS) if (a !== 'queue.list') expect(row('provider', a).ownArea).toBe(false)
  })

  it('unmasks identity numbers for nobody but the department of a referral', () => {
    expect(table.filter((r) => r.action === 'child.id_number.reveal' && (r.ownArea || r.otherArea)).map((r) => r.role)).toEqual(['department'])
  })

  it('compares streets and communities loosely but jurisdictions exactly', () => {
    const director = staff({ role: 'child-director', communities: ['东街社区'] })
    expect(can(director, 'family.read', { type: 'family', jurisdiction: 'jincheng', street: null, community: ' 东街社区 ', referralDepartments: [] })).toBe(true)
    expect(can(director, 'family.read', { type: 'family', jurisdiction: 'changzhi', street: null, community: '东街社区', referralDepartments: [] })).toBe(false)
  })

  it('reads a director’s community as the one in the director’s street, where both are known', () => {
    const director = staff({ role: 'child-director', street: '东街道', communities: ['新华社区'] })
    const family = (street: string | null) => ({ type: 'family' as const, jurisdiction: 'jincheng', street, community: '新华社区', referralDepartments: [] })
    expect(can(director, 'family.read', family('东街道'))).toBe(true)
    expect(can(director, 'family.read', family(null))).toBe(true)
    expect(can(director, 'family.read', family('西街道'))).toBe(false)
  })

  it('prints the table as Markdown', () => {
    const md = policyTableMarkdown()
    expect(md.split('\n')).toHaveLength(2 + table.length)
    expect(md).toContain('| department | child.id_number.reveal | yes | – |')
  })
})

describe('passwords', () => {
  it('hashes with scrypt and a salt, and verifies', async () => {
    const a = await hashPassword('correct horse 1')
    const b = await hashPassword('correct horse 1')
    expect(a).toMatch(/^scrypt\$/)
    expect(a).not.toBe(b)
    expect(a).not.toContain('correct horse')
    expect(await verifyPassword('correct horse 1', a)).toBe(true)
    expect(await verifyPassword('correct horse 2', a)).toBe(false)
  })
})
