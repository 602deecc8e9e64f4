/** Shared set-up for the booking tests: a provider with a weekly plan, a venue, families. */
import type { DomainContext } from '../../src/domain/context'
import { findOrCreateIdentity, linkIdentity, type Channel } from '../../src/domain/identity/identity.service'
import { addWorkingPlan, createProvider, createVenue, type PlanInput } from '../../src/domain/booking/staff.service'
import type { SessionKind } from '../../src/content/vocabulary'
import { Child } from '../../src/db/entities'

let seq = 0

export async function makeProvider(ctx: DomainContext, opts: { kinds?: SessionKind[]; jurisdiction?: string; department?: string; plans?: Array<Partial<PlanInput>> } = {}) {
  seq++
  const jurisdiction = opts.jurisdiction ?? `town${seq}`
  const venue = await createVenue(ctx, { name: `儿童之家${seq}`, address: '幸福路 1 号', kind: 'childrens_home', jurisdiction })
  const provider = await createProvider(ctx, { displayName: `老师${seq}`, kinds: opts.kinds ?? ['mental_health', 'family_education'], jurisdiction, department: opts.department ?? '市妇联' })
  for (const p of opts.plans ?? []) {
    await addWorkingPlan(ctx, {
      providerId: provider.id,
      weekday: 2,
      start: '09:00',
      end: '12:00',
      sessionMinutes: 60,
      capacity: 1,
      kind: 'mental_health',
      mode: 'in_person',
      venueId: venue.id,
      ...p,
    } as PlanInput)
  }
  return { provider, venue, jurisdiction }
}

/** A registered family: an identity linked to a family id. */
export async function makeFamily(ctx: DomainContext, channel: Channel = 'miniprogram') {
  seq++
  const familyId = 1000 + seq
  const identity = await findOrCreateIdentity(ctx, channel, `family-${seq}-${Math.random().toString(36).slice(2, 8)}`)
  await linkIdentity(ctx, identity.id, familyId, null)
  return { familyId, identityId: identity.id, channel }
}

export const iso = (d: Date) => d.toISOString()

/** A child record of a family (the registry's table, written directly for these tests). */
export async function makeChild(ctx: DomainContext, familyId: number): Promise<number> {
  const now = ctx.clock.now()
  const repo = ctx.db.repo(Child)
  const row = await repo.save(repo.create({ familyId, name: '小明', sex: 'male', birthDate: '2018-05-01', schoolStage: 'primary', schoolName: null, idNumberEnc: null, idNumberHash: null, situations: [], disabilityCertified: false, archivedAt: null, createdAt: now, updatedAt: now }))
  return row.id
}
