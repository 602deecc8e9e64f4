/**
 * The 31 provinces, autonomous regions and municipalities of the mainland, so that a family can
 * say where it lives even where no checklist file exists: `id` is the province's place id (the
 * same id as its checklist file where there is one: `shanxi`, `inner-mongolia`), `capital` lets the
 * bot place a city typed alone ("太原", "合肥") without asking for its province.
 * Municipalities (直辖市) are their own city.
 */
import { pinyin } from 'pinyin-pro'
import { placeKey } from './places'

export interface Province {
  id: string
  zh: string
  en: string
  capital: string
  municipality?: true
}

export const PROVINCES: readonly Province[] = [
  { id: 'beijing', zh: '北京市', en: 'Beijing', capital: '北京市', municipality: true },
  { id: 'tianjin', zh: '天津市', en: 'Tianjin', capital: '天津市', municipality: true },
  { id: 'hebei', zh: '河北省', en: 'Hebei', capital: '石家庄市' },
  { id: 'shanxi', zh: '山西省', en: 'Shanxi', capital: '太原市' },
  { id: 'inner-mongolia', zh: '内蒙古自治区', en: 'Inner Mongolia', capital: '呼和浩特市' },
  { id: 'liaoning', zh: '辽宁省', en: 'Liaoning', capital: '沈阳市' },
  { id: 'jilin', zh: '吉林省', en: 'Jilin', capital: '长春市' },
  { id: 'heilongjiang', zh: '黑龙江省', en: 'Heilongjiang', capital: '哈尔滨市' },
  { id: 'shanghai', zh: '上海市', en: 'Shanghai', capital: '上海市', municipality: true },
  { id: 'jiangsu', zh: '江苏省', en: 'Jiangsu', capital: '南京市' },
  { id: 'zhejiang', zh: '浙江省', en: 'Zhejiang', capital: '杭州市' },
  { id: 'anhui', zh: '安徽省', en: 'Anhui', capital: '合肥市' },
  { id: 'fujian', zh: '福建省', en: 'Fujian', capital: '福州市' },
  { id: 'jiangxi', zh: '江西省', en: 'Jiangxi', capital: '南昌市' },
  { id: 'shandong', zh: '山东省', en: 'Shandong', capital: '济南市' },
  { id: 'henan', zh: '河南省', en: 'Henan', capital: '郑州市' },
  { id: 'hubei', zh: '湖北省', en: 'Hubei', capital: '武汉市' },
  { id: 'hunan', zh: '湖南省', en: 'Hunan', capital: '长沙市' },
  { id: 'guangdong', zh: '广东省', en: 'Guangdong', capital: '广州市' },
  { id: 'guangxi', zh: '广西壮族自治区', en: 'Guangxi', capital: '南宁市' },
  { id: 'hainan', zh: '海南省', en: 'Hainan', capital: '海口市' },
  { id: 'chongqing', zh: '重庆市', en: 'Chongqing', capital: '重庆市', municipality: true },
  { id: 'sichuan', zh: '四川省', en: 'Sichuan', capital: '成都市' },
  { id: 'guizhou', zh: '贵州省', en: 'Guizhou', capital: '贵阳市' },
  { id: 'yunnan', zh: '云南省', en: 'Yunnan', capital: '昆明市' },
  { id: 'xizang', zh: '西藏自治区', en: 'Xizang (Tibet)', capital: '拉萨市' },
  { id: 'shaanxi', zh: '陕西省', en: 'Shaanxi', capital: '西安市' },
  { id: 'gansu', zh: '甘肃省', en: 'Gansu', capital: '兰州市' },
  { id: 'qinghai', zh: '青海省', en: 'Qinghai', capital: '西宁市' },
  { id: 'ningxia', zh: '宁夏回族自治区', en: 'Ningxia', capital: '银川市' },
  { id: 'xinjiang', zh: '新疆维吾尔自治区', en: 'Xinjiang', capital: '乌鲁木齐市' },
]

const byId = new Map(PROVINCES.map((p) => [p.id, p]))

export function provinceById(id: string): Province | undefined {
  return byId.get(id)
}

const lower = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ')

/** The province a name means ("山西", "山西省", "Shanxi", "shanxi"), or undefined. */
export function provinceByName(name: string): Province | undefined {
  const key = placeKey(name)
  if (!key) return undefined
  return PROVINCES.find((p) => placeKey(p.zh) === key || lower(p.en) === lower(name) || p.id === lower(name)) ??
    // 内蒙古自治区 → 内蒙古, 广西壮族自治区 → 广西: the short names parents use.
    PROVINCES.find((p) => p.zh.startsWith(key) && key.length >= 2 && !/[市县区]$/.test(name.trim()))
}

/** The province whose capital (or municipality) a city name is ("太原" → shanxi), or undefined. */
export function provinceOfCapital(city: string): Province | undefined {
  const key = placeKey(city)
  return key ? PROVINCES.find((p) => placeKey(p.capital) === key) : undefined
}

/** Capitals whose usual English name is not their pinyin (哈尔滨 is Harbin, not Haerbin). */
const CAPITAL_EN: Record<string, string> = { 'inner-mongolia': 'Hohhot', heilongjiang: 'Harbin', xizang: 'Lhasa', xinjiang: 'Urumqi' }

const latinKey = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '')

/**
 * The province whose capital (or municipality) an English name is ("Taiyuan", "Hohhot", "Xi'an",
 * "Taiyuan City"): its pinyin or its usual English name. Only "Shanxi Taiyuan" was understood.
 */
export function provinceOfEnglishCapital(name: string): Province | undefined {
  const key = latinKey(name.trim().replace(/\s+(city|shi)$/i, ''))
  if (key.length < 3 || !/^[a-z\s'’.-]+$/i.test(name.trim())) return undefined
  return PROVINCES.find((p) => latinKey(pinyin(placeKey(p.capital), { toneType: 'none', type: 'array' }).join('')) === key || (CAPITAL_EN[p.id] && latinKey(CAPITAL_EN[p.id]!) === key))
}

/**
 * Splits "山西太原", "山西省 太原市", "安徽合肥" into a province and the rest (the city, possibly
 * empty: "山西"); undefined when the text does not start with a province's name.
 */
export function splitProvince(text: string): { province: Province; rest: string } | undefined {
  const s = text.trim()
  const spaced = s.split(/[\s,，、/]+/).filter(Boolean)
  if (spaced.length >= 2) {
    const p = provinceByName(spaced[0]!)
    if (p) return { province: p, rest: spaced.slice(1).join('') }
  }
  const whole = provinceByName(s)
  if (whole) return { province: whole, rest: '' }
  // Longest name first: 内蒙古自治区 before 内蒙古.
  const names = PROVINCES.flatMap((p) => [p.zh, placeKey(p.zh), ...(p.zh.includes('自治区') ? [p.zh.slice(0, 2), p.zh.slice(0, 3)] : [])].map((n) => ({ n, p })))
  names.sort((a, b) => b.n.length - a.n.length)
  for (const { n, p } of names) if (n.length >= 2 && s.startsWith(n) && s.length > n.length) return { province: p, rest: s.slice(n.length).trim() }
  return undefined
}
