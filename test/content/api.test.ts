import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { CONSENT_VERSION } from '../../src/domain/registry/registry.schemas'

const profileBody = {
  name: '李梅',
  relation: 'mother',
  phone: '13912345678',
  jurisdiction: 'changzhi',
  district: '上党区',
  community: '东关社区',
  hukou: { province: '河南省', city: '新乡市', county: '辉县' },
  movedInOn: '2025-01-10',
  residencePermit: true,
  consent: { accepted: true, version: CONSENT_VERSION },
}

describeEachDb('checklist API', (h) => {
  let api: Api
  beforeAll(async () => {
    api = await startApi(h.ctx())
  })
  afterAll(async () => {
    await api.close()
  })

  it('lists the places with a checklist', async () => {
    const r = await api.call('GET', '/api/v1/jurisdictions')
    expect(r.status).toBe(200)
    expect(r.body).toEqual(expect.arrayContaining([
      { id: 'shanxi', name: '山西省', level: 'province', parent: 'national' },
      { id: 'jincheng', name: '晋城市', level: 'city', parent: 'shanxi' },
      { id: 'changzhi', name: '长治市', level: 'city', parent: 'shanxi' },
    ]))
    const en = await api.call('GET', '/api/v1/jurisdictions?lang=en')
    expect(en.body.find((j: { id: string }) => j.id === 'jincheng').name).toBe('Jincheng')
  })

  it('serves a city\'s checklist in list order with departments as the list names them', async () => {
    const r = await api.call('GET', '/api/v1/jurisdictions/jincheng/checklist?lang=zh-CN')
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toMatch(/application\/json/)
    expect(r.body.jurisdiction).toEqual({ id: 'jincheng', name: '晋城市' })
    expect(r.body.notice).toBeUndefined()
    expect(r.body.items).toHaveLength(23)
    expect(r.body.items.map((i: { no: number }) => i.no)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1))
    const first = r.body.items[0]
    expect(Object.keys(first).sort()).toEqual(['category', 'departments', 'documents', 'no', 'nextSteps', 'official', 'service', 'summary', 'title', 'whoQualifies'].sort())
    expect(first.departments).toEqual(['市卫健委', '市疾控局'])
    expect(first.official).toMatchObject({ name: '健康和托育（3岁以下）服务', target: '0-6岁流动儿童' })
    expect(first.title).toBe('孩子体检、打疫苗、托育')
  })

  it('speaks English on request and zh-CN for an unknown language', async () => {
    const en = await api.call('GET', '/api/v1/jurisdictions/shanxi/checklist?lang=en')
    expect(en.body.items[1].title).toBe('Kindergarten')
    expect(en.body.jurisdiction.name).toBe('Shanxi Province')
    const fr = await api.call('GET', '/api/v1/jurisdictions/shanxi/checklist?lang=fr')
    expect(fr.status).toBe(200)
    expect(fr.body.items[1].title).toBe('上幼儿园')
    const twice = await api.call('GET', '/api/v1/jurisdictions/shanxi/checklist?lang=en&lang=fr')
    expect(twice.status).toBe(200)
    expect(twice.body.items[1].title).toBe('上幼儿园')
    // Same answer again (served from the rendered cache).
    const again = await api.call('GET', '/api/v1/jurisdictions/shanxi/checklist?lang=en')
    expect(again.body).toEqual(en.body)
  })

  it('tells Changzhi families the list is Shanxi\'s', async () => {
    const r = await api.call('GET', '/api/v1/jurisdictions/changzhi/checklist')
    expect(r.body.notice).toBe('长治市清单原文未公开，以下依据山西省清单。')
    expect(r.body.items).toHaveLength(22)
    expect(r.body.items[6].departments).toEqual(['市医保局'])
  })

  it('serves a city without a list its province\'s, said plainly', async () => {
    const r = await api.call('GET', '/api/v1/jurisdictions/shanxi.taiyuan/checklist?lang=en')
    expect(r.status).toBe(200)
    expect(r.body.notice).toMatch(/has not published its own list yet, so this is the list of Shanxi Province/)
  })

  it('answers an unknown place with a 404 JSON error', async () => {
    const r = await api.call('GET', '/api/v1/jurisdictions/atlantis/checklist')
    expect(r.status).toBe(404)
    expect(r.body).toEqual({ error: { code: 'not_found', message: '没有找到。' } })
    const en = await api.call('GET', '/api/v1/jurisdictions/atlantis/checklist?lang=en')
    expect(en.body.error.message).toBe('Not found.')
  })

  it('gives a signed-in family its own checklist, per child with reasons, family items once', async () => {
    const login = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:checklist-mum' } })
    const token = login.body.token as string
    expect((await api.call('GET', '/api/v1/me/checklist')).status).toBe(401)
    const before = await api.call('GET', '/api/v1/me/checklist', { token })
    expect(before.status).toBe(404)

    expect((await api.call('PUT', '/api/v1/me', { token, body: profileBody })).status).toBe(200)
    const small = await api.call('POST', '/api/v1/me/children', { token, body: { name: '李小乐', sex: 'female', birthDate: '2021-09-01', schoolStage: 'kindergarten', situations: [] } })
    expect(small.status).toBe(201)
    const big = await api.call('POST', '/api/v1/me/children', { token, body: { name: '李小强', sex: 'male', birthDate: '2012-09-01', schoolStage: 'junior', situations: ['disability', 'dibao_family'] } })
    expect(big.status).toBe(201)

    const r = await api.call('GET', '/api/v1/me/checklist?lang=en', { token })
    expect(r.status).toBe(200)
    expect(r.body.notice).toBe("Changzhi's own list has not been published, so this is the Shanxi province list.")
    const [four, thirteen] = r.body.children
    expect(four).toMatchObject({ id: small.body.id, name: '李小乐', age: 4 })
    const pre = four.items.find((i: { service: string }) => i.service === 'preschool')
    expect(pre.reason).toBe('Because your child is at kindergarten, they can use this.')
    expect(pre.departments).toEqual(['市教育局'])
    expect(four.items.map((i: { service: string }) => i.service)).not.toContain('high_school')
    expect(thirteen.age).toBe(13)
    expect(thirteen.items.map((i: { service: string }) => i.service)).toEqual(expect.arrayContaining(['compulsory_education', 'disability_rehab', 'disability_education']))
    expect(thirteen.items.map((i: { service: string }) => i.service)).not.toContain('preschool')
    const family = r.body.family.map((i: { service: string }) => i.service)
    expect(family).toEqual(['minimum_living', 'temporary_assistance', 'family_education', 'city_integration'])
    expect(r.body.family[0].reason).toBe('Because your family gets dibao (minimum living allowance), you can use this.')

    const zh = await api.call('GET', '/api/v1/me/checklist?lang=xx', { token })
    expect(zh.body.children[0].items.find((i: { service: string }) => i.service === 'preschool').reason).toBe('因为孩子在上幼儿园，可以用这项服务。')
  })
})
