import { it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { createTestContext } from '../support/context'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { enqueue } from '../../src/domain/outbox/outbox.service'
import { OutboundMessage } from '../../src/db/entities'

it('npm run chat: lines in, replies out, exits after the last reply; resumes by name; delivers only its own queued messages', async () => {
  const tc = await createTestContext('sqlite')
  const ctx = tc.ctx
  const env = { ...process.env, DATA_DIR: tc.config.DATA_DIR, DATABASE_URL: `sqlite:${(tc.config.db as { file: string }).file}`, LOG_LEVEL: 'warn' }
  try {
    // rows the real bot must deliver: a WeChat contact's reminder and a staff-room post
    const other = await findOrCreateIdentity(ctx, 'bot', 'wxid_real_parent')
    const theirs = await enqueue(ctx, { channel: 'bot', recipient: String(other.id), kind: 'reminder', messageKey: 'bot:reminders.resumed' })
    const room = await enqueue(ctx, { channel: 'staff_room', recipient: '*', kind: 'escalation', plainText: '…' })
    // and one for the terminal parent
    const me = await findOrCreateIdentity(ctx, 'bot', 'chat:测试家长')
    await enqueue(ctx, { channel: 'bot', recipient: String(me.id), kind: 'staff_reply', messageKey: 'staff:reply.leadIn', params: { ticketId: 1 }, plainText: '周老师明天给您打电话。' })

    const first = spawnSync('npx', ['tsx', 'src/cli/chat.ts', '--user', '测试家长'], { input: '你好\n1\n登记\n', env, encoding: 'utf8', timeout: 60_000 })
    expect(first.status).toBe(0)
    expect(first.stdout).toContain('周老师明天给您打电话。')
    expect(first.stdout).toContain('流动儿童关爱服务')
    expect(first.stdout).toContain('1 登记家庭和孩子')
    expect(first.stdout).toContain('怎么称呼您')
    const second = spawnSync('npx', ['tsx', 'src/cli/chat.ts', '--user', '测试家长', '--echo'], { input: '张三\n', env, encoding: 'utf8', timeout: 60_000 })
    expect(second.status).toBe(0)
    expect(second.stdout).toContain('测试家长> 张三')
    expect(second.stdout).toContain('bot> 您是孩子的什么人')

    const untouched = await ctx.db.repo(OutboundMessage).findBy([{ id: theirs! }, { id: room! }])
    expect(untouched.map((r) => [r.status, r.attempts])).toEqual([
      ['pending', 0],
      ['pending', 0],
    ])
  } finally {
    await tc.cleanup()
  }
}, 120_000)
