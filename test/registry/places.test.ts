/**
 * Families in places without a list of their own: a family in Taiyuan (Shanxi has a list, Taiyuan
 * none) or in Hefei (Anhui has none) registers, reads the province's or the national list with a
 * plain notice, its needs go to that list's departments, its key cases take that list's cadence,
 * and eligibility says "we cannot tell yet" where the city's central districts are unknown.
 */
import 'reflect-metadata'
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { departmentsFor, checklistFor } from '../../src/content'
import { isResidenceJurisdiction, placeChoices, placeSlug, resolvePlace } from '../../src/domain/registry/places'
import { provinceOfCapital, splitProvince } from '../../src/domain/registry/provinces'
import { eligibilityOf } from '../../src/domain/registry/eligibility'
import { addChild, readFamily, saveProfile } from '../../src/domain/registry/registry.service'
import { myChecklist } from '../../src/domain/checklist/my-checklist'
import { submitNeed } from '../../src/domain/needs/needs.service'
import { CONSENT_VERSION, ProfileSchema } from '../../src/domain/registry/registry.schemas'
import { profile, registerFamily } from './helpers'

describe('places without a list of their own', () => {
  it('resolves a province and a city in words to the place id the content loader serves', () => {
    expect(resolvePlace('shanxi', '太原')).toEqual({ servedBy: 'shanxi', placeId: 'shanxi.taiyuan', city: '太原' })
    expect(resolvePlace('shanxi', '太原市')).toEqual({ servedBy: 'shanxi', placeId: 'shanxi.taiyuan', city: '太原市' })
    expect(resolvePlace('shanxi.taiyuan', '太原')).toEqual({ servedBy: 'shanxi', placeId: 'shanxi.taiyuan', city: '太原' })
    expect(resolvePlace('anhui', '合肥')).toEqual({ servedBy: 'national', placeId: 'anhui.hefei', city: '合肥' })
    expect(resolvePlace('inner-mongolia', '呼和浩特')).toEqual({ servedBy: 'inner-mongolia', placeId: 'inner-mongolia.huhehaote', city: '呼和浩特' })
    // A city with its own file is that file.
    expect(resolvePlace('shanxi', '晋城')).toEqual({ servedBy: 'jincheng', placeId: null, city: null })
    expect(resolvePlace('jincheng')).toEqual({ servedBy: 'jincheng', placeId: null, city: null })
    // A municipality is its own city.
    expect(resolvePlace('beijing')).toEqual({ servedBy: 'national', placeId: 'beijing.beijing', city: '北京市' })
    // A province needs its city; the national list and unknown names are not places.
    expect(resolvePlace('shanxi')).toBeUndefined()
    expect(resolvePlace('national', '合肥')).toBeUndefined()
    expect(resolvePlace('atlantis', '合肥')).toBeUndefined()
    expect(isResidenceJurisdiction('anhui.hefei')).toBe(true)
    expect(placeSlug('吕梁市')).toBe('lvliang')
  })

  it('reads where a parent lives from the words a parent types', () => {
    expect(provinceOfCapital('太原')?.id).toBe('shanxi')
    expect(provinceOfCapital('合肥市')?.id).toBe('anhui')
    expect(provinceOfCapital('运城')).toBeUndefined()
    expect(splitProvince('山西运城')).toMatchObject({ province: { id: 'shanxi' }, rest: '运城' })
    expect(splitProvince('安徽省 六安市')).toMatchObject({ province: { id: 'anhui' }, rest: '六安市' })
    expect(splitProvince('内蒙古呼和浩特')).toMatchObject({ province: { id: 'inner-mongolia' }, rest: '呼和浩特' })
    expect(splitProvince('河南')).toMatchObject({ province: { id: 'henan' }, rest: '' })
    expect(splitProvince('运城')).toBeUndefined()
  })

  it('needs the city with a province, in plain words', () => {
    const r = ProfileSchema.safeParse({ ...profile(), jurisdiction: 'shanxi', city: '' })
    expect(r.success).toBe(false)
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['city', 'registry:validation.cityRequired']])
    expect(ProfileSchema.safeParse({ ...profile(), jurisdiction: 'shanxi', city: '太原' }).success).toBe(true)
  })

  it('lists what a family can choose: cities and counties with a list, and every province with the list it gets', () => {
    const places = placeChoices('zh-CN')
    expect(places.find((p) => p.id === 'jincheng')).toMatchObject({ ownList: true, servedBy: 'jincheng', level: 'city' })
    expect(places.find((p) => p.id === 'shanxi')).toMatchObject({ name: '山西省', ownList: false, servedBy: 'shanxi', level: 'province' })
    expect(places.find((p) => p.id === 'anhui')).toMatchObject({ name: '安徽省', ownList: false, servedBy: 'national' })
    expect(places.filter((p) => p.level === 'province')).toHaveLength(31)
    expect(places.some((p) => p.id === 'national')).toBe(false)
  })

  it('says "we cannot tell yet" for a move inside a city whose central districts are unknown, and decides the rest', () => {
    const taiyuan = { jurisdictionId: 'shanxi', placeId: 'shanxi.taiyuan', placeCity: '太原', movedInOn: '2024-01-01' }
    const child = { birthDate: '2018-05-01' }
    const today = '2026-03-02'
    const inside = eligibilityOf(child, { ...taiyuan, district: '迎泽区', hukouProvince: '山西省', hukouCity: '太原市', hukouCounty: '小店区' }, today, 'zh-CN')
    expect(inside).toMatchObject({ eligible: null, code: 'central_districts_unknown' })
    expect(inside.reason).toContain('太原')
    expect(eligibilityOf(child, { ...taiyuan, district: '小店区', hukouProvince: '山西省', hukouCity: '太原市', hukouCounty: '小店区' }, today, 'zh-CN')).toMatchObject({ eligible: false, code: 'same_county' })
    expect(eligibilityOf(child, { ...taiyuan, district: null, hukouProvince: '山西省', hukouCity: '太原市', hukouCounty: '小店区' }, today, 'zh-CN')).toMatchObject({ eligible: null, code: 'district_missing' })
    expect(eligibilityOf(child, { ...taiyuan, district: '迎泽区', hukouProvince: '河南省', hukouCity: '新乡市', hukouCounty: '辉县' }, today, 'zh-CN')).toMatchObject({ eligible: true, code: 'eligible' })
    // Registered in another city of the same province: a move across counties.
    expect(eligibilityOf(child, { ...taiyuan, district: '迎泽区', hukouProvince: '山西省', hukouCity: '吕梁市', hukouCounty: '离石区' }, today, 'zh-CN')).toMatchObject({ eligible: true })
    const hefei = { jurisdictionId: 'national', placeId: 'anhui.hefei', placeCity: '合肥', movedInOn: '2024-01-01', district: '蜀山区' }
    expect(eligibilityOf(child, { ...hefei, hukouProvince: '安徽省', hukouCity: '合肥市', hukouCounty: '包河区' }, today, 'en').reason).toContain('cannot tell yet')
    expect(eligibilityOf(child, { ...hefei, hukouProvince: '安徽省', hukouCity: '六安市', hukouCounty: '金安区' }, today, 'zh-CN')).toMatchObject({ eligible: true })
    // A county-level place named as the city, registered there: same county.
    expect(eligibilityOf(child, { jurisdictionId: 'shanxi', placeId: 'shanxi.gaoping', placeCity: '高平', movedInOn: '2024-01-01', district: null, hukouProvince: '山西省', hukouCity: '晋城市', hukouCounty: '高平市' }, today, 'zh-CN')).toMatchObject({ eligible: false, code: 'same_county' })
  })
})

