/** The booking rules of the one policy module: who may read, mark, manage sessions and providers. */
import { describe, it, expect } from 'vitest'
import { can, BOOKING_ACTIONS, type Resource } from '../../src/domain/policies/policies'
import type { StaffView } from '../../src/domain/staff/staff.service'

const staff = (over: Partial<StaffView>): StaffView => ({ id: 9, username: 'x', role: 'admin', jurisdiction: 'jincheng', department: null, street: null, communities: [], providerKind: null, wechatId: null, ...over })
const provider = (over: Partial<Extract<Resource, { type: 'provider' }>> = {}): Resource => ({ type: 'provider', staffId: 21, jurisdiction: 'jincheng', department: '市卫健委', community: '东街社区', ...over })
const allowed = (s: StaffView, r: Resource) => BOOKING_ACTIONS.filter((a) => can(s, a, r))

describe('booking policies', () => {
  const admin = staff({ role: 'admin', jurisdiction: null })
  const health = staff({ role: 'department', department: '市卫健委' })
  const edu = staff({ role: 'department', department: '市教育局' })
  const far = staff({ role: 'department', jurisdiction: 'changzhi', department: '市卫健委' })
  const teacher = staff({ id: 21, role: 'provider', jurisdiction: null, providerKind: 'counsellor' })
  const otherTeacher = staff({ id: 22, role: 'provider', jurisdiction: null, providerKind: 'counsellor' })
  const director = staff({ role: 'child-director', street: '东街道', communities: ['东街社区'] })
  const otherDirector = staff({ role: 'child-director', street: '西街道', communities: ['西街社区'] })
  const supervisor = staff({ role: 'supervisor', street: '东街道' })

  it('lets administrators do everything with a provider', () => {
    expect(allowed(admin, provider())).toEqual(['booking.schedule.read', 'booking.attendance.mark', 'booking.session.manage', 'booking.provider.manage'])
  })

  it('lets department staff manage the providers and sessions of their own jurisdiction and department only', () => {
    expect(allowed(health, provider())).toEqual(['booking.schedule.read', 'booking.attendance.mark', 'booking.session.manage', 'booking.provider.manage'])
    expect(allowed(edu, provider())).toEqual([])
    expect(allowed(far, provider())).toEqual([])
    expect(allowed(health, provider({ department: null }))).toEqual([])
  })

  it('lets a provider see and mark their own schedule, nothing else', () => {
    expect(allowed(teacher, provider())).toEqual(['booking.schedule.read', 'booking.attendance.mark'])
    expect(allowed(otherTeacher, provider())).toEqual([])
    expect(allowed(teacher, provider({ staffId: null }))).toEqual([])
    expect(allowed(teacher, { type: 'booking_area', jurisdiction: 'jincheng', department: null })).toEqual([])
  })

  it('lets directors and supervisors read the schedules of their area and change nothing', () => {
    expect(allowed(director, provider())).toEqual(['booking.schedule.read'])
    expect(allowed(otherDirector, provider())).toEqual([])
    expect(allowed(supervisor, provider())).toEqual(['booking.schedule.read'])
    expect(allowed(supervisor, provider({ jurisdiction: 'changzhi' }))).toEqual([])
    for (const s of [director, supervisor]) expect(allowed(s, { type: 'booking_area', jurisdiction: 'jincheng', department: '市卫健委' })).toEqual([])
  })

  it('venues: department staff of the jurisdiction; holidays: administrators; overviews: one’s own department', () => {
    const area = (department: string | null, jurisdiction = 'jincheng'): Resource => ({ type: 'booking_area', jurisdiction, department })
    expect(allowed(admin, area(null))).toEqual(['booking.venue.manage', 'booking.holiday.manage', 'booking.overview.read'])
    expect(allowed(health, area('市卫健委'))).toEqual(['booking.venue.manage', 'booking.overview.read'])
    expect(allowed(health, area('市教育局'))).toEqual(['booking.venue.manage'])
    expect(allowed(health, area('市卫健委', 'changzhi'))).toEqual([])
  })

  it('refuses booking actions on resources of another kind', () => {
    for (const s of [admin, health, teacher]) expect(allowed(s, { type: 'none' })).toEqual([])
  })
})
