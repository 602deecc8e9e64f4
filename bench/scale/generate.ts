/**
 * Fills a MariaDB database with a province-sized registry for the scale benchmark (not committed
 * data: generated on each run, deterministic for a given --scale). At --scale 1: 400,000 families
 * with 1,000,000 children over every jurisdiction that has a checklist, about 2,000 communities
 * (about 200 migrant families each), and in realistic shares:
 *   - one guardian and one WeChat identity per family (bot or mini-program), sessions for some;
 *   - key cases for 3% of children (90% open); next contact due within 5 days back to 30 ahead, next
 *     visit 10 days back to 90 ahead (about one open case in five is overdue);
 *   - needs for 20% of families, each referred to its list's department as a ticket (85% closed);
 *   - bookings for 10% of families, on providers' slots in the past and the coming weeks;
 *   - a child director for every community and a department account for every department.
 * Rows go in as multi-row INSERTs of 2,000 rows, straight into the tables the migrations made
 * (the migrations, including the scale indexes, run first). `npx tsx bench/scale/generate.ts --scale 0.05`
 */
import { createPool, type Pool } from 'mysql2/promise'
import { jurisdictionIds } from '../../src/content'
import { SERVICE_KEYS, SITUATIONS } from '../../src/content/vocabulary'
import { jurisdictionDepartments } from '../../src/domain/staff/staff.service'
import { addDays, localDate } from '../../src/shared/dates'
import { log, round } from '../support'

export interface Place {
  jurisdiction: string
  district: string
  street: string
  community: string
}

export interface Generated {
  scale: number
  seconds: number
  counts: { families: number; children: number; keyCases: number; needs: number; tickets: number; bookings: number; communities: number }
  places: Place[]
}

/** Shares of families per jurisdiction (cities and counties hold most; the province- and national-level lists the rest). */
const WEIGHTS: Record<string, number> = { jincheng: 0.2, changzhi: 0.2, baotou: 0.2, shitai: 0.05, shanxi: 0.15, 'inner-mongolia': 0.15, national: 0.05 }
const FAMILIES = 400_000
const FAMILIES_PER_COMMUNITY = 200
const DISTRICTS = 4
const STREETS = 5
const BATCH = 2_000

