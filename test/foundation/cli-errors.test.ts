/**
 * `npm run chat` and `npm run route` with a database that is away or settings that are wrong (QA
 * round 2): chat stops with one plain line naming DATABASE_URL (it printed a stack trace); route
 * never opens the database (nor reads the settings) and answers as always.
 */
import { it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const run = (script: string, args: string[], input: string, env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { input, cwd: process.cwd(), env: { ...process.env, LOG_LEVEL: 'warn', ...env }, encoding: 'utf8', timeout: 60_000 })

it('npm run chat against a database that is not there: one plain line naming DATABASE_URL, no stack trace, exit 1', () => {
  const r = run('src/cli/chat.ts', ['--user', 'qa-away'], '你好\n', { DATABASE_URL: 'mysql://ci:pw@127.0.0.1:1/ci' })
  expect(r.status).toBe(1)
  expect(r.stderr.trim()).toBe('chat: Cannot reach the database in DATABASE_URL (mysql://ci:***@127.0.0.1:1/ci): ECONNREFUSED. Is it running? Check the host and port in DATABASE_URL.')
  expect(r.stdout).toBe('')
}, 60_000)

it('npm run chat with a bad setting names it in plain words', () => {
  const r = run('src/cli/chat.ts', ['--user', 'qa-bad'], '你好\n', { PORT: 'abc' })
  expect(r.status).toBe(1)
  expect(r.stderr).toContain('PORT')
  expect(r.stderr).not.toMatch(/\n\s+at /)
}, 60_000)

it('npm run route answers with the database away and bad settings, and never opens the database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'route-nodb-'))
  const file = join(dir, 'never', 'app.sqlite')
  const lines = '{"text":"孩子4岁了想上幼儿圆 我们是外地的"}\n'
  const settings: Array<Record<string, string>> = [{ DATABASE_URL: 'mysql://ci:pw@127.0.0.1:1/ci', PORT: 'abc', LOG_LEVEL: 'loud' }, { DATABASE_URL: `sqlite:${file}`, DATA_DIR: join(dir, 'data') }]
  for (const env of settings) {
    const r = run('src/cli/route.ts', ['--city', 'jincheng'], lines, env)
    expect(r.status).toBe(0)
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout.trim())).toEqual({ service: 'preschool', departments: ['市教育局'], urgent: false })
  }
  expect(existsSync(file)).toBe(false)
  expect(existsSync(join(dir, 'data'))).toBe(false)
}, 60_000)

it('npm run route whose reader stops early (| head -1) ends quietly, without a stack trace', () => {
  const lines = '{"text":"孩子想上幼儿园"}\n'.repeat(2000)
  const r = spawnSync('sh', ['-c', `${JSON.stringify(process.execPath)} --import tsx src/cli/route.ts --city jincheng | head -1`], { input: lines, cwd: process.cwd(), encoding: 'utf8', timeout: 60_000 })
  expect(r.stdout.trim()).toBe('{"service":"preschool","departments":["市教育局"],"urgent":false}')
  expect(r.stderr).toBe('')
}, 60_000)
