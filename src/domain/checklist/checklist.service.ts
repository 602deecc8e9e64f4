/**
 * The checklist as families read it: item views in a language (every sentence through i18next),
 * a whole jurisdiction's list, and the personalised checklist of a family (per child the items
 * that apply, with the reason in plain words; whole-family items once).
 *
 * Pure functions over plain inputs, so the bot, the mini-program API and the staff console share
 * them. The family registry turns its records into `FamilyForChecklist`.
 */
import type { ChecklistItem } from '../../content/checklist.schema'
import { checklistFor, checklistNamespace, getJurisdiction, jurisdictionList, resolveJurisdiction, type ResolvedJurisdiction } from '../../content'
import { SCHOOL_STAGES, type SchoolStage, type ServiceKey, type Situation } from '../../content/vocabulary'
import { AppError } from '../../shared/errors'
import { isIsoDate } from '../../shared/dates'
import { normaliseLanguage, t, type Language } from '../../shared/i18n'

/** One checklist item as a family reads it, in one language. */
export interface ItemView {
  no: number
  category: string
  service: ServiceKey
  title: string
  summary: string
  whoQualifies: string
  /** Where to go, what to bring, and the responsible department (with directory details where filled in). */
  nextSteps: string
  documents: string[]
  /** Exactly as the list names them. */
  departments: string[]
  official: { name: string; target: string; content: string; source: string }
}

export interface ChecklistView {
  jurisdiction: { id: string; name: string }
  /** Said to families whose list is borrowed from another place. */
  notice?: string
  items: ItemView[]
}

const sep = (lang: Language) => t(lang, 'checklist:view.listSeparator')

/** The department line of the next steps, using the jurisdiction's directory where it is filled in. */
function departmentLine(jurisdictionId: string, departments: string[], lang: Language): string {
  const directory = getJurisdiction(jurisdictionId).directory
  const named = departments.map((d) => {
    const entry = directory.find((e) => e.department === d)
    if (!entry) return d
    const details = (['address', 'phone', 'hours', 'online'] as const)
      .filter((k) => entry[k])
      .map((k) => t(lang, `checklist:view.${k}`, { value: entry[k] }))
    return details.length ? t(lang, 'checklist:view.directoryEntry', { department: d, details: details.join(sep(lang)) }) : d
  })
  return t(lang, 'checklist:view.departments', { departments: named.join(sep(lang)) })
}

/**
 * An item of a jurisdiction's served list, in a language. `jurisdictionId` must be a file id
 * (use `resolveJurisdiction` first); the texts come from the list the jurisdiction serves.
 */
export function itemView(jurisdictionId: string, item: ChecklistItem, language: Language | string): ItemView {
  const lang = normaliseLanguage(language)
  const served = resolveJurisdiction(jurisdictionId)
  if (!served) throw new AppError('not_found', `unknown jurisdiction ${jurisdictionId}`)
  // The view depends only on the loaded files, the item and the language: kept per loaded file (a
  // reload replaces the file objects, so nothing stale survives it). Callers only read views.
  const file = getJurisdiction(served.id)
  let views = itemViews.get(file)
  if (!views) itemViews.set(file, (views = new Map()))
  const key = `${item.no}\u0000${lang}\u0000${item.departments.join('\u0000')}`
  let view = views.get(key)
  if (!view) views.set(key, (view = buildItemView(served, item, lang)))
  return view
}

const itemViews = new WeakMap<object, Map<string, ItemView>>()

function buildItemView(served: ResolvedJurisdiction, item: ChecklistItem, lang: Language): ItemView {
  const ns = checklistNamespace(served.listFrom)
  const key = (field: string) => `${ns}:items.${item.no}.${field}`
  const source = getJurisdiction(served.listFrom).source
  const documents = t(lang, key('documents'), { returnObjects: true }) as unknown
  return {
    no: item.no,
    category: item.category,
    service: item.service,
    title: t(lang, key('title')),
    summary: t(lang, key('summary')),
    whoQualifies: t(lang, key('whoQualifies')),
    nextSteps: `${t(lang, key('nextSteps'))}${lang === 'en' ? ' ' : ''}${departmentLine(served.id, item.departments, lang)}`,
    documents: Array.isArray(documents) ? (documents as string[]) : [],
    departments: [...item.departments],
    official: { name: item.name, target: item.target, content: item.content, source: t(lang, 'checklist:view.source', { title: source.title, no: item.no }) },
  }
}

