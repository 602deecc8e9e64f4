/**
 * Validation of every registry field, shared by the API (route bodies) and the bot (one answer at a
 * time through `validateField`). Messages are i18n keys (`validation.*` in common, `registry:validation.*`),
 * so a parent reads them in zh-CN or en.
 */
import { z } from 'zod'
import { RELATIONS, SCHOOL_STAGES, SITUATIONS } from '../../content/vocabulary'
import { isIsoDate } from '../../shared/dates'
import { LANGUAGES, t, type Language } from '../../shared/i18n'
import { isValidIdNumber, normaliseIdNumber } from './id-number'
import { isOwnListPlace, isResidenceJurisdiction, resolvePlace } from './places'

export const SEXES = ['male', 'female'] as const

/** The privacy notice version families accept now (text: registry:consent.text). */
export const CONSENT_VERSION = '2026-03'

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
/** The month number of an English month name or its short form ("June", "Sept", "mar"), or undefined. */
function monthOf(word: string): number | undefined {
  const w = word.toLowerCase()
  const i = w.length >= 3 ? MONTHS.findIndex((m) => m.startsWith(w)) : -1
  return i >= 0 ? i + 1 : undefined
}
const ymd = (y: string, m: number | string, d: number | string) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`

/**
 * "2019年5月1日", "2019年5月1号", "2019/5/1", "2019.05.01", "June 1, 2018", "1 June 2018" → "2019-05-01";
 * anything else unchanged. (A grandparent's "1号" and an English-only parent's "June 1, 2018" were refused.)
 */
export function normaliseDate(v: unknown): unknown {
  if (typeof v !== 'string') return v
  const s = v.trim().replace(/[日号]$/, '').replace(/[年月/.]/g, '-')
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s)
  if (m) return ymd(m[1]!, m[2]!, m[3]!)
  const en = v.trim().replace(/[.,]/g, ' ').replace(/\s+/g, ' ')
  const mdy = /^([a-z]+) (\d{1,2})(?:st|nd|rd|th)? (\d{4})$/i.exec(en)
  if (mdy && monthOf(mdy[1]!)) return ymd(mdy[3]!, monthOf(mdy[1]!)!, mdy[2]!)
  const dmy = /^(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+) (\d{4})$/i.exec(en)
  if (dmy && monthOf(dmy[2]!)) return ymd(dmy[3]!, monthOf(dmy[2]!)!, dmy[1]!)
  return v
}

/**
 * A date a parent may only remember roughly (when the family moved here): a full date as above, or
 * a year and month ("2023年3月", "2023-03", "2023/3"), taken as the first of that month.
 */
export function normaliseRoughDate(v: unknown): unknown {
  const d = normaliseDate(v)
  if (d !== v || typeof v !== 'string') return d
  const m = /^(\d{4})-(\d{1,2})$/.exec(v.trim().replace(/月份?$/, '').replace(/[年/.]/g, '-'))
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-01`
  // "March 2024", "2024 March" (an English-only parent's answer was refused)
  const en = v.trim().replace(/[.,]/g, ' ').replace(/\s+/g, ' ')
  const my = /^([a-z]+) (\d{4})$/i.exec(en)
  if (my && monthOf(my[1]!)) return ymd(my[2]!, monthOf(my[1]!)!, 1)
  const ym = /^(\d{4}) ([a-z]+)$/i.exec(en)
  if (ym && monthOf(ym[2]!)) return ymd(ym[1]!, monthOf(ym[2]!)!, 1)
  return v
}

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

export const dateField = z.preprocess(normaliseDate, z.string({ error: 'validation.date' }).refine(isIsoDate, 'validation.date'))
const roughDateField = z.preprocess(normaliseRoughDate, z.string({ error: 'validation.date' }).refine(isIsoDate, 'validation.date'))
// (a check without its own message takes the schema's: 'validation.required' for a name too long, so max names its own)
/**
 * Invisible characters (control characters, zero-width spaces, right-to-left overrides) are dropped from
 * names and places: '\u200b' alone was saved as a name, and NUL or '\u202e' reached the staff console.
 */
export const withoutInvisible = (v: unknown) => (typeof v === 'string' ? v.replace(/[\p{Cc}\p{Cf}]/gu, '') : v)
export const nameField = z.preprocess(withoutInvisible, z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(32, 'validation.tooLong'))
export const placeField = z.preprocess(withoutInvisible, z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(32, 'validation.tooLong'))
const freeText = (max: number) => z.preprocess(emptyToUndefined, z.string().trim().max(max).nullish())

