/** Fixtures for the staff tests: families placed in a street and community, staff of every role. */
import { Family, OutboundMessage } from '../../src/db/entities'
import { findOrCreateIdentity, linkIdentity, type Channel } from '../../src/domain/identity/identity.service'
import { createStaff, type NewStaff, type StaffView } from '../../src/domain/staff/staff.service'
import type { DomainContext } from '../../src/domain/context'

let seq = 0

export async function makeFamily(
  ctx: DomainContext,
  place: { jurisdiction: string; street: string | null; community: string | null; consent?: boolean },
  channel: Channel = 'bot',
): Promise<{ familyId: number; identityId: number }> {
  const now = ctx.clock.now()
  const repo = ctx.db.repo(Family)
  const f = await repo.save(
    repo.create({
      jurisdictionId: place.jurisdiction,
      district: null,
      street: place.street,
      community: place.community,
      hukouProvince: '河南省',
      hukouCity: '周口市',
      hukouCounty: '太康县',
      movedInOn: '2024-01-01',
      residencePermit: true,
      consentVersion: place.consent === false ? null : 'v1',
      consentAt: place.consent === false ? null : now,
      lastConfirmedAt: null,
      lastActiveAt: now,
      archivedAt: null,
      createdAt: now,
      updatedAt: now,
    }),
  )
  const identity = await findOrCreateIdentity(ctx, channel, `wx-family-${f.id}-${++seq}`)
  await linkIdentity(ctx, identity.id, f.id, null)
  return { familyId: f.id, identityId: identity.id }
}

export async function makeStaff(ctx: DomainContext, input: Omit<NewStaff, 'password'> & { password?: string }): Promise<StaffView> {
  return createStaff(ctx, { password: 'correct horse 1', ...input })
}

export async function outbox(ctx: DomainContext, where: Partial<Pick<OutboundMessage, 'channel' | 'kind' | 'recipient'>> = {}): Promise<OutboundMessage[]> {
  return ctx.db.repo(OutboundMessage).find({ where, order: { id: 'ASC' } })
}
