/**
 * Loads and validates every jurisdiction file in src/content/checklists/ (once, cached).
 * A broken file stops the start with the file, item and field named.
 *
 * Public API used by the domain:
 *   jurisdictionIds(), getJurisdiction(id), checklistFor(id) (items actually served, fallback
 *   resolved, department overrides applied), departmentsFor(id, service) (union in list order),
 *   resolveJurisdiction(ref) (a place without a file of its own → the nearest list, with a notice),
 *   checklistNamespace(id) (the i18next namespace holding a list's plain-language texts).
 *
 * Plain-language texts reach families through i18next: at load, each jurisdiction's texts are
 * registered as the resource bundle `checklist-<id>` (items.<no>.title …, notice, cadence, refresh,
 * hotlines.<n>) in every language, and rendered with `t()`.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { JurisdictionFile, type ChecklistItem } from './checklist.schema'
import { SERVICE_KEYS, type ServiceKey } from './vocabulary'
import { AppError } from '../shared/errors'
import { i18n, LANGUAGES } from '../shared/i18n'

export const CHECKLISTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'checklists')

export class ContentError extends Error {
  override name = 'ContentError'
}

let cache: Map<string, JurisdictionFile> | undefined

/** "item 12 field plain.en.title" for a zod path inside a file. */
function describePath(raw: unknown, path: ReadonlyArray<PropertyKey>): string {
  if (path[0] === 'items' && typeof path[1] === 'number') {
    const no = (raw as { items?: Array<{ no?: unknown }> }).items?.[path[1]]?.no
    const field = path.slice(2).map(String).join('.')
    return `item ${typeof no === 'number' || typeof no === 'string' ? String(no) : `#${path[1] + 1}`} field ${field || '(the item itself)'}`
  }
  return `field ${path.map(String).join('.') || '(the file itself)'}`
}

/** Parses one file; throws ContentError naming file, item and field (every problem, one a line). */
export function parseJurisdictionFile(file: string, raw: unknown): JurisdictionFile {
  const r = JurisdictionFile.safeParse(raw)
  if (!r.success) {
    const lines = r.error.issues.slice(0, 10).map((issue) => `${file}: ${describePath(raw, issue.path)}: ${issue.message}`)
    if (r.error.issues.length > 10) lines.push(`${file}: … and ${r.error.issues.length - 10} more`)
    throw new ContentError(lines.join('\n'))
  }
  const j = r.data
  const seen = new Set<number>()
  for (const item of j.items) {
    if (seen.has(item.no)) throw new ContentError(`${file}: item ${item.no} field no: the number is used twice`)
    seen.add(item.no)
    const { minAge, maxAge } = item.appliesTo
    if (minAge !== undefined && maxAge !== undefined && minAge > maxAge) throw new ContentError(`${file}: item ${item.no} field appliesTo.minAge: greater than maxAge`)
  }
  if (j.list.kind === 'fallback' && j.items.length) throw new ContentError(`${file}: field items: a fallback list has no items of its own`)
  if (j.list.kind === 'own' && !j.items.length) throw new ContentError(`${file}: field items: an own list needs at least one item`)
  return j
}

/** Reads and checks every file of a folder, including the links between files. */
export function loadContent(dir = CHECKLISTS_DIR): Map<string, JurisdictionFile> {
  const map = new Map<string, JurisdictionFile>()
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    let raw: unknown
    try {
      raw = JSON.parse(readFileSync(join(dir, f), 'utf8'))
    } catch (e) {
      throw new ContentError(`${f}: not valid JSON: ${(e as Error).message}`)
    }
    const j = parseJurisdictionFile(f, raw)
    if (`${j.id}.json` !== f) throw new ContentError(`${f}: field id: "${j.id}" does not match the file name`)
    map.set(j.id, j)
  }
  for (const j of map.values()) {
    if (j.parent && !map.has(j.parent)) throw new ContentError(`${j.id}.json: field parent: "${j.parent}" has no file`)
    if (j.list.kind === 'fallback') {
      const from = map.get(j.list.from)
      if (!from) throw new ContentError(`${j.id}.json: field list.from: "${j.list.from}" has no file`)
      if (from.list.kind !== 'own') throw new ContentError(`${j.id}.json: field list.from: "${j.list.from}" has no list of its own`)
      const nos = new Set(from.items.map((i) => String(i.no)))
      for (const key of Object.keys(j.list.departmentOverrides)) {
        if (!nos.has(key) && !(SERVICE_KEYS as readonly string[]).includes(key)) {
          throw new ContentError(`${j.id}.json: field list.departmentOverrides.${key}: neither an item number of ${from.id} nor a service key`)
        }
      }
    }
    // A parent chain must end (no cycles).
    const chain = new Set<string>([j.id])
    for (let p = j.parent; p; p = map.get(p)?.parent ?? null) {
      if (chain.has(p)) throw new ContentError(`${j.id}.json: field parent: the parent chain loops through "${p}"`)
      chain.add(p)
    }
  }
  return map
}

/** The i18next namespace holding a list's plain-language texts. */
export const checklistNamespace = (id: string): string => `checklist-${id}`