export const phoneField = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '') : v),
  z.string({ error: 'validation.phone' }).regex(/^1[3-9]\d{9}$/, 'validation.phone'),
)
export const idNumberField = z.preprocess(
  (v) => (typeof v === 'string' ? normaliseIdNumber(v) : v),
  z.string({ error: 'validation.idNumber' }).refine(isValidIdNumber, 'validation.idNumber'),
)
export const relationField = z.enum(RELATIONS, { error: 'registry:validation.relation' })
export const sexField = z.enum(SEXES, { error: 'registry:validation.sex' })
export const schoolStageField = z.enum(SCHOOL_STAGES, { error: 'registry:validation.schoolStage' })
export const situationsField = z
  .array(z.enum(SITUATIONS, { error: 'registry:validation.situation' }), { error: 'registry:validation.situation' })
  .max(SITUATIONS.length)
  .transform((a) => [...new Set(a)])
export const languageField = z.enum(LANGUAGES, { error: 'registry:validation.language' })
export const jurisdictionField = z.string({ error: 'validation.jurisdiction' }).trim().refine(isResidenceJurisdiction, 'validation.jurisdiction')

export const HukouSchema = z.object({ province: placeField, city: placeField, county: placeField })

export const ConsentSchema = z.object({
  accepted: z.boolean({ error: 'registry:validation.consentAccepted' }),
  version: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(32, 'validation.tooLong'),
})

/**
 * Body of `PUT /api/v1/me`: the guardian and the family profile (saving it confirms the data).
 * Where the family lives: `jurisdiction` is a city or county with its own list (`jincheng`), or a
 * province (`shanxi`, `anhui`, or a place id under one, `shanxi.taiyuan`) with `city` in words
 * (太原); see places.ts `resolvePlace`.
 */
export const ProfileSchema = z.object({
  name: nameField,
  relation: relationField,
  phone: z.preprocess(emptyToUndefined, phoneField.nullish()),
  jurisdiction: jurisdictionField,
  city: freeText(32),
  district: freeText(64),
  street: freeText(64),
  community: freeText(128),
  hukou: HukouSchema,
  movedInOn: roughDateField,
  residencePermit: z.boolean({ error: 'registry:validation.residencePermit' }),
  consent: ConsentSchema,
  language: languageField.optional(),
}).superRefine((v, ctx) => {
  if (!isOwnListPlace(v.jurisdiction) && isResidenceJurisdiction(v.jurisdiction) && !resolvePlace(v.jurisdiction, v.city)) {
    ctx.addIssue({ code: 'custom', path: ['city'], message: 'registry:validation.cityRequired' })
  }
})
export type ProfileInput = z.infer<typeof ProfileSchema>

/**
 * Body of `POST /api/v1/me/family/join`: the joining code, the new guardian's own details, and the
 * privacy notice confirmed (the same `consent` shape as the profile).
 */
export const JoinSchema = z.object({
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s-]/g, '') : v),
    z.string({ error: 'registry:validation.joinCode' }).regex(/^\d{6}$/, 'registry:validation.joinCode'),
  ),
  name: nameField,
  relation: relationField,
  phone: z.preprocess(emptyToUndefined, phoneField.nullish()),
  consent: ConsentSchema,
  language: languageField.optional(),
})
export type JoinInput = z.infer<typeof JoinSchema>

/** Body of `POST /api/v1/me/children`. */
export const ChildSchema = z.object({
  name: nameField,
  sex: sexField,
  birthDate: dateField,
  schoolStage: schoolStageField,
  schoolName: freeText(64),
  idNumber: z.preprocess(emptyToUndefined, idNumberField.nullish()),
  situations: situationsField.default([]),
  disabilityCertified: z.boolean().optional(),
})
export type ChildInput = z.infer<typeof ChildSchema>

/** Body of `PATCH /api/v1/me/children/:id`: any of the fields; `idNumber: null` removes the number. */
export const ChildPatchSchema = z.object({
  name: nameField.optional(),
  sex: sexField.optional(),
  birthDate: dateField.optional(),
  schoolStage: schoolStageField.optional(),
  schoolName: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string().trim().max(64).nullish()),
  idNumber: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), idNumberField.nullish()),
  situations: situationsField.optional(),
  disabilityCertified: z.boolean().optional(),
})
export type ChildPatch = z.infer<typeof ChildPatchSchema>

/** Too long (text), too many (a list) or too large (a number): each in its own words. */
function tooBigKey(issue: z.core.$ZodIssue): string {
  const origin = (issue as { origin?: string }).origin
  if (origin === 'number' || origin === 'int' || origin === 'bigint') return 'validation.tooBig'
  if (origin === 'array' || origin === 'set') return 'validation.tooMany'
  return 'validation.tooLong'
}

/** The value at a zod issue's path in what was checked (undefined when it is not there). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<PropertyKey, unknown>)[k]
  }
  return v
}

/**
 * One zod issue in a parent's words: the one wording of validation, for the bot and the API alike.
 * `input` is what was checked: zod's issue does not carry the value, and a field that is missing
 * ("required") must be told apart from one of the wrong kind ("abc" for a number: "the format is wrong").
 * A schema message that is an i18n key (`validation.date`) is translated. `codesOfChoices`: a value not
 * among the choices names the choices' codes (for the API's clients; a parent is asked with labels instead).
 */
