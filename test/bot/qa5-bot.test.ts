/**
 * QA round 5, the bot: while a parent's urgent question was open (answered or not) and they were registering,
 * only the first words after a staff answer reached staff; "你们什么时候来" was then saved as the parent's name,
 * "你们到了吗？他还是不接电话" taken as the district, "你们快点来" refused at the hukou question (items 1a-c).
 * A second urgent message that joined a question someone was handling still said "谁先看到谁来回复您", and words
 * added to a question claimed by another director promised "您所在社区的儿童主任" (items 8, 9).
 * Real bot over PuppetMock, SQLite and MariaDB.
 */
import { it, expect, beforeAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { registeredInChat, useHarness, type Parent } from './harness'
import { makeStaff } from '../staff/helpers'
import { closeTicket, getTicketThread, replyToFamily } from '../../src/domain/tickets/tickets.service'
import type { StaffView } from '../../src/domain/staff/staff.service'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const ticketOf = (reply: string) => Number(reply.match(/问题编号 (\d+)/)?.[1])
const BEATEN = '孩子被他爸打得满身是伤，现在躲在厕所里不敢出来'
const MISSING = '孩子还是没回家，天都黑了，电话也打不通'
const LOCKED_IN = '我家孩子一个人被锁在屋里出不来，在哭'

describeEachDb('bot: QA round 5 (words for staff in the middle of registration, words after a joined urgent message)', (h) => {
  const chat = useHarness(h)
  let admin: StaffView, east: StaffView, west: StaffView

  beforeAll(async () => {
    const ctx = h.ctx()
    admin = await makeStaff(ctx, { username: 'qa5.admin', role: 'admin' })
    east = await makeStaff(ctx, { username: 'qa5.east', role: 'child-director', jurisdiction: 'jincheng', street: '东街街道', communities: ['东街社区'] })
    west = await makeStaff(ctx, { username: 'qa5.west', role: 'child-director', jurisdiction: 'jincheng', street: '西街街道', communities: ['西街社区'] })
  })

  const delivered = async (p: Parent, words: string): Promise<void> => {
    const end = Date.now() + 8000
    while (!p.inbox.some((l) => l.includes(words)) && Date.now() < end) await sleep(50)
    expect(p.inbox.some((l) => l.includes(words)), 'the staff answer reached the chat').toBe(true)
  }
  const familyMessages = async (ticketId: number) => (await getTicketThread(h.ctx(), admin, ticketId)).messages.filter((m) => m.from === 'family').map((m) => m.text)
  const startRegistering = async (p: Parent) => {
    await p.send('你好')
    await p.send('1')
    expect(await p.send('1')).toContain('请问怎么称呼您？')
  }

  it('item 1a: at the name question, after a staff answer, the second message for staff reaches the question too and is not saved as the name', async () => {
    const p = chat.parent('wx-qa5-name')
    await startRegistering(p)
    const urgent = await p.send(BEATEN)
    expect(urgent).toContain('110')
    const id = ticketOf(urgent)
    await replyToFamily(h.ctx(), admin, id, '请告诉我您家地址，我们马上过去。')
    await delivered(p, '我们马上过去')
    expect(await p.send('晋城城区东街和平路9号')).toContain(`问题编号 ${id}`)

    const second = await p.send('你们什么时候来')
    expect(second).toContain(`这句话已经转给工作人员了，加在您的问题里（问题编号 ${id}）`)
    expect(second).toContain('您的登记还没填完，填过的都留着')
    expect(second).toContain('请问怎么称呼您？')
    expect(second).not.toContain('您是孩子的什么人')
    const third = await p.send('快点好吗，他还在打')
    expect(third).toContain('请问怎么称呼您？')
    expect(await familyMessages(id)).toEqual([BEATEN, '晋城城区东街和平路9号', '你们什么时候来', '快点好吗，他还在打'])

    // a name is still a name: registration goes on, and the name is the one given; short answers are the
    // registration's (its own correction answers them), an 11-digit number in words is the phone
    expect(await p.send('李梅')).toContain('您是孩子的什么人')
    expect(await p.send('我是他妈')).toContain('手机号')
    expect(await p.send('我的手机13800138000')).not.toContain('问题编号')
    expect(await familyMessages(id)).toHaveLength(4)
  })

  it('item 1b, 1c: with the urgent question open and no staff answer yet, a sentence at the district or hukou question goes to it; the answers given before are kept', async () => {
    const p = chat.parent('wx-qa5-district')
    await startRegistering(p)
    for (const a of ['王芳', '1', '跳过']) await p.send(a)
    expect(await p.send('3')).toContain('您现在住在哪个区或县？')
    const id = ticketOf(await p.send(MISSING))
    expect(id).toBeGreaterThan(0)

    const asked = await p.send('你们到了吗？他还是不接电话')
    expect(asked).toContain(`问题编号 ${id}`)
    expect(asked).toContain('您现在住在哪个区或县？')
    expect(asked).not.toContain('哪个街道或乡镇')
    expect(await p.send('城区')).toContain('哪个街道或乡镇')
    await p.send('跳过')
    expect(await p.send('跳过')).toContain('孩子的户口在哪里')
    const hurry = await p.send('你们快点来')
    expect(hurry).toContain(`问题编号 ${id}`)
    expect(hurry).not.toContain('请按“省 市 县”写户口所在地')
    expect(hurry).toContain('孩子的户口在哪里')
    expect(await p.send('河南 周口 郸城')).toContain('哪天搬来')
    expect(await familyMessages(id)).toEqual([MISSING, '你们到了吗？他还是不接电话', '你们快点来'])

    for (const a of ['2024-03-01', '1', '王小明', '1', '2019-05-01', '4', '跳过', '没有']) await p.send(a)
    const summary = await p.send('2')
    expect(summary).toContain('您：王芳（妈妈）')
    expect(summary).toContain('住在：晋城市 城区')
    expect(summary).toContain('户口：河南 周口 郸城')
  })

  it('item 14: the registration summary numbers its lines from 1 (1 saves, as 1 is yes everywhere); each number is the line beside it', async () => {
    const p = chat.parent('wx-qa5-summary')
    await startRegistering(p)
    for (const a of ['周芳', '1', '跳过', '3', '城区', '跳过', '跳过', '河南 周口 郸城', '2024-03-01', '1', '王小明', '1', '2019-05-01', '4', '跳过', '没有']) await p.send(a)
    const summary = await p.send('2')
    const numbers = summary.split('\n').map((l) => l.match(/^(\d+) /)?.[1]).filter(Boolean).map(Number)
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6])
    expect(summary).toContain('请核对一下，回复一个数字：\n1 都对，确认保存\n2 您：周芳（妈妈）')
    expect(summary).toContain('\n6 孩子：王小明')
    // 4 is the hukou line it stands beside; then back to the summary, and 1 saves
    expect(await p.send('4')).toContain('孩子的户口在哪里')
    await p.send('河南 商丘 永城')
    expect(await p.send('2024-03-01')).toContain('4 户口：河南 商丘 永城')
    expect(await p.send('1')).toContain('登记好了')
  })

  it('once the question is closed, registration takes its words as before and nothing opens a new question', async () => {
    const p = chat.parent('wx-qa5-closed')
    await startRegistering(p)
    const id = ticketOf(await p.send(LOCKED_IN))
    await replyToFamily(h.ctx(), admin, id, '我们到了，孩子没事了。')
    await delivered(p, '孩子没事了')
    expect(await p.send('谢谢你们')).toContain(`问题编号 ${id}`)
    await closeTicket(h.ctx(), admin, id)
    // the name question takes its words as before (no question is open to send them to; none is opened)
    const next = await p.send('还要填什么')
    expect(next).not.toContain('问题编号')
    expect(next).toContain('您是孩子的什么人')
    expect(await familyMessages(id)).toEqual([LOCKED_IN, '谢谢你们'])
  })

  it('items 8, 9: an urgent message that joins a question a director answered goes to the person handling it; words added after registering name no community director', async () => {
    const p = chat.parent('wx-qa5-joined')
    await p.send('你好')
    await p.send('1')
    expect(await p.send('我在晋城')).toContain('记下了')
    const first = await p.send(BEATEN)
    expect(first).toContain('晋城市各社区的儿童主任和儿童督导员，谁先看到谁来回复您')
    const id = ticketOf(first)

    // nobody answered yet: joined, staff reminded, no "谁先看到"
    const again = await p.send(LOCKED_IN)
    expect(ticketOf(again)).toBe(id)
    expect(again).toContain('110')
    expect(again).toContain('又提醒了一遍工作人员')
    expect(again).not.toContain('谁先看到谁来回复您')

    await replyToFamily(h.ctx(), east, id, '我是东街主任，正在过去。')
    await delivered(p, '正在过去')
    expect(await p.send('好的，在和平路5号')).toContain(`问题编号 ${id}`)
    const third = await p.send('他又开始打孩子了，孩子在哭')
    expect(ticketOf(third)).toBe(id)
    expect(third).toContain('我们已经把这些话转给正在处理您问题的工作人员')
    expect(third).not.toContain('谁先看到谁来回复您')
    expect(third).not.toContain('各社区的儿童主任')
    expect((await getTicketThread(h.ctx(), admin, id)).claimedBy).toBe(east.id)
  })

  it('asking for a person while the urgent question is open: the words join it, and the parent is told so (not a new question)', async () => {
    const p = chat.parent('wx-qa5-ask-person')
    await p.send('你好')
    await p.send('1')
    await p.send('我在晋城')
    const id = ticketOf(await p.send(MISSING))
    await p.send('人工')
    const asked = await p.send('请问有消息了吗')
    expect(asked).toContain(`已经把这句话加到您的问题里了（问题编号 ${id}）。工作人员会看到。`)
    expect(asked).not.toContain('会由')
    expect(await familyMessages(id)).toEqual([MISSING, '请问有消息了吗'])
  })

  it('item 9: a registered family\'s words added to a question the west director does not handle say "工作人员", not "您所在社区的儿童主任"', async () => {
    const { p } = await registeredInChat(h.ctx(), chat, 'wx-qa5-added', '陈静')
    const asked = await p.send('人工')
    expect(asked).toContain('请写下您想问的事')
    const sent = await p.send('孩子上学的事想找人问问')
    const id = ticketOf(sent)
    expect(sent).toContain('您所在社区的儿童主任')
    await replyToFamily(h.ctx(), admin, id, '请问孩子几年级？')
    await delivered(p, '孩子几年级')
    const added = await p.send('三年级')
    expect(added).toContain(`已经把这句话加到您的问题里了（问题编号 ${id}）。工作人员会看到。`)
    expect(added).not.toContain('儿童主任')
    expect((await getTicketThread(h.ctx(), admin, id)).ownerStaffId).toBe(west.id)
  })
})

