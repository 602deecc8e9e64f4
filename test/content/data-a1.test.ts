/**
 * The Shanxi, Jincheng and Changzhi files against the documents. The tables below are typed from
 * the seed text (000_ec42ac42236abd0b.txt, 001_7c7f287dece7d62f.txt): department cells as the
 * lists print them (after joining cells split by extraction), split by the rule in
 * src/content/checklists/README.md (、 separates; "A (B)" is A and B).
 */
import { describe, it, expect } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { checklistFor, departmentsFor, getJurisdiction, jurisdictionIds } from '../../src/content'
import { SERVICE_KEYS } from '../../src/content/vocabulary'

const splitCell = (cell: string) => cell.replace(/[（(]/g, '、').replace(/[）)]/g, '').split('、').map((s) => s.trim()).filter(Boolean)
const table = (rows: string) =>
  rows.trim().split('\n').map((line) => {
    const [no, service, cell] = line.split('|').map((s) => s.trim()) as [string, string, string]
    return { no: Number(no), service, departments: splitCell(cell) }
  })

// 附件：流动儿童在居住地享有关爱服务清单 (Shanxi). Item 1's cell prints "卫生健康委、省疾控局" (the 省 lost).
const SHANXI = table(`
1 | child_health | 省卫生健康委、省疾控局
2 | preschool | 省教育厅
3 | compulsory_education | 省教育厅
4 | high_school | 省教育厅
5 | vocational_education | 省教育厅、省人力资源和社会保障厅
6 | medical_services | 省卫生健康委、省疾控局
7 | medical_insurance | 省医保局
8 | severe_mental_disorder | 省卫生健康委、省民政厅
9 | housing | 省住房和城乡建设厅
10 | basic_living | 省民政厅
11 | guardianship_care | 省民政厅
12 | disability_rehab | 省民政厅、省残联
13 | disability_education | 省教育厅、省残联
14 | minimum_living | 省民政厅
15 | extreme_poverty | 省民政厅
16 | temporary_assistance | 省民政厅
17 | family_education | 省法院、省检察院、省教育厅、省公安厅、省妇联
18 | mental_health | 省民政厅、省教育厅、省卫生健康委
19 | cultural_life | 省民政厅、省教育厅、省广电局、团省委、省妇联
20 | city_integration | 省民政厅、省教育厅、省人力资源社会保障厅、团省委、省妇联
21 | school_integration | 省教育厅
22 | safety_legal | 省委网信办、省法院、省检察院、省教育厅、省公安厅、团省委、省民政厅
`)

// 流动儿童在晋城市享有关爱服务清单 (Jincheng)
const JINCHENG = table(`
1 | child_health | 市卫健委 (市疾控局)
2 | preschool | 市教育局
3 | compulsory_education | 市教育局
4 | high_school | 市教育局
5 | vocational_education | 市教育局、市人社局
6 | medical_services | 市卫健委 (市疾控局)
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
17 | charity_support | 市民政局
18 | family_education | 市中院、市检察院、市教育局、市公安局、市妇联
19 | mental_health | 市民政局、市教育局、市卫健委
20 | cultural_life | 市民政局、市教育局、市文旅局、团市委、市妇联、市融媒体中心
21 | city_integration | 市民政局、市教育局、市人社局、团市委、市妇联
22 | school_integration | 市教育局
23 | safety_legal | 市委网信办、市中院、市检察院、市教育局、市公安局、团市委、市民政局
`)

// Changzhi: the Shanxi list with the city-level body each clause of 长民发〔2025〕1号 names ("市、县区X" → 市X).
const CHANGZHI = table(`
1 | child_health | 市卫生健康委
2 | preschool | 市教育局
3 | compulsory_education | 市教育局
4 | high_school | 市教育局
5 | vocational_education | 市教育局
6 | medical_services | 市卫生健康委
7 | medical_insurance | 市医保局
8 | severe_mental_disorder | 市卫生健康委、市民政局
9 | housing | 市住房和城乡建设局
10 | basic_living | 市民政局
11 | guardianship_care | 市民政局
12 | disability_rehab | 市民政局、市残联
13 | disability_education | 市教育局、市残联
14 | minimum_living | 市民政局
15 | extreme_poverty | 市民政局
16 | temporary_assistance | 市民政局
17 | family_education | 市妇联、市教育局、市法院、市检察院、市公安局、市民政局
18 | mental_health | 市委政法委、市教育局、市民政局、市卫生健康委、团市委
19 | cultural_life | 市教育局、市民政局、市文化和旅游局、团市委、市妇联
20 | city_integration | 市发展改革委、市民政局、团市委、市妇联、市人力资源和社会保障局
21 | school_integration | 市教育局
22 | safety_legal | 市委网信办、市法院、市检察院、市教育局、市公安局、团市委
`)

