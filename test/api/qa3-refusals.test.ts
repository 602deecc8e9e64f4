/**
 * QA round 3, a hostile client and a crowd through the HTTP API: each refusal says what happened in
 * the client's words. Found: a wrong staff password said "请先登录。" (please sign in first); joining a
 * family while already in one said "和已有的记录冲突了。"; a full time said only "choose another time"
 * (the time then disappears from the free times, so the waiting list was never mentioned); an empty
 * dev sign-in answered in English ('empty dev name', 'dev:<name>'); a name of invisible characters
 * ('\u200b\u200b') was saved, NUL and right-to-left overrides were kept in names, and a need of only
 * spaces and a zero-width space was recorded; the same child sent ten times at once was added ten times, and the
 * same need ten times at once made ten referrals to one department.
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from './http'
import { createProvider, openSlot } from '../../src/domain/booking/staff.service'
import { createStaff } from '../../src/domain/staff/staff.service'
import { listNeeds } from '../../src/domain/needs/needs.service'
import { identityForToken } from '../../src/domain/identity/identity.service'
import { DAY } from '../../src/shared/clock'

const profile = (name: string) => ({
  name,
  relation: 'mother',
  jurisdiction: 'jincheng',
  district: '城区',
  community: '东街社区',
  hukou: { province: '河南省', city: '周口市', county: '郸城县' },
  movedInOn: '2025-05-01',
  residencePermit: true,
  consent: { accepted: true, version: '2026-03' },
})

describeEachDb('API refusals in plain words (QA round 3)', (h) => {
  let api: Api
  let slotId: string
  const signIn = async (name: string) => (await api.call('POST', '/api/v1/auth/wx-login', { body: { code: `dev:${name}` } })).body.token as string

  beforeAll(async () => {
    api = await startApi(h.ctx())
    const ctx = h.ctx()
    const provider = await createProvider(ctx, { displayName: '测试指导师', kinds: ['family_education'], jurisdiction: 'jincheng' })
    const start = new Date(Math.ceil((ctx.clock.now().getTime() + 3 * DAY) / 3_600_000) * 3_600_000)
    slotId = (await openSlot(ctx, { providerId: provider.id, start, minutes: 60, capacity: 1, kind: 'family_education', mode: 'online' })).id
    await createStaff(ctx, { username: 'qa3.director', password: 'qa3-director-pass', role: 'child-director', jurisdiction: 'jincheng', communities: ['东街社区'] })
  })
  afterAll(async () => {
    await api.close()
  })

  it('a wrong staff password says so (it said "please sign in first")', async () => {
    const r = await api.call('POST', '/api/v1/staff/session', { body: { username: 'qa3.director', password: 'not-the-password' } })
    expect(r.status).toBe(401)
    expect(r.body.error).toMatchObject({ code: 'unauthenticated', message: '用户名或密码不对，请再试一次。' })
    const en = await api.call('POST', '/api/v1/staff/session', { body: { username: 'qa3.director', password: 'not-the-password' }, headers: { 'accept-language': 'en' } })
    expect(en.body.error.message).toBe('Wrong username or password. Please try again.')
  })

  it('joining a family while already in one says so (it said "conflicts with an existing record")', async () => {
    const a = await signIn('qa3-join-a')
    const b = await signIn('qa3-join-b')
    expect((await api.call('PUT', '/api/v1/me', { token: a, body: profile('赵敏') })).status).toBe(200)
    expect((await api.call('PUT', '/api/v1/me', { token: b, body: profile('钱红') })).status).toBe(200)
    const code = (await api.call('POST', '/api/v1/me/family/join-code', { token: a })).body.code
    const r = await api.call('POST', '/api/v1/me/family/join', { token: b, body: { code, name: '钱红', relation: 'mother', consent: { accepted: true, version: '2026-03' } } })
    expect(r.status).toBe(409)
    expect(r.body.error.message).toBe('您已经在一个家庭里了，不能再加入别的家庭。')
  })

  it('a full time tells the family it can join the waiting list, and it can', async () => {
    const a = await signIn('qa3-full-a')
    const b = await signIn('qa3-full-b')
    await api.call('PUT', '/api/v1/me', { token: a, body: profile('孙丽') })
    await api.call('PUT', '/api/v1/me', { token: b, body: profile('周洁') })
    expect((await api.call('POST', '/api/v1/me/bookings', { token: a, headers: { 'idempotency-key': 'qa3-a' }, body: { slotId } })).status).toBe(201)
    const full = await api.call('POST', '/api/v1/me/bookings', { token: b, headers: { 'idempotency-key': 'qa3-b' }, body: { slotId } })
    expect(full.status).toBe(409)
    expect(full.body.error.code).toBe('slot_full')
    expect(full.body.error.message).toContain('可以排队等位')
    const wait = await api.call('POST', '/api/v1/me/waitlist', { token: b, body: { slotId } })
    expect(wait.status).toBe(201)
  })

  it('the same child sent ten times at once (double taps, retries) is added once; the others hear it is already there', async () => {
    const t = await signIn('qa3-double-tap')
    await api.call('PUT', '/api/v1/me', { token: t, body: profile('吴娟') })
    const child = { name: '吴小明', sex: 'male', birthDate: '2019-05-01', schoolStage: 'primary', situations: [] }
    const rs = await Promise.all(Array.from({ length: 10 }, () => api.call('POST', '/api/v1/me/children', { token: t, body: child })))
    expect(rs.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)])
    const refused = rs.find((r) => r.status === 409)!
    expect(refused.body.error.message).toBe('这个孩子已经登记过了，不用再加。要改信息，请修改已有的记录。')
    expect((await api.call('GET', '/api/v1/me/children', { token: t })).body.children.map((c: { name: string }) => c.name)).toEqual(['吴小明'])
    // a brother with another birth date is another child
    expect((await api.call('POST', '/api/v1/me/children', { token: t, body: { ...child, name: '吴小亮', birthDate: '2021-03-01' } })).status).toBe(201)
  })

  it('the same need sent ten times at once is one need and one referral; the same words later are a new need', async () => {
    const t = await signIn('qa3-need-taps')
    await api.call('PUT', '/api/v1/me', { token: t, body: profile('郑丽') })
    const rs = await Promise.all(Array.from({ length: 10 }, () => api.call('POST', '/api/v1/me/needs', { token: t, body: { text: '孩子想上小学，我们户口不在这里' } })))
    expect(rs.map((r) => r.status)).toEqual(Array(10).fill(201))
    expect(new Set(rs.map((r) => r.body.needId)).size).toBe(1)
    const identity = await identityForToken(h.ctx(), t)
    const needs = await listNeeds(h.ctx(), identity.id)
    expect(needs).toHaveLength(1)
    const referred = rs.filter((r) => r.body.outcome === 'referred')
    expect(new Set(referred.map((r) => r.body.ticketId))).toEqual(new Set([needs[0]!.ticketId]))
    // a repeat after the first answer carries its referral
    const again = await api.call('POST', '/api/v1/me/needs', { token: t, body: { text: '孩子想上小学，我们户口不在这里' } })
    expect(again.body).toMatchObject({ needId: needs[0]!.id, outcome: 'referred', ticketId: needs[0]!.ticketId })
    expect(again.body.referrals).toEqual([expect.objectContaining({ service: 'compulsory_education', ticketId: needs[0]!.ticketId })])
    // other words, or the same words a while later, are a new need
    expect((await api.call('POST', '/api/v1/me/needs', { token: t, body: { text: '孩子想上幼儿园' } })).body.needId).not.toBe(needs[0]!.id)
    h.clock().set(new Date(h.ctx().clock.now().getTime() + 10 * 60_000).toISOString())
    expect((await api.call('POST', '/api/v1/me/needs', { token: t, body: { text: '孩子想上小学，我们户口不在这里' } })).body.needId).not.toBe(needs[0]!.id)
    expect(await listNeeds(h.ctx(), identity.id)).toHaveLength(3)
  })

  it('a need nobody could place says what to do, not "we noted your question"; an unsure one asks to choose', async () => {
    const t = await signIn('qa3-need-words')
    await api.call('PUT', '/api/v1/me', { token: t, body: profile('冯丽') })
    const vague = await api.call('POST', '/api/v1/me/needs', { token: t, body: { text: '我想想再说' } })
    expect(vague.body).toMatchObject({ service: 'none', choices: [], outcome: 'recorded' })
    expect(vague.body.message).toBe('没看懂您的问题。请换个说法写，比如：孩子想上幼儿园。也可以在“消息”里写给工作人员。')
    const unsure = await api.call('POST', '/api/v1/me/needs', { token: t, body: { text: '上学和看病的事' } })
    expect(unsure.body.choices.length).toBeGreaterThanOrEqual(2)
    expect(unsure.body.message).toBe('请从下面选一个最接近您的事，我们再告诉您找哪个部门。')
  })

  it('an empty dev sign-in is refused in the client\'s words, not in English', async () => {
    const r = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:  ' } })
    expect(r.status).toBe(400)
    expect(r.body.error.message).toBe('填写的内容有问题，请看下面的提示再改一改。')
    expect(r.body.error.fields).toEqual([{ path: 'code', message: '测试登录要写成 dev:名字，比如 dev:王芳。' }])
  })

  it('names keep no invisible characters; a name or a need of nothing visible is refused and nothing is stored', async () => {
    const t = await signIn('qa3-invisible')
    const blank = await api.call('PUT', '/api/v1/me', { token: t, body: profile('\u200b\u200b') })
    expect(blank.status).toBe(400)
    expect(blank.body.error.fields).toEqual([{ path: 'name', message: '这一项必须填写。' }])
    expect((await api.call('GET', '/api/v1/me', { token: t })).body.registered).toBe(false)
    const odd = await api.call('PUT', '/api/v1/me', { token: t, body: { ...profile('王\u0000\u202e芳\u0007'), hukou: { province: '河南省\u200b', city: '周口市', county: '郸城县' } } })
    expect(odd.status).toBe(200)
    expect(odd.body.family.guardians[0].name).toBe('王芳')
    expect(odd.body.family.hukou.province).toBe('河南省')
    const child = await api.call('POST', '/api/v1/me/children', { token: t, body: { name: '\u202e\u200d', sex: 'male', birthDate: '2019-05-01', schoolStage: 'primary', situations: [] } })
    expect(child.status).toBe(400)
    expect((await api.call('GET', '/api/v1/me/children', { token: t })).body.children).toEqual([])
    const need = await api.call('POST', '/api/v1/me/needs', { token: t, body: { text: '   \u200b ' } })
    expect(need.status).toBe(400)
    expect(need.body.error.fields).toEqual([{ path: 'text', message: '这一项必须填写。' }])
    const message = await api.call('POST', '/api/v1/me/messages', { token: t, body: { text: '\u200b\u200b' } })
    expect(message.status).toBe(400)
    const identity = await identityForToken(h.ctx(), t)
    expect(await listNeeds(h.ctx(), identity!.id)).toEqual([])
  })
})

describeEachDb('API: a family names only its own conversations (QA round 3, finding 26)', (h) => {
  let api: Api
  beforeAll(async () => {
    api = await startApi(h.ctx())
  })
  afterAll(async () => {
    await api.close()
  })

  it("another family's question named in POST /me/messages is refused (404), nothing recorded (it opened a new question silently)", async () => {
    const [a, b] = await Promise.all(['qa3-thread-a', 'qa3-thread-b'].map(async (name) => (await api.call('POST', '/api/v1/auth/wx-login', { body: { code: `dev:${name}` } })).body.token as string))
    for (const token of [a!, b!]) expect((await api.call('PUT', '/api/v1/me', { token, body: profile('王芳') })).status).toBe(200)
    const theirs = await api.call('POST', '/api/v1/me/messages', { token: b!, body: { text: '想问问转学的事' } })
    expect(theirs.status).toBe(201)

    const refused = await api.call('POST', '/api/v1/me/messages', { token: a!, body: { text: '我的问题', ticketId: theirs.body.ticketId } })
    expect(refused.status).toBe(404)
    expect(refused.body.error.code).toBe('not_found')
    expect(refused.body.error.message).toMatch(/[\u4e00-\u9fff]/)
    expect((await api.call('GET', '/api/v1/me/messages', { token: a! })).body.messages).toEqual([])
    expect((await api.call('GET', '/api/v1/me/messages', { token: b! })).body.messages.map((m: { text: string }) => m.text)).toEqual(['想问问转学的事'])
    expect((await api.call('POST', '/api/v1/me/messages', { token: a!, body: { text: '我的问题', ticketId: 999999 } })).status).toBe(404)

    // Its own question, named: joined.
    const own = await api.call('POST', '/api/v1/me/messages', { token: b!, body: { text: '孩子上三年级', ticketId: theirs.body.ticketId } })
    expect(own.body).toEqual({ ticketId: theirs.body.ticketId, opened: false })
  })
})
