/** A family's children: /me/children. */
import { request } from '../core/request'

export type Sex = 'male' | 'female'
export type SchoolStage = 'none' | 'nursery' | 'kindergarten' | 'primary' | 'junior' | 'senior' | 'vocational'

export interface ChildInput {
  name: string
  sex: Sex
  /** YYYY-MM-DD */
  birthDate: string
  schoolStage: SchoolStage
  idNumber?: string | null
  situations: string[]
}

export interface Child {
  id: number
  name: string
  sex: string
  birthDate: string
  schoolStage: string
  /** Masked by the server. */
  idNumber: string | null
  situations: string[]
  eligibility: { eligible: boolean | null; code: string; reason: string }
}

export const listChildren = async () => (await request<{ children: Child[] }>('/me/children')).children
export const addChild = (input: ChildInput) => request<Child>('/me/children', { method: 'POST', data: { ...input }, silent: true })
export const updateChild = (id: number, input: Partial<ChildInput>) => request<Child>(`/me/children/${id}`, { method: 'PATCH', data: { ...input }, silent: true })
export const removeChild = (id: number) => request<void>(`/me/children/${id}`, { method: 'DELETE' })
