import { it, expect, beforeAll, afterAll } from 'vitest'
import type { EventEmitter } from 'node:events'
import type { mock } from 'wechaty-puppet-mock'
import { describeEachDb } from '../support/context'
import { startHarness, BOT_ID, type Harness, type Parent } from './harness'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { listNeeds } from '../../src/domain/needs/needs.service'
import { saveProfile, addChild } from '../../src/domain/registry/registry.service'
import { CONSENT_VERSION } from '../../src/domain/registry/registry.schemas'
import { Ticket } from '../../src/db/entities'
import { serviceLabel } from '../../src/domain/routing/labels'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A family registered through the registry (the bot's own registration is tested in register.test.ts). */
async function registered(chat: Harness, ctx: Parameters<typeof findOrCreateIdentity>[0], id: string): Promise<Parent> {
  const p = chat.parent(id)
  await p.send('你好')
  await p.send('1')
  const identity = await findOrCreateIdentity(ctx, 'bot', id)
  const family = await saveProfile(
    ctx,
    identity.id,
    {
      name: '刘梅', relation: 'mother', phone: null, jurisdiction: 'jincheng', district: '城区', street: null, community: '西街社区',
      hukou: { province: '河南省', city: '周口市', county: '郸城县' }, movedInOn: '2024-01-01', residencePermit: true,
      consent: { accepted: true, version: CONSENT_VERSION }, language: 'zh-CN',
    } as never,
    'zh-CN',
  )
  await addChild(ctx, family.id, { name: '小宇', sex: 'male', birthDate: '2021-04-01', schoolStage: 'kindergarten', situations: [] } as never, 'zh-CN')
  await addChild(ctx, family.id, { name: '小雪', sex: 'female', birthDate: '2014-06-01', schoolStage: 'primary', situations: [] } as never, 'zh-CN')
  return p
}

describeEachDb(
  'bot: help in their own words, urgent messages, the checklist, English',
  (h) => {
    let chat: Harness
    const roomLog: string[] = []
    beforeAll(async () => {
      h.clock().set('2026-03-02T02:00:00Z')
      chat = await startHarness(h.ctx())
      const room = chat.mocker.createRoom({ topic: '关爱值班群', memberIdList: [BOT_ID] })
      ;(room as unknown as EventEmitter).on('message', (m: mock.MessageMock) => {
        if (m.payload.talkerId === BOT_ID) roomLog.push((m.payload as { text?: string }).text ?? '')
      })
    })
    afterAll(async () => {
      await chat.stop()
    })

    it('answers a question before registering: asks only the city, names the department and the next step, offers to register', async () => {
      const p = chat.parent('wx-ask')
      await p.send('你好')
      await p.send('1')
      const city = await p.send('孩子5岁了想上幼儿园，我们是外地户口')
      expect(city).toContain('住在哪个城市')
      const answer = await p.send('晋城')
      expect(answer).toContain('上幼儿园')
      expect(answer).toContain('负责的部门：市教育局')
      expect(answer).toContain('怎么办：')
      // the department is said once, not again at the end of the next step
      expect(answer).not.toContain('清单写明的负责部门')
      expect(answer).toContain('您登记以后，我们可以直接帮您转过去')
      const id = await findOrCreateIdentity(h.ctx(), 'bot', 'wx-ask')
      const needs = await listNeeds(h.ctx(), id.id)
      expect(needs[0]).toMatchObject({ service: 'preschool', status: 'awaiting_consent' })
      // "1" after the answer means register
      expect(await p.send('1')).toContain('怎么称呼您')
    })

    it('keeps a question written where the city was asked, and answers it once the city is given', async () => {
      const p = chat.parent('wx-ask-at-city')
      await p.send('你好')
      await p.send('1')
      expect(await p.send('2')).toContain('住在哪个城市')
      const kept = await p.send('孩子7岁了想在这边上小学，我们是河南来的')
      expect(kept).toContain('我记下了您的问题')
      expect(kept).toContain('住在哪个城市')
      expect(kept).not.toContain('暂时没有这个地方的服务清单')
      const answer = await p.send('晋城')
      expect(answer).toContain(`这件事属于：${serviceLabel('zh-CN', 'compulsory_education')}`)
      expect(answer).toContain('负责的部门：市教育局')
    })

    it('refers a registered family’s need to the department its city’s list names, and says so', async () => {
      const p = await registered(chat, h.ctx(), 'wx-refer')
      const answer = await p.send('孩子今年要上小学了，外地户口怎么报名')
      expect(answer).toContain('负责的部门：市教育局')
      expect(answer).toMatch(/我们已经把您的需要转给了市教育局（问题编号 \d+）/)
      const ticketId = Number(answer.match(/问题编号 (\d+)/)![1])
      const t = await h.ctx().db.repo(Ticket).findOneByOrFail({ id: ticketId })
      expect(t).toMatchObject({ kind: 'referral', service: 'compulsory_education', departments: ['市教育局'] })
      let post: string | undefined
      for (let i = 0; i < 50 && !post; i++) {
        post = roomLog.find((l) => l.includes('外地户口怎么报名'))
        await sleep(50)
      }
      expect(post).toContain(`服务：${serviceLabel('zh-CN', 'compulsory_education')}`)
    })

    it('answers every need in one message, the main one first (none is dropped)', async () => {
      const p = await registered(chat, h.ctx(), 'wx-two-needs')
      const answer = await p.send('孩子要上小学，还有我们没有医保怎么办')
      const [school, insurance] = [serviceLabel('zh-CN', 'compulsory_education'), serviceLabel('zh-CN', 'medical_insurance')]
      // whichever the router takes as the main need, the other one is answered after it
      const [main, other] = answer.includes(`这件事属于：${school}`) ? [school, insurance] : [insurance, school]
      expect(answer).toContain(`这件事属于：${main}`)
      const also = answer.indexOf(`您还提到：${other}`)
      expect(also).toBeGreaterThan(answer.indexOf(`这件事属于：${main}`))
      expect(answer.slice(also)).toContain(other === school ? '负责的部门：市教育局' : '负责的部门：市医保局')
      expect(answer.slice(also)).toContain('怎么办：')
      expect(answer.trim().endsWith('回复“菜单”看全部功能。')).toBe(true)
    })

    it('pages the personalised checklist, shows an item and its official wording', async () => {
      const p = chat.parent('wx-refer')
      const first = await p.send('3')
      expect(first).toContain('【小宇，4岁】')
      expect(first).toContain('1 ')
      expect(first).toContain('回复“更多”')
      const firstNumbers = [...first.matchAll(/^(\d+) /gm)].map((m) => Number(m[1]))
      expect(firstNumbers).toEqual([1, 2, 3, 4])
      const second = await p.send('更多')
      expect([...second.matchAll(/^(\d+) /gm)].map((m) => Number(m[1]))).toEqual([5, 6, 7, 8])
      let all = first + second
      for (let i = 0; i < 10 && !all.includes('这些就是全部了'); i++) all += await p.send('更多')
      expect(all).toContain('【小雪，11岁】')
      expect(all).toContain('【全家都可以用】')
      expect(all).not.toContain('高考')
      const kindergarten = all.match(/^(\d+) 上幼儿园/m)
      expect(kindergarten).not.toBeNull()
      const detail = await p.send(kindergarten![1]!)
      expect(detail).toContain('谁可以：')
      expect(detail).toContain('怎么办：')
      expect(detail).toContain('要带的材料：')
      const official = await p.send('原文')
      expect(official).toContain('服务项目：学前教育服务')
      expect(official).toContain('负责部门：市教育局')
      const byName = await p.send('上幼儿园')
      expect(byName).toContain('谁可以：')
      // numbers here are items of the list: each page and detail says how to get back to the menu (to book)
      for (const reply of [first, second, detail, byName]) expect(reply).toContain('回复“菜单”做别的事（比如预约）')
    })

    it('offers the likeliest services when unsure, and hands over to a person after two misses', async () => {
      const p = chat.parent('wx-refer')
      await p.send('菜单')
      const unsure = await p.send('上学和看病的事')
      expect(unsure).toContain('我不太确定')
      expect(unsure).toContain(`1 ${serviceLabel('zh-CN', 'compulsory_education')}`)
      expect(unsure).toContain(`2 ${serviceLabel('zh-CN', 'medical_services')}`)
      expect(unsure).toContain('3 都不是，找工作人员')
      const chosen = await p.send('2')
      expect(chosen).toContain(`这件事属于：${serviceLabel('zh-CN', 'medical_services')}`)
      expect(chosen).toContain('负责的部门：')
      const miss1 = await p.send('嗯嗯')
      expect(miss1).toContain('我没看懂')
      const miss2 = await p.send('啊这个')
      expect(miss2).toContain('我请工作人员来回答您')
      expect(miss2).toMatch(/问题编号 \d+/)
      await p.send('菜单')
    })

    it('gives the emergency numbers and escalates with top priority, in any state of the conversation', async () => {
      const p = chat.parent('wx-refer')
      await p.send('4') // in the middle of booking or anything else
      const urgent = await p.send('我老公喝醉了打孩子，孩子身上都是伤')
      expect(urgent).toContain('110')
      expect(urgent).toContain('120')
      expect(urgent).toContain('12355')
      expect(urgent).toMatch(/问题编号 \d+/)
      const ticketId = Number(urgent.match(/问题编号 (\d+)/)![1])
      const t = await h.ctx().db.repo(Ticket).findOneByOrFail({ id: ticketId })
      expect(t).toMatchObject({ kind: 'escalation', priority: 'urgent' })
      let post: string | undefined
      for (let i = 0; i < 50 && !post; i++) {
        post = roomLog.find((l) => l.includes('喝醉了打孩子'))
        await sleep(50)
      }
      expect(post).toBeTruthy()
      expect(post).toContain('【紧急】')
      expect(post).toContain(`#${ticketId}`.slice(1))
    })

    it('names the jurisdiction’s own hotlines too', async () => {
      const p = chat.parent('wx-baotou')
      await p.send('你好')
      await p.send('1')
      await p.send('2')
      await p.send('包头')
      const urgent = await p.send('孩子说不想活了，要跳楼')
      expect(urgent).toContain('12338')
      expect(urgent).toContain('12355')
    })

    it('holds a whole conversation in English', async () => {
      const p = chat.parent('wx-english')
      expect(await p.send('hello')).toContain('隐私说明')
      const en = await p.send('English')
      expect(en).toContain('Privacy')
      expect(await p.send('yes')).toContain('1 Register your family')
      const city = await p.send('3')
      expect(city).toContain('Which city or county')
      expect(await p.send('Jincheng')).toContain('How old is your child')
      const list = await p.send('5')
      expect(list).toContain('these')
      expect(list).toMatch(/Reply "more"/)
      expect(list).not.toMatch(/[回复]/)
      const help = await p.send('menu')
      expect(help).toContain('Talk to a person')
      const reg = await p.send('register')
      expect(reg).toContain('What is your name')
      expect(await p.send('Li Na')).toContain('How are you related')
      const bad = await p.send('9')
      expect(bad).toContain('How are you related')
      const urgent = await p.send('my husband is beating our son, he is bleeding')
      expect(urgent).toContain('110 Police')
      expect(urgent).toContain('12355 Youth helpline')
      expect(urgent).toMatch(/question number \d+/)
      // and the registration waits where it was
      expect(await p.send('1')).toContain('Your mobile number')
    })
  },
  { STAFF_ROOMS: JSON.stringify({ '*': '关爱值班群' }) },
)
