/**
 * `npm run bench:scale -- --scale 1`: fills a throw-away MariaDB database (`bench_scale`) with a
 * province-sized registry (bench/scale/generate.ts), then times the domain functions staff and
 * families call, on that data, through the service's own code and database layer:
 *   - the overdue and the due key cases of one community (a child director's list: listKeyCasesFor)
 *   - a department's queue (listQueue, as a department account)
 *   - a family's personalised checklist (myChecklist)
 *   - the daily digest to every community's child director (sendDirectorDigests), total time
 * beside a primary-key lookup on the same connection pool (the floor), and prints EXPLAIN for the
 * SQL those functions run. Results go into bench/results/<date>.json under "scale".
 * Options: --scale N (default 1)   --runs N (default 200)   --without-scale-indexes (undo the
 * ScaleIndexes migration first, to compare)   --keep (leave bench_scale for inspection)
 *          --reuse (time again on what a --keep run left; its queued digests are deleted first)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { loadConfig } from '../../src/config/env'
import { openDatabase } from '../../src/db/database'
import { createEvents, type DomainContext } from '../../src/domain/context'
import { systemClock } from '../../src/shared/clock'
import { silentLogger } from '../../src/shared/logger'
import { localDate, addDays } from '../../src/shared/dates'
import { getStaff, listStaff, type StaffView } from '../../src/domain/staff/staff.service'
import { listKeyCasesFor } from '../../src/domain/keycases/keycases.service'
import { sendDirectorDigests } from '../../src/domain/keycases/digest'
import { listQueue } from '../../src/domain/tickets/tickets.service'
import { myChecklist } from '../../src/domain/checklist/my-checklist'
import { recordAudit } from '../../src/domain/audit/audit.service'
import { ensureMariadb, mysqlBaseUrl, load1, log, machine, round, stopMariadbIfStarted, throwAwayMysql, timing, type Timing } from '../support'
import { generate } from './generate'
import { ScaleIndexes1764000009000 } from '../../src/db/migrations/1764000009000-ScaleIndexes'
import { scaleMarkdown } from '../report'

export interface ScaleResult {
  scale: number
  indexes: boolean
  counts: { families: number; children: number; keyCases: number; needs: number; tickets: number; bookings: number; communities: number }
  generateSeconds: number
  queries: Array<{ name: string; latency: Timing; rows: number; load: number }>
  digest?: { directors: number; sent: number; seconds: number; load: number }
  baseline?: Timing
  explain?: Record<string, unknown[]>
  machine?: ReturnType<typeof machine>
  at?: string
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const args = process.argv.slice(2)
const opt = (name: string, dflt: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1]! : dflt)

async function time<T>(runs: number, fn: (i: number) => Promise<T>, count: (r: T) => number): Promise<{ latency: Timing; rows: number; load: number }> {
  const before = load1()
  for (let i = 0; i < Math.min(5, runs); i++) await fn(i) // warm-up
  const ms: number[] = []
  let rows = 0
  for (let i = 0; i < runs; i++) {
    const a = performance.now()
    const r = await fn(i)
    ms.push(performance.now() - a)
    rows += count(r)
  }
  return { latency: timing(ms), rows: Math.round(rows / runs), load: round((before + load1()) / 2) }
}

/** The SQL the timed functions run (as TypeORM writes it, columns shortened to *), with their plans. */
function explainQueries(jurisdiction: string, community: string, familyId: number, today: string, department = ''): Record<string, string> {
  const loose = (name: string) => `%${[...name.replace(/\s+/g, '')].join('%')}%`
  return {
    "a child director's cases due this week (listKeyCasesFor: place columns first, a loose LIKE per community)": `SELECT k.id, k.jurisdiction_id, k.street, k.community FROM key_case k WHERE k.status = 'open' AND k.jurisdiction_id = '${jurisdiction}' AND (k.next_contact_due <= '${addDays(today, 7)}' OR k.next_visit_due <= '${addDays(today, 7)}') AND (k.community LIKE '${loose(community)}')`,
    "a department's queue (listQueue: the department's name in the departments' text)": `SELECT * FROM ticket WHERE status <> 'closed' AND jurisdiction = '${jurisdiction}' AND departments LIKE '%${department}%' ORDER BY id ASC`,
    'key cases of a jurisdiction, due by a date (listKeyCases)': `SELECT * FROM key_case k WHERE k.status = 'open' AND k.jurisdiction_id = '${jurisdiction}' AND (k.next_contact_due <= '${today}' OR k.next_visit_due <= '${today}') ORDER BY k.next_contact_due ASC, k.id ASC`,
    'key cases of a jurisdiction (listKeyCases, no date)': `SELECT * FROM key_case k WHERE k.status = 'open' AND k.jurisdiction_id = '${jurisdiction}' ORDER BY k.next_contact_due ASC, k.id ASC`,
    'key cases of one community (listKeyCases with community)': `SELECT * FROM key_case k WHERE k.status = 'open' AND k.jurisdiction_id = '${jurisdiction}' AND k.community = '${community}' ORDER BY k.next_contact_due ASC, k.id ASC`,
    "a department's queue (listQueue)": `SELECT * FROM ticket WHERE status <> 'closed' AND jurisdiction = '${jurisdiction}' ORDER BY id ASC`,
    'child directors (listStaff)': `SELECT * FROM staff_account WHERE role = 'child-director' ORDER BY id ASC`,
    "a family's children (readFamily)": `SELECT * FROM child WHERE family_id = ${familyId} ORDER BY id ASC`,
    "a family's open key cases (readFamily)": `SELECT * FROM key_case WHERE family_id = ${familyId} AND status = 'open'`,
    'a session by token (identityForToken)': `SELECT * FROM auth_session WHERE token_hash = 'x' AND expires_at > NOW()`,
  }
}