/** The sentence that tells a family why it sees another place's list, if it does. */
export function noticeFor(resolved: ResolvedJurisdiction, language: Language | string): string | undefined {
  const lang = normaliseLanguage(language)
  if (!resolved.notice) return undefined
  if (resolved.notice.kind === 'fallback') return t(lang, `${checklistNamespace(resolved.id)}:notice`)
  return t(lang, 'checklist:notice.noOwnList', { served: t(lang, `${checklistNamespace(resolved.notice.servedId)}:name`) })
}

/** Every place with a file, parents first, named in a language. */
export function jurisdictionsView(language: Language | string): Array<{ id: string; name: string; level: string; parent: string | null }> {
  const lang = normaliseLanguage(language)
  return jurisdictionList().map((j) => ({ id: j.id, name: j.name[lang], level: j.level, parent: j.parent }))
}

/** A whole jurisdiction's list (or the one it is served), in list order. Unknown place → AppError not_found. */
export function checklistView(ref: string, language: Language | string): ChecklistView {
  const lang = normaliseLanguage(language)
  const resolved = resolveJurisdiction(ref)
  if (!resolved) throw new AppError('not_found', `unknown jurisdiction ${ref}`)
  const notice = noticeFor(resolved, lang)
  return {
    jurisdiction: { id: resolved.asked, name: t(lang, `${checklistNamespace(resolved.id)}:name`) },
    ...(notice ? { notice } : {}),
    items: checklistFor(resolved.id).map((item) => itemView(resolved.id, item, lang)),
  }
}

// ---------------------------------------------------------------------------------------------
// Personalisation

export interface ChildForChecklist {
  /** The registry's id (echoed back). */
  id?: number | string
  /** Shown back to the family only; never logged. */
  name?: string
  birthDate: string
  /** Current school stage; omitted or null: worked out from the age. */
  schoolStage?: SchoolStage | null
  situations?: Situation[]
}

export interface FamilyForChecklist {
  /** A jurisdiction id (`jincheng`) or a place under one (`shanxi.taiyuan`). */
  jurisdiction: string
  /** Situations of the whole family (dibao, housing difficulty …); children's situations count too. */
  situations?: Situation[]
  children: ChildForChecklist[]
}

export interface PersonalItem extends ItemView {
  /** Why this item is shown, in plain words. */
  reason: string
}

export interface ChildChecklist {
  id?: number | string
  name?: string
  age: number
  /** Said when the child sees no items (16 and over; nothing fits yet). */
  note?: string
  items: PersonalItem[]
}

export interface PersonalChecklist {
  jurisdiction: { id: string; name: string }
  notice?: string
  children: ChildChecklist[]
  /** Whole-family items (housing, parents' jobs, family education …), once. */
  family: PersonalItem[]
}

/** The plans' definition: a migrant child is under 16. */
export const MIGRANT_CHILD_MAX_AGE = 15

/** Whole years between a birth date and today (both YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  if (!isIsoDate(birthDate) || !isIsoDate(today)) throw new AppError('validation_failed', 'dates must be YYYY-MM-DD', { fields: [{ path: 'birthDate', message: t(undefined, 'validation.date') }] })
  if (birthDate > today) throw new AppError('validation_failed', 'birth date in the future', { fields: [{ path: 'birthDate', message: t(undefined, 'validation.date') }] })
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number]
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0)
}

/** The school stages a child of this age would usually be at (China: primary from 6, junior from 12, senior/vocational from 15). */
export function usualStages(age: number): SchoolStage[] {
  if (age < 3) return ['none', 'nursery']
  if (age < 6) return ['none', 'kindergarten']
  if (age === 6) return ['kindergarten', 'primary']
  if (age < 12) return ['primary']
  if (age < 15) return ['junior']
  if (age === 15) return ['junior', 'senior', 'vocational']
  return ['senior', 'vocational']
}

/** The stages a child counts as being at: the stage given, or (not given, or not in school) the usual ones for the age. */
function stagesOf(child: ChildForChecklist, age: number): { stages: SchoolStage[]; explicit: boolean } {
  const s = child.schoolStage
  if (s && s !== 'none' && (SCHOOL_STAGES as readonly string[]).includes(s)) return { stages: [s], explicit: true }
  return { stages: [...new Set<SchoolStage>(['none', ...usualStages(age)])], explicit: false }
}

type Match = { ok: false } | { ok: true; because: { kind: 'situation'; situation: Situation } | { kind: 'stage'; stage: SchoolStage } | { kind: 'age' } | { kind: 'everyone' } }

