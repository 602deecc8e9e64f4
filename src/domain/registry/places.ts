/**
 * Place data the eligibility rule needs, kept here as data (documented judgement calls).
 *
 * The plans define a migrant child as living away from the county of household registration
 * (跨县域) for 6 months or more, "moves between the municipal districts of a city's central urban
 * area excepted" (城市中心城区的市辖区之间异地居住或生活的除外; 000 Shanxi/Jincheng §, 002 Inner
 * Mongolia/Baotou §). To apply that we need, for each jurisdiction a family can live in: its province,
 * city (and county, for a county-level jurisdiction), and which districts form the city's central
 * urban area.
 *
 *   jincheng  晋城市: 城区 is the city's only municipal district.
 *   changzhi  长治市: since the 2018 reform its municipal districts are 潞州区 (former 城区 and 郊区),
 *             上党区 (former 长治县), 屯留区 (former 屯留县) and 潞城区 (former 潞城市); the city's plan
 *             of its central urban area spans all four, so all four count. Old names map to the new ones.
 *   baotou    包头市: 昆都仑区, 青山区, 东河区, 九原区 form the central urban area; 石拐区 and 白云鄂博矿区
 *             are municipal districts outside it and do not count.
 *   shitai    石台县 (池州市, 安徽省): a county; a family living there has moved across counties unless it
 *             is registered in 石台县 itself. No central-district exception applies.
 * A jurisdiction not listed here uses its name from the content file and has no central districts.
 */
import { getJurisdiction, hasJurisdiction } from '../../content'

export interface Residence {
  /** Province, city and (for county-level jurisdictions) county of where the family lives now. */
  province: string
  city: string
  county: string | null
  /** Central urban municipal districts of the city (canonical names). */
  centralDistricts: string[]
  /** Former or alternative district names → canonical name. */
  aliases: Record<string, string>
}

export const PLACES: Record<string, Omit<Residence, 'county'> & { county?: string }> = {
  jincheng: { province: '山西省', city: '晋城市', centralDistricts: ['城区'], aliases: {} },
  changzhi: {
    province: '山西省',
    city: '长治市',
    centralDistricts: ['潞州区', '上党区', '屯留区', '潞城区'],
    aliases: { 城区: '潞州区', 郊区: '潞州区', 长治县: '上党区', 屯留县: '屯留区', 潞城市: '潞城区' },
  },
  baotou: { province: '内蒙古自治区', city: '包头市', centralDistricts: ['昆都仑区', '青山区', '东河区', '九原区'], aliases: {} },
  shitai: { province: '安徽省', city: '池州市', county: '石台县', centralDistricts: [], aliases: {} },
}

/** Jurisdictions a family can live in: city or county level, with a content file. */
export function isResidenceJurisdiction(id: string): boolean {
  if (!hasJurisdiction(id)) return false
  const level = getJurisdiction(id).level
  return level === 'city' || level === 'county'
}

/** Where a family living in `jurisdictionId` lives, as place names. */
export function residenceOf(jurisdictionId: string): Residence {
  const known = PLACES[jurisdictionId]
  if (known) return { ...known, county: known.county ?? null }
  const j = getJurisdiction(jurisdictionId)
  const parent = j.parent && hasJurisdiction(j.parent) ? getJurisdiction(j.parent).name['zh-CN'] : ''
  return j.level === 'county'
    ? { province: '', city: parent, county: j.name['zh-CN'], centralDistricts: [], aliases: {} }
    : { province: parent, city: j.name['zh-CN'], county: null, centralDistricts: [], aliases: {} }
}

const SUFFIX = /(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|自治旗|地区|省|市|区|县|旗|盟)$/

/** Compares place names loosely: spaces dropped, one administrative suffix dropped (长治市 = 长治, 潞州区 = 潞州). */
export function placeKey(name: string | null | undefined): string {
  const s = (name ?? '').replace(/\s+/g, '')
  const stripped = s.replace(SUFFIX, '')
  return stripped.length ? stripped : s
}

export const samePlace = (a: string | null | undefined, b: string | null | undefined): boolean => !!placeKey(a) && placeKey(a) === placeKey(b)

/** The canonical name of a district of `r`'s city, after aliases; the input when unknown. */
export function canonicalDistrict(r: Residence, name: string): string {
  for (const [alias, canon] of Object.entries(r.aliases)) if (samePlace(alias, name)) return canon
  return name
}

export function isCentralDistrict(r: Residence, name: string | null | undefined): boolean {
  if (!name) return false
  const c = canonicalDistrict(r, name)
  return r.centralDistricts.some((d) => samePlace(d, c))
}
