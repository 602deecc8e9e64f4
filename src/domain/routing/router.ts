/**
 * The router: works out which checklist service a parent's message is about, answers with the
 * departments the family's own jurisdiction list names, and flags a child possibly in danger.
 *
 * Pure, offline and explainable: a weighted lexicon (lexicon.ts) matched exactly, by sound
 * (homophones such as 幼儿圆, 医宝) and in typed pinyin (youeryuan, yibao), plus English; a few
 * rules (negation, ages, disability + school …); a content signal from the checklist items
 * themselves, segmented with jieba (content-signal.ts). Every point a service gets is listed in
 * `explanation`.
 */
import { SERVICE_KEYS, type ServiceKey } from '../../content/vocabulary'
import { departmentsFor } from '../../content/index'
import { LEXICON, NEGATORS_ZH, POST_NEGATORS_ZH, NEGATORS_EN, CONTRAST_ZH, type LexKey } from './lexicon'
import { normalise, syllableStream, termSyllables, termReadings, agesIn, clauseAt, isHan } from './text'
import { assessUrgency, CRISIS_PARTS, THEFT, HOMESICK, SAD_DAILY, EXASPERATION as EXASPERATED } from './urgency'
import { scoreUrgency, loadedWeights, URGENCY_THRESHOLD } from './urgency-model'
import { contentSignal, itemNamesIn, segmenter } from './content-signal'

export interface RouteAlternative {
  service: ServiceKey
  confidence: number
}

export interface RouteResult {
  /** The main service, or 'none' when the message is not about a checklist service. */
  service: ServiceKey | 'none'
  /** 0..1: how sure the router is of `service`. */
  confidence: number
  /** Runner-up services, best first. */
  alternatives: RouteAlternative[]
  /** Every need found, the main one first. */
  needs: ServiceKey[]
  /** Responsible departments for `service` in the jurisdiction's list ([] for none). */
  departments: string[]
  /** A child may be in danger now: a person must see this at once. */
  urgent: boolean
  urgency: { reasons: string[] }
  /** Why: matched terms and rules, per service (and `none`, `urgency`). */
  explanation: Record<string, string[]>
  /** Confidence is low: the channel should offer the likeliest services to choose from. */
  ask: boolean
}

export interface RouteOptions {
  /** How many runner-ups to return (default 3). */
  maxAlternatives?: number
  /** Skip the department look-up (for evaluation of the service alone). */
  skipDepartments?: boolean
}

/** The model alone makes a message urgent only when it has at least this many Han characters and words. */
export const MODEL_MIN_UNITS = 5
const storyUnits = (norm: string) => (norm.match(/[\u3400-\u9fff]/g)?.length ?? 0) + (norm.match(/[a-z]+/g)?.length ?? 0)

/** Below this a message is not about any service. */
export const MIN_SCORE = 1.5
/** Below this confidence the channel asks. */
export const ASK_BELOW = 0.5

// ---- compiled lexicon ------------------------------------------------------------------------

interface Term {
  key: LexKey
  term: string
  w: number
  /** toneless readings joined by spaces (Chinese terms) */
  raw?: string
}

function parseEntries(key: LexKey, src: string, lang: 'zh' | 'en'): Term[] {
  // zh entries are separated by spaces; en entries (which may hold spaces) end at their weight
  const parts = lang === 'zh' ? src.split(/\s+/) : src.split(/(?<=\*\d+(?:\.\d+)?)\s+/)
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map((tok) => {
      const star = tok.lastIndexOf('*')
      if (lang === 'en' && star < 0) throw new Error(`routing lexicon: en entry "${tok}" of ${key} needs a weight`)
      const term = star > 0 ? tok.slice(0, star) : tok
      const w = star > 0 ? Number(tok.slice(star + 1)) : 2
      if (!Number.isFinite(w)) throw new Error(`routing lexicon: bad weight in "${tok}" of ${key}`)
      return { key, term, w }
    })
}

interface EnTerm extends Term {
  re: RegExp
  /** matches the whole word only */
  whole: boolean
}

/** Everyday English words that are one letter from a lexicon word (still/skill, scared/scary): never typos. */
const COMMON_WORDS = new Set(
  'downstairs upstairs still scared there where these those their about would could should which while after again other every never since until might maybe really money hours night today thing think thank going doing being having great small large right wrong first early later alone house place phone being given taken makes taking asked askes worry worried happy angry sorry years months weeks local close near needs wants hurts helps loves lives lived cares cared works worked shift shifts bills bill store stores price prices paper papers point points state stated start started stay stays staying child children kids daughter son sons daughters wife husband mother father parent parents family families friend friends school schools class classes teacher teachers write wrote words world'.split(' '),
)

/** Optimal-string-alignment distance (a swap counts as one edit); stops early past `limit`. */
export function editDistance(a: string, b: string, limit = 2): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  const prev2 = new Array<number>(b.length + 1).fill(0)
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1)
      cur.push(v)
      rowMin = Math.min(rowMin, v)
    }
    if (rowMin > limit) return limit + 1
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j]!
    prev = cur
  }
  return prev[b.length]!
}

interface Compiled {
  /** Chinese terms by their first character, longest first */
  zh: Map<string, Term[]>
  bySound: Map<string, Term[]>
  /** every leading part of a sound key (to stop extending early) */
  soundPrefixes: Set<string>
  maxSyl: number
  /** English terms by the first three letters of their first word */
  en: Map<string, EnTerm[]>
  /** single-word English terms of five letters or more, by first letter (for typos) */
  enWords: Map<string, EnTerm[]>
}

let compiled: Compiled | undefined

function compile(): Compiled {
  if (compiled) return compiled
  const zh: Term[] = []
  const en: EnTerm[] = []
  for (const key of Object.keys(LEXICON) as LexKey[]) {
    const entry = LEXICON[key]
    for (const t of parseEntries(key, entry.zh, 'zh')) zh.push(t)
    for (const t of parseEntries(key, entry.en, 'en')) {
      const whole = t.term.endsWith('$')
      const word = whole ? t.term.slice(0, -1) : t.term
      const body = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, "[\\s-]+").replace(/'/g, "['’]?")
      en.push({ ...t, term: word, whole, re: new RegExp(`(?<![a-z])${body}${whole ? '(?![a-z])' : ''}`, 'g') })
    }
  }
  // a longer term never weighs less than a shorter one of the same service inside it (读高中 ≥ 高中):
  // the longer one claims the characters, so it must carry their weight
  for (const t of zh) for (const u of zh) if (u.key === t.key && u.term !== t.term && t.term.includes(u.term) && u.w > t.w) t.w = u.w
  zh.sort((a, b) => b.term.length - a.term.length || b.w - a.w)
  const bySound = new Map<string, Term[]>()
  const soundPrefixes = new Set<string>()
  let maxSyl = 2
  for (const t of zh) {
    if (t.term.length < 2 || ![...t.term].every(isHan)) continue
    const parts = termSyllables(t.term)
    const syl = parts.join(' ')
    for (let k = 1; k <= parts.length; k++) soundPrefixes.add(parts.slice(0, k).join(' '))
    t.raw = termReadings(t.term).join(' ')
    const list = bySound.get(syl) ?? []
    list.push(t)
    bySound.set(syl, list)
    maxSyl = Math.max(maxSyl, t.term.length)
  }
  const enIndex = new Map<string, EnTerm[]>()
  for (const t of en) {
    const head = t.term.split(/[\s-]/)[0]!.slice(0, 3)
    enIndex.set(head, [...(enIndex.get(head) ?? []), t])
  }
  const zhIndex = new Map<string, Term[]>()
  for (const t of zh) zhIndex.set(t.term[0]!, [...(zhIndex.get(t.term[0]!) ?? []), t])
  const enWords = new Map<string, EnTerm[]>()
  for (const t of en) if (/^[a-z]{5,}$/.test(t.term)) enWords.set(t.term[0]!, [...(enWords.get(t.term[0]!) ?? []), t])
  compiled = { zh: zhIndex, bySound, soundPrefixes, maxSyl, en: enIndex, enWords }
  return compiled
}

// ---- matching ---------------------------------------------------------------------------------

interface Match {
  key: LexKey
  term: string
  w: number
  start: number
  end: number
  via: 'word' | 'sound' | 'pinyin' | 'en'
  /** what was written, when it differs from the term */
  written?: string
  negated?: boolean
}

function claim(claimed: Uint8Array, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (claimed[i]) return false
  for (let i = a; i < b; i++) claimed[i] = 1
  return true
}

/** Light words jieba glues to a neighbour (a measure word, a verb of asking, a particle). */
const LIGHT_BEFORE = /^[个办领吃申报交要想给把上找能]$/
const LIGHT_AFTER = /^[吗呢吧啊呀的了不么嘛]$/

