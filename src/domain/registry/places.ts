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
 * A jurisdiction not listed here uses its name from the content file, and its central districts are
 * unknown: a move inside such a city is "we cannot tell yet", never a guess.
 *
 * Places without a list of their own (a family in 太原 or 合肥): see `resolvePlace` below and the
 * registry README. The family names its province (an id of ./provinces.ts, the same as the
 * province's checklist file where there is one) and its city in words; the place id is
 * `<province>.<city in pinyin>` (`shanxi.taiyuan`, `anhui.hefei`), which the content loader
 * resolves to the province's list or the national one, with a plain notice.
 */
import { pinyin } from 'pinyin-pro'
import { getJurisdiction, hasJurisdiction, jurisdictionIds, resolveJurisdiction } from '../../content'
import { PROVINCES, provinceById } from './provinces'

export interface Residence {
  /** Province, city and (for county-level jurisdictions) county of where the family lives now. */
  province: string
  city: string
  county: string | null
  /** Central urban municipal districts of the city (canonical names). */
  centralDistricts: string[]
  /** Former or alternative district names → canonical name. */
  aliases: Record<string, string>
  /** false: we do not know which districts form the city's central urban area (a move inside it cannot be judged yet). */
  centralKnown?: boolean
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

/** A city- or county-level jurisdiction with a content file (a family there gets its own list). */
export function isOwnListPlace(id: string): boolean {
  if (!hasJurisdiction(id)) return false
  const level = getJurisdiction(id).level
  return level === 'city' || level === 'county'
}

/** The province part of a jurisdiction answer (`shanxi`, or `shanxi` of `shanxi.taiyuan`), if it names a province. */
export function provinceIdOf(id: string): string | undefined {
  const head = id.trim().split('.')[0]!
  if (provinceById(head)) return head
  return hasJurisdiction(head) && getJurisdiction(head).level === 'province' ? head : undefined
}

/**
 * What a family may answer for where it lives: a city or county with its own list (`jincheng`), or
 * a province (`shanxi`, `anhui`, or a place id under one, `shanxi.taiyuan`) together with the city
 * in words (see `resolvePlace`).
 */
export function isResidenceJurisdiction(id: string): boolean {
  if (isOwnListPlace(id)) return true
  const parts = id.trim().split('.')
  return parts.length <= 2 && !!provinceIdOf(id) && parts.every((p) => /^[a-z][a-z0-9-]*$/.test(p))
}

/** "太原市" → "taiyuan", "Hohhot" → "hohhot": the last part of a place id. */
export function placeSlug(city: string): string {
  const key = placeKey(city)
  const latin = /[\u4e00-\u9fff]/.test(key) ? pinyin(key, { toneType: 'none', type: 'array', v: true }).join('') : key
  const slug = latin.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  return /^[a-z]/.test(slug) ? slug.slice(0, 40) : `x${slug}`.slice(0, 40)
}

export interface ResolvedPlace {
  /** The checklist file that serves the family (stored as family.jurisdictionId): a city/county, a province, or national. */
  servedBy: string
  /** `<province>.<city>` for a place without its own list; null when the family lives in a place with its own file. */
  placeId: string | null
  /** The city (or county) as the family named it; null with a file of its own. */
  city: string | null
}

/**
 * Where a family lives, from its answers: `jurisdiction` (a city/county file id, or a province id,
 * or `<province>.<anything>`) and `city` in words (needed with a province). A city that has a file
 * under that province is that file (山西 + 晋城 → jincheng). Otherwise the place id is
 * `<province>.<pinyin of the city>` and the list is whatever the content loader resolves it to (the
 * province's, or the national list). Returns undefined for an answer that is not a place, or a
 * province without a city (a municipality is its own city).
 */
export function resolvePlace(jurisdiction: string, city?: string | null): ResolvedPlace | undefined {
  const id = jurisdiction.trim()
  if (isOwnListPlace(id)) return { servedBy: id, placeId: null, city: null }
  if (!isResidenceJurisdiction(id)) return undefined
  const provinceId = provinceIdOf(id)!
  const province = provinceById(provinceId)
  const named = city?.trim() || (province?.municipality ? province.zh : '')
  if (!named) return undefined
  for (const f of jurisdictionIds()) {
    if (!isOwnListPlace(f)) continue
    // in this province: under its list, or (a county whose province has no list of its own, like 石台县 in
    // 安徽省) by its place (安徽 石台 was served the national list instead of Shitai's own)
    if (!hasAncestor(f, provinceId) && PLACES[f]?.province !== province?.zh) continue
    const name = getJurisdiction(f).name
    if (samePlace(name['zh-CN'], named) || name.en.toLowerCase() === named.toLowerCase()) return { servedBy: f, placeId: null, city: null }
  }
  const placeId = `${provinceId}.${placeSlug(named)}`
  const resolved = resolveJurisdiction(placeId)
  if (!resolved) return undefined
  return { servedBy: resolved.id, placeId, city: named }
}

function hasAncestor(id: string, ancestor: string): boolean {
  for (let p = getJurisdiction(id).parent; p; p = hasJurisdiction(p) ? getJurisdiction(p).parent : null) if (p === ancestor) return true
  return false
}

/** The province's name in Chinese, for a province id (gazetteer, else its file). */
function provinceName(id: string): string {
  return provinceById(id)?.zh ?? (hasJurisdiction(id) ? getJurisdiction(id).name['zh-CN'] : '')
}

/**
 * Where a family living in `jurisdictionId` lives, as place names. With a place id (a family in a
 * city without its own list) the province comes from the id and the city from the family's words;
 * the central districts of such a city are not known.
 */
export function residenceOf(jurisdictionId: string, place?: { placeId?: string | null; placeCity?: string | null }): Residence {
  if (place?.placeId && place.placeCity) {
    return { province: provinceName(provinceIdOf(place.placeId) ?? ''), city: place.placeCity, county: null, centralDistricts: [], aliases: {}, centralKnown: false }
  }
  const known = PLACES[jurisdictionId]
  if (known) return { ...known, county: known.county ?? null, centralKnown: true }
  const j = getJurisdiction(jurisdictionId)
  const parent = j.parent && hasJurisdiction(j.parent) ? getJurisdiction(j.parent).name['zh-CN'] : ''
  return j.level === 'county'
    ? { province: '', city: parent, county: j.name['zh-CN'], centralDistricts: [], aliases: {}, centralKnown: true }
    : { province: parent, city: j.name['zh-CN'], county: null, centralDistricts: [], aliases: {}, centralKnown: false }
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

export interface PlaceChoice {
  id: string
  name: string
  level: 'province' | 'city' | 'county'
  parent: string | null
  /** true: a city or county with its own list; false: a province (the family adds its city in words). */
  ownList: boolean
  /** The list a family there gets. */
  servedBy: string
}

/** What a family can answer for where it lives: the cities and counties with their own list, then every province. */
export function placeChoices(lang: string): PlaceChoice[] {
  const en = lang === 'en'
  const own = jurisdictionIds()
    .filter(isOwnListPlace)
    .sort()
    .map((id): PlaceChoice => {
      const j = getJurisdiction(id)
      return { id, name: en ? j.name.en : j.name['zh-CN'], level: j.level as 'city' | 'county', parent: j.parent, ownList: true, servedBy: id }
    })
  const provinces = PROVINCES.map((p): PlaceChoice => ({
    id: p.id,
    name: en ? p.en : p.zh,
    level: 'province',
    parent: null,
    ownList: false,
    servedBy: resolveJurisdiction(`${p.id}.x`)!.id,
  }))
  return [...own, ...provinces]
}
