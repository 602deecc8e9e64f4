/**
 * Shared pieces of `npm run bench`: the machine description, percentiles, a throw-away MariaDB
 * database (MariaDB started with `service mariadb start` when it is installed and not running),
 * and a domain context on it, built the way the service builds its own (src/app/bootstrap.ts).
 * A benchmark tool, not part of the service: it may read its own environment variables.
 */
import { execFileSync, execSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { createConnection, type Connection } from 'mysql2/promise'
import { loadConfig } from '../src/config/env'
import { openDatabase } from '../src/db/database'
import { createEvents, type DomainContext } from '../src/domain/context'
import { systemClock, type Clock } from '../src/shared/clock'
import { silentLogger } from '../src/shared/logger'

export interface Machine {
  nproc: number
  memoryGiB: number
  cpu: string
  node: string
  platform: string
  os: string
  mariadb?: string
}

export function machine(): Machine {
  return {
    nproc: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    os: (() => {
      try {
        return /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'unknown'
      } catch {
        return 'unknown'
      }
    })(),
  }
}

/** The MariaDB/MySQL server's version string. */
export async function mysqlVersion(): Promise<string> {
  const c = await createConnection(adminOptions(mysqlBaseUrl()))
  const [rows] = await c.query('SELECT VERSION() AS v')
  await c.end()
  return (rows as Array<{ v: string }>)[0]!.v
}

/** The 1-minute load average at this moment (other processes share the cores: noted next to each figure). */
export const load1 = (): number => Math.round(loadavg()[0]! * 100) / 100

export function quantile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}

export interface Timing {
  n: number
  p50: number
  p99: number
  max: number
}

export function timing(ms: number[]): Timing {
  const s = [...ms].sort((a, b) => a - b)
  return { n: s.length, p50: round(quantile(s, 0.5), 3), p99: round(quantile(s, 0.99), 3), max: round(s[s.length - 1] ?? NaN, 3) }
}

export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function log(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)} load ${load1().toFixed(2)}] ${line}\n`)
}

// ---------------------------------------------------------------------------------------------
// MariaDB

/** Where the benchmark's MariaDB is: BENCH_MYSQL_URL, else TEST_MYSQL_URL, else the CI account on 127.0.0.1. */
export function mysqlBaseUrl(): string {
  return process.env.BENCH_MYSQL_URL || process.env.TEST_MYSQL_URL || 'mysql://ci:cipw@127.0.0.1:3306/ci'
}

function adminOptions(url: string) {
  const u = new URL(url)
  return { host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password), multipleStatements: true }
}

let startedMariadb = false

/** True when MariaDB answers; starts it (`service mariadb start`) when installed and down; makes the account when root may. */
export async function ensureMariadb(): Promise<boolean> {
  const url = mysqlBaseUrl()
  const tryConnect = async (): Promise<Connection | string> => {
    try {
      return await createConnection({ ...adminOptions(url), connectTimeout: 3000 })
    } catch (e) {
      return (e as { code?: string }).code ?? 'error'
    }
  }
  let c = await tryConnect()
  if (c === 'ECONNREFUSED' && (existsSync('/usr/sbin/mariadbd') || existsSync('/usr/sbin/mysqld'))) {
    log('MariaDB is installed and not running: service mariadb start')
    try {
      execSync('service mariadb start', { stdio: 'ignore' })
      startedMariadb = true
    } catch {
      /* reported below */
    }
    for (let i = 0; i < 20 && typeof c === 'string'; i++) {
      await sleep(500)
      c = await tryConnect()
    }
  }
  if (c === 'ER_ACCESS_DENIED_ERROR' || c === 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR') {
    // A fresh machine: make the account through the root socket (works when run as root).
    const o = adminOptions(url)
    try {
      execFileSync('mariadb', ['-uroot', '-e', `CREATE USER IF NOT EXISTS '${o.user}'@'localhost' IDENTIFIED BY '${o.password}'; CREATE USER IF NOT EXISTS '${o.user}'@'127.0.0.1' IDENTIFIED BY '${o.password}'; GRANT ALL ON *.* TO '${o.user}'@'localhost'; GRANT ALL ON *.* TO '${o.user}'@'127.0.0.1';`], { stdio: 'ignore' })
      c = await tryConnect()
    } catch {
      /* reported below */
    }
  }
  if (typeof c === 'string') {
    log(`MariaDB not reachable at ${new URL(url).host} (${c}): the MariaDB parts are skipped`)
    return false
  }
  await c.end()
  return true
}

/** Stops MariaDB if this run started it (others' MariaDB is left as it was). */
export function stopMariadbIfStarted(): void {
  if (!startedMariadb) return
  try {
    execSync('service mariadb stop', { stdio: 'ignore' })
  } catch {
    /* best effort */
  }
}

export interface ThrowAway {
  url: string
  name: string
  drop(): Promise<void>
}

/** A new, empty database `bench_<name>` (utf8mb4), dropped by `drop()`. */
export async function throwAwayMysql(label: string, keep = false): Promise<ThrowAway> {
  const base = mysqlBaseUrl()
  const name = keep ? `bench_${label}` : `bench_${label}_${process.pid}_${randomBytes(3).toString('hex')}`
  const admin = await createConnection(adminOptions(base))
  if (keep) await admin.query(`DROP DATABASE IF EXISTS \`${name}\``)
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`)
  await admin.end()
  const u = new URL(base)
  u.pathname = `/${name}`
  return {
    url: u.toString(),
    name,
    drop: async () => {
      const c = await createConnection(adminOptions(base))
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``)
      await c.end()
    },
  }
}

export interface BenchContext {
  ctx: DomainContext
  close(): Promise<void>
}

/** A migrated domain context on a fresh SQLite file or a throw-away MariaDB database. */
export async function benchContext(kind: 'sqlite' | 'mysql', opts: { poolSize?: number; clock?: Clock; env?: Record<string, string> } = {}): Promise<BenchContext> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'))
  let url = `sqlite:${join(dir, 'bench.sqlite')}`
  let drop: (() => Promise<void>) | undefined
  if (kind === 'mysql') {
    const t = await throwAwayMysql('ctx')
    url = t.url
    drop = t.drop
  }
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, DATABASE_URL: url, LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', ...(opts.env ?? {}) })
  const db = await openDatabase(config.db, { poolSize: opts.poolSize ?? 30 })
  const ctx: DomainContext = { config, db, clock: opts.clock ?? systemClock, log: silentLogger, events: createEvents(), dataKey: randomBytes(32), instanceId: `bench-${process.pid}` }
  return {
    ctx,
    close: async () => {
      await db.close()
      if (drop) await drop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
