/** `npm run migrate`: applies pending migrations to the database DATABASE_URL names. */
import { loadConfig } from '../config/env'
import { openDatabase } from '../db/database'

const config = loadConfig()
const db = await openDatabase(config.db, { migrate: false })
const ran = await db.migrate()
process.stdout.write(ran.length ? `applied: ${ran.join(', ')}\n` : 'no pending migrations\n')
await db.close()
