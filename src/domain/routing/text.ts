/**
 * Text helpers for the router: normalisation, a syllable stream for homophone and pinyin
 * matching (pinyin-pro), pinyin-word detection, ages, clause boundaries.
 * Pure functions, no I/O.
 */
import { pinyin } from 'pinyin-pro'

const HAN = /[\u3400-\u9fff]/

/**
 * Dialect and colloquial words parents type, with the everyday word the lexicon knows. Same
 * length on both sides, so positions in the text stay where they were.
 */
const DIALECT: Array<[RegExp, string]> = [
  [/俺们/g, '我们'],
  [/俺家/g, '我家'],
  [/俺/g, '我'],
  [/[伢崽]/g, '娃'],
  [/屋头/g, '家里'],
  [/屋里头/g, '家里面'],
  [/没得/g, '没有'],
  [/晓得/g, '知道'],
  [/啥子/g, '什么'],
  [/咋个/g, '怎么'],
  [/咋整/g, '怎么'],
  [/耍水/g, '玩水'],
  [/爹妈/g, '爸妈'],
  [/爹娘/g, '爸妈'],
  [/娃儿/g, '孩子'],
  [/娃娃/g, '孩子'],
  [/小孩儿/g, '小孩子'],
  [/木有/g, '没有'],
  [/中不中/g, '行不行'],
]

/** Full-width to half-width, lower case, dialect words to everyday ones; length is kept (positions line up). */
export function normalise(text: string): string {
  let out = ''
  for (const ch of text) {
    const c = ch.codePointAt(0)!
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0)
    else if (c === 0x3000) out += ' '
    else out += ch
  }
  out = out.toLowerCase()
  for (const [re, to] of DIALECT) out = out.replace(re, to)
  return out
}

/**
 * Dialect- and typing-tolerant form of a toneless syllable: zh/ch/sh → z/c/s, -ng → -n.
 * 公主房 (gong zhu fang) and 公租房 (gong zu fang) then meet.
 */
export function fuzzySyllable(s: string): string {
  return s.replace(/^([zcs])h/, '$1').replace(/ng$/, 'n').replace(/^v/, 'u').replace(/ü/g, 'u')
}

/** Toneless pinyin syllables of a Chinese term (used to index the lexicon). */
export function termSyllables(term: string): string[] {
  return termReadings(term).map(fuzzySyllable)
}

const readingCache = new Map<string, string>()

/**
 * Toneless reading of one character (its most common reading; cached). Messages and lexicon terms
 * are read the same way, character by character, so a mistyped character with the same sound meets
 * the term whatever the context.
 */
export function readingOf(ch: string): string {
  let r = readingCache.get(ch)
  if (r === undefined) {
    r = (pinyin(ch, { toneType: 'none', type: 'array' }) as string[])[0] ?? ch
    readingCache.set(ch, r)
  }
  return r
}

const fuzzyCache = new Map<string, string>()
function fuzzyOf(ch: string, reading: string): string {
  let f = fuzzyCache.get(ch)
  if (f === undefined) {
    f = fuzzySyllable(reading)
    fuzzyCache.set(ch, f)
  }
  return f
}

/** Toneless pinyin syllables of a Chinese term, as read (not fuzzy). */
export function termReadings(term: string): string[] {
  return [...term].map(readingOf)
}

// ---- pinyin typed in Latin letters (youeryuan, yi bao) -----------------------------------

