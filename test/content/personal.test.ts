import { describe, it, expect } from 'vitest'
import { personalChecklist, ageOn, checklistView, itemView, type FamilyForChecklist } from '../../src/domain/checklist/checklist.service'
import { checklistFor } from '../../src/content'

const TODAY = '2026-03-02'
const one = (child: FamilyForChecklist['children'][number], jurisdiction = 'jincheng', lang = 'zh-CN', situations: FamilyForChecklist['situations'] = []) =>
  personalChecklist({ jurisdiction, situations, children: [child] }, TODAY, lang)
const services = (c: { items: Array<{ service: string }> }) => c.items.map((i) => i.service)

describe('age', () => {
  it('counts whole years, birthday included', () => {
    expect(ageOn('2022-03-02', TODAY)).toBe(4)
    expect(ageOn('2022-03-03', TODAY)).toBe(3)
    expect(ageOn('2026-01-01', TODAY)).toBe(0)
    expect(() => ageOn('2027-01-01', TODAY)).toThrow(/future/)
    expect(() => ageOn('2020-02-30', TODAY)).toThrow()
  })
})

describe('personalised checklist per child', () => {
  it('a baby (0) sees check-ups and vaccines, doctors and insurance, nothing for school', () => {
    const c = one({ birthDate: '2025-10-01' }).children[0]!
    expect(c.age).toBe(0)
    expect(services(c)).toEqual(['child_health', 'medical_services', 'medical_insurance'])
    expect(c.items[0]!.reason).toBe('因为孩子还不满1岁，可以用这项服务。')
  })

  it('a 2-year-old sees day care and check-ups, not kindergarten yet', () => {
    const c = one({ birthDate: '2023-06-01' }).children[0]!
    expect(services(c)).toContain('child_health')
    expect(services(c)).not.toContain('preschool')
    expect(c.items[0]!.reason).toBe('因为孩子2岁，可以用这项服务。')
  })

  it('a 4-year-old sees kindergarten, not school or the gaokao, with the reason in plain words', () => {
    const c = one({ birthDate: '2021-09-01' }).children[0]!
    expect(c.age).toBe(4)
    expect(services(c)).toEqual(expect.arrayContaining(['child_health', 'preschool', 'medical_services']))
    expect(services(c)).not.toContain('compulsory_education')
    expect(services(c)).not.toContain('high_school')
    expect(services(c)).not.toContain('disability_rehab')
    expect(c.items.find((i) => i.service === 'preschool')!.reason).toBe('因为孩子4岁，可以用这项服务。')
    const en = one({ birthDate: '2021-09-01' }, 'jincheng', 'en').children[0]!
    expect(en.items.find((i) => i.service === 'preschool')!.reason).toBe('Because your child is 4, they can use this.')
  })

  it('a 7-year-old in primary school sees school, not kindergarten or baby check-ups', () => {
    const c = one({ birthDate: '2018-09-01', schoolStage: 'primary' }).children[0]!
    expect(services(c)).toEqual(expect.arrayContaining(['compulsory_education', 'school_integration']))
    expect(services(c)).not.toContain('preschool')
    expect(services(c)).not.toContain('child_health')
    expect(c.items.find((i) => i.service === 'compulsory_education')!.reason).toBe('因为孩子在上小学，可以用这项服务。')
  })

  it('a 7-year-old not in school still sees school enrolment', () => {
    const c = one({ birthDate: '2018-09-01', schoolStage: 'none' }).children[0]!
    expect(services(c)).toContain('compulsory_education')
    expect(c.items.find((i) => i.service === 'compulsory_education')!.reason).toBe('因为孩子7岁，可以用这项服务。')
  })

  it('a 13-year-old sees junior school and the zhongkao, not senior high', () => {
    const c = one({ birthDate: '2012-09-01' }).children[0]!
    expect(services(c)).toContain('compulsory_education')
    expect(c.items.find((i) => i.service === 'compulsory_education')!.official.content).toContain('中考')
    expect(services(c)).not.toContain('high_school')
    expect(services(c)).not.toContain('vocational_education')
  })

  it('a 15-year-old in senior high sees high school and the gaokao, not compulsory school', () => {
    const c = one({ birthDate: '2010-09-01', schoolStage: 'senior' }).children[0]!
    expect(services(c)).toContain('high_school')
    expect(services(c)).not.toContain('compulsory_education')
    expect(services(c)).not.toContain('vocational_education')
    const atVocational = one({ birthDate: '2010-09-01', schoolStage: 'vocational' }).children[0]!
    expect(services(atVocational)).toContain('vocational_education')
    expect(services(atVocational)).not.toContain('high_school')
  })

  it('a 16-year-old is past the plans\' definition: a plain note, no items', () => {
    const c = one({ birthDate: '2009-09-01', schoolStage: 'senior' }).children[0]!
    expect(c.age).toBe(16)
    expect(c.items).toEqual([])
    expect(c.note).toContain('不满16岁')
  })

  it('a disabled child sees rehabilitation, the two subsidies and school support, with the reason', () => {
    const c = one({ birthDate: '2017-05-01', schoolStage: 'primary', situations: ['disability'] }).children[0]!
    expect(services(c)).toEqual(expect.arrayContaining(['disability_rehab', 'disability_education']))
    expect(c.items.find((i) => i.service === 'disability_rehab')!.reason).toBe('因为孩子有残疾，可以用这项服务。')
    const notDisabled = one({ birthDate: '2017-05-01', schoolStage: 'primary' }).children[0]!
    expect(services(notDisabled)).not.toContain('disability_rehab')
  })

  it('an orphan sees the living allowance and guardianship care', () => {
    const c = one({ birthDate: '2017-05-01', situations: ['orphan'] }).children[0]!
    expect(services(c)).toEqual(expect.arrayContaining(['basic_living', 'guardianship_care']))
  })
})