describeEachDb('bot: QA round 5, a city said in other common ways (item 6)', (h) => {
  const chat = useHarness(h)
  let admin: StaffView

  beforeAll(async () => {
    const ctx = h.ctx()
    admin = await makeStaff(ctx, { username: 'qa5c.admin', role: 'admin' })
    await makeStaff(ctx, { username: 'qa5c.west', role: 'child-director', jurisdiction: 'jincheng', street: '西街街道', communities: ['西街社区'] })
  })
  const atMenu = async (wx: string) => {
    const p = chat.parent(wx)
    await p.send('你好')
    expect(await p.send('1')).toContain('1 登记')
    return p
  }

  it('"我在长治打工" and "晋城" alone at the menu are where the parent lives (they were "没看懂")', async () => {
    const work = await atMenu('wx-qa5-work')
    const noted = await work.send('我在长治打工')
    expect(noted).toContain('记下了：您住在长治市。')
    expect(noted).not.toContain('没看懂')
    const alone = await atMenu('wx-qa5-alone')
    const city = await alone.send('晋城')
    expect(city).toContain('记下了：您住在晋城市。')
    expect(city).not.toContain('没看懂')
    // a question naming a city is still a question
    expect(await alone.send('晋城的小学怎么报名')).not.toContain('记下了')
  })

  it('"我们住在晋城市城区东街社区": the city is remembered and the district and community are filled in registration, not asked again', async () => {
    const p = await atMenu('wx-qa5-community')
    const noted = await p.send('我们住在晋城市城区东街社区')
    expect(noted).toContain('记下了：您住在晋城市 城区 东街社区。')
    expect(noted).not.toContain('请问您现在住在哪个城市或县')
    expect(await p.send('1')).toContain('请问怎么称呼您？')
    for (const a of ['赵丽', '1']) await p.send(a)
    expect(await p.send('跳过')).toContain('哪个城市')
    const city = await p.send('3')
    expect(city).toContain('您说过住在：城区 东街社区，已经填上了。')
    expect(city).toContain('哪个街道或乡镇')
    // the community is not asked again: the hukou comes next
    expect(await p.send('跳过')).toContain('孩子的户口在哪里')
    for (const a of ['河南 周口 郸城', '2024-03-01', '1', '王小明', '1', '2019-05-01', '4', '跳过', '没有']) await p.send(a)
    const summary = await p.send('2')
    expect(summary).toContain('住在：晋城市 城区，街道：没填，社区：东街社区')
  })

  it('a city and danger in one message places the urgent question in that city, at the menu and at the privacy question', async () => {
    const menu = await atMenu('wx-qa5-city-danger')
    const urgent = await menu.send('我住在晋城，孩子被他爸打得满身是伤')
    expect(urgent).toContain('110')
    expect(urgent).toContain('晋城市各社区的儿童主任和儿童督导员')
    expect(await getTicketThread(h.ctx(), admin, ticketOf(urgent))).toMatchObject({ priority: 'urgent', jurisdiction: 'jincheng' })

    const consent = chat.parent('wx-qa5-consent-danger')
    await consent.send('你好')
    const atConsent = await consent.send('我在晋城，我家孩子被人打了，头上在流血')
    expect(atConsent).toContain('120')
    expect(atConsent).toContain('晋城市各社区的儿童主任和儿童督导员')
    expect(await getTicketThread(h.ctx(), admin, ticketOf(atConsent))).toMatchObject({ priority: 'urgent', jurisdiction: 'jincheng' })
    // the city stays the chat's: the next menu choice "6" does not ask for it again
    await consent.send('1')
    expect(await consent.send('6')).not.toContain('哪个城市')
  })
})
