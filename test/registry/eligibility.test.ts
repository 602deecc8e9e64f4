import { describe, it, expect } from 'vitest'
import { eligibilityOf, type EligibilityFamily } from '../../src/domain/registry/eligibility'

const family = (o: Partial<EligibilityFamily> = {}): EligibilityFamily => ({
  jurisdictionId: 'jincheng',
  district: '泽州县',
  hukouProvince: '河南省',
  hukouCity: '新乡市',
  hukouCounty: '辉县',
  movedInOn: '2025-09-01',
  ...o,
})
const child = { birthDate: '2019-05-01' }

describe('eligibility: six months away from the registered county', () => {
  it('counts a child who has lived here exactly 6 months', () => {
    const e = eligibilityOf(child, family(), '2026-03-01', 'zh-CN')
    expect(e).toMatchObject({ eligible: true, code: 'eligible', sixMonthsOn: '2026-03-01' })
    expect(e.reason).toContain('2035-05-01')
  })
  it('does not count one day short, and says how long is left', () => {
    const e = eligibilityOf(child, family(), '2026-02-28', 'zh-CN')
    expect(e).toMatchObject({ eligible: false, code: 'not_yet_six_months' })
    expect(e.reason).toBe('还差1天满6个月，2026-03-01起符合条件。')
  })
  it('says "还差2个月满6个月" after four months, and the same in English', () => {
    expect(eligibilityOf(child, family(), '2026-01-01', 'zh-CN').reason).toBe('还差2个月满6个月，2026-03-01起符合条件。')
    expect(eligibilityOf(child, family(), '2026-01-01', 'en').reason).toBe('2 more months until 6 months here. Counts from 2026-03-01.')
    expect(eligibilityOf(child, family(), '2026-01-21', 'zh-CN').reason).toBe('还差1个月8天满6个月，2026-03-01起符合条件。')
  })
  it('counts a baby born here from its birth, not from the move', () => {
    const e = eligibilityOf({ birthDate: '2026-01-15' }, family({ movedInOn: '2020-01-01' }), '2026-05-01', 'zh-CN')
    expect(e).toMatchObject({ eligible: false, code: 'not_yet_six_months', sixMonthsOn: '2026-07-15' })
  })
})

describe('eligibility: under 16', () => {
  it('stops on the 16th birthday', () => {
    const e = eligibilityOf({ birthDate: '2010-05-01' }, family(), '2026-05-01', 'zh-CN')
    expect(e).toMatchObject({ eligible: false, code: 'too_old', turns16On: '2026-05-01' })
    expect(e.reason).toContain('今天满16岁')
    expect(eligibilityOf({ birthDate: '2010-05-01' }, family(), '2026-05-01', 'en').reason).toContain('Turns 16 today')
  })
  it('still counts the day before, saying when the child turns 16', () => {
    const e = eligibilityOf({ birthDate: '2010-05-01' }, family(), '2026-04-30', 'en')
    expect(e.eligible).toBe(true)
    expect(e.reason).toContain('turns 16 on 2026-05-01')
  })
  it('is past it after the birthday', () => {
    expect(eligibilityOf({ birthDate: '2008-05-01' }, family(), '2026-05-02', 'zh-CN')).toMatchObject({ eligible: false, code: 'too_old' })
  })
})

describe('eligibility: counties and central districts', () => {
  it('does not count a family registered in the county it lives in', () => {
    const e = eligibilityOf(child, family({ hukouProvince: '山西省', hukouCity: '晋城市', hukouCounty: '泽州县' }), '2026-06-01', 'zh-CN')
    expect(e).toMatchObject({ eligible: false, code: 'same_county' })
  })
  it('matches place names with or without their suffix (晋城 = 晋城市, 泽州 = 泽州县)', () => {
    expect(eligibilityOf(child, family({ hukouProvince: '山西', hukouCity: '晋城', hukouCounty: '泽州' }), '2026-06-01', 'zh-CN').code).toBe('same_county')
  })
  it('counts a move from another county of the same city', () => {
    const e = eligibilityOf(child, family({ hukouProvince: '山西省', hukouCity: '晋城市', hukouCounty: '陵川县' }), '2026-06-01', 'zh-CN')
    expect(e).toMatchObject({ eligible: true })
  })
  it('does not count a move between central districts of Changzhi (潞州区 → 上党区), also under the old name 郊区', () => {
    const f = family({ jurisdictionId: 'changzhi', district: '上党区', hukouProvince: '山西省', hukouCity: '长治市', hukouCounty: '潞州区' })
    expect(eligibilityOf(child, f, '2026-06-01', 'zh-CN')).toMatchObject({ eligible: false, code: 'central_districts' })
    expect(eligibilityOf(child, { ...f, hukouCounty: '郊区' }, '2026-06-01', 'zh-CN').code).toBe('central_districts')
  })
  it('counts a move from a county into the central district (陵川县 → 城区 in Jincheng)', () => {
    const f = family({ district: '城区', hukouProvince: '山西省', hukouCity: '晋城市', hukouCounty: '陵川县' })
    expect(eligibilityOf(child, f, '2026-06-01', 'zh-CN').eligible).toBe(true)
  })
  it('in Baotou, counts a move from 石拐区 (outside the central area) but not 东河区 → 青山区', () => {
    const f = family({ jurisdictionId: 'baotou', district: '青山区', hukouProvince: '内蒙古自治区', hukouCity: '包头市', hukouCounty: '石拐区' })
    expect(eligibilityOf(child, f, '2026-06-01', 'zh-CN').eligible).toBe(true)
    expect(eligibilityOf(child, { ...f, hukouCounty: '东河区' }, '2026-06-01', 'zh-CN').code).toBe('central_districts')
  })
  it('asks for the district when the family is registered in the same city and did not give one', () => {
    const e = eligibilityOf(child, family({ district: null, hukouProvince: '山西省', hukouCity: '晋城市', hukouCounty: '城区' }), '2026-06-01', 'zh-CN')
    expect(e).toMatchObject({ eligible: null, code: 'district_missing' })
    expect(e.reason).toContain('晋城市')
  })
})

describe('eligibility: a county-level jurisdiction (Shitai)', () => {
  const shitai = (county: string, city = '池州市') => family({ jurisdictionId: 'shitai', district: '仁里镇', hukouProvince: '安徽省', hukouCity: city, hukouCounty: county })
  it('does not count a family registered in Shitai itself', () => {
    expect(eligibilityOf(child, shitai('石台县'), '2026-06-01', 'zh-CN')).toMatchObject({ eligible: false, code: 'same_county' })
  })
  it('counts a move from another county of Chizhou, even its central district', () => {
    expect(eligibilityOf(child, shitai('贵池区'), '2026-06-01', 'zh-CN').eligible).toBe(true)
  })
})
