import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { capturingLogger, startApi, type Api } from '../api/http'
import { CONSENT_VERSION } from '../../src/domain/registry/registry.schemas'
import { childBody, idFor, profileBody } from './helpers'


describeEachDb('/api/v1/me', (h) => {
  let api: Api
  beforeAll(async () => {
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

  it('needs a signed-in family', async () => {
    expect((await api.call('GET', '/api/v1/me')).status).toBe(401)
    expect((await api.call('POST', '/api/v1/me/children', { body: childBody() })).status).toBe(401)
  })

  it('registers a family, adds a child, shows the ID number masked, corrects, removes', async () => {
    const token = await signIn('api-mum')
    const before = await api.call('GET', '/api/v1/me', { token })
    expect(before.status).toBe(200)
    expect(before.body).toMatchObject({ registered: false, family: null, consentText: { version: CONSENT_VERSION } })
    expect(before.body.consentText.text).toContain('撤回')

    const put = await api.call('PUT', '/api/v1/me', { token, body: profileBody() })
    expect(put.status).toBe(200)
    expect(put.body.registered).toBe(true)
    expect(put.body.family).toMatchObject({ jurisdiction: 'jincheng', consent: { version: CONSENT_VERSION }, guardians: [{ name: '张丽', relation: 'mother', phone: '13912345678' }] })

    const id = idFor('2019-05-01', '140502', '777')
    const post = await api.call('POST', '/api/v1/me/children', { token, body: childBody({ idNumber: id, situations: ['disability'], disabilityCertified: true }) })
    expect(post.status).toBe(201)
    expect(post.body).toMatchObject({ id: expect.any(Number), name: '张小宝', idNumber: `140***********${id.slice(-4)}`, eligibility: { eligible: true, code: 'eligible' }, keyCase: { status: 'open' } })
    expect(JSON.stringify(post.body)).not.toContain(id)

    const list = await api.call('GET', '/api/v1/me/children?lang=en', { token })
    expect(list.status).toBe(200)
    expect(list.body.children).toHaveLength(1)
    expect(list.body.children[0].eligibility.reason).toContain('turns 16 on 2035-05-01')
    expect(JSON.stringify(list.body)).not.toContain(id)

    const patch = await api.call('PATCH', `/api/v1/me/children/${post.body.id}`, { token, body: { schoolStage: 'primary', schoolName: '金村小学' } })
    expect(patch.status).toBe(200)
    expect(patch.body).toMatchObject({ schoolStage: 'primary', schoolName: '金村小学', idNumber: `140***********${id.slice(-4)}` })
    expect((await api.call('PATCH', `/api/v1/me/children/${post.body.id}`, { token, body: { schoolName: '' } })).body.schoolName).toBeNull()

    const exported = await api.call('GET', '/api/v1/me/export', { token })
    expect(exported.status).toBe(200)
    expect(exported.body.family.children[0].name).toBe('张小宝')
    expect(exported.body.keyCases).toHaveLength(1)
    expect(JSON.stringify(exported.body)).not.toContain(id)

    const confirm = await api.call('POST', '/api/v1/me/confirm', { token })
    expect(confirm.status).toBe(200)
    expect(confirm.body.family.lastConfirmedAt).toBeTruthy()

    expect((await api.call('DELETE', `/api/v1/me/children/${post.body.id}`, { token })).status).toBe(204)
    expect((await api.call('GET', '/api/v1/me/children', { token })).body.children).toEqual([])
  })

  it('answers bad fields with 400 and messages a parent understands', async () => {
    const token = await signIn('api-bad')
    const r = await api.call('PUT', '/api/v1/me', { token, body: profileBody({ jurisdiction: 'atlantis', phone: '123' }) })
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe('validation_failed')
    expect(r.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'jurisdiction', message: '暂时不支持这个地区，请从列表中选择。' },
        { path: 'phone', message: expect.stringContaining('11 位手机号') },
      ]),
    )
    const en = await api.call('PUT', '/api/v1/me?lang=en', { token, body: profileBody({ movedInOn: '2025-13-01' }) })
    expect(en.status).toBe(400)
    expect(en.body.error.fields).toEqual([{ path: 'movedInOn', message: 'That date does not look right. Please write it like 2019-05-01.' }])

    await api.call('PUT', '/api/v1/me', { token, body: profileBody() })
    const badId = await api.call('POST', '/api/v1/me/children', { token, body: childBody({ idNumber: '110105201905011230' === idFor('2019-05-01') ? '110105201905011231' : '110105201905011230' }) })
    expect(badId.status).toBe(400)
    expect(badId.body.error.fields[0].path).toBe('idNumber')
  })

  it('keeps no child without consent: 403 consent_required', async () => {
    const token = await signIn('api-noconsent')
    await api.call('PUT', '/api/v1/me', { token, body: profileBody({ consent: { accepted: false, version: CONSENT_VERSION } }) })
    const r = await api.call('POST', '/api/v1/me/children', { token, body: childBody() })
    expect(r.status).toBe(403)
    expect(r.body.error.code).toBe('consent_required')
    expect((await api.call('GET', '/api/v1/me/children', { token })).body.children).toEqual([])
  })

  it('never lets a family see or change another family’s child', async () => {
    const a = await signIn('api-a')
    const b = await signIn('api-b')
    await api.call('PUT', '/api/v1/me', { token: a, body: profileBody() })
    await api.call('PUT', '/api/v1/me', { token: b, body: profileBody({ name: '另一家' }) })
    const kid = await api.call('POST', '/api/v1/me/children', { token: a, body: childBody({ name: '甲家孩子' }) })
    expect((await api.call('PATCH', `/api/v1/me/children/${kid.body.id}`, { token: b, body: { name: '改名' } })).status).toBe(404)
    expect((await api.call('DELETE', `/api/v1/me/children/${kid.body.id}`, { token: b })).status).toBe(404)
    const bView = await api.call('GET', '/api/v1/me', { token: b })
    expect(JSON.stringify(bView.body)).not.toContain('甲家孩子')
    expect(JSON.stringify((await api.call('GET', '/api/v1/me/export', { token: b })).body)).not.toContain('甲家孩子')
    expect((await api.call('GET', '/api/v1/me/children', { token: a })).body.children[0].name).toBe('甲家孩子')
  })

  it('erases the family with DELETE /me', async () => {
    const token = await signIn('api-erase')
    await api.call('PUT', '/api/v1/me', { token, body: profileBody() })
    await api.call('POST', '/api/v1/me/children', { token, body: childBody() })
    expect((await api.call('DELETE', '/api/v1/me', { token })).status).toBe(204)
    expect((await api.call('GET', '/api/v1/me', { token })).body).toMatchObject({ registered: false, family: null })
    expect((await api.call('GET', '/api/v1/me/export', { token })).status).toBe(404)
  })

  it('documents the routes in the OpenAPI document', async () => {
    const doc = await api.call('GET', '/api/v1/openapi.json')
    expect(doc.status).toBe(200)
    for (const p of ['/api/v1/me', '/api/v1/me/children', '/api/v1/me/children/{id}', '/api/v1/me/export']) expect(doc.body.paths[p]).toBeDefined()
    expect(Object.keys(doc.body.paths['/api/v1/me'])).toEqual(expect.arrayContaining(['get', 'put', 'delete']))
  })
})

