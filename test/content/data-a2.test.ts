/**
 * The national, Inner Mongolia, Baotou and Shitai files against the documents. The tables below
 * are typed from the seed text (003_d8bea3880c963d4e.txt, 002_f05a05da91ad9e54.txt,
 * 004_e22b61304cd13616.txt): department cells as the lists print them (after joining cells split by
 * extraction), split by the rule in src/content/checklists/README.md (、 and ， separate; Inner
 * Mongolia writes the 自治区 prefix once for a run of entries, so it is put back on each).
 * Where the seeds are on disk, every official name, content, quote and hotline is also checked to
 * stand in the document word for word (whitespace aside).
 */
import { describe, it, expect } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { checklistFor, departmentsFor, getJurisdiction } from '../../src/content'

const splitCell = (cell: string, prefix = '') =>
  cell.split(/[、，,]/).map((s) => s.trim()).filter(Boolean).map((s) => (prefix && !s.startsWith(prefix) ? prefix + s : s))
const table = (rows: string, prefix = '') =>
  rows.trim().split('\n').map((line) => {
    const [no, service, cell] = line.split('|').map((s) => s.trim()) as [string, string, string]
    return { no: Number(no), service, departments: splitCell(cell, prefix) }
  })

// 流动儿童在居住地享有关爱服务基础清单工作索引: no numbers in the list; the 19 service projects in
// document order. A project's departments are those of all its content rows, in order.
const NATIONAL = table(`
1 | child_health | 国家卫生健康委、国家疾控局
2 | preschool | 教育部
3 | compulsory_education | 教育部
4 | high_school | 教育部
5 | vocational_education | 教育部、人力资源社会保障部
6 | medical_services | 国家卫生健康委
7 | medical_insurance | 国家医保局
8 | severe_mental_disorder | 国家卫生健康委、民政部
9 | housing | 住房城乡建设部
10 | basic_living | 民政部
11 | disability_rehab | 民政部、中国残联
12 | disability_education | 教育部、中国残联
13 | disability_rehab | 民政部
14 | minimum_living | 民政部
15 | temporary_assistance | 民政部
16 | family_education | 最高人民法院、最高人民检察院、教育部、公安部、全国妇联
17 | mental_health | 教育部、民政部、共青团中央
18 | cultural_life | 中央网信办、教育部、民政部、共青团中央、全国妇联、广电总局
19 | city_integration | 教育部、民政部、人力资源社会保障部、共青团中央、全国妇联
`)

// 内蒙古自治区流动儿童在居住地享有关爱服务基础清单 (附件 of the region's plan), cells as printed.
const INNER_MONGOLIA = table(`
1 | child_health | 自治区卫生健康委、疾控局
2 | preschool | 自治区教育厅
3 | compulsory_education | 自治区教育厅
4 | high_school | 自治区教育厅
5 | vocational_education | 自治区教育厅、人力资源和社会保障厅
6 | medical_services | 自治区卫生健康委
7 | medical_insurance | 自治区医保局
8 | severe_mental_disorder | 自治区卫生健康委、民政厅
9 | housing | 自治区住房城乡建设厅
10 | basic_living | 自治区民政厅
11 | guardianship_care | 自治区民政厅
12 | disability_rehab | 自治区民政厅，自治区残联
13 | disability_education | 自治区教育厅，自治区残联
14 | minimum_living | 自治区民政厅
15 | extreme_poverty | 自治区民政厅
16 | temporary_assistance | 自治区民政厅
17 | family_education | 自治区高级人民法院、人民检察院，自治区教育厅、公安厅，自治区妇联
18 | mental_health | 自治区民政厅、教育厅、卫生健康委
19 | cultural_life | 自治区党委网信办，自治区教育厅、民政厅、广电局，自治区团委、妇联
20 | safety_legal | 自治区高级人民法院、人民检察院，自治区司法厅、教育厅、公安厅、妇儿工委办公室
21 | city_integration | 自治区民政厅、人力资源和社会保障厅、住房城乡建设厅，自治区团委、妇联
`, '自治区')

