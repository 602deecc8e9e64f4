/** `npm run migrate`: applies pending migrations to the database DATABASE_URL names. */
import { loadConfig } from '../config/env'
import { migrateDatabase } from '../app/bootstrap'

const ran = await migrateDatabase(loadConfig())
process.stdout.write(ran.length ? `applied: ${ran.join(', ')}\n` : 'no pending migrations\n')
