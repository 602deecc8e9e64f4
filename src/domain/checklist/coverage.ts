/**
 * Coverage check. The plans require a city's (or county's) list to cover at least its parent's base
 * list. For each jurisdiction with a parent list, this compares the two by service key and content:
 *   - lacks:   a parent item whose service key has no item in the child list;
 *   - narrows: a parent item whose content has clauses (split at ；/。) that no child item with the
 *              same key says in similar words (character-bigram overlap), listed one by one;
 *   - adds:    child items whose key the parent list does not have.
 * A fallback list (Changzhi) is reported as such: it serves its parent's items as they are.
 */
import type { ChecklistItem } from '../../content/checklist.schema'
import { checklistFor, getJurisdiction, jurisdictionIds, listSourceOf } from '../../content'

export interface CoverageGap {
  no: number
  name: string
  service: string
  /** The parent's clauses the child list does not say (narrows only). */
  missing?: string[]
  /** The child items compared (narrows only). */
  childNos?: number[]
}

export interface CoverageEntry {
  id: string
  name: string
  parent: string
  parentName: string
  /** Set when the jurisdiction serves another list instead of its own (e.g. Changzhi → shanxi). */
  servesListOf?: string
  parentItems: number
  childItems: number
  lacks: CoverageGap[]
  narrows: CoverageGap[]
  adds: Array<{ no: number; name: string; service: string }>
}

/** Clause similarity at or above this counts as "says the same". */
export const SAME_CLAUSE = 0.6

const normalise = (s: string) => s.replace(/[\s，、,：:“”"（）()《》]/g, '')
const clauses = (content: string) => content.split(/[；;。]/).map((c) => c.trim()).filter((c) => normalise(c).length > 0)

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>()
  for (let i = 0; i < s.length - 1; i++) {
    const b = s.slice(i, i + 2)
    m.set(b, (m.get(b) ?? 0) + 1)
  }
  return m
}

/** Share of the parent clause's bigrams found in the child text (0..1). */
export function clauseCoverage(parentClause: string, childText: string): number {
  const p = normalise(parentClause)
  const c = normalise(childText)
  if (!p) return 1
  if (c.includes(p)) return 1
  const pb = bigrams(p)
  const cb = bigrams(c)
  let total = 0
  let hit = 0
  for (const [b, n] of pb) {
    total += n
    hit += Math.min(n, cb.get(b) ?? 0)
  }
  return total ? hit / total : 1
}

function compare(parentItems: ChecklistItem[], childItems: ChecklistItem[]): Pick<CoverageEntry, 'lacks' | 'narrows' | 'adds'> {
  const lacks: CoverageGap[] = []
  const narrows: CoverageGap[] = []
  for (const p of parentItems) {
    const same = childItems.filter((c) => c.service === p.service)
    if (!same.length) {
      lacks.push({ no: p.no, name: p.name, service: p.service })
      continue
    }
    const childClauses = same.flatMap((c) => clauses(c.content))
    const missing = clauses(p.content).filter((pc) => !childClauses.some((cc) => clauseCoverage(pc, cc) >= SAME_CLAUSE))
    if (missing.length) narrows.push({ no: p.no, name: p.name, service: p.service, missing, childNos: same.map((c) => c.no) })
  }
  const parentKeys = new Set(parentItems.map((p) => p.service))
  const adds = childItems.filter((c) => !parentKeys.has(c.service)).map((c) => ({ no: c.no, name: c.name, service: c.service }))
  return { lacks, narrows, adds }
}

/** Every city and county with a parent list, compared with it. */
export function coverageReport(): CoverageEntry[] {
  const out: CoverageEntry[] = []
  for (const id of jurisdictionIds()) {
    const j = getJurisdiction(id)
    if (!j.parent || (j.level !== 'city' && j.level !== 'county')) continue
    const parent = getJurisdiction(j.parent)
    const parentItems = checklistFor(parent.id)
    const childItems = checklistFor(id)
    const source = listSourceOf(id)
    out.push({
      id,
      name: j.name['zh-CN'],
      parent: parent.id,
      parentName: parent.name['zh-CN'],
      ...(source !== id ? { servesListOf: source } : {}),
      parentItems: parentItems.length,
      childItems: childItems.length,
      ...compare(parentItems, childItems),
    })
  }
  return out
}

/** The report as the command prints it (operators' words; not shown to families). */
export function formatCoverage(report: CoverageEntry[]): string {
  const lines: string[] = []
  for (const e of report) {
    lines.push(`${e.id} (${e.name}) against ${e.parent} (${e.parentName}): ${e.childItems} items vs ${e.parentItems}`)
    if (e.servesListOf) lines.push(`  serves the list of ${e.servesListOf} (its own list is not published)`)
    lines.push(`  lacks: ${e.lacks.length ? '' : 'none'}`)
    for (const g of e.lacks) lines.push(`    ${e.parent} #${g.no} ${g.name} [${g.service}]`)
    lines.push(`  narrows: ${e.narrows.length ? '' : 'none'}`)
    for (const g of e.narrows) {
      lines.push(`    ${e.parent} #${g.no} ${g.name} [${g.service}] (compared with ${e.id} #${g.childNos!.join(', #')}); not said:`)
      for (const m of g.missing!) lines.push(`      - ${m}`)
    }
    if (e.adds.length) lines.push(`  adds: ${e.adds.map((a) => `#${a.no} ${a.name} [${a.service}]`).join('; ')}`)
  }
  return lines.join('\n')
}
