/**
 * A child in danger, in any state of the conversation: when the router says a message is urgent,
 * the parent gets the emergency numbers at once, in plain words (110, 120, the 12355 youth line,
 * and the hotlines the jurisdiction's plan names), and the message goes to a person with top
 * priority (the needs domain opens an urgent escalation, posted to the staff room at once).
 * A parent not registered yet who has already given a street or community in registration: the
 * escalation is placed there (so that community's director has it). With no place at all, every child
 * director and supervisor of the city sees it, and the parent is told so.
 * The conversation then stays where it was.
 */
import { routeMessage } from '../../domain/routing/router'
import { submitNeed } from '../../domain/needs/needs.service'
import { messagesForIdentity, placeOfFamily, staffSeeingUnplacedUrgent } from '../../domain/tickets/tickets.service'
import { readFamily } from '../../domain/registry/registry.service'
import { getJurisdiction, hasJurisdiction } from '../../content'
import type { Turn } from '../dialogue/turn'
import { cityInMessage, cityName } from './city'
import { isChoiceAnswer } from './register'

/** When we do not know where the family lives, the national list still gets the message to a person. */
const UNKNOWN_PLACE = 'national'

/**
 * Where the parent lives, as far as we know: the registered family's place; else the city named in
 * this chat with the street and community given so far in registration (under way or left half-way).
 */
async function placeOf(turn: Turn): Promise<{ jurisdiction: string; street: string | null; community: string | null }> {
  if (turn.identity.familyId) return placeOfFamily(turn.ctx, turn.identity.familyId)
  const answers = turn.state.flow === 'register' ? turn.data<Record<string, unknown>>('profile') : turn.memo.registration?.data.profile
  const given = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null)
  const profile = (answers ?? {}) as Record<string, unknown>
  return { jurisdiction: turn.memo.city ?? UNKNOWN_PLACE, street: given(profile.street), community: given(profile.community) }
}

/** Whether staff have a phone of this family: a registered family whose guardian gave one (before registering, staff see none). */
async function phoneGiven(turn: Turn): Promise<boolean> {
  if (!turn.identity.familyId) return false
  const family = await readFamily(turn.ctx, turn.identity.familyId, turn.lang)
  return family.guardians.some((g) => !!g.phone)
}

/** The emergency numbers for a jurisdiction, in the parent's language, one per line. */
export function emergencyNumbers(turn: Turn, jurisdiction: string | undefined): string {
  const lines = [turn.t('urgent.numbers.110'), turn.t('urgent.numbers.120'), turn.t('urgent.numbers.12355')]
  const seen = new Set(['110', '120', '12355'])
  if (jurisdiction && hasJurisdiction(jurisdiction)) {
    for (const h of getJurisdiction(jurisdiction).hotlines) {
      if (seen.has(h.number)) continue
      seen.add(h.number)
      lines.push(turn.t('urgent.numbers.hotline', { number: h.number, name: turn.lang === 'en' ? h.name.en : h.name['zh-CN'] }))
    }
  }
  return lines.join('\n')
}

/** Handles the message as urgent when the router says so; true when it did. */
export async function checkUrgent(turn: Turn): Promise<boolean> {
  if (turn.text.length < 2) return false
  if (turn.state.flow === 'register' && isChoiceAnswer(turn.state.step, turn.text)) return false
  // the city said in the same message ("我住在晋城，孩子被他爸打得满身是伤"), by a parent we cannot place yet: it
  // places the urgent question (it went to the national list, and no director of the city saw it)
  const said = !turn.identity.familyId && !turn.memo.city ? cityInMessage(turn.text, turn.lang) : null
  const place = said ? { ...(await placeOf(turn)), jurisdiction: said.city } : await placeOf(turn)
  const jurisdiction = place.jurisdiction
  if (!routeMessage(turn.text, jurisdiction, { skipDepartments: true }).urgent) return false
  if (said) turn.remember({ city: said.city, placeSaid: said.rest ?? turn.memo.placeSaid })
  // the parent's questions so far: an urgent message while their urgent question is open joins it (needs)
  const before = await messagesForIdentity(turn.ctx, turn.identity.id)
  const result = await submitNeed(turn.ctx, {
    identityId: turn.identity.id,
    familyId: turn.identity.familyId,
    text: turn.text,
    channel: turn.channel,
    jurisdiction,
    place: { street: place.street, community: place.community },
  })
  turn.say('urgent.first')
  turn.sayText(emergencyNumbers(turn, jurisdiction))
  // the parent is talking to staff on this question now: in the middle of registration, words that are not an
  // answer to its question go to it
  if (result.ticketId) turn.remember({ talking: result.ticketId })
  const joined = !!result.ticketId && before.messages.some((m) => m.ticketId === result.ticketId)
  if (joined) {
    // it joined the open question (QA round 5, items 8 and 9): someone may already be handling it; "谁先看到谁来回复"
    // and "您所在社区的儿童主任" were wrong. Answered already: to the person handling it; else, staff reminded.
    const answered = before.messages.some((m) => m.ticketId === result.ticketId && m.from === 'staff')
    turn.say(answered ? 'urgent.joinedHandled' : 'urgent.joined', { ticketId: result.ticketId })
    turn.ctx.log.warn({ identityId: turn.identity.id, ticketId: result.ticketId }, 'urgent message joined an open question')
    return true
  }
  // no place known in a city whose community workers have accounts: all of them see it (policies: `unplacedUrgent`)
  const toCity = !!result.ticketId && jurisdiction !== UNKNOWN_PLACE && hasJurisdiction(jurisdiction) && (await staffSeeingUnplacedUrgent(turn.ctx, place)).length > 0
  if (toCity) turn.say('urgent.escalatedCity', { ticketId: result.ticketId, city: cityName(jurisdiction, turn.lang) })
  // "请保持手机畅通" only to a family that gave staff a phone; anyone else is answered in this chat
  else if (result.ticketId) turn.say((await phoneGiven(turn)) ? 'urgent.escalated' : 'urgent.escalatedChat', { ticketId: result.ticketId })
  else turn.say('urgent.callNow')
  turn.ctx.log.warn({ identityId: turn.identity.id, ticketId: result.ticketId }, 'urgent message escalated')
  return true
}
