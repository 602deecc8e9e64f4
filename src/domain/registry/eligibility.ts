/**
 * Who is a migrant child (流动儿童) under the plans (000 Shanxi/Jincheng, 002 Inner Mongolia/Baotou,
 * 004 Shitai): under 16 (不满十六周岁), living with one or both parents or guardians away from the
 * county of household registration (跨县域) for 6 months or more, moves between the municipal
 * districts of a city's central urban area excepted.
 *
 * Rules as computed here (dates are Asia/Shanghai calendar dates):
 *   - a child turns 16 on the 16th birthday (29 February → 28 February) and from that day is no longer one;
 *   - 6 months are counted from the later of the move and the child's birth, with calendar months:
 *     moved 2025-09-01 → counts from 2026-03-01 (exactly 6 months counts);
 *   - same county: registered in the county (district) it lives in now → not a migrant child;
 *   - both the registered district and today's district are central urban districts of the same city
 *     (./places.ts) → not a migrant child;
 *   - living in a city-level jurisdiction, registered in the same city, district not given → we cannot
 *     tell yet, and say what to add;
 *   - living in a city whose central urban districts we do not know (a city without its own list,
 *     `shanxi.taiyuan`), registered in another district of the same city → we cannot tell yet
 *     (`central_districts_unknown`), said plainly rather than guessed.
 */
import { addDays, addMonths } from '../../shared/dates'
import { t, type Language } from '../../shared/i18n'
import { canonicalDistrict, isCentralDistrict, residenceOf, samePlace } from './places'

export type EligibilityCode = 'eligible' | 'too_old' | 'not_yet_six_months' | 'same_county' | 'central_districts' | 'district_missing' | 'central_districts_unknown'

export interface Eligibility {
  /** true: a migrant child now; false: not (see code); null: we cannot tell until the family adds its district. */
  eligible: boolean | null
  code: EligibilityCode
  /** The reason in plain words, in the asked language. */
  reason: string
  /** YYYY-MM-DD of the 16th birthday. */
  turns16On: string
  /** YYYY-MM-DD from which the child has lived here 6 months. */
  sixMonthsOn: string
}

export interface EligibilityFamily {
  jurisdictionId: string
  district: string | null
  hukouProvince: string
  hukouCity: string
  hukouCounty: string
  movedInOn: string
  /** A family in a place without its own list: `<province>.<city>` and the city as it named it. */
  placeId?: string | null
  placeCity?: string | null
}

/** Whole months and remaining days from `from` to `to` (from <= to). */
function monthsAndDays(from: string, to: string): { months: number; days: number } {
  let months = 0
  while (addMonths(from, months + 1) <= to) months++
  let days = 0
  let d = addMonths(from, months)
  while (d < to) {
    d = addDays(d, 1)
    days++
  }
  return { months, days }
}

export function eligibilityOf(child: { birthDate: string }, family: EligibilityFamily, today: string, lang: Language | string): Eligibility {
  const turns16On = addMonths(child.birthDate, 16 * 12)
  const start = family.movedInOn > child.birthDate ? family.movedInOn : child.birthDate
  const sixMonthsOn = addMonths(start, 6)
  const out = (eligible: boolean | null, code: EligibilityCode, params: Record<string, unknown> = {}, key: string = code): Eligibility => ({
    eligible,
    code,
    reason: t(lang, `registry:eligibility.${key}`, { turns16On, sixMonthsOn, ...params }),
    turns16On,
    sixMonthsOn,
  })

  if (today >= turns16On) return out(false, 'too_old', {}, today === turns16On ? 'too_old_today' : 'too_old')

  const r = residenceOf(family.jurisdictionId, family)
  // A family that named a county-level place as its city (高平) and is registered in that county.
  if (family.placeId && samePlace(family.hukouCounty, r.city) && (!family.hukouProvince || samePlace(family.hukouProvince, r.province))) {
    return out(false, 'same_county', { county: family.hukouCounty })
  }
  const sameCity = samePlace(family.hukouCity, r.city) && (!r.province || !family.hukouProvince || samePlace(family.hukouProvince, r.province))
  if (sameCity) {
    if (r.county) {
      if (samePlace(family.hukouCounty, r.county)) return out(false, 'same_county', { county: r.county })
    } else {
      if (!family.district?.trim()) return out(null, 'district_missing', { city: r.city })
      const registered = canonicalDistrict(r, family.hukouCounty)
      const now = canonicalDistrict(r, family.district)
      if (samePlace(registered, now)) return out(false, 'same_county', { county: family.hukouCounty })
      if (isCentralDistrict(r, registered) && isCentralDistrict(r, now)) return out(false, 'central_districts', { city: r.city })
      if (r.centralKnown === false) return out(null, 'central_districts_unknown', { city: r.city })
    }
  }

  if (today < sixMonthsOn) {
    const { months, days } = monthsAndDays(today, sixMonthsOn)
    const key = months === 0 ? 'wait_days' : days === 0 ? 'wait_months' : 'wait_months_days'
    return out(false, 'not_yet_six_months', { months, days }, key)
  }
  return out(true, 'eligible')
}
