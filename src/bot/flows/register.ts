/**
 * Self-registration as a guided conversation: one question at a time, each answer checked with
 * the registry's own field validators (and its plain-language correction), "上一步"/"back" and
 * "重填" work, several children, a summary to confirm at the end. Consent comes first: no child
 * data is asked for, let alone stored, before the parent agrees. Answers wait in the conversation
 * state (database) until the parent confirms; then the registry saves them.
 */
import type { Flow } from '../dialogue/flow'
import type { Turn } from '../dialogue/turn'
import { addChild, readFamily, saveProfile, type FamilyView } from '../../domain/registry/registry.service'
import { CONSENT_VERSION, validateField, type ProfileInput, type RegistryField } from '../../domain/registry/registry.schemas'
import { RELATIONS, SCHOOL_STAGES, SITUATIONS } from '../../content/vocabulary'
import { isAppError } from '../../shared/errors'
import { localDate } from '../../shared/dates'
import { bare, chosenNumber, isOneOf, normalise, WORDS } from '../text'
import { askCity, chineseNameOf, cityChoices, cityName, englishPlaceName, parseOwnListCity, parsePlace, provinceName } from './city'
import { PLACES, resolvePlace } from '../../domain/registry/places'
import { splitProvince } from '../../domain/registry/provinces'
import { idBirthDate } from '../../domain/registry/id-number'
import { checklistNamespace } from '../../content'
import { menuFlow } from './menu'

export const SKIP = ['跳过', '不填', '不知道', '不清楚', '没有', '无', '不留', '不留了', '不想留', '不想填', '不用', '不用了', '没有手机', '没手机', '没有手机号', 'skip', 'none', 'no', "don't know", 'dont know', '-']
const SEXES = ['male', 'female'] as const

type Profile = Record<string, unknown>
type ChildAnswers = Record<string, unknown>

interface Question {
  /** The registry field checked (and the i18n key of the question: bot:register.ask.<step>). */
  field?: RegistryField
  /** Numbered choices: codes and their label namespace in `registry`. */
  choices?: { codes: readonly string[]; labels: string }
  optional?: boolean
  /** Where the answer goes. */
  target: 'profile' | 'child'
}

const QUESTIONS: Record<string, Question> = {
  name: { field: 'name', target: 'profile' },
  relation: { field: 'relation', choices: { codes: RELATIONS, labels: 'relation' }, target: 'profile' },
  phone: { field: 'phone', optional: true, target: 'profile' },
  district: { field: 'district', optional: true, target: 'profile' },
  street: { field: 'street', optional: true, target: 'profile' },
  community: { field: 'community', optional: true, target: 'profile' },
  movedInOn: { field: 'movedInOn', target: 'profile' },
  residencePermit: { field: 'residencePermit', target: 'profile' },
  childName: { field: 'childName', target: 'child' },
  sex: { field: 'sex', choices: { codes: SEXES, labels: 'sex' }, target: 'child' },
  birthDate: { field: 'birthDate', target: 'child' },
  schoolStage: { field: 'schoolStage', choices: { codes: SCHOOL_STAGES, labels: 'schoolStage' }, target: 'child' },
  idNumber: { field: 'idNumber', optional: true, target: 'child' },
}

/** The order of the questions; 'city', 'hukou', 'situations', 'more' and 'summary' are handled on their own. */
const PROFILE_STEPS = ['name', 'relation', 'phone', 'city', 'district', 'street', 'community', 'hukou', 'movedInOn', 'residencePermit'] as const
const CHILD_STEPS = ['childName', 'sex', 'birthDate', 'schoolStage', 'idNumber', 'situations', 'more'] as const

/** The residence-permit answer as a parent types it: 1/2, 有/没有 and their everyday forms, yes/no. */
const PERMIT_YES = ['1', '有', '有的', '有了', '有居住证', '办了', '办过', '是', '是的', '对', 'yes', 'y', 'yeah', 'yep', 'yes we have', 'we have one', 'have']
const PERMIT_NO = ['2', '没有', '没', '没有居住证', '没办', '还没办', '还没有', '无', '否', '不是', 'no', 'n', 'nope', 'not yet', 'none', 'no we dont', "don't have", 'dont have']
export function permitAnswer(text: string): boolean | undefined {
  const b = bare(text).toLowerCase()
  return PERMIT_YES.includes(b) ? true : PERMIT_NO.includes(b) ? false : undefined
}

