/**
 * Sessions in the staff console over HTTP, as a browser uses it, on SQLite and MariaDB: department
 * staff add a provider with a weekly plan and days off on the providers page; on the schedule they
 * close and reopen a free time and cancel a booked session with a reason (the families are told);
 * a provider sees no such buttons and is refused; another department is refused.
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { consoleRouter } from '../../src/staff/console.router'
import { book } from '../../src/domain/booking/booking.service'
import { OutboundMessage } from '../../src/db/entities'
import { registeredFamily, staff, type Browserish, signedInConsole } from '../e2e/fixtures'

// The test clock starts on Monday 2026-03-02, 09:00 in Asia/Shanghai.
const WED = '2026-03-04'
const slotOf = (providerId: number, date: string, hhmm: string) => `${providerId}-${date.replaceAll('-', '')}${hhmm.replace(':', '')}`

describeEachDb('staff console: sessions and providers', (h) => {
  let api: Api
  let providerId = 0

  const signedIn = (username: string): Promise<Browserish> => signedInConsole(api.base, username)

  beforeAll(async () => {
    const ctx = h.ctx()
    api = await startApi(ctx, [consoleRouter(ctx)])
    await staff(ctx, { username: 'admin', role: 'admin' })
    await staff(ctx, { username: 'health', role: 'department', jurisdiction: 'jincheng', department: '市卫健委' })
    await staff(ctx, { username: 'edu', role: 'department', jurisdiction: 'jincheng', department: '市教育局' })
    await staff(ctx, { username: 'teacher', role: 'provider', providerKind: 'counsellor' })
  })
  afterAll(async () => {
    await api.close()
  })

  it('department staff add a venue and a provider with a weekly plan, then days off', async () => {
    const health = await signedIn('health')
    const page = await health.get('/staff/providers')
    expect(page.status).toBe(200)
    expect(page.text).toContain('aria-current="page">服务提供者')
    expect(page.text).toContain('这里还没有服务提供者')
    expect((await health.post('/staff/venues', { name: '东街儿童之家', address: '幸福路 1 号', kind: 'childrens_home', jurisdiction: 'jincheng' })).text).toContain('地点已添加')
    const form = await health.get('/staff/providers')
    const venueId = form.text.match(/<option value="(\d+)">东街儿童之家/)![1]!
    const teacherId = form.text.match(/<option value="(\d+)">teacher</)![1]!
    // a plan that ends before it starts: refused in plain words, and no provider is left behind
    const bad = await health.post('/staff/providers', { displayName: '陈老师', kind: 'mental_health', department: '市卫健委', staffId: teacherId, weekday: '3', start: '12:00', end: '09:00', sessionMinutes: '60', capacity: '2', mode: 'in_person', venueId })
    expect(bad.status).toBe(400)
    expect(bad.text).toMatch(/role="alert"><p>⚠ [^<]*结束时间/)
    expect((await health.get('/staff/providers')).text).not.toContain('data-provider=')
    const made = await health.post('/staff/providers', { displayName: '陈老师', kind: 'mental_health', department: '市卫健委', community: '东街社区', staffId: teacherId, weekday: '3', start: '09:00', end: '11:00', sessionMinutes: '60', capacity: '2', mode: 'in_person', venueId })
    expect(made.text).toContain('服务提供者已添加')
    providerId = Number(made.text.match(/data-provider="(\d+)"/)![1])
    expect(made.text).toContain('星期三 09:00–11:00，每场 60 分钟，2 个名额，到场面谈，心理健康服务')

    const off = await health.post('/staff/closed-days', { providerId: String(providerId), from: '2026-03-18', to: '2026-03-18', reason: 'training' })
    expect(off.text).toContain('已登记。这几天家长约不到了。')
    expect(off.text).toMatch(new RegExp(`data-provider="${providerId}">[\\s\\S]*?2026-03-18 · 培训`))

    // the same page in English
    await health.get('/staff/lang?to=en&back=/staff/providers')
    const en = await health.get('/staff/providers')
    expect(en.text).toContain('Add a provider')
    expect(en.text).toContain('Wednesday 09:00–11:00, 60 minutes a session, 2 places')
    expect(en.text).toContain('2026-03-18 · Training')
    await health.get('/staff/lang?to=zh-CN&back=/staff/providers')

    // a provider and staff of another department: no page, no form
    const teacher = await signedIn('teacher')
    expect((await teacher.get('/staff/providers')).status).toBe(403)
    expect(teacher.last).not.toContain('href="/staff/providers"')
    const edu = await signedIn('edu')
    expect((await edu.get('/staff/providers')).text).not.toContain(`data-provider="${providerId}"`)
    await edu.get('/staff/providers')
    expect((await edu.post('/staff/closed-days', { providerId: String(providerId), from: '2026-03-19', to: '2026-03-19', reason: 'leave' })).status).toBe(403)
  })

  it('on the schedule: a free time is closed and reopened; a booked session is cancelled with a reason and every family is told', async () => {
    const ctx = h.ctx()
    const mum = await registeredFamily(ctx, { external: 'sb-mum', name: '李娟', street: '东街道', community: '东街社区' })
    const dad = await registeredFamily(ctx, { external: 'sb-dad', name: '张伟', street: '东街道', community: '东街社区' })
    const nine = slotOf(providerId, WED, '09:00')
    const ten = slotOf(providerId, WED, '10:00')
    for (const [f, key] of [[mum, 'a'], [dad, 'b']] as const) await book(ctx, { familyId: f.familyId, identityId: f.identityId, channel: 'miniprogram', slotId: nine, idempotencyKey: `sb-console-${key}` })

    // the provider sees the day but no buttons to change it, and a forged post is refused
    const teacher = await signedIn('teacher')
    const own = await teacher.get(`/staff/schedule?provider=${providerId}&date=${WED}`)
    expect(own.text).toContain('陈老师')
    expect(own.text).not.toContain('/staff/slots/')
    expect((await teacher.post(`/staff/slots/${ten}/close`, {})).status).toBe(403)

    const health = await signedIn('health')
    const day = `/staff/schedule?provider=${providerId}&date=${WED}&view=day`
    const page = await health.get(day)
    expect(page.text).toContain(`data-cancel="${nine}"`)
    expect(page.text).toContain('已有 2 家预约')
    expect(page.text).toContain(`action="/staff/slots/${ten}/close"`)

    const closed = await health.post(`/staff/slots/${ten}/close`, { back: day })
    expect(closed.text).toContain('这个时间已关闭')
    expect(closed.text).toContain(`action="/staff/slots/${ten}/open"`)
    const reopened = await health.post(`/staff/slots/${ten}/open`, { back: day })
    expect(reopened.text).toContain('这个时间又可以预约了')
    expect(reopened.text).toContain(`action="/staff/slots/${ten}/close"`)

    // no reason: refused with the field named, nothing cancelled
    await health.get(day)
    const noReason = await health.post(`/staff/slots/${nine}/cancel`, { reason: ' ', back: day })
    expect(noReason.status).toBe(400)
    expect(noReason.text).toMatch(/role="alert"><p>⚠ [^<]*原因/)
    expect(await ctx.db.repo(OutboundMessage).countBy({ kind: 'notice' })).toBe(0)

    await health.get(day)
    const cancelled = await health.post(`/staff/slots/${nine}/cancel`, { reason: '老师<b>生病</b>了', back: day })
    expect(cancelled.status).toBe(200)
    expect(cancelled.text).toContain('这场服务已取消')
    expect(cancelled.text).toMatch(new RegExp(`2026-03-04 09:00–10:00 <span class="tag ">已取消`))
    const told = await ctx.db.repo(OutboundMessage).find({ where: { kind: 'notice' }, order: { id: 'ASC' } })
    expect(told.map((m) => m.recipient)).toEqual([String(mum.identityId), String(dad.identityId)])
    for (const m of told) {
      expect(m.messageKey).toBe('booking:staffCancel.withNext')
      expect(m.params).toMatchObject({ reason: '老师<b>生病</b>了' })
      expect((m.params as { nextSlotIds: string[] }).nextSlotIds).toContain(ten)
    }

    // another department may not cancel it; without the form's token nothing happens
    const edu = await signedIn('edu')
    await edu.get('/staff/queue')
    expect((await edu.post(`/staff/slots/${ten}/cancel`, { reason: '测试' })).status).toBe(403)
    expect((await health.post(`/staff/slots/${ten}/close`, {}, { csrf: null })).status).toBe(403)
  })
})
