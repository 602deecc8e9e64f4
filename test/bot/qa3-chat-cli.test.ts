/**
 * QA round 3: `npm run chat` is a conversation. With the default settings an urgent message printed the
 * warning log line {"level":40,…,"msg":"urgent message escalated"} in the middle of it (stderr, in the same terminal).
 */
import { it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { createTestContext } from '../support/context'

it('npm run chat with the default settings prints the conversation and no log lines, also for an urgent message', async () => {
  const tc = await createTestContext('sqlite')
  const { LOG_LEVEL: _drop, ...base } = process.env
  const env = { ...base, DATA_DIR: tc.config.DATA_DIR, DATABASE_URL: `sqlite:${(tc.config.db as { file: string }).file}` }
  try {
    const r = spawnSync('npx', ['tsx', 'src/cli/chat.ts', '--user', '测试家长'], { input: '你好\n1\n孩子他爸喝醉了拿刀追着孩子打\n', env, encoding: 'utf8', timeout: 60_000 })
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('110')
    expect(r.stderr.split('\n').filter((l) => l.startsWith('{'))).toEqual([])
  } finally {
    await tc.cleanup()
  }
}, 120_000)
