import { it, expect, beforeAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { makeStaff } from '../staff/helpers'
import { listKeyCasesFor } from '../../src/domain/keycases/keycases.service'
import { listQueue } from '../../src/domain/tickets/tickets.service'
import { KeyCase, Ticket } from '../../src/db/entities'
import { atLocal } from '../../src/shared/dates'
import type { DomainContext } from '../../src/domain/context'

/**
 * The staff lists ask the database only for rows whose place or department could be the staff
 * member's (docs/performance.md, scale). Places are free text compared loosely by the policy (spaces
 * and one administrative suffix dropped), so the database's filter must never drop a row the policy
 * takes: spellings with spaces, a suffix, LIKE's own wildcards and JSON-escaped characters.
 */
describeEachDb('staff lists filtered in the database keep every row the policy takes', (h) => {
  let ctx: DomainContext
  const cases: Record<string, number> = {}
  const tickets: Record<string, number> = {}

  beforeAll(async () => {
    ctx = h.ctx()
    h.clock().set(atLocal('2026-04-01', '09:00'))
    const now = ctx.clock.now()
    const place = (name: string, street: string | null, community: string | null, due: string) => ({
      childId: 1, familyId: 1, jurisdictionId: 'baotou', district: null, street, community, reasons: ['no_guardian'],
      contactEveryDays: 30, visitEveryDays: 90, nextContactDue: due, nextVisitDue: '2026-06-30', riskLevel: 'green', status: name === 'closed' ? 'closed' : 'open', openedAt: now, closedAt: null,
    })
    for (const [name, street, community, due] of [
      ['exact', '青山街道', '幸福社区', '2026-04-03'],
      ['spaced', '青山 街道', ' 幸 福社区', '2026-04-05'],
      ['overdue', '青山街道', '幸福社区', '2026-03-20'],
      ['later', '青山街道', '幸福社区', '2026-05-20'],
      ['wildcards', '青山街道', '50%_\\社区', '2026-04-04'],
      ['other community', '青山街道', '幸运社区', '2026-04-02'],
      ['other street', '昆区街道', '幸福社区', '2026-04-02'],
      ['no street', null, '幸福社区', '2026-04-06'],
      ['closed', '青山街道', '幸福社区', '2026-04-02'],
    ] as const) cases[name] = (await ctx.db.repo(KeyCase).save(place(name, street, community, due))).id
    const ticket = (departments: string[], kind = 'referral') => ({
      kind, priority: 'normal', status: 'new', referralState: kind === 'referral' ? 'sent' : null, referralReason: null, needId: null, familyId: null, childId: null, identityId: null, channel: null,
      service: 'none', departments, jurisdiction: 'baotou', street: '青山街道', community: '幸福社区', ownerStaffId: null, claimedBy: null, raisedTo: null, raisedAt: null, answeredAt: null,
      waitingSince: now, createdAt: now, updatedAt: now, closedAt: null,
    })
    for (const [name, departments, kind] of [
      ['women', ['市妇联'], 'referral'],
      ['padded', ['"市民政局"', ' 市妇联 '], 'referral'],
      ['civil', ['市民政局'], 'referral'],
      ['escalation', ['市妇联'], 'escalation'],
      ['look-alike', ['市妇联\\x'], 'referral'],
      ['other office', ['市妇儿工委办'], 'referral'],
    ] as const) tickets[name] = (await ctx.db.repo(Ticket).save(ticket([...departments], kind))).id
  })

  it('a child director and a supervisor get their cases whatever the spelling, and no one else’s', async () => {
    const names = (rows: Array<{ id: number }>) => rows.map((r) => Object.keys(cases).find((k) => cases[k] === r.id)).sort()
    const director = await makeStaff(ctx, { username: 'd1', role: 'child-director', jurisdiction: 'baotou', street: '青山街道', communities: ['幸福 社区', '50%_\\社区'] })
    expect(names(await listKeyCasesFor(ctx, director))).toEqual(['exact', 'later', 'no street', 'overdue', 'spaced', 'wildcards'])
    expect(names(await listKeyCasesFor(ctx, director, 'due'))).toEqual(['exact', 'no street', 'spaced', 'wildcards'])
    expect(names(await listKeyCasesFor(ctx, director, 'overdue'))).toEqual(['overdue'])
    const supervisor = await makeStaff(ctx, { username: 's1', role: 'supervisor', jurisdiction: 'baotou', street: '青山 街道', communities: [] })
    expect(names(await listKeyCasesFor(ctx, supervisor, 'due'))).toEqual(['exact', 'other community', 'spaced', 'wildcards'])
  })

  it('a department’s queue holds every referral naming it, padded or beside quoted text, and nothing else', async () => {
    const names = (rows: Array<{ id: number }>) => rows.map((r) => Object.keys(tickets).find((k) => tickets[k] === r.id)).sort()
    const women = await makeStaff(ctx, { username: 'e1', role: 'department', jurisdiction: 'baotou', department: '市妇联' })
    expect(names(await listQueue(ctx, women))).toEqual(['padded', 'women'])
    const civil = await makeStaff(ctx, { username: 'c1', role: 'department', jurisdiction: 'baotou', department: '市民政局' })
    expect(names(await listQueue(ctx, civil))).toEqual(['civil'])
  })
})