/** A small deterministic generator (mulberry32), so every run with the same scale makes the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const HUKOU = [
  ['河南省', '周口市', '郸城县'],
  ['河北省', '邯郸市', '魏县'],
  ['山西省', '运城市', '临猗县'],
  ['甘肃省', '天水市', '秦安县'],
  ['四川省', '南充市', '仪陇县'],
  ['内蒙古自治区', '赤峰市', '宁城县'],
] as const

function sqlDate(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ')
}

class Inserter {
  private rows: unknown[][] = []
  count = 0
  constructor(
    private readonly pool: Pool,
    private readonly table: string,
    private readonly columns: string[],
  ) {}
  async add(row: unknown[]): Promise<void> {
    this.rows.push(row)
    this.count++
    if (this.rows.length >= BATCH) await this.flush()
  }
  async flush(): Promise<void> {
    if (!this.rows.length) return
    const rows = this.rows
    this.rows = []
    await this.pool.query(`INSERT INTO \`${this.table}\` (${this.columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`, [rows])
  }
}

export async function generate(url: string, scale: number, today: Date): Promise<Generated> {
  const t0 = performance.now()
  const pool = createPool({ uri: url, connectionLimit: 4, timezone: 'Z' })
  const random = rng(20261123)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!
  const todayIso = localDate(today)
  const now = sqlDate(today)
  const daysAgo = (n: number) => sqlDate(new Date(today.getTime() - n * 86_400_000))
  try {
    await pool.query('SET unique_checks = 0, foreign_key_checks = 0')
    // Places: districts × streets × communities, about 200 families a community.
    const jurisdictions = jurisdictionIds().filter((j) => WEIGHTS[j] !== undefined)
    const places: Place[] = []
    const familiesOf = new Map<string, number>()
    for (const j of jurisdictions) {
      const families = Math.round(FAMILIES * scale * WEIGHTS[j]!)
      familiesOf.set(j, families)
      const perStreet = Math.max(1, Math.round(families / FAMILIES_PER_COMMUNITY / (DISTRICTS * STREETS)))
      for (let d = 1; d <= DISTRICTS; d++)
        for (let s = 1; s <= STREETS; s++)
          for (let c = 1; c <= perStreet; c++) places.push({ jurisdiction: j, district: `第${d}区`, street: `第${d}区第${s}街道`, community: `${d}-${s}-${c}号社区` })
    }
    const placesOf = new Map(jurisdictions.map((j) => [j, places.filter((p) => p.jurisdiction === j)]))

    const family = new Inserter(pool, 'family', ['id', 'jurisdiction_id', 'district', 'street', 'community', 'hukou_province', 'hukou_city', 'hukou_county', 'moved_in_on', 'residence_permit', 'consent_version', 'consent_at', 'last_confirmed_at', 'last_active_at', 'created_at', 'updated_at'])
    const identity = new Inserter(pool, 'identity', ['id', 'channel', 'external_id', 'language', 'family_id', 'guardian_id', 'reminders_paused', 'created_at', 'last_seen_at'])
    const guardian = new Inserter(pool, 'guardian', ['id', 'family_id', 'identity_id', 'name', 'relation', 'mobile', 'language', 'created_at'])
    const child = new Inserter(pool, 'child', ['id', 'family_id', 'name', 'sex', 'birth_date', 'school_stage', 'school_name', 'situations', 'disability_certified', 'created_at', 'updated_at'])
    const keyCase = new Inserter(pool, 'key_case', ['id', 'child_id', 'family_id', 'jurisdiction_id', 'district', 'street', 'community', 'reasons', 'contact_every_days', 'visit_every_days', 'next_contact_due', 'next_visit_due', 'risk_level', 'status', 'opened_at', 'closed_at'])
    const need = new Inserter(pool, 'need', ['id', 'identity_id', 'family_id', 'child_id', 'channel', 'jurisdiction', 'text', 'service', 'needs', 'departments', 'urgent', 'status', 'ticket_id', 'created_at'])
    const ticket = new Inserter(pool, 'ticket', ['id', 'kind', 'priority', 'status', 'referral_state', 'need_id', 'family_id', 'child_id', 'identity_id', 'channel', 'service', 'departments', 'jurisdiction', 'street', 'community', 'waiting_since', 'created_at', 'updated_at', 'closed_at'])
    const booking = new Inserter(pool, 'booking', ['id', 'family_id', 'child_id', 'identity_id', 'channel', 'kind', 'slot_id', 'provider_id', 'starts_at', 'ends_at', 'status', 'idempotency_key', 'created_at', 'updated_at'])

    // Providers (ten a jurisdiction) and their slots: a 50-minute session every weekday at 9, 10, 14 and 15
    // o'clock, from 60 days ago to 28 days ahead, capacity 4.
    const providers: Array<{ id: number; jurisdiction: string; slots: Array<{ id: number; start: Date; booked: number; live: number }> }> = []
    let providerId = 0
    let slotId = 0
    const provider = new Inserter(pool, 'booking_provider', ['id', 'display_name', 'kinds', 'jurisdiction', 'active', 'created_at'])
    const slot = new Inserter(pool, 'booking_slot', ['id', 'provider_id', 'kind', 'starts_at', 'ends_at', 'capacity', 'booked_count', 'held_count', 'mode', 'status', 'origin', 'created_at'])
    for (const j of jurisdictions) {
      for (let i = 0; i < Math.max(1, Math.round(10 * Math.sqrt(scale))); i++) {
        const p = { id: ++providerId, jurisdiction: j, slots: [] as Array<{ id: number; start: Date; booked: number; live: number }> }
        await provider.add([p.id, `老师${p.id}`, JSON.stringify(['mental_health', 'family_education']), j, 1, now])
        for (let day = -60; day <= 28; day++) {
          const date = new Date(today.getTime() + day * 86_400_000)
          const wd = date.getUTCDay()
          if (wd === 0 || wd === 6) continue
          for (const hour of [1, 2, 6, 7]) p.slots.push({ id: ++slotId, start: new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), hour)), booked: 0, live: 0 })
        }
        providers.push(p)
      }
    }
    const providersOf = new Map(jurisdictions.map((j) => [j, providers.filter((p) => p.jurisdiction === j)]))

    let familyId = 0
    let childId = 0
    let keyCaseId = 0
    let needId = 0
    let bookingId = 0
    for (const j of jurisdictions) {
      const jPlaces = placesOf.get(j)!
      const departments = jurisdictionDepartments(j)
      for (let n = 0; n < familiesOf.get(j)!; n++) {
        const fid = ++familyId
        const place = jPlaces[n % jPlaces.length]!
        const hukou = pick(HUKOU)
        const created = daysAgo(Math.floor(random() * 700))
        const channel = random() < 0.7 ? 'bot' : 'miniprogram'
        await family.add([fid, j, place.district, place.street, place.community, hukou[0], hukou[1], hukou[2], localDate(new Date(today.getTime() - Math.floor(random() * 3000) * 86_400_000)), random() < 0.6 ? 1 : 0, '2026-03', created, daysAgo(Math.floor(random() * 200)), daysAgo(Math.floor(random() * 60)), created, created])
        await identity.add([fid, channel, `scale-${fid}`, random() < 0.02 ? 'en' : 'zh-CN', fid, fid, 0, created, daysAgo(Math.floor(random() * 60))])
        await guardian.add([fid, fid, fid, `家长${fid}`, random() < 0.7 ? 'mother' : 'father', null, 'zh-CN', created])
        // 1 to 4 children, 2.5 on average
        const kids = [2, 3, 2, 3, 1, 4, 2, 3][fid % 8]!
        const kidIds: number[] = []
        for (let k = 0; k < kids; k++) {
          const cid = ++childId
          kidIds.push(cid)
          const age = Math.floor(random() * 16)
          const birth = `${today.getUTCFullYear() - age - 1}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`
          const stage = age < 3 ? 'none' : age < 6 ? 'kindergarten' : age < 12 ? 'primary' : age < 15 ? 'junior' : 'senior'
          const isKeyCase = random() < 0.03
          const situations = isKeyCase ? [pick(SITUATIONS)] : []
          await child.add([cid, fid, `孩子${cid}`, random() < 0.5 ? 'male' : 'female', birth, stage, null, JSON.stringify(situations), situations.includes('disability') ? 1 : 0, created, created])
          if (isKeyCase) {
            const open = random() < 0.9
            await keyCase.add([++keyCaseId, cid, fid, j, place.district, place.street, place.community, JSON.stringify(situations), 30, 90, addDays(todayIso, Math.floor(random() * 35) - 5), addDays(todayIso, Math.floor(random() * 100) - 10), pick(['green', 'green', 'green', 'yellow', 'orange', 'red']), open ? 'open' : 'closed', created, open ? null : daysAgo(Math.floor(random() * 100))])
          }
        }
        if (random() < 0.2 && departments.length) {
          const nid = ++needId
          const service = pick(SERVICE_KEYS)
          const dept = JSON.stringify([pick(departments)])
          const at = daysAgo(Math.floor(random() * 365))
          const closed = random() < 0.85
          const status = closed ? 'closed' : pick(['new', 'claimed', 'answered', 'transferred'])
          await need.add([nid, fid, fid, kidIds[0]!, channel, j, '孩子的事想问一下', service, JSON.stringify([service]), dept, 0, 'referred', nid, at])
          await ticket.add([nid, 'referral', random() < 0.01 ? 'urgent' : 'normal', status, closed ? 'done' : pick(['sent', 'accepted']), nid, fid, kidIds[0]!, fid, channel, service, dept, j, place.street, place.community, at, at, at, closed ? at : null])
        }
        if (random() < 0.1) {
          const ps = providersOf.get(j)!
          const p = ps[Math.floor(random() * ps.length)]!
          for (let tries = 0; tries < 5; tries++) {
            const s = p.slots[Math.floor(random() * p.slots.length)]!
            if (s.booked >= 4) continue
            s.booked++
            const status = s.start < today ? pick(['attended', 'attended', 'no_show', 'cancelled']) : 'booked'
            if (status === 'booked') s.live++
            await booking.add([++bookingId, fid, kidIds[0]!, fid, channel, 'mental_health', s.id, p.id, sqlDate(s.start), sqlDate(new Date(s.start.getTime() + 50 * 60_000)), status, `scale-${bookingId}`, created, created])
            break
          }
        }
      }
      log(`  ${j}: ${familiesOf.get(j)} families, ${jPlaces.length} communities`)
    }
    for (const p of providers) for (const s of p.slots) await slot.add([s.id, p.id, 'mental_health', sqlDate(s.start), sqlDate(new Date(s.start.getTime() + 50 * 60_000)), 4, s.live, 0, 'online', 'open', 'plan', now])

    // Staff: a child director for every community, a department account for every department of every list.
    const staff = new Inserter(pool, 'staff_account', ['username', 'password_hash', 'role', 'jurisdiction', 'department', 'street', 'communities', 'active', 'created_at'])
    for (const [i, p] of places.entries()) await staff.add([`director-${i + 1}`, 'scrypt$disabled', 'child-director', p.jurisdiction, null, p.street, JSON.stringify([p.community]), 1, now])
    for (const j of jurisdictions) for (const [i, d] of jurisdictionDepartments(j).entries()) await staff.add([`dept-${j}-${i + 1}`, 'scrypt$disabled', 'department', j, d, null, '[]', 1, now])
    for (const ins of [family, identity, guardian, child, keyCase, need, ticket, booking, provider, slot, staff]) await ins.flush()
    await pool.query('SET unique_checks = 1, foreign_key_checks = 1')
    for (const t of ['family', 'identity', 'guardian', 'child', 'key_case', 'need', 'ticket', 'booking', 'booking_slot', 'staff_account']) await pool.query(`ANALYZE TABLE \`${t}\``)
    return {
      scale,
      seconds: round((performance.now() - t0) / 1000, 1),
      counts: { families: family.count, children: child.count, keyCases: keyCase.count, needs: need.count, tickets: ticket.count, bookings: booking.count, communities: places.length },
      places,
    }
  } finally {
    await pool.end()
  }
}

// `npx tsx bench/scale/generate.ts --scale 0.05`: only fill `bench_scale` (migrated first), for a look with a SQL client;
// `npm run bench:scale -- --reuse` then times the queries on it.
if (process.argv[1] && /bench[\\/]scale[\\/]generate\.ts$/.test(process.argv[1])) {
  const args = process.argv.slice(2)
  const scale = args.includes('--scale') ? Number(args[args.indexOf('--scale') + 1]) : 1
  const { ensureMariadb, throwAwayMysql } = await import('../support')
  const { openDatabase } = await import('../../src/db/database')
  if (!(await ensureMariadb())) throw new Error('MariaDB is not reachable (BENCH_MYSQL_URL)')
  const db = await throwAwayMysql('scale', true)
  const database = await openDatabase({ kind: 'mysql', url: db.url })
  await database.close()
  const g = await generate(db.url, scale, new Date())
  log(`${db.name}: ${JSON.stringify(g.counts)} in ${g.seconds} s`)
  process.exit(0)
}