/** The source documents sit in ../shared/seeds beside the repository (CI and the developers have them; a bare clone may not). */
const seedUrl = (f: string) => new URL(`../../../shared/seeds/${f}`, import.meta.url)
const haveSeeds = existsSync(seedUrl('000_ec42ac42236abd0b.txt'))
const seed0 = haveSeeds ? readFileSync(seedUrl('000_ec42ac42236abd0b.txt'), 'utf8') : ''
const seed1 = haveSeeds ? readFileSync(seedUrl('001_7c7f287dece7d62f.txt'), 'utf8') : ''
/** Whitespace removed; OCR's 〈〉 read as the （） they stand for. */
const squash = (s: string) => s.replace(/\s+/g, '').replace(/〈/g, '（').replace(/〉/g, '）')

describe.each([
  ['shanxi', SHANXI],
  ['jincheng', JINCHENG],
  ['changzhi', CHANGZHI],
])('%s against the document', (id, expected) => {
  const items = checklistFor(id)
  it('has the list\'s item count, numbered in order', () => {
    expect(items.map((i) => i.no)).toEqual(expected.map((e) => e.no))
  })
  it.each(expected.map((e) => [e.no, e] as const))('item %i: service key and departments', (_no, e) => {
    const item = items.find((i) => i.no === e.no)!
    expect(item.service).toBe(e.service)
    expect(item.departments).toEqual(e.departments)
  })
  it('has plain texts in both languages, short summaries, and no invented directory', () => {
    const j = getJurisdiction(id)
    expect(j.directory).toEqual([])
    for (const item of items)
      for (const lng of ['zh-CN', 'en'] as const) {
        const p = item.plain[lng]
        const sentences = p.summary.split(lng === 'en' ? /(?<=[.!?])\s+/ : /(?<=[。！？])/).filter((s) => s.trim())
        expect(sentences.length, `${id} ${item.no} ${lng} summary`).toBeLessThanOrEqual(2)
        expect(p.nextSteps.length).toBeGreaterThan(10)
      }
  })
})

describe.skipIf(!haveSeeds)('official wording', () => {
  it('keeps each item\'s official content as the document words it (cells joined, OCR fixes listed in the README)', () => {
    const fixes: Record<string, [string, string]> = { 'shanxi:3': ['免费提供教科书', '免收提供教科书'], 'jincheng:5': ['在校生的学费', '在校生物学费'] }
    for (const id of ['shanxi', 'jincheng']) {
      for (const item of getJurisdiction(id).items) {
        const fix = fixes[`${id}:${item.no}`]
        const content = fix ? item.content.replace(fix[0], fix[1]) : item.content
        // Every clause of the content appears in the extracted text (whitespace removed).
        for (const clause of content.split(/[；。]/).filter(Boolean)) expect(squash(seed0), `${id} ${item.no}: ${clause}`).toContain(squash(clause))
        expect(squash(seed0)).toContain(squash(item.name))
      }
    }
  })
  it('uses every service key at most as the lists do, and only known keys', () => {
    for (const id of ['shanxi', 'jincheng']) for (const item of getJurisdiction(id).items) expect(SERVICE_KEYS).toContain(item.service)
    expect(departmentsFor('jincheng', 'charity_support')).toEqual(['市民政局'])
    expect(departmentsFor('shanxi', 'charity_support')).toEqual([])
  })
})

