/** The family's own record: GET/PUT /me, export, erase. */
import { request } from '../core/request'

export type Relation = 'mother' | 'father' | 'grandparent' | 'other_relative' | 'guardian'

export interface ProfileInput {
  name: string
  relation: Relation
  phone?: string
  jurisdiction: string
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
  jurisdiction: string
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
}

export const getMe = () => request<Me>('/me')
export const saveProfile = (input: ProfileInput) => request<Me>('/me', { method: 'PUT', data: { ...input }, silent: true })
export const exportMyData = () => request<Record<string, unknown>>('/me/export')
export const eraseMyFamily = () => request<void>('/me', { method: 'DELETE' })

/** The language the service uses for this user, also in reminders and staff answers it sends. */
export const setMyLanguage = (language: 'zh-CN' | 'en') => request<{ language: string }>('/auth/language', { method: 'PUT', data: { language } })
