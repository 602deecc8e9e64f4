/** Where the parent lives, as the domain knows it: the registered family's place, else the city they named in this chat. */
import { placeOfFamily } from '../../domain/tickets/tickets.service'
import type { Turn } from '../dialogue/turn'

/** The jurisdiction id for this parent, or undefined when not known yet. */
export async function jurisdictionOf(turn: Turn): Promise<string | undefined> {
  if (turn.identity.familyId) return (await placeOfFamily(turn.ctx, turn.identity.familyId)).jurisdiction
  return turn.memo.city
}
