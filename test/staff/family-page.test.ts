import { it, expect } from 'vitest'
import { familyPage } from '../../src/staff/pages/records'
import { makeView } from '../../src/staff/layout'
import type { StaffFamilyRecord } from '../../src/domain/staff/family-record'
import type { StaffView } from '../../src/domain/staff/staff.service'

const staff = { id: 1, username: 'dir', role: 'child-director', jurisdiction: 'jincheng', department: null, street: '北街街道', communities: ['幸福社区'], providerKind: null, wechatId: null } as unknown as StaffView
const record = (jurisdiction: string): StaffFamilyRecord => ({
  id: 1, jurisdiction, district: '城区', street: '北街街道', community: '幸福社区', movedInOn: '2024-03-01', residencePermit: false,
  hukou: { province: '河南省', city: '周口市', county: '郸城县' }, lastConfirmedAt: null, guardians: [], children: [], keyCases: [], tickets: [],
})

it('names where the family lives by the city\'s name in the console\'s language, not its id', () => {
  const zh = String(familyPage(makeView('zh-CN', staff, 'x', '/staff/families/1'), record('jincheng'), staff))
  expect(zh).toContain('晋城市 城区 北街街道 幸福社区')
  expect(zh).not.toContain('jincheng')
  const en = String(familyPage(makeView('en', staff, 'x', '/staff/families/1'), record('jincheng'), staff))
  expect(en).toContain('Jincheng 城区')
})
