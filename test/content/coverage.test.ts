import { describe, it, expect } from 'vitest'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { coverageReport, formatCoverage, clauseCoverage, SAME_CLAUSE } from '../../src/domain/checklist/coverage'
import { checklistFor } from '../../src/content'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const report = coverageReport()
const entry = (id: string) => report.find((e) => e.id === id)!

describe('coverage of the parent list', () => {
  it('compares every city and county with its parent', () => {
    expect(entry('jincheng').parent).toBe('shanxi')
    expect(entry('changzhi').parent).toBe('shanxi')
    expect(entry('baotou').parent).toBe('inner-mongolia')
    expect(report.map((e) => e.id)).not.toContain('shanxi')
  })

  it('Jincheng keeps every Shanxi service but narrows dibao and extreme-poverty support to help applying at home', () => {
    const j = entry('jincheng')
    expect(j.lacks).toEqual([])
    expect(j.narrows.map((n) => n.no)).toEqual([14, 15])
    expect(j.narrows[0]!.missing).toEqual(['对符合条件的流动儿童家庭纳入最低生活保障范围，对获得最低生活保障金后生活仍有困难的儿童采取必要措施给予生活保障'])
    expect(j.narrows[1]!.missing).toEqual(['提供基本生活条件，对生活不能自理的给予照料', '提供疾病治疗服务'])
    expect(j.adds).toEqual([{ no: 17, name: '关爱帮扶服务', service: 'charity_support' }])
  })

  it('Changzhi serves the Shanxi list itself: nothing lacking or narrowed', () => {
    const c = entry('changzhi')
    expect(c.servesListOf).toBe('shanxi')
    expect(c.lacks).toEqual([])
    expect(c.narrows).toEqual([])
  })

  it('what Baotou is said to lack is really absent from its list, and everything else is there', () => {
    const b = entry('baotou')
    const keys = new Set(checklistFor('baotou').map((i) => i.service))
    for (const g of b.lacks) expect(keys.has(g.service as never)).toBe(false)
    const lacking = new Set(b.lacks.map((g) => g.service))
    for (const p of checklistFor('inner-mongolia')) if (!lacking.has(p.service)) expect(keys.has(p.service)).toBe(true)
  })

  it('reads clauses by their words, not their punctuation', () => {
    expect(clauseCoverage('为儿童提供健康安全的网络环境', '为儿童提供健康安全的网络环境。')).toBe(1)
    expect(clauseCoverage('通过实物配租公共租赁住房或者发放租赁补贴', '通过实物配租、公共租赁住房或者发放租赁补贴等方式')).toBe(1)
    expect(clauseCoverage('提供疾病治疗服务', '协助流动儿童向户籍地申请特困救助供养')).toBeLessThan(SAME_CLAUSE)
  })

  it('the command prints the report', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/coverage-checklists.ts'], { cwd: ROOT, encoding: 'utf8' })
    expect(out.trimEnd()).toBe(formatCoverage(report))
    expect(out).toContain('jincheng (晋城市) against shanxi (山西省): 23 items vs 22')
    expect(out).toContain('shanxi #14 最低生活保障服务 [minimum_living]')
  }, 30_000)
})
