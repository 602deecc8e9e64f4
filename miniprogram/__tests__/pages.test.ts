// @vitest-environment jsdom
// Page logic under miniprogram-simulate, with the API answered by a table (shapes as the API gives them).
import { describe, it, expect, beforeAll } from 'vitest'
import { join } from 'node:path'
import simulate from 'miniprogram-simulate'
import { buildMiniprogram, installWx, routes, flush, type FakeWx, type WxCall } from './harness'

let out: string
beforeAll(() => {
  out = buildMiniprogram()
})

const session = { token: 'tok-p', expiresAt: new Date(Date.now() + 3600_000).toISOString() }
const texts = (comp: any, sel: string): string[] => comp.querySelectorAll(sel).map((n: { dom: HTMLElement }) => n.dom.textContent!.trim())

function open(page: string, fake: FakeWx, props: Record<string, unknown> = {}) {
  void fake
  const comp = simulate.render(simulate.load(join(out, `pages/${page}/${page}`), { compiler: 'simulate' }), props)
  comp.attach(document.createElement('parent-wrapper'))
  return comp
}

describe('need page', () => {
  it('sends the words, shows the service and department, and choices when unsure', async () => {
    const wx = installWx(
      routes({
        'POST /auth/wx-login': session,
        'GET /me/children': { children: [{ id: 3, name: '小红', sex: 'female', birthDate: '2017-01-01', schoolStage: 'primary', idNumber: null, situations: [], eligibility: { eligible: true, code: 'eligible', reason: '' } }] },
        'GET /me/needs': [],
        'POST /me/needs': (c: WxCall) => ({
          status: 201,
          data: { needId: 11, service: 'compulsory_education', departments: ['城区教育局'], urgent: false, ask: true, alternatives: [{ service: 'high_school', confidence: 0.3 }], needs: ['compulsory_education'], outcome: 'recorded', ticketId: null, message: '我们记下了。', choices: ['high_school', 'compulsory_education', 'preschool'], referrals: [], echo: c.data },
        }),
        'POST /me/needs/11/choice': (c: WxCall) => ({ status: 200, data: { needId: 11, service: (c.data as { service: string }).service, departments: ['市教育局'], outcome: 'referred', ticketId: 4, message: '我们已经把您的事情转给了市教育局，他们会联系您。' } }),
      }),
    )
    const comp = open('need', wx)
    await flush()
    comp.querySelector('.send').dispatchEvent('tap')
    await flush()
    expect(wx.toasts).toEqual(['请先写下您遇到的事。'])
    expect(wx.requests.some((r) => r.method === 'POST' && r.path.includes('/me/needs'))).toBe(false)

    comp.instance.setData({ text: '  孩子想转学到这边的小学  ' })
    comp.querySelector('.child').dispatchEvent('tap')
    comp.querySelector('.send').dispatchEvent('tap')
    await flush()
    const sent = wx.requests.find((r) => r.method === 'POST' && r.path === '/api/v1/me/needs')!
    expect(sent.data).toEqual({ text: '孩子想转学到这边的小学', childId: 3 })
    expect(comp.querySelector('.answer-departments').dom.textContent).toBe('城区教育局')
    expect(comp.querySelector('.urgent')).toBeFalsy()
    // the answer's `choices` (not only the one `alternatives` entry), then "none of these"
    expect(texts(comp, '.alternative')).toEqual(['上高中、高考', '上小学、初中', '上幼儿园'])
    expect(texts(comp, '.none-of-these')).toEqual(['都不是，我想问工作人员'])
    expect(comp.querySelector('.referral')).toBeFalsy()
    expect(comp.querySelector('.answer-service').dom.textContent).toBe('上小学、初中')
    comp.querySelector('.alternative').dispatchEvent('tap')
    await flush()
    expect(wx.requests.find((r) => r.path === '/api/v1/me/needs/11/choice')!.data).toEqual({ service: 'high_school' })
    expect(comp.querySelector('.alternative').dom.textContent).toContain('市教育局')
    expect(comp.querySelector('.chosen').dom.textContent).toBe('我们已经把您的事情转给了市教育局，他们会联系您。')
    expect(texts(comp, '.referral-text')).toEqual(['已转给 市教育局（问题编号 4）'])
  })

  it('offers `choices` when unsure and "none of these" leads to a person', async () => {
    const wx = installWx(
      routes({
        'POST /auth/wx-login': session,
        'GET /me/needs': [],
        'POST /me/needs': { needId: 14, service: 'none', departments: [], urgent: false, ask: true, alternatives: [], needs: [], outcome: 'recorded', ticketId: null, message: '我们记下了。', choices: ['compulsory_education', 'medical_services', 'none'], referrals: [] },
      }),
    )
    const comp = open('need', wx)
    await flush()
    comp.instance.setData({ text: '孩子的事不知道找谁' })
    comp.querySelector('.send').dispatchEvent('tap')
    await flush()
    expect(texts(comp, '.alternative')).toEqual(['上小学、初中', '看病、家庭医生'])
    comp.querySelector('.none-of-these').dispatchEvent('tap')
    await flush()
    expect(wx.navigations).toEqual(['/pages/messages/messages'])
    expect(wx.requests.some((r) => r.path.includes('/choice'))).toBe(false)
  })

  it('does not offer choices when the router is sure', async () => {
    const wx = installWx(
      routes({
        'POST /auth/wx-login': session,
        'GET /me/needs': [],
        'POST /me/needs': { needId: 15, service: 'preschool', departments: ['市教育局'], urgent: false, ask: false, alternatives: [{ service: 'compulsory_education', confidence: 0.2 }], needs: ['preschool'], outcome: 'referred', ticketId: 20, message: '我们已经把您的事情转给了市教育局，他们会联系您。', choices: [], referrals: [{ service: 'preschool', departments: ['市教育局'], ticketId: 20 }] },
      }),
    )
    const comp = open('need', wx)
    await flush()
    comp.instance.setData({ text: '孩子4岁了想上幼儿园' })
    comp.querySelector('.send').dispatchEvent('tap')
    await flush()
    expect(comp.querySelector('.alternative')).toBeFalsy()
    expect(comp.querySelector('.none-of-these')).toBeFalsy()
    expect(texts(comp, '.referral-text')).toEqual(['已转给 市教育局（问题编号 20）'])
  })

  it('shows each referral of a message with several needs, in Chinese and in English', async () => {
    const answer = {
      needId: 16,
      service: 'minimum_living',
      departments: ['市民政局'],
      urgent: false,
      ask: false,
      alternatives: [],
      needs: ['minimum_living', 'compulsory_education'],
      outcome: 'referred',
      ticketId: 12,
      message: '我们已经转给了：低保 → 市民政局；上小学、初中 → 市教育局。',
      choices: [],
      referrals: [
        { service: 'minimum_living', departments: ['市民政局'], ticketId: 12 },
        { service: 'compulsory_education', departments: ['市教育局', '区教育局'], ticketId: 13 },
      ],
    }
    for (const [lang, expected] of [
      ['zh-CN', { titles: ['低保', '上小学、初中'], lines: ['已转给 市民政局（问题编号 12）', '已转给 市教育局、区教育局（问题编号 13）'] }],
      ['en', { titles: ['Minimum living allowance (dibao)', 'Primary and middle school'], lines: ['Passed to 市民政局 (question number 12)', 'Passed to 市教育局、区教育局 (question number 13)'] }],
    ] as const) {
      const wx = installWx(routes({ 'POST /auth/wx-login': session, 'GET /me/needs': [], 'POST /me/needs': answer }))
      wx.storage.set('lang', lang)
      const comp = open('need', wx)
      await flush()
      comp.instance.setData({ text: '家里没钱了，孩子也要上学' })
      comp.querySelector('.send').dispatchEvent('tap')
      await flush()
      expect(texts(comp, '.referral .tag')).toEqual(expected.titles)
      expect(texts(comp, '.referral-text')).toEqual(expected.lines)
      expect(comp.querySelector('.alternative')).toBeFalsy()
    }
  })

  it('says plainly when a need is urgent', async () => {
    const wx = installWx(routes({ 'POST /auth/wx-login': session, 'GET /me/needs': [], 'POST /me/needs': { needId: 12, service: 'child_protection', departments: ['公安派出所'], urgent: true, alternatives: [] } }))
    const comp = open('need', wx)
    await flush()
    comp.instance.setData({ text: '有人打孩子' })
    comp.querySelector('.send').dispatchEvent('tap')
    await flush()
    expect(comp.querySelector('.urgent').dom.textContent).toContain('110')
  })
})

