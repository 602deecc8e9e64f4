/**
 * Loads and validates every jurisdiction file in src/content/checklists/ (once, cached).
 * A broken file stops the start with the file, item and field named.
 *
 * Public API used by the domain:
 *   jurisdictionIds(), getJurisdiction(id), checklistFor(id) (items actually served, fallback
 *   resolved, department overrides applied), departmentsFor(id, service) (union in list order).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { JurisdictionFile, type ChecklistItem } from './checklist.schema'
import type { ServiceKey } from './vocabulary'
import { AppError } from '../shared/errors'

export const CHECKLISTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'checklists')

export class ContentError extends Error {}

let cache: Map<string, JurisdictionFile> | undefined

/** Parses one file; throws ContentError naming file, item and field. */
export function parseJurisdictionFile(file: string, raw: unknown): JurisdictionFile {
  const r = JurisdictionFile.safeParse(raw)
  if (r.success) return r.data
  const issue = r.error.issues[0]!
  const path = issue.path
  let where = path.join('.')
  if (path[0] === 'items' && typeof path[1] === 'number') {
    const no = (raw as { items?: Array<{ no?: unknown }> }).items?.[path[1]]?.no
    where = `item ${String(no ?? `#${path[1]}`)} field ${path.slice(2).join('.')}`
  }
  throw new ContentError(`${file}: ${where}: ${issue.message}`)
}

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
    if (`${j.id}.json` !== f) throw new ContentError(`${f}: id "${j.id}" does not match the file name`)
    map.set(j.id, j)
  }
  for (const j of map.values()) {
    if (j.parent && !map.has(j.parent)) throw new ContentError(`${j.id}.json: parent "${j.parent}" has no file`)
    if (j.list.kind === 'fallback' && !map.has(j.list.from)) throw new ContentError(`${j.id}.json: list.from "${j.list.from}" has no file`)
  }
  return map
}

function content(): Map<string, JurisdictionFile> {
  cache ??= loadContent()
  return cache
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

/** Responsible departments for a service in a jurisdiction: union over its items, in list order; [] where the list has none. */
export function departmentsFor(id: string, service: ServiceKey): string[] {
  const out: string[] = []
  for (const item of checklistFor(id)) if (item.service === service) for (const d of item.departments) if (!out.includes(d)) out.push(d)
  return out
}
