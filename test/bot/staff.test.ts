import { it, expect, beforeAll, afterAll } from 'vitest'
import type { EventEmitter } from 'node:events'
import type { mock } from 'wechaty-puppet-mock'
import { describeEachDb } from '../support/context'
import { startHarness, BOT_ID, type Harness } from './harness'
import { createStaff } from '../../src/domain/staff/staff.service'
import { parseStaffCommand, staffBelongsToRoom } from '../../src/bot/plugins/staff-room'
import { maskIdNumbers } from '../../src/bot/plugins/delivery'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { loadConversation } from '../../src/domain/conversation/conversation.service'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until<T>(what: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = what()
    if (v) return v
    if (Date.now() > end) throw new Error('timed out')
    await sleep(50)
  }
}

describeEachDb(
  'bot: talking to a person, staff answer in the staff room',
  (h) => {
    let chat: Harness
    let room: mock.RoomMock
    const roomLog: string[] = []
    let director: mock.ContactMock
    let stranger: mock.ContactMock
    let otherDirector: mock.ContactMock
    beforeAll(async () => {
      await createStaff(h.ctx(), { username: 'director.li', password: 'secret-pass-1', role: 'admin', wechatId: 'wx-director-li' })
      await createStaff(h.ctx(), { username: 'director.wang', password: 'secret-pass-2', role: 'child-director', jurisdiction: 'jincheng', communities: ['西街社区'], wechatId: 'wx-director-wang' })
      chat = await startHarness(h.ctx())
      director = chat.contact('wx-director-li', '李主任')
      stranger = chat.contact('wx-stranger', '陌生人')
      otherDirector = chat.contact('wx-director-wang', '王主任')
      room = chat.mocker.createRoom({ topic: '长治关爱工作群', memberIdList: [BOT_ID, 'wx-director-li', 'wx-stranger', 'wx-director-wang'] })
      ;(room as unknown as EventEmitter).on('message', (m: mock.MessageMock) => {
        if (m.payload.talkerId === BOT_ID) roomLog.push((m.payload as { text?: string }).text ?? '')
      })
    })
    afterAll(async () => {
      await chat.stop()
    })

    it('sends the question to staff, posts it in the room and relays the answer', async () => {
      const p = chat.parent('wx-parent-h')
      await p.send('你好')
      await p.send('2')
      const city = await p.send('人工')
      expect(city).toContain('住在哪个城市')
      const ask = await p.send('长治')
      expect(ask).toContain('请写下您想问的事')
      const sent = await p.send('孩子在学校被同学欺负，身份证号140402201501011234，怎么办')
      expect(sent).toMatch(/问题编号 \d+/)
      expect(sent).toContain('服务中心的工作人员')
      expect(sent).toMatch(/一个工作日内|下一个工作日/)
      const ticketId = Number(sent.match(/问题编号 (\d+)/)![1])

      const post = await until(() => roomLog.find((l) => l.includes(`#${ticketId}`) || l.includes('被同学欺负')))
      expect(post).toContain('被同学欺负')
      expect(post).not.toContain('140402201501011234')
      expect(post).toContain('140402********1234')
      expect(post).toContain(String(ticketId))

      // someone who is not staff is ignored
      const before = roomLog.length
      stranger.say(`#${ticketId} 别管了`).to(room)
      otherDirector.say(`#${ticketId} 认领`).to(room)
      await sleep(300)
      expect(roomLog.length).toBe(before)
      expect(p.inbox.join('\n')).not.toContain('别管了')

      director.say(`#${ticketId} 认领`).to(room)
      await until(() => roomLog.find((l) => l.includes(`#${ticketId} 已由`)))

      // meanwhile the parent went back to the menu
      expect(await p.send('菜单')).toContain('1 登记家庭和孩子')
      director.say(`#${ticketId} 您好，请明天上午带孩子到社区服务站，我们一起和学校沟通。`).to(room)
      const answer = await until(() => p.inbox.find((l) => l.includes('请明天上午带孩子到社区服务站')))
      expect(answer).toContain('一起和学校沟通')
      await until(() => roomLog.find((l) => l.includes(`#${ticketId} 的回复已发给家长`)))

      // the parent answers back in their own words: it joins the same question, and staff see it in the room
      const back = await p.send('好的，谢谢老师，我们明天上午九点过去')
      expect(back).toContain(`问题编号 ${ticketId}`)
      await until(() => roomLog.find((l) => l.includes('我们明天上午九点过去')))

      director.say(`#${ticketId} 完成`).to(room)
      await until(() => roomLog.find((l) => l.includes(`#${ticketId} 已完成`)))
    })

    it('with two open questions, the parent\'s answer to a staff reply joins the question staff answered, not the newest', async () => {
      const p = chat.parent('wx-parent-two')
      await p.send('你好')
      await p.send('1')
      await p.send('人工')
      await p.send('长治')
      const first = Number((await p.send('孩子两天没回家了，我们找遍了')).match(/问题编号 (\d+)/)![1])
      await p.send('菜单')
      await p.send('人工')
      const second = Number((await p.send('想问问孩子转学要什么材料')).match(/问题编号 (\d+)/)![1])
      expect(second).not.toBe(first)
      director.say(`#${first} 孩子回家了吗？我现在给您打电话。`).to(room)
      await until(() => p.inbox.find((l) => l.includes('孩子回家了吗')))
      // (the chat notes which question was answered before the parent can read the answer)
      const me = await findOrCreateIdentity(h.ctx(), 'bot', 'wx-parent-two')
      expect((await loadConversation(h.ctx(), me.id)).data.ticketId).toBe(first)
      const back = await p.send('谢谢，孩子找到了，在同学家')
      expect(back).toContain(`问题编号 ${first}`)
      // the parent is told how to ask about something else (later words keep joining this question)
      expect(back).toContain('想问别的事，请先回复“菜单”')
      const post = await until(() => roomLog.find((l) => l.includes('孩子找到了，在同学家')))
      expect(post).toContain(`编号 ${first}`)
    })

    it('closing an urgent question the parent has had no answer to: the room says how to close it with words for the parent, and the parent gets them', async () => {
      const p = chat.parent('wx-parent-urgent-close')
      await p.send('你好')
      await p.send('1')
      await p.send('长治')
      const said = await p.send('孩子被他爸打得满身是伤，现在躲在厕所里不敢出来')
      const ticketId = Number(said.match(/问题编号 (\d+)/)![1])
      // the room is told the place is not known (it said 社区：。), and how to claim
      const post = await until(() => roomLog.find((l) => l.includes(`编号 ${ticketId}`)))
      expect(post).toContain('家长还没说住在哪个社区')
      expect(post).toContain(`#${ticketId} 认领`)
      expect(post).not.toContain('社区：。')
      director.say(`#${ticketId} 完成`).to(room)
      const refused = await until(() => roomLog.find((l) => l.includes(`#${ticketId} 还没关闭`)))
      expect(refused).toContain(`#${ticketId} 完成：`)
      director.say(`#${ticketId} 完成：派出所和社区已经到家里了，孩子安全。`).to(room)
      await until(() => roomLog.find((l) => l.includes(`#${ticketId} 已完成`)))
      await until(() => p.inbox.find((l) => l.includes('派出所和社区已经到家里了，孩子安全。')))
    })

    it('says when to expect an answer: within a working day, or the next working day outside working hours', async () => {
      const p = chat.parent('wx-parent-h')
      h.clock().set('2026-03-02T02:00:00Z') // Monday 10:00
      await p.send('菜单')
      await p.send('人工')
      expect(await p.send('想问问孩子转学的事')).toContain('一个工作日内')
      h.clock().set('2026-03-07T02:00:00Z') // Saturday
      await p.send('菜单')
      await p.send('人工')
      expect(await p.send('周末也想问一下')).toContain('下一个工作日')
    })
  },
  { STAFF_ROOMS: JSON.stringify({ changzhi: '长治关爱工作群', 西街社区: '晋城西街群' }) },
)

