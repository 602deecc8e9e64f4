/** Places with a checklist, and the family's personalised checklist. */
import { request } from '../core/request'
import { currentLang } from '../core/i18n'

export interface Jurisdiction {
  id: string
  name: string
  level: string
  parent: string | null
}

export interface ChecklistItem {
  no: number
  category: string
  /** The service key, as the public checklist names it. */
  service: string
  title: string
  summary: string
  nextSteps: string
  documents: string[]
  departments: string[]
  /** Why it is shown to this family. */
  reason: string
}

export interface PersonalChecklist {
  jurisdiction: { id: string; name: string }
  notice?: string
  children: Array<{ id?: number | string; name?: string; age: number; note?: string; items: ChecklistItem[] }>
  family: ChecklistItem[]
}

export const listJurisdictions = () => request<Jurisdiction[]>(`/jurisdictions?lang=${currentLang()}`, { auth: false })
export const myChecklist = () => request<PersonalChecklist>(`/me/checklist?lang=${currentLang()}`)