describeEachDb('registry: families in places without their own list', (h) => {
  const taiyuan = { jurisdiction: 'shanxi', city: '太原', district: '迎泽区', hukou: { province: '河南省', city: '新乡市', county: '辉县' } }
  const hefei = { jurisdiction: 'anhui', city: '合肥', district: '蜀山区', hukou: { province: '河南省', city: '周口市', county: '郸城县' } }

  it('registers a family in Taiyuan: served by the Shanxi list, the place kept', async () => {
    const { family } = await registerFamily(h.ctx(), 'ty-mum', taiyuan)
    expect(family).toMatchObject({ jurisdiction: 'shanxi.taiyuan', city: '太原', servedBy: 'shanxi', district: '迎泽区' })
    // Saving again what GET /me returned keeps the same place.
    const again = await saveProfile(h.ctx(), family.guardians[0]!.identityId!, profile({ ...taiyuan, jurisdiction: family.jurisdiction, city: family.city }), 'zh-CN')
    expect(again).toMatchObject({ jurisdiction: 'shanxi.taiyuan', servedBy: 'shanxi' })
  })

  it('gives a Taiyuan family the Shanxi checklist and a Hefei family the national one, each with the plain notice', async () => {
    const ctx = h.ctx()
    const ty = await registerFamily(ctx, 'ty-dad', taiyuan)
    await addChild(ctx, ty.family.id, { name: '小明', sex: 'male', birthDate: '2021-06-01', schoolStage: 'kindergarten', situations: [] }, 'zh-CN')
    const tyList = await myChecklist(ctx, ty.identity.id, 'zh-CN')
    expect(tyList.jurisdiction).toEqual({ id: 'shanxi.taiyuan', name: '山西省' })
    expect(tyList.notice).toBe('您所在的地方还没有公布自己的清单，下面是山西省的清单。具体怎么办，可以问当地的社区或民政部门。')
    const shanxiNos = new Set(checklistFor('shanxi').map((i) => i.no))
    const shown = [...tyList.children[0]!.items, ...tyList.family]
    expect(shown.length).toBeGreaterThan(0)
    for (const item of shown) expect(shanxiNos.has(item.no)).toBe(true)
    expect(tyList.children[0]!.items.some((i) => i.service === 'preschool')).toBe(true)

    const hf = await registerFamily(ctx, 'hf-mum', hefei)
    expect(hf.family).toMatchObject({ jurisdiction: 'anhui.hefei', servedBy: 'national', city: '合肥' })
    const hfList = await myChecklist(ctx, hf.identity.id, 'en')
    expect(hfList.jurisdiction.id).toBe('anhui.hefei')
    expect(hfList.notice).toContain('National')
  })

  it('routes a Taiyuan family’s need to the Shanxi list’s departments', async () => {
    const ctx = h.ctx()
    const { identity, family } = await registerFamily(ctx, 'ty-need', taiyuan)
    const r = await submitNeed(ctx, { identityId: identity.id, familyId: family.id, text: '孩子3岁了想上幼儿园，我们是外地户口', channel: 'miniprogram', jurisdiction: 'jincheng' })
    expect(r.service).toBe('preschool')
    expect(r.departments.length).toBeGreaterThan(0)
    expect(r.departments).toEqual(departmentsFor('shanxi', 'preschool'))
    expect(r.departments).not.toEqual(departmentsFor('jincheng', 'preschool'))
  })

  it('opens key cases with the resolved list’s cadence (Shanxi’s; none set by the national list)', async () => {
    const ctx = h.ctx()
    const ty = await registerFamily(ctx, 'ty-kc', taiyuan)
    const a = await addChild(ctx, ty.family.id, { name: '小红', sex: 'female', birthDate: '2017-03-01', schoolStage: 'primary', situations: ['disability'] }, 'zh-CN')
    expect(a.keyCase).toMatchObject({ status: 'open', contactEveryDays: 30, visitEveryDays: 90 })
    const hf = await registerFamily(ctx, 'hf-kc', hefei)
    const b = await addChild(ctx, hf.family.id, { name: '小军', sex: 'male', birthDate: '2017-03-01', schoolStage: 'primary', situations: ['dibao_family'] }, 'zh-CN')
    expect(b.keyCase).toMatchObject({ status: 'open', contactEveryDays: null, visitEveryDays: null })
  })

  it('explains eligibility for a move inside Taiyuan as "we cannot tell yet"', async () => {
    const ctx = h.ctx()
    const { family } = await registerFamily(ctx, 'ty-local', { ...taiyuan, hukou: { province: '山西省', city: '太原市', county: '小店区' } })
    const c = await addChild(ctx, family.id, { name: '小亮', sex: 'male', birthDate: '2018-01-01', schoolStage: 'primary', situations: [] }, 'zh-CN')
    expect(c.eligibility).toMatchObject({ eligible: null, code: 'central_districts_unknown' })
    expect((await readFamily(ctx, family.id, 'en')).children[0]!.eligibility.reason).toContain('太原')
  })

  describe('through the API', () => {
    let api: Api
    beforeAll(async () => {
      api = await startApi(h.ctx())
    })
    afterAll(async () => {
      await api?.close()
    })
    const body = (o: Record<string, unknown>) => ({
      name: '李娜',
      relation: 'mother',
      movedInOn: '2024-05-01',
      residencePermit: false,
      consent: { accepted: true, version: CONSENT_VERSION },
      ...o,
    })

    it('lists the places a family can choose, without signing in', async () => {
      const r = await api.call('GET', '/api/v1/places?lang=en')
      expect(r.status).toBe(200)
      expect(r.body.places).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'anhui', name: 'Anhui', ownList: false, servedBy: 'national' })]))
    })

    it('registers a Hefei family and serves its checklist with the notice; a province without a city is a field error', async () => {
      const login = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:api-hefei' } })
      const token = login.body.token as string
      const bad = await api.call('PUT', '/api/v1/me', { token, body: body({ jurisdiction: 'anhui', hukou: hefei.hukou }) })
      expect(bad.status).toBe(400)
      expect(bad.body.error.fields).toEqual([{ path: 'city', message: '请写上您住在哪个市（或县），例如：太原。' }])

      const put = await api.call('PUT', '/api/v1/me', { token, body: body({ jurisdiction: 'anhui', city: '合肥', district: '蜀山区', hukou: hefei.hukou }) })
      expect(put.status).toBe(200)
      expect(put.body.family).toMatchObject({ jurisdiction: 'anhui.hefei', city: '合肥', servedBy: 'national' })
      const list = await api.call('GET', '/api/v1/me/checklist', { token })
      expect(list.status).toBe(200)
      expect(list.body.jurisdiction.id).toBe('anhui.hefei')
      expect(list.body.notice).toContain('全国')
    })
  })
})
