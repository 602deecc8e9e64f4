// `npm test`: type-checks, then runs every test file (vitest). Database tests run on SQLite,
// and also on MySQL/MariaDB when TEST_MYSQL_URL is set (.ci/run sets it).
import { spawnSync } from 'node:child_process'

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1
if (!process.env.TEST_MYSQL_URL) {
  console.log('TEST_MYSQL_URL is not set: database tests run on SQLite only (MySQL/MariaDB skipped; .ci/run covers it).')
} else {
  console.log('TEST_MYSQL_URL is set: database tests run on SQLite and on MySQL/MariaDB.')
}
const steps = [
  ['npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['npx', ['tsc', '-p', 'miniprogram/tsconfig.json', '--noEmit']],
  ['npx', ['vitest', 'run', ...process.argv.slice(2)]],
]
for (const [cmd, args] of steps) {
  const code = run(cmd, args)
  if (code !== 0) process.exit(code)
}
