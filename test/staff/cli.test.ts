/** `npm run staff -- …` from the shell, against the test database. */
import { it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { describeEachDb } from '../support/context'
import { signIn } from '../../src/domain/staff/staff.service'

describeEachDb('staff CLI', (h) => {
  const run = (...args: string[]) => {
    const c = h.test().config
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/staff.ts', ...args], { env: { ...process.env, DATABASE_URL: c.DATABASE_URL, DATA_DIR: c.DATA_DIR, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 60_000 })
    return { status: r.status, stdout: r.stdout, stderr: r.stderr }
  }

  it('creates accounts of each kind, refuses bad ones, lists them and prints the policy table', () => {
    const boss = run('create', '--username', 'boss', '--password', 'long password 1', '--role', 'admin')
    expect(boss).toMatchObject({ status: 0, stdout: expect.stringContaining('created admin "boss"') })
    // the next step: where to sign in
    expect(boss.stdout).toMatch(/sign in at http:\/\/localhost:\d+\/staff/)
    expect(boss.stdout).not.toContain('long password 1')
    const dir = run('create', '--username', 'dir', '--password', 'long password 1', '--role', 'child-director', '--jurisdiction', 'jincheng', '--community', '东街社区,西街社区', '--street', '东街道')
    expect(dir.status).toBe(0)
    const wrongDept = run('create', '--username', 'x1', '--password', 'long password 1', '--role', 'department', '--jurisdiction', 'jincheng', '--department', '教育部')
    expect(wrongDept.status).toBe(1)
    expect(wrongDept.stderr).toContain('市教育局')
    expect(run('create', '--username', 'x2', '--password', 'long password 1', '--role', 'wizard').status).toBe(2)
    const list = run('list')
    expect(list.stdout).toContain('dir\tchild-director\tjincheng / 东街道 / 东街社区、西街社区')
    expect(list.stdout).not.toContain('scrypt')
    expect(run('policies').stdout).toContain('| department | child.id_number.reveal | yes | – |')
  }, 120_000)

  it('the account works for sign-in', async () => {
    const s = await signIn(h.ctx(), 'dir', 'long password 1')
    expect(s.staff).toMatchObject({ role: 'child-director', communities: ['东街社区', '西街社区'], street: '东街道' })
  })
})