describe('booking page', () => {
  const slot = (id: string, remaining: number) => ({ id, type: 'mental_health', start: '2026-03-05T01:30:00.000Z', end: '2026-03-05T02:20:00.000Z', capacity: 2, remaining, provider: { id: 1, name: '李老师' }, venue: null, mode: 'online' })

  it('goes kind → free times → confirm, and books with one Idempotency-Key across a retry', async () => {
    let attempts = 0
    const wx = installWx(
      routes({
        'POST /auth/wx-login': session,
        'GET /me/children': { children: [] },
        'GET /booking/slots': { slots: [slot('1-202603050930', 2)] },
        'POST /me/bookings': () => (++attempts === 1 ? { status: 0 } : { status: 201, data: { id: 5, status: 'booked', message: '约好了：2026-03-05 09:30 的心理健康服务。' } }),
      }),
    )
    const comp = open('booking', wx)
    await flush()
    expect(texts(comp, '.kind-label')).toEqual(['家庭教育指导', '心理健康支持'])
    comp.querySelectorAll('.kind')[1].dispatchEvent('tap')
    await flush()
    expect(wx.requests.find((r) => r.path.startsWith('/api/v1/booking/slots'))!.path).toBe('/api/v1/booking/slots?type=mental_health&includeFull=true')
    expect(texts(comp, '.time-when')).toEqual(['3月5日 周四 09:30'])
    expect(texts(comp, '.time-left')).toEqual(['还剩 2 个名额'])
    comp.querySelector('.time').dispatchEvent('tap')
    await flush()
    expect(comp.querySelector('.question').dom.textContent).toBe('预约 3月5日 周四 09:30 的心理健康支持，确定吗？')
    comp.querySelector('.confirm').dispatchEvent('tap')
    await flush()
    expect(wx.modals.at(-1)!.content).toMatch(/网络/)
    comp.querySelector('.confirm').dispatchEvent('tap')
    await flush()
    const posts = wx.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/me/bookings')
    expect(posts).toHaveLength(2)
    expect(posts[0]!.data).toEqual({ slotId: '1-202603050930' })
    expect(posts[0]!.header['idempotency-key']).toBeTruthy()
    expect(posts[1]!.header['idempotency-key']).toBe(posts[0]!.header['idempotency-key'])
    expect(wx.navigations).toEqual(['/pages/bookings/bookings'])
    expect(wx.modals.at(-1)!.content).toBe('约好了：2026-03-05 09:30 的心理健康服务。')
  })

  it('shows the refusal of a full slot and goes back to the free times', async () => {
    const wx = installWx(
      routes({
        'POST /auth/wx-login': session,
        'GET /me/children': { children: [] },
        'GET /booking/slots': [slot('1-202603050930', 1)],
        'POST /me/bookings': { status: 409, data: undefined } as never,
      }),
    )
    wx.handler = ((base) => (c: WxCall) => (c.method === 'POST' && c.path === '/api/v1/me/bookings' ? { status: 409, data: { error: { code: 'slot_full', message: '这个时间已经约满了，请选别的时间。' } } } : base(c)))(wx.handler)
    const comp = open('booking', wx)
    await flush()
    comp.querySelectorAll('.kind')[1].dispatchEvent('tap')
    await flush()
    comp.querySelector('.time').dispatchEvent('tap')
    await flush()
    comp.querySelector('.confirm').dispatchEvent('tap')
    await flush()
    expect(wx.modals.at(-1)!.content).toBe('这个时间已经约满了，请选别的时间。')
    expect(comp.instance.data.step).toBe(2)
    expect(comp.querySelector('.time')).toBeTruthy()
  })

  it('says so when there are no free times', async () => {
    const wx = installWx(routes({ 'POST /auth/wx-login': session, 'GET /me/children': { children: [] }, 'GET /booking/slots': [] }))
    const comp = open('booking', wx)
    await flush()
    comp.querySelector('.kind').dispatchEvent('tap')
    await flush()
    expect(comp.querySelector('.no-times').dom.textContent).toContain('最近没有空的时间')
  })
})

