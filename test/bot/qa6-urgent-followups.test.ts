/**
 * QA round 6, the bot: a parent not registered sent an urgent message (a child locked in, crying), then, before
 * anyone answered, "请问有消息了吗" and "你们什么时候来": the words were added to the urgent question but the parent was
 * told "抱歉，我没看懂" with kindergarten examples each time; "孩子穿红色外套，背蓝书包" was answered as a charity
 * question and never reached staff. Now everything the parent writes while the urgent question is open is added to
 * it and the parent is told so; words that name a service still get their answer as well.
 * Real bot over PuppetMock, SQLite and MariaDB.
 */
import { it, expect, beforeAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { useHarness } from './harness'
import { makeStaff } from '../staff/helpers'
import { getTicketThread, listQueue } from '../../src/domain/tickets/tickets.service'
import type { StaffView } from '../../src/domain/staff/staff.service'

const ticketOf = (reply: string) => Number(reply.match(/问题编号 (\d+)/)?.[1])

describeEachDb('bot: QA round 6 (follow-ups to an open urgent question)', (h) => {
  const chat = useHarness(h)
  let admin: StaffView

  beforeAll(async () => {
    admin = await makeStaff(h.ctx(), { username: 'qa6.admin', role: 'admin' })
    await makeStaff(h.ctx(), { username: 'qa6.cz', role: 'child-director', jurisdiction: 'changzhi', street: '东街街道', communities: ['东街社区'] })
  })

  it('adds the follow-ups to the urgent question and says so, never "did not understand", and opens no other question', async () => {
    const p = chat.parent('wx-qa6-followups')
    await p.send('你好')
    await p.send('1')
    const urgent = await p.send('我在长治，孩子被锁在家里一直在哭')
    const id = ticketOf(urgent)
    expect(id).toBeGreaterThan(0)
    for (const words of ['请问有消息了吗', '你们什么时候来', '孩子穿红色外套，背蓝书包']) {
      const reply = await p.send(words)
      expect(reply, words).toContain(`已经加到您的紧急问题里了（问题编号 ${id}）`)
      expect(reply, words).not.toContain('没看懂')
    }
    const thread = await getTicketThread(h.ctx(), admin, id)
    const said = thread.messages.filter((m) => m.from === 'family').map((m) => m.text).join('\n')
    for (const words of ['请问有消息了吗', '你们什么时候来', '孩子穿红色外套，背蓝书包']) expect(said).toContain(words)
    // one question, the urgent one: nothing opened beside it
    const mine = (await listQueue(h.ctx(), admin, { status: 'all' })).filter((t) => t.id >= id)
    expect(mine.map((t) => t.id)).toEqual([id])
  })
})

describeEachDb('bot: QA round 6 (a thank-you is not a new question)', (h) => {
  const chat = useHarness(h)

  it('answers 谢谢 and thanks at the menu politely, opens no question and counts no miss', async () => {
    const p = chat.parent('wx-qa6-thanks')
    await p.send('你好')
    await p.send('1')
    for (const words of ['谢谢', '好的，谢谢', '谢谢']) {
      const reply = await p.send(words)
      expect(reply, words).toContain('不客气')
      expect(reply, words).not.toContain('问题编号')
      expect(reply, words).not.toContain('没看懂')
    }
    expect(await p.send('English')).toBeTruthy()
    expect(await p.send('thanks')).toContain("You're welcome")
  })
})
