import { it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

it('npm run chat: each stdin line is a message, replies on stdout, exits after the last reply; the same name resumes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chat-cli-'))
  const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: `sqlite:${join(dir, 'app.sqlite')}`, LOG_LEVEL: 'warn' }
  try {
    const first = spawnSync('npx', ['tsx', 'src/cli/chat.ts', '--user', '测试家长'], { input: '你好\n1\n登记\n', env, encoding: 'utf8', timeout: 60_000 })
    expect(first.status).toBe(0)
    expect(first.stdout).toContain('流动儿童关爱服务')
    expect(first.stdout).toContain('1 登记家庭和孩子')
    expect(first.stdout).toContain('怎么称呼您')
    const second = spawnSync('npx', ['tsx', 'src/cli/chat.ts', '--user', '测试家长', '--echo'], { input: '张三\n', env, encoding: 'utf8', timeout: 60_000 })
    expect(second.status).toBe(0)
    expect(second.stdout).toContain('测试家长> 张三')
    expect(second.stdout).toContain('bot> 您是孩子的什么人')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}, 120_000)