describe('my bookings page', () => {
  it('lists bookings with their state in words and cancels after confirmation', async () => {
    const future = new Date(Date.now() + 3 * 86400_000).toISOString()
    let cancelled = false
    const wx = installWx(
      routes({
        'POST /auth/wx-login': session,
        'GET /me/bookings': () => ({
          status: 200,
          data: [
            { id: 8, type: 'family_education', typeName: '家庭教育指导服务', status: cancelled ? 'cancelled' : 'booked', slotId: 'x', start: future, end: future, provider: { name: '王老师' }, venue: { name: '社区服务中心', address: '西街1号' }, mode: 'in_person', childId: null },
          ],
        }),
        'DELETE /me/bookings/8': () => ((cancelled = true), { status: 200, data: { id: 8, status: 'cancelled' } }),
      }),
    )
    const comp = open('bookings', wx)
    await flush()
    expect(texts(comp, '.booking-status')).toEqual(['✓ 已预约'])
    expect(texts(comp, '.booking-kind')).toEqual(['家庭教育指导服务'])
    expect(comp.querySelector('.booking').dom.textContent).toContain('社区服务中心（西街1号）')
    wx.modalAnswer = false
    comp.querySelector('.cancel').dispatchEvent('tap')
    await flush()
    expect(wx.requests.some((r) => r.method === 'DELETE')).toBe(false)
    wx.modalAnswer = true
    comp.querySelector('.cancel').dispatchEvent('tap')
    await flush(60)
    expect(wx.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/v1/me/bookings/8'])
    expect(texts(comp, '.booking-status')).toEqual(['✗ 已取消'])
    expect(comp.querySelector('.cancel')).toBeFalsy()
  })
})

describe('messages page', () => {
  it('shows the thread and sends a reply to the open question', async () => {
    const thread = [{ ticketId: 1, from: 'family', text: '请问什么时候能办？', at: '2026-03-02T02:00:00.000Z' }]
    const wx = installWx(
      routes({
        'POST /auth/wx-login': session,
        'GET /me/messages': () => ({ status: 200, data: { openTicketId: 1, messages: thread } }),
        'POST /me/messages': (c: WxCall) => (thread.push({ ticketId: 1, from: 'family', text: (c.data as { text: string }).text, at: '2026-03-02T03:00:00.000Z' }), { status: 201, data: {} }),
      }),
    )
    const comp = open('messages', wx)
    await flush()
    expect(texts(comp, '.message-text')).toEqual(['请问什么时候能办？'])
    comp.instance.setData({ text: '谢谢，我周三来。' })
    comp.querySelector('.send').dispatchEvent('tap')
    await flush(60)
    expect(texts(comp, '.message-text')).toEqual(['请问什么时候能办？', '谢谢，我周三来。'])
    expect(texts(comp, '.message-who')).toEqual(['我', '我'])
  })

  it('sends a family without an open question to “I need help” first', async () => {
    const wx = installWx(routes({ 'POST /auth/wx-login': session, 'GET /me/messages': { openTicketId: null, messages: [] } }))
    const comp = open('messages', wx)
    await flush()
    expect(comp.querySelector('.message-input')).toBeFalsy()
    expect(comp.querySelector('.no-question')).toBeTruthy()
  })
})

describe('settings page', () => {
  it('switches the language of every word', async () => {
    const wx = installWx(routes({ 'POST /auth/wx-login': session, 'PUT /auth/language': (c: WxCall) => ({ status: 200, data: c.data }) }))
    const comp = open('settings', wx)
    await flush()
    expect(comp.querySelector('.erase').dom.textContent).toBe('删除我家的全部信息')
    comp.querySelector('.lang-en').dispatchEvent('tap')
    await flush()
    expect(wx.storage.get('lang')).toBe('en')
    expect(comp.querySelector('.erase').dom.textContent).toBe("Delete all my family's data")
    expect(comp.querySelector('.lang-en').dom.textContent).toContain('✓')
    expect(wx.requests.filter((r) => r.path === '/api/v1/auth/language').map((r) => r.data)).toEqual([{ language: 'en' }])
    comp.querySelector('.lang-zh-CN').dispatchEvent('tap')
    await flush()
    expect(comp.querySelector('.erase').dom.textContent).toBe('删除我家的全部信息')
  })
})

describe('child page', () => {
  it('shows the API’s notes next to the fields it refused', async () => {
    const wx = installWx(
      routes({
        'POST /auth/wx-login': session,
        'POST /me/children': () => ({ status: 400, data: { error: { code: 'validation_failed', message: '填写的内容有问题', fields: [{ path: 'birthDate', message: '日期好像不对，请按 2019-05-01 这样写。' }] } } }),
      }),
    )
    const comp = open('child', wx)
    await flush()
    comp.instance.setData({ name: '小明', birthDate: '2019-13-01' })
    comp.querySelector('.sex-male').dispatchEvent('tap')
    comp.querySelectorAll('.situation')[10].dispatchEvent('tap')
    comp.querySelector('.save').dispatchEvent('tap')
    await flush()
    const post = wx.requests.find((r) => r.method === 'POST' && r.path === '/api/v1/me/children')!
    expect(post.data).toMatchObject({ name: '小明', sex: 'male', birthDate: '2019-13-01', situations: ['housing_difficulty'] })
    expect(comp.querySelector('.field-error').dom.textContent).toContain('2019-05-01')
    expect(wx.modals).toHaveLength(0)
  })
})
