/**
 * The rules behind the console's monthly figures (src/domain/reports/monthly.ts), on SQLite and
 * MariaDB: answered in time by the service levels (working days of China's calendar), follow-ups
 * on time against the cadence, who sees which rows, and CSV cells that spreadsheets read as text.
 */
import 'reflect-metadata'
import { it, expect, beforeAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { answeredInTime, csvCell, monthlyFigures } from '../../src/domain/reports/monthly'
import { listKeyCasesFor, recordContact } from '../../src/domain/keycases/keycases.service'
import { atLocal } from '../../src/shared/dates'
import { DAY } from '../../src/shared/clock'
import type { StaffView } from '../../src/domain/staff/staff.service'
import { registeredFamily, staff } from './fixtures'

const HOURS = '09:00-17:30'

it('counts an answer in time within 15 minutes (urgent) or one working day (normal, weekends off)', () => {
  const at = (d: string, t: string) => atLocal(d, t)
  expect(answeredInTime({ priority: 'urgent', createdAt: at('2026-03-07', '23:00'), answeredAt: at('2026-03-07', '23:14') }, HOURS)).toBe(true)
  expect(answeredInTime({ priority: 'urgent', createdAt: at('2026-03-07', '23:00'), answeredAt: at('2026-03-07', '23:16') }, HOURS)).toBe(false)
  // Friday 16:00 → Monday 16:00 is 90 + 420 = 510 working minutes: one working day
  expect(answeredInTime({ priority: 'normal', createdAt: at('2026-03-06', '16:00'), answeredAt: at('2026-03-09', '16:00') }, HOURS)).toBe(true)
  expect(answeredInTime({ priority: 'normal', createdAt: at('2026-03-06', '16:00'), answeredAt: at('2026-03-09', '16:30') }, HOURS)).toBe(false)
  expect(answeredInTime({ priority: 'normal', createdAt: at('2026-03-06', '16:00'), answeredAt: null }, HOURS)).toBe(false)
})

it('writes CSV cells that a spreadsheet shows as text', () => {
  expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
  expect(csvCell('+86 138')).toBe("'+86 138")
  expect(csvCell('东街社区, 二组')).toBe('"东街社区, 二组"')
  expect(csvCell(-3)).toBe('-3')
})

describeEachDb('monthly figures', (h) => {
  let east: StaffView, west: StaffView, provider: StaffView, admin: StaffView
  beforeAll(async () => {
    const ctx = h.ctx()
    admin = await staff(ctx, { username: 'admin', role: 'admin' })
    east = await staff(ctx, { username: 'east', role: 'child-director', jurisdiction: 'jincheng', street: '东街道', communities: ['东街社区'] })
    west = await staff(ctx, { username: 'west', role: 'child-director', jurisdiction: 'jincheng', street: '西街道', communities: ['西街社区'] })
    provider = await staff(ctx, { username: 'teacher', role: 'provider', providerKind: 'counsellor' })
    await registeredFamily(ctx, { external: 'fig-mum', name: '赵敏', street: '东街道', community: '东街社区', child: { name: '小刚', situations: ['orphan'] } })
  })

  it('counts a follow-up on time when done by its due date, and late after it', async () => {
    const ctx = h.ctx()
    h.clock().advance(60 * DAY)
    const [k] = await listKeyCasesFor(ctx, east)
    expect(k!.contactEveryDays).toBe(30)
    // opened 2026-03-02: contact due by 04-01; done 03-12 (on time), so the next is due 04-11; done 04-25 (late)
    await recordContact(ctx, east, k!.id, { kind: 'contact', on: '2026-03-12', notes: '电话联系' })
    await recordContact(ctx, east, k!.id, { kind: 'contact', on: '2026-04-25', notes: '电话联系' })
    const march = await monthlyFigures(ctx, east, { month: '2026-03' })
    expect(march.rows).toEqual([expect.objectContaining({ group: 'community', name: '东街社区', followUps: 1, followUpsOnTime: 1 })])
    const april = await monthlyFigures(ctx, east, { month: '2026-04' })
    expect(april.rows).toEqual([expect.objectContaining({ name: '东街社区', followUps: 1, followUpsOnTime: 0 })])
  })

  it('shows each staff member only their own area, and nothing to providers', async () => {
    const ctx = h.ctx()
    expect((await monthlyFigures(ctx, west, { month: '2026-03' })).rows).toEqual([])
    expect((await monthlyFigures(ctx, admin, { month: '2026-03', jurisdiction: 'jincheng' })).rows.map((r) => r.name)).toEqual(['东街社区'])
    await expect(monthlyFigures(ctx, provider, { month: '2026-03' })).rejects.toMatchObject({ code: 'forbidden' })
    await expect(monthlyFigures(ctx, east, { month: '2026-13' })).rejects.toMatchObject({ code: 'validation_failed' })
  })
})