// 包头市流动儿童在居住地享有关爱服务基础清单 (附件2). Item 21 lost its number cell in extraction.
const BAOTOU = table(`
1 | child_health | 市卫健委
2 | preschool | 市教育局
3 | compulsory_education | 市教育局
4 | high_school | 市教育局
5 | vocational_education | 市教育局、市人社局
6 | medical_services | 市卫健委
7 | medical_insurance | 市医保局
8 | severe_mental_disorder | 市卫健委、市民政局
9 | housing | 市住建局
10 | basic_living | 市民政局
11 | guardianship_care | 市民政局
12 | disability_rehab | 市民政局、市残联
13 | disability_education | 市教育局、市残联
14 | minimum_living | 市民政局
15 | extreme_poverty | 市民政局
16 | temporary_assistance | 市民政局
17 | home_visit | 市民政局
18 | cultural_life | 市民政局、团市委、市妇联
19 | guardianship_support | 市民政局、市中级人民法院、市人民检察院、市教育局、市公安局、市妇联
20 | family_education | 市中级人民法院、市人民检察院、市教育局、市公安局、市妇联
21 | mental_health | 市民政局、市教育局、市卫健委
22 | cultural_life | 市委网信办、市教育局、市民政局、市文旅局、团市委、市妇联
23 | safety_legal | 市中级人民法院、市人民检察院、市司法局、市教育局、市公安局、市妇儿工委办
24 | safety_legal | 市教育局、市公安局、市民政局、市妇儿工委办、团市委、市妇联
25 | city_integration | 市教育局、市民政局、市人社局、团市委、市妇联
`)

// 石台县流动儿童在居住地享有关爱服务基础清单. Blank cells of items 2, 5, 17 are merged with the row
// above (县卫健委, 县教体局, 县民政局). Item 21 breaks off after its target and is not served.
const SHITAI = table(`
1 | child_health | 县卫健委
2 | child_health | 县卫健委
3 | preschool | 县教体局
4 | compulsory_education | 县教体局
5 | high_school | 县教体局
6 | vocational_education | 县教体局、县人社局
7 | medical_services | 县卫健委
8 | medical_insurance | 县人社局
9 | severe_mental_disorder | 县卫健委、县民政局
10 | housing | 县住建局
11 | basic_living | 县民政局
12 | disability_rehab | 县民政局、县残联
13 | disability_education | 县教体局、县残联
14 | minimum_living | 县民政局
15 | extreme_poverty | 县民政局
16 | temporary_assistance | 县民政局
17 | guardianship_support | 县民政局
18 | family_education | 县法院、县检察院、县教体局、县公安局、县民政局、县妇联
19 | mental_health | 县民政局、县教体局、县卫健委、团县委
20 | cultural_life | 县委网信办、县教体局、县民政局、县文旅局、团县委、县妇联
`)

const FILES = { national: NATIONAL, 'inner-mongolia': INNER_MONGOLIA, baotou: BAOTOU, shitai: SHITAI } as const
const SEEDS: Record<keyof typeof FILES, string> = {
  national: '003_d8bea3880c963d4e.txt',
  'inner-mongolia': '002_f05a05da91ad9e54.txt',
  baotou: '002_f05a05da91ad9e54.txt',
  shitai: '004_e22b61304cd13616.txt',
}

