/**
 * An urgent message in the bot from a parent who has not registered: the place given so far in
 * registration (under way or left half-way) is used, so that community's director has it; with only
 * the city known, the parent is told it went to the city's directors and supervisors, who all see it;
 * with nothing known, or nobody of that city with an account, the words say "staff" as before.
 */
import { it, expect, beforeAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { useHarness, type Parent } from './harness'
import { makeStaff } from '../staff/helpers'
import { getTicketThread, listQueue } from '../../src/domain/tickets/tickets.service'
import type { StaffView } from '../../src/domain/staff/staff.service'

const DANGER = '我老公喝醉了打孩子，孩子身上都是伤'
const ticketOf = (reply: string) => Number(reply.match(/问题编号 (\d+)/)?.[1])

describeEachDb('bot: an urgent message from a parent not registered yet', (h) => {
  const chat = useHarness(h)
  let admin: StaffView, east: StaffView, west: StaffView

  beforeAll(async () => {
    const ctx = h.ctx()
    admin = await makeStaff(ctx, { username: 'admin', role: 'admin' })
    east = await makeStaff(ctx, { username: 'east', role: 'child-director', jurisdiction: 'jincheng', street: '东街道', communities: ['东街社区'] })
    west = await makeStaff(ctx, { username: 'west', role: 'child-director', jurisdiction: 'jincheng', street: '西街道', communities: ['西街社区'] })
  })

  /** Registration up to the city's district (the next question is the street). */
  const registerUpTo = async (p: Parent, city: string, district: string) => {
    await p.send('你好')
    await p.send('1') // consent
    await p.send('登记')
    await p.send('张伟')
    await p.send('爸爸')
    expect(await p.send('13800138000')).toContain('哪个城市')
    await p.send(city)
    expect(await p.send(district)).toContain('街道')
  }

  it('uses the street and community given in registration: that community’s director has it, and registration goes on', async () => {
    const p = chat.parent('wx-urgent-registering')
    await registerUpTo(p, '晋城', '城区')
    expect(await p.send('东街道')).toContain('社区')
    expect(await p.send('东街社区')).toContain('户口')
    const urgent = await p.send(DANGER)
    expect(urgent).toContain('110')
    expect(urgent).toContain('我们已经把您的话转给工作人员')
    const t = await getTicketThread(h.ctx(), admin, ticketOf(urgent))
    expect(t).toMatchObject({ priority: 'urgent', jurisdiction: 'jincheng', street: '东街道', community: '东街社区', ownerStaffId: east.id, familyId: null })
    expect((await listQueue(h.ctx(), west)).map((x) => x.id)).not.toContain(t.id)
    // the conversation stays where it was: the hukou answer is taken
    expect(await p.send('河南省 周口市 郸城县')).toContain('搬来')
  })

  it('uses the place of a registration left half-way', async () => {
    const p = chat.parent('wx-urgent-left')
    await registerUpTo(p, '晋城', '城区')
    await p.send('西街道')
    expect(await p.send('西街社区')).toContain('户口')
    await p.send('菜单')
    const urgent = await p.send(DANGER)
    expect(urgent).toContain('110')
    const t = await getTicketThread(h.ctx(), admin, ticketOf(urgent))
    expect(t).toMatchObject({ street: '西街道', community: '西街社区', ownerStaffId: west.id })
  })

  it('with only the city known: every director of the city has it, and the parent is told so', async () => {
    const p = chat.parent('wx-urgent-city-only')
    await registerUpTo(p, '晋城', '城区')
    await p.send('跳过')
    expect(await p.send('跳过')).toContain('户口')
    const urgent = await p.send(DANGER)
    expect(urgent).toContain('110')
    expect(urgent).toContain('我们已经把您的话转给晋城市各社区的儿童主任和儿童督导员，谁先看到谁来回复您')
    expect(urgent).toContain('回复会发到这个聊天里')
    const id = ticketOf(urgent)
    expect(await getTicketThread(h.ctx(), admin, id)).toMatchObject({ street: null, community: null, jurisdiction: 'jincheng' })
    for (const s of [east, west]) expect((await listQueue(h.ctx(), s)).map((x) => x.id), s.username).toContain(id)
  })

  it('says "staff" when nothing is known, or when nobody of the city has an account', async () => {
    const nowhere = chat.parent('wx-urgent-nowhere')
    const first = await nowhere.send(DANGER)
    expect(first).toContain('110')
    expect(first).toContain('我们已经把您的话转给工作人员')
    expect(await getTicketThread(h.ctx(), admin, ticketOf(first))).toMatchObject({ jurisdiction: 'national', street: null, community: null, ownerStaffId: admin.id })

    const changzhi = chat.parent('wx-urgent-changzhi')
    await registerUpTo(changzhi, '长治', '潞州区')
    await changzhi.send('跳过')
    await changzhi.send('跳过')
    const urgent = await changzhi.send(DANGER)
    expect(urgent).toContain('我们已经把您的话转给工作人员')
    expect(urgent).not.toContain('儿童主任')
    expect(await getTicketThread(h.ctx(), admin, ticketOf(urgent))).toMatchObject({ jurisdiction: 'changzhi', ownerStaffId: admin.id })
  })
})
