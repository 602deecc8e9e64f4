/**
 * The signed-in family's own checklist: the registry's record turned into `FamilyForChecklist`
 * and personalised for today (Asia/Shanghai). Shared by the mini-program API and the bot.
 */
import type { DomainContext } from '../context'
import { readFamily, requireFamilyId, type FamilyView } from '../registry/registry.service'
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

/** The personalised checklist of the family an identity belongs to; not_found before registration. */
export async function myChecklist(ctx: DomainContext, identityId: number, lang: Language | string): Promise<PersonalChecklist> {
  const familyId = await requireFamilyId(ctx, identityId)
  const family = await readFamily(ctx, familyId, lang)
  return personalChecklist(familyForChecklist(family), localDate(ctx.clock.now()), lang)
}