describe('changzhi', () => {
  it('serves the Shanxi list and says so plainly', () => {
    const j = getJurisdiction('changzhi')
    expect(j.list.kind).toBe('fallback')
    if (j.list.kind !== 'fallback') return
    expect(j.list.from).toBe('shanxi')
    expect(j.list.notice['zh-CN']).toBe('长治市清单原文未公开，以下依据山西省清单。')
    expect(checklistFor('changzhi').map((i) => i.name)).toEqual(checklistFor('shanxi').map((i) => i.name))
  })
  it.skipIf(!haveSeeds)('names only departments its plan names', () => {
    const text = squash(seed1)
    for (const d of new Set(CHANGZHI.flatMap((e) => e.departments))) {
      const body = d.replace(/^市/, '').replace(/^团市委$/, '团委')
      expect(text, d).toContain(body)
    }
  })
})

describe.skipIf(!haveSeeds)('cadences and hotlines, each with its sentence', () => {
  it.each([
    ['shanxi', 30, 90, seed0],
    ['jincheng', 30, 90, seed0],
    ['changzhi', 90, 180, seed1],
  ] as const)('%s: contact every %i days, visit every %i days', (id, contact, visit, seed) => {
    const j = getJurisdiction(id)
    expect(j.keyCaseCadence.contactEveryDays).toBe(contact)
    expect(j.keyCaseCadence.visitEveryDays).toBe(visit)
    expect(j.refreshCadence.everyMonths).toBe(6)
    for (const quote of [j.keyCaseCadence.source.quote, j.refreshCadence.source.quote, ...j.hotlines.map((h) => h.source.quote)]) {
      expect(quote).toBeTruthy()
      expect(squash(seed)).toContain(squash(quote!))
    }
    expect(j.hotlines.map((h) => h.number)).toEqual(['12355'])
  })
})

describe('the README', () => {
  it('keeps the heading for the other four files', () => {
    const readme = readFileSync(new URL('../../src/content/checklists/README.md', import.meta.url), 'utf8')
    expect(readme).toContain('## national, inner-mongolia, baotou, shitai')
    expect(readme).toContain('## shanxi, jincheng, changzhi')
  })
  it('loads every file', () => {
    expect(jurisdictionIds()).toEqual(expect.arrayContaining(['shanxi', 'jincheng', 'changzhi']))
  })
})

describe('every jurisdiction', () => {
  // Counted from the seeds: national 19 service rows (003, no item numbers); Shitai's table breaks off
  // inside item 21 (004), leaving 20 complete items.
  it.each([
    ['national', 19],
    ['shanxi', 22],
    ['jincheng', 23],
    ['changzhi', 22],
    ['inner-mongolia', 21],
    ['baotou', 25],
    ['shitai', 20],
  ] as const)('%s serves %i items', (id, n) => {
    expect(checklistFor(id)).toHaveLength(n)
  })
})

describe('policy words are explained', () => {
  const zh = (id: string, service: string) => {
    const p = checklistFor(id).find((i) => i.service === service)!.plain
    return { zh: Object.values(p['zh-CN']).join(' '), en: Object.values(p.en).join(' ') }
  }
  it.each([
    ['compulsory_education', '两为主、两纳入', /主要由现在住的地方负责/, /mainly responsible/],
    ['basic_living', '跨省通办', /在住的地方交材料，由老家审核/, /hand in papers here and your home town checks them/],
    ['disability_rehab', '两项补贴', /困难残疾人生活补贴和重度残疾人护理补贴/, /living subsidy .* and a care subsidy/],
    ['extreme_poverty', '特困供养', /没有劳动能力、没有收入、也没有人能养活/, /cannot work, have no income and no one who can support them/],
    ['minimum_living', '低保', /政府每月给生活困难家庭的钱/, /money the government pays each month/],
  ])('%s: %s', (service, word, zhExplained, enExplained) => {
    for (const id of ['shanxi', 'jincheng']) {
      const t = zh(id, service)
      expect(t.zh).toContain(word)
      expect(t.zh).toMatch(zhExplained)
      expect(t.en).toMatch(enExplained)
    }
  })
  it('the key-case cadence explains 一人一档', () => {
    for (const id of ['shanxi', 'jincheng', 'changzhi']) expect(getJurisdiction(id).keyCaseCadence.plain['zh-CN']).toMatch(/一人一档.*每个孩子单独建一份档案/)
  })
})