/** How a parent names themself at the relation question ("奶奶", "grandma", "孩子他妈"): the registry's code. */
const RELATION_WORDS: Record<string, (typeof RELATIONS)[number]> = {}
for (const [code, words] of Object.entries({
  mother: ['妈', '妈妈', '母亲', '孩子妈', '孩子他妈', '孩子妈妈', '娘', '老妈', 'mum', 'mom', 'mother', 'mommy', 'mummy'],
  father: ['爸', '爸爸', '父亲', '孩子爸', '孩子他爸', '孩子爸爸', '爹', '老爸', 'dad', 'father', 'daddy', 'papa'],
  grandparent: ['奶奶', '爷爷', '外婆', '外公', '姥姥', '姥爷', '奶', '爷', '婆婆', '阿婆', '阿公', 'grandma', 'grandpa', 'grandmother', 'grandfather', 'granny', 'grandparent'],
  other_relative: ['姑姑', '姑妈', '舅舅', '舅妈', '姨', '姨妈', '阿姨', '叔叔', '婶婶', '伯伯', '大伯', '哥哥', '姐姐', '亲戚', 'aunt', 'uncle', 'brother', 'sister', 'relative', 'cousin'],
  guardian: ['监护人', 'guardian'],
} as const)) for (const w of words) RELATION_WORDS[w] = code as (typeof RELATIONS)[number]
export function relationAnswer(text: string): (typeof RELATIONS)[number] | undefined {
  const b = bare(text).toLowerCase().replace(/^(我是|i am|i'm|im)\s*/, '')
  return RELATION_WORDS[b] ?? RELATION_WORDS[b.replace(/^(孩子的|孩子|他的|她的|他|她|the child's|his|her)\s*/, '')]
}

/**
 * An answer that is exactly one of the choices of the question being asked ("女孩" at the sex question,
 * "奶奶", "小学", "有"): it answers that question and is never read as a message about a child in danger
 * (the urgency model took "女孩" and "女" for danger, and a mother registering a daughter got 110).
 */
export function isChoiceAnswer(step: string, text: string): boolean {
  if (step === 'relation') return relationAnswer(text) !== undefined || validateField('relation', text, 'zh-CN').ok
  if (step === 'residencePermit') return permitAnswer(text) !== undefined
  if (step === 'sex') return sexAnswer(text) !== undefined
  if (step === 'schoolStage') return schoolStageAnswer(text) !== undefined || validateField(step, text, 'en').ok
  return false
}

/** The child's sex as a parent says it: the question asks 男孩还是女孩, and "女孩" was refused (only 女 or 2 worked). */
const SEX_WORDS: Record<string, (typeof SEXES)[number]> = {}
for (const w of ['男', '男孩', '男孩子', '男的', '男生', '儿子', '小子', 'boy', 'a boy', 'son', 'male', 'he']) SEX_WORDS[w] = 'male'
for (const w of ['女', '女孩', '女孩子', '女的', '女生', '女儿', '闺女', 'girl', 'a girl', 'daughter', 'female', 'she']) SEX_WORDS[w] = 'female'
export function sexAnswer(text: string): (typeof SEXES)[number] | undefined {
  const b = bare(text).toLowerCase().replace(/^(是|是个|是一个|it's|it is)\s*/, '')
  return SEX_WORDS[b]
}

/** The school stage as a parent says it ("上小学了", "读初二", "还没上学", "念幼稚园"): the registry's code. */
const STAGE_WORDS: Array<[RegExp, (typeof SCHOOL_STAGES)[number]]> = [
  [/(没|不|还没有?)(上|念|读)|在家|没上学|not in school|no school|not at school|at home/u, 'none'],
  [/托育|托儿所|托班|早教|nursery|day ?care|creche/u, 'nursery'],
  [/幼儿园|幼稚园|小班|中班|大班|学前班|kindergarten|pre-?school/u, 'kindergarten'],
  [/中职|职高|技校|中专|职业学校|vocational|technical school/u, 'vocational'],
  [/初中|初[一二三]|中学|junior|middle school/u, 'junior'],
  [/高中|高[一二三]|senior|high school/u, 'senior'],
  [/小学|[一二三四五六1-6]年级|primary|elementary|grade [1-6]/u, 'primary'],
]
export function schoolStageAnswer(text: string): (typeof SCHOOL_STAGES)[number] | undefined {
  const b = bare(text)
  // a short answer, not a sentence about something else
  if (b.length > (/[a-z]/.test(b) ? 30 : 12)) return undefined
  return STAGE_WORDS.find(([re]) => re.test(b))?.[1]
}

/** A name needs at least one letter or character: "1", "。。" or "123" is a menu number or a slip. */
export const hasLetters = (text: string) => /[\p{L}]/u.test(text)
/** Answers that are not a name: "好的" to "我们开始登记" was saved as the guardian's name. */
const NOT_A_NAME = [...WORDS.yes, ...WORDS.no, ...WORDS.more, ...SKIP, '嗯', '哦', '行', '知道了', '明白', '收到', '谢谢', '开始', '好了']

/**
 * Words said TO someone rather than an answer: a question, a plea, a sentence about the child ("你们什么时候来",
 * "你们到了吗？他还是不接电话", "你们快点来"). While the parent's urgent question is open they were taken as
 * the name, the district or the hukou, and staff never read them.
 */
const SAID_TO_SOMEONE = /[，。！？?!,;；]|你们|您|吗|呢|什么|怎么|为什么|哪|快点|快来|来了|过来|来啊|还没|还是|没人|不接|电话|报警|救命|帮帮|孩子|他爸|她爸|打得|到了|现在|一直|please|help|when|where|why|\?/iu

/**
 * Whether the message can be the answer to the registration question being asked, by that question's own
 * checks (the registry's validators, the choices, the place and date readers): a name question does not take
 * a question sentence, a district question does not take a sentence. Used only while the parent is talking
 * to staff (their urgent question open, or a staff answer came): what does not fit goes to that question.
 */
export function fitsRegistrationStep(turn: Turn): boolean {
  const step = turn.state.step
  const text = turn.text.trim()
  const said = SAID_TO_SOMEONE.test(text)
  if (isOneOf(text, WORDS.redo) || isOneOf(text, SKIP)) return true
  // a short word that is not said to someone ("我是他妈", "没有办"): the question's own correction answers it
  const short = !said && bare(text).length <= 6
  if (step === 'consent' || step === 'more' || step === 'registered' || step === 'summary') {
    return short || chosenNumber(text) !== null || isOneOf(text, WORDS.yes) || isOneOf(text, WORDS.no) || (step === 'more' && /^(还有|有|再加|加一个|没有了|没了|就这些)/u.test(bare(text)))
  }
  if (['relation', 'sex', 'schoolStage', 'residencePermit'].includes(step)) return short || chosenNumber(text) !== null || isChoiceAnswer(step, text)
  if (step === 'situations') return short || parseSituations(turn, text).ok
  if (step === 'phone' || step === 'idNumber') return short || /^[\d\s+()xX-]{3,}$/u.test(normalise(text)) || /\d{11}/u.test(text)
  if (step === 'name' || step === 'childName') {
    // a name: letters, not a sentence, not longer than a name is (a Chinese one up to six characters)
    return hasLetters(text) && !said && validateField(step, text, turn.lang).ok && (/[a-z]/i.test(text) ? text.length <= 40 : text.replace(/\s+/g, '').length <= 6)
  }
  if (step === 'hukou') return !!splitHukou(text) || (!said && text.length <= 16)
  if (step === 'city' || step === 'placeProvince' || step === 'placeCity') return !!parseOwnListCity(text) || (!said && !!parsePlace(text))
  // district, street, community, dates: anything that is not a sentence said to someone (the question's own
  // check then corrects it as before)
  return !said
}

/** A summary line being changed: its last question goes back to the summary. */
interface Editing {
  last: string
  /** The child (index in `children`) whose line is being changed. */
  child?: number
}

/** The summary's numbered lines (from 2: "1" saves) and the question each one goes back to. */
function summaryLines(turn: Turn): Array<{ first: string; last: string; child?: number }> {
  const lines: Array<{ first: string; last: string; child?: number }> = []
  if (!turn.data<boolean>('addingChildren')) {
    lines.push({ first: 'name', last: 'phone' }, { first: 'city', last: 'community' }, { first: 'hukou', last: 'movedInOn' }, { first: 'residencePermit', last: 'residencePermit' })
  }
  ;(turn.data<ChildAnswers[]>('children') ?? []).forEach((_, i) => lines.push({ first: 'childName', last: 'situations', child: i }))
  return lines
}

/** The first summary line's number: 1 is "save". */
const FIRST_LINE = 2

function nextStep(turn: Turn, step: string): string {
  if (turn.data<Editing>('editing')?.last === step) return 'summary'
  if (step === 'consent') return turn.data<boolean>('addingChildren') ? 'childName' : 'name'
  const p = PROFILE_STEPS.indexOf(step as (typeof PROFILE_STEPS)[number])
  if (p >= 0) {
    // place answers filled from what the parent said before registering are not asked again
    const prefilled = turn.data<Editing>('editing') ? [] : (turn.data<string[]>('prefilled') ?? [])
    let i = p + 1
    while (PROFILE_STEPS[i] && prefilled.includes(PROFILE_STEPS[i]!)) i++
    return PROFILE_STEPS[i] ?? 'childName'
  }
  const c = CHILD_STEPS.indexOf(step as (typeof CHILD_STEPS)[number])
  if (c >= 0) return CHILD_STEPS[c + 1] ?? 'summary'
  return 'summary'
}

function choiceList(turn: Turn, q: NonNullable<Question['choices']>): string {
  return q.codes.map((c, i) => `${i + 1} ${turn.t(`registry:${q.labels}.${c}`)}`).join('\n')
}

function today(turn: Turn): string {
  return localDate(turn.ctx.clock.now())
}

/** Splits "河南省 周口市 郸城县" (or 河南省周口市郸城县) into province, city, county. */
export function splitHukou(text: string): [string, string, string] | null {
  const s = text.trim()
  const spaced = s.split(/[\s,，、/]+/).filter(Boolean)
  if (spaced.length === 3) return spaced as [string, string, string]
  const m = s.match(/^(.+?(?:省|自治区|市))(.+?(?:市|自治州|州|盟|地区))(.+?(?:县|区|市|旗))$/)
  if (m) return [m[1]!, m[2]!, m[3]!]
  // "河南周口郸城", as a grandparent types it: a province, then a two-character city and county (shown in the summary to confirm)
  const p = splitProvince(s)
  if (p && /^[\u4e00-\u9fff]{4}$/u.test(p.rest)) return [p.province.zh, p.rest.slice(0, 2), p.rest.slice(2)]
  return null
}

/** Situations from numbers ("1 3") or words, through the registry's validator; [] for "没有". */
function parseSituations(turn: Turn, text: string): { ok: true; value: string[] } | { ok: false; message: string } {
  // a number is the list's choice: "2" is 特困家庭 (WORDS.no has "2", and it was saved as "没有")
  if (!/^\d+$/.test(bare(text)) && (isOneOf(text, SKIP) || isOneOf(text, WORDS.no))) return { ok: true, value: [] }
  const parts = normalise(text).split(/[\s,，、;；和]+/).filter(Boolean)
  const mapped = parts.map((p) => (/^\d{1,2}$/.test(p) ? (SITUATIONS[Number(p) - 1] ?? p) : p))
  const r = validateField('situations', mapped, turn.lang)
  return r.ok ? { ok: true, value: r.value as string[] } : r
}

function summaryText(turn: Turn): string {
  const p = (turn.data<Profile>('profile') ?? {}) as Record<string, string | boolean | undefined>
  const children = turn.data<ChildAnswers[]>('children') ?? []
  const none = turn.t('register.summary.none')
  const lines: string[] = []
  if (!turn.data<boolean>('addingChildren')) {
    lines.push(
      turn.t('register.summary.guardian', {
        name: p.name,
        relation: turn.t(`registry:relation.${String(p.relation)}`),
        phone: p.phone ?? none,
      }),
      turn.t('register.summary.place', {
        // the city, then the district only when given ("Jincheng not given" read as one odd phrase)
        where: [p.jurisdiction ? placeLabel(turn, p) : none, p.district].filter(Boolean).join(' '),
        street: p.street ?? none,
        community: p.community ?? none,
      }),
      turn.t('register.summary.hukou', { province: p.hukouProvince, city: p.hukouCity, county: p.hukouCounty, movedInOn: p.movedInOn }),
      turn.t(p.residencePermit ? 'register.summary.permitYes' : 'register.summary.permitNo'),
    )
  }
  // a child's line is named by the child's name, not a number of its own: "2 孩子3：…" read as two numbers
  children.forEach((c) => {
    const situations = (c.situations as string[] | undefined) ?? []
    lines.push(
      turn.t('register.summary.child', {
        name: c.childName,
        sex: turn.t(`registry:sex.${String(c.sex)}`),
        birthDate: c.birthDate,
        stage: turn.t(`registry:schoolStage.${String(c.schoolStage)}`),
        idNumber: c.idNumber ? turn.t('register.summary.idGiven') : none,
        situations: situations.length ? situations.map((s) => turn.t(`registry:situation.${s}`)).join(turn.t('checklist:view.listSeparator')) : turn.t('register.summary.noSituations'),
      }),
    )
  })
  // numbered from 1: line 1 is saving (1 is "yes" everywhere in this chat), then the lines to change (QA round 5,
  // item 14: the list started at 2, and a parent looked for line 1)
  return [`1 ${turn.t('register.summary.save')}`, ...lines.map((l, i) => `${i + FIRST_LINE} ${l}`)].join('\n')
}

/** The districts (and the county) of the family's city, with their other names. */
function districtNames(turn: Turn): string[] {
  const place = PLACES[String(turn.data<Profile>('profile')?.jurisdiction ?? '')]
  return place ? [...(place.county ? [place.county] : []), ...place.centralDistricts, ...Object.keys(place.aliases)] : []
}

/** The city question (it also says how to answer for a place that is not on the list). */
function askPlace(turn: Turn): void {
  askCity(turn)
}

/**
 * The district, street and community the parent said with their city before registering ("我们住在晋城市城区东街社区"):
 * once they choose that same city, they are filled in (each through its own check) and their questions skipped;
 * the summary shows them and its line changes them. Used once; not while a summary line is being changed.
 */
function fillSaidPlace(turn: Turn): void {
  const said = turn.memo.placeSaid
  const profile = turn.data<Profile>('profile') ?? {}
  if (!said || turn.state.step !== 'district' || turn.data<Editing>('editing') || profile.jurisdiction !== turn.memo.city) return
  turn.remember({ placeSaid: undefined })
  const filled: Record<string, string> = {}
  for (const field of ['district', 'street', 'community'] as const) {
    const r = said[field] ? validateField(field, said[field], turn.lang) : null
    if (r?.ok && typeof r.value === 'string') filled[field] = r.value
  }
  if (!Object.keys(filled).length) return
  turn.patch({ profile: { ...profile, ...filled }, prefilled: Object.keys(filled) })
  turn.say('register.placeSaidKept', { place: Object.values(filled).join(' ') })
  // the first of the place questions not answered (the others are skipped when reached)
  turn.state.step = filled.district ? nextStep(turn, 'district') : 'district'
}

/** Where the family lives, as the summary shows it: 晋城市, or 山西省 太原. */
function placeLabel(turn: Turn, p: Record<string, unknown>): string {
  const j = String(p.jurisdiction)
  return p.city ? `${provinceName(j.split('.')[0]!, turn.lang)} ${String(p.city)}` : cityName(j, turn.lang)
}

/**
 * A province and a city named: a city with its own list is that list; any other place is served
 * by its province's list or the national one, and the parent is told so plainly.
 */
async function choosePlace(turn: Turn, provinceId: string, city: string, flow: Flow): Promise<void> {
  const place = resolvePlace(provinceId, city)
  if (!place) {
    // asked again, every other answer kept (a summary line being changed too): goto dropped them all
    const clear = { placeCity: undefined, placeProvince: undefined }
    if (turn.state.step === 'city') turn.patch(clear)
    else turn.next('city', clear)
    const choices = cityChoices()
    turn.say('register.placeUnknown', { number: 1, city: cityName(choices[0]!, turn.lang) })
    return askPlace(turn)
  }
  turn.remember({ city: place.servedBy })
  const profile = place.placeId ? { jurisdiction: provinceId, city: place.city } : { jurisdiction: place.servedBy, city: undefined }
  if (place.placeId) turn.say('register.servedBy', { place: `${provinceName(provinceId, turn.lang)} ${city}`, list: turn.t(`${checklistNamespace(place.servedBy)}:name`) })
  turn.next(nextStep(turn, 'city'), { profile: { ...turn.data<Profile>('profile'), ...profile }, placeCity: undefined, placeProvince: undefined })
  return flow.ask(turn)
}

async function save(turn: Turn): Promise<FamilyView> {
  const { ctx, identity, lang } = turn
  const p = turn.data<Profile>('profile') ?? {}
  let familyId = identity.familyId
  if (!turn.data<boolean>('addingChildren') || !familyId) {
    const input = {
      name: p.name,
      relation: p.relation,
      phone: p.phone ?? null,
      jurisdiction: p.jurisdiction,
      city: p.city ?? null,
      district: p.district ?? null,
      street: p.street ?? null,
      community: p.community ?? null,
      hukou: { province: p.hukouProvince, city: p.hukouCity, county: p.hukouCounty },
      movedInOn: p.movedInOn,
      residencePermit: p.residencePermit,
      consent: { accepted: true, version: CONSENT_VERSION },
      language: lang,
    } as ProfileInput
    const family = await saveProfile(ctx, identity.id, input, lang)
    familyId = family.id
    turn.identity = { ...turn.identity, familyId: family.id }
  }
  const children = turn.data<ChildAnswers[]>('children') ?? []
  const saved = [...(turn.data<number[]>('savedChildren') ?? [])]
  for (let i = 0; i < children.length; i++) {
    if (saved.includes(i)) continue
    const c = children[i]!
    await addChild(
      ctx,
      familyId!,
      { name: c.childName, sex: c.sex, birthDate: c.birthDate, schoolStage: c.schoolStage, idNumber: c.idNumber ?? null, situations: c.situations ?? [] } as never,
      lang,
    )
    saved.push(i)
    turn.patch({ savedChildren: saved })
  }
  return readFamily(ctx, familyId!, lang)
}

/** Steps whose answers are worth keeping when the parent leaves registration half-way. */
const withoutMemo = (data: Record<string, unknown>) => Object.fromEntries(Object.entries(data).filter(([k]) => k !== 'memo'))

/**
 * The parent leaves registration half-way ("菜单", "取消", "人工"): its answers are kept, and offered
 * again when they come back to it (everything typed was dropped, and "1" started from the first question).
 */
export function keepUnfinishedRegistration(turn: Turn): void {
  if (turn.state.flow !== 'register' || turn.state.step === 'consent' || turn.state.step === 'registered') return
  const history = turn.state.history.map((h) => ({ step: h.step, data: withoutMemo(h.data) }))
  turn.remember({ registration: { step: turn.state.step, data: withoutMemo(turn.state.data), history } })
  turn.say('register.kept')
}

/** Goes back to a registration left half-way, at the question it stopped at; false when there is none. */
function resumeRegistration(turn: Turn): boolean {
  const kept = turn.memo.registration
  if (!kept || (turn.identity.familyId && !kept.data.addingChildren)) return false
  const memo = { ...turn.memo, registration: undefined }
  turn.state = { ...turn.state, flow: 'register', step: kept.step, data: { ...kept.data, memo }, history: kept.history.map((h) => ({ step: h.step, data: { ...h.data, memo } })) }
  turn.say('register.resume')
  return true
}

export const registerFlow: Flow = {
  name: 'register',
  async start(turn: Turn) {
    if (resumeRegistration(turn)) return this.ask(turn)
    if (turn.identity.familyId) {
      const family = await readFamily(turn.ctx, turn.identity.familyId, turn.lang)
      // the children already registered: a child added now is the family's next one (it said 第 1 个 again)
      turn.goto('register', 'registered', { before: family.children.length })
      turn.say('register.already', { children: family.children.map((c) => c.name).join(turn.t('checklist:view.listSeparator')) || turn.t('register.summary.none') })
      // and what to do next (it stopped there, and a parent did not know that 1 adds a child)
      return this.ask(turn)
    }
    const first = turn.memo.consent ? 'name' : 'consent'
    turn.goto('register', first, { profile: turn.memo.city ? { jurisdiction: turn.memo.city } : {}, children: [], child: {} })
    if (first === 'name') turn.say('register.intro')
    await this.ask(turn)
  },

  async ask(turn: Turn) {
    const step = turn.state.step
    if (step === 'consent') return turn.say('register.consent')
    if (step === 'registered') return turn.say('register.addMore')
    if (step === 'city') return askPlace(turn)
    if (step === 'placeProvince') return turn.say('register.ask.placeProvince', { city: turn.data<string>('placeCity') })
    if (step === 'placeCity') return turn.say('register.ask.placeCity', { province: provinceName(turn.data<string>('placeProvince') ?? '', turn.lang) })
    if (step === 'hukou') return turn.say('register.ask.hukou')
    if (step === 'district') {
      // an example from the family's own city (a county is its own answer); none where we do not know its districts
      const place = PLACES[String(turn.data<Profile>('profile')?.jurisdiction ?? '')]
      const example = place?.county ?? place?.centralDistricts[0]
      // in English, the name as an English reader says it ("For example: 城区." was shown)
      if (example) return turn.say('register.ask.district', { example: turn.lang === 'en' ? englishPlaceName(example) : example })
      return turn.say('register.ask.districtAny')
    }
    if (step === 'situations') {
      return turn.say('register.ask.situations', { list: SITUATIONS.map((s, i) => `${i + 1} ${turn.t(`registry:situation.${s}`)}`).join('\n') })
    }
    if (step === 'more') return turn.say('register.ask.more')
    if (step === 'summary') {
      // a changed line is done: the next change starts from here again
      turn.patch({ editing: undefined, child: {} })
      return turn.say('register.summary.text', { summary: summaryText(turn) })
    }
    const q = QUESTIONS[step]
    if (!q) return
    // the child being changed from the summary keeps its own number
    const editingChild = turn.data<Editing>('editing')?.child
    const n = (turn.data<number>('before') ?? 0) + (editingChild ?? (turn.data<ChildAnswers[]>('children') ?? []).length) + 1
    turn.say(`register.ask.${step}`, { n, ...(q.choices ? { list: choiceList(turn, q.choices) } : {}) })
  },

  async handle(turn: Turn) {
    const step = turn.state.step
    const text = turn.text
    // After consent, an answer in the wrong shape is corrected and the question asked again; it is not
    // a "miss" (two misses hand over to a person and would drop every answer given so far).

    if (isOneOf(text, WORDS.redo) && step !== 'registered' && step !== 'consent') {
      turn.say('register.redo')
      if (turn.data<boolean>('addingChildren')) {
        turn.goto('register', 'childName', { addingChildren: true, before: turn.data<number>('before') ?? 0, children: [], child: {} })
        return this.ask(turn)
      }
      turn.remember({ consent: true })
      turn.goto('register', 'name', { profile: {}, children: [], child: {} })
      return this.ask(turn)
    }

    if (step === 'registered') {
      if (isOneOf(text, WORDS.yes)) {
        turn.goto('register', 'childName', { addingChildren: true, before: turn.data<number>('before') ?? 0, children: [], child: {} })
        return this.ask(turn)
      }
      return menuFlow.start(turn)
    }

    if (step === 'consent') {
      if (isOneOf(text, WORDS.yes)) {
        turn.remember({ consent: true })
        turn.next('name')
        turn.say('register.intro')
        return this.ask(turn)
      }
      if (isOneOf(text, WORDS.no)) {
        turn.remember({ consent: false })
        turn.say('register.noConsent')
        return menuFlow.start(turn)
      }
      turn.misunderstood = true
      return turn.say('welcome.consentPlease')
    }

    if (step === 'city') {
      const city = parseOwnListCity(text)
      const r = city ? validateField('jurisdiction', city, turn.lang) : null
      if (city && r?.ok) {
        turn.remember({ city })
        turn.next(nextStep(turn, step), { profile: { ...turn.data<Profile>('profile'), jurisdiction: city, city: undefined } })
        fillSaidPlace(turn)
        return this.ask(turn)
      }
      // A place without its own list: 太原, 山西太原, 安徽 合肥, or only the province or the city.
      const place = parsePlace(text)
      if (!place) {
        turn.say('city.notUnderstood')
        return askPlace(turn)
      }
      if (!place.provinceId) {
        turn.next('placeProvince', { placeCity: place.city })
        return this.ask(turn)
      }
      if (!place.city) {
        turn.next('placeCity', { placeProvince: place.provinceId })
        return this.ask(turn)
      }
      return choosePlace(turn, place.provinceId, place.city, this)
    }

    if (step === 'placeProvince' || step === 'placeCity') {
      // a number or a name from the list shown just before ("3", "晋城"): that city, as at the city question
      const own = parseOwnListCity(text)
      if (own && validateField('jurisdiction', own, turn.lang).ok) {
        turn.remember({ city: own })
        turn.next(nextStep(turn, 'city'), { profile: { ...turn.data<Profile>('profile'), jurisdiction: own, city: undefined }, placeCity: undefined, placeProvince: undefined })
        fillSaidPlace(turn)
        return this.ask(turn)
      }
      const split = step === 'placeProvince' ? parsePlace(text) : undefined
      const provinceId = step === 'placeProvince' ? split?.provinceId : turn.data<string>('placeProvince')
      const city = step === 'placeCity' ? (validateField('city', text, turn.lang).ok ? text.trim() : undefined) : turn.data<string>('placeCity')
      if (!provinceId || !city) {
        // still no place: say so, with the way back to the list
        turn.say('register.placeAgain')
        return this.ask(turn)
      }
      return choosePlace(turn, provinceId, city, this)
    }

    if (step === 'hukou') {
      const parts = splitHukou(text)
      if (!parts) {
        return turn.say('register.hukouAgain')
      }
      const fields: RegistryField[] = ['hukouProvince', 'hukouCity', 'hukouCounty']
      const values: Record<string, unknown> = {}
      for (let i = 0; i < 3; i++) {
        const r = validateField(fields[i]!, parts[i], turn.lang)
        if (!r.ok) return turn.sayText(`${r.message}\n${turn.t('register.hukouAgain')}`)
        values[fields[i]!] = r.value
      }
      turn.next(nextStep(turn, step), { profile: { ...turn.data<Profile>('profile'), ...values } })
      return this.ask(turn)
    }

    if (step === 'situations') {
      const r = parseSituations(turn, text)
      if (!r.ok) return turn.sayText(`${r.message}\n${turn.t('register.situationsAgain')}`)
      const child = { ...turn.data<ChildAnswers>('child'), situations: r.value }
      const editing = turn.data<Editing>('editing')
      const children = [...(turn.data<ChildAnswers[]>('children') ?? [])]
      if (editing?.child !== undefined) children[editing.child] = child
      else children.push(child)
      turn.next(editing ? 'summary' : 'more', { child: {}, children })
      if (editing) return this.ask(turn)
      return this.ask(turn)
    }

    if (step === 'more') {
      if (isOneOf(text, WORDS.yes) || /^(还有|有|再加|加一个)/.test(bare(text))) {
        turn.next('childName', { child: {} })
        return this.ask(turn)
      }
      if (isOneOf(text, WORDS.no) || /^(没有了|没了|就这些)/.test(bare(text))) {
        turn.next('summary')
        return this.ask(turn)
      }
      return turn.say('register.ask.more')
    }

    if (step === 'summary') {
      if (isOneOf(text, WORDS.yes)) {
        try {
          const family = await save(turn)
          turn.remember({ registration: undefined })
          turn.say('register.saved')
          turn.sayText(family.children.map((c) => turn.t('register.eligibility', { name: c.name, reason: c.eligibility.reason })).join('\n'))
          turn.say('register.next')
          turn.goto('menu', 'choose')
          return
        } catch (e) {
          if (isAppError(e) && (e.code === 'validation_failed' || e.code === 'conflict') && e.fields?.length) {
            turn.sayText(e.fields.map((f) => f.message).join('\n'))
            return turn.say('register.fixWithBack')
          }
          throw e
        }
      }
      // a line's number: straight back to that line's first question, every other answer kept
      const n = chosenNumber(text)
      const line = n !== null ? summaryLines(turn)[n - FIRST_LINE] : undefined
      if (line) {
        const child = line.child !== undefined ? { ...(turn.data<ChildAnswers[]>('children') ?? [])[line.child] } : {}
        turn.next(line.first, { editing: { last: line.last, child: line.child }, child })
        return this.ask(turn)
      }
      if (isOneOf(text, WORDS.no)) return turn.say('register.fixWithBack')
      return this.ask(turn)
    }

    const q = QUESTIONS[step]
    if (!q?.field) return this.ask(turn)
    let value: unknown = text
    // a place needs letters too: a grandparent's "3" was saved as the district (住在：长治市 3)
    if (['district', 'street', 'community'].includes(step) && text.trim() && !isOneOf(text, SKIP) && !hasLetters(text)) {
      turn.say('register.placeNeedsLetters')
      return this.ask(turn)
    }
    if ((step === 'name' || step === 'childName') && text.trim() && (!hasLetters(text) || isOneOf(text, NOT_A_NAME))) {
      turn.say('register.nameNeedsLetters', { example: turn.t(step === 'name' ? 'register.nameExample' : 'register.childNameExample') })
      return this.ask(turn)
    }
    if (step === 'residencePermit') value = permitAnswer(text) ?? text
    // the English example typed back ("Chengqu District"): the district's own name, as staff and the rules know it
    if (step === 'district') value = chineseNameOf(text, districtNames(turn)) ?? text
    if (step === 'relation') value = relationAnswer(text) ?? text
    if (step === 'sex') value = sexAnswer(text) ?? text
    if (step === 'schoolStage' && chosenNumber(text) === null) value = schoolStageAnswer(text) ?? text
    if (q.optional && isOneOf(text, SKIP)) value = undefined
    else {
      if (q.choices) {
        const n = chosenNumber(text)
        if (n !== null && q.choices.codes[n - 1]) value = q.choices.codes[n - 1]
      }
      const r = validateField(q.field, value, turn.lang, { today: today(turn) })
      if (!r.ok) {
        turn.sayText(r.message)
        return this.ask(turn)
      }
      value = r.value
      // an ID number whose birth date is not the child's: said now (it was said only after the summary,
      // and the parent had to go back step by step through every question in between)
      const birthDate = turn.data<ChildAnswers>('child')?.birthDate
      if (step === 'idNumber' && typeof value === 'string' && birthDate && idBirthDate(value) !== birthDate) {
        turn.sayText(turn.t('registry:validation.idBirthDate'))
        turn.say('register.idOrBack')
        return this.ask(turn)
      }
    }
    const next = nextStep(turn, step)
    if (q.target === 'profile') turn.next(next, { profile: { ...turn.data<Profile>('profile'), [step]: value } })
    else turn.next(next, { child: { ...turn.data<ChildAnswers>('child'), [step]: value } })
    return this.ask(turn)
  },
}
