/**
 * QA round 4, the bot: a parent's answer to staff that came in the middle of registration was taken as the
 * district (staff never read where the child was); an unregistered parent with no city replying to staff was
 * told the input was wrong although it was recorded; the urgent words promised a phone call to parents who gave
 * no phone; "我住在晋城" at the privacy question was promised an answer ("马上回答您") and dropped, and at the menu
 * it was "没看懂"; "2" at the situations question was read as "没有" (the list says 2 特困家庭); English
 * registration questions showed Chinese examples. Real bot over PuppetMock, SQLite and MariaDB.
 */
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startHarness, useHarness, type Harness, type Parent } from './harness'
import { ContactQueue } from '../../src/bot/contact-queue'
import { makeStaff } from '../staff/helpers'
import { getTicketThread, replyToFamily } from '../../src/domain/tickets/tickets.service'
import { findOrCreateIdentity, getIdentity } from '../../src/domain/identity/identity.service'
import { readFamily, saveProfile } from '../../src/domain/registry/registry.service'
import { CONSENT_VERSION } from '../../src/domain/registry/registry.schemas'
import type { StaffView } from '../../src/domain/staff/staff.service'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const ticketOf = (reply: string) => Number(reply.match(/问题编号 (\d+)/)?.[1])
const FAREWELL = '孩子给我发消息说谢谢你们，以后不用等我了，照顾好自己，再见了'
const LOCKED_IN = '我家孩子一个人被锁在屋里出不来，在哭'
const DANGER = '我老公喝醉了打孩子，孩子身上都是伤'