function matchChild(item: ChecklistItem, child: ChildForChecklist, age: number): Match {
  const r = item.appliesTo
  if (r.minAge !== undefined && age < r.minAge) return { ok: false }
  if (r.maxAge !== undefined && age > r.maxAge) return { ok: false }
  const { stages, explicit } = stagesOf(child, age)
  let stageHit: SchoolStage | undefined
  if (r.schoolStages) {
    stageHit = stages.find((s) => r.schoolStages!.includes(s))
    if (!stageHit) return { ok: false }
  }
  if (r.situations) {
    const hit = (child.situations ?? []).find((s) => r.situations!.includes(s))
    if (!hit) return { ok: false }
    return { ok: true, because: { kind: 'situation', situation: hit } }
  }
  if (stageHit && explicit && stageHit !== 'none') return { ok: true, because: { kind: 'stage', stage: stageHit } }
  if (r.minAge !== undefined || r.maxAge !== undefined || r.schoolStages) return { ok: true, because: { kind: 'age' } }
  return { ok: true, because: { kind: 'everyone' } }
}

function matchFamily(item: ChecklistItem, situations: Set<Situation>): Match {
  const r = item.appliesTo
  if (r.situations) {
    const hit = r.situations.find((s) => situations.has(s))
    return hit ? { ok: true, because: { kind: 'situation', situation: hit } } : { ok: false }
  }
  return { ok: true, because: { kind: 'everyone' } }
}

function reasonText(m: Extract<Match, { ok: true }>, view: ItemView, age: number | undefined, lang: Language): string {
  const title = view.title
  switch (m.because.kind) {
    case 'situation':
      return t(lang, 'checklist:reason.situation', { situation: t(lang, `checklist:situation.${m.because.situation}`), title })
    case 'stage':
      return t(lang, 'checklist:reason.stage', { stage: t(lang, `checklist:stage.${m.because.stage}`), title })
    case 'age':
      return age !== undefined && age < 1 ? t(lang, 'checklist:reason.ageUnder1', { title }) : t(lang, 'checklist:reason.age', { age, title })
    case 'everyone':
      return t(lang, age === undefined ? 'checklist:reason.everyFamily' : 'checklist:reason.everyChild', { title })
  }
}

/**
 * The personalised checklist: for each child the items that apply, each with its reason; the items
 * for the whole family once. Items that do not apply are left out (a 4-year-old sees kindergarten,
 * not the gaokao). Children of 16 and over are past the plans' definition of a migrant child: they
 * get a plain note and no items. `today` is the family's local date (YYYY-MM-DD).
 */
export function personalChecklist(family: FamilyForChecklist, today: string, language: Language | string): PersonalChecklist {
  const lang = normaliseLanguage(language)
  const resolved = resolveJurisdiction(family.jurisdiction)
  if (!resolved) throw new AppError('not_found', `unknown jurisdiction ${family.jurisdiction}`)
  const items = checklistFor(resolved.id)
  const views = new Map<number, ItemView>()
  const view = (item: ChecklistItem) => {
    let v = views.get(item.no)
    if (!v) views.set(item.no, (v = itemView(resolved.id, item, lang)))
    return v
  }

  const children: ChildChecklist[] = family.children.map((child) => {
    const age = ageOn(child.birthDate, today)
    const base = { ...(child.id !== undefined ? { id: child.id } : {}), ...(child.name !== undefined ? { name: child.name } : {}), age }
    if (age > MIGRANT_CHILD_MAX_AGE) return { ...base, note: t(lang, 'checklist:child.over16', { age }), items: [] }
    const mine: PersonalItem[] = []
    for (const item of items) {
      if (item.appliesTo.scope !== 'child') continue
      const m = matchChild(item, child, age)
      if (!m.ok) continue
      const v = view(item)
      mine.push({ ...v, reason: reasonText(m, v, age, lang) })
    }
    return { ...base, ...(mine.length ? {} : { note: t(lang, 'checklist:child.noItems') }), items: mine }
  })

  const situations = new Set<Situation>([...(family.situations ?? []), ...family.children.flatMap((c) => c.situations ?? [])])
  const familyItems: PersonalItem[] = []
  for (const item of items) {
    if (item.appliesTo.scope !== 'family') continue
    const m = matchFamily(item, situations)
    if (!m.ok) continue
    const v = view(item)
    familyItems.push({ ...v, reason: reasonText(m, v, undefined, lang) })
  }

  const notice = noticeFor(resolved, lang)
  return {
    jurisdiction: { id: resolved.asked, name: t(lang, `${checklistNamespace(resolved.id)}:name`) },
    ...(notice ? { notice } : {}),
    children,
    family: familyItems,
  }
}
