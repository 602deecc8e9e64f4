/**
 * The staff console over HTTP, as a browser uses it (cookies, forms, redirects), on SQLite and
 * MariaDB: sign-in and its cookie, CSRF refusal, the queue and the answer reaching the parent,
 * escaping of a parent's words, key-case visit, figures CSV, audit log for administrators only.
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { consoleRouter } from '../../src/staff/console.router'
import { askForPerson } from '../../src/domain/needs/needs.service'
import { messagesForIdentity } from '../../src/domain/tickets/tickets.service'
import { recordAudit } from '../../src/domain/audit/audit.service'
import { OutboundMessage } from '../../src/db/entities'
import { DAY } from '../../src/shared/clock'
import { localDate } from '../../src/shared/dates'
import { client, registeredFamily, staff, PASSWORD, validIdNumber, type Browserish, signedInConsole } from './fixtures'

const INJECTION = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'

describeEachDb('staff console over HTTP', (h) => {
  let api: Api
  let family: { identityId: number; familyId: number; childId: number | null }
  const idNumber = validIdNumber()
  let startMonth = ''

  const signedIn = (username: string): Promise<Browserish> => signedInConsole(api.base, username)

  beforeAll(async () => {
    const ctx = h.ctx()
    startMonth = localDate(ctx.clock.now()).slice(0, 7)
    api = await startApi(ctx, [consoleRouter(ctx)])
    await staff(ctx, { username: 'admin', role: 'admin' })
    await staff(ctx, { username: 'east', role: 'child-director', jurisdiction: 'jincheng', street: '东街道', communities: ['东街社区'] })
    await staff(ctx, { username: 'west', role: 'child-director', jurisdiction: 'jincheng', street: '西街道', communities: ['西街社区'] })
    family = await registeredFamily(ctx, { external: 'console-mum', name: '王芳', street: '东街道', community: '东街社区', child: { name: '小明', idNumber, situations: ['disability'] } })
  })
  afterAll(async () => {
    await api.close()
  })

  it('sends a visitor to sign in, refuses a wrong password, and keeps the session in a strict HttpOnly cookie', async () => {
    const b = client(api.base)
    expect((await b.get('/staff')).url).toContain('/staff/sign-in')
    const first = await b.get('/staff/queue')
    expect(first.url).toContain('/staff/sign-in?back=%2Fstaff%2Fqueue')
    expect(first.text).toContain('<html lang="zh-CN">')
    expect(first.text).toContain('工作人员登录')
    expect(first.headers.get('content-security-policy')).toContain("default-src 'none'")
    const wrong = await b.post('/staff/sign-in', { username: 'east', password: 'not the password' })
    expect(wrong.status).toBe(401)
    expect(wrong.text).toContain('用户名或密码不对')
    const res = await fetch(`${api.base}/staff/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: new URLSearchParams({ _csrf: b.last.match(/name="_csrf" value="([^"]+)"/)![1]!, username: 'east', password: PASSWORD, back: '/staff/key-cases' }).toString(),
      redirect: 'manual',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/staff/key-cases')
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('staff_session='))!
    expect(cookie).toMatch(/httponly/i)
    expect(cookie).toMatch(/samesite=strict/i)
    expect(cookie).toMatch(/path=\/staff/i)
    // a sign-in form posted without the page's token is refused
    const forged = await client(api.base).post('/staff/sign-in', { username: 'east', password: PASSWORD }, { csrf: null })
    expect(forged.status).toBe(403)
  })

  it('shows a parent’s question in the queue as text, answers it, and the answer reaches the parent', async () => {
    const ctx = h.ctx()
    const t = await askForPerson(ctx, { identityId: family.identityId, familyId: family.familyId, text: `孩子上学的事 ${INJECTION}`, channel: 'miniprogram' })
    const east = await signedIn('east')
    const queue = await east.get('/staff/queue')
    expect(queue.text).toContain(`href="/staff/queue/${t.id}"`)
    expect(queue.text).toContain('家长求助')
    const thread = await east.get(`/staff/queue/${t.id}`)
    expect(thread.status).toBe(200)
    expect(thread.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;')
    expect(thread.text).not.toContain('<script>')
    expect(thread.text).not.toContain('<img src=x')

    // a form without its token changes nothing
    const forged = await east.post(`/staff/queue/${t.id}/reply`, { text: '伪造的回复' }, { csrf: 'forged' })
    expect(forged.status).toBe(403)
    expect(forged.text).toContain('表单已经过期')
    expect((await messagesForIdentity(ctx, family.identityId)).messages.map((m) => m.text)).not.toContain('伪造的回复')

    // another community's director may not open it
    const west = await signedIn('west')
    expect((await west.get('/staff/queue')).text).not.toContain(`href="/staff/queue/${t.id}"`)
    expect((await west.get(`/staff/queue/${t.id}`)).status).toBe(403)

    await east.get(`/staff/queue/${t.id}`)
    const answered = await east.post(`/staff/queue/${t.id}/reply`, { text: '您好，明天上午九点来社区服务站，带上户口本。' })
    expect(answered.status).toBe(200)
    expect(answered.text).toContain('回复已发给家长')
    expect(answered.text).toContain('明天上午九点来社区服务站')
    const mine = await messagesForIdentity(ctx, family.identityId)
    expect(mine.messages.at(-1)).toMatchObject({ from: 'staff', text: '您好，明天上午九点来社区服务站，带上户口本。' })
    const sent = await ctx.db.repo(OutboundMessage).find({ where: { kind: 'staff_reply', recipient: String(family.identityId) } })
    expect(sent).toHaveLength(1)
    expect(sent[0]!.channel).toBe('miniprogram')

    const closed = await east.post(`/staff/queue/${t.id}/close`, {})
    expect(closed.text).toContain('已标记为完成')
    expect(closed.text).not.toContain(`href="/staff/queue/${t.id}"`)
  })

  it('shows the family record masked, and logs the read', async () => {
    const east = await signedIn('east')
    const rec = await east.get(`/staff/families/${family.familyId}`)
    expect(rec.status).toBe(200)
    expect(rec.text).toContain('小明')
    expect(rec.text).toContain(`${idNumber.slice(0, 3)}${'*'.repeat(11)}${idNumber.slice(-4)}`)
    expect(rec.text).not.toContain(idNumber)
    expect((await (await signedIn('west')).get(`/staff/families/${family.familyId}`)).status).toBe(403)
    const admin = await signedIn('admin')
    const audit = await admin.get('/staff/audit?username=east')
    expect(audit.text).toContain('查看家庭档案')
    expect(audit.text).toContain(`/staff/families/${family.familyId}`)
    expect((await east.get('/staff/audit')).status).toBe(403)

    // a hundred entries a page, older ones behind a link
    for (let i = 1; i <= 101; i++) await recordAudit(h.ctx(), { id: 99, username: 'bulk' }, { action: 'family.read', resourceType: 'family', resourceId: i, familyId: i })
    const page1 = await admin.get('/staff/audit?username=bulk')
    expect(page1.text.match(/<tr><td>/g)).toHaveLength(100)
    expect(page1.text).not.toContain('family #1<')
    const older = page1.text.match(/href="(\/staff\/audit\?[^"]*beforeId=\d+)"/)![1]!.replaceAll('&amp;', '&')
    const page2 = await admin.get(older)
    expect(page2.text.match(/<tr><td>/g)).toHaveLength(1)
    expect(page2.text).toContain('family #1<')
  })

  it('lists a key case as overdue once its date has passed; a home visit takes it off the list', async () => {
    h.clock().advance(31 * DAY)
    const east = await signedIn('east')
    const overdue = await east.get('/staff/key-cases?due=overdue')
    const id = Number(overdue.text.match(/data-key-case="(\d+)"/)?.[1])
    expect(id).toBeGreaterThan(0)
    expect(overdue.text).toContain('已逾期')
    await east.get(`/staff/key-cases/${id}`)
    const today = localDate(h.ctx().clock.now())
    const saved = await east.post(`/staff/key-cases/${id}/contacts`, { kind: 'visit', on: today, notes: '入户走访，孩子在家，情况稳定。', nextStep: '下月电话联系' })
    expect(saved.text).toContain('探访记录已保存')
    expect(saved.text).toContain('入户走访，孩子在家，情况稳定。')
    expect((await east.get('/staff/key-cases?due=overdue')).text).not.toContain(`data-key-case="${id}"`)
    const future = await east.post(`/staff/key-cases/${id}/contacts`, { kind: 'visit', on: '2099-01-01', notes: '写错日期' })
    expect(future.status).toBe(400)
    expect(future.text).toContain('日期不能晚于今天')
  })

  it('gives monthly figures per community with a CSV export, and switches to English', async () => {
    const east = await signedIn('east')
    const month = localDate(h.ctx().clock.now()).slice(0, 7)
    const page = await east.get(`/staff/figures?month=${month}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('东街社区')
    const csv = await east.get(`/staff/figures.csv?month=${month}`)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines[0]).toContain('按时随访数')
    const row = lines.find((l) => l.startsWith('社区,东街社区'))!
    expect(row).toBeDefined()
    // one home visit this month, on time (visits are due 90 days after the case opened); one escalation, answered at once
    const cells = row.split(',')
    const head = lines[0]!.split(',')
    expect(cells[head.indexOf('随访数')]).toBe('1')
    expect(cells[head.indexOf('按时随访数')]).toBe('1')
    // the escalation was asked and answered at once, 31 days earlier
    const before = (await east.get(`/staff/figures.csv?month=${startMonth}`)).text.replace(/^\uFEFF/, '').trim().split('\r\n')
    const earlier = before.find((l) => l.startsWith('社区,东街社区'))!.split(',')
    expect(earlier[head.indexOf('问题或转交数')]).toBe('1')
    expect(earlier[head.indexOf('按时回复数')]).toBe('1')

    const admin = await signedIn('admin')
    const choose = await admin.get('/staff/figures')
    expect(choose.status).toBe(200)
    expect(choose.text).toContain('请先选一个地区')
    expect(choose.text).toContain('<option value="jincheng">')
    expect((await admin.get(`/staff/figures?month=${month}&jurisdiction=jincheng`)).text).toContain('东街社区')
    const missing = await east.get('/staff/no-such-page')
    expect(missing.status).toBe(404)
    expect(missing.text).toContain('没有这个页面')

    const en = await east.get('/staff/lang?to=en&back=%2Fstaff%2Fqueue')
    expect(en.text).toContain('<html lang="en">')
    expect(en.text).toContain('Queue')
    const away = await east.get('/staff/lang?to=en&back=https%3A%2F%2Fevil.example%2F')
    expect(away.url).toContain('/staff/queue')
  })

  it('signs out: the session ends and pages ask to sign in again', async () => {
    const east = await signedIn('east')
    await east.get('/staff/queue')
    const out = await east.post('/staff/sign-out', {})
    expect(out.text).toContain('您已退出登录')
    expect((await east.get('/staff/queue')).url).toContain('/staff/sign-in')
  })
})
