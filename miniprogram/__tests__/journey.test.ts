// @vitest-environment jsdom
// The mini-program's pages against the real API on 127.0.0.1: register with consent, add a child,
// see the checklist, book a free time, cancel it, see the data, erase it. No canned answers.
import 'reflect-metadata'
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { join } from 'node:path'
import simulate from 'miniprogram-simulate'
import { createTestContext, type TestContext } from '../../test/support/context'
import { startApi, type Api } from '../../test/api/http'
import { createProvider, openSlot } from '../../src/domain/booking/staff.service'
import { buildMiniprogram, installWx, forwardTo, flush, type FakeWx } from './harness'

let out: string
let tc: TestContext
let api: Api
let wx: FakeWx

const until = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms
  while (!cond() && Date.now() < end) await flush(20)
}
function open(page: string) {
  const comp = simulate.render(simulate.load(join(out, `pages/${page}/${page}`), { compiler: 'simulate' }))
  comp.attach(document.createElement('parent-wrapper'))
  return comp
}
const texts = (comp: any, sel: string): string[] => comp.querySelectorAll(sel).map((n: { dom: HTMLElement }) => n.dom.textContent!.trim())

beforeAll(async () => {
  out = buildMiniprogram()
  tc = await createTestContext('sqlite', {}, new Date().toISOString())
  api = await startApi(tc.ctx)
  const provider = await createProvider(tc.ctx, { displayName: '张老师', kinds: ['family_education'], jurisdiction: 'jincheng' })
  await openSlot(tc.ctx, { providerId: provider.id, start: new Date(Math.ceil((Date.now() + 3 * 86400_000) / 3600_000) * 3600_000), minutes: 60, capacity: 3, kind: 'family_education', mode: 'phone' })
  wx = installWx(forwardTo(api.base))
  wx.storage.set('apiBase', api.base)
})
afterAll(async () => {
  await api.close()
  await tc.cleanup()
})

describe('a family uses the mini-program end to end', () => {
  it('registers with consent', async () => {
    const page = open('register')
    await until(() => !page.instance.data.loading)
    expect(page.querySelector('.consent-text').dom.textContent.length).toBeGreaterThan(20)
    // Without ticking the consent nothing is sent.
    page.querySelector('.submit').dispatchEvent('tap')
    await flush()
    expect(page.querySelector('.consent-note')).toBeTruthy()
    expect(wx.requests.some((r) => r.method === 'PUT')).toBe(false)

    const places = page.instance.data.places as Array<{ value: string; label: string }>
    const jincheng = places.findIndex((p) => p.value === 'jincheng')
    expect(jincheng).toBeGreaterThanOrEqual(0)
    page.instance.onPlace({ detail: { value: jincheng } })
    page.instance.onRelation({ detail: { value: 0 } })
    page.instance.onDate({ detail: { value: '2025-04-01' } })
    page.instance.setData({ 'form.name': '王芳', 'form.hukouProvince': '河南省', 'form.hukouCity': '周口市', 'form.hukouCounty': '郸城县', 'form.phone': '13800138000' })
    page.querySelector('.permit-yes').dispatchEvent('tap')
    page.querySelector('.consent').dispatchEvent('tap')
    page.querySelector('.submit').dispatchEvent('tap')
    await until(() => wx.navigations.length > 0)
    expect(wx.navigations.at(-1)).toBe('/pages/child/child')
    const me = await (await fetch(`${api.base}/api/v1/me`, { headers: { authorization: `Bearer ${(wx.storage.get('session') as { token: string }).token}` } })).json()
    expect(me.family.jurisdiction).toBe('jincheng')
    expect(me.family.guardians[0].relation).toBe('mother')
    expect(me.family.residencePermit).toBe(true)
    expect(me.family.guardians[0].language).toBe('zh-CN')
    expect(me.family.movedInOn).toBe('2025-04-01')
  })

  it('adds a child; the server’s refusal of a bad date shows next to the field', async () => {
    const page = open('child')
    await flush()
    page.instance.setData({ name: '小明', birthDate: '2018-02-30', stageIndex: 3 })
    page.querySelector('.sex-male').dispatchEvent('tap')
    page.querySelector('.save').dispatchEvent('tap')
    await until(() => !!page.querySelector('.field-error'))
    expect(page.querySelector('.field-error').dom.textContent).toContain('2019-05-01')
    page.instance.onDate({ detail: { value: '2018-02-28' } })
    page.querySelector('.save').dispatchEvent('tap')
    await until(() => wx.navigations.at(-1) === '/pages/home/home')
    expect(wx.navigations.at(-1)).toBe('/pages/home/home')
  })

  it('shows the child’s checklist from the city’s list', async () => {
    const page = open('home')
    await until(() => !page.instance.data.loading)
    const titles = texts(page, '.section-title')
    expect(titles[0]).toMatch(/^小明（\d+岁）可以享受$/)
    expect(texts(page, '.item-title').length).toBeGreaterThan(3)
    expect(page.querySelector('.place').dom.textContent).toContain('晋城')
  })

  it('asks for help in its own words and is told which department handles it', async () => {
    const page = open('need')
    await flush(100)
    page.instance.setData({ text: '孩子想转学到这边的公办小学，要办什么手续？' })
    page.querySelector('.send').dispatchEvent('tap')
    await until(() => !!page.instance.data.answer)
    expect(page.querySelector('.answer-service').dom.textContent).toBe('上小学、初中')
    expect(page.querySelector('.answer-departments').dom.textContent.length).toBeGreaterThan(1)
    expect(page.querySelector('.answer-message').dom.textContent.length).toBeGreaterThan(5)
    await until(() => page.instance.data.history.length > 0)
    expect(texts(page, '.history-item')[0]).toContain('公办小学')
  })

  it('books a free time and cancels it', async () => {
    const page = open('booking')
    await flush()
    page.querySelector('.kind').dispatchEvent('tap')
    await until(() => !page.instance.data.loading && page.instance.data.times.length > 0)
    expect(texts(page, '.time-left')).toEqual(['还剩 3 个名额'])
    page.querySelector('.time').dispatchEvent('tap')
    await flush()
    page.querySelector('.confirm').dispatchEvent('tap')
    await until(() => wx.navigations.at(-1) === '/pages/bookings/bookings')
    expect(wx.modals.at(-1)!.content).toMatch(/约好了/)

    const mine = open('bookings')
    await until(() => !mine.instance.data.loading)
    expect(texts(mine, '.booking-status')).toEqual(['✓ 已预约'])
    mine.querySelector('.cancel').dispatchEvent('tap')
    await until(() => texts(mine, '.booking-status')[0] === '✗ 已取消')
    expect(texts(mine, '.booking-status')).toEqual(['✗ 已取消'])
  })

  it('shows the family its data, then erases it', async () => {
    const page = open('settings')
    await flush()
    page.querySelector('.see').dispatchEvent('tap')
    await until(() => !!page.instance.data.data)
    expect(page.querySelector('.my-data').dom.textContent).toContain('小明')
    page.querySelector('.erase').dispatchEvent('tap')
    await until(() => wx.navigations.at(-1) === '/pages/home/home' && !wx.storage.has('session'))
    expect(wx.storage.has('session')).toBe(false)
    const home = open('home')
    await until(() => !home.instance.data.loading)
    expect(home.querySelector('.not-registered')).toBeTruthy()
  })
})