describe('national, inner-mongolia, baotou, shitai: items against the documents', () => {
  it('has the item counts of the documents', () => {
    expect(checklistFor('national')).toHaveLength(19)
    expect(checklistFor('inner-mongolia')).toHaveLength(21)
    expect(checklistFor('baotou')).toHaveLength(25)
    expect(checklistFor('shitai')).toHaveLength(20)
  })

  for (const [id, rows] of Object.entries(FILES)) {
    it(`${id}: every item's number, departments and service key match the list`, () => {
      const items = checklistFor(id)
      expect(items.map((i) => i.no)).toEqual(rows.map((r) => r.no))
      for (const [k, row] of rows.entries()) {
        expect({ no: items[k]!.no, service: items[k]!.service, departments: items[k]!.departments }).toEqual(row)
      }
    })
  }

  it('gives a key the union of its items\u2019 departments, in list order', () => {
    expect(departmentsFor('baotou', 'safety_legal')).toEqual([
      '市中级人民法院', '市人民检察院', '市司法局', '市教育局', '市公安局', '市妇儿工委办', '市民政局', '团市委', '市妇联',
    ])
    expect(departmentsFor('baotou', 'cultural_life')).toEqual(['市民政局', '团市委', '市妇联', '市委网信办', '市教育局', '市文旅局'])
    expect(departmentsFor('inner-mongolia', 'child_health')).toEqual(['自治区卫生健康委', '自治区疾控局'])
    expect(departmentsFor('shitai', 'child_health')).toEqual(['县卫健委'])
    expect(departmentsFor('national', 'disability_rehab')).toEqual(['民政部', '中国残联'])
  })

  it('serves nothing it cannot read: Shitai item 21 is named as broken, city integration has no department', () => {
    const shitai = getJurisdiction('shitai')
    expect(shitai.items.some((i) => i.no === 21)).toBe(false)
    expect(shitai.notes.some((n) => /Item 21 is broken/.test(n))).toBe(true)
    expect(departmentsFor('shitai', 'city_integration')).toEqual([])
    expect(departmentsFor('national', 'safety_legal')).toEqual([])
  })

  it('hangs each list under its parent', () => {
    expect(getJurisdiction('national')).toMatchObject({ parent: null, level: 'national' })
    expect(getJurisdiction('inner-mongolia')).toMatchObject({ parent: 'national', level: 'province' })
    expect(getJurisdiction('baotou')).toMatchObject({ parent: 'inner-mongolia', level: 'city' })
    expect(getJurisdiction('shitai')).toMatchObject({ parent: 'national', level: 'county' })
    expect(getJurisdiction('shitai').notes.some((n) => n.includes('Anhui'))).toBe(true)
  })

  it('records the cadences the plans set, and none where the national list sets none', () => {
    const nat = getJurisdiction('national')
    expect(nat.keyCaseCadence.contactEveryDays).toBeUndefined()
    expect(nat.keyCaseCadence.visitEveryDays).toBeUndefined()
    expect(nat.refreshCadence.everyMonths).toBeUndefined()
    expect(nat.refreshCadence.plain['zh-CN']).toContain('没有规定')
    for (const id of ['inner-mongolia', 'baotou', 'shitai']) {
      const j = getJurisdiction(id)
      expect([j.keyCaseCadence.contactEveryDays, j.keyCaseCadence.visitEveryDays, j.refreshCadence.everyMonths]).toEqual([30, 90, 6])
    }
    expect(getJurisdiction('inner-mongolia').notes.some((n) => /green, yellow, orange or red/.test(n))).toBe(true)
  })

  it('names only the hotlines the plans name, and invents no directory entry', () => {
    const numbers = (id: string) => getJurisdiction(id).hotlines.map((h) => h.number)
    expect(numbers('national')).toEqual(['12355'])
    expect(numbers('inner-mongolia')).toEqual(['12338', '12355'])
    expect(numbers('baotou')).toEqual(['12338', '12355'])
    expect(numbers('shitai')).toEqual(['12355'])
    for (const id of Object.keys(FILES)) expect(getJurisdiction(id).directory).toEqual([])
  })
})