function existingScaleDatabase(): { url: string; name: string; drop(): Promise<void> } {
  const u = new URL(mysqlBaseUrl())
  u.pathname = '/bench_scale'
  return { url: u.toString(), name: 'bench_scale', drop: async () => undefined }
}

async function main(): Promise<void> {
  const scale = Number(opt('scale', '1'))
  const runs = Number(opt('runs', '200'))
  const withIndexes = !args.includes('--without-scale-indexes')
  if (!(await ensureMariadb())) throw new Error('the scale benchmark needs MariaDB (BENCH_MYSQL_URL)')
  // --reuse: time again on the data a previous `--keep` run left (no new generation).
  const reuse = args.includes('--reuse')
  const db = reuse ? existingScaleDatabase() : await throwAwayMysql('scale', true)
  const dir = tmpdir()
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, DATABASE_URL: db.url, LOG_LEVEL: 'silent', JOBS_ENABLED: 'false' })
  const database = await openDatabase(config.db, { poolSize: 10 })
  const ctx: DomainContext = { config, db: database, clock: systemClock, log: silentLogger, events: createEvents(), dataKey: randomBytes(32), instanceId: `bench-scale-${process.pid}` }
  try {
    if (!withIndexes) {
      // Drop exactly the ScaleIndexes indexes (not "the last migration": later migrations stay); put back at the end.
      const q = database.ds.createQueryRunner()
      await new ScaleIndexes1764000009000().down(q).finally(() => q.release())
      log('ScaleIndexes indexes dropped for this run (--without-scale-indexes); they are created again at the end')
    }
    let g: { counts: ScaleResult['counts']; seconds: number }
    if (reuse) {
      const count = async (sql: string) => Number(((await ctx.db.ds.query(sql)) as Array<{ n: number | string }>)[0]!.n)
      g = {
        seconds: 0,
        counts: {
          families: await count('SELECT COUNT(*) n FROM family'),
          children: await count('SELECT COUNT(*) n FROM child'),
          keyCases: await count('SELECT COUNT(*) n FROM key_case'),
          needs: await count('SELECT COUNT(*) n FROM need'),
          tickets: await count('SELECT COUNT(*) n FROM ticket'),
          bookings: await count('SELECT COUNT(*) n FROM booking'),
          communities: await count("SELECT COUNT(*) n FROM staff_account WHERE role = 'child-director'"),
        },
      }
      log(`reusing ${db.name}: ${JSON.stringify(g.counts)}`)
    } else {
      log(`generating scale ${scale} into ${db.name}`)
      g = await generate(db.url, scale, ctx.clock.now())
      log(`generated ${JSON.stringify(g.counts)} in ${g.seconds} s`)
    }
    const today = localDate(ctx.clock.now())

    const directors = await listStaff(ctx, { role: 'child-director' })
    const departments = (await listStaff(ctx, { role: 'department' })).filter((s) => s.jurisdiction && s.department)
    // Communities spread over the jurisdictions (the biggest first), families spread over all ids.
    const pickDirector = (i: number): StaffView => directors[(i * 7919) % directors.length]!
    const pickDepartment = (i: number): StaffView => departments[(i * 31) % departments.length]!
    const familyIdentity = (i: number) => 1 + ((i * 104_729) % g.counts.families)
    const result: ScaleResult = { scale, indexes: withIndexes, counts: g.counts, generateSeconds: g.seconds, queries: [], machine: machine(), at: new Date().toISOString() }

    const pk = await time(runs, (i) => ctx.db.ds.query('SELECT id FROM key_case WHERE id = ?', [1 + (i % Math.max(1, g.counts.keyCases))]), () => 1)
    result.baseline = pk.latency
    log(`  baseline primary-key lookup: p50 ${pk.latency.p50} ms, p99 ${pk.latency.p99} ms`)
    for (const [name, fn, count] of [
      ['overdue key cases of one community (listKeyCasesFor, child director)', (i: number) => listKeyCasesFor(ctx, pickDirector(i), 'overdue'), (r: unknown[]) => r.length],
      ['key cases due this week in one community (listKeyCasesFor, child director)', (i: number) => listKeyCasesFor(ctx, pickDirector(i), 'due'), (r: unknown[]) => r.length],
      ["a department's queue (listQueue, department account)", (i: number) => listQueue(ctx, pickDepartment(i)), (r: unknown[]) => r.length],
      ["a family's personalised checklist (myChecklist)", (i: number) => myChecklist(ctx, familyIdentity(i), 'zh-CN'), (r: unknown) => (r as { children: unknown[] }).children.length],
      // Part of every key-case list: the audit row of the read (an insert and a commit, which waits for the disk).
      ['the audit row each list writes (recordAudit: one insert, one commit)', (i: number) => recordAudit(ctx, pickDirector(i), { action: 'key_case.list', resourceType: 'key_case', detail: { due: 'bench', count: 0 } }), () => 1],
    ] as const) {
      const t = await time(runs, fn as (i: number) => Promise<unknown>, count as (r: unknown) => number)
      result.queries.push({ name, ...t })
      log(`  ${name}: p50 ${t.latency.p50} ms, p99 ${t.latency.p99} ms, ${t.rows} rows`)
    }
    // On reused data today's digests were already queued: clear them, so the job sends them all again.
    if (reuse) await ctx.db.ds.query("DELETE FROM outbound_message WHERE kind = 'digest'")
    const before = load1()
    const d0 = performance.now()
    const sent = await sendDirectorDigests(ctx)
    result.digest = { directors: directors.length, sent, seconds: round((performance.now() - d0) / 1000, 2), load: round((before + load1()) / 2) }
    log(`  digest: ${sent} sent to ${directors.length} directors in ${result.digest.seconds} s`)

    const sample = pickDirector(0)
    result.explain = {}
    for (const [name, sql] of Object.entries(explainQueries(sample.jurisdiction!, sample.communities[0]!, familyIdentity(0), addDays(today, 0), departments.find((d) => d.jurisdiction === sample.jurisdiction)?.department ?? ''))) {
      const rows = (await ctx.db.ds.query(`EXPLAIN ${sql}`)) as Array<Record<string, unknown>>
      result.explain[name] = [sql, ...rows.map((r) => ({ table: r.table, type: r.type, key: r.key, key_len: r.key_len, rows: r.rows, Extra: r.Extra }))]
    }

    const out = opt('out', join(root, 'bench', 'results', `${new Date().toISOString().slice(0, 10)}.json`))
    mkdirSync(dirname(out), { recursive: true })
    const earlier = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {}
    const key = withIndexes ? 'scale' : 'scaleWithoutIndexes'
    // Reused data keeps the generation time of the run that made it.
    const made = (earlier[key] as ScaleResult | undefined) ?? (earlier.scale as ScaleResult | undefined)
    if (reuse && made?.generateSeconds) result.generateSeconds = made.generateSeconds
    writeFileSync(out, JSON.stringify({ ...earlier, [key]: result }, null, 2) + '\n')
    process.stdout.write(scaleMarkdown(result) + '\n')
    for (const [name, [sql, ...plan]] of Object.entries(result.explain)) process.stdout.write(`\n${name}\n  ${sql}\n${plan.map((p) => '  ' + JSON.stringify(p)).join('\n')}\n`)
    log(`results written to ${out} under "${key}"`)
  } finally {
    if (!withIndexes) {
      const q = database.ds.createQueryRunner()
      await new ScaleIndexes1764000009000().up(q).finally(() => q.release())
    }
    await database.close()
    if (!args.includes('--keep') && !reuse) await db.drop()
    stopMariadbIfStarted()
  }
}

const isMain = !!process.argv[1] && /bench[\\/]scale[\\/]run\.ts$/.test(process.argv[1])
if (isMain)
  main().then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`bench:scale failed: ${(e as Error).stack ?? e}\n`)
      process.exit(1)
    },
  )
