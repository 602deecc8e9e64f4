/**
 * QA round 2, POST /api/v1/me/needs: every need of one message that a department must act on
 * becomes its own referral to that need's department (within consent), listed in `referrals` and
 * said in `message`; an unsure answer is referred nowhere and offers `choices` (two or three) until
 * the parent picks one (POST /me/needs/:id/choice). offerChoices never offers one guess alone.
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll, describe } from 'vitest'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { makeStaff } from './helpers'
import { offerChoices, NEIGHBOURS } from '../../src/domain/routing/choices'
import { SERVICE_KEYS } from '../../src/content/vocabulary'

const profile = (consent: boolean) => ({
  name: '王芳',
  relation: 'mother',
  jurisdiction: 'jincheng',
  district: '城区',
  street: '东街道',
  community: '东街社区',
  hukou: { province: '河南省', city: '周口市', county: '郸城县' },
  movedInOn: '2025-05-01',
  residencePermit: true,
  consent: { accepted: consent, version: '2026-03' },
  language: 'zh-CN',
})

describe('offerChoices', () => {
  it('never one guess alone: a single guess brings its neighbours; nothing found stays empty; at most three', () => {
    expect(offerChoices({ service: 'none', alternatives: [{ service: 'disability_education' }] })).toEqual(['disability_education', 'compulsory_education', 'disability_rehab'])
    expect(offerChoices({ service: 'housing', alternatives: [] })).toEqual(['housing', 'temporary_assistance', 'minimum_living'])
    expect(offerChoices({ service: 'compulsory_education', alternatives: [{ service: 'medical_services' }] })).toEqual(['compulsory_education', 'medical_services'])
    expect(offerChoices({ service: 'none', alternatives: [] })).toEqual([])
    expect(offerChoices({ service: 'preschool', alternatives: [{ service: 'compulsory_education' }, { service: 'high_school' }, { service: 'child_health' }] })).toHaveLength(3)
    for (const k of SERVICE_KEYS) {
      expect(NEIGHBOURS[k].length).toBeGreaterThanOrEqual(1)
      expect(NEIGHBOURS[k]).not.toContain(k)
      expect(offerChoices({ service: k, alternatives: [] }).length).toBeGreaterThanOrEqual(2)
    }
  })
})

describeEachDb('needs: several referrals from one message; unsure answers wait for the parent', (h) => {
  let api: Api
  let mum: string, edu: string, civil: string

  const signIn = async (username: string) => (await api.call('POST', '/api/v1/staff/session', { body: { username, password: 'correct horse 1' } })).body.token as string
  const queueIds = async (token: string) => (await api.call('GET', '/api/v1/staff/queue', { token })).body.map((x: { id: number }) => x.id) as number[]

  beforeAll(async () => {
    const ctx = h.ctx()
    api = await startApi(ctx)
    await makeStaff(ctx, { username: 'edu', role: 'department', jurisdiction: 'jincheng', department: '市教育局' })
    await makeStaff(ctx, { username: 'civil', role: 'department', jurisdiction: 'jincheng', department: '市民政局' })
    edu = await signIn('edu')
    civil = await signIn('civil')
    mum = (await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:multi-need-mum' } })).body.token
    expect((await api.call('PUT', '/api/v1/me', { token: mum, body: profile(true) })).status).toBe(200)
  })
  afterAll(async () => {
    await api.close()
  })

  it('school and dibao in one message: one referral to each department, and the message says which got which', async () => {
    const r = await api.call('POST', '/api/v1/me/needs', { token: mum, body: { text: '孩子7岁想上小学，家里困难想办低保' } })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ service: 'minimum_living', departments: ['市民政局'], outcome: 'referred', ask: false, choices: [] })
    const [dibao, school] = r.body.referrals
    expect(r.body.referrals.map((x: { service: string; departments: string[] }) => [x.service, x.departments])).toEqual([
      ['minimum_living', ['市民政局']],
      ['compulsory_education', ['市教育局']],
    ])
    expect(r.body.ticketId).toBe(dibao.ticketId)
    expect(await queueIds(civil)).toContain(dibao.ticketId)
    expect(await queueIds(civil)).not.toContain(school.ticketId)
    expect(await queueIds(edu)).toContain(school.ticketId)
    expect(r.body.message).toMatch(/^您说的几件事，我们分别转给了负责的部门，他们会联系您：.+转给了市民政局；上小学.*转给了市教育局。$/)
    const en = await api.call('POST', '/api/v1/me/needs?lang=en', { token: mum, body: { text: 'my son is 7 and needs a primary school place, and we are poor and want to apply for dibao' } })
    expect(en.body.referrals).toHaveLength(2)
    expect(en.body.message).toMatch(/^We passed each of your requests to the office in charge\. They will contact you: .+ to .+; .+ to .+\.$/)
  })

  it('an unsure answer goes to no department: two or three choices; the pick is referred', async () => {
    const r = await api.call('POST', '/api/v1/me/needs', { token: mum, body: { text: '上学 看病' } })
    expect(r.body).toMatchObject({ ask: true, outcome: 'recorded', ticketId: null, referrals: [] })
    expect(r.body.choices.length).toBeGreaterThanOrEqual(2)
    expect(r.body.choices.length).toBeLessThanOrEqual(3)
    expect(r.body.choices).toContain('compulsory_education')
    expect((await api.call('GET', '/api/v1/me/needs', { token: mum })).body[0]).toMatchObject({ id: r.body.needId, status: 'recorded', ticketId: null })
    const before = await queueIds(edu)
    const picked = await api.call('POST', `/api/v1/me/needs/${r.body.needId}/choice`, { token: mum, body: { service: 'compulsory_education' } })
    expect(picked.body).toMatchObject({ outcome: 'referred', departments: ['市教育局'] })
    expect(before).not.toContain(picked.body.ticketId)
    expect(await queueIds(edu)).toContain(picked.body.ticketId)
  })

  it('without consent nothing is referred, for any of the needs', async () => {
    const dad = (await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:multi-need-noconsent' } })).body.token
    await api.call('PUT', '/api/v1/me', { token: dad, body: profile(false) })
    const r = await api.call('POST', '/api/v1/me/needs', { token: dad, body: { text: '孩子7岁想上小学，家里困难想办低保', jurisdiction: 'jincheng' } })
    expect(r.body.referrals).toEqual([])
    expect(r.body.ticketId).toBeNull()
  })
})
