import { it, expect, beforeAll, afterAll } from 'vitest'
import { FileBox } from 'file-box'
import { describeEachDb } from '../support/context'
import type { EventEmitter } from 'node:events'
import type { mock } from 'wechaty-puppet-mock'
import { startHarness, BOT_ID, type Harness } from './harness'
import { ContactQueue } from '../../src/bot/contact-queue'
import { enqueue } from '../../src/domain/outbox/outbox.service'
import { Identity } from '../../src/db/entities'
import { findOrCreateIdentity, getIdentity } from '../../src/domain/identity/identity.service'
import { loadConversation } from '../../src/domain/conversation/conversation.service'

describeEachDb('bot: first contact, language, media, restart', (h) => {
  let chat: Harness
  beforeAll(async () => {
    chat = await startHarness(h.ctx())
  })
  afterAll(async () => {
    await chat.stop()
  })

  it('welcomes a new parent, asks for consent and shows the menu', async () => {
    const p = chat.parent('wx-first')
    const hello = await p.send('你好')
    expect(hello).toContain('流动儿童关爱服务')
    expect(hello).toContain('隐私说明')
    expect(hello).toContain('回复 1')
    const notYet = await p.send('孩子上学怎么办')
    expect(notYet).toContain('收到您的问题了')
    expect(notYet).toContain('请先回复 1')
    const city = await p.send('1')
    expect(city).toContain('谢谢')
    expect(city).toContain('住在哪个城市')
    const answer = await p.send('晋城')
    expect(answer).toContain('上小学、初中')
    const menu = await p.send('菜单')
    expect(menu).toContain('1 登记家庭和孩子')
    expect(menu).toContain('6 找工作人员')

    const q = chat.parent('wx-greeting')
    await q.send('你好')
    const direct = await q.send('1')
    expect(direct).toContain('1 登记家庭和孩子')
  })

  it('asks to type when sent a picture or a link, and goes on where it was', async () => {
    const p = chat.parent('wx-first')
    const pic = await p.sendFile(FileBox.fromBase64(Buffer.from('x').toString('base64'), 'photo.jpg'))
    expect(pic).toContain('请用文字写下来')
    const link = await p.send('https://example.com/a')
    expect(link).toContain('看不了图片')
    const id = await findOrCreateIdentity(h.ctx(), 'bot', 'wx-first')
    expect((await loadConversation(h.ctx(), id.id)).flow).toBe('menu')
  })

  it('switches to English on request and remembers it across a restart', async () => {
    const p = chat.parent('wx-en')
    await p.send('hello')
    const en = await p.send('English')
    expect(en).toContain('we will talk in English')
    expect(en).toContain('Reply 1 for yes')
    const menu = await p.send('yes')
    expect(menu).toContain('Register your family')
    const id = await findOrCreateIdentity(h.ctx(), 'bot', 'wx-en')
    expect((await getIdentity(h.ctx(), id.id)).language).toBe('en')
    await chat.restart()
    const again = await p.send('menu')
    expect(again).toContain('Talk to a person')
    const zh = await p.send('中文')
    expect(zh).toContain('我们说中文')
  })

  it('pauses and resumes reminders', async () => {
    const p = chat.parent('wx-first')
    expect(await p.send('暂停提醒')).toContain('已经暂停提醒')
    const id = await findOrCreateIdentity(h.ctx(), 'bot', 'wx-first')
    expect((await getIdentity(h.ctx(), id.id)).remindersPaused).toBe(true)
    expect(await p.send('恢复提醒')).toContain('已经恢复提醒')
    expect((await getIdentity(h.ctx(), id.id)).remindersPaused).toBe(false)
  })

  it('ignores group chats that are not staff rooms', async () => {
    const someone = chat.contact('wx-someone', '路人')
    const room = chat.mocker.createRoom({ topic: '小区闲聊群', memberIdList: ['wx-someone', BOT_ID] })
    const said: string[] = []
    ;(room as unknown as EventEmitter).on('message', (m: mock.MessageMock) => {
      if (m.payload.talkerId === BOT_ID) said.push((m.payload as { text?: string }).text ?? '')
    })
    someone.say('你好').to(room)
    someone.say('#1 认领').to(room)
    await new Promise((r) => setTimeout(r, 400))
    expect(said).toEqual([])
    expect(await h.ctx().db.repo(Identity).countBy({ externalId: 'wx-someone' })).toBe(0)
  })

  it('delivers queued reminders in the chat, in the parent’s language, and none while paused', async () => {
    const ctx = h.ctx()
    const p = chat.parent('wx-first')
    const id = await findOrCreateIdentity(ctx, 'bot', 'wx-first')
    const before = p.inbox.length
    await enqueue(ctx, { channel: 'bot', recipient: String(id.id), kind: 'notice', messageKey: 'bot:reminders.resumed', unsolicited: true })
    for (let i = 0; i < 40 && p.inbox.length === before; i++) await new Promise((r) => setTimeout(r, 50))
    expect(p.inbox.slice(before).join()).toContain('已经恢复提醒')
    await p.send('暂停提醒')
    expect(await enqueue(ctx, { channel: 'bot', recipient: String(id.id), kind: 'notice', messageKey: 'bot:reminders.resumed', unsolicited: true })).toBeNull()
    await p.send('恢复提醒')
  })
})

describeEachDb('bot: a flood from one contact', (h) => {
  let chat: Harness
  beforeAll(async () => {
    chat = await startHarness(h.ctx(), { queue: new ContactQueue({ burst: 3, refillMs: 150 }) })
  })
  afterAll(async () => {
    await chat.stop()
  })

  it('is slowed down, answered in order, and nothing said is lost', async () => {
    const p = chat.parent('wx-flood')
    await p.send('你好')
    await p.send('1')
    const words = ['暂停提醒', '恢复提醒', '暂停提醒', '恢复提醒', '暂停提醒', '恢复提醒', '暂停提醒', '恢复提醒']
    const before = p.inbox.length
    const started = Date.now()
    for (const w of words) chat.sayWithoutWaiting('wx-flood', w)
    for (let i = 0; i < 200 && p.inbox.length < before + words.length + 1; i++) await new Promise((r) => setTimeout(r, 50))
    const got = p.inbox.slice(before)
    expect(got.filter((m) => m.includes('按顺序一条一条回复'))).toHaveLength(1)
    const answers = got.filter((m) => !m.includes('按顺序'))
    expect(answers).toHaveLength(words.length)
    answers.forEach((a, i) => expect(a).toContain(i % 2 === 0 ? '已经暂停提醒' : '已经恢复提醒'))
    expect(Date.now() - started).toBeGreaterThanOrEqual(300)
    const id = await findOrCreateIdentity(h.ctx(), 'bot', 'wx-flood')
    expect((await getIdentity(h.ctx(), id.id)).remindersPaused).toBe(false)
  })
})