it('hears only staff who belong to the room', () => {
  const base = { id: 1, username: 'x', jurisdiction: 'changzhi', department: null, street: null, communities: [] as string[], providerKind: null, wechatId: 'wx' }
  expect(staffBelongsToRoom({ ...base, role: 'admin' }, ['英雄中路社区'])).toBe(true)
  expect(staffBelongsToRoom({ ...base, role: 'child-director', communities: ['英雄中路社区'] }, ['英雄中路社区'])).toBe(true)
  expect(staffBelongsToRoom({ ...base, role: 'child-director', communities: ['太行社区'] }, ['英雄中路社区'])).toBe(false)
  expect(staffBelongsToRoom({ ...base, role: 'department', department: '市教育局' }, ['市教育局', '太行社区'])).toBe(true)
  expect(staffBelongsToRoom({ ...base, role: 'supervisor', street: '太行街道' }, ['*'])).toBe(true)
})

it('reads staff commands, also from a quoted post', () => {
  expect(parseStaffCommand('#12 认领')).toEqual({ ticketId: 12, action: 'claim' })
  expect(parseStaffCommand('＃12 完成')).toEqual({ ticketId: 12, action: 'close' })
  expect(parseStaffCommand('#12 完成：孩子已经找到了，在同学家')).toEqual({ ticketId: 12, action: 'close', note: '孩子已经找到了，在同学家' })
  expect(parseStaffCommand('#12 done: the child is home')).toEqual({ ticketId: 12, action: 'close', note: 'the child is home' })
  expect(parseStaffCommand('#12 完成了吗？我明天再去看看')).toEqual({ ticketId: 12, action: 'reply', text: '完成了吗？我明天再去看看' })
  expect(parseStaffCommand('#7 明天来社区')).toEqual({ ticketId: 7, action: 'reply', text: '明天来社区' })
  expect(parseStaffCommand('「关爱助手：【求助】#9 孩子被欺负」\n- - - - - - - - - - - - - - -\n我来联系学校')).toEqual({ ticketId: 9, action: 'reply', text: '我来联系学校' })
  expect(parseStaffCommand('大家好')).toBeNull()
  expect(parseStaffCommand('#5')).toBeNull()
  expect(maskIdNumbers('号码 14040220150101123X 电话 13800138000')).toBe('号码 140402********123X 电话 13800138000')
})
