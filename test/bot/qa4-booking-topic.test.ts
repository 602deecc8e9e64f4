/**
 * QA round 4, the booking topic: a topic longer than the provider is shown was cut silently (the provider read
 * 500 characters ending mid-sentence); polite refusals ("不用了，谢谢") became the topic the provider read.
 * Real bot over PuppetMock, SQLite and MariaDB.
 */
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startHarness, registeredInChat, type Harness, type Parent } from './harness'
import { staff } from '../e2e/fixtures'
import { createProvider, addWorkingPlan } from '../../src/domain/booking/staff.service'
import { TOPIC_MAX_LENGTH } from '../../src/content/vocabulary'
import { Booking } from '../../src/db/entities'

describeEachDb('bot: the booking topic, too long or politely refused (QA round 4)', (h) => {
  let chat: Harness

  const register = (id: string, name: string) => registeredInChat(h.ctx(), chat, id, name)
  /** 4 (book), 2 (psychological support), 1 (the first time): the reply is the topic question. */
  const toTopicQuestion = async (p: Parent) => {
    await p.send('4')
    expect(await p.send('2')).toContain('最近能约的时间')
    expect(await p.send('1')).toContain('想和老师聊些什么')
  }
  const bookings = (familyId: number) => h.ctx().db.repo(Booking).find({ where: { familyId }, order: { id: 'ASC' } })

  beforeAll(async () => {
    const ctx = h.ctx()
    h.clock().set('2026-03-02T02:00:00Z') // Monday 10:00 in Shanghai
    const teacher = await staff(ctx, { username: 'qa4.zhou', role: 'provider', providerKind: 'counsellor' })
    const counsellorId = (await createProvider(ctx, { displayName: '周老师', kinds: ['mental_health'], jurisdiction: 'jincheng', staffId: teacher.id })).id
    await addWorkingPlan(ctx, { providerId: counsellorId, weekday: 3, start: '09:00', end: '12:00', sessionMinutes: 60, capacity: 20, kind: 'mental_health', mode: 'online' })
    chat = await startHarness(ctx)
  })
  afterAll(async () => {
    await chat.stop()
  })

  it('a topic over the limit is not cut: the parent is told it was too long and asked for a shorter one', async () => {
    const { p, familyId } = await register('wx-qa4-topic-long', '孙红')
    await toTopicQuestion(p)
    const long = `孩子${'晚上睡不着，白天没精神，'.repeat(50)}`
    expect(long.length).toBeGreaterThan(TOPIC_MAX_LENGTH)
    const told = await p.send(long)
    expect(told).toBe(`您写了 ${long.length} 个字，老师这里最多能看 ${TOPIC_MAX_LENGTH} 个字。请写短一点再发一次，说最要紧的几句就行。不想说可以回复“跳过”。`)
    expect(told).not.toContain('回复 1 确认')
    const short = '孩子晚上睡不着，白天没精神，成绩下滑很多。'
    expect(await p.send(short)).toContain('回复 1 确认')
    expect(await p.send('1')).toContain('约好了')
    const [b] = await bookings(familyId)
    expect(b!.topic).toBe(short)
    // exactly the limit is kept whole
    const { p: q, familyId: f2 } = await register('wx-qa4-topic-limit', '钱红')
    await toTopicQuestion(q)
    const exact = '睡'.repeat(TOPIC_MAX_LENGTH)
    expect(await q.send(exact)).toContain('回复 1 确认')
    await q.send('1')
    expect((await bookings(f2))[0]!.topic).toBe(exact)
  })

  it('polite refusals give no topic ("不用了，谢谢", "不用了", "没有了谢谢", "no thanks" …); real words still do', async () => {
    const refusals = ['不用了，谢谢', '不用了', '没有了谢谢', 'no thanks', 'No, thanks.', '随便', '都行', '没什么要说的', '好的，不用了']
    for (const [n, word] of refusals.entries()) {
      const { p, familyId } = await register(`wx-qa4-topic-refuse-${n}`, `李芳${n}`)
      await toTopicQuestion(p)
      expect(await p.send(word), word).toMatch(/^您要预约：.*\n回复 1 确认，回复 2 换个时间。$/)
      expect(await p.send('1')).toContain('约好了')
      expect((await bookings(familyId))[0]!.topic, word).toBeNull()
    }
    const { p, familyId } = await register('wx-qa4-topic-words', '王芳')
    await toTopicQuestion(p)
    await p.send('不用了解太多，就想聊聊孩子不爱说话，谢谢')
    await p.send('1')
    expect((await bookings(familyId))[0]!.topic).toBe('不用了解太多，就想聊聊孩子不爱说话，谢谢')
  })
})
