import { it, expect } from 'vitest'
import { describeEachDb } from '../support/context'
import { seedDemo, demoDepartment } from '../../src/domain/booking/seed-demo'
import { listFreeTimes } from '../../src/domain/booking/slots'
import { jurisdictionIds, departmentsFor } from '../../src/content/index'
import { BookingProvider } from '../../src/db/entities'
import { createProvider } from '../../src/domain/booking/staff.service'

describeEachDb('demo booking data', (h) => {
  it('gives every jurisdiction free times of both kinds, marked as demo, and adds nothing the second time', async () => {
    const ctx = h.ctx()
    const ids = jurisdictionIds()
    expect(ids.length).toBeGreaterThan(0)
    const first = await seedDemo(ctx)
    expect(first).toMatchObject({ jurisdictions: ids.length, existing: 0 })
    expect(first.created).toBeGreaterThan(0)
    const [a, b] = await Promise.all([seedDemo(ctx), seedDemo(ctx)])
    expect(a.created + b.created).toBe(0)
    const providers = await ctx.db.repo(BookingProvider).find()
    expect(providers).toHaveLength(ids.length * 2)
    expect(providers.every((p) => p.displayName.startsWith('【演示】'))).toBe(true)
    for (const j of ids) {
      for (const kind of ['family_education', 'mental_health'] as const) {
        const times = await listFreeTimes(ctx, { kind, jurisdiction: j })
        expect(times.length, `${j} ${kind}`).toBeGreaterThan(0)
        const dept = times[0]!.provider.department
        if (departmentsFor(j, kind).length) expect(departmentsFor(j, kind)).toContain(dept)
      }
    }
  })

  it('picks a department the list names for the kind', () => {
    for (const j of jurisdictionIds()) {
      const d = demoDepartment(j, 'family_education')
      if (d) expect(departmentsFor(j, 'family_education')).toContain(d)
    }
  })

  it('only lets a department the list names give a kind of session', async () => {
    const ctx = h.ctx()
    const named = departmentsFor('jincheng', 'mental_health')
    expect(named.length).toBeGreaterThan(0)
    await expect(createProvider(ctx, { displayName: '王老师', kinds: ['mental_health'], jurisdiction: 'jincheng', department: '不存在的部门' })).rejects.toMatchObject({ code: 'validation_failed', fields: [{ path: 'department', message: expect.stringContaining('清单') }] })
    const ok = await createProvider(ctx, { displayName: '王老师', kinds: ['mental_health'], jurisdiction: 'jincheng', department: named[0]! })
    expect(ok.department).toBe(named[0])
  })
})
