/** `npm run migrate`: applies pending migrations to the database DATABASE_URL names. */
import { loadConfig, ConfigError } from '../config/env'
import { migrateDatabase } from '../app/bootstrap'
import { startErrorMessage } from '../app/start-errors'

let config
try {
  config = loadConfig()
} catch (e) {
  if (!(e instanceof ConfigError)) throw e
  process.stderr.write(`${e.message}\n`)
  process.exit(1)
}
try {
  const ran = await migrateDatabase(config)
  process.stdout.write(ran.length ? `applied: ${ran.join(', ')}\n` : 'no pending migrations\n')
} catch (e) {
  // the database refused or is away: one plain line naming the setting, not a stack trace
  const plain = startErrorMessage(e, config)
  if (!plain) throw e
  process.stderr.write(`migrate: ${plain}\n`)
  process.exit(1)
}
