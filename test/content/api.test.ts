import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'

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
})
