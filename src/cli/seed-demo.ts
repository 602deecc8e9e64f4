/**
 * `npm run seed:demo`: loads demo providers (【演示】…), venues and weekly working plans for every
 * jurisdiction into the database DATABASE_URL names (migrations applied first). Running it
 * again adds nothing.
 */
import { bootstrap } from '../app/bootstrap'
import { seedDemo } from '../domain/booking/seed-demo'
import { silentLogger } from '../shared/logger'

const ctx = await bootstrap({ log: silentLogger })
try {
  const r = await seedDemo(ctx)
  process.stdout.write(`demo booking data: ${r.jurisdictions} jurisdictions, ${r.created} rows added, ${r.existing} already there\n`)
  process.stdout.write('next: try booking as a parent: npm run chat -- --user 小王 (register with 1, then 4 books a session); demo providers and venues are marked 【演示】\n')
} finally {
  await ctx.db.close()
}