describeEachDb('/api/v1/me logs', (h) => {
  it('writes no personal data to the log while a family registers, adds a child, exports and erases', async () => {
    const { log, lines } = capturingLogger()
    const api = await startApi({ ...h.ctx(), log })
    try {
      const login = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:log-check' } })
      const token = login.body.token as string
      const id = idFor('2017-07-07', '140502', '555')
      expect((await api.call('PUT', '/api/v1/me', { token, body: profileBody({ name: '赵秀英', phone: '13698765432' }) })).status).toBe(200)
      const kid = await api.call('POST', '/api/v1/me/children', { token, body: childBody({ name: '赵小虎', birthDate: '2017-07-07', idNumber: id, situations: ['orphan'] }) })
      expect(kid.status).toBe(201)
      await api.call('PUT', '/api/v1/me', { token, body: profileBody({ name: 'x', phone: 'bad' }) }) // a refused request too
      await api.call('GET', '/api/v1/me/export', { token })
      expect((await api.call('DELETE', '/api/v1/me', { token })).status).toBe(204)
      expect(lines.length).toBeGreaterThan(4)
      const all = lines.join('\n')
      for (const secret of ['赵秀英', '13698765432', '赵小虎', id, id.slice(6, 14), token]) expect(all).not.toContain(secret)
    } finally {
      await api.close()
    }
  })
})
