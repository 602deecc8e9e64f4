/**
 * The services a channel offers when the router is unsure (`ask`), or found nothing certain:
 * always two or three, never one (a single weak guess chosen with "1" would become a referral
 * the parent never meant). The router's main service and runner-ups come first; when fewer than
 * two, the services a parent most often means instead are added (their neighbours below: the same
 * family of help, e.g. a disabled child's schooling ↔ rehabilitation ↔ an ordinary school place).
 * The channel adds "none of these: talk to a person" after them.
 */
import type { ServiceKey } from '../../content/vocabulary'

/** For each service, what a parent unsure of it most likely means instead, likeliest first. */
export const NEIGHBOURS: Readonly<Record<ServiceKey, readonly ServiceKey[]>> = {
  child_health: ['medical_services', 'medical_insurance'],
  preschool: ['compulsory_education', 'cultural_life'],
  compulsory_education: ['disability_education', 'school_integration'],
  high_school: ['vocational_education', 'compulsory_education'],
  vocational_education: ['high_school', 'compulsory_education'],
  medical_services: ['medical_insurance', 'child_health'],
  medical_insurance: ['medical_services', 'temporary_assistance'],
  severe_mental_disorder: ['mental_health', 'medical_services'],
  housing: ['temporary_assistance', 'minimum_living'],
  basic_living: ['guardianship_care', 'extreme_poverty'],
  guardianship_care: ['guardianship_support', 'basic_living'],
  disability_rehab: ['disability_education', 'medical_services'],
  disability_education: ['compulsory_education', 'disability_rehab'],
  minimum_living: ['temporary_assistance', 'extreme_poverty'],
  extreme_poverty: ['minimum_living', 'basic_living'],
  temporary_assistance: ['minimum_living', 'charity_support'],
  charity_support: ['temporary_assistance', 'minimum_living'],
  home_visit: ['guardianship_support', 'family_education'],
  guardianship_support: ['guardianship_care', 'home_visit'],
  family_education: ['mental_health', 'school_integration'],
  mental_health: ['family_education', 'severe_mental_disorder'],
  cultural_life: ['city_integration', 'family_education'],
  city_integration: ['cultural_life', 'school_integration'],
  school_integration: ['mental_health', 'compulsory_education'],
  safety_legal: ['guardianship_support', 'mental_health'],
}

/**
 * Two or three services to offer: the main one (if any), the router's runner-ups, then neighbours of
 * the first when it stands alone. Empty only when the router found nothing at all (nothing to guess from).
 */
export function offerChoices(result: { service: string; alternatives: ReadonlyArray<{ service: string }> }, max = 3): ServiceKey[] {
  const out: ServiceKey[] = []
  const add = (s: string) => {
    if (out.length < max && s !== 'none' && s in NEIGHBOURS && !out.includes(s as ServiceKey)) out.push(s as ServiceKey)
  }
  add(result.service)
  for (const a of result.alternatives) add(a.service)
  // one guess alone: its neighbours too (up to three), so the parent has something else to pick
  if (out.length === 1) for (const n of NEIGHBOURS[out[0]!]) add(n)
  return out
}
