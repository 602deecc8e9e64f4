// @vitest-environment jsdom
import { describe, it, expect, beforeAll } from 'vitest'
import { join } from 'node:path'
import simulate from 'miniprogram-simulate'
import { buildMiniprogram, installWx, routes, flush, type FakeWx } from './harness'

let out: string
beforeAll(() => {
  out = buildMiniprogram()
})

const session = { token: 'tok-1', expiresAt: new Date(Date.now() + 3600_000).toISOString() }
const item = (service: string, title: string) => ({
  no: 1, category: '教育', service, title, summary: `${title}的说明`, whoQualifies: '', nextSteps: '到区教育局办理', documents: ['户口本', '居住证'], departments: ['区教育局', '街道办'], official: {}, reason: '孩子6岁以上',
})

function render(fake: FakeWx) {
  void fake
  const id = simulate.load(join(out, 'pages/home/home'))
  const comp = simulate.render(id)
  comp.attach(document.createElement('parent-wrapper'))
  return comp
}

describe('home page: the family checklist', () => {
  it('asks an unregistered family to register first', async () => {
    const wx = installWx(routes({ 'POST /auth/wx-login': session, 'GET /me': { registered: false, consentText: { version: 'v', text: '…' }, family: null } }))
    const comp = render(wx)
    await flush()
    expect(comp.querySelector('.not-registered')).toBeTruthy()
    comp.querySelector('.go-register').dispatchEvent('tap')
    await flush()
    expect(wx.navigations).toEqual(['/pages/register/register'])
    // The other parent registered already: join with a code instead.
    comp.querySelector('.go-join').dispatchEvent('tap')
    await flush()
    expect(wx.navigations).toEqual(['/pages/register/register', '/pages/family/family'])
    // It signed in with wx.login first, then sent the token.
    expect(wx.requests[0]!.path).toBe('/api/v1/auth/wx-login')
    expect(wx.requests[0]!.data).toEqual({ code: 'dev:devtools' })
    expect(wx.requests[1]!.header.authorization).toBe('Bearer tok-1')
  })

  it('shows each child’s services and the family’s, from the API, with details on tap', async () => {
    const wx = installWx(
      routes({
        'POST /auth/wx-login': session,
        'GET /me': { registered: true, consentText: { version: 'v', text: '' }, family: { id: 1 } },
        'GET /me/checklist': {
          jurisdiction: { id: 'jincheng', name: '晋城市' },
          children: [{ id: 7, name: '小明', age: 8, items: [item('compulsory_education', '就近入学')] }],
          family: [item('housing_support', '公租房')],
        },
      }),
    )
    const comp = render(wx)
    await flush()
    const titles = comp.querySelectorAll('.section-title').map((n: { dom: HTMLElement }) => n.dom.textContent)
    expect(titles).toEqual(['小明（8岁）可以享受', '全家可以享受'])
    const items = comp.querySelectorAll('.item-title').map((n: { dom: HTMLElement }) => n.dom.textContent)
    expect(items).toEqual(['就近入学', '公租房'])
    expect(comp.querySelector('.item-details')).toBeFalsy()
    comp.querySelector('.item-head').dispatchEvent('tap')
    await flush()
    expect(comp.querySelector('.item-details').dom.textContent).toContain('区教育局、街道办')
    expect(comp.querySelector('.item-details').dom.textContent).toContain('户口本')
    expect(wx.requests.find((r) => r.path.startsWith('/api/v1/me/checklist'))!.path).toBe('/api/v1/me/checklist?lang=zh-CN')
    comp.querySelector('.edit-child').dispatchEvent('tap')
    await flush()
    expect(wx.navigations).toContain('/pages/child/child?id=7')
  })

  it('shows the error in plain words and offers to try again when the service is down', async () => {
    const wx = installWx(routes({ 'POST /auth/wx-login': session, 'GET /me': () => ({ status: 503, data: { error: { code: 'unavailable', message: '系统正在恢复，请过一会儿再试。您的内容没有丢。' } } }) }))
    const comp = render(wx)
    await flush()
    expect(wx.modals.at(-1)!.content).toBe('系统正在恢复，请过一会儿再试。您的内容没有丢。')
    expect(comp.querySelector('.retry')).toBeTruthy()
  })
})
