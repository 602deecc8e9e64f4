/**
 * Test contexts on every database under test: embedded SQLite always, and MySQL/MariaDB
 * when TEST_MYSQL_URL is set (.ci/run sets it). Each test file gets its own throw-away
 * database, so files run in parallel without touching each other.
 */
import { describe, beforeAll, afterAll } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { createConnection } from 'mysql2/promise'
import { loadConfig, testEnv, type Config } from '../../src/config/env'
import { openDatabase } from '../../src/db/database'
import { createEvents, type DomainContext } from '../../src/domain/context'
import { ManualClock } from '../../src/shared/clock'
import { silentLogger } from '../../src/shared/logger'

export type DbKind = 'sqlite' | 'mysql'

/** The databases this run tests on. */
export function dbKinds(): DbKind[] {
  return testEnv().mysqlUrl ? ['sqlite', 'mysql'] : ['sqlite']
}

export interface TestContext {
  ctx: DomainContext
  clock: ManualClock
  kind: DbKind
  /** Settings used (tests may pass overrides). */
  config: Config
  cleanup(): Promise<void>
}

async function createMysqlDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = new URL(testEnv().mysqlUrl!)
  const name = `t_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = await createConnection({ host: base.hostname, port: Number(base.port || 3306), user: decodeURIComponent(base.username), password: decodeURIComponent(base.password) })
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`)
  await admin.end()
  const url = new URL(base.toString())
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const c = await createConnection({ host: base.hostname, port: Number(base.port || 3306), user: decodeURIComponent(base.username), password: decodeURIComponent(base.password) })
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``)
      await c.end()
    },
  }
}

/** A migrated, empty database with a domain context around it. */
export async function createTestContext(kind: DbKind, env: Record<string, string> = {}, start?: string): Promise<TestContext> {
  const dir = mkdtempSync(join(tmpdir(), 'ldet-'))
  let dropMysql: (() => Promise<void>) | undefined
  let databaseUrl = `sqlite:${join(dir, 'test.sqlite')}`
  if (kind === 'mysql') {
    const m = await createMysqlDatabase()
    databaseUrl = m.url
    dropMysql = m.drop
  }
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', ...env })
  const db = await openDatabase(config.db, { poolSize: 30 })
  const clock = new ManualClock(start)
  const ctx: DomainContext = { config, db, clock, log: silentLogger, events: createEvents(), dataKey: randomBytes(32), instanceId: `test-${randomBytes(3).toString('hex')}` }
  return {
    ctx,
    clock,
    kind,
    config,
    cleanup: async () => {
      await db.close()
      if (dropMysql) await dropMysql()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * `describe` once per database under test, with a fresh database for the block:
 *   describeEachDb('registry', (t) => { it('...', async () => { const ctx = t.ctx() ... }) })
 */
export function describeEachDb(title: string, body: (t: { ctx: () => DomainContext; clock: () => ManualClock; kind: DbKind; test: () => TestContext }) => void, env: Record<string, string> = {}): void {
  for (const kind of dbKinds()) {
    describe(`${title} [${kind}]`, () => {
      let tc: TestContext | undefined
      beforeAll(async () => {
        tc = await createTestContext(kind, env)
      })
      afterAll(async () => {
        await tc?.cleanup()
      })
      body({ ctx: () => tc!.ctx, clock: () => tc!.clock, kind, test: () => tc! })
    })
  }
}
