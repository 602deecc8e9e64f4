/** The family's own record: GET/PUT /me, places, joining codes for another parent, export, erase. */
import { request } from '../core/request'
import { currentLang } from '../core/i18n'

export type Relation = 'mother' | 'father' | 'grandparent' | 'other_relative' | 'guardian'

export interface ProfileInput {
  name: string
  relation: Relation
  phone?: string
  /** A city/county with its own list (`jincheng`), or a province (`shanxi`) with `city` in words. */
  jurisdiction: string
  /** The city in words, when `jurisdiction` is a province. */
  city?: string
  district?: string
  community?: string
  hukou: { province: string; city: string; county: string }
  /** YYYY-MM-DD */
  movedInOn: string
  residencePermit: boolean
  consent: { accepted: boolean; version: string }
  language?: 'zh-CN' | 'en'
}

export interface Guardian {
  id: number
  name: string
  relation: string
  phone: string | null
  language: string
}

export interface Family {
  id: number
  /** The place: a list's own id (`jincheng`), or `<province>.<city>` (`shanxi.taiyuan`). */
  jurisdiction: string
  /** The city as the family wrote it, for a place without its own list. */
  city?: string | null
  /** The list that serves the family (`shanxi`, `national`). */
  servedBy?: string
  district: string | null
  community: string | null
  hukou: { province: string; city: string; county: string }
  movedInOn: string
  residencePermit: boolean
  consent: { version: string; at: string } | null
  guardians: Guardian[]
  children: Array<{ id: number; name: string }>
}

export interface Me {
  registered: boolean
  consentText: { version: string; text: string }
  family: Family | null
  /** The sentence to show before erasing: erasure is for every guardian of the family. */
  erasureNotice?: string
}

/** A place a family can choose (GET /places). */
export interface Place {
  id: string
  name: string
  level: 'province' | 'city' | 'county'
  parent: string | null
  /** true: a city or county with its own list; false: a province (then the city in words). */
  ownList: boolean
  /** The list a family there gets (a province without its own: `national`). */
  servedBy: string
}

export interface JoinCode {
  /** 6 digits. */
  code: string
  expiresAt: string
}

export interface JoinInput {
  code: string
  name: string
  relation: Relation
  phone?: string
  consent: { accepted: boolean; version: string }
  language?: 'zh-CN' | 'en'
}

export const getMe = () => request<Me>('/me')
export const saveProfile = (input: ProfileInput) => request<Me>('/me', { method: 'PUT', data: { ...input }, silent: true })
/** Where a family can say it lives: places with their own list, then every province. */
export const listPlaces = async () => (await request<{ places: Place[] }>(`/places?lang=${currentLang()}`, { auth: false })).places
/** A code another parent enters to join this family (6 digits, for a limited time, used once). */
export const createJoinCode = () => request<JoinCode>('/me/family/join-code', { method: 'POST', data: {} })
/** Joins a family with its code, as another guardian. Silent: the page shows the notes by the fields. */
export const joinFamily = (input: JoinInput) => request<Me>('/me/family/join', { method: 'POST', data: { ...input }, silent: true })
export const exportMyData = () => request<Record<string, unknown>>('/me/export')
export const eraseMyFamily = () => request<void>('/me', { method: 'DELETE' })

/** The language the service uses for this user, also in reminders and staff answers it sends. */
export const setMyLanguage = (language: 'zh-CN' | 'en') => request<{ language: string }>('/auth/language', { method: 'PUT', data: { language } })
