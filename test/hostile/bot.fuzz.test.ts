/**
 * Hostile input to the WeChat bot (the real Wechaty on PuppetMock): random and malicious
 * messages from fast-check — markup, SQL, template syntax, control characters, odd Unicode,
 * 5,000-character walls, the bot's own command words in between — in whatever state the
 * conversation is. The bot answers every message, never with its "something went wrong"
 * sentence, and the markup it repeats comes back as the same characters.
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import fc from 'fast-check'
import { describeEachDb } from '../support/context'
import { startHarness, type Harness } from '../bot/harness'
import { nastyString } from './support'
import { t } from '../../src/shared/i18n'

const COMMANDS = ['你好', '1', '2', '3', '4', '5', '6', '登记', '菜单', '上一步', '重填', '人工', 'English', '中文', '取消', '暂停提醒', '恢复提醒']

describeEachDb('hostile messages to the bot', (h) => {
  let chat: Harness
  beforeAll(async () => {
    chat = await startHarness(h.ctx())
  })
  afterAll(async () => {
    await chat?.stop()
  })

  it('answers every random or malicious message, in any state, without an internal error', async () => {
    const internal = [t('zh-CN', 'errors.internal'), t('en', 'errors.internal')]
    let n = 0
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof({ weight: 2, arbitrary: nastyString }, { weight: 1, arbitrary: fc.constantFrom(...COMMANDS) }), { minLength: 3, maxLength: 8 }), async (messages) => {
        const parent = chat.parent(`fuzz-parent-${n++}`)
        for (const text of messages) {
          if (!text.trim()) continue // WeChat sends no empty messages
          const reply = await parent.send(text)
          expect(reply.length, `no answer to ${JSON.stringify(text.slice(0, 80))}`).toBeGreaterThan(0)
          for (const s of internal) expect(reply, `after ${JSON.stringify(messages.map((m) => m.slice(0, 40)))}`).not.toContain(s)
        }
      }),
      { numRuns: 12, endOnFailure: true },
    )
  }, 120_000)

  it('keeps a parent’s name with markup as the very same characters, and says plainly when it is too long', async () => {
    const p = chat.parent('markup-name')
    await p.send('你好')
    await p.send('1')
    expect(await p.send('登记')).toContain('怎么称呼您')
    // 36 characters: too long for a name (32), and the bot says so (it used to say "this must be filled in")
    const tooLong = await p.send('<b>李</b><img src=x onerror=alert(1)>')
    expect(tooLong).toContain(t('zh-CN', 'validation.tooLong', { max: 32 }))
    const name = '<b>李</b><img src=x onerror=1>'
    expect(await p.send(name)).toContain('1 妈妈')
    const state = JSON.stringify(await h.ctx().db.ds.query('SELECT data FROM bot_conversation'))
    expect(state).toContain(JSON.stringify(JSON.stringify(name).slice(1, -1)).slice(1, -1))
  })
})
