// `npm test`: type-checks the service and the mini-program, then runs every test file (vitest).
// Database tests run on SQLite, and also on MySQL/MariaDB when TEST_MYSQL_URL is set (.ci/run sets it).
// Ends with one plain line: "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1
if (!process.env.TEST_MYSQL_URL) {
  console.log('TEST_MYSQL_URL is not set: database tests run on SQLite only (MySQL/MariaDB skipped; .ci/run covers it).')
} else {
  console.log('TEST_MYSQL_URL is set: database tests run on SQLite and on MySQL/MariaDB.')
}
for (const project of ['tsconfig.json', 'miniprogram/tsconfig.json']) {
  const code = run('npx', ['tsc', '-p', project, '--noEmit'])
  if (code !== 0) {
    console.log(`type-check of ${project} failed`)
    process.exit(code)
  }
}
const dir = mkdtempSync(join(tmpdir(), 'vitest-'))
const results = join(dir, 'results.json')
const code = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...process.argv.slice(2)])
if (existsSync(results)) {
  const r = JSON.parse(readFileSync(results, 'utf8'))
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`)
}
rmSync(dir, { recursive: true, force: true })
process.exit(code)
