/**
 * QA round 5, item 10: the booking topic's length was counted in UTF-16 units, so a topic with emoji was refused
 * before the parent reached the limit, and "您写了 N 个字" did not match what they wrote. It is counted as a parent
 * counts: an emoji (even one made of several code points, 👨‍👩‍👧) is one character. Real bot over PuppetMock.
 */
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startHarness, registeredInChat, type Harness, type Parent } from './harness'
import { staff } from '../e2e/fixtures'
import { createProvider, addWorkingPlan } from '../../src/domain/booking/staff.service'
import { TOPIC_MAX_LENGTH } from '../../src/content/vocabulary'
import { Booking } from '../../src/db/entities'

describeEachDb('bot: the booking topic counted as a parent counts (QA round 5)', (h) => {
  let chat: Harness
  const toTopicQuestion = async (p: Parent) => {
    await p.send('4')
    expect(await p.send('2')).toContain('最近能约的时间')
    expect(await p.send('1')).toContain('想和老师聊些什么')
  }
  const bookings = (familyId: number) => h.ctx().db.repo(Booking).find({ where: { familyId }, order: { id: 'ASC' } })

  beforeAll(async () => {
    const ctx = h.ctx()
    h.clock().set('2026-03-02T02:00:00Z')
    const teacher = await staff(ctx, { username: 'qa5.zhou', role: 'provider', providerKind: 'counsellor' })
    const counsellorId = (await createProvider(ctx, { displayName: '周老师', kinds: ['mental_health'], jurisdiction: 'jincheng', staffId: teacher.id })).id
    await addWorkingPlan(ctx, { providerId: counsellorId, weekday: 3, start: '09:00', end: '12:00', sessionMinutes: 60, capacity: 20, kind: 'mental_health', mode: 'online' })
    chat = await startHarness(ctx)
  })
  afterAll(async () => {
    await chat.stop()
  })

  it('a topic with emoji at the limit is kept whole; one over it is told the count the parent wrote', async () => {
    const { p, familyId } = await registeredInChat(h.ctx(), chat, 'wx-qa5-topic-emoji', '孙丽')
    await toTopicQuestion(p)
    // 500 characters as a parent counts them (难😭 … and one 👨‍👩‍👧), about 750 UTF-16 units
    const exact = '难😭'.repeat(249) + '好' + '👨‍👩‍👧'
    expect(exact.length).toBeGreaterThan(TOPIC_MAX_LENGTH + 200)
    const told = await p.send(`${exact}好`)
    expect(told).toContain(`您写了 ${TOPIC_MAX_LENGTH + 1} 个字，老师这里最多能看 ${TOPIC_MAX_LENGTH} 个字。`)
    expect(await p.send(exact)).toContain('回复 1 确认')
    expect(await p.send('1')).toContain('约好了')
    expect((await bookings(familyId))[0]!.topic).toBe(exact)
  })
})
