/**
 * The daily digest to each child director: how many of their key cases are overdue and due today,
 * posted to their staff room (the room of their first community, as STAFF_ROOMS names it). Sent
 * once per director per day across instances (outbox dedupe key `digest:<staffId>:<date>`).
 */
import { enqueue } from '../outbox/outbox.service'
import { listStaff } from '../staff/staff.service'
import { roomKeyFor } from '../tickets/tickets.service'
import { dueForDirector } from './keycases.service'
import { localDate } from '../../shared/dates'
import type { KeyCaseView } from '../registry/key-cases'
import type { DomainContext } from '../context'

export async function sendDirectorDigests(ctx: DomainContext): Promise<number> {
  const today = localDate(ctx.clock.now())
  let sent = 0
  const dueOfJurisdiction = new Map<string, Promise<KeyCaseView[]>>()
  for (const director of await listStaff(ctx, { role: 'child-director' })) {
    const due = await dueForDirector(ctx, director, dueOfJurisdiction)
    if (!due.length) continue
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
  return sent
}
