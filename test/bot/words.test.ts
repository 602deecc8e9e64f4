import { it, expect, beforeAll, afterAll } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { describeEachDb } from '../support/context'
import { startHarness, type Harness } from './harness'
import { createLogger } from '../../src/shared/logger'

function keys(obj: unknown, prefix = ''): string[] {
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
  return [prefix]
}

it('every bot sentence exists in zh-CN and in English', () => {
  const dir = join(__dirname, '..', '..', 'src', 'content', 'locales')
  const zh = keys(JSON.parse(readFileSync(join(dir, 'zh-CN', 'bot.json'), 'utf8'))).sort()
  const en = keys(JSON.parse(readFileSync(join(dir, 'en', 'bot.json'), 'utf8'))).sort()
  expect(en).toEqual(zh)
  expect(zh.length).toBeGreaterThan(100)
})

describeEachDb('bot logs', (h) => {
  const lines: string[] = []
  let chat: Harness
  beforeAll(async () => {
    const log = createLogger({ level: 'debug', destination: new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) as never })
    chat = await startHarness({ ...h.ctx(), log })
  })
  afterAll(async () => {
    await chat.stop()
  })

  it('never carry what a parent wrote, their names or their WeChat ids', async () => {
    const p = chat.parent('wxid_secret_parent')
    await p.send('你好')
    await p.send('1')
    await p.send('登记')
    await p.send('林秀英')
    await p.send('2')
    await p.send('13912345678')
    await p.send('人工')
    await p.send('晋城')
    await p.send('我想问孩子户口的事情')
    await p.send('有人把孩子锁在家里好几天没人管了')
    const log = lines.join('\n')
    expect(log).toMatch(/urgent message escalated/)
    for (const secret of ['林秀英', '13912345678', 'wxid_secret_parent', '户口的事情', '锁在家里']) expect(log).not.toContain(secret)
  })
})
