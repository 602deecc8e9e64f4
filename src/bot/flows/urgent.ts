/**
 * A child in danger, in any state of the conversation: when the router says a message is urgent,
 * the parent gets the emergency numbers at once, in plain words (110, 120, the 12355 youth line,
 * and the hotlines the jurisdiction's plan names), and the message goes to a person with top
 * priority (the needs domain opens an urgent escalation, posted to the staff room at once).
 * The conversation then stays where it was.
 */
import { routeMessage } from '../../domain/routing/router'
import { submitNeed } from '../../domain/needs/needs.service'
import { getJurisdiction, hasJurisdiction } from '../../content'
import type { Turn } from '../dialogue/turn'
import { jurisdictionOf } from './place'
import { isChoiceAnswer } from './register'

/** When we do not know where the family lives, the national list still gets the message to a person. */
const UNKNOWN_PLACE = 'national'

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
  const jurisdiction = (await jurisdictionOf(turn)) ?? UNKNOWN_PLACE
  if (!routeMessage(turn.text, jurisdiction, { skipDepartments: true }).urgent) return false
  const result = await submitNeed(turn.ctx, {
    identityId: turn.identity.id,
    familyId: turn.identity.familyId,
    text: turn.text,
    channel: turn.channel,
    jurisdiction,
  })
  turn.say('urgent.first')
  turn.sayText(emergencyNumbers(turn, jurisdiction))
  turn.say(result.ticketId ? 'urgent.escalated' : 'urgent.callNow', { ticketId: result.ticketId })
  turn.ctx.log.warn({ identityId: turn.identity.id, ticketId: result.ticketId }, 'urgent message escalated')
  return true
}
