import { it, expect } from 'vitest'
import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startErrorMessage, safeDatabaseUrl } from '../../src/app/start-errors'

const mysql = { db: { kind: 'mysql' as const, url: 'mysql://app:s3cret@db.example:3306/care' }, PORT: 3000, HOST: '0.0.0.0' }

it('names the setting and the next step for a port in use or a database that refuses, and never repeats the password', () => {
  expect(startErrorMessage({ code: 'EADDRINUSE', syscall: 'listen' }, mysql)).toMatch(/Port 3000 is already in use.*PORT=3001 npm start/)
  const denied = startErrorMessage({ code: 'ER_ACCESS_DENIED_ERROR' }, mysql)!
  expect(denied).toContain('DATABASE_URL')
  expect(denied).toContain('mysql://app:***@db.example:3306/care')
  expect(denied).not.toContain('s3cret')
  expect(startErrorMessage({ code: 'ECONNREFUSED' }, mysql)).toMatch(/Cannot reach the database.*Is it running/)
  expect(startErrorMessage(new Error('something else'), mysql)).toBeNull()
  expect(safeDatabaseUrl({ db: { kind: 'sqlite', file: './data/app.sqlite' } })).toBe('sqlite:./data/app.sqlite')
})

/** Runs a command of the project (tsx) with settings; resolves with its exit code and output. */
function run(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: process.cwd(), env: { ...process.env, LOG_LEVEL: 'warn', JOBS_ENABLED: 'false', ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

it('npm start on a port already taken stops with one plain line, not a stack trace', async () => {
  const taken: Server = createServer()
  await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()))
  const port = (taken.address() as { port: number }).port
  try {
    const dir = mkdtempSync(join(tmpdir(), 'start-errors-'))
    const r = await run('src/main.ts', { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, DATABASE_URL: `sqlite:${join(dir, 'app.sqlite')}` })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`Cannot start: Port ${port} is already in use`)
    expect(r.stderr).not.toContain('node:events')
  } finally {
    taken.close()
  }
}, 60_000)

it('npm run migrate against a database that is not there stops with one plain line naming DATABASE_URL', async () => {
  const r = await run('src/cli/migrate.ts', { DATABASE_URL: 'mysql://ci:pw@127.0.0.1:1/ci' })
  expect(r.code).toBe(1)
  expect(r.stderr).toContain('migrate: Cannot reach the database in DATABASE_URL (mysql://ci:***@127.0.0.1:1/ci): ECONNREFUSED')
  expect(r.stderr).not.toContain(':pw@')
  expect(r.stdout).toBe('')
}, 60_000)