describeEachDb('bot: QA round 4 (answers to staff, urgent words, a city said, situations, English examples)', (h) => {
  const chat = useHarness(h)
  let admin: StaffView, west: StaffView

  beforeAll(async () => {
    const ctx = h.ctx()
    admin = await makeStaff(ctx, { username: 'qa4.admin', role: 'admin' })
    west = await makeStaff(ctx, { username: 'qa4.west', role: 'child-director', jurisdiction: 'jincheng', street: '西街街道', communities: ['西街社区'] })
  })

  /** The staff answer as the parent reads it in the chat (delivered through the outbox). */
  const delivered = async (p: Parent, words: string): Promise<string> => {
    const end = Date.now() + 8000
    while (!p.inbox.some((l) => l.includes(words)) && Date.now() < end) await sleep(50)
    const line = p.inbox.find((l) => l.includes(words))
    expect(line, 'the staff answer reached the chat').toBeDefined()
    return line!
  }
  const familyMessages = async (ticketId: number) => (await getTicketThread(h.ctx(), admin, ticketId)).messages.filter((m) => m.from === 'family').map((m) => m.text)

  it('a staff answer in the middle of registration: the next words reach that question, then the same registration question again, every answer kept', async () => {
    const p = chat.parent('wx-qa4-midreg')
    await p.send('你好')
    await p.send('1')
    await p.send('1')
    for (const a of ['李梅', '2', '跳过']) await p.send(a)
    expect(await p.send('3')).toContain('您现在住在哪个区或县？')
    const urgent = await p.send(FAREWELL)
    expect(urgent).toContain('12355')
    const id = ticketOf(urgent)
    expect(id).toBeGreaterThan(0)

    await replyToFamily(h.ctx(), west, id, '孩子现在在哪里？请告诉我地址，我马上过去。')
    const answer = await delivered(p, '我马上过去')
    // the same line the parent at the menu gets: their next words go back to the person
    expect(answer).toContain('想接着说，直接回复这条消息就可以。')

    const where = '孩子在城区东街社区和平路5号，他不接电话'
    const back = await p.send(where)
    expect(back).toContain(`已经把您的话转给回复您的工作人员了（问题编号 ${id}）`)
    expect(back).toContain('您的登记还没填完，填过的都留着')
    // the question registration was waiting on, asked again (it was taken as the district: "哪个街道或乡镇？")
    expect(back).toContain('您现在住在哪个区或县？')
    expect(back).not.toContain('哪个街道或乡镇')
    expect(await familyMessages(id)).toEqual([FAREWELL, where])

    // registration goes on where it was; the next words are registration answers again, not staff's
    expect(await p.send('城区')).toContain('哪个街道或乡镇')
    for (const a of ['跳过', '跳过', '河南 周口 郸城', '2024-03-01', '1', '王小明', '1', '2019-05-01', '4', '跳过', '没有']) await p.send(a)
    const summary = await p.send('2')
    expect(summary).toContain('您：李梅（')
    expect(summary).toContain('住在：晋城市 城区')
    expect(summary).not.toContain('和平路')
    expect(await familyMessages(id)).toEqual([FAREWELL, where])
  })

  it('"上一步" after a staff answer still leaves the next words for staff; "菜单" drops the mark and keeps the registration', async () => {
    const p = chat.parent('wx-qa4-midreg-back')
    await p.send('你好')
    await p.send('1')
    await p.send('1')
    for (const a of ['王芳', '1', '跳过', '3']) await p.send(a)
    const id = ticketOf(await p.send(FAREWELL))
    await replyToFamily(h.ctx(), west, id, '请问您家在哪个小区？')
    await delivered(p, '请问您家在哪个小区？')
    expect(await p.send('上一步')).toContain('哪个城市')
    const back = await p.send('在西街小区3号楼')
    expect(back).toContain(`问题编号 ${id}`)
    expect(back).toContain('哪个城市')
    expect(await familyMessages(id)).toEqual([FAREWELL, '在西街小区3号楼'])

    await replyToFamily(h.ctx(), west, id, '好的，我们到了。')
    await delivered(p, '我们到了')
    expect(await p.send('菜单')).toContain('登记还没填完')
    // at the menu "3" is the checklist again, and the registration is offered where it stopped
    expect(await familyMessages(id)).toEqual([FAREWELL, '在西街小区3号楼'])
    const resumed = await p.send('1')
    expect(resumed).toContain('接着上次的登记填')
    expect(resumed).toContain('哪个城市')
  })

  it('no staff answer: registration answers go to registration, as before', async () => {
    const p = chat.parent('wx-qa4-midreg-none')
    await p.send('你好')
    await p.send('1')
    await p.send('1')
    for (const a of ['赵静', '1', '跳过', '3']) await p.send(a)
    const id = ticketOf(await p.send(FAREWELL))
    expect(await p.send('城区')).toContain('哪个街道或乡镇')
    expect(await familyMessages(id)).toEqual([FAREWELL])
  })

  it('an unregistered parent with no city answers staff: confirmed once as added, no "wrong input"; the urgent words promise the chat, not a phone call', async () => {
    const p = chat.parent('wx-qa4-nocity')
    await p.send('你好')
    await p.send('1')
    const urgent = await p.send(LOCKED_IN)
    expect(urgent).toContain('110')
    expect(urgent).toContain('他们会尽快在这个聊天里回复您')
    expect(urgent).not.toContain('请保持手机畅通')
    const id = ticketOf(urgent)
    await replyToFamily(h.ctx(), admin, id, '请告诉我孩子在哪个小区，我们马上联系。')
    expect(await delivered(p, '在哪个小区')).toContain('想接着说，直接回复这条消息就可以。')
    const reply = await p.send('在城区东街和平小区5号楼')
    expect(reply).toContain(`已经把这句话加到您的问题里了（问题编号 ${id}）`)
    expect(reply).not.toContain('填写的内容有问题')
    expect(reply).not.toContain('请再发一次')
    expect(await familyMessages(id)).toEqual([LOCKED_IN, '在城区东街和平小区5号楼'])
  })

  it('a registered family that gave a phone is still asked to keep it on; one without a phone is told the answer comes in the chat', async () => {
    const ctx = h.ctx()
    const profile = (phone: string | null) =>
      ({
        name: '陈静', relation: 'mother', phone, jurisdiction: 'jincheng', district: '城区', street: '西街街道', community: '西街社区',
        hukou: { province: '河南省', city: '周口市', county: '郸城县' }, movedInOn: '2024-01-01', residencePermit: true,
        consent: { accepted: true, version: CONSENT_VERSION }, language: 'zh-CN',
      }) as never
    for (const [wx, phone] of [['wx-qa4-phone', '13800138000'], ['wx-qa4-nophone', null]] as const) {
      const p = chat.parent(wx)
      await p.send('你好')
      await p.send('1')
      await saveProfile(ctx, (await findOrCreateIdentity(ctx, 'bot', wx)).id, profile(phone), 'zh-CN')
      const urgent = await p.send(DANGER)
      expect(urgent).toContain('110')
      if (phone) expect(urgent).toContain('请保持手机畅通')
      else {
        expect(urgent).not.toContain('请保持手机畅通')
        expect(urgent).toContain('在这个聊天里回复您')
      }
    }
  })

  it('"我住在晋城" at the privacy question is the chat\'s city, with no promise of an answer; the next urgent message goes to the city', async () => {
    const p = chat.parent('wx-qa4-consent-city')
    await p.send('你好')
    const noted = await p.send('我住在晋城')
    expect(noted).toContain('记下了：您住在晋城市。')
    expect(noted).toContain('请先回复 1（同意）或 2（不同意）')
    expect(noted).not.toContain('马上回答您')
    expect(await p.send('1')).toContain('1 登记')
    const urgent = await p.send(LOCKED_IN)
    expect(urgent).toContain('我们已经把您的话转给晋城市各社区的儿童主任和儿童督导员')
    const t = await getTicketThread(h.ctx(), west, ticketOf(urgent))
    expect(t).toMatchObject({ jurisdiction: 'jincheng', street: null, community: null })
  })

  it('"我在晋城" at the menu is remembered too (it was "没看懂"); a sentence that is not a question is not promised an answer', async () => {
    const p = chat.parent('wx-qa4-menu-city')
    await p.send('你好')
    // neither a question the bot can answer nor a place: no "马上回答您"
    const unclear = await p.send('嗯嗯我看看')
    expect(unclear).not.toContain('马上回答您')
    expect(unclear).toContain('请先回复 1（同意）或 2（不同意）')
    await p.send('1')
    const noted = await p.send('我在晋城')
    expect(noted).toContain('记下了：您住在晋城市。')
    expect(noted).not.toContain('没看懂')
    const urgent = await p.send(DANGER)
    expect(urgent).toContain('晋城市各社区的儿童主任和儿童督导员')
    // a question naming a city is still a question, not a place
    expect(await p.send('晋城的小学怎么报名')).not.toContain('记下了')
  })

  it('"2" at the situations question is 特困家庭 (it was read as "没有"); "没有" is still none', async () => {
    const run = async (wx: string, situations: string) => {
      const p = chat.parent(wx)
      await p.send('你好')
      await p.send('1')
      await p.send('1')
      for (const a of ['刘芳', '1', '跳过', '3', '跳过', '跳过', '跳过', '河南 周口 郸城', '2024-03-01', '1', '王小明', '1', '2019-05-01', '4', '跳过', situations]) await p.send(a)
      return p.send('2')
    }
    expect(await run('wx-qa4-sit-2', '2')).toContain('情况：特困')
    expect(await run('wx-qa4-sit-none', '没有')).toContain('情况：没有')
  })

  it('English registration questions give English examples, and the example typed back is the district', async () => {
    const p = chat.parent('wx-qa4-english')
    await p.send('English')
    await p.send('1')
    await p.send('1')
    await p.send('Anna')
    await p.send('1')
    const city = await p.send('skip')
    expect(city).toContain('for example: Shanxi Taiyuan, or Anhui Hefei.')
    const district = await p.send('3')
    expect(district).toContain('Which district or county do you live in now? For example: Chengqu District.')
    for (const q of [city.slice(city.indexOf('Not on the list')), district]) expect(q).not.toMatch(/[\u4e00-\u9fff]/u)
    await p.send('Chengqu District')
    await p.send('skip')
    const hukou = await p.send('skip')
    expect(hukou).toContain('for example: Henan Zhoukou Dancheng.')
    expect(hukou).not.toMatch(/[\u4e00-\u9fff]/u)
    for (const a of ['Henan Zhoukou Dancheng', '2024-03-01', '1', 'Lily', '2', '2019-05-01', '4', 'skip', 'none']) await p.send(a)
    expect(await p.send('2')).toContain('reply 1 to save')
    const saved = await p.send('1')
    expect(saved).not.toContain('Sorry')
    const id = await findOrCreateIdentity(h.ctx(), 'bot', 'wx-qa4-english')
    const family = await readFamily(h.ctx(), (await getIdentity(h.ctx(), id.id)).familyId!, 'en')
    // staff and the rules read the district's own name
    expect(family).toMatchObject({ jurisdiction: 'jincheng', district: '城区' })
  })
})

