/**
 * The signed-in family's own checklist: the registry's record turned into `FamilyForChecklist`
 * and personalised for today (Asia/Shanghai). Shared by the mini-program API and the bot.
 */
import type { DomainContext } from '../context'
import { familyNotRegistered, type FamilyView } from '../registry/registry.service'
import { checklistInputJoin, checklistInputOf, checklistInputOfRows, type ChecklistInput, type Row } from '../registry/checklist-input'
import { identityForTokenWith, type IdentityView } from '../identity/identity.service'
import { SCHOOL_STAGES, SITUATIONS, type SchoolStage, type Situation } from '../../content/vocabulary'
import { localDate } from '../../shared/dates'
import type { Language } from '../../shared/i18n'
import { personalChecklist, type FamilyForChecklist, type PersonalChecklist } from './checklist.service'

const isStage = (s: string): s is SchoolStage => (SCHOOL_STAGES as readonly string[]).includes(s)
const isSituation = (s: string): s is Situation => (SITUATIONS as readonly string[]).includes(s)

/** The registry's family record as checklist input (archived children left out). */
export function familyForChecklist(family: FamilyView): FamilyForChecklist {
  return {
    jurisdiction: family.jurisdiction,
    children: family.children
      .filter((c) => !c.archived)
      .map((c) => ({ id: c.id, name: c.name, birthDate: c.birthDate, schoolStage: isStage(c.schoolStage) ? c.schoolStage : null, situations: c.situations.filter(isSituation) })),
  }
}

/** The registry's lean checklist input (children already without the archived ones) as checklist input. */
function forChecklist(input: ChecklistInput): FamilyForChecklist {
  return {
    jurisdiction: input.jurisdiction,
    children: input.children.map((c) => ({ id: c.id, name: c.name, birthDate: c.birthDate, schoolStage: isStage(c.schoolStage) ? c.schoolStage : null, situations: c.situations.filter(isSituation) })),
  }
}

/**
 * What the family an identity belongs to needs for its checklist, and today's date (Asia/Shanghai):
 * one query; not_found before registration. Everything the checklist depends on is in here, so a
 * rendering can be kept under it (`checklistKey`) and is never shown after the family changed.
 */
export async function myChecklistInput(ctx: DomainContext, identityId: number): Promise<{ family: FamilyForChecklist; today: string }> {
  const input = await checklistInputOf(ctx, identityId)
  if (!input) throw familyNotRegistered()
  return { family: forChecklist(input), today: localDate(ctx.clock.now()) }
}

/**
 * Signing in and reading what `myChecklistInput` reads, in one round trip (`GET /api/v1/me/checklist`
 * runs this on every request): the identity of the session token (or `unauthenticated`) and the
 * family's checklist input with today's date, or null before registration.
 */
export async function signedInChecklistInput(ctx: DomainContext, token: string): Promise<{ identity: IdentityView; data: { family: FamilyForChecklist; today: string } | null }> {
  const { identity, rows } = await identityForTokenWith<Row>(ctx, token, checklistInputJoin)
  const input = checklistInputOfRows(rows)
  return { identity, data: input && { family: forChecklist(input), today: localDate(ctx.clock.now()) } }
}

/** A key that changes whenever the rendered checklist would: the language, the day, the family's input. */
export function checklistKey(input: { family: FamilyForChecklist; today: string }, lang: Language | string): string {
  return `${lang}|${input.today}|${JSON.stringify(input.family)}`
}

/** The personalised checklist of the family an identity belongs to; not_found before registration. */
export async function myChecklist(ctx: DomainContext, identityId: number, lang: Language | string): Promise<PersonalChecklist> {
  const { family, today } = await myChecklistInput(ctx, identityId)
  return personalChecklist(family, today, lang)
}
