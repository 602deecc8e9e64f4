/** Asking where the family lives: the cities and counties with a checklist, by number or name. */
import { getJurisdiction, jurisdictionIds } from '../../content'
import { isOwnListPlace, resolvePlace, samePlace } from '../../domain/registry/places'
import { provinceById, provinceOfCapital, provinceOfEnglishCapital, splitProvince, type Province } from '../../domain/registry/provinces'
import type { Turn } from '../dialogue/turn'
import { bare, chosenNumber, normalise } from '../text'
import { pinyin } from 'pinyin-pro'

/** Jurisdictions a family can live in, in a stable order. */
export function cityChoices(): string[] {
  return jurisdictionIds().filter(isOwnListPlace).sort()
}

export function cityName(id: string, lang: string): string {
  const j = getJurisdiction(id)
  return lang === 'en' ? j.name.en : j.name['zh-CN']
}

/**
 * The list a message's place is served by: a city with its own list ("2", "长治", "Changzhi"), or a
 * place named with its province or a capital ("山西太原", "合肥": the province's list, or the
 * national one); null when we cannot place it.
 */
export function parseCity(text: string): string | null {
  const own = parseOwnListCity(text)
  if (own) return own
  const place = parsePlace(text)
  return place?.provinceId && place.city ? (resolvePlace(place.provinceId, place.city)?.servedBy ?? null) : null
}

/** The city with its own list a message names ("2", "长治", "Changzhi"), or null. */
export function parseOwnListCity(text: string): string | null {
  const choices = cityChoices()
  const n = chosenNumber(text)
  if (n !== null) return choices[n - 1] ?? null
  const said = normalise(text)
  for (const id of choices) {
    const j = getJurisdiction(id)
    if (samePlace(j.name['zh-CN'], text.trim()) || normalise(j.name.en) === said || id === said) return id
    if (said.length >= 2 && j.name['zh-CN'].includes(text.trim())) return id
  }
  // the city named inside a sentence ("我在晋城", "住在长治", "晋城市城区", "安徽石台", "I live in Baotou"): it was
  // not understood (or "安徽石台" got the national list); two different cities named is not an answer
  const named = new Set<string>()
  const lower = said.replace(/\s+/g, '')
  for (const id of choices) {
    const j = getJurisdiction(id)
    const zh = j.name['zh-CN'].replace(/[市县]$/u, '')
    const en = normalise(j.name.en).replace(/\s*(city|county)$/, '').replace(/\s+/g, '')
    if ((zh.length >= 2 && text.includes(zh)) || (en.length >= 4 && new RegExp(`(^|[^a-z])${en}([^a-z]|$)`).test(said))) named.add(id)
    else if (en.length >= 4 && lower === en) named.add(id)
  }
  if (named.size === 1) return [...named][0]!
  // a sound-alike typed on a phone (晋成, 进城 for 晋城; 常治 for 长治): the same pinyin as the city's name
  const sound = soundOf(text.trim().replace(/[市县]$/u, ''))
  if (sound.length >= 4) for (const id of choices) if (soundOf(getJurisdiction(id).name['zh-CN'].replace(/[市县]$/u, '')) === sound) return id
  return null
}

/**
 * Where the parent says they live, said as a statement outside the city question ("我住在晋城", "我们家在长治市",
 * "I live in Baotou", "住在山西太原"): the list serving it and the place as said; null for anything else (a
 * question naming a city, "晋城的学校怎么报名", is not one). "我住在晋城" at the privacy question was kept as a
 * question never answered, and at the menu it was "没看懂": the city was dropped.
 */
export function cityStatement(text: string, lang: string): CityStatement | null {
  const said = bare(text)
  // the city's name alone ("晋城", "Jincheng") outside the city question: where the parent lives (it was "没看懂")
  const alone = ownListCityNamed(said)
  if (alone) return { city: alone, label: cityName(alone, lang) }
  const zh = said.match(/^(?:(?:我们家|我家|我们|我)(?:现在|目前|一直)?(?:住在|家在|住|在)|(?:现在|目前)?(?:住在|家在))(.+?)(?:这边|这里)?$/u)
  const english = englishPlace(said)
  // what they do there is not part of the place: "我在长治打工", "我们在晋城上班"
  const rest = zh?.[1]?.replace(/(?:这边|这里)?(?:打工|上班|工作|做工|干活|做生意|生活|租房子?|住着?|带孩子|陪读)(?:呢|的)?$/u, '') ?? (english !== said ? english : undefined)
  if (!rest) return null
  const named = ownListCityNamed(rest)
  if (named) return { city: named, label: cityName(named, lang) }
  // a city with its district, street or community ("晋城市城区东街社区"): the city, and the rest kept for registration
  const within = cityWithPlace(rest)
  if (within) return { city: within.city, label: cityName(within.city, lang), ...(within.rest ? { rest: within.rest } : {}) }
  const place = parsePlace(rest)
  const served = place?.provinceId && place.city ? resolvePlace(place.provinceId, place.city)?.servedBy : undefined
  return served && place?.provinceId ? { city: served, label: `${provinceName(place.provinceId, lang)} ${place.city}` } : null
}

