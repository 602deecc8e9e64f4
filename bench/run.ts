/**
 * `npm run bench`: every figure beside its baseline, measured in the same run, on this machine.
 *   HTTP     public checklist and my checklist vs a bare Koa hello-world (autocannon), SQLite and MariaDB
 *   routing  router vs nlp.js on the development set (bench/routing.bench.ts)
 *   bot      message into Wechaty (PuppetMock) → reply out, database in the loop, vs a bare echo bot
 *   booking  200 simultaneous requests for one slot on MariaDB vs a hand-written SQL booking
 * Results: bench/results/<YYYY-MM-DD>.json (printed as a Markdown table too, for docs/performance.md).
 * The scale benchmark is separate and much longer: `npm run bench:scale` (bench/scale/).
 *
 * Options: --only http,routing,bot,booking   --seconds N (HTTP run length, default 4)   --rounds N (default 3)
 *          --connections N (default 50)   --no-mysql   --out <file>
 * MariaDB: BENCH_MYSQL_URL (else TEST_MYSQL_URL, else mysql://ci:cipw@127.0.0.1:3306/ci); started
 * with `service mariadb start` when installed and not running; each part uses its own throw-away database.
 */
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { benchHttp, type HttpResult } from './http'
import { benchRouting, type RoutingResult } from './routing'
import { benchBot, type BotResult } from './bot'
import { benchBooking, type BookingResult } from './booking'
import { ensureMariadb, load1, log, machine, mysqlVersion, stopMariadbIfStarted, throwAwayMysql } from './support'
import { markdown } from './report'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const opt = (name: string, dflt: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1]! : dflt)
const only = new Set(opt('only', 'http,routing,bot,booking').split(','))
const devSet = opt('dev-set', join(root, '..', 'shared', 'eval', 'routing-dev.jsonl'))

export interface BenchResults {
  startedAt: string
  finishedAt?: string
  machine: ReturnType<typeof machine> & { loadAtStart: number }
  http?: HttpResult[]
  routing?: RoutingResult
  bot?: BotResult
  booking?: BookingResult
  skipped: string[]
}

async function main(): Promise<void> {
  const results: BenchResults = { startedAt: new Date().toISOString(), machine: { ...machine(), loadAtStart: load1() }, skipped: [] }
  const mysql = !args.includes('--no-mysql') && (await ensureMariadb())
  if (!mysql) results.skipped.push('MariaDB parts (no MariaDB reachable, or --no-mysql)')
  else results.machine.mariadb = await mysqlVersion()
  try {
    if (only.has('http')) {
      const opts = { connections: Number(opt('connections', '50')), seconds: Number(opt('seconds', '4')), rounds: Number(opt('rounds', '3')) }
      results.http = [await benchHttp('sqlite', null, opts)]
      if (mysql) {
        const db = await throwAwayMysql('http')
        try {
          results.http.push(await benchHttp('mysql', db.url, opts))
        } finally {
          await db.drop()
        }
      }
    }
    if (only.has('routing')) {
      if (existsSync(devSet)) results.routing = benchRouting(devSet, Number(opt('passes', '30')))
      else results.skipped.push(`routing (${devSet} not found; give --dev-set <file>)`)
    }
    if (only.has('bot')) {
      if (existsSync(devSet)) results.bot = await benchBot(devSet, mysql ? ['sqlite', 'mysql'] : ['sqlite'], { parents: Number(opt('parents', '10')), questions: Number(opt('questions', '6')) })
      else results.skipped.push(`bot (${devSet} not found)`)
    }
    if (only.has('booking')) {
      if (mysql) results.booking = await benchBooking()
      else results.skipped.push('booking (needs MariaDB)')
    }
  } finally {
    stopMariadbIfStarted()
  }
  results.finishedAt = new Date().toISOString()
  const out = opt('out', join(root, 'bench', 'results', `${results.startedAt.slice(0, 10)}.json`))
  mkdirSync(dirname(out), { recursive: true })
  // The scale benchmark (npm run bench:scale) writes its part into the same day's file: keep it.
  const earlier = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {}
  const merged = { ...earlier, ...results }
  writeFileSync(out, JSON.stringify(merged, null, 2) + '\n')
  process.stdout.write(markdown(merged) + '\n')
  log(`results written to ${out}`)
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench failed: ${(e as Error).stack ?? e}\n`)
    stopMariadbIfStarted()
    process.exit(1)
  },
)