describeEachDb('bot: a staff answer is delivered between two of the parent\'s turns, never during one', (h) => {
  const queue = new ContactQueue({ burst: 1000 })
  let chat: Harness
  let west: StaffView
  beforeAll(async () => {
    h.clock().set('2026-03-02T02:00:00Z')
    west = await makeStaff(h.ctx(), { username: 'qa4.west2', role: 'child-director', jurisdiction: 'jincheng', street: '西街街道', communities: ['西街社区'] })
    chat = await startHarness(h.ctx(), { queue })
  })
  afterAll(async () => {
    await chat.stop()
  })

  it('while the parent\'s turn runs the answer waits (the turn\'s saved step and the answer\'s mark overwrote each other); then the next words go to staff', async () => {
    const p = chat.parent('wx-qa4-race')
    await p.send('你好')
    await p.send('1')
    await p.send('1')
    for (const a of ['周红', '1', '跳过']) await p.send(a)
    expect(await p.send('3')).toContain('哪个区或县')
    const id = ticketOf(await p.send(FAREWELL))
    // the parent's next turn, still running
    let release!: () => void
    const turn = queue.push(p.id, () => new Promise<void>((r) => (release = r)))
    await replyToFamily(h.ctx(), west, id, '我们到楼下了，哪个单元？')
    await sleep(600)
    expect(p.inbox.join('\n')).not.toContain('哪个单元')
    release()
    await turn
    await chat.handle.delivery.flush()
    const end = Date.now() + 8000
    while (!p.inbox.some((l) => l.includes('哪个单元')) && Date.now() < end) await sleep(50)
    expect(p.inbox.join('\n')).toContain('哪个单元')
    const back = await p.send('3单元502')
    expect(back).toContain(`问题编号 ${id}`)
    expect(back).toContain('哪个区或县')
  })
})
