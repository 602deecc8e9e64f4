/**
 * Injection and markup in every free-text field — a guardian's and a child's name, a school, a
 * need, a family's message, a staff reply, a key-case visit note, a question asked in WeChat — are
 * stored and shown back as plain text:
 *  - API: each string comes back exactly as sent (JSON round trip), to the family and to staff;
 *  - bot: a question asked in WeChat reaches staff exactly, the staff reply appears literally in the chat;
 *  - staff console (Chromium, /usr/bin/chromium): the pages show the strings as text, no element
 *    the markup describes exists, and no script runs (no `dialog` event).
 * The SQL in them does nothing either: every table is still there, with its rows.
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { startHarness, type Harness } from '../bot/harness'
import { startStaffConsole } from '../../src/staff'
import { makeStaffOfEveryRole, profile, PLACES, signInFamily, type StaffFixture } from './fixtures'
import { rowCounts, tableNames } from './support'
import { listKeyCases } from '../../src/domain/registry/key-cases'
import { localDate } from '../../src/shared/dates'
import { t } from '../../src/shared/i18n'

const CHROMIUM = '/usr/bin/chromium'

const GUARDIAN = `<img src=x onerror=alert(1)>`
const CHILD = `"><svg onload=alert(2)>'--`
const SCHOOL = `<script>alert(3)</script>小学'; DROP TABLE child;--`
const NEED = `<script>alert(4)</script>孩子上学要办什么手续？{{7*7}} \${7*7} '; DROP TABLE need;--`
const MESSAGE = `<iframe src="javascript:alert(5)"></iframe> 请联系我 & &amp; &lt;b&gt;`
const REPLY = `<a href="javascript:alert(6)">点这里</a></textarea><script>alert(7)</script> 明天上午联系您`
const NOTES = `<style>*{display:none}</style><script>alert(8)</script>家访：孩子在家 " ' \` \\`
const WECHAT_QUESTION = `<body onload=alert(9)>我想找人问问孩子上学的事</body>`

describeEachDb('markup and injection shown as plain text', (h) => {
  let api: Api
  let chat: Harness
  let token: string
  let staff: Record<string, StaffFixture>
  const ids = { familyId: 0, childId: 0, ticketId: 0, needTicketId: 0, keyCaseId: 0, botTicketId: 0 }

  beforeAll(async () => {
    api = await startApi(h.ctx(), startStaffConsole(h.ctx()).routers)
    chat = await startHarness(h.ctx())
    staff = await makeStaffOfEveryRole(h.ctx())
    token = await signInFamily(api, 'markup-family')
  })
  afterAll(async () => {
    await chat?.stop()
    await api?.close()
  })

  it('stores every string exactly and gives it back exactly through the API', async () => {
    // a name too long is refused with the words for "too long" (it used to say "this must be filled in")
    const long = await api.call('PUT', '/api/v1/me', { token, body: profile(`${GUARDIAN}${GUARDIAN}`, PLACES.a) })
    expect(long.status).toBe(400)
    expect(long.body.error.fields).toEqual([{ path: 'name', message: t('zh-CN', 'validation.tooLong', { max: 32 }) }])
    const me = await api.call('PUT', '/api/v1/me', { token, body: profile(GUARDIAN, PLACES.a) })
    expect(me.status, JSON.stringify(me.body)).toBe(200)
    ids.familyId = me.body.family.id
    expect(me.body.family.guardians[0].name).toBe(GUARDIAN)
    const child = await api.call('POST', '/api/v1/me/children', { token, body: { name: CHILD, sex: 'female', birthDate: '2016-05-01', schoolStage: 'primary', schoolName: SCHOOL, situations: ['dibao_family'] } })
    expect(child.status, JSON.stringify(child.body)).toBe(201)
    ids.childId = child.body.id
    const need = await api.call('POST', '/api/v1/me/needs', { token, body: { text: NEED, childId: ids.childId } })
    expect(need.status, JSON.stringify(need.body)).toBe(201)
    // the need goes to its department's thread; the message below starts the family's own question to community staff
    ids.needTicketId = need.body.ticketId ?? 0
    const msg = await api.call('POST', '/api/v1/me/messages', { token, body: { text: MESSAGE } })
    expect(msg.status, JSON.stringify(msg.body)).toBe(201)
    ids.ticketId = msg.body.ticketId

    const children = await api.call('GET', '/api/v1/me/children', { token })
    expect(children.body.children[0]).toMatchObject({ name: CHILD, schoolName: SCHOOL })
    expect((await api.call('GET', '/api/v1/me/needs', { token })).body[0].text).toBe(NEED)
    const texts = (await api.call('GET', '/api/v1/me/messages', { token })).body.messages.map((m: { text: string }) => m.text)
    expect(texts).toContain(NEED)
    expect(texts).toContain(MESSAGE)

    // staff answer with markup of their own (the question went to a department: the administrator answers), and record a visit note
    const director = staff.aDirector!.token
    const reply = await api.call('POST', `/api/v1/staff/queue/${ids.ticketId}/replies`, { token: staff.admin!.token, body: { text: REPLY } })
    expect(reply.status, JSON.stringify(reply.body)).toBe(201)
    expect(reply.body.text).toBe(REPLY)
    ids.keyCaseId = (await listKeyCases(h.ctx(), { jurisdictionId: PLACES.a.jurisdiction })).find((k) => k.familyId === ids.familyId)!.id
    const visit = await api.call('POST', `/api/v1/staff/key-cases/${ids.keyCaseId}/contacts`, { token: director, body: { kind: 'visit', on: localDate(h.clock().now()), notes: NOTES } })
    expect(visit.status, JSON.stringify(visit.body)).toBe(201)

    // the family reads the reply exactly; staff read the family and the note exactly
    const after = (await api.call('GET', '/api/v1/me/messages', { token })).body.messages.map((m: { text: string }) => m.text)
    expect(after).toContain(REPLY)
    const record = JSON.stringify((await api.call('GET', `/api/v1/staff/families/${ids.familyId}`, { token: director })).body)
    // (the staff record does not show the school)
    for (const s of [GUARDIAN, CHILD]) expect(record).toContain(JSON.stringify(s).slice(1, -1))
    const kc = JSON.stringify((await api.call('GET', `/api/v1/staff/key-cases/${ids.keyCaseId}`, { token: director })).body)
    expect(kc).toContain(JSON.stringify(NOTES).slice(1, -1))
    const exported = JSON.stringify((await api.call('GET', '/api/v1/me/export', { token })).body)
    for (const s of [GUARDIAN, CHILD, SCHOOL, NEED, MESSAGE, REPLY]) expect(exported).toContain(JSON.stringify(s).slice(1, -1))

    // and the SQL did nothing: every table is there
    const counts = await rowCounts(h.ctx())
    expect(Object.keys(counts)).toEqual(tableNames(h.ctx()))
    expect(counts.child).toBeGreaterThanOrEqual(1)
    expect(counts.family).toBeGreaterThanOrEqual(1)
  })

  it('keeps a WeChat question with markup exactly for staff, and shows a staff reply with markup literally in the chat', async () => {
    const p = chat.parent('markup-parent')
    await p.send('你好')
    let prompt = await p.send('人工')
    if (!prompt.includes('请写下您想问的事')) prompt = await p.send('晋城')
    expect(prompt).toContain('请写下您想问的事')
    const sent = await p.send(WECHAT_QUESTION)
    ids.botTicketId = Number(sent.match(/问题编号 (\d+)/)?.[1])
    expect(ids.botTicketId).toBeGreaterThan(0)
    const thread = await api.call('GET', `/api/v1/staff/queue/${ids.botTicketId}`, { token: staff.admin!.token })
    expect(JSON.stringify(thread.body)).toContain(JSON.stringify(WECHAT_QUESTION).slice(1, -1))
    const reply = await api.call('POST', `/api/v1/staff/queue/${ids.botTicketId}/replies`, { token: staff.admin!.token, body: { text: REPLY } })
    expect(reply.status, JSON.stringify(reply.body)).toBe(201)
    const deadline = Date.now() + 10_000
    while (!p.inbox.some((m) => m.includes(REPLY))) {
      expect(Date.now(), `the reply did not reach the chat: ${p.inbox.slice(-2).join(' | ')}`).toBeLessThan(deadline)
      await new Promise((r) => setTimeout(r, 100))
    }
  })

  it.runIf(existsSync(CHROMIUM) && h.kind === 'sqlite')('shows every string as text in the staff console, and no script runs (Chromium)', async () => {
    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
    const dialogs: string[] = []
    try {
      const page = await browser.newPage({ locale: 'zh-CN' })
      page.on('dialog', (d) => {
        dialogs.push(d.message())
        void d.dismiss()
      })
      await page.goto(`${api.base}/staff/sign-in`)
      await page.getByLabel('用户名').fill('h-admin')
      await page.getByLabel('密码').fill('correct horse 1')
      await page.getByRole('button', { name: '登录' }).click()
      await page.waitForURL(/\/staff\/queue/)
      const pages: Array<[string, string[]]> = [
        [`/staff/queue`, []],
        [`/staff/queue/${ids.ticketId}`, [MESSAGE, REPLY]],
        ...(ids.needTicketId ? ([[`/staff/queue/${ids.needTicketId}`, [NEED]]] as Array<[string, string[]]>) : []),
        [`/staff/queue/${ids.botTicketId}`, [WECHAT_QUESTION, REPLY]],
        [`/staff/families/${ids.familyId}`, [GUARDIAN, CHILD]],
        [`/staff/key-cases/${ids.keyCaseId}`, [NOTES]],
      ]
      for (const [path, strings] of pages) {
        const res = await page.goto(api.base + path)
        expect(res?.status(), path).toBe(200)
        await page.waitForLoadState('load')
        const text = await page.innerText('body')
        for (const s of strings) expect(text.replace(/\s+/g, ' '), `${path} shows ${s}`).toContain(s.replace(/\s+/g, ' '))
        // none of the markup became an element
        const injected = await page.locator('img[onerror], svg[onload], iframe, body[onload], a[href^="javascript:"], script').count()
        expect(injected, `${path}: injected elements`).toBe(0)
      }
      await page.waitForTimeout(300)
      expect(dialogs).toEqual([])
    } finally {
      await browser.close()
    }
  }, 30_000)
})