/** Registers each jurisdiction's texts with i18next, one namespace per jurisdiction. */
export function registerTexts(map: Map<string, JurisdictionFile>): void {
  const inst = i18n()
  for (const j of map.values()) {
    for (const lng of LANGUAGES) {
      const items: Record<string, unknown> = {}
      for (const item of j.items) {
        const p = item.plain[lng]
        items[String(item.no)] = { title: p.title, summary: p.summary, whoQualifies: p.whoQualifies, nextSteps: p.nextSteps, documents: p.documents }
      }
      const bundle: Record<string, unknown> = {
        name: j.name[lng],
        items,
        cadence: j.keyCaseCadence.plain[lng],
        refresh: j.refreshCadence.plain[lng],
        hotlines: Object.fromEntries(j.hotlines.map((h, i) => [String(i), h.name[lng]])),
      }
      if (j.list.kind === 'fallback') bundle.notice = j.list.notice[lng]
      inst.addResourceBundle(lng, checklistNamespace(j.id), bundle, true, true)
    }
  }
}

function content(): Map<string, JurisdictionFile> {
  if (!cache) {
    const loaded = loadContent()
    registerTexts(loaded)
    cache = loaded
  }
  return cache
}

/** Loads, validates and registers every file now (called while the API is built, so a broken file stops the start). */
export function loadChecklists(): number {
  return content().size
}

/**
 * Replaces the loaded content with another folder's (validated and registered first; on error the
 * current content stays). For tests and for a deployment that reloads its files.
 */
export function reloadContent(dir = CHECKLISTS_DIR): number {
  const loaded = loadContent(dir)
  registerTexts(loaded)
  cache = loaded
  return loaded.size
}

export function jurisdictionIds(): string[] {
  return [...content().keys()]
}

export function hasJurisdiction(id: string): boolean {
  return content().has(id)
}

export function getJurisdiction(id: string): JurisdictionFile {
  const j = content().get(id)
  if (!j) throw new AppError('not_found', `unknown jurisdiction ${id}`)
  return j
}

/** The items served for a jurisdiction: its own list, or the fallback list with its department overrides. */
export function checklistFor(id: string): ChecklistItem[] {
  const j = getJurisdiction(id)
  if (j.list.kind === 'own') return j.items
  const overrides = j.list.departmentOverrides
  return checklistFor(j.list.from).map((item) => {
    const own = overrides[String(item.no)] ?? overrides[item.service]
    return own ? { ...item, departments: own } : item
  })
}

/** Id of the file whose items (and plain texts) a jurisdiction serves: itself, or its fallback's. */
export function listSourceOf(id: string): string {
  const j = getJurisdiction(id)
  return j.list.kind === 'own' ? j.id : listSourceOf(j.list.from)
}

/** Responsible departments for a service in a jurisdiction: union over its items, in list order; [] where the list has none. */
export function departmentsFor(id: string, service: ServiceKey): string[] {
  const out: string[] = []
  for (const item of checklistFor(id)) if (item.service === service) for (const d of item.departments) if (!out.includes(d)) out.push(d)
  return out
}

export interface ResolvedJurisdiction {
  /** The id asked for (`jincheng`, `shanxi.taiyuan`). */
  asked: string
  /** The file served: the place itself or its nearest ancestor with a file. */
  id: string
  /** The file whose items are shown (differs from `id` for a fallback list such as Changzhi's). */
  listFrom: string
  /** Why the family sees another place's list: its own file's notice, or "no list of its own". */
  notice?: { kind: 'fallback'; from: string } | { kind: 'noOwnList'; servedId: string }
}

/**
 * Where a family's checklist comes from. An id with a file is served as itself (a fallback file
 * such as Changzhi's carries its own notice). A place without a file is written under a known one,
 * `<parent>.<place>` (`shanxi.taiyuan`): it gets the nearest ancestor's list; a root that is not
 * known at all (`anhui.hefei`) gets the national list. Either way the family is told. Returns
 * undefined for a bare id we do not know (the API answers 404).
 */
export function resolveJurisdiction(ref: string): ResolvedJurisdiction | undefined {
  const map = content()
  const asked = ref.trim()
  const direct = map.get(asked)
  if (direct) {
    const listFrom = listSourceOf(direct.id)
    return { asked, id: direct.id, listFrom, ...(direct.list.kind === 'fallback' ? { notice: { kind: 'fallback' as const, from: direct.list.from } } : {}) }
  }
  const parts = asked.split('.')
  if (parts.length < 2 || parts.some((p) => !/^[a-z][a-z0-9-]*$/.test(p))) return undefined
  for (let n = parts.length - 1; n >= 1; n--) {
    const candidate = parts.slice(0, n).join('.')
    const found = map.get(candidate) ?? map.get(parts[n - 1]!)
    if (found) return { asked, id: found.id, listFrom: listSourceOf(found.id), notice: { kind: 'noOwnList', servedId: found.id } }
  }
  const root = [...map.values()].find((j) => j.parent === null)
  if (!root) return undefined
  return { asked, id: root.id, listFrom: listSourceOf(root.id), notice: { kind: 'noOwnList', servedId: root.id } }
}

/** The whole tree for pickers: every file, parents first. */
export function jurisdictionList(): Array<Pick<JurisdictionFile, 'id' | 'name' | 'level' | 'parent'>> {
  const order = { national: 0, province: 1, city: 2, county: 3 } as const
  return [...content().values()]
    .sort((a, b) => order[a.level] - order[b.level] || a.id.localeCompare(b.id))
    .map((j) => ({ id: j.id, name: j.name, level: j.level, parent: j.parent }))
}
