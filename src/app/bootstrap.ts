/** Builds the domain context from settings: database (migrated), key, logger, clock. */
import { hostname } from 'node:os'
import { loadConfig, type Config } from '../config/env'
import { openDatabase } from '../db/database'
import { createEvents, type DomainContext } from '../domain/context'
import { systemClock, type Clock } from '../shared/clock'
import { createLogger, type Logger } from '../shared/logger'
import { resolveDataKey } from '../shared/data-key'

export interface BootstrapOptions {
  config?: Config
  clock?: Clock
  log?: Logger
  migrate?: boolean
}

export async function bootstrap(opts: BootstrapOptions = {}): Promise<DomainContext> {
  const config = opts.config ?? loadConfig()
  const log = opts.log ?? createLogger({ level: config.LOG_LEVEL })
  const dataKey = resolveDataKey(config)
  const db = await openDatabase(config.db, { migrate: opts.migrate ?? true })
  return {
    config,
    db,
    clock: opts.clock ?? systemClock,
    log,
    events: createEvents(),
    dataKey,
    instanceId: `${hostname()}:${process.pid}`,
  }
}

/** Applies pending migrations to the configured database and closes it (for `npm run migrate`). */
export async function migrateDatabase(config: Config): Promise<string[]> {
  const db = await openDatabase(config.db, { migrate: false })
  try {
    return await db.migrate()
  } finally {
    await db.close()
  }
}
