/**
 * QA round 6, the bot: a parent not registered sent an urgent message (a child locked in, crying), then, before
 * anyone answered, "请问有消息了吗" and "你们什么时候来": the words were added to the urgent question but the parent was
 * told "抱歉，我没看懂" with kindergarten examples each time; "孩子穿红色外套，背蓝书包" was answered as a charity
 * question and never reached staff. Now everything the parent writes while the urgent question is open is added to
 * it and the parent is told so; words that name a service still get their answer as well.
 * Real bot over PuppetMock, SQLite and MariaDB.
 */
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { registeredInChat, startHarness, useHarness, type Harness } from './harness'
import { createProvider, addWorkingPlan } from '../../src/domain/booking/staff.service'
import { Booking } from '../../src/db/entities'
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

describeEachDb('bot: QA round 6 (words at the booking confirmation while an urgent question is open)', (h) => {
  let chat: Harness
  let admin: StaffView
  beforeAll(async () => {
    const ctx = h.ctx()
    h.clock().set('2026-03-02T02:00:00Z')
    admin = await makeStaff(ctx, { username: 'qa6.admin2', role: 'admin' })
    const providerId = (await createProvider(ctx, { displayName: '吴老师', kinds: ['family_education'], jurisdiction: 'jincheng' })).id
    await addWorkingPlan(ctx, { providerId, weekday: 3, start: '09:00', end: '12:00', sessionMinutes: 60, capacity: 20, kind: 'family_education', mode: 'online' })
    chat = await startHarness(ctx)
  })
  afterAll(async () => {
    await chat.stop()
  })

  it('passes them to the urgent question and asks the confirmation again (they were lost)', async () => {
    const { p, familyId } = await registeredInChat(h.ctx(), chat, 'wx-qa6-confirm', '吴芳')
    const id = ticketOf(await p.send('孩子被他爸打得满身是伤，现在躲在厕所里不敢出来'))
    expect(id).toBeGreaterThan(0)
    await p.send('4')
    expect(await p.send('1')).toContain('最近能约的时间')
    expect(await p.send('1')).toContain('想和老师聊些什么')
    expect(await p.send('跳过')).toContain('回复 1 确认')
    const reply = await p.send('有人来了吗')
    expect(reply).toContain(`问题编号 ${id}`)
    expect(reply).toContain('回复 1 确认')
    const said = (await getTicketThread(h.ctx(), admin, id)).messages.filter((m) => m.from === 'family').map((m) => m.text)
    expect(said).toContain('有人来了吗')
    expect(await p.send('1')).toContain('约好了')
    expect(await h.ctx().db.repo(Booking).count({ where: { familyId } })).toBe(1)
  })
})
