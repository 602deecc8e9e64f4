/**
 * A department staff member's and a provider's day in the console, over HTTP as a browser uses
 * it, on SQLite and MariaDB: a referral in the department's queue, claimed, accepted, the record
 * read masked and the full number revealed (logged), transferred with a reason, turned down with
 * a reason the parent hears; a provider's week with a booking marked attended; figures per
 * department; a red risk level opening an urgent question.
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { consoleRouter } from '../../src/staff/console.router'
import { submitNeed } from '../../src/domain/needs/needs.service'
import { book } from '../../src/domain/booking/booking.service'
import { listFreeTimes } from '../../src/domain/booking/slots'
import { addWorkingPlan, createProvider, createVenue } from '../../src/domain/booking/staff.service'
import { listAudit } from '../../src/domain/audit/audit.service'
import { OutboundMessage } from '../../src/db/entities'
import { DAY, HOUR } from '../../src/shared/clock'
import { addDays, localDate, weekday } from '../../src/shared/dates'
import { registeredFamily, staff, PASSWORD, validIdNumber, type Browserish, signedInConsole } from './fixtures'

describeEachDb('staff console: a department’s and a provider’s day', (h) => {
  let api: Api
  let family: { identityId: number; familyId: number; childId: number | null }
  const idNumber = validIdNumber('14050220180901456')
  const masked = `${idNumber.slice(0, 3)}${'*'.repeat(11)}${idNumber.slice(-4)}`
  let referralId = 0

  const signedIn = (username: string): Promise<Browserish> => signedInConsole(api.base, username)

  beforeAll(async () => {
    const ctx = h.ctx()
    api = await startApi(ctx, [consoleRouter(ctx)])
    await staff(ctx, { username: 'admin', role: 'admin' })
    await staff(ctx, { username: 'edu', role: 'department', jurisdiction: 'jincheng', department: '市教育局' })
    await staff(ctx, { username: 'civil', role: 'department', jurisdiction: 'jincheng', department: '市民政局' })
    await staff(ctx, { username: 'east', role: 'child-director', jurisdiction: 'jincheng', street: '东街道', communities: ['东街社区'] })
    family = await registeredFamily(ctx, { external: 'day-mum', name: '李娟', street: '东街道', community: '东街社区', child: { name: '小红', idNumber, situations: ['dibao_family'] } })
  })
  afterAll(async () => {
    await api.close()
  })

  it('a referral reaches the department’s queue; staff claim and accept it, read the record masked and reveal the number once, logged', async () => {
    const ctx = h.ctx()
    const need = await submitNeed(ctx, { identityId: family.identityId, familyId: family.familyId, childId: family.childId, text: '孩子7岁了想在这边上小学，学校说没有学位', channel: 'miniprogram', jurisdiction: 'jincheng' })
    expect(need.ticketId).toBeTruthy()
    referralId = need.ticketId!
    const edu = await signedIn('edu')
    const referrals = await edu.get('/staff/queue?kind=referral')
    expect(referrals.text).toContain(`data-ticket="${referralId}"`)
    expect(referrals.text).toContain('上小学、初中')
    expect((await edu.get('/staff/queue?kind=escalation')).text).not.toContain(`data-ticket="${referralId}"`)
    expect((await (await signedIn('civil')).get('/staff/queue')).text).not.toContain(`data-ticket="${referralId}"`)
    // the community's director follows the referral and can narrow the queue to one department
    const director = await signedIn('east')
    expect((await director.get('/staff/queue?department=%E5%B8%82%E6%95%99%E8%82%B2%E5%B1%80')).text).toContain(`data-ticket="${referralId}"`)
    expect((await director.get('/staff/queue?department=%E5%B8%82%E6%B0%91%E6%94%BF%E5%B1%80')).text).not.toContain(`data-ticket="${referralId}"`)

    await edu.get(`/staff/queue/${referralId}`)
    expect((await edu.post(`/staff/queue/${referralId}/claim`, {})).text).toContain('已认领')
    const accepted = await edu.post(`/staff/queue/${referralId}/referral`, { state: 'accepted' })
    expect(accepted.text).toContain('部门已接收')

    const rec = await edu.get(`/staff/families/${family.familyId}`)
    expect(rec.text).toContain(masked)
    expect(rec.text).not.toContain(idNumber)
    const revealed = await edu.post(`/staff/children/${family.childId}/reveal`, { familyId: String(family.familyId) })
    expect(revealed.status).toBe(200)
    expect(revealed.text).toContain(idNumber)
    // a director of the community sees the record, masked, and has no reveal button
    const east = await signedIn('east')
    const dirRec = await east.get(`/staff/families/${family.familyId}`)
    expect(dirRec.text).toContain(masked)
    expect(dirRec.text).not.toContain('/reveal')
    expect((await east.post(`/staff/children/${family.childId}/reveal`, {}, { csrf: dirRec.text.match(/name="_csrf" value="([^"]+)"/)![1]! })).status).toBe(403)
    const auditor = { id: 0, username: 'auditor', role: 'admin' as const, jurisdiction: null, department: null, street: null, communities: [], providerKind: null, wechatId: null }
    const logged = (await listAudit(ctx, auditor, { familyId: family.familyId })).map((e) => `${e.username} ${e.action}`)
    expect(logged).toEqual(expect.arrayContaining(['edu family.read', 'edu child.id_number.reveal', 'east family.read', 'edu referral.accepted']))
  })

  it('transfers with a reason to another department, which turns it down with a reason the parent is told', async () => {
    const ctx = h.ctx()
    const edu = await signedIn('edu')
    const thread = await edu.get(`/staff/queue/${referralId}`)
    expect(thread.text).toContain('<option value="市民政局">')
    const noReason = await edu.post(`/staff/queue/${referralId}/transfer`, { department: '市民政局', reason: ' ' })
    expect(noReason.status).toBe(400)
    await edu.get(`/staff/queue/${referralId}`)
    const moved = await edu.post(`/staff/queue/${referralId}/transfer`, { department: '市民政局', reason: '家里是低保户，先由民政部门核实' })
    expect(moved.text).toContain('已转给部门')
    expect(moved.text).not.toContain(`data-ticket="${referralId}"`)
    const civil = await signedIn('civil')
    const t = await civil.get(`/staff/queue/${referralId}`)
    expect(t.text).toContain('家里是低保户，先由民政部门核实')
    const rejected = await civil.post(`/staff/queue/${referralId}/referral`, { state: 'rejected', reason: '请先到社区开具低保证明' })
    expect(rejected.text).toContain('部门已退回')
    const told = await ctx.db.repo(OutboundMessage).find({ where: { kind: 'referral_update', recipient: String(family.identityId) } })
    expect(told.map((m) => m.plainText)).toContain('请先到社区开具低保证明')
  })

  it('a provider sees the week, the family’s topic as text, and marks who came; the department’s figures count it', async () => {
    const ctx = h.ctx()
    const teacher = await staff(ctx, { username: 'teacher', role: 'provider', providerKind: 'counsellor' })
    const venue = await createVenue(ctx, { name: '东街儿童之家', address: '幸福路 1 号', kind: 'childrens_home', jurisdiction: 'jincheng' })
    const provider = await createProvider(ctx, { displayName: '陈老师', kinds: ['mental_health'], jurisdiction: 'jincheng', community: '东街社区', department: '市卫健委', staffId: teacher.id })
    const tomorrow = addDays(localDate(ctx.clock.now()), 1)
    await addWorkingPlan(ctx, { providerId: provider.id, weekday: weekday(tomorrow), start: '09:00', end: '10:00', sessionMinutes: 60, capacity: 2, kind: 'mental_health', mode: 'in_person', venueId: venue.id, skipPublicHolidays: false })
    const times = await listFreeTimes(ctx, { kind: 'mental_health', jurisdiction: 'jincheng', providerId: provider.id })
    const b = await book(ctx, { familyId: family.familyId, identityId: family.identityId, channel: 'miniprogram', slotId: times[0]!.id, topic: '孩子<b>不爱说话</b>', idempotencyKey: 'day-1' })
    const bookingId = (b as { booking: { id: number } }).booking.id

    const p = await signedIn('teacher')
    const week = await p.get(`/staff/schedule?date=${localDate(ctx.clock.now())}&view=week`)
    expect(week.text).toContain('陈老师')
    expect(week.text).toContain(`data-booking="${bookingId}"`)
    expect(week.text).toContain('孩子&lt;b&gt;不爱说话&lt;/b&gt;')
    expect(week.text).not.toContain('/attendance') // not started yet
    expect(week.text).not.toContain(`/staff/families/${family.familyId}`) // providers do not open family records
    // the community's child director sees the session and the booking, but not what the family wants to talk about
    const director = await (await signedIn('east')).get(`/staff/schedule?date=${localDate(ctx.clock.now())}&view=week&provider=${provider.id}`)
    expect(director.text).toContain(`data-booking="${bookingId}"`)
    expect(director.text).not.toContain('不爱说话')

    h.clock().advance(DAY + HOUR)
    const p2 = await signedIn('teacher')
    const day = await p2.get(`/staff/schedule?date=${tomorrow}`)
    expect(day.text).toContain('/attendance')
    const marked = await p2.post(`/staff/bookings/${bookingId}/attendance`, { outcome: 'attended', back: `/staff/schedule?date=${tomorrow}` })
    expect(marked.text).toContain('已记录：来了')
    expect(marked.text).toMatch(new RegExp(`data-booking="${bookingId}">[^<]*<span class="tag ">来了`))
    // a director of another area sees no provider; a department of another department may not mark
    expect((await (await signedIn('edu')).get('/staff/schedule')).text).toContain('没有您可以查看的服务提供者')
    const edu = await signedIn('edu')
    await edu.get('/staff/queue')
    expect((await edu.post(`/staff/bookings/${bookingId}/attendance`, { outcome: 'no_show' })).status).toBe(403)

    const admin = await signedIn('admin')
    const csv = (await admin.get(`/staff/figures.csv?month=${tomorrow.slice(0, 7)}&jurisdiction=jincheng`)).text.replace(/^\uFEFF/, '').trim().split('\r\n')
    const head = csv[0]!.split(',')
    const health = csv.find((l) => l.startsWith('部门,市卫健委'))!.split(',')
    expect(health[head.indexOf('预约场次')]).toBe('1')
    expect(health[head.indexOf('实际参加')]).toBe('1')
    const edurow = csv.find((l) => l.startsWith('部门,市教育局'))!.split(',')
    expect(edurow[head.indexOf('需求数')]).toBe('1')
    // department staff see their own department's row only
    const mine = (await (await signedIn('civil')).get(`/staff/figures.csv?month=${tomorrow.slice(0, 7)}`)).text
    expect(mine).toContain('市民政局')
    expect(mine).not.toContain('市教育局')
    expect(mine).not.toContain('东街社区')
    expect((await p2.get('/staff/figures')).status).toBe(403)
  })

  it('an administrator adds a staff account in the console; others may not', async () => {
    const admin = await signedIn('admin')
    const page = await admin.get('/staff/accounts')
    expect(page.text).toContain('data-account="edu"')
    const wrong = await admin.post('/staff/accounts', { username: 'ghost', password: 'long enough 1', role: 'department', jurisdiction: 'jincheng', department: '教育部' })
    expect(wrong.status).toBe(400)
    await admin.get('/staff/accounts')
    const made = await admin.post('/staff/accounts', { username: 'north', password: PASSWORD, role: 'child-director', jurisdiction: 'jincheng', communities: '北街社区、北关社区' })
    expect(made.text).toContain('账号已建好')
    expect(made.text).toMatch(/data-account="north">[\s\S]*?北街社区、北关社区/)
    expect((await (await signedIn('north')).get('/staff/key-cases')).status).toBe(200)
    const east = await signedIn('east')
    expect((await east.get('/staff/accounts')).status).toBe(403)
    expect(east.last).not.toContain('/staff/accounts"')
  })

  it('a red risk level opens an urgent question at the top of the director’s queue', async () => {
    const east = await signedIn('east')
    const list = await east.get('/staff/key-cases')
    const id = Number(list.text.match(/data-key-case="(\d+)"/)?.[1])
    await east.get(`/staff/key-cases/${id}`)
    const saved = await east.post(`/staff/key-cases/${id}/risk`, { level: 'red', note: '孩子说不想上学了，情绪很低落' })
    expect(saved.text).toContain('风险等级已保存')
    expect(saved.text).toContain('红色（紧急）')
    const queue = await east.get('/staff/queue')
    const first = queue.text.match(/<tr data-ticket="\d+">[\s\S]*?<\/tr>/)![0]
    expect(first).toContain('紧急')
    expect(first).toContain('心理辅导')
  })
})