describe('plain language', () => {
  const jargon: Array<[RegExp, RegExp]> = [
    [/两项补贴/, /护理补贴/],
    [/跨省通办/, /传到|不用回老家/],
    [/两为主、两纳入/, /主要由你住的地方负责/],
    [/两免一补/, /免学费/],
    [/特困供养/, /没有生活来源/],
    [/一人一档/, /档案|每个人一份/],
    [/控辍保学/, /不让孩子中途不上学/],
    [/送教上门/, /老师上门/],
    [/随班就读/, /普通班/],
    [/普惠性幼儿园/, /收费比较低/],
    [/三级预警/, /分级/],
    [/一生一策/, /每人一份/],
    [/实物配租/, /政府提供/],
    [/事实无人抚养/, /养不了|没有能养他的人|没有能照顾他/],
    [/助童成长计划/, /帮扶项目/],
    [/营养改善计划/, /营养餐/],
    [/未保站/, /未成年人保护工作站/],
    [/一站式/, /一个地方办齐/],
    [/嘎查/, /牧区的村/],
    [/学籍/, /上学记录/],
    [/家庭医生/, /固定负责|想签家庭医生|签约家庭医生/],
    [/低保/, /政府每月补的钱|低保标准|低保条件|低保由|低保向|单独申请低保/],
  ]
  for (const id of Object.keys(FILES)) {
    it(`${id}: every item speaks both languages, with short summaries and no unexplained jargon`, () => {
      for (const item of checklistFor(id)) {
        const zh = item.plain['zh-CN']
        const en = item.plain.en
        expect((zh.summary.match(/[。！？]/g) ?? []).length, `${id} ${item.no} zh summary`).toBeLessThanOrEqual(2)
        expect((en.summary.replace(/e\.g\./g, 'eg').match(/[.!?](\s|$)/g) ?? []).length, `${id} ${item.no} en summary`).toBeLessThanOrEqual(2)
        for (const f of ['title', 'summary', 'whoQualifies', 'nextSteps'] as const) {
          expect(en[f], `${id} ${item.no} en ${f}`).toMatch(/[A-Za-z]{3}/)
          expect(zh[f], `${id} ${item.no} zh ${f}`).toMatch(/[\u4e00-\u9fff]/)
        }
        // the next step names the department the list makes responsible
        for (const d of item.departments) expect(zh.nextSteps, `${id} ${item.no}`).toContain(d)
        const text = [zh.title, zh.summary, zh.whoQualifies, zh.nextSteps].join('')
        for (const [term, explained] of jargon) {
          if (term.test(text)) expect(text, `${id} item ${item.no}: ${term} is not explained`).toMatch(explained)
        }
      }
    })
  }

  it('shows whole-family items once per family and child items per child', () => {
    for (const id of Object.keys(FILES)) {
      for (const item of checklistFor(id)) {
        const family = ['housing', 'family_education', 'city_integration', 'temporary_assistance', 'minimum_living', 'extreme_poverty'].includes(item.service)
        expect(item.appliesTo.scope, `${id} ${item.no}`).toBe(family ? 'family' : 'child')
      }
    }
    const kindergarten = checklistFor('baotou').find((i) => i.no === 2)!.appliesTo
    expect([kindergarten.minAge, kindergarten.maxAge]).toEqual([3, 6])
    expect(checklistFor('shitai').find((i) => i.no === 2)!.appliesTo.maxAge).toBe(3)
    expect(checklistFor('inner-mongolia').find((i) => i.no === 10)!.appliesTo.situations).toContain('hiv_affected')
    expect(checklistFor('national').find((i) => i.no === 10)!.appliesTo.situations).not.toContain('hiv_affected')
  })
})

const SEED_DIR = new URL('../../../shared/seeds', import.meta.url).pathname
const squash = (s: string) => s.replace(/\s+/g, '')
describe.skipIf(!existsSync(SEED_DIR))('the words stand in the documents', () => {
  for (const [id, seed] of Object.entries(SEEDS)) {
    it(`${id}: official names, contents and quoted sentences are the document's`, () => {
      const doc = squash(readFileSync(`${SEED_DIR}/${seed}`, 'utf8'))
      const j = getJurisdiction(id)
      for (const item of j.items) {
        expect(doc, `${id} ${item.no} name`).toContain(squash(item.name))
        expect(doc, `${id} ${item.no} target`).toContain(squash(item.target))
        // the national list writes each content row as its own sentence; the others use ；
        for (const part of item.content.split(/[。；]/).map(squash).filter(Boolean)) expect(doc, `${id} ${item.no} content`).toContain(part)
      }
      const quotes = [j.keyCaseCadence.source.quote, j.refreshCadence.source.quote, ...j.hotlines.map((h) => h.source.quote)]
      for (const q of quotes.filter((q): q is string => !!q)) for (const part of q.split(' / ')) expect(doc).toContain(squash(part))
      for (const h of j.hotlines) expect(h.source.quote).toContain(h.number)
    })
  }
})
