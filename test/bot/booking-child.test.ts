import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startHarness, registeredInChat, type Harness } from './harness'
import { createProvider, addWorkingPlan } from '../../src/domain/booking/staff.service'
import { listFamilyBookings } from '../../src/domain/booking/booking.service'

describeEachDb('bot: booking asks which child the session is for', (h) => {
  let chat: Harness
  const register = (id: string, name: string, children: string[]) => registeredInChat(h.ctx(), chat, id, name, children)
  beforeAll(async () => {
    const ctx = h.ctx()
    h.clock().set('2026-03-02T02:00:00Z')
    const provider = await createProvider(ctx, { displayName: '赵老师', kinds: ['mental_health'], jurisdiction: 'jincheng' })
    await addWorkingPlan(ctx, { providerId: provider.id, weekday: 3, start: '09:00', end: '12:00', sessionMinutes: 60, capacity: 3, kind: 'mental_health', mode: 'online' })
    chat = await startHarness(ctx)
  })
  afterAll(async () => {
    await chat.stop()
  })

  it('two children: asks which one, numbered, the parent last; the chosen child is booked', async () => {
    const { p, familyId, ids } = await register('wx-bc-two', '陈静', ['王小明', '王小红'])
    await p.send('4')
    const ask = await p.send('2')
    expect(ask).toContain('这次是为哪个孩子约的？')
    expect(ask).toContain('1 王小明\n2 王小红\n3 为我自己（家长）')
    expect(ask).not.toContain('最近能约的时间')
    const wrong = await p.send('7')
    expect(wrong).toContain('请回复 1 到 3 的数字')
    expect(wrong).toContain('这次是为哪个孩子约的？')
    expect(await p.send('2')).toContain('1 2026-03-04（周三）09:00，赵老师')
    await p.send('1')
    await p.send('跳过') // the optional topic question (test/bot/booking-topic.test.ts)
    expect(await p.send('1')).toContain('约好了')
    const [b] = await listFamilyBookings(h.ctx(), familyId)
    expect(b!.childId).toBe(ids[1])
  })

  it('two children: the last choice books the session for the parent (no child)', async () => {
    const { p, familyId } = await register('wx-bc-parent', '李芳', ['张一', '张二'])
    await p.send('4')
    expect(await p.send('2')).toContain('3 为我自己（家长）')
    expect(await p.send('3')).toContain('最近能约的时间')
    await p.send('2')
    await p.send('跳过')
    expect(await p.send('1')).toContain('约好了')
    const [b] = await listFamilyBookings(h.ctx(), familyId)
    expect(b!.childId).toBeNull()
  })

  it('one child: says whose session it is and goes straight on to the times', async () => {
    const { p, familyId, ids } = await register('wx-bc-one', '刘兰', ['刘小宝'])
    await p.send('4')
    const times = await p.send('2')
    expect(times).toContain('这次是为刘小宝约的。')
    expect(times).not.toContain('这次是为哪个孩子约的？')
    expect(times).toContain('最近能约的时间')
    await p.send('3')
    await p.send('跳过')
    expect(await p.send('1')).toContain('约好了')
    const [b] = await listFamilyBookings(h.ctx(), familyId)
    expect(b!.childId).toBe(ids[0])
  })
})
