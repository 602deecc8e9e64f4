/**
 * The daily digest to each child director: how many of their key cases are overdue and due today,
 * posted to their staff room (the room of their first community, as STAFF_ROOMS names it). Sent
 * once per director per day across instances (outbox dedupe key `digest:<staffId>:<date>`).
 */
import { enqueue } from '../outbox/outbox.service'
import { listStaff, type StaffView } from '../staff/staff.service'
import { roomKeyFor } from '../tickets/tickets.service'
import { dueForDirector } from './keycases.service'
import { localDate } from '../../shared/dates'
import type { KeyCaseView } from '../registry/key-cases'
import type { DomainContext } from '../context'

const DIGESTS_AT_ONCE = 8

export async function sendDirectorDigests(ctx: DomainContext): Promise<number> {
  const today = localDate(ctx.clock.now())
  let sent = 0
  const dueOfJurisdiction = new Map<string, Promise<KeyCaseView[]>>()
  const one = async (director: StaffView) => {
    const due = await dueForDirector(ctx, director, dueOfJurisdiction)
    if (!due.length) return
    const overdue = due.filter((k) => k.dueState === 'overdue').length
    const id = await enqueue(ctx, {
      channel: 'staff_room',
      recipient: roomKeyFor(ctx, { jurisdiction: director.jurisdiction ?? '', street: director.street, community: director.communities[0] ?? null }),
      kind: 'digest',
      dedupeKey: `digest:${director.id}:${today}`,
      messageKey: 'staff:room.digest',
      params: { staffId: director.id, username: director.username, overdue, dueToday: due.length - overdue, keyCaseIds: due.map((k) => k.id) },
    })
    if (id) sent++
  }
  // A province has thousands of directors: queue their digests a few at a time (each is its own
  // insert and commit), in the order of the list. The dedupe key still makes each one once a day.
  const directors = await listStaff(ctx, { role: 'child-director' })
  for (let i = 0; i < directors.length; i += DIGESTS_AT_ONCE) await Promise.all(directors.slice(i, i + DIGESTS_AT_ONCE).map(one))
  return sent
}
