/**
 * `GET /api/v1/me/checklist` keeps each rendered answer (docs/performance.md) under a key made of
 * everything it depends on. What a family notices: every change to the family shows on the very
 * next read (a child added, corrected, removed, the family moving, a birthday), repeated reads give
 * the same answer, one family never sees another's, and a session that ended is refused.
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { childBody, profileBody } from '../registry/helpers'


describeEachDb('my checklist, rendered once and kept', (h) => {
  let api: Api
  beforeAll(async () => {
    h.clock().set('2026-03-02T01:00:00Z')
    api = await startApi(h.ctx())
  })
  afterAll(async () => {
    await api?.close()
  })
  const signIn = async (who: string): Promise<string> => {
    const r = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: `dev:${who}` } })
    expect(r.status).toBe(200)
    return r.body.token
  }
  const mine = async (token: string, lang = 'zh-CN') => {
    const r = await api.call('GET', `/api/v1/me/checklist?lang=${lang}`, { token })
    expect(r.status).toBe(200)
    return r.body as { jurisdiction: { id: string }; children: Array<{ id: number; name: string; age: number; items: Array<{ service: string }> }>; family: unknown[] }
  }

  it('shows every change to the family on the next read', async () => {
    let token = await signIn('cache-mum')
    const notYet = await api.call('GET', '/api/v1/me/checklist', { token })
    expect(notYet.status).toBe(404)
    // says what to do next, not only "not found"
    expect(notYet.body.error).toMatchObject({ code: 'not_found', message: '您还没有登记家庭。请先登记家庭和孩子的信息，登记好以后就能看到了。', details: { reason: 'family_not_registered' } })
    expect((await api.call('PUT', '/api/v1/me', { token, body: profileBody() })).status).toBe(200)
    const empty = await mine(token)
    expect(empty.children).toEqual([])

    const first = await api.call('POST', '/api/v1/me/children', { token, body: childBody() })
    expect(first.status).toBe(201)
    const one = await mine(token)
    expect(one.children.map((c) => [c.name, c.age])).toEqual([['张小宝', 6]])
    expect(await mine(token)).toEqual(one)

    // A second child: on the next read.
    const second = await api.call('POST', '/api/v1/me/children', { token, body: childBody({ name: '张小妹', sex: 'female', birthDate: '2024-01-15', schoolStage: 'none' }) })
    expect(second.status).toBe(201)
    const two = await mine(token)
    expect(two.children.map((c) => c.name)).toEqual(['张小宝', '张小妹'])

    // A corrected name and school stage: on the next read.
    const patch = await api.call('PATCH', `/api/v1/me/children/${first.body.id}`, { token, body: { name: '张大宝', schoolStage: 'primary' } })
    expect(patch.status).toBe(200)
    const corrected = await mine(token)
    expect(corrected.children[0]!.name).toBe('张大宝')
    expect(corrected.children[0]!.items.map((i) => i.service)).not.toEqual(two.children[0]!.items.map((i) => i.service))

    // A child removed: gone on the next read.
    expect((await api.call('DELETE', `/api/v1/me/children/${second.body.id}`, { token })).status).toBe(204)
    expect((await mine(token)).children.map((c) => c.name)).toEqual(['张大宝'])

    // A birthday (the day changes): the new age on the next read.
    h.clock().set('2026-05-01T01:00:00Z')
    token = await signIn('cache-mum') // the same family (the session of March has ended)
    expect((await mine(token)).children[0]!.age).toBe(7)

    // Moving to another city's list.
    expect((await api.call('PUT', '/api/v1/me', { token, body: profileBody({ jurisdiction: 'changzhi', district: '潞州区', community: '英雄南路社区' }) })).status).toBe(200)
    expect((await mine(token)).jurisdiction.id).not.toBe('jincheng')
  })

  it('answers in the language asked, gzip for a client that accepts it, never for a shared cache', async () => {
    const token = await signIn('cache-en')
    expect((await api.call('PUT', '/api/v1/me', { token, body: profileBody() })).status).toBe(200)
    expect((await api.call('POST', '/api/v1/me/children', { token, body: childBody({ name: 'Lily' }) })).status).toBe(201)
    const zh = await mine(token)
    const en = await mine(token, 'en')
    expect(en.children[0]!.items[0]).not.toEqual(zh.children[0]!.items[0])
    const r = await fetch(`${api.base}/api/v1/me/checklist?lang=en`, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } })
    expect(r.headers.get('cache-control')).toBe('private, no-cache')
    expect(r.headers.get('content-encoding')).toBe('gzip') // fetch unpacks it
    expect(await r.json()).toEqual(en)
    // A client that also takes brotli still gets gzip: a family's list is compressed on the fly.
    const all = await fetch(`${api.base}/api/v1/me/checklist?lang=en`, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip, deflate, br' } })
    expect(all.headers.get('content-encoding')).toBe('gzip')
    expect(await all.json()).toEqual(en)
  })

  it('gives each of twenty families reading at once its own list (their sign-ins are read together)', async () => {
    const families: Array<{ token: string; name: string }> = []
    for (let n = 0; n < 20; n++) {
      const token = await signIn(`together-${n}`)
      const name = `孩子${n}`
      expect((await api.call('PUT', '/api/v1/me', { token, body: profileBody() })).status).toBe(200)
      expect((await api.call('POST', '/api/v1/me/children', { token, body: childBody({ name }) })).status).toBe(201)
      families.push({ token, name })
    }
    // Twice: the first answers are rendered, the second ones are the kept answers.
    for (let round = 0; round < 2; round++) {
      const lists = await Promise.all(families.map((f) => mine(f.token)))
      expect(lists.map((l) => l.children.map((c) => c.name))).toEqual(families.map((f) => [f.name]))
    }
    // A bad token among them: refused, and nobody else is.
    const mixed = await Promise.all([...families.slice(0, 5).map((f) => api.call('GET', '/api/v1/me/checklist', { token: f.token })), api.call('GET', '/api/v1/me/checklist', { token: 'not-a-session' })])
    expect(mixed.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 401])
    expect(mixed.slice(0, 5).map((r) => r.body.children[0].name)).toEqual(families.slice(0, 5).map((f) => f.name))
  })

  it('gives one family its own list only, and refuses a session that ended', async () => {
    const a = await signIn('cache-a')
    const b = await signIn('cache-b')
    for (const [token, name] of [[a, '王一'], [b, '李二']] as const) {
      expect((await api.call('PUT', '/api/v1/me', { token, body: profileBody() })).status).toBe(200)
      expect((await api.call('POST', '/api/v1/me/children', { token, body: childBody({ name }) })).status).toBe(201)
    }
    expect((await mine(a)).children.map((c) => c.name)).toEqual(['王一'])
    expect((await mine(b)).children.map((c) => c.name)).toEqual(['李二'])
    expect((await api.call('GET', '/api/v1/me/checklist', { token: 'not-a-session' })).status).toBe(401)
    // Past the session's lifetime: refused, although its answer was just rendered.
    h.clock().advance(400 * 24 * 3600 * 1000)
    const late = await api.call('GET', '/api/v1/me/checklist', { token: a })
    expect(late.status).toBe(401)
    expect(late.body.error.code).toBe('unauthenticated')
  })
})
