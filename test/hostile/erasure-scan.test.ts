/**
 * Erasure leaves no trace, checked the hostile way: a family that used every channel and
 * feature (registered in WeChat, a question to staff and their answer, a booking, a key case,
 * a second child half-way through registration in the chat) is erased; then every row of every
 * table is read and none may hold the guardian's or a child's name, the phone number or the
 * parent's words. Catches any module that keeps family data without registering an eraser in
 * src/domain/registry/family-data.ts.
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { startHarness, type Harness } from '../bot/harness'
import { makeStaffOfEveryRole, type StaffFixture } from './fixtures'
import { tableNames } from './support'
import { findOrCreateIdentity, getIdentity } from '../../src/domain/identity/identity.service'
import { eraseFamily } from '../../src/domain/registry/registry.service'
import { createProvider, openSlot } from '../../src/domain/booking/staff.service'
import { book } from '../../src/domain/booking/booking.service'
import { askForPerson, submitNeed } from '../../src/domain/needs/needs.service'
import { closeTicket } from '../../src/domain/tickets/tickets.service'
import { DAY } from '../../src/shared/clock'

const GUARDIAN = '甄大福'
const CHILD = '甄小满'
const SECOND_CHILD = '甄二满'
const PHONE = '13711112222'
const QUESTION = '甄小满想转学，学校在哪里报名？'

describeEachDb('erasure leaves no trace in any table', (h) => {
  let api: Api
  let chat: Harness
  let staff: Record<string, StaffFixture>

  beforeAll(async () => {
    h.clock().set('2026-03-02T02:00:00Z')
    api = await startApi(h.ctx())
    chat = await startHarness(h.ctx())
    staff = await makeStaffOfEveryRole(h.ctx())
  })
  afterAll(async () => {
    await chat?.stop()
    await api?.close()
  })

  async function everyRow(): Promise<string> {
    const q = h.kind === 'mysql' ? '`' : '"'
    const parts: string[] = []
    for (const table of tableNames(h.ctx())) parts.push(`${table}: ${JSON.stringify(await h.ctx().db.ds.query(`SELECT * FROM ${q}${table}${q}`))}`)
    return parts.join('\n')
  }

  it('erases a family that used the bot, staff, bookings and key cases, down to the last row', async () => {
    const p = chat.parent('wx-erase-me')
    for (const [say, expected] of [
      ['你好', '隐私说明'], ['1', ''], ['登记', '怎么称呼您'], [GUARDIAN, '1 妈妈'], ['爸爸', '手机号'], [PHONE, '哪个城市'], ['晋城', '区或县'], ['城区', '街道'], ['东街道', '社区'], ['东街社区', '户口'],
      ['河南省 周口市 郸城县', '搬来'], ['2024-03-01', '居住证'], ['有', '第 1 个孩子'], [CHILD, '男孩还是女孩'], ['2', '哪天出生'], ['2016-05-01', '上学到哪一步'], ['4', '身份证号'], ['跳过', '都没有请回复'], ['2', '还有别的孩子'], ['2', ''], ['1', '登记好了'],
    ] as const) {
      const reply = await p.send(say)
      if (expected) expect(reply, `after "${say}"`).toContain(expected)
    }
    const identity = await findOrCreateIdentity(h.ctx(), 'bot', 'wx-erase-me')
    const familyId = (await getIdentity(h.ctx(), identity.id)).familyId!
    expect(familyId).toBeGreaterThan(0)

    // a question to a person, answered by staff with the child's name in it
    let prompt = await p.send('人工')
    if (!prompt.includes('请写下您想问的事')) prompt = await p.send('晋城')
    const sent = await p.send(QUESTION)
    const ticketId = Number(sent.match(/问题编号 (\d+)/)?.[1])
    expect(ticketId).toBeGreaterThan(0)
    const reply = await api.call('POST', `/api/v1/staff/queue/${ticketId}/replies`, { token: staff.admin!.token, body: { text: `${CHILD}的事：请带户口本到学校报名。` } })
    expect(reply.status, JSON.stringify(reply.body)).toBe(201)

    // a booking with a topic
    const provider = await createProvider(h.ctx(), { displayName: '家庭教育老师', kinds: ['family_education'], jurisdiction: 'jincheng' })
    const slot = await openSlot(h.ctx(), { providerId: provider.id, start: new Date(h.clock().now().getTime() + 3 * DAY), minutes: 50, capacity: 2, kind: 'family_education', mode: 'online' })
    await book(h.ctx(), { familyId, identityId: identity.id, channel: 'bot', slotId: slot.id, topic: `${CHILD}不爱说话`, idempotencyKey: 'erase-scan' })

    // a second child half-way through registration: the answers wait in the conversation state
    await p.send('菜单')
    await p.send('登记')
    expect(await p.send('1')).toContain('第')
    expect(await p.send(SECOND_CHILD)).toContain('男孩还是女孩')

    const before = await everyRow()
    for (const s of [GUARDIAN, CHILD, SECOND_CHILD, PHONE]) expect(before, `${s} is somewhere before erasure`).toContain(JSON.stringify(s).slice(1, -1))

    await eraseFamily(h.ctx(), familyId)
    await h.ctx().db.flushErased()

    const after = await everyRow()
    for (const s of [GUARDIAN, CHILD, SECOND_CHILD, PHONE, QUESTION]) {
      const where = after.split('\n').filter((line) => line.includes(JSON.stringify(s).slice(1, -1))).map((line) => line.split(':')[0])
      expect(where, `"${s}" left in tables`).toEqual([])
    }
  }, 60_000)

  it('also erases what a guardian said before registering (a need, a question staff closed, an open one)', async () => {
    const login = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:erase-before' } })
    const token = login.body.token as string
    const identityId = (await findOrCreateIdentity(h.ctx(), 'miniprogram', 'dev:erase-before')).id
    const NEED = '闺女甄小秋想上幼儿园，外地户口要带啥材料'
    const CLOSED = '甄小秋的疫苗本丢了咋补'
    const OPEN = '甄小秋晚上老做噩梦，想找人聊聊'
    await submitNeed(h.ctx(), { identityId, familyId: null, text: NEED, channel: 'miniprogram', jurisdiction: 'jincheng' })
    const closed = await askForPerson(h.ctx(), { identityId, familyId: null, text: CLOSED, channel: 'miniprogram', jurisdiction: 'jincheng' })
    await api.call('POST', `/api/v1/staff/queue/${closed.id}/replies`, { token: staff.admin!.token, body: { text: '去社区卫生服务中心补办。' } })
    await closeTicket(h.ctx(), staff.admin!.view, closed.id)
    await askForPerson(h.ctx(), { identityId, familyId: null, text: OPEN, channel: 'miniprogram', jurisdiction: 'jincheng' })
    const me = await api.call('PUT', '/api/v1/me', { token, body: { name: '甄秋妈', relation: 'mother', jurisdiction: 'jincheng', district: '城区', community: '东街社区', hukou: { province: '河南省', city: '周口市', county: '郸城县' }, movedInOn: '2025-05-01', residencePermit: true, consent: { accepted: true, version: '2026-03' } } })
    expect(me.status, JSON.stringify(me.body)).toBe(200)
    const familyId = (await getIdentity(h.ctx(), identityId)).familyId!
    // the family's export has them
    const exported = JSON.stringify((await api.call('GET', '/api/v1/me/export', { token })).body)
    for (const words of [NEED, CLOSED, OPEN]) expect(exported, words).toContain(words)

    await eraseFamily(h.ctx(), familyId)
    await h.ctx().db.flushErased()
    const after = await everyRow()
    for (const words of [NEED, CLOSED, OPEN, '甄小秋']) {
      const where = after.split('\n').filter((line) => line.includes(words)).map((line) => line.split(':')[0])
      expect(where, `"${words}" left in tables`).toEqual([])
    }
  }, 60_000)
})
