/**
 * Demo providers, venues and working plans for every jurisdiction, so a new installation shows
 * free times right after `npm start`. Every row is marked 【演示】 (demo) and carries a seed key,
 * so seeding again adds nothing (the unique seed-key index also holds when two runs race).
 * Addresses are not invented: demo venues say that staff fill in the real one.
 */
import { BookingPlan, BookingProvider, BookingVenue } from '../../db/entities'
import { isUniqueViolation } from '../../db/database'
import { departmentsFor, getJurisdiction, jurisdictionIds } from '../../content/index'
import type { SessionKind } from '../../content/vocabulary'
import type { DomainContext } from '../context'
import { addWorkingPlan, createProvider, createVenue, type PlanInput } from './staff.service'

export const DEMO_MARK = '【演示】'

export interface SeedResult {
  jurisdictions: number
  created: number
  existing: number
}

/** The department the demo provider of a kind works for: the one the list names that usually gives it. */
export function demoDepartment(jurisdiction: string, kind: SessionKind): string | null {
  const names = departmentsFor(jurisdiction, kind)
  const prefer = kind === 'family_education' ? ['妇联', '教育', '教体'] : ['卫', '民政', '教育', '教体']
  for (const p of prefer) {
    const hit = names.find((n) => n.includes(p))
    if (hit) return hit
  }
  return names[0] ?? null
}

export async function seedDemo(ctx: DomainContext, ids: string[] = jurisdictionIds()): Promise<SeedResult> {
  const result: SeedResult = { jurisdictions: 0, created: 0, existing: 0 }

  async function once<T extends { id: number }>(find: () => Promise<T | null>, create: () => Promise<T>): Promise<T> {
    const found = await find()
    if (found) {
      result.existing++
      return found
    }
    try {
      const row = await create()
      result.created++
      return row
    } catch (e) {
      const again = isUniqueViolation(e) ? await find() : null
      if (!again) throw e
      result.existing++
      return again
    }
  }

  for (const j of ids) {
    result.jurisdictions++
    const place = getJurisdiction(j).name['zh-CN']
    const venue = (kind: 'childrens_home' | 'protection_station', name: string) => {
      const seedKey = `demo:${j}:venue:${kind}`
      return once(
        () => ctx.db.repo(BookingVenue).findOneBy({ seedKey }),
        () => createVenue(ctx, { name: `${DEMO_MARK}${place}${name}`, address: '演示数据：真实地址由工作人员填写', kind, jurisdiction: j, seedKey }),
      )
    }
    const home = await venue('childrens_home', '儿童之家')
    const station = await venue('protection_station', '未成年人保护工作站')

    const provider = (kind: SessionKind, title: string) => {
      const seedKey = `demo:${j}:provider:${kind}`
      const department = demoDepartment(j, kind)
      return once(
        () => ctx.db.repo(BookingProvider).findOneBy({ seedKey }),
        () => createProvider(ctx, { displayName: `${DEMO_MARK}${title}`, kinds: [kind], jurisdiction: j, department, seedKey }),
      )
    }
    const fe = await provider('family_education', '家庭教育指导师')
    const mh = await provider('mental_health', '心理咨询师')

    const plan = (key: string, input: Omit<PlanInput, 'seedKey'>) => {
      const seedKey = `demo:${j}:plan:${key}`
      return once(
        () => ctx.db.repo(BookingPlan).findOneBy({ seedKey }),
        () => addWorkingPlan(ctx, { ...input, seedKey }),
      )
    }
    // Family education: a parenting class at the children's home on Tuesday afternoons, online on Saturday mornings.
    await plan('fe:tue', { providerId: fe.id, weekday: 2, start: '14:00', end: '17:00', sessionMinutes: 90, capacity: 8, kind: 'family_education', mode: 'in_person', venueId: home.id })
    await plan('fe:sat', { providerId: fe.id, weekday: 6, start: '09:30', end: '11:00', sessionMinutes: 90, capacity: 20, kind: 'family_education', mode: 'online', skipPublicHolidays: true })
    // Psychological support: one-to-one counselling at the minor-protection station, by phone on Thursdays.
    for (const wd of [1, 3, 5])
      await plan(`mh:${wd}`, { providerId: mh.id, weekday: wd, start: '09:00', end: '12:00', breaks: [{ start: '10:40', end: '10:50' }], sessionMinutes: 50, capacity: 1, kind: 'mental_health', mode: 'in_person', venueId: station.id })
    await plan('mh:thu', { providerId: mh.id, weekday: 4, start: '14:00', end: '17:00', sessionMinutes: 50, capacity: 1, kind: 'mental_health', mode: 'phone' })
  }
  ctx.log.info({ ...result }, 'demo booking data seeded')
  return result
}
