/**
 * The staff side through the HTTP API, as people use it: families register and say what they need
 * in the mini-program; staff sign in, see only their own queue, answer, follow up key cases.
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { outbox, makeStaff } from './helpers'
import { DAY, MINUTE } from '../../src/shared/clock'
import { localDate } from '../../src/shared/dates'

const ID_NUMBER = '11010520190501123X'
function validId(): string {
  // 18 digits with the GB 11643 check character.
  const body = '14050220180901123'
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = body.split('').reduce((s, d, i) => s + Number(d) * w[i]!, 0)
  return body + '10X98765432'[sum % 11]
}

const profile = (name: string, street: string, community: string) => ({
  name,
  relation: 'mother',
  phone: '13800138000',
  jurisdiction: 'jincheng',
  district: '城区',
  street,
  community,
  hukou: { province: '河南省', city: '周口市', county: '郸城县' },
  movedInOn: '2025-05-01',
  residencePermit: true,
  consent: { accepted: true, version: '2026-03' },
  language: 'zh-CN',
})

describeEachDb('staff API', (h) => {
  let api: Api
  let mum: string, dad: string
  let admin: string, eastDirector: string, westDirector: string, edu: string, civil: string
  let childId: number, familyId: number, referralId: number, urgentId: number, keyCaseId: number
  const idNumber = validId()
  void ID_NUMBER

  const signIn = async (username: string, password = 'correct horse 1') => {
    const r = await api.call('POST', '/api/v1/staff/session', { body: { username, password } })
    expect(r.status).toBe(200)
    return r.body.token as string
  }

  beforeAll(async () => {
    const ctx = h.ctx()
    api = await startApi(ctx)
    await makeStaff(ctx, { username: 'admin', role: 'admin' })
    await makeStaff(ctx, { username: 'edu', role: 'department', jurisdiction: 'jincheng', department: '市教育局' })
    await makeStaff(ctx, { username: 'civil', role: 'department', jurisdiction: 'jincheng', department: '市民政局' })
    admin = await signIn('admin')
    edu = await signIn('edu')
    civil = await signIn('civil')
  })
  afterAll(async () => {
    await api.close()
  })

  it('lets an administrator create accounts; others may not', async () => {
    const east = await api.call('POST', '/api/v1/staff/accounts', { token: admin, body: { username: 'east', password: 'correct horse 1', role: 'child-director', jurisdiction: 'jincheng', street: '东街道', communities: ['东街社区'] } })
    expect(east.status).toBe(201)
    expect(east.body).not.toHaveProperty('passwordHash')
    const west = await api.call('POST', '/api/v1/staff/accounts', { token: admin, body: { username: 'west', password: 'correct horse 1', role: 'child-director', jurisdiction: 'jincheng', street: '西街道', communities: ['西街社区'] } })
    expect(west.status).toBe(201)
    const dup = await api.call('POST', '/api/v1/staff/accounts', { token: admin, body: { username: 'west', password: 'correct horse 1', role: 'provider' } })
    expect(dup.status).toBe(409)
    const incomplete = await api.call('POST', '/api/v1/staff/accounts', { token: admin, body: { username: 'nodept', password: 'correct horse 1', role: 'department', jurisdiction: 'jincheng' } })
    expect(incomplete.status).toBe(400)
    expect(incomplete.body.error.fields).toContainEqual({ path: 'department', message: '部门工作人员要选一个清单里的部门。' })
    const notOnList = await api.call('POST', '/api/v1/staff/accounts', { token: admin, body: { username: 'ghost', password: 'correct horse 1', role: 'department', jurisdiction: 'jincheng', department: '教育部' } })
    expect(notOnList.status).toBe(400)
    expect(notOnList.body.error.details.departments).toContain('市教育局')
    eastDirector = await signIn('east')
    westDirector = await signIn('west')
    const refused = await api.call('POST', '/api/v1/staff/accounts', { token: eastDirector, body: { username: 'sneaky', password: 'correct horse 1', role: 'admin' } })
    expect(refused.status).toBe(403)
    expect((await api.call('GET', '/api/v1/staff/queue')).status).toBe(401)
  })

  it('a registered family’s need that a department must act on lands in that department’s queue only', async () => {
    mum = (await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:staff-api-mum' } })).body.token
    expect((await api.call('PUT', '/api/v1/me', { token: mum, body: profile('王芳', '东街道', '东街社区') })).status).toBe(200)
    const c = await api.call('POST', '/api/v1/me/children', { token: mum, body: { name: '小明', sex: 'male', birthDate: '2018-09-01', schoolStage: 'primary', idNumber, situations: ['disability'], disabilityCertified: true } })
    expect(c.status).toBe(201)
    childId = c.body.id
    const need = await api.call('POST', '/api/v1/me/needs', { token: mum, body: { text: '孩子7岁了想在这边上小学，学校说没有学位', childId } })
    expect(need.status).toBe(201)
    expect(need.body).toMatchObject({ service: 'compulsory_education', departments: ['市教育局'], urgent: false, outcome: 'referred' })
    expect(need.body.message).toContain('市教育局')
    referralId = need.body.ticketId
    const eduQueue = await api.call('GET', '/api/v1/staff/queue', { token: edu })
    expect(eduQueue.body.map((x: { id: number }) => x.id)).toContain(referralId)
    const item = eduQueue.body.find((x: { id: number }) => x.id === referralId)
    expect(item).toMatchObject({ kind: 'referral', priority: 'normal', status: 'new', service: 'compulsory_education', departments: ['市教育局'] })
    expect((await api.call('GET', '/api/v1/staff/queue', { token: civil })).body.map((x: { id: number }) => x.id)).not.toContain(referralId)
    expect((await api.call('GET', `/api/v1/staff/queue/${referralId}`, { token: civil })).status).toBe(403)
    const mine = await api.call('GET', '/api/v1/me/needs', { token: mum })
    expect(mine.body[0]).toMatchObject({ service: 'compulsory_education', status: 'referred' })
    familyId = (await api.call('GET', '/api/v1/me', { token: mum })).body.family.id
  })

  it('shows the family record masked to the department of its referral, unmasks for it only, and logs both', async () => {
    const rec = await api.call('GET', `/api/v1/staff/families/${familyId}`, { token: edu })
    expect(rec.status).toBe(200)
    expect(rec.body.children[0].idNumber).toBe(`${idNumber.slice(0, 3)}${'*'.repeat(11)}${idNumber.slice(-4)}`)
    expect(JSON.stringify(rec.body)).not.toContain(idNumber)
    expect((await api.call('GET', `/api/v1/staff/families/${familyId}`, { token: civil })).status).toBe(403)
    expect((await api.call('GET', `/api/v1/staff/families/${familyId}`, { token: westDirector })).status).toBe(403)
    expect((await api.call('GET', `/api/v1/staff/families/${familyId}`, { token: eastDirector })).status).toBe(200)
    const full = await api.call('GET', `/api/v1/staff/children/${childId}/id-number`, { token: edu })
    expect(full.body.idNumber).toBe(idNumber)
    for (const token of [eastDirector, admin, civil]) expect((await api.call('GET', `/api/v1/staff/children/${childId}/id-number`, { token })).status).toBe(403)
    const audit = await api.call('GET', `/api/v1/staff/audit?familyId=${familyId}`, { token: admin })
    expect(audit.status).toBe(200)
    const actions = audit.body.map((e: { username: string; action: string }) => `${e.username} ${e.action}`)
    expect(actions).toEqual(expect.arrayContaining(['edu family.read', 'east family.read', 'edu child.id_number.reveal']))
    expect(JSON.stringify(audit.body)).not.toContain(idNumber)
    expect((await api.call('GET', '/api/v1/staff/audit', { token: eastDirector })).status).toBe(403)
  })

  it('an urgent message becomes an urgent escalation at once: staff-room post, top of the community queue', async () => {
    const r = await api.call('POST', '/api/v1/me/needs', { token: mum, body: { text: '我老公一喝酒就打孩子，现在又在打' } })
    expect(r.body).toMatchObject({ urgent: true, outcome: 'escalated' })
    urgentId = r.body.ticketId
    const post = (await outbox(h.ctx(), { channel: 'staff_room', kind: 'escalation' })).find((m) => (m.params as { ticketId: number }).ticketId === urgentId)
    expect(post).toMatchObject({ messageKey: 'staff:room.urgent', plainText: '我老公一喝酒就打孩子，现在又在打' })
    const q = await api.call('GET', '/api/v1/staff/queue', { token: eastDirector })
    expect(q.body[0]).toMatchObject({ id: urgentId, kind: 'escalation', priority: 'urgent', status: 'new' })
    expect((await api.call('GET', '/api/v1/staff/queue', { token: westDirector })).body).toEqual([])
    expect((await api.call('GET', '/api/v1/staff/queue', { token: edu })).body.map((x: { id: number }) => x.id)).not.toContain(urgentId)
  })

  it('a family not registered yet: an urgent message still reaches a person at once; other needs ask for the city first', async () => {
    const stranger = (await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:staff-api-unregistered' } })).body.token
    const plain = await api.call('POST', '/api/v1/me/needs', { token: stranger, body: { text: '孩子想上幼儿园' } })
    expect(plain.status).toBe(400)
    expect(plain.body.error.fields).toEqual([{ path: 'jurisdiction', message: '请先登记，告诉我们您住在哪个城市，我们才能找到负责的部门。' }])
    const urgent = await api.call('POST', '/api/v1/me/needs', { token: stranger, body: { text: '他爸又打孩子了，孩子身上都是伤' } })
    expect(urgent.status).toBe(201)
    expect(urgent.body).toMatchObject({ urgent: true, outcome: 'escalated' })
    const q = await api.call('GET', '/api/v1/staff/queue', { token: admin })
    expect(q.body.find((x: { id: number }) => x.id === urgent.body.ticketId)).toMatchObject({ kind: 'escalation', priority: 'urgent' })
    await api.call('POST', `/api/v1/staff/queue/${urgent.body.ticketId}/close`, { token: admin })
  })

  it('a staff answer reaches the parent in the mini-program; the parent answers back and the thread continues', async () => {
    expect((await api.call('POST', `/api/v1/staff/queue/${urgentId}/claim`, { token: eastDirector })).status).toBe(200)
    const reply = await api.call('POST', `/api/v1/staff/queue/${urgentId}/replies`, { token: eastDirector, body: { text: '我们马上过去。请先带孩子到邻居家，危险时打110。' } })
    expect(reply.status).toBe(201)
    const row = (await outbox(h.ctx(), { kind: 'staff_reply' })).at(-1)!
    expect(row.channel).toBe('miniprogram')
    expect(row.plainText).toBe('我们马上过去。请先带孩子到邻居家，危险时打110。')
    const msgs = await api.call('GET', '/api/v1/me/messages', { token: mum })
    expect(msgs.body.messages.filter((m: { ticketId: number }) => m.ticketId === urgentId).map((m: { from: string }) => m.from)).toEqual(['family', 'staff'])
    expect(msgs.body.openTicketId).toBe(urgentId)
    const back = await api.call('POST', '/api/v1/me/messages', { token: mum, body: { text: '好的，我们在邻居家了' } })
    expect(back.body).toEqual({ ticketId: urgentId, opened: false })
    const thread = await api.call('GET', `/api/v1/staff/queue/${urgentId}`, { token: eastDirector })
    expect(thread.body.messages.map((m: { from: string }) => m.from)).toEqual(['family', 'staff', 'family'])
    expect(thread.body.history.map((e: { action: string }) => e.action)).toEqual(['opened', 'claimed', 'answered', 'family_replied'])
  })

  it('transfers with a reason; the department answers the referral; the family is told', async () => {
    const bad = await api.call('POST', `/api/v1/staff/queue/${referralId}/transfer`, { token: edu, body: { department: '市民政局' } })
    expect(bad.status).toBe(400)
    const moved = await api.call('POST', `/api/v1/staff/queue/${referralId}/transfer`, { token: edu, body: { department: '市民政局', reason: '家里困难，先申请救助' } })
    expect(moved.body).toMatchObject({ status: 'transferred', departments: ['市民政局'] })
    expect((await api.call('GET', '/api/v1/staff/queue', { token: civil })).body.map((x: { id: number }) => x.id)).toContain(referralId)
    expect((await api.call('POST', `/api/v1/staff/queue/${referralId}/claim`, { token: edu })).status).toBe(403)
    const rejected = await api.call('POST', `/api/v1/staff/queue/${referralId}/referral`, { token: civil, body: { state: 'rejected', reason: '请先办居住证' } })
    expect(rejected.body.referralState).toBe('rejected')
    const closed = await api.call('POST', `/api/v1/staff/queue/${referralId}/close`, { token: civil })
    expect(closed.body.status).toBe('closed')
    const closedList = await api.call('GET', '/api/v1/staff/queue?status=closed', { token: civil })
    expect(closedList.body.map((x: { id: number }) => x.id)).toEqual([referralId])
  })

  it('lists key cases by due date; a home visit takes one off the overdue list; red risk is an urgent escalation', async () => {
    const listNow = await api.call('GET', '/api/v1/staff/key-cases', { token: eastDirector })
    expect(listNow.status).toBe(200)
    expect(listNow.body).toHaveLength(1)
    keyCaseId = listNow.body[0].id
    expect(listNow.body[0]).toMatchObject({ contactEveryDays: 30, visitEveryDays: 90, dueState: 'upcoming' })
    expect((await api.call('GET', '/api/v1/staff/key-cases', { token: westDirector })).body).toEqual([])
    expect((await api.call('GET', `/api/v1/staff/key-cases/${keyCaseId}`, { token: westDirector })).status).toBe(403)
    h.clock().advance(31 * DAY)
    const again = await signIn('east')
    const overdue = await api.call('GET', '/api/v1/staff/key-cases?due=overdue', { token: again })
    expect(overdue.body.map((k: { id: number }) => k.id)).toEqual([keyCaseId])
    const future = await api.call('POST', `/api/v1/staff/key-cases/${keyCaseId}/contacts`, { token: again, body: { kind: 'visit', on: '2099-01-01', notes: '入户' } })
    expect(future.status).toBe(400)
    expect(future.body.error.fields).toEqual([{ path: 'on', message: '日期不能晚于今天。' }])
    const futureEn = await api.call('POST', `/api/v1/staff/key-cases/${keyCaseId}/contacts?lang=en`, { token: again, body: { kind: 'visit', on: '2099-01-01', notes: '入户' } })
    expect(futureEn.body.error.fields).toEqual([{ path: 'on', message: 'The date cannot be later than today.' }])
    const today = localDate(h.ctx().clock.now())
    const visit = await api.call('POST', `/api/v1/staff/key-cases/${keyCaseId}/contacts`, { token: again, body: { kind: 'visit', on: today, notes: '入户走访，孩子在家，情况稳定。', nextStep: '下月电话联系' } })
    expect(visit.status).toBe(201)
    expect(visit.body.dueState).toBe('upcoming')
    expect((await api.call('GET', '/api/v1/staff/key-cases?due=overdue', { token: again })).body).toEqual([])
    const detail = await api.call('GET', `/api/v1/staff/key-cases/${keyCaseId}`, { token: again })
    expect(detail.body.contacts[0]).toMatchObject({ kind: 'visit', on: today, nextStep: '下月电话联系' })
    const red = await api.call('POST', `/api/v1/staff/key-cases/${keyCaseId}/risk`, { token: again, body: { level: 'red', note: '孩子说不想活了' } })
    expect(red.status).toBe(200)
    expect(red.body.keyCase.riskLevel).toBe('red')
    expect(red.body.escalationId).toEqual(expect.any(Number))
    const q = await api.call('GET', '/api/v1/staff/queue', { token: again })
    // Urgent first (the older urgent escalation has waited longer), then normal.
    expect(q.body.map((x: { id: number; priority: string }) => `${x.id}:${x.priority}`)).toEqual([`${urgentId}:urgent`, `${red.body.escalationId}:urgent`])
    expect((await api.call('GET', `/api/v1/staff/key-cases/${keyCaseId}`, { token: again })).body.risks.map((r: { level: string }) => r.level)).toEqual(['red'])
  })

  it('locks an account after 5 wrong passwords for 15 minutes; sessions expire', async () => {
    for (let i = 0; i < 5; i++) expect((await api.call('POST', '/api/v1/staff/session', { body: { username: 'west', password: 'wrong password' } })).status).toBe(401)
    const locked = await api.call('POST', '/api/v1/staff/session', { body: { username: 'west', password: 'correct horse 1' } })
    expect(locked.status).toBe(403)
    expect(locked.body.error.details.reason).toBe('locked')
    h.clock().advance(15 * MINUTE + 1000)
    const ok = await signIn('west')
    expect((await api.call('GET', '/api/v1/staff/me', { token: ok })).body.username).toBe('west')
    h.clock().advance(h.ctx().config.STAFF_SESSION_TTL_MINUTES * MINUTE + 1000)
    expect((await api.call('GET', '/api/v1/staff/me', { token: ok })).status).toBe(401)
  })
})
