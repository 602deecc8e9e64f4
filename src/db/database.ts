/**
 * The data layer: one TypeORM DataSource on embedded SQLite (default) or MySQL/MariaDB,
 * with the same entities and the same migrations (written with TypeORM's schema builder,
 * so they run on both dialects). `synchronize` is never used.
 */
import 'reflect-metadata'
import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral, type Repository } from 'typeorm'
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Config } from '../config/env'
import { entities } from './entities'
import { migrations } from './migrations'

export type DbKind = 'sqlite' | 'mysql'

export class Database {
  constructor(
    readonly ds: DataSource,
    readonly kind: DbKind,
  ) {}

  repo<T extends ObjectLiteral>(target: EntityTarget<T>): Repository<T> {
    return this.ds.getRepository(target)
  }

  /** SQLite: the tail of the queue of transactions (better-sqlite3 shares one connection between all callers). */
  private sqliteQueue: Promise<unknown> = Promise.resolve()

  /**
   * Runs `fn` in one transaction; on MySQL rows read with `lock: { mode: 'pessimistic_write' }` stay locked until it ends.
   * On SQLite transactions run one after another (two at once on the one connection would fail with
   * "cannot start a transaction within a transaction"); do not call `transaction` inside `fn`.
   */
  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    if (this.kind !== 'sqlite') return this.ds.transaction(fn)
    const run = this.sqliteQueue.then(() => this.ds.transaction(fn))
    this.sqliteQueue = run.catch(() => undefined)
    return run
  }

  /**
   * After erasing personal data: on SQLite, copies the write-ahead log into the file and empties it,
   * so the erased rows' old page images do not stay on disk (secure_delete zeroes them in the file).
   */
  async flushErased(): Promise<void> {
    if (this.kind !== 'sqlite') return
    // Between transactions (a checkpoint inside one fails with "database table is locked"); best effort.
    const run = this.sqliteQueue.then(() => this.ds.query('PRAGMA wal_checkpoint(TRUNCATE)'))
    this.sqliteQueue = run.catch(() => undefined)
    await run.catch(() => undefined)
  }

  /** True when the database answers a trivial query. */
  async ping(): Promise<boolean> {
    try {
      await this.ds.query('SELECT 1')
      return true
    } catch {
      return false
    }
  }

  async migrate(): Promise<string[]> {
    const ran = await this.ds.runMigrations({ transaction: 'each' })
    return ran.map((m) => m.name)
  }

  async close(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy()
  }
}

/** True for the error a unique index raises, on either dialect. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string }; message?: string }
  const code = err?.driverError?.code ?? err?.code
  return (
    code === 'ER_DUP_ENTRY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed|Duplicate entry/.test(err?.message ?? '')
  )
}

export interface OpenOptions {
  /** Run pending migrations after connecting (default true). */
  migrate?: boolean
  /** Connection pool size on MySQL. */
  poolSize?: number
}

export function buildDataSource(db: Config['db'], opts: OpenOptions = {}): DataSource {
  if (db.kind === 'sqlite') {
    const file = db.file === ':memory:' ? ':memory:' : resolve(db.file)
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    return new DataSource({
      type: 'better-sqlite3',
      database: file,
      entities,
      migrations,
      synchronize: false,
      logging: false,
      enableWAL: file !== ':memory:',
      prepareDatabase: (conn: { pragma: (s: string) => unknown }) => {
        conn.pragma('busy_timeout = 5000')
        conn.pragma('foreign_keys = ON')
        // Deleted rows are overwritten with zeros, so erased personal data leaves no bytes in the file.
        conn.pragma('secure_delete = ON')
      },
    })
  }
  return new DataSource({
    type: 'mysql',
    url: db.url,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    entities,
    migrations,
    synchronize: false,
    logging: false,
    poolSize: opts.poolSize ?? 10,
    extra: { connectTimeout: 5000 },
  })
}

/** Connects and (by default) applies pending migrations. */
export async function openDatabase(db: Config['db'], opts: OpenOptions = {}): Promise<Database> {
  const ds = buildDataSource(db, opts)
  await ds.initialize()
  const database = new Database(ds, db.kind)
  if (opts.migrate !== false) await database.migrate()
  return database
}