/** Where a parent says they live: the list serving it, the place as said, and what they said after the city (district, street, community). */
export interface CityStatement {
  city: string
  label: string
  rest?: { district?: string; street?: string; community?: string }
}

/** A city with its own list named alone ("晋城", "晋城市", "Jincheng", "jincheng city"), or null. */
function ownListCityNamed(text: string): string | null {
  const named = normalise(text)
  for (const id of cityChoices()) {
    const j = getJurisdiction(id)
    if (samePlace(j.name['zh-CN'], text.trim()) || [normalise(j.name.en), normalise(j.name.en).replace(/ (city|county)$/, '')].includes(named)) return id
  }
  return null
}

/**
 * A city with its own list followed by its district, street or community ("晋城市城区东街社区", "晋城城区西街街道"):
 * the city and the parts, each by its ending (区/县, 街道/镇/乡, 社区/村); null when it does not start with such a city
 * or the rest is not read that way.
 */
export function cityWithPlace(text: string): { city: string; rest?: CityStatement['rest'] } | null {
  const s = text.replace(/\s+/g, '')
  for (const id of cityChoices()) {
    const zh = getJurisdiction(id).name['zh-CN']
    const stem = zh.replace(/[市县]$/u, '')
    const after = s.startsWith(zh) ? s.slice(zh.length) : stem.length >= 2 && s.startsWith(stem) ? s.slice(stem.length) : null
    if (after === null) continue
    if (!after) return { city: id }
    const m = after.match(/^([\u4e00-\u9fff]{1,6}?(?:区|县))?([\u4e00-\u9fff]{1,8}?(?:街道|镇|乡))?([\u4e00-\u9fff]{1,10}?(?:社区|村))?$/u)
    if (!m || !(m[1] || m[2] || m[3])) return null
    const rest = { ...(m[1] ? { district: m[1] } : {}), ...(m[2] ? { street: m[2] } : {}), ...(m[3] ? { community: m[3] } : {}) }
    return { city: id, rest }
  }
  return null
}

/**
 * The city a parent says they live in, in a clause of a longer message ("我住在晋城，孩子被他爸打得满身是伤",
 * "我在晋城，我家孩子被人打了"): an urgent message of a parent we could not place went to the national list, and
 * no director of the city saw it. Only a clause that is a statement of where they live counts.
 */
export function cityInMessage(text: string, lang: string): CityStatement | null {
  for (const clause of text.split(/[，。！？,.!?；;\s]+/u)) {
    if (clause.length < 2 || clause === text) continue
    const said = cityStatement(clause, lang)
    if (said) return said
  }
  return null
}

/** The city a parent said they live in, remembered for the chat (and the rest of the place for registration), and said back. */
export function noteSaidCity(turn: Turn, said: CityStatement): void {
  turn.remember({ city: said.city, placeSaid: said.rest })
  const place = [said.rest?.district, said.rest?.street, said.rest?.community].filter(Boolean).join(' ')
  if (place) turn.say('city.notedPlace', { city: said.label, place })
  else turn.say('city.noted', { city: said.label })
}

/** The toneless pinyin of a place name (or any short word) in Chinese characters ('' for anything else). */
export function soundOf(name: string): string {
  return /^[\u4e00-\u9fff]{2,4}$/u.test(name) ? pinyin(name, { toneType: 'none', type: 'array' }).join('') : ''
}

const PLACE_SUFFIX: Record<string, string> = { 区: 'District', 县: 'County', 市: 'City' }

/**
 * A Chinese district or county name as an English question shows it: 城区 → "Chengqu District", 沁水县 →
 * "Qinshui County" (the English question said "For example: 城区.").
 */