function findMatches(text: string): Match[] {
  const c = compile()
  const cands: Match[] = []
  // 1. exact Chinese terms (and digits such as 12355)
  for (let i = 0; i < text.length; i++) {
    const terms = c.zh.get(text[i]!)
    if (!terms) continue
    for (const t of terms) if (text.startsWith(t.term, i)) cands.push({ key: t.key, term: t.term, w: t.w, start: i, end: i + t.term.length, via: 'word', written: undefined, negated: false })
  }
  // 2. by sound: homophones (幼儿圆) and typed pinyin (youeryuan, yi bao)
  for (const run of syllableStream(text)) {
    for (let i = 0; i < run.length; i++) {
      let key = run[i]!.s
      if (!c.soundPrefixes.has(key)) continue
      let raw = run[i]!.raw
      let han = run[i]!.han
      for (let len = 2; len <= c.maxSyl && i + len <= run.length; len++) {
        const last = run[i + len - 1]!
        key += ' ' + last.s
        if (!c.soundPrefixes.has(key)) break
        raw += ' ' + last.raw
        han &&= last.han
        const terms = c.bySound.get(key)
        if (!terms) continue
        const first = run[i]!
        const end = last.han ? last.pos + 1 : last.pos + (text.slice(last.pos).match(/^[a-z]+/)?.[0].length ?? 1)
        const written = text.slice(first.pos, end)
        if (han && terms.some((t) => t.term === written)) continue // the exact match is already there
        // a homophone of a two-character word is weaker evidence than a longer one
        const factor = han ? (len === 2 ? 0.7 : 0.85) : 0.9
        // a mistyped character keeps at least one of the word's characters (医宝 → 医保, not 水灾 for 睡在);
        // a two-character one also keeps the exact sound (晚上 is not 网上)
        // and a typo does not turn a word into a pronoun or a particle (被我 is not 被窝, 还打吗 is not 打骂)
        const fits = (t: Term) => !han || (!/[我你他她它们的了是在有吗呢吧嘛么啊呀]/.test(written) && [...t.term].some((ch) => written.includes(ch)) && (len > 2 || t.raw === raw))
        for (const t of terms) if (fits(t)) cands.push({ key: t.key, term: t.term, w: t.w * factor, start: first.pos, end, via: han ? 'sound' : 'pinyin', written, negated: false })
      }
    }
  }
  // a homophone must stand on word boundaries (jieba): 丑图发群里 holds no 突发
  if (cands.some((m) => m.via === 'sound')) {
    const bounds = new Set<number>([0, text.length])
    let at = 0
    for (const w of segmenter().cut(text, true)) {
      at += w.length
      bounds.add(at)
    }
    // jieba may glue a slip to a light word next to it (申请个底保 → 个底/保, 办底/保): a boundary one
    // character off, across such a word, still counts
    const startOk = (at: number) => bounds.has(at) || (LIGHT_BEFORE.test(text[at - 1] ?? '') && bounds.has(at - 1))
    const endOk = (at: number) => bounds.has(at) || (LIGHT_AFTER.test(text[at] ?? '') && bounds.has(at + 1))
    for (let i = cands.length - 1; i >= 0; i--) {
      const m = cands[i]!
      if (m.via === 'sound' && (!startOk(m.start) || !endOk(m.end))) cands.splice(i, 1)
    }
  }
  // 3. English: only the terms whose first word starts like a word of the message
  const heads = new Set<string>()
  for (const w of text.match(/[a-z0-9][a-z0-9'-]*/g) ?? []) heads.add(w.slice(0, 3))
  for (const head of heads) {
    for (const t of c.en.get(head) ?? []) {
      t.re.lastIndex = 0
      for (const m of text.matchAll(t.re)) cands.push({ key: t.key, term: t.term, w: t.w, start: m.index!, end: m.index! + m[0].length, via: 'en', written: undefined, negated: false })
    }
  }
  // 4. English typos (insurence, vacine, depresed): one edit from a single-word term, same first letter
  for (const w of text.matchAll(/[a-z]{5,}/g)) {
    const word = w[0]
    const start = w.index!
    if (COMMON_WORDS.has(word)) continue
    if (cands.some((m) => m.via === 'en' && m.start <= start && m.end > start)) continue
    for (const t of c.enWords.get(word[0]!) ?? []) {
      const stem = t.term
      const limit = stem.length >= 9 ? 2 : 1
      let d = Infinity
      for (const len of t.whole ? [word.length] : [stem.length - 1, stem.length, stem.length + 1]) if (len <= word.length) d = Math.min(d, editDistance(word.slice(0, len), stem, limit))
      if (t.whole && word.length !== stem.length && Math.abs(word.length - stem.length) > 1) continue
      if (d <= limit && d > 0) cands.push({ key: t.key, term: t.term, w: t.w * 0.8, start, end: start + word.length, via: 'en', written: word, negated: false })
    }
  }
  // the longest reading of each stretch of text wins; exact spelling before sound
  const rank = (m: Match) => (m.via === 'word' || m.via === 'en' ? 0 : 1)
  cands.sort((a, b) => b.end - b.start - (a.end - a.start) || rank(a) - rank(b) || b.w - a.w || a.start - b.start)
  const claimed = new Uint8Array(text.length)
  const out: Match[] = []
  const taken = new Map<string, Match>()
  for (const m of cands) {
    const id = `${m.start}:${m.end}`
    // several terms of the same sound and span (rare) all count
    const first = taken.get(id)
    // several terms of the same sound and span, or one term listed under several services, all count
    if (first && first.via === m.via && (first.term === m.term ? first.key !== m.key : m.via === 'sound' || m.via === 'pinyin')) {
      out.push(m)
      continue
    }
    if (claim(claimed, m.start, m.end)) {
      taken.set(id, m)
      out.push(m)
    }
  }
  return out.sort((a, b) => a.start - b.start)
}

/** "不是要上学，是要打疫苗": a term right after a negator (or before "已经有了") is taken back. */
function markNegations(text: string, matches: Match[]): void {
  for (const m of matches) {
    const [a, b] = clauseAt(text, m.start)
    const before = text.slice(Math.max(a, m.start - 8), m.start)
    if (m.via === 'en') {
      const window = text.slice(Math.max(a, m.start - 30), m.start)
      if (NEGATORS_EN.some((n) => window.includes(n)) && !/\bbut\b/.test(window.slice(window.lastIndexOf('not')))) m.negated = true
      continue
    }
    for (const n of NEGATORS_ZH) {
      const at = before.lastIndexOf(n)
      if (at < 0) continue
      // "是不是", "需不需要", "用不用" ask a question and "不是很" softens: none takes anything back
      const abs = Math.max(a, m.start - 8) + at
      if (text[abs - 1] === n[1] || text.startsWith('不是很', abs) || text.startsWith('不用钱', abs)) continue
      // "打也不是骂也不是": neither works, an idiom, not a negation
      if (text[abs - 1] === '也' && text.startsWith('不是', abs)) continue
      const gap = before.slice(at + n.length)
      if (gap.length <= 4 && !CONTRAST_ZH.some((k) => gap.includes(k))) {
        m.negated = true
        break
      }
    }
    // "孩子不上幼儿园了": no longer going there
    if (!m.negated && /(不上|不读|不去|不念|不考)$/.test(text.slice(Math.max(a, m.start - 2), m.start)) && text[m.end] === '了') m.negated = true
    // "不想考高中", "死活不肯上高中": refusing that stage (a stage term right after the refusal)
    if (!m.negated && STAGE_TERM.test(m.term) && (/(不想|不愿意?|不肯|不打算|不准备)(上|读|念|考)$/.test(text.slice(Math.max(a, m.start - 4), m.start)) || (/^[上读念考]/.test(m.term) && /(不想|不愿意?|不肯|不打算|不准备)$/.test(text.slice(Math.max(a, m.start - 3), m.start))))) m.negated = true
    if (!m.negated) {
      const after = text.slice(m.end, Math.min(b, m.end + 10))
      if (POST_NEGATORS_ZH.some((n) => after.includes(n))) m.negated = true
    }
  }
}

// ---- rules over the matches --------------------------------------------------------------------

/** School stages a child can refuse to go on to (不想考高中). */
const STAGE_TERM = /高中|普高|初中|大学|高考|中考/

/** Terms that mean "school" or "care" in general: the child's age says which service. */
const GENERIC_SCHOOL = new Set(['上学', '入学', '读书', '念书', '报名', '学位', '学校', '开学', 'school', 'enrol', 'enroll', 'school place', '插班', '私立', '公立', '民办', '公办'])
const GENERIC_CARE = new Set(['没人带', '没人看', '白天没人', '托管', '带孩子', '看孩子', '帮忙看孩子', '看孩子的地方', '托管的地方', 'childcare', 'child care', 'look after', 'take care of'])

function byAge(age: number, kind: 'school' | 'care'): ServiceKey | undefined {
  if (kind === 'school') {
    if (age < 3) return 'child_health'
    if (age < 6) return 'preschool'
    if (age >= 15.5) return 'high_school'
    return undefined
  }
  if (age < 3) return 'child_health'
  if (age < 6) return 'preschool'
  return undefined
}

/** Family status said in passing ("我们是低保户", "我们没有本地医保"): half weight. */
const STATUS = /(?:我们|我家|家里|家)?(?:是|属于|评的是|评上了?|算)(?:低保户?|建档立卡户?|特困户?|残疾人)|(?:没有|没)(?:本地|当地|这边的?)(?:医保|社保|户口)/g
/** A parent named right before a condition: 妈妈有…, 他爸是…, 我自己也是… */
const PARENT_BEFORE = /(妈妈|爸爸|他妈|他爸|孩子妈|孩子爸|母亲|父亲|老公|老婆|丈夫|妻子|我自己|我本人|(?<![家的])我)(也)?(有|是|得了|患有|患了)?(点|一些|轻度|重度)?$/
/** Myopia named: the eye check asked for is medical care, unless the child is of kindergarten age or under. */
const MYOPIA = /近视|\b(short-?sighted|near-?sighted|myopi\w*)\b/
const EYE_CHECK = new Set(['近视', '查视力', '测视力', '视力', '眼睛', '眯眼', '眯着眼', '揉眼睛', '眼保健', '体检', '查查', 'eyesight', 'vision', 'check-up', 'checkup'])
/** A dispute with a landlord over a deposit is not hardship: no service ("房东扣了押金", "退房要扣押金"). */
const DEPOSIT_DISPUTE = /(房东|退房|退租|中介)[^。！!？?]{0,12}押金|押金[^。！!？?]{0,8}(不退|扣|不给|要不回)|\b(landlord|deposit)\b.{0,30}\b(keep|kept|won'?t (return|give)|deduct\w*)\b/
const HARDSHIP = /交不起|拿不出|没钱|住院|看病|救急|困难|\b(can'?t afford|no money)\b/
/** A child hurt in an accident (a fall, a burn, a cut) now: medical care, whoever is looking after them. */
const INJURED = /(胳膊|手臂|手腕|手指|手|腿|脚|脚踝|膝盖|头|脑袋|额头|下巴|骨头|后脑勺|脑门|脸|鼻子|嘴|眼睛|眉骨)[^，。,.！!？?\s]{0,3}(弯了|断了|折了|变形|歪了|肿(了|得)|流血|出血|(流|出|淌)了?(好多|很多|不少|一地|一脸|一身)?的?血|破了|裂了|抬不起来|动不了|不能动)|骨折|脱臼|\b(broke (his|her) (arm|leg|wrist)|broken (arm|leg|wrist)|dislocat\w*)\b/
const ACCIDENT_HOW = /摔|(掉|滚)(下来|下去)|跌|磕|碰(到|伤)|撞(到|伤)|烫|割(到|伤|破)|扎(到|伤|破)|夹(到|伤)|不小心|\b(fell|fall(ing)? (off|from|down)|tripped|accident)\b/
/** Sexual harm by someone of the family (她叔, 继父, 亲戚): a guardianship matter, not safety education. */
const RELATIVE_HARM = /((她|他|孩子|娃|我|俺|闺女|女儿|儿子)(的)?(亲)?(叔叔?|小叔|大伯|伯伯|舅舅?|姑父|姑夫|姨父|姨夫|爷爷|外公|姥爷|表哥|堂哥|表叔|哥哥|姐夫|爸爸?|爹)|继父|后爸|养父|亲戚|小叔子|大伯子)[^，。,.！!？?]{0,12}(摸|脱|亲(她|他)|抱着|拍(照|视频|她|他)|进(她|他)的?(房间|屋|被窝)|钻|掀|性侵|猥亵|碰(她|他)|看.{0,4}(视频|片子))|\b((her|his) (uncle|stepfather|stepdad|cousin|grandfather)|a relative)\b.{0,30}\b(touch\w*|undress\w*|photos?|molest\w*)\b/
/** Harm by school or kindergarten staff: the school named is where it happened, not the service asked for. */
const STAFF_HARM = /(老师|园长|保育员|班主任|校长|教练|教官|家教)[^，。,.！!？?\s说爸妈]{0,8}(打(?!电话|听|招呼)|掐|踢|踹|扇|揪|拧|绑|封|捂|关(在|进|到)|罚|推|烫|吓唬|不给.{0,2}(吃|喝|上厕所)|摸|亲(她|他)|脱|搂)|\b(teacher|coach)\b.{0,20}\b(hit|hits|slapped|pinched|taped|locked|tied)\b/
/** Asking the state or an institution to take the child in and raise them ("政府能不能接过去养"): guardianship by an institution. */
const STATE_TAKES_IN = /(让|请|由|交给)(国家|政府|民政|福利院|公家)(先|来|给|帮着?|帮忙)*(养|抚养|收养|管|照顾|接走|领走|收走|带走|接过去|领过去|收留)|(政府||国家|民政|福利院|公家|机构|你们|有关部门)[^，。,.！!？?\s]{0,6}(接|领|收|带)(过去|走|回去|过来)?(养|抚养|照顾|管)|(接|领|送)(过去|走|去)(养|抚养)|(有没有|哪有|有啥|哪里有|有什么)(地方|机构|单位)(能|可以|肯|愿意)?(长期)?(养|收养|收留|抚养|照顾)/
/** Asking someone to come and look in on a child ("能让社区来个人看看吗", "派个人瞅瞅"): a home visit. */
const COME_AND_LOOK = /(社区|网格员?|儿童主任|街道|居委会?|村委会?|村里|民政|你们|政府|有关部门|谁|有人|哪位|好心人)[^，。,.！!？?]{0,10}(来|去|派|找|上门)(个)?(人)?(来|去|上门)?(家里|他家|她家|我家|俺家)?(看看|瞅瞅|瞧瞧|看一下|看一眼|看下|看一看|瞅一眼|瞅一下|瞧一眼|瞧一下|瞅瞅看)(?!病|医生|大夫)|\b(can|could) (someone|somebody|anyone) (go|come|pop) (round|over|and (check|look|see))/
/** A senior-high ask by its exam or its school (异地高考 … 学籍, 考上县一中 学杂费能免不): senior high, whatever junior-high year
 * the story also tells. */
const SENIOR_HIGH_ASK = /异地高考|高考[^，。,.！!？?\s]{0,6}(学籍|报名|资格|户籍|回原籍|回老家)|学籍[^，。,.！!？?\s]{0,8}高考|考上(了)?[^，。,.！!？?\s]{0,4}(一中|二中|三中|四中|高中|重点)|(县|市|区|旗)(一|二|三|四|五)中/
/** Someone asked to keep an eye on a child (想找个社工帮着盯着点, 社区能不能多关注一下) … */
const KEEP_AN_EYE = /(社工|社区|居委会?|村委会?|网格员?|儿童主任|有人|谁)[^，。,.！!？?]{0,8}(盯着|看着点|关注|留意|跟进|照看|管着点)/
/** … whose parent cannot care for them (精神上有问题, 做饭有一顿没一顿, 喝醉了不管): case help (guardianship_support). */
const CARER_FAILING = /有一顿没一顿|饥一顿饱一顿|精神(上)?(有)?(点)?(问题|病)|不管(孩子|娃|他|她)|顾不上(孩子|娃)|喝(酒|醉)|瘦了一圈/
/** A parent who hurt the child themself (没忍住 拿皮带抽了他, 我知道不对可控制不住) … */
const PARENT_OWN_HARM = /没忍住|控制不住|忍不住|(我|俺)(知道)?(不对|不该)|(我|俺)[^，。,.！!？?]{0,4}(打|抽|揍|踹)了?(他|她|孩子|娃)/
/** … asking to be taught how to bring the child up (有没有教怎么管孩子的, 家长课堂): family education, urgent kept. */
const PARENTING_TAUGHT = /(有没有|哪有|哪里有|有啥|有什么)[^，。,.！!？?]{0,4}(教|讲|学)[^，。,.！!？?]{0,4}(怎么|咋|如何)?(管|带|教育)(孩子|娃)|家长(课|课堂|学校|培训)|育儿课|亲子课/
/** … or someone else asking that the parent who hurt the child be taught (有没有人能教教他咋管孩子): family education too. */
const HARMER_TAUGHT = /教(教|一教|一下|下)?(他|她|孩子他爸|孩子他妈|孩他爸|孩他妈|他爸|她爸|他妈|她妈|我老公|我男人|俺男人|我媳妇)[^，。,.！!？?\s]{0,2}(咋|怎么|如何)(管|带|教育)(孩子|娃)/
/** A jab's reaction asked about (打完针 … 腿上鼓个包 硬硬的 这正常不): child health. */
const JAB_REACTION_ASK = /(肿|包|硬|红|疼|痛|发烧|发热|哭)[^]{0,20}(正常(吗|不|么|嘛)?|要紧(吗|不)?|没事吧|用不用|还用|要不要|咋办|怎么办|咋回事)/
/** A hospital bill reimbursed too little, asking to claim more (只报了一点点 还能再报吗): medical insurance. */
const REIMBURSE_MORE = /(住院|看病|医药费|药费|手术|花了)[^。！!？?]{0,20}(只报了|报了一点|报得少|报的少|报得太少|才报了)|(还能|能不能|可不可以|可以)再报(?!名)/
/** A child helped to catch up (有没有人能帮她把功课跟上) where being an outsider is the trouble (外地孩子): school integration. */
const CATCH_UP = /(把|帮)(她|他|孩子|娃)?[^，。,.！!？?\s]{0,3}(功课|学习|成绩|课程|进度|课)[^，。,.！!？?\s]{0,2}(跟上|补上|赶上|补一补|补补)/
const OUTSIDER = /外地|外来|流动|随迁|农村来|乡下来|打工子弟|看不起|歧视|排挤|瞧不起/
/** A child beaten or bullied at school by other pupils (在学校被几个大的打了): the school's safety. */
const BULLIED_AT_SCHOOL = /(在学校|学校里|班上|同学|高年级|大孩子|几个大的)[^，。,.！!？?\s]{0,6}(被|让|给)?[^，。,.！!？?\s]{0,4}(打|揍|欺负|围殴|堵)/
/** A parent with the children (带着俩娃, 领着两个娃, 我和孩子): their night out is the family's. */
const WITH_THE_CHILDREN = /(带|领|抱|牵|背)着[^，。,.！!？?\s]{0,3}(孩子|娃|闺女|儿子|女儿|小的|大的)|(我|俺)(和|跟|带)(孩子|娃|闺女|儿子|女儿)|(我们|俺们)娘(俩|仨)|\bwith (my|the) (kids|children|son|daughter)\b/
/** One child of the family hurting or bullying a sibling (老大老是掐弟弟, 姐姐总欺负妹妹), the parent asking how to teach them:
 * family education, not bullying at school. */
const SIBLING_HARM = /(老大|老二|哥哥|姐姐|弟弟|妹妹|大的|小的)[^，。,.！!？?\s]{0,4}(欺负|掐|推|打|抢|咬)[^，。,.！!？?\s]{0,2}(弟弟|妹妹|哥哥|姐姐|老大|老二|小的|大的)|\b(keeps|always) (hitting|pinching|bullying|pushing) (his|her) (little |baby |younger )?(brother|sister)\b/
const HOW_TO_TEACH = /(怎么|咋|如何|该怎么|该咋)(教育?|管|说|办)|\bhow (do|should|can) (i|we) (teach|handle|deal)/
/** A child taught to stay safe (记住电话, 遇事会喊人, 背下家里地址): safety, not parenting. */
const SAFETY_SKILL = /(记住|记牢|背(会|下|熟|住))[^，。,.！!？?\s]{0,6}(电话|手机号|号码|住址|地址)|遇(事|到危险|到坏人|到事)[^，。,.！!？?\s]{0,4}(会|要|知道|能)?(喊人|求救|呼救|报警|找警察)/
/** A relative raising the child ("跟着我这个舅舅", "我是他姑"). */
const RELATIVE_CARER = /(孙子|孙女|外孙女?|外甥女?|侄子|侄女)(现在|一直)?(跟着?|在)(我|俺|我们)|(跟着|跟|在)(我|俺)(这个|这)?(舅舅?|姑姑?|姨|小姨|大姨|叔叔?|伯伯?|大伯|奶奶|爷爷|姥姥|姥爷|外婆|外公|哥|姐)|(我|俺)(是|这个当)(孩子|娃)?(他|她)?的?(亲)?(舅舅?|姑姑?|姨|小姨|大姨|叔叔?|伯伯?|大伯|奶奶|爷爷|姥姥|姥爷|外婆|外公|哥哥|姐姐|表哥|表姐)|(我|俺)(这个?|们)?(当|做)(孩子|娃)?(他|她)?的?(舅舅?|姑姑?|姨|叔叔?|伯伯?|大伯|奶奶|爷爷|姥姥|姥爷|外婆|外公)的|\b(i'?m (his|her|their) (aunt|uncle|grandmother|grandfather|grandma|grandpa))\b/
/** A kin child (侄子, 外孙女, nephew) living with the speaker (一直跟着俺过, 现在跟着我, lives with me): a relative raising them. */
const KIN_CHILD = /孙子|孙女|外孙|侄子|侄女|侄儿|外甥|甥女|\b(nephew|niece|grandson|granddaughter|grandchild\w*|grandkids?)\b/
const LIVES_WITH_ME = /(跟着?|随|在)(我|俺)(们|家|这)?(这儿|这里)?(过|住|生活|长大|身边)|(现在|一直|如今)(就)?跟着?(我|俺)|(他|她|孩子|娃)(现在|一直|如今)?(就)?(跟着|在)(我|俺)(们)?(家|这|老两口|两口子)?|(我|俺)(们|和老伴|两口子|老两口)?(带着|养着|管着)|\b((lives?|living|stays?|staying|has lived|have lived) with (me|us)|in (my|our) care|i (look|have looked) after (my|our)|(i'?m|we'?re|i am|we are) (looking after|raising|taking care of) (my|our|him|her))\b/
/** An English relative whose child the speaker has (my brother is in prison, his 2 kids stay with me). */
const KIN_EN = /\bmy (husband'?s |wife'?s |late )?(brother|sister|son|daughter|brother-in-law|sister-in-law|cousin)\b/
const relativeCarer = (text: string) => RELATIVE_CARER.test(text) || ((KIN_CHILD.test(text) || KIN_EN.test(text)) && LIVES_WITH_ME.test(text))
/** Asking what becomes of the child or who can help (娃以后咋办, 有人能帮不, who can help us, what happens to her). */
const CASE_ASK = /(以后|往后|将来)[^，。,.！!？?\s]{0,4}(咋办|怎么办|咋弄|怎么弄|咋整|谁管|谁来管)|(孩子|娃|他|她)(可)?(咋办|怎么办|咋弄|谁管)|(谁|哪个部门|哪里|哪儿|啥地方|什么地方|有人|有没有人|哪位)(能|可以|会|来)?(帮|管)|能找(谁|哪)|找(谁|哪个部门)|帮帮|归谁管|该谁|谁(来)?管|\b(who (can|could|will) help|who helps|what (happens|will happen) to (him|her|them|the kids?)|who (do|should) (i|we) (ask|turn to|go to|talk to)|what (are|am) (we|i) (supposed|meant) to do|what (do|should|can) (i|we) do)\b/
/** The parents are gone: jailed, vanished, dead or not caring. */
const PARENTS_GONE = /判(了|刑)|早走了|死了|病死|在里头|蹲着|蹲监狱|关着|坐牢|服刑|监狱|进去了|跑了|不管了|不管(他|她|孩子|娃)|没了|不在了|去世|联系不上|找不到人|失联|\b(in prison|in jail|left|disappeared|died)\b/
/** Paperwork nobody can sign for (手续, 证明, 签字 …): case help for a child whose guardianship is missing. */
const PAPERWORK = /手续|证明|签字|办不了|卡住|卡着|身份证|户口本|出生证|证件|办不下来|啥都办不|没法办|材料|监护人|\b(paperwork|papers|sign for|documents?|(can'?t|cannot|not allowed to) sign)\b/
/** Asking who can decide for the child ("谁能帮着拿主意", "没人替他做主", "who can make decisions for her"): missing guardianship. */
const WHO_DECIDES = /(谁|哪个|哪位|什么人|啥人|哪个部门)(能|来|可以|有权|该)?(帮(着|忙)?|替(他|她|孩子|娃)|给(他|她|孩子|娃))?(拿主意|做主|作主|做决定|作决定|说了算|签字|拍板|当家)|没人(能|可以)?(替|给|帮)?(他|她|孩子|娃)?(拿主意|做主|作主|签字|做决定|作决定)|\bwho (can|could|gets to|will|should) (decide|make (the )?decisions|sign)\b/
const ALLOWANCE = /补贴|补助|生活费|救助金|低保|孤儿|事实无人|\b(allowance|subsid\w*)\b/
/** A school turning a child away (接收不了, 不收, 让去别的学校). */
/** A child locked in or out by someone (把俩小孩反锁屋里, 被锁在家里), not a child who shut themself in. */
const LOCKED_IN = /(?<!把自己|自己)(反锁|锁(在)?(了)?(屋|家|房|车|门|出租屋))|被(人|他爸|他妈)?锁/
/** Someone new in town (刚从老家出来, 人生地不熟, 啥都不懂). */
const NEWCOMER = /刚来|刚到|刚搬|刚从|初来|人生地不熟|(啥|什么)都不(懂|熟|知道)|不熟悉|\b(just (moved|arrived|came)|new (here|in town|to the city))\b/
/** A parent carrying or leading the children (抱着小的牵着大的, 背着小的领着大的, 抱着孩子): a family put out together, not a child
 * thrown out alone. */
const PARENT_WITH_CHILDREN = /(抱|牵|领|拉|背|搂)着(小的|大的|孩子|娃|俩|两个|闺女|儿子)/
/** The school building or class not fitted for a disabled child (教室在三楼 学校没电梯, 调个教室, 无障碍): the school's adaptation is
 * the request, the disability its reason. */
const SCHOOL_ADAPT = /教室在[二三四五六2-6]楼|(没|没有)(电梯|无障碍|坡道)|(调|换)(个|到)?(一楼|教室|班)|无障碍|\b(no (lift|elevator|ramp)|(classroom|class) (is )?on the (second|third|fourth|top) floor|move (her|his|the) class(room)?)\b/
const SCHOOL_REFUSES = /接收不了|不接收|不能接收|收不了|不收|不敢收|不肯收|不愿意?收|不要(他|她|孩子|娃)|不让(他|她|孩子|娃)?(上|来|进)|拒收|拒绝|劝退|让(去|找)别的|没法收|不方便收|\b(refus\w*|won'?t (take|accept|admit)|turned (him|her|us) away|rejected)\b/
/** Learning a trade (学个电焊, 学门手艺, 学美发). */
const LEARN_TRADE = /学(个|门|点|一门|一点)?(手艺|电焊|焊工|汽修|修车|厨师|烹饪|美发|理发|美容|美甲|数控|机修|电工|挖掘机|面点|西点|烘焙)|\blearn (a|some) (trade|skill)\b/
/** A parent learning for themselves (孩子他妈想学个手艺, 我想学个手艺): city integration's training, not the child's school. */
const PARENT_LEARNS = /(我|俺|他妈|她妈|孩子妈|孩子他妈|孩子爸|孩子他爸|他爸|她爸|老公|老婆|媳妇|我们|大人)(也)?(想|要|打算)?(去)?学/
/** A parent studying for a job certificate (我媳妇想考个育婴师证, 孩子他妈想学月嫂): the parent's own training (city
 * integration), not the child's health, care or school. */
const JOB_CERT = /育婴师|育婴员|月嫂|母婴护理|催乳师|保育员证|家政|护工|养老护理|电工证|焊工证|厨师证|叉车证|美容师|美发师|保洁|\b(nanny|babysitter|caregiver|care worker|childcare worker) (course|training|certificate)\b/
const PARENT_TRAINS = /(我|俺|他妈|她妈|孩子妈|孩子他妈|孩子爸|孩子他爸|他爸|她爸|老公|老婆|媳妇|爱人|我们|大人)(也)?(想|要|打算|准备)?(去)?(学|考|报|参加)|人社|人力资源|就业(服务)?(中心|局|站)|\b(i|my wife|my husband|we)\b.{0,20}\b(train\w*|course|certificate)\b/
/** An allowance asked in general words (能领啥补贴, 有啥补助). */
const GENERIC_ALLOWANCE = /补贴|补助|生活费|救助金|\b(allowance|subsid\w*|benefits?)\b/
/** An ask for housing itself (公租房, 租房补贴): the housing service, whatever else happened. */
const HOUSING_ASK = /公租房|廉租房|保障房|保障性住房|租房补贴|租赁补贴|住房补贴|实物配租|\b(public rental|rent subsidy|housing (subsidy|allowance))\b/

/** A theft that leaves the family with nothing (路费, 吃饭, 一分钱): a hardship. */
const THEFT_HARDSHIP = /没吃|饿|睡在|露宿|交不起|拿不出|没钱|路费|回不去|回不了|吃饭|一分钱|身无分文|所有的钱|全部的钱|积蓄|工资|生活费|救急|困难|\b(can'?t afford|no money|all (our|my) money|can'?t get home)\b/
/** A volunteer asked to keep a child company (大学生哥哥姐姐周末来陪他, a university volunteer to spend Saturdays with her):
 * charity and volunteers, not the school or the child's mental health. */
const VOLUNTEER_COMPANY = /(大学生|志愿者|义工|\b(volunteers?|university students?|college students?)\b)[^。！!？?]{0,14}(陪|聊天|说说话|作伴|\b(company|spend (time|saturdays|sundays|weekends)|talk)\b)/
/** Parents away entrusting the child to a neighbour or relative and asking how to set it up (委托照护要怎么弄, 要不要办个委托
 * 手续): support for the family's own care arrangement (guardianship_support), not care by an institution. */
const ENTRUST = /委托|托付给|托给|交给|放在|\b(entrust\w*|leave (him|her|our \w+|my \w+) with)\b/
const ENTRUST_WHO = /邻居|亲戚|老乡|朋友|大姐|大哥|阿姨|大妈|婶|姨|舅|姑|叔|\b(neighbou?r|relative|friend|aunt|uncle)\b/
const ENTRUST_HOW = /手续|协议|委托书|签|怎么弄|咋弄|怎么办|要怎么|算数|合法|指导|\b(how|properly|legal\w*|paperwork|sign)\b/
/** A teacher writing about pupils (我是他们班主任). */
const REPORTER = /我是[^，。,.！!？?\s]{0,6}的?(班主任|老师|校长|辅导员|副校长)|\bi'?m (his|her|their) (class )?teacher\b/
/** A parent named as jailed, fled or gone (孩子爸进去了, 妈跑了, 父母都联系不上). */
const PARENT_GONE_NAMED = /(爸|妈|爹|娘|父亲|母亲|父母|爸妈)[^，。,.！!？?\s]{0,4}(进去了|进了?监狱|坐牢|服刑|判了|被抓|抓走|跑了|走了|改嫁|不管了|不管(她|他|孩子|娃)|去世|没了|不在了|联系不上|找不(到|着)(人|了)|失联)|\b(father|dad|mother|mum|mom|parents?) (is |are |was |were )?(in (jail|prison)|arrested|gone|left|disappeared)\b/
/** A child thrown out by a parent or the family ("被他爸赶出来", "后妈把他撵出门"). */
const THROWN_BY_FAMILY = /(爸|妈|爹|娘|后妈|继母|继父|后爸|父亲|母亲|家里人?|爸妈|父母|奶奶|爷爷)[^，。,.！!？?\s]{0,4}(赶|撵|轰)出(来|去|家门|门)|\b((his|her) (father|dad|mother|mum|mom|stepfather|stepdad|parents)) (kicked|threw) (him|her) out\b/
/** A child thrown out by the family, or gone after a row: the family is the matter. */
const THROWN_OUT = /赶出|撵出|不要(他|她)|不让.{0,3}进(家)?门|跑出(去|来)|吵架|吵完架|吵了一架|闹翻|赌气|离家出走|(爸|妈|家里|家长).{0,6}(打|骂)|\b(kicked|thrown out|ran away|after a (fight|row|quarrel|argument)|stormed out|walked out)\b/
/** A child not arrived or not back (没到家, 没回来, 没见人, didn't make it home). */
/** Signs of the child's state of mind (self-harm, a farewell): a child gone after them is a mental-health matter first. */
const MIND_IDS = ['self_harm', 'self_harm_soft', 'farewell', 'goodbye_sent', 'overdose_hint', 'ledge', 'pulled_back', 'isolating', 'withdrawn', 'giving_away', 'no_future']
const CHILD_NOT_HOME = /没影|联系不上|没去(学校|上学)|没(有)?(到家|回家|回来|到校|到学校|去学校|见人|见着人|见到人|人影)|不见(人|了)|人影|不回家|走丢|找不(到|着)|失踪|\b(come home|came home|made it home|make it home|get home|got home|missing|can'?t find|not back|been seen|been back|be back|knows? where)\b/
/** The parents away at work (倒班, 上夜班, 在工地, working shifts). */
const PARENTS_AT_WORK = /倒班|夜班|上班|加班|打工|干活|上工|工地|矿上|厂里|跑车|出差|在外地|外地|\b(shifts?|at work|working|work away|on the road)\b/
/** A carer in hospital, arrested or dead: care by the child-protection institution (guardianship_care). */
const CARER_CRISIS = /走了|过世|自杀|喝药|死了|住院|医院|被抓|抓走|抓了|拘留|派出所|看守所|坐牢|判了|去世|没了|车祸|抢救|昏迷|扣(下|了|在)|\b(hospital|arrested|detained|prison|jail|died|passed away|icu)\b/
/** Somewhere asked for the child to stay (能不能送到救助站, 有没有地方): a placement (guardianship_care). */
const PLACE_ASK = /救助站|福利院|机构|送到|送去|放到|寄养|收留|临时照看|临时照顾|有没有地方|接过去|接走|管着|先把(娃|孩子)|\b(shelter|foster|placed?)\b/
/** Day care asked for a small child (白天没人带, 托儿的地方, somewhere in the day while we work). */
const DAYCARE_ASK = /白天|上班|干活|打工|托儿|托育|托班|没人带|没人看|\b(in the day|during the day|daytime|while (we|i) work|day ?care|nursery)\b/
/** An illness that lasts (烧了三天, 咳了一个星期, a fever for 3 days). */
const FEVER_DAYS = /(发|高)?烧(了|得|到)[^，。,.！!？?\s]{0,3}(天|宿|夜|晚|度|个星期|礼拜)|烧(还)?(没|不)退|咳(嗽)?了[^，。,.！!？?\s]{0,3}(天|星期|礼拜|个月)/
/** The insurance card not at hand (医保卡没带, 没带医保卡, 医保还是老家的, we don't have the insurance card here). */
const CARD_ABSENT = /(医保卡|社保卡|医保|卡)[^，。,.！!？?\s]{0,4}(没带|忘带|忘了带|没拿|丢了|没有|不在身上|还是老家的|在老家|是老家的|不是这边的)|(没带|忘带|忘了带|没有)(医保卡|社保卡|医保)|\b(without (the |an? |my |his |her )?(insurance|medical|health) card|(don'?t|do not|didn'?t|did not) (have|bring) (the |an? |my |his |her |our )?(insurance|medical|health) card|(insurance|medical|health) card (is )?(at home|back home))\b/
/** Asking whether the child will be seen (能看不, 给不给看, 能不能先给看看, will the clinic still see him). */
const SEE_ASK = /能看不|能不能(先)?(给)?(看|治|接诊)|给不给看|让不让看|收不收|看(得|不)了|(能|可以|肯)(给)?(看|接诊|治)(吗|不|么)|先(给)?看看|\b(see (him|her|us|a doctor)|treat (him|her)|take (him|her) in)\b/
const REIMBURSE = /报销|报(多少|不了)|结算|能报|回老家报|\breimburs\w*/
/** A parent and child grown apart (不理我, 跟我不亲, 当我是外人, ignores me, won't talk to me, treats me like a stranger). */
const RELATION = /看见(我|俺)就躲|躲着(我|俺)|叫(爸|妈|爹|娘)(也|都)不叫|不叫(爸|妈|爹|娘)|亲(起来|近)|不理(我|我们|人)|(跟|和)(我|我们|俺)不亲|不亲(我|近)|生分|隔阂|不认(我|我们|俺)|当(我|我们|俺)(是)?(外人|陌生人)|(跟|和)(我|我们|俺)(没话|没话说|不说话)|\b(ignores (me|us)|won'?t (talk|speak) to (me|us)|doesn'?t (talk|speak) to (me|us)|(like|as) a stranger|treats (me|us) like|get close to|bond with|reconnect with|close to (him|her)|barely (looks at|talks to|speaks to) (me|us)|(rebuild\w*|repair\w*|improve) (our|the|my) relationship|relationship with (him|her|my))\b/
/** A parent back after years away (在外打工好几年, 回来以后, worked in Dubai 6 years, now back). */
const PARENT_RETURNED = /(在外|外地|外面|南方)[^，。,.！!？?\s]{0,6}(好几|几|\d+|[一二三四五六七八九十两])年|回来(以后|后|之后)|这回回来|刚回来|\b(years?|months) (away|abroad|working|in)\b|\bi'?m (home|back)\b|\b(away|abroad|worked in|working in)\b.{0,30}\b(years?|months)\b|\b(now back|came back|back home|returned)\b/
const RELATION_ASK = /怎么|咋|该|\bhow (do|can|should) (i|we)\b|\bwhat (should|do) (i|we) do\b/
/** Textbooks or lessons that differ from the hometown's (课本跟老家不一样, the textbooks here are different). */
const CURRICULUM_GAP = /(教材|课本|书|教的|学的|进度|版本)[^，。,.！!？?]{0,12}(不一样|不同|两样|不是一个版本|不一个版本|快|深|难)|(另一套|另外一套|不一样的)(课本|教材|书)|\b(lessons|classes|they|school|the class) (here )?(are |is )?(way |far |much |so )?ahead\b|\bahead of what (she|he|they) (learned|learnt|did)\b|\b(textbooks?|books|curriculum|syllabus|what they (teach|learn)|the (maths|math|english|chinese) they teach)\b.{0,40}\b(different|not the same)\b|\b(different|not the same)\b.{0,20}\b(textbooks?|books|curriculum)\b/
const CANT_FOLLOW = /跟不上|听不懂|学不会|差了?一大截|差得远|差(了)?(好多|很多|不少)|落下(了)?(好多|很多|不少|一大截)|落后(了)?(好多|很多|不少|一大截)?|\b(can'?t (follow|keep up)|cannot (follow|keep up)|behind|falling behind|struggl\w*|lost in)\b/
/** A small child who got at medicine by accident (趁我不注意吃了半瓶药, 当糖吃了): medical care, not self-harm. */
const ACCIDENTAL_SWALLOW = /(趁.{0,4}(不注意|没看着|不在)|不小心|误|当(成)?糖|自己翻出|翻出来)[^，。,.！!？?]{0,6}(吃|吞|喝)[^，。,.！!？?]{0,12}(药|片)|\b(by accident|accidentally)\b.{0,20}\b(swallowed|ate|took)\b/
/** A jab named as the time of a harm ("打完疫苗回家 他爸又打他"): the jab is when, not what is asked. */
const JAB_AS_TIME = /打(完|了|过)+(针|疫苗|预防针|防疫针)(回家|回来|以后|之后|后|那天|路上)|(针|疫苗|预防针)打(完|了)+(回家|回来|以后|之后|后)/
/** A child made to hand over money (被同学要钱, 抢他零花钱): the child's safety at school. */
const EXTORTED = /被[^，。,.！!？?]{0,8}(要钱|要零花钱|要走|抢钱|抢走|勒索|敲诈|讹)|(要|抢|拿|收)(他|她|孩子|娃)的?(零花钱|钱|饭钱)/
/** A man outside the family named (房东家那个叔叔, 隔壁大爷, 对门那个男的, the landlord's son): sexual harm or grooming by him is
 * the child's safety (safety_legal), not the family's housing or guardianship. */
const OUTSIDE_MAN = /房东|邻居|隔壁|对门|楼上|楼下|大爷|老头|男的|男人|那个叔叔|那叔叔|叔叔(?=老|总|经常|常|说|叫|喊|让)|租户|工友|老乡|保安|司机|\b(neighbou?r|landlord|landlord'?s (son|husband|brother)|a man|old man)\b/
/** A teacher, coach or tutor named (sexual harm by them is the child's safety, as harm by school staff). */
const STAFF_NAMED = /老师|教练|家教|园长|班主任|校长|教官|保育员|辅导员/
/** Safety lessons: disaster words around them are what the lesson is about. */
const SAFETY_LESSON = /逃生|演练|自救|安全知识|怎么防|安全教育|安全课|\b(drill|safety (class|lesson|training))\b/
/** What follows these is asked by the way ("另外医保也想问"): the main need came first. 顺便 only before a question
 * ("顺便问问医保"), not in a story ("来看病顺便在这打工"). */
const SECONDARY = /另外|顺便(?=问|想|说|咨询|了解|打听|也|再)|还有就是|(?<=[，,。？?！!])还有|再问一下|也想问|也想一起问|也想|\b(by the way|and also)\b/
/** What follows these is the main question ("最急的是幼儿园", "主要想问公租房", "先问幼儿园吧"), wherever it stands;
 * a rambling story that ends in its ask ("… 想申请个低保 要啥材料", "… 听工友说政府有那种连租房 外地人也能申") is routed by the ask. */
const MAIN_CUE = /最(主要|重要|要紧|急|着急|想问|想知道|关心|需要)|主要(是|想问|想知道|想了解|问)|更(重要|要紧|急)|(其实|今天|现在|就)(我)?(最)?想问|想问的是|先(问|帮我问|说)|先问问|就差|关键是|(?<=[\s，,。.！!？?])(我|俺|我们|就是)?(想|要|准备|打算)(申请|申领|办理|办)个?|(?<=[\s，,。.！!？?])(我|俺|我们|就是)?想(问问|问一下|问下|咨询一?下|打听一?下)(?=.{0,8}(政府|你们|社区|那个|这个|这边|有没有|能不能))|(?<=.{30,}[\s，,。.！!？?])听(工友|别人|人家|老乡|邻居|朋友|同事|亲戚|他们|人)说(?=(政府|社区|这边|国家|城里|街道)?(有|能|可以))|\b(i('d| would)? (like|want) to apply for)\b|\b(mainly|most importantly|what i really (need|want)|my main question|above all|the main thing)\b/
/** A need said to be settled or not pressing ("医保也办了", "这个不急", "学校的事先不说"): it weighs less. */
const SETTLED = /(这个|这些|这事|都|也)?(不急|先不说|还好说|再说|问过了|办了|办好了|做完了|已经有了|再通知|不用问|解决了)|除了[^，,。]{0,10}[，,]/g
/** A clause with 也/also after a question already asked ("…怎么报名？医保也要续了"): said by the way. */
const ALSO_CLAUSE = /也|\balso\b/
const QUESTION = /[？?]|吗|怎么|能不能|可以吗|有没有|\b(how|can|where|what)\b/
const CLAUSE_BREAK = /[，,。.；;！!？?]/

/** A school stage named as a time ("上初中后", "读了高中以后") or as done ("读完九年义务教育", "初中毕业", "初中一直在太原念的") is not the request. */
const STAGE_AS_TIME = /(?:上|读|进)了?(?:小学|初中|高中|幼儿园)(?:后|以后|之后|以来)|(?:上)?(?:幼儿园|小学)(?:前|之前)(?=的)|(?:参加完|考完了?)(?:中考|高考)|(?:中考|高考)考了|(?:明年|今年|马上|快)要?(?:中考|高考)(?=[，,].{0,12}(?:高中|普高|职高|中专|技校|大学))|(?:幼儿园|学校|小学|初中|高中)的?(?:老师|班主任|园长)(?:说|让|要|建议|打电话|反映)|(?:上|读|念)完了?(?:九年)?(?:小学|初中|义务教育)|(?:小学|初中)(?:毕业|念完|读完|上完)|(?:小学|初中)(?=(?:一直|都|是|就|也)?(?:在|是在)[^，,。\s]{0,6}(?:念|读|上)的)/g

type Scores = Map<LexKey, number>

function add(scores: Scores, why: Record<string, string[]>, key: LexKey, w: number, reason: string) {
  scores.set(key, (scores.get(key) ?? 0) + w)
  ;(why[key] ??= []).push(reason)
}

const round = (n: number) => Math.round(n * 100) / 100

function describe(m: Match, w: number): string {
  const src = m.written && m.written !== m.term ? `${m.written}≈${m.term} (${m.via})` : m.term
  return `${m.negated ? '¬' : ''}${src} ${w >= 0 ? '+' : ''}${round(w)}`
}

function score(text: string, discountedWords: string[], urgentReasons: string[], jokeWords: string[] = []): { scores: Scores; why: Record<string, string[]>; aside: Scores } {
  /** weight the main/by-the-way rules moved away from each service (needs are still listed) */
  const aside: Scores = new Map()
  const matches = findMatches(text)
  markNegations(text, matches)
  const scores: Scores = new Map()
  const why: Record<string, string[]> = {}
  const ages = agesIn(text)
  const age = ages.length ? Math.min(...ages) : undefined
  let parentHarm = false
  /** the strongest single term of each service: rules need a real sign, not a generic hint */
  const best = new Map<LexKey, number>()
  /** A rule's floor for a service's strongest single piece of evidence. */
  const atLeast = (key: LexKey, w: number) => {
    if (w > (best.get(key) ?? 0)) best.set(key, w)
  }
  const statusSpans = [...text.matchAll(STATUS)].map((s) => [s.index!, s.index! + s[0].length] as const)
  const secondary = SECONDARY.exec(text)
  const secondaryFrom = secondary ? secondary.index : Infinity
  const mainCue = MAIN_CUE.exec(text)
  const mainFrom = mainCue && mainCue.index > 0 ? mainCue.index : Infinity
  const clauseStart = (at: number) => {
    let i = at
    while (i > 0 && !CLAUSE_BREAK.test(text[i - 1]!)) i--
    return i
  }
  const clauseEnd = (at: number) => {
    let i = at
    while (i < text.length && !CLAUSE_BREAK.test(text[i]!)) i++
    return i
  }
  const settledSpans = [...text.matchAll(SETTLED)].map((s) => (s[0].startsWith('除了') ? ([s.index!, s.index! + s[0].length] as const) : ([clauseStart(s.index!), s.index!] as const)))
  const timeSpans = [...text.matchAll(STAGE_AS_TIME)].map((s) => [s.index!, s.index! + s[0].length] as const)

  for (const m of matches) {
    // "怎么报名" is enrolment, not a claim (怎么报 = 报销): the term's last character binds to the next
    if (m.term.endsWith('报') && /^(名|到|警|道|考)/.test(text.slice(m.end))) continue
    // "能不能找派出所": the parent going to the police, not a carer taken there
    if (m.term === '派出所' && /(找|去|报|问|打给|联系|上)$/.test(text.slice(Math.max(0, m.start - 2), m.start))) continue
    // "电话一直没人接": nobody answers the phone, not a child nobody picks up
    if (/^没人(去)?接$/.test(m.term) && /(电话|手机|视频|微信|语音)[^，。,.！!？?\s]{0,3}$/.test(text.slice(Math.max(0, m.start - 6), m.start))) continue
    // "打他电话关机": a phone call, not a beating
    if (/^打(他|她|娃|孩子)$/.test(m.term) && /^的?(电话|手机)/.test(text.slice(m.end))) continue
    let key = m.key
    let w = m.w
    let note = ''
    const w0 = w
    if (age !== undefined && (GENERIC_SCHOOL.has(m.term) || GENERIC_CARE.has(m.term))) {
      const to = byAge(age, GENERIC_SCHOOL.has(m.term) ? 'school' : 'care')
      if (to && to !== key) {
        note = ` (age ${round(age)} → ${to})`
        key = to
      }
    }
    // "娃近视了 哪能查视力": myopia named, a school-age (or unstated) child: the check is medical care
    if (key === 'child_health' && EYE_CHECK.has(m.term) && MYOPIA.test(text) && !(age !== undefined && age < 6) && !/幼儿园|托儿所|托班|宝宝|\b(kindergarten|baby|toddler)\b/.test(text)) {
      key = 'medical_services'
      note += ' (myopia named → medical_services)'
    }
    if (mainFrom !== Infinity) {
      const main = m.start >= mainFrom
      w *= main ? 1.5 : 0.7
      note += main ? ' (the main question)' : ' (before the main question)'
    } else if (m.start <= secondaryFrom) {
      // "…怎么报名？医保也要续了": a later clause with 也 after a question is said by the way
      const from = clauseStart(m.start)
      if (from > 0 && ALSO_CLAUSE.test(text.slice(from, clauseEnd(m.start))) && QUESTION.test(text.slice(0, from))) {
        w *= 0.6
        note += ' (also, after the question)'
      }
    }
    if (settledSpans.some(([a, b]) => m.start >= a && m.start < b)) {
      w *= 0.4
      note += ' (settled or not pressing)'
    }
    if (m.start > secondaryFrom) {
      w *= 0.55
      note += ' (asked by the way)'
    }
    if (timeSpans.some(([a, b]) => m.start >= a && m.start < b)) {
      w *= 0.3
      note += ' (a time, not the request)'
    }
    if (statusSpans.some(([a, b]) => m.start >= a && m.start < b)) {
      w *= 0.5
      note += ' (family status)'
    }
    // a parent's own condition ("孩子的妈妈有智力障碍", "我自己也是残疾人") is not the child's
    if ((key === 'disability_rehab' || key === 'severe_mental_disorder' || key === 'disability_education') && PARENT_BEFORE.test(text.slice(Math.max(0, m.start - 8), m.start))) {
      w *= 0.3
      note += " (a parent's condition)"
    }
    if (key === 'mental_health' && m.w >= 3.5 && /(妈|爸|母亲|父亲|奶奶|爷爷|姥姥|姥爷|老公|老婆|丈夫|妻子)$/.test(text.slice(Math.max(0, m.start - 4), m.start).replace(/(喝药|吃药|跳楼|上吊|闹|要|想|说|了)+$/, ''))) {
      w *= 0.3
      parentHarm = true
      note += " (a parent's, not the child's)"
    }
    if (jokeWords.some((d) => d.includes(m.term))) {
      w *= 0.1
      note += ' (said as a joke)'
    } else if (discountedWords.some((d) => d.includes(m.term))) {
      w *= 0.4
      note += ' (talked about, not happening)'
    }
    if (m.negated) w = -0.5 * w
    // what the ordering rules took away still counts when listing every need
    else if (!settledSpans.some(([a, b]) => m.start >= a && m.start < b) && !discountedWords.some((d) => d.includes(m.term))) aside.set(key, (aside.get(key) ?? 0) + (w0 - w))
    add(scores, why, key, w, describe(m, w) + note)
    atLeast(key, w)
  }

  // the list's own item names, copied from the checklist
  for (const [k, n] of itemNamesIn(text)) {
    // "读完九年义务教育": a list's item name said as a stage already done is a time, not the request
    const at = text.indexOf(n)
    if (timeSpans.some(([a, b]) => at >= a && at < b)) {
      add(scores, why, k, 1.2, `list item: ${n} +1.2 (a time, not the request)`)
      continue
    }
    add(scores, why, k, 4, `list item: ${n} +4`)
    atLeast(k, 4)
  }
  // ages alone: a baby's message leans to child health, a 3–5-year-old's school question to kindergarten
  if (age !== undefined) {
    if (age < 3 && (scores.get('child_health') ?? 0) > 0) add(scores, why, 'child_health', 0.5, `rule: age ${round(age)} under 3 +0.5`)
    if (age >= 3 && age < 6 && (scores.get('preschool') ?? 0) > 0) add(scores, why, 'preschool', 0.5, `rule: age ${round(age)} 3-6 +0.5`)
  }
  const has = (k: LexKey) => (best.get(k) ?? 0) >= 1.5
  // a disabled child and school: schooling support for disabled children
  if (has('disability_rehab') && (has('compulsory_education') || has('high_school') || has('preschool') || has('school_integration') || /上学|学校|读书|念书|老师|幼儿园|园长|校长|小学|初中|高中|school|teacher|kindergarten/.test(text))) {
    const school = Math.max(scores.get('compulsory_education') ?? 0, scores.get('high_school') ?? 0, scores.get('preschool') ?? 0, scores.get('school_integration') ?? 0)
    const bonus = round(1 + 0.6 * (best.get('disability_rehab') ?? 0) + Math.min(2, school))
    add(scores, why, 'disability_education', bonus, `rule: disability + school +${bonus}`)
    // the school refuses the disabled child ("小学说没电梯接收不了") or is not fitted for it ("教室在三楼 学校没电梯"): the school is
    // where, the need is schooling support
    if (SCHOOL_REFUSES.test(text) || SCHOOL_ADAPT.test(text)) {
      for (const k of ['compulsory_education', 'high_school', 'preschool'] as const) {
        const s = scores.get(k) ?? 0
        if (s > 0) add(scores, why, k, -0.5 * s, `rule: a disabled child refused by the school, ${k} ×0.5`)
      }
      // the disability (脑瘫, 坐轮椅) is why the school refused, not a request for rehabilitation
      const r = scores.get('disability_rehab') ?? 0
      if (r > 0) add(scores, why, 'disability_rehab', -0.5 * r, 'rule: a disabled child refused by the school, the disability is the reason ×0.5')
    }
  }
  // a diagnosed severe disorder takes the "rehabilitation" and "mental" words with it
  if ((best.get('severe_mental_disorder') ?? 0) >= 3) {
    for (const k of ['disability_rehab', 'mental_health'] as const) {
      const s = scores.get(k) ?? 0
      if (s > 0) add(scores, why, k, -s * 0.6, `rule: severe mental disorder named, ${k} ×0.4`)
    }
  }
  // new in town and asking where everything is (vaccines, school, doctor …): getting to know the city
  if (
    /刚来|刚到|刚搬|不熟|人生地不熟|\bjust (moved|arrived)\b/.test(text) &&
    /去哪|在哪|哪里|讲讲|介绍|\bwhere\b/.test(text) &&
    SERVICE_KEYS.filter((k) => k !== 'city_integration' && (best.get(k) ?? 0) >= 1.5).length >= 3
  ) {
    add(scores, why, 'city_integration', 4, 'rule: new in town, asking about many things +4')
  }
  // new in town asking how to get the residence permit (居住证咋办 刚从老家出来 啥都不懂): getting settled in the city, when no
  // school, kindergarten or insurance it is needed for is named
  if (/居住证|\bresidence permit\b/.test(text) && NEWCOMER.test(text) && !SERVICE_KEYS.some((k) => k !== 'city_integration' && (best.get(k) ?? 0) >= 3)) {
    add(scores, why, 'city_integration', 3, 'rule: new in town, asking about the residence permit +3')
  }
  // a volunteer asked to keep a lonely child company: charity and volunteers
  if (VOLUNTEER_COMPANY.test(text)) {
    add(scores, why, 'charity_support', 3, 'rule: a volunteer asked to keep the child company +3')
    atLeast('charity_support', 3)
  }
  // parents away entrusting the child to a neighbour or relative, asking how to set it up: the family's arrangement
  if (/委托|托付|\bentrust/.test(text) && ENTRUST.test(text) && ENTRUST_WHO.test(text) && ENTRUST_HOW.test(text) && !STATE_TAKES_IN.test(text)) {
    const c = scores.get('guardianship_care') ?? 0
    if (c > 0) add(scores, why, 'guardianship_care', -0.7 * c, 'rule: a care arrangement the family makes, not an institution ×0.3')
    add(scores, why, 'guardianship_support', 3, 'rule: parents entrusting the child to someone, asking how +3')
    atLeast('guardianship_support', 3)
  }
  // a family's one-off crisis (husband hurt at work, boss ran off, rent this month, no milk powder): emergency help, not a
  // housing ask; rent named as one of several sudden hardships is the crisis
  const crisis = CRISIS_PARTS.filter((re) => re.test(text)).length
  if (crisis >= 2 && !HOUSING_ASK.test(text)) {
    for (const k of ['housing', 'child_health', 'guardianship_care', 'medical_services', 'city_integration'] as const) {
      const c = scores.get(k) ?? 0
      if (c > 0) add(scores, why, k, -0.7 * c, `rule: a family's sudden hardships, ${k} ×0.3`)
    }
    add(scores, why, 'temporary_assistance', 3.5, `rule: a family's sudden hardships (${crisis} kinds) +3.5`)
    atLeast('temporary_assistance', 3.5)
  }
  // a property stolen, nothing said of hardship: a loss, not a service
  if (THEFT.test(text) && !THEFT_HARDSHIP.test(text) && !urgentReasons.length) {
    const t = scores.get('temporary_assistance') ?? 0
    if (t > 0) add(scores, why, 'temporary_assistance', -0.7 * t, 'rule: a thing stolen, not a hardship ×0.3')
    add(scores, why, 'none', 3, 'rule: a thing stolen, no hardship said +3')
  }
  // a deposit the landlord keeps: a private dispute, not a checklist service
  if (DEPOSIT_DISPUTE.test(text) && !HARDSHIP.test(text)) add(scores, why, 'none', 3, 'rule: a deposit dispute with a landlord +3')
  // learning to stay safe (逃生, 演练, 自救): a fire or an earthquake named there is a lesson, not a disaster
  if (SAFETY_LESSON.test(text) && has('temporary_assistance')) add(scores, why, 'safety_legal', 4, 'rule: learning to stay safe +4')
  // a vocational-school message mentioning grants is not about senior high school
  if (has('vocational_education') && has('high_school')) {
    const s = scores.get('high_school')!
    add(scores, why, 'high_school', -Math.min(s, 1.5), 'rule: vocational school named, grants go with it')
  }
  // the child wants to learn a trade (学个电焊, 学门手艺, learn a trade): vocational school, not a parent's own training
  if (LEARN_TRADE.test(text) && !PARENT_LEARNS.test(text) && (best.get('vocational_education') ?? 0) < 2.5) {
    add(scores, why, 'vocational_education', 2.5, 'rule: learning a trade +2.5')
    best.set('vocational_education', 2.5)
  }
  // a parent studying for a job certificate (想考个育婴师证, 人社那边有培训不): the parent's own training, not child health
  if (JOB_CERT.test(text) && PARENT_TRAINS.test(text) && !LEARN_TRADE.test(text.replace(PARENT_LEARNS, ''))) {
    for (const k of ['child_health', 'preschool', 'vocational_education'] as const) {
      const c = scores.get(k) ?? 0
      if (c > 0) add(scores, why, k, -0.7 * c, `rule: a job certificate for a parent, ${k} ×0.3`)
    }
    add(scores, why, 'city_integration', 3, 'rule: a parent training for a job certificate +3')
    atLeast('city_integration', 3)
  }
  // a relative raising a child whose parents are gone asks for an allowance (能领啥补贴): the allowance for children
  // without support (basic_living)
  if (PARENT_GONE_NAMED.test(text) && (relativeCarer(text) || /(我|俺)(和|跟)?(老伴|老头|老婆子)?(带着|养着|管着)(她|他|孩子|娃)/.test(text)) && GENERIC_ALLOWANCE.test(text) && !/低保|特困|医保|学费|助学/.test(text)) {
    add(scores, why, 'basic_living', 3, 'rule: a relative raising a child whose parents are gone, asking for an allowance +3')
    atLeast('basic_living', 3)
  }
  // "政府能不能接过去养": the state asked to take the child in
  if (STATE_TAKES_IN.test(text)) {
    add(scores, why, 'guardianship_care', 3.5, 'rule: asking for the child to be taken in and raised +3.5')
    atLeast('guardianship_care', 3.5)
  }
  // "能让社区来个人看看吗": someone asked to come and look in on the child
  if (COME_AND_LOOK.test(text)) {
    add(scores, why, 'home_visit', 3.5, 'rule: asking someone to come and look +3.5')
    // "求哪位好心人去看一眼": whoever is asked, the ask is the visit, not charity
    const c = scores.get('charity_support') ?? 0
    if (c > 0 && /好心人/.test(COME_AND_LOOK.exec(text)![0])) add(scores, why, 'charity_support', -Math.min(c, 3), 'rule: a kind person asked to go and look, not charity')
    atLeast('home_visit', 3.5)
  }
  // "异地高考学籍要满几年 孩子初一就在晋城上的", "考上县一中了 学杂费能免不": a senior-high ask by its exam or school
  if (SENIOR_HIGH_ASK.test(text) && !/职高|中职|职校|技校|中专/.test(text)) {
    const c = scores.get('compulsory_education') ?? 0
    if (c > 0) add(scores, why, 'compulsory_education', -0.5 * c, 'rule: a senior-high ask, the junior years are a time ×0.5')
    add(scores, why, 'high_school', 3, 'rule: a senior-high ask by its exam or school +3')
    atLeast('high_school', 3)
  }
  // "她妈精神上有问题 做饭有一顿没一顿 … 想找个社工帮着盯着点": someone to keep an eye on a child a parent cannot care for
  if (KEEP_AN_EYE.test(text) && CARER_FAILING.test(text)) {
    const c = scores.get('charity_support') ?? 0
    if (c > 0) add(scores, why, 'charity_support', -0.7 * c, 'rule: a social worker asked to keep an eye, not charity ×0.3')
    // "我姐有精神病 外甥饥一顿饱一顿的": the parent's illness is why, not the child's
    for (const k of ['severe_mental_disorder', 'mental_health'] as const) {
      const m = scores.get(k) ?? 0
      if (m > 0) add(scores, why, k, -0.7 * m, `rule: the parent's illness is why someone should keep an eye, ${k} ×0.3`)
    }
    add(scores, why, 'guardianship_support', 3, 'rule: someone to keep an eye on a child a parent cannot care for +3')
    atLeast('guardianship_support', 3)
  }
  // "拿皮带抽了他 … 我知道不对可控制不住 有没有教怎么管孩子的": the parent who hurt the child asks to be taught (urgent kept)
  // "他爸喝了酒又拿皮带抽孩子 … 有没有人能教教他咋管孩子": someone asks that the parent be taught (urgent kept)
  if ((PARENT_OWN_HARM.test(text) && PARENTING_TAUGHT.test(text)) || HARMER_TAUGHT.test(text)) {
    const g = scores.get('guardianship_support') ?? 0
    if (g > 0) add(scores, why, 'guardianship_support', -0.7 * g, 'rule: the parent asks to be taught, not a guardianship case ×0.3')
    add(scores, why, 'family_education', 3.5, 'rule: a parent who hurt the child asks to be taught how to bring them up +3.5')
    atLeast('family_education', 3.5)
  }
  // "孩子住院花了两万多 只报了一点点 还能再报吗": claiming more of a bill back is medical insurance
  if (REIMBURSE_MORE.test(text)) {
    add(scores, why, 'medical_insurance', 3, 'rule: a bill reimbursed too little, asking to claim more +3')
    atLeast('medical_insurance', 3)
  }
  // "老师当着全班说外地孩子拉低平均分 … 有没有人能帮她把功课跟上": a migrant child helped to catch up
  if (CATCH_UP.test(text) && OUTSIDER.test(text)) {
    add(scores, why, 'school_integration', 3, 'rule: a migrant child helped to catch up +3')
    atLeast('school_integration', 3)
  }
  // "姐姐总欺负妹妹 抢她东西还打她 我该怎么教": siblings, a parenting question
  if (SIBLING_HARM.test(text) && HOW_TO_TEACH.test(text)) {
    const b = scores.get('safety_legal') ?? 0
    if (b > 0) add(scores, why, 'safety_legal', -0.7 * b, 'rule: a sibling hurt at home, not bullying ×0.3')
    add(scores, why, 'family_education', 3, 'rule: one child hurting a sibling, how to teach them +3')
    atLeast('family_education', 3)
  }
  // "想学学咋教他记住电话 遇事会喊人": a child taught to stay safe
  if (SAFETY_SKILL.test(text)) {
    const f = scores.get('family_education') ?? 0
    if (f > 0) add(scores, why, 'family_education', -0.5 * f, 'rule: teaching the child to stay safe, the teaching is how ×0.5')
    add(scores, why, 'safety_legal', 3, 'rule: a child taught to stay safe +3')
    atLeast('safety_legal', 3)
  }
  // a relative raising a child whose parents are jailed or gone, stuck with paperwork or asking who can decide for the
  // child ("谁能帮着拿主意"): case help (guardianship support)
  // what becomes of the child or who can help ("娃以后咋办 有人能帮不") is the same case help
  const decides = WHO_DECIDES.test(text)
  if (((relativeCarer(text) && PARENTS_GONE.test(text) && (PAPERWORK.test(text) || decides || CASE_ASK.test(text))) || (decides && PARENT_GONE_NAMED.test(text))) && !ALLOWANCE.test(text) && !STATE_TAKES_IN.test(text)) {
    add(scores, why, 'guardianship_support', 4, decides ? 'rule: parents gone, asking who can decide for the child +4' : 'rule: a relative raising the child, paperwork nobody can do +4')
    atLeast('guardianship_support', 4)
  }
  // a teacher reporting pupils whose parents are jailed or gone ("我是他们班主任 孩子爸进去了 妈跑了"): missing
  // guardianship, case help (the teacher is not the carer and asks no one to take the children in)
  if (REPORTER.test(text) && PARENT_GONE_NAMED.test(text) && !STATE_TAKES_IN.test(text) && !ALLOWANCE.test(text)) {
    add(scores, why, 'guardianship_support', 4, 'rule: a teacher reporting pupils whose parents are gone +4')
    const care = scores.get('guardianship_care') ?? 0
    if (care > 0) add(scores, why, 'guardianship_care', -0.5 * care, 'rule: a teacher reporting, the care words tell the situation ×0.5')
    atLeast('guardianship_support', 4)
  }
  // a child thrown out by the family ("被他爸赶出来好几天了"): the family is the matter, not a family evicted
  if (THROWN_BY_FAMILY.test(text) && !/我们|我和|我跟|娘仨|娘俩|母子|母女|一家|\b(we|us)\b/.test(text) && !PARENT_WITH_CHILDREN.test(text)) {
    const t = scores.get('temporary_assistance') ?? 0
    if (t > 0) add(scores, why, 'temporary_assistance', -0.7 * t, 'rule: a child thrown out by the family, not an eviction ×0.3')
    add(scores, why, 'guardianship_support', 3, 'rule: a child thrown out by the family +3')
    atLeast('guardianship_support', 3)
  }
  const urgentIds = new Set(urgentReasons.map((r) => r.split(':')[0]!))
  // a child not arrived home or at school (放学没到家 找了一下午了): a guardianship case, the school being where they were due;
  // not one taken by a stranger or an online friend (safety)
  if (urgentIds.has('missing') && !MIND_IDS.some((id) => urgentIds.has(id)) && !['abduction', 'stranger', 'grooming', 'lured', 'online_harm', 'threat', 'extortion'].some((id) => urgentIds.has(id)) && !/网友|陌生|拐|绑|带走|接走|领走|抱走|\b(stranger|online|kidnap\w*|abduct\w*)\b/.test(text) && CHILD_NOT_HOME.test(text)) {
    for (const k of ['compulsory_education', 'preschool', 'high_school', 'school_integration', 'cultural_life'] as const) {
      const c = scores.get(k) ?? 0
      if (c > 0) add(scores, why, k, -0.7 * c, `rule: a child not arrived, ${k} is where they were due ×0.3`)
    }
    add(scores, why, 'guardianship_support', 3, 'rule: a child not come home or not arrived +3')
    atLeast('guardianship_support', 3)
  }
  // a child alone for days in the room while the parents work shifts (矿上倒班 娃一个人在出租屋三天了): the family's own care
  // gone wrong (guardianship_support); a carer in hospital, arrested or dead is care by the institution (guardianship_care)
  if (urgentIds.has('left_alone') && PARENTS_AT_WORK.test(text) && !CARER_CRISIS.test(text) && !COME_AND_LOOK.test(text) && !PLACE_ASK.test(text)) {
    const c = scores.get('guardianship_care') ?? 0
    if (c > 0) add(scores, why, 'guardianship_care', -0.7 * c, 'rule: a child alone while the parents work, not an institution ×0.3')
    add(scores, why, 'guardianship_support', 3.5, 'rule: a child left alone while the parents work +3.5')
    atLeast('guardianship_support', 3.5)
  }
  // a goodbye sent by the child (sent me a goodbye message and won't pick up): the child's state of mind first, whatever
  // else the parent tells (home alone, on a shift)
  if ((urgentIds.has('goodbye_sent') || urgentIds.has('farewell')) && !urgentIds.has('abuse') && !urgentIds.has('sexual_abuse')) {
    add(scores, why, 'mental_health', 4, 'rule: a goodbye sent by the child +4')
    atLeast('mental_health', 4)
  }
  // a child under three and day care asked while the parents work (俩岁的娃白天没人带 有没有托儿的地方): 0–3 care (child_health)
  if (age !== undefined && age < 3 && DAYCARE_ASK.test(text) && !urgentReasons.length) {
    const c = scores.get('guardianship_care') ?? 0
    if (c > 0) add(scores, why, 'guardianship_care', -0.7 * c, 'rule: day care for a child under three, not an institution ×0.3')
    add(scores, why, 'child_health', 3, 'rule: day care for a child under three +3')
    atLeast('child_health', 3)
  }
  // a sick child, the card left behind (烧了三天 社区卫生站能看不 医保卡没带): the ask is to see a doctor; the card is a detail
  const ill = FEVER_DAYS.test(text)
  if (ill) add(scores, why, 'medical_services', 2.5, 'rule: an illness that lasts +2.5')
  if (CARD_ABSENT.test(text) && SEE_ASK.test(text) && !REIMBURSE.test(text)) {
    const c = scores.get('medical_insurance') ?? 0
    if (c > 0) add(scores, why, 'medical_insurance', -0.6 * c, 'rule: the card a detail of asking to see a doctor ×0.4')
    add(scores, why, 'medical_services', 3, 'rule: asking to see a doctor without the card +3')
    atLeast('medical_services', 3)
  }
  // a child brought from the hometown, crying for the grandmother (天天晚上哭 说想奶奶 要回去): the child's feelings
  if (HOMESICK.test(text) && SAD_DAILY.test(text) && !urgentReasons.length) {
    add(scores, why, 'mental_health', 3, 'rule: a homesick child, crying or low +3')
    atLeast('mental_health', 3)
  }
  // a parent and child grown apart (back after years away, he ignores me; how do I get close to her): parenting guidance
  if (RELATION.test(text) && (PARENT_RETURNED.test(text) || RELATION_ASK.test(text)) && !urgentReasons.length) {
    const g = scores.get('guardianship_support') ?? 0
    if (g > 0) add(scores, why, 'guardianship_support', -0.7 * g, 'rule: a parent and child grown apart, not neglect ×0.3')
    add(scores, why, 'family_education', 3.5, 'rule: a parent and child grown apart +3.5')
    atLeast('family_education', 3.5)
  }
  // a child who cannot follow because the textbooks differ from the hometown's: fitting in at school (school_integration)
  if (CURRICULUM_GAP.test(text) && CANT_FOLLOW.test(text)) {
    const c = scores.get('compulsory_education') ?? 0
    if (c > 0) add(scores, why, 'compulsory_education', -0.5 * c, 'rule: textbooks named as why the child cannot follow ×0.5')
    add(scores, why, 'school_integration', 3, 'rule: cannot follow, the textbooks differ +3')
    atLeast('school_integration', 3)
  }
  const harmIds = ['abuse', 'injury', 'humiliation', 'harm_near_child', 'sexual_abuse', 'grooming', 'categories']
  // a child hurt in an accident (从树上掉下来胳膊都弯了), nobody harming them: medical care first
  if (INJURED.test(text) && ACCIDENT_HOW.test(text) && !urgentIds.has('abuse') && !urgentIds.has('sexual_abuse') && !urgentIds.has('humiliation')) {
    add(scores, why, 'medical_services', 3, 'rule: hurt in an accident +3')
    atLeast('medical_services', 3)
  }
  // sexual harm by a relative (她叔让她脱衣服): guardianship support, whatever safety words are used
  if ((urgentIds.has('sexual_abuse') || urgentIds.has('grooming') || urgentIds.has('night_visits')) && RELATIVE_HARM.test(text)) {
    add(scores, why, 'guardianship_support', 4, 'rule: sexual harm by a relative +4')
    atLeast('guardianship_support', 4)
  }
  // a jab told as the time of a harm done by someone: the harm is the matter
  if (JAB_AS_TIME.test(text) && (urgentIds.has('abuse') || urgentIds.has('sexual_abuse') || urgentIds.has('humiliation'))) {
    const s = scores.get('child_health') ?? 0
    if (s > 0) add(scores, why, 'child_health', -0.7 * s, 'rule: a jab named as the time of a harm ×0.3')
  }
  // medicine swallowed by accident: the doctor, whatever the pills are called (安眠药 is not self-harm here)
  if (ACCIDENTAL_SWALLOW.test(text)) {
    add(scores, why, 'medical_services', 4, 'rule: medicine swallowed by accident +4')
    atLeast('medical_services', 4)
  }
  // a child made to hand over money: safety (not urgent by itself: the urgency rules judge that)
  if (EXTORTED.test(text)) add(scores, why, 'safety_legal', 2.5, 'rule: a child made to hand over money +2.5')
  // sexual harm or grooming by a man outside the family (房东家那个叔叔老叫她去他屋 还不让告诉我, 隔壁大爷 …): the child's safety;
  // the rented room, the neighbour and the family's own words are where it happened
  if ((urgentIds.has('sexual_abuse') || urgentIds.has('grooming') || urgentIds.has('night_visits') || urgentIds.has('lured')) && OUTSIDE_MAN.test(text) && !RELATIVE_HARM.test(text) && !STAFF_NAMED.test(text)) {
    for (const k of ['housing', 'family_education', 'guardianship_support', 'guardianship_care'] as const) {
      const c = scores.get(k) ?? 0
      if (c > 0) add(scores, why, k, -0.7 * c, `rule: harm by a man outside the family, ${k} ×0.3`)
    }
    add(scores, why, 'safety_legal', 4, 'rule: sexual harm or grooming by a man outside the family +4')
    atLeast('safety_legal', 4)
  }
  // harm by a teacher at kindergarten or school: the school is where it happened; the matter is the child's safety;
  // sexual harm with a teacher, coach or tutor named, however it is worded, is the same (a relative's is not)
  const sexualHarm = urgentIds.has('sexual_abuse') || urgentIds.has('grooming')
  if ((harmIds.some((id) => urgentIds.has(id)) && STAFF_HARM.test(text)) || (sexualHarm && STAFF_NAMED.test(text) && !RELATIVE_HARM.test(text))) {
    let moved = 0
    // the tutoring, class or club where it happened (补课老师, 兴趣班) is the place too
    for (const k of ['preschool', 'compulsory_education', 'high_school', 'child_health', 'school_integration', 'cultural_life'] as const) {
      const s = scores.get(k) ?? 0
      if (s <= 0) continue
      add(scores, why, k, -0.7 * s, `rule: harmed by staff there, ${k} is the place ×0.3`)
      moved += 0.7 * s
    }
    // the school named as the place: the harm words (打孩子) are about the teacher, not the family
    const family = scores.get('guardianship_support') ?? 0
    const sexual = sexualHarm
    if ((moved > 0 || sexual) && family > 0) {
      add(scores, why, 'guardianship_support', -0.7 * family, 'rule: harmed by school staff, not the family ×0.3')
      moved += 0.7 * family
    }
    // sexual harm by a teacher or tutor is the child's safety even where no school word was said (家教老师摸孩子)
    if (moved > 0 || sexual) add(scores, why, 'safety_legal', round(Math.max(moved, sexual ? 2 : 0)), `rule: harmed by school staff +${round(Math.max(moved, sexual ? 2 : 0))}`)
  }
  // a child in danger: the danger itself says where help comes from
  if (urgentReasons.length && Math.max(0, ...SERVICE_KEYS.map((k) => best.get(k) ?? 0)) < 2.5) {
    const ids = new Set(urgentReasons.map((r) => r.split(':')[0]!))
    const withFamily = PARENT_WITH_CHILDREN.test(text) || /我们|我和|我跟|带着|娘仨|娘俩|一家|\b(we|us|with the kids|with my kids|our family)\b/.test(text)
    const atSchool = /老师|学校|同学|教练|校门|\b(teacher|school|coach|classmate)/.test(text)
    const to: Array<[LexKey, number]> = []
    for (const id of ids) {
      // a goodbye sent to friends (谢谢你们 … 以后不用等我了): the child's state of mind, whatever else the parent tells
      if ((id === 'farewell' || id === 'goodbye_sent') && !parentHarm) to.push(['mental_health', 4])
      else if (id === 'self_harm' || id === 'farewell' || id === 'overdose_hint' || id === 'ledge' || id === 'pulled_back' || id === 'isolating' || id === 'self_harm_soft' || id === 'withdrawn' || id === 'giving_away' || id === 'no_future') to.push(parentHarm ? ['guardianship_care', 1.5] : ['mental_health', 3])
      // a child not come home is a guardianship case even when classmates were asked; one taken or nearly
      // taken at the school gate is the school's safety
      else if (id === 'missing') to.push([atSchool && urgentReasons.some((r) => /^missing: .*(带走|接走|领走|抱走|拐|绑)/.test(r)) ? 'safety_legal' : 'guardianship_support', 1.5])
      else if (id === 'abuse' || id === 'injury' || id === 'duration' || id === 'neglect' || id === 'fear' || id === 'unreachable' || id === 'distress' || id === 'no_adult' || id === 'out_late' || id === 'weapon' || id === 'wander' || id === 'rage_home' || id === 'neglect_hygiene' || id === 'neglect_food' || id === 'cold' || id === 'wont_come_home' || id === 'days_alone') to.push([atSchool ? 'safety_legal' : 'guardianship_support', 1.5])
      else if (id === 'humiliation') to.push([atSchool ? 'safety_legal' : 'guardianship_support', 2])
      else if (id === 'sexual_abuse' || id === 'night_visits') to.push([atSchool ? 'safety_legal' : 'guardianship_support', 2])
      else if (id === 'threat' || id === 'extortion' || id === 'extortion_mild' || id === 'grooming' || id === 'abduction' || id === 'stalked' || id === 'stranger' || id === 'online_harm' || id === 'held' || id === 'cornered' || id === 'lured') to.push(['safety_legal', 2])
      // a family out on the street: emergency help; a child thrown out or run off after a row: guardianship support;
      // a child found sleeping rough with nobody known (桥洞底下睡着个小孩): care by the child-protection institution
      else if (id === 'rough_sleeping' || id === 'homeless' || id === 'homeless_now' || id === 'trapped' || id === 'disaster') to.push(withFamily ? ['temporary_assistance', 1.5] : THROWN_OUT.test(text) || (id !== 'rough_sleeping' && id !== 'homeless') ? ['guardianship_support', 1.5] : ['guardianship_care', 2])
      // a child locked in or out by an adult (对门那家男的把俩小孩反锁屋里了): the sets' convention is guardianship support
      else if (id === 'left_alone' && LOCKED_IN.test(text)) to.push(['guardianship_support', 1.5])
      else if (id === 'left_alone' || id === 'abandoned' || id === 'carer_gone' || id === 'stranded' || id === 'carer_hospital') to.push(['guardianship_care', 1.5])
      else if (id === 'medical_crisis') to.push(['medical_services', 2])
    }
    const most = new Map<LexKey, number>()
    for (const [k, w] of to) most.set(k, Math.max(w, most.get(k) ?? 0))
    for (const [k, w] of most) add(scores, why, k, w, `rule: urgent (${[...ids].join(', ')}) +${w}`)
  }
  // the content of the checklist items themselves (jieba), a small extra signal
  const lexiconTop = Math.max(0, ...SERVICE_KEYS.map((k) => best.get(k) ?? 0))
  for (const [k, w, words] of contentSignal(text)) {
    if (lexiconTop < 1.5 && w >= 0.8) {
      // nothing in the lexicon, but several words specific to one service's checklist items
      add(scores, why, k, 2 * w, `content alone: ${words.join('/')} +${round(2 * w)}`)
      continue
    }
    if ((best.get(k) ?? 0) < 1.5 && w < 1) continue
    add(scores, why, k, w, `content: ${words.join('/')} +${round(w)}`)
  }
  return { scores, why, aside }
}

// ---- the router ---------------------------------------------------------------------------------

function confidenceOf(top: number, second: number): number {
  if (top <= 0) return 0
  const strength = 1 - Math.exp(-top / 2.5)
  const margin = top / (top + Math.max(0, second))
  return round(Math.min(1, strength * (0.35 + 0.65 * margin) * 1.15))
}

/**
 * Routes one message. Throws AppError('not_found') for an unknown jurisdiction (unless
 * skipDepartments).
 */
export function routeMessage(text: string, jurisdictionId: string, opts: RouteOptions = {}): RouteResult {
  const norm = normalise(text ?? '')
  const urgency = assessUrgency(norm)
  const { scores, why, aside } = score(norm, urgency.discountedWords, urgency.reasons, urgency.jokeWords)
  // a parent who hit the child once asks how to keep their temper (urgency's 'temper' frame): a parenting question,
  // whatever homework or school the story names
  // a parent's exasperation said as a wish to hit, asking how to manage (打死他的心都有 到底该咋管): a parenting question
  if (urgency.frame === 'parenting' && EXASPERATED.test(norm)) add(scores, why, 'family_education', 3, "rule: a parent's exasperation, asking how to manage +3")
  if (urgency.frame === 'temper') add(scores, why, 'family_education', 3, 'rule: a parent asking how to keep their temper +3')
  // "打完针娃疼得哭了一宿 腿上鼓个包 … 这正常不": a jab's reaction asked about
  if (urgency.frame === 'jab' && JAB_REACTION_ASK.test(norm)) add(scores, why, 'child_health', 3, "rule: a jab's reaction asked about +3")
  // "闺女是双相 … 有没有人能定期来看看 教教俺们咋照顾": a named severe disorder's care and visits are that service
  if ((scores.get('severe_mental_disorder') ?? 0) >= 4 && (scores.get('home_visit') ?? 0) > 0) add(scores, why, 'severe_mental_disorder', 3, 'rule: visits and care asked for a named severe disorder +3')
  // "孩子在学校被几个大的打了 … 说不想活了 … 天黑了还没找着": beaten at school and now missing, the school's safety (urgent kept)
  if (urgency.urgent && BULLIED_AT_SCHOOL.test(norm) && urgency.reasons.some((r) => /^(missing|unreachable):/.test(r))) {
    const g = scores.get('guardianship_support') ?? 0
    if (g > 0) add(scores, why, 'guardianship_support', -0.5 * g, 'rule: beaten at school, not a guardianship case ×0.5')
    add(scores, why, 'safety_legal', 3, 'rule: beaten at school, now missing +3')
  }
  // "领着两个娃在汽车站坐着 今天晚上不知道去哪睡": a parent stranded with the children tonight needs emergency help, whoever put
  // them out (the sets' convention for a parent put out with the children)
  if (urgency.reasons.some((r) => /^rough_sleeping: (今晚|今天晚上|今儿晚上|今夜|晚上)/.test(r)) && WITH_THE_CHILDREN.test(norm)) {
    for (const k of ['guardianship_support', 'guardianship_care', 'medical_services'] as const) {
      const v = scores.get(k) ?? 0
      if (v > 0) add(scores, why, k, -0.7 * v, `rule: a parent stranded with the children tonight, ${k} ×0.3`)
    }
    add(scores, why, 'temporary_assistance', 3.5, 'rule: a parent stranded with the children tonight +3.5')
  }
  // neglect told as a habit, asking who can step in (邻居两口子天天喝 娃老是没人做饭 … 能找谁管管): guardianship support (the sets'
  // convention), not an institution's care
  if (urgency.frame === 'habit') {
    const c = scores.get('guardianship_care') ?? 0
    if (c > 0) add(scores, why, 'guardianship_care', -0.7 * c, 'rule: neglect told as a habit, not an institution ×0.3')
    add(scores, why, 'guardianship_support', 3, 'rule: neglect told as a habit, asking who can step in +3')
  }
  // "… 社区能来人看看吗" ending the message: the ask is the visit, the story (a child alone, adults gone) its reason (after every
  // other rule, so that the story's own rules are weighed too)
  const look = COME_AND_LOOK.exec(text)
  if (look && text.length - (look.index + look[0].length) <= 3) {
    const g = scores.get('guardianship_support') ?? 0
    if (g > 0) add(scores, why, 'guardianship_support', -0.5 * g, 'rule: the visit asked at the end, the story is why ×0.5')
    add(scores, why, 'home_visit', 1.5, 'rule: the visit asked at the end +1.5')
  }
  const ranked = SERVICE_KEYS.map((k) => [k, scores.get(k) ?? 0] as const)
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1] || SERVICE_KEYS.indexOf(a[0]) - SERVICE_KEYS.indexOf(b[0]))
  const noneScore = scores.get('none') ?? 0
  const [top, second] = ranked
  const topScore = Math.max(...ranked.map(([, v]) => v), 0)
  const isNone = !top || topScore < MIN_SCORE || (noneScore >= topScore && topScore < 5)
  const service: ServiceKey | 'none' = isNone ? 'none' : top[0]
  const confidence = isNone
    ? round(Math.max(0.3, 1 - topScore / (MIN_SCORE * 2)) * (top ? 1 : 1))
    : confidenceOf(top[1], Math.max(...ranked.slice(1).map(([, v]) => v), 0))
  const total = ranked.reduce((s, [, v]) => s + v, 0) || 1
  const alternatives = ranked
    .filter(([k]) => k !== service)
    .slice(0, opts.maxAlternatives ?? 3)
    .map(([k, s]) => ({ service: k, confidence: round(s / total) }))
  // every need within reach of the main one, judged on weights before the main/by-the-way rules
  const plain = (k: ServiceKey, s: number) => s + (aside.get(k) ?? 0)
  const plainTop = top ? plain(top[0], top[1]) : 0
  const needs = isNone ? [] : ranked.filter(([k, s], i) => i === 0 || (plain(k, s) >= 2.5 && plain(k, s) >= plainTop * 0.4)).map(([k]) => k)
  const explanation: Record<string, string[]> = {}
  for (const [k] of ranked) explanation[k] = why[k] ?? []
  if (why.none) explanation.none = why.none
  // the learned second opinion (urgency-model.ts): urgent = rules OR model probability ≥ threshold
  const model = scoreUrgency(norm, loadedWeights(), URGENCY_THRESHOLD, { normalised: true })
  // a word or two (女儿, 她, 女孩: an answer to a question) is too short for the model's n-grams to mean
  // anything: one feature scaled by 1/√1 weighs all it can. The rules still judge short messages (救命, 想死).
  // a frame the rules recognise (a jab's reaction, a placement asked for, a joke, an ordinary illness) is not overruled by the model alone
  const modelUrgent = model.urgent && storyUnits(norm) >= MODEL_MIN_UNITS && !urgency.frame
  const urgent = urgency.urgent || modelUrgent
  const reasons = !urgency.urgent && modelUrgent ? [`model: p ${model.probability} ≥ ${URGENCY_THRESHOLD} (${model.top.map((t) => t.split(' ')[0]).join(', ')})`] : urgency.reasons
  if (reasons.length) explanation.urgency = reasons
  if (urgency.discounted.length) explanation.urgency_discounted = urgency.discounted
  explanation.urgency_model = [`p ${model.probability} (threshold ${URGENCY_THRESHOLD})`, ...model.top]
  const ask = isNone ? topScore >= 0.5 : confidence < ASK_BELOW
  return {
    service,
    confidence,
    alternatives,
    needs,
    departments: service === 'none' || opts.skipDepartments ? [] : departmentsFor(jurisdictionId, service),
    urgent,
    urgency: { reasons },
    explanation,
    ask,
  }
}

/** The services to offer when the router asks: the main one and its runner-ups, at most `n`. */
export function choicesFor(result: RouteResult, n = 3): ServiceKey[] {
  const out: ServiceKey[] = []
  if (result.service !== 'none') out.push(result.service)
  for (const a of result.alternatives) if (out.length < n && !out.includes(a.service)) out.push(a.service)
  return out
}
