/**
 * The shape of a jurisdiction's data file (src/content/checklists/<id>.json), validated with
 * zod at start. Field names follow Open Referral HSDS where they fit (eligibility, required
 * documents, application process). Adding a city is adding a file.
 */
import { z } from 'zod'
import { SERVICE_KEYS, SITUATIONS, SCHOOL_STAGES } from './vocabulary'

const nonEmpty = z.string().trim().min(1)
const Bilingual = z.object({ 'zh-CN': nonEmpty, en: nonEmpty })

/** Where a fact comes from: the seed document and the sentence or item, quoted. */
export const SourceRef = z.object({
  /** Seed file name, e.g. 000_ec42ac42236abd0b.txt */
  document: nonEmpty,
  /** Item number or section as the document gives it. */
  item: z.union([z.string(), z.number()]).optional(),
  /** The sentence quoted from the document. */
  quote: z.string().optional(),
})

/** Machine-readable rule: whom an item applies to. Omitted bounds mean "no limit". */
export const AppliesTo = z.object({
  /** 'child': shown for each child it fits; 'family': shown once for the whole family (housing, parents' jobs, family education). */
  scope: z.enum(['child', 'family']),
  /** Age in whole years, inclusive: minAge 3, maxAge 6 means 3..6. Months allowed as decimals (0.5). */
  minAge: z.number().min(0).max(18).optional(),
  maxAge: z.number().min(0).max(18).optional(),
  /** Any of these school stages (omitted: any stage). */
  schoolStages: z.array(z.enum(SCHOOL_STAGES)).optional(),
  /** Any of these situations (omitted: every migrant child). */
  situations: z.array(z.enum(SITUATIONS)).optional(),
})

export const PlainText = z.object({
  /** Short title a parent would use: "上幼儿园". */
  title: nonEmpty,
  /** At most two short sentences. */
  summary: nonEmpty,
  /** Who qualifies, in everyday words. */
  whoQualifies: nonEmpty,
  /** Where to go, what to bring (居住证, 户口本 …), whom to ask. */
  nextSteps: nonEmpty,
  /** Documents to bring (HSDS required_document), may be empty. */
  documents: z.array(nonEmpty).default([]),
})

export const ChecklistItem = z.object({
  /** The list's own number. */
  no: z.number().int().positive(),
  /** Category as the list words it: 幼有所育, 学有所教, 病有所医, 住有所居, 弱有所扶, 发展保障 … */
  category: nonEmpty,
  /** Target group (服务对象) as the list words it. */
  target: nonEmpty,
  /** Official service name (服务项目). */
  name: nonEmpty,
  /** Official content (服务内容) as the document words it. */
  content: nonEmpty,
  /** Responsible departments as the list names them, one entry each. */
  departments: z.array(nonEmpty).min(1),
  service: z.enum(SERVICE_KEYS),
  source: SourceRef,
  appliesTo: AppliesTo,
  plain: z.object({ 'zh-CN': PlainText, en: PlainText }),
})
export type ChecklistItem = z.infer<typeof ChecklistItem>

export const DirectoryEntry = z.object({
  /** Department name exactly as the list names it. */
  department: nonEmpty,
  address: z.string().optional(),
  phone: z.string().optional(),
  hours: z.string().optional(),
  online: z.string().optional(),
})

export const Hotline = z.object({
  number: nonEmpty,
  name: Bilingual,
  source: SourceRef,
})

export const Cadence = z.object({
  /** How often the child director contacts a key case, in days (omitted where the plan sets none). */
  contactEveryDays: z.number().int().positive().optional(),
  /** How often the child director visits a key case at home, in days. */
  visitEveryDays: z.number().int().positive().optional(),
  /** Plain-language summary. */
  plain: Bilingual,
  source: SourceRef,
})

export const JurisdictionFile = z.object({
  id: z.string().regex(/^[a-z][a-z-]*$/),
  name: Bilingual,
  level: z.enum(['national', 'province', 'city', 'county']),
  /** Parent jurisdiction id (a city's province, a county's … , the national list); null for national. */
  parent: z.string().nullable(),
  /** The document this file was built from. */
  source: z.object({ document: nonEmpty, title: nonEmpty }),
  /**
   * Where the items come from. 'own': the jurisdiction's own list. Otherwise the id of the list
   * served in its place, and the sentence said to families (e.g. 长治市清单原文未公开，以下依据山西省清单).
   */
  list: z.union([
    z.object({ kind: z.literal('own') }),
    z.object({ kind: z.literal('fallback'), from: z.string(), notice: Bilingual, departmentOverrides: z.record(z.string(), z.array(nonEmpty)).default({}) }),
  ]),
  /** Key-case follow-up cadence (重点关爱服务对象 contact and home visit). */
  keyCaseCadence: Cadence,
  /** How often information must be refreshed (信息更新), in months (omitted where the plan sets none, e.g. the national list). */
  refreshCadence: z.object({ everyMonths: z.number().int().positive().optional(), plain: Bilingual, source: SourceRef }),
  hotlines: z.array(Hotline).default([]),
  /** Department directory a deployment fills in; nothing is invented where it is empty. */
  directory: z.array(DirectoryEntry).default([]),
  /** Empty when `list.kind` is 'fallback'. */
  items: z.array(ChecklistItem),
  /** Judgement calls made when reconstructing the table (also in checklists/README.md). */
  notes: z.array(z.string()).default([]),
})
export type JurisdictionFile = z.infer<typeof JurisdictionFile>
