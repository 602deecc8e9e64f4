/** `npm run seed:demo` from the shell: says what it did and what to try next. */
import { it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

it('loads the demo data once and names the next step', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seed-demo-'))
  const run = () => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/seed-demo.ts'], { env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'app.sqlite')}`, DATA_DIR: dir, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 60_000 })
  const first = run()
  expect(first.status).toBe(0)
  expect(first.stdout).toMatch(/demo booking data: \d+ jurisdictions, [1-9]\d* rows added, 0 already there/)
  expect(first.stdout).toContain('next: try booking as a parent: npm run chat -- --user')
  const again = run()
  expect(again.stdout).toMatch(/ 0 rows added, [1-9]\d* already there/)
}, 120_000)