const INITIALS = ['', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h', 'j', 'q', 'x', 'zh', 'ch', 'sh', 'r', 'z', 'c', 's', 'y', 'w']
const FINALS = [
  'a', 'o', 'e', 'i', 'u', 'v', 'ai', 'ei', 'ao', 'ou', 'an', 'en', 'ang', 'eng', 'ong', 'er', 'ia', 'ie', 'iao', 'iu', 'ian', 'in', 'iang', 'ing',
  'iong', 'ua', 'uo', 'uai', 'ui', 'uan', 'un', 'uang', 'ue', 've', 'ui',
]
/** Every plausible pinyin syllable (a superset of the real ones is fine for segmentation). */
const SYLLABLES = new Set<string>()
for (const i of INITIALS) for (const f of FINALS) SYLLABLES.add(i + f)
for (const s of ['yi', 'ya', 'ye', 'yao', 'you', 'yan', 'yin', 'yang', 'ying', 'yong', 'wu', 'wa', 'wo', 'wai', 'wei', 'wan', 'wen', 'wang', 'weng', 'yu', 'yue', 'yuan', 'yun', 'zhi', 'chi', 'shi', 'ri', 'zi', 'ci', 'si']) SYLLABLES.add(s)
const MAX_SYL = 6

/** Splits a Latin word into pinyin syllables (fewest syllables wins); null when it is not pinyin. */
export function splitPinyin(word: string): string[] | null {
  const n = word.length
  if (n === 0) return null
  const best: Array<string[] | null> = new Array(n + 1).fill(null)
  best[0] = []
  for (let i = 0; i < n; i++) {
    const cur = best[i]
    if (!cur) continue
    for (let l = 1; l <= MAX_SYL && i + l <= n; l++) {
      const s = word.slice(i, i + l)
      if (!SYLLABLES.has(s)) continue
      const next = best[i + l]
      if (!next || next.length > cur.length + 1) best[i + l] = [...cur, s]
    }
  }
  return best[n] ?? null
}

/** Common English words that also happen to spell pinyin; they never count as pinyin. */
const ENGLISH_LOOKALIKES = new Set(['a', 'an', 'he', 'me', 'we', 'he', 'she', 'hi', 'in', 'on', 'to', 'go', 'so', 'no', 'do', 'be', 'my', 'is', 'it', 'at', 'i', 'o', 'us', 'yes', 'you', 'your', 'long', 'hang', 'bang', 'man', 'men', 'ban', 'pen', 'ten', 'den', 'fan', 'pan', 'tan', 'can', 'ran', 'sun', 'run', 'gun', 'bun', 'fun', 'hen', 'women', 'china', 'change', 'hope', 'sue', 'die', 'tie', 'pie', 'lie', 'nine', 'mine', 'line', 'dine', 'wine', 'pine', 'fine', 'tone', 'one', 'gone', 'done', 'none', 'bone', 'zone', 'ma', 'pa', 'ok', 'who', 'how', 'now', 'wow', 'cow', 'show', 'chin', 'shin', 'gin', 'pin', 'tin', 'bin', 'din', 'fin', 'sin', 'win', 'kin', 'lin', 'jam', 'ham'])

export interface Syllable {
  /** fuzzy toneless syllable */
  s: string
  /** toneless syllable as read */
  raw: string
  /** index in the normalised text where the syllable's source starts */
  pos: number
  /** true when it came from a Chinese character, false from typed pinyin */
  han: boolean
}

/**
 * The message as a stream of syllables: one per Chinese character (pinyin-pro picks the reading in
 * context), and the syllables of Latin words that read as pinyin. Anything else breaks the stream.
 */
export function syllableStream(text: string): Syllable[][] {
  const runs: Syllable[][] = []
  let run: Syllable[] = []
  const flush = () => {
    if (run.length) runs.push(run)
    run = []
  }
  const re = /([\u3400-\u9fff]+)|([a-z]+)|([ '-]+)|([\s\S])/g
  // in a message written mostly in pinyin, short words such as "you" are pinyin too
  const pinyinText = pinyinShare(text) >= 0.6
  for (const m of text.matchAll(re)) {
    const at = m.index!
    if (m[1]) {
      let k = 0
      for (const ch of m[1]) {
        const r = readingOf(ch)
        run.push({ s: fuzzyOf(ch, r), raw: r, pos: at + k, han: true })
        k += ch.length
      }
    } else if (m[2]) {
      const word = m[2]
      const syl = ENGLISH_LOOKALIKES.has(word) && !pinyinText ? null : splitPinyin(word)
      if (!syl) {
        flush()
        continue
      }
      let p = at
      for (const s of syl) {
        run.push({ s: fuzzySyllable(s), raw: s, pos: p, han: false })
        p += s.length
      }
    } else if (m[3]) {
      // spaces between pinyin words keep the run going
    } else flush()
  }
  flush()
  return runs
}

/** Share of Latin words that read as pinyin (0 when there are none). */
export function pinyinShare(text: string): number {
  const words = text.match(/[a-z]+/g) ?? []
  if (!words.length) return 0
  const py = words.filter((w) => !ENGLISH_LOOKALIKES.has(w) && splitPinyin(w)).length
  return py / words.length
}

// ---- ages ---------------------------------------------------------------------------------

const ZH_NUM: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 俩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12, 十三: 13, 十四: 14, 十五: 15, 十六: 16, 十七: 17, 十八: 18 }

function num(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s)
  return ZH_NUM[s]
}

/** Child ages mentioned in the message, in years (months as fractions). */
export function agesIn(text: string): number[] {
  const ages: number[] = []
  for (const m of text.matchAll(/(\d{1,2}|十[一二三四五六七八]?|[一二两俩三四五六七八九])\s*(?:周岁|岁)(半)?/g)) {
    const n = num(m[1]!)
    if (n !== undefined && n <= 18) ages.push(n + (m[2] ? 0.5 : 0))
  }
  // months are an age only next to the child ("宝宝8个月", "10个月大"), not a duration ("待了一个月")
  for (const m of text.matchAll(/(?:(宝宝|孩子|娃|闺女|儿子|女儿|小孩|婴儿|孙子|孙女|外孙|外孙女|侄子|侄女|baby)(?:才|刚|已经|今年|现在)?满?)?(\d{1,2}|十[一二]?|[一二两三四五六七八九])\s*个(?:多)?月(大|的(?:宝宝|孩子|娃))?/g)) {
    const n = num(m[2]!)
    if (n === undefined || (!m[1] && !m[3])) continue
    if (/岁\s*$/.test(text.slice(Math.max(0, m.index! - 3), m.index!))) continue
    ages.push(n / 12)
  }
  for (const m of text.matchAll(/\b(\d{1,2})[- ]?(?:year|yr)s?[- ]?old\b/g)) ages.push(Number(m[1]))
  for (const m of text.matchAll(/\b(\d{1,2})[- ]?months?[- ]?old\b/g)) ages.push(Number(m[1]) / 12)
  // "my 12 yo", "my son (14)"
  for (const m of text.matchAll(/\b(\d{1,2}) ?(?:yo|y\/o|yrs?)\b|\b(?:son|daughter|boy|girl|kid|child)\s*\((\d{1,2})\)/g)) ages.push(Number(m[1] ?? m[2]))
  return ages
}

/** Start and end of the clause around `pos` (split on sentence and clause punctuation). */
export function clauseAt(text: string, pos: number): [number, number] {
  const stop = /[，。！？；,.!?;\n]/
  let a = pos
  while (a > 0 && !stop.test(text[a - 1]!)) a--
  let b = pos
  while (b < text.length && !stop.test(text[b]!)) b++
  return [a, b]
}

export const isHan = (ch: string) => HAN.test(ch)