describe('whole-family items', () => {
  const family: FamilyForChecklist = {
    jurisdiction: 'jincheng',
    situations: ['dibao_family'],
    children: [{ birthDate: '2021-09-01' }, { birthDate: '2012-09-01' }],
  }
  it('appear once, not per child; dibao shows for a dibao family with the reason', () => {
    const r = personalChecklist(family, TODAY, 'zh-CN')
    const fam = r.family.map((i) => i.service)
    expect(fam).toEqual(['minimum_living', 'temporary_assistance', 'charity_support', 'family_education', 'city_integration'])
    expect(r.family[0]!.reason).toBe('因为家里领低保，可以用这项服务。')
    for (const c of r.children) for (const s of fam) expect(services(c)).not.toContain(s)
    expect(r.family.filter((i) => i.service === 'family_education')).toHaveLength(1)
  })
  it('a family without dibao or housing difficulty does not see them', () => {
    const r = personalChecklist({ ...family, situations: [] }, TODAY, 'zh-CN')
    expect(r.family.map((i) => i.service)).toEqual(['temporary_assistance', 'family_education', 'city_integration'])
  })
  it('a child\'s housing difficulty brings the housing item to the family', () => {
    const r = personalChecklist({ jurisdiction: 'shanxi', children: [{ birthDate: '2015-01-01', situations: ['housing_difficulty'] }] }, TODAY, 'en')
    expect(r.family.map((i) => i.service)).toContain('housing')
    expect(r.family.find((i) => i.service === 'housing')!.reason).toBe('Because your family has housing difficulties, you can use this.')
  })
})

describe('places and departments', () => {
  it('Changzhi families read the Shanxi list with Changzhi departments and the notice', () => {
    const r = personalChecklist({ jurisdiction: 'changzhi', children: [{ birthDate: '2021-09-01' }] }, TODAY, 'zh-CN')
    expect(r.notice).toBe('长治市清单原文未公开，以下依据山西省清单。')
    const pre = r.children[0]!.items.find((i) => i.service === 'preschool')!
    expect(pre.departments).toEqual(['市教育局'])
    expect(pre.nextSteps).toContain('清单写明的负责部门：市教育局。')
  })
  it('a city without a file gets its province list, said plainly', () => {
    const v = checklistView('shanxi.taiyuan', 'zh-CN')
    expect(v.notice).toBe('您所在的地方还没有公布自己的清单，下面是山西省的清单。具体怎么办，可以问当地的社区或民政部门。')
    expect(v.items).toHaveLength(22)
  })
  it('an unknown place is not found', () => {
    expect(() => checklistView('atlantis', 'zh-CN')).toThrow(expect.objectContaining({ code: 'not_found' }))
    expect(() => personalChecklist({ jurisdiction: 'atlantis', children: [] }, TODAY, 'zh-CN')).toThrow(expect.objectContaining({ code: 'not_found' }))
  })
  it('an item view carries the official wording and the list\'s departments, in either language', () => {
    const item = checklistFor('jincheng').find((i) => i.no === 1)!
    const en = itemView('jincheng', item, 'en')
    expect(en).toMatchObject({ no: 1, category: '幼有所育', service: 'child_health', departments: ['市卫健委', '市疾控局'], official: { name: '健康和托育（3岁以下）服务', target: '0-6岁流动儿童' } })
    expect(en.title).toBe('Check-ups, vaccines and day care for young children')
    expect(en.nextSteps).toMatch(/Responsible department\(s\) named in the list: 市卫健委, 市疾控局\.$/)
    expect(en.official.source).toMatch(/item 1$/)
    expect(itemView('jincheng', item, 'fr').title).toBe('孩子体检、打疫苗、托育')
  })
})

describe('every jurisdiction in both languages', () => {
  it('renders every item with its texts (no raw i18n keys) and personalises', async () => {
    const { jurisdictionIds } = await import('../../src/content')
    for (const id of jurisdictionIds())
      for (const lang of ['zh-CN', 'en']) {
        const v = checklistView(id, lang)
        expect(v.items.length).toBeGreaterThan(0)
        for (const i of v.items) for (const f of [i.title, i.summary, i.whoQualifies, i.nextSteps]) expect(f, `${id} ${i.no}`).not.toMatch(/^checklist-/)
        const r = personalChecklist({ jurisdiction: id, situations: ['dibao_family'], children: [{ birthDate: '2021-09-01' }, { birthDate: '2012-09-01', situations: ['disability'] }] }, TODAY, lang)
        expect(services(r.children[0]!)).not.toContain('high_school')
        expect(r.family.length).toBeGreaterThan(0)
      }
  })
})