export function issueMessage(issue: z.core.$ZodIssue, lang: Language | string, opts: { input?: unknown; codesOfChoices?: boolean } = {}): string {
  const { input } = opts
  let key = 'validation.invalid'
  const params: Record<string, unknown> = {}
  if (issue.code === 'too_big') params.max = (issue as { maximum?: unknown }).maximum
  // a check of our own that names its limit (`refine(…, { params: { max } })`)
  if (issue.code === 'custom' && issue.params?.max !== undefined) params.max = issue.params.max
  if (/^[a-z]+(:|\.)[A-Za-z.]+$/.test(issue.message)) key = issue.message
  else if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) key = 'validation.required'
  else if (issue.code === 'too_big') key = tooBigKey(issue)
  else if (issue.code === 'invalid_value' && opts.codesOfChoices) {
    key = 'validation.oneOf'
    params.options = ((issue as { values?: unknown[] }).values ?? []).join(', ')
  } else if (issue.code === 'too_small' && (issue as { minimum?: unknown }).minimum === 1) key = 'validation.required'
  return t(lang, key, params)
}

const FIELD_SCHEMAS = {
  name: nameField,
  relation: relationField,
  phone: phoneField,
  jurisdiction: jurisdictionField,
  city: placeField,
  district: freeText(64),
  street: freeText(64),
  community: freeText(128),
  hukouProvince: placeField,
  hukouCity: placeField,
  hukouCounty: placeField,
  movedInOn: roughDateField,
  residencePermit: z.boolean({ error: 'registry:validation.residencePermit' }),
  language: languageField,
  childName: nameField,
  sex: sexField,
  birthDate: dateField,
  schoolStage: schoolStageField,
  schoolName: freeText(64),
  idNumber: idNumberField,
  situations: situationsField,
} as const

export type RegistryField = keyof typeof FIELD_SCHEMAS
export const REGISTRY_FIELDS = Object.keys(FIELD_SCHEMAS) as RegistryField[]

/** Label namespaces whose words a parent may type instead of the code ("妈妈" for mother). */
const LABELS: Partial<Record<RegistryField, readonly string[]>> = { relation: RELATIONS, sex: SEXES, schoolStage: SCHOOL_STAGES, situations: SITUATIONS }
const LABEL_KEY: Partial<Record<RegistryField, string>> = { relation: 'relation', sex: 'sex', schoolStage: 'schoolStage', situations: 'situation' }

function fromLabel(field: RegistryField, v: unknown): unknown {
  const codes = LABELS[field]
  if (!codes) return v
  const one = (x: unknown) => {
    if (typeof x !== 'string') return x
    const s = x.trim()
    const hit = codes.find((c) => c === s || LANGUAGES.some((l) => t(l, `registry:${LABEL_KEY[field]}.${c}`).toLowerCase() === s.toLowerCase()))
    return hit ?? s
  }
  if (field === 'situations') {
    const list = typeof v === 'string' ? v.split(/[,，、;；\s]+/).filter(Boolean) : v
    return Array.isArray(list) ? list.map(one) : list
  }
  return one(v)
}

const YES = ['是', '有', '对', 'yes', 'y', 'true']
const NO = ['否', '没有', '无', '不是', 'no', 'n', 'false']

export type FieldResult<T = unknown> = { ok: true; value: T } | { ok: false; message: string }

/**
 * Checks one answer with the same rules as the API, e.g. `validateField('birthDate', '2019-05-01', 'zh-CN')`.
 * Accepts the words a parent types for choices ("妈妈", "女", "有") and dates like 2019年5月1日.
 * Pass `today` (YYYY-MM-DD) to also refuse dates in the future.
 */
export function validateField(field: RegistryField, value: unknown, lang: Language | string, opts: { today?: string } = {}): FieldResult {
  const schema = FIELD_SCHEMAS[field] as z.ZodType
  if (!schema) return { ok: false, message: t(lang, 'validation.invalid') }
  let input = fromLabel(field, value)
  if (field === 'residencePermit' && typeof input === 'string') {
    const s = input.trim().toLowerCase()
    input = YES.includes(s) ? true : NO.includes(s) ? false : input
  }
  const r = schema.safeParse(input)
  if (!r.success) return { ok: false, message: issueMessage(r.error.issues[0]!, lang, { input }) }
  if (opts.today && (field === 'birthDate' || field === 'movedInOn') && typeof r.data === 'string' && r.data > opts.today) {
    return { ok: false, message: t(lang, 'registry:validation.future') }
  }
  return { ok: true, value: r.data }
}