export function englishPlaceName(zh: string): string {
  const suffix = zh.slice(-1)
  const stem = PLACE_SUFFIX[suffix] && zh.length > 2 ? zh.slice(0, -1) : zh
  const sound = pinyin(stem, { toneType: 'none', type: 'array' }).join('')
  const word = sound.charAt(0).toUpperCase() + sound.slice(1)
  return PLACE_SUFFIX[suffix] ? `${word} ${PLACE_SUFFIX[suffix]}` : word
}

/** The Chinese name among `names` that an English answer gives ("Chengqu District", "chengqu"): what staff and the rules read. */
export function chineseNameOf(text: string, names: readonly string[]): string | undefined {
  const said = normalise(text).replace(/[.,!]+$/, '').replace(/\s+/g, ' ')
  if (!/^[a-z\s'-]+$/.test(said)) return undefined
  return names.find((zh) => {
    const en = englishPlaceName(zh).toLowerCase()
    return said === en || said === en.replace(/ (district|county|city)$/, '')
  })
}

/** The numbered list of cities, in the parent's language. */
export function cityList(turn: Turn): string {
  return cityChoices()
    .map((id, i) => `${i + 1} ${cityName(id, turn.lang)}`)
    .join('\n')
}

export function askCity(turn: Turn): void {
  turn.say('city.question', { list: cityList(turn) })
  turn.say('city.otherPlace')
}

/**
 * A place without its own list, from what a parent typed ("太原", "山西太原", "安徽 合肥", "河南"):
 * the province and the city, or only the province (ask the city next), or only a city we cannot
 * place (ask its province next). Undefined when it does not look like a place at all.
 */
export type PlaceAnswer = { provinceId: string; city: string } | { provinceId: string; city?: undefined } | { provinceId?: undefined; city: string }

/** A place written in English inside a sentence ("I live in Taiyuan", "in Hefei.", "Taiyuan city"): the place alone. */
function englishPlace(text: string): string {
  if (!/^[a-z\s'’.,!-]+$/i.test(text)) return text
  return text
    .replace(/[.,!]+$/, '')
    .replace(/^(i|we)\s+(live|lives|am|are|stay)\s+(living\s+)?(in|at)\s+/i, '')
    .replace(/^(i'm|i’m|im|we're|we’re)\s+(living\s+)?(in|at)\s+/i, '')
    .replace(/^(living|live|staying)\s+in\s+/i, '')
    .replace(/^in\s+/i, '')
    .trim()
}

/** A capital named in English, as its Chinese name (太原; 北京市 for a municipality): staff read it, and its place id is the same. */
function capitalName(p: Province): string {
  return p.municipality ? p.zh : p.capital.replace(/市$/u, '')
}

export function parsePlace(text: string): PlaceAnswer | undefined {
  const s = englishPlace(text.trim())
  const split = splitProvince(s)
  if (split) {
    // "Shanxi Taiyuan": the capital's Chinese name, as for "Taiyuan" alone
    if (split.rest && provinceOfEnglishCapital(split.rest)?.id === split.province.id) return { provinceId: split.province.id, city: capitalName(split.province) }
    if (split.rest) return { provinceId: split.province.id, city: split.rest }
    return split.province.municipality ? { provinceId: split.province.id, city: split.province.zh } : { provinceId: split.province.id }
  }
  const capital = provinceOfCapital(s)
  if (capital) return { provinceId: capital.id, city: s }
  // a capital by its English name alone ("Taiyuan", "I live in Hohhot"): only "Shanxi Taiyuan" was understood
  const english = provinceOfEnglishCapital(s)
  if (english) return { provinceId: english.id, city: capitalName(english) }
  if (/^[\u4e00-\u9fff]{2,12}$/.test(s) && !NOT_A_PLACE.test(s)) return { city: s }
  return undefined
}

/**
 * Words that answer without naming a place: "跳过", "没有", "不知道", "我想想", "好的", "是的".
 * They were taken for a city ("跳过在哪个省？"), and a family was registered as living in 河南省 跳过.
 */
const NOT_A_PLACE = /^(跳过|不填|不清楚|不晓得|忘了|随便)|[我你他她想没不吗呢吧啊哦嗯呃了的是好对]/u

/** What to say when a message names no city we know: a place without a list, or no place at all. */
export function cityNotFound(text: string): 'city.notFound' | 'city.notUnderstood' {
  return parsePlace(text) ? 'city.notFound' : 'city.notUnderstood'
}

/** The province's name in the parent's language. */
export function provinceName(id: string, lang: string): string {
  const p = provinceById(id)
  return p ? (lang === 'en' ? p.en : p.zh) : id
}
