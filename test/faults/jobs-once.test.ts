/**
 * Fault: two service processes on one MariaDB, both running every scheduled job of
 * src/jobs/index.ts at the same moments (each with its own connection pool and instance id;
 * on SQLite two instances in one process).
 * Everything the jobs do — booking reminders, service-level escalations, directors' digests,
 * the six-monthly confirm-details messages, retention — happens exactly once: the same story
 * run by one process gives the same messages and changes, and no message is queued twice.
 */
import 'reflect-metadata'
import { describe, it, expect, afterAll } from 'vitest'
import { createTestContext, dbKinds, type DbKind, type TestContext } from '../support/context'
import { openDatabase, type Database } from '../../src/db/database'
import { jobs } from '../../src/jobs'
import { createStaff } from '../../src/domain/staff/staff.service'
import { saveProfile, addChild } from '../../src/domain/registry/registry.service'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { openTicket } from '../../src/domain/tickets/tickets.service'
import { createProvider, openSlot } from '../../src/domain/booking/staff.service'
import { book } from '../../src/domain/booking/booking.service'
import { OutboundMessage, Ticket, Child, JobRun } from '../../src/db/entities'
import { atLocal, localDate } from '../../src/shared/dates'
import type { DomainContext } from '../../src/domain/context'

const PLACE = { jurisdiction: 'jincheng', street: '南街道', community: '南街社区' }
/** The moments (Asia/Shanghai) at which every job runs, in every process, twice. */
const MOMENTS: Array<[string, string]> = [
  ['2026-03-02', '08:16'], // an urgent question unanswered for 16 minutes
  ['2026-03-02', '20:00'], // a session tomorrow evening: the 24-hour reminder
  ['2026-03-03', '03:30'], // retention: a child who turned 16
  ['2026-03-03', '18:00'], // the 2-hour reminder
  ['2026-04-03', '08:30'], // the monthly contact is overdue: directors' digest
  ['2026-09-03', '10:00'], // six months on: please confirm your details
]

/** The story on a fresh database, with jobs run by `processes` contexts at once. */
async function story(kind: DbKind, processes: number): Promise<{ outbox: Record<string, number>; duplicates: string[]; raised: number; archivedChildren: number; jobRuns: number; cleanup(): Promise<void> }> {
  const tc: TestContext = await createTestContext(kind, {}, atLocal('2026-03-02', '08:00').toISOString())
  const extra: Database[] = []
  const ctxs: DomainContext[] = [{ ...tc.ctx, instanceId: 'process-1' }]
  for (let i = 2; i <= processes; i++) {
    // MariaDB: a second connection pool, as a second process has. SQLite is the single-process
    // embedded database (several processes share MariaDB, docs/scaling.md): there the second
    // scheduler shares the process's connection, as two instances in one process would.
    const db = kind === 'mysql' ? await openDatabase(tc.config.db, { migrate: false }) : tc.ctx.db
    if (db !== tc.ctx.db) extra.push(db)
    ctxs.push({ ...tc.ctx, db, instanceId: `process-${i}` })
  }
  const ctx = ctxs[0]!
  await createStaff(ctx, { username: 'south-director', password: 'correct horse 1', role: 'child-director', jurisdiction: PLACE.jurisdiction, street: PLACE.street, communities: [PLACE.community] })
  await createStaff(ctx, { username: 'south-supervisor', password: 'correct horse 1', role: 'supervisor', jurisdiction: PLACE.jurisdiction, street: PLACE.street })
  await createStaff(ctx, { username: 'root', password: 'correct horse 1', role: 'admin' })
  const families: Array<{ familyId: number; identityId: number; childId: number }> = []
  for (const [i, who] of ['张丽', '李娟', '王芳'].entries()) {
    const identity = await findOrCreateIdentity(ctx, i === 1 ? 'miniprogram' : 'bot', `jobs-parent-${i}`)
    const fam = await saveProfile(ctx, identity.id, { name: who, relation: 'mother', phone: null, district: '城区', ...PLACE, hukou: { province: '河南省', city: '周口市', county: '郸城县' }, movedInOn: '2025-01-01', residencePermit: true, consent: { accepted: true, version: '2026-03' } }, 'zh-CN')
    const child = await addChild(ctx, fam.id, { name: `孩子${i}`, sex: 'female', birthDate: i === 2 ? '2010-03-02' : '2016-05-01', schoolStage: i === 2 ? 'junior' : 'primary', situations: ['dibao_family'] }, 'zh-CN')
    families.push({ familyId: fam.id, identityId: identity.id, childId: child.id })
    await openTicket(ctx, { kind: 'escalation', priority: i === 0 ? 'urgent' : 'normal', identityId: identity.id, channel: 'bot', familyId: fam.id, service: 'none', departments: [], place: PLACE, text: '有人吗', reason: 'asked' })
  }
  const provider = await createProvider(ctx, { displayName: '心理老师', kinds: ['mental_health'], jurisdiction: PLACE.jurisdiction })
  const slot = await openSlot(ctx, { providerId: provider.id, start: atLocal('2026-03-03', '20:00'), minutes: 50, capacity: 3, kind: 'mental_health', mode: 'online' })
  for (const f of families.slice(0, 2)) await book(ctx, { familyId: f.familyId, identityId: f.identityId, channel: 'bot', slotId: slot.id, childId: f.childId, idempotencyKey: `jobs-${f.familyId}` })

  for (const [date, time] of MOMENTS) {
    tc.clock.set(atLocal(date, time))
    for (let round = 0; round < 2; round++) {
      const results = await Promise.allSettled(ctxs.flatMap((c) => jobs.map((j) => j.run(c))))
      const failed = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))
      expect(failed, `jobs failed at ${date} ${time}`).toEqual([])
    }
  }

  const rows = await ctx.db.repo(OutboundMessage).find({ order: { id: 'ASC' } })
  const outbox: Record<string, number> = {}
  const seen = new Set<string>()
  const duplicates: string[] = []
  for (const r of rows) {
    outbox[r.kind] = (outbox[r.kind] ?? 0) + 1
    // the same message to the same recipient on the same day is a duplicate (a daily digest on two days is not)
    const key = `${localDate(r.createdAt)}|${r.kind}|${r.channel}|${r.recipient}|${r.familyId}|${r.messageKey}|${JSON.stringify(r.params)}`
    if (seen.has(key)) duplicates.push(key)
    seen.add(key)
  }
  const raised = (await ctx.db.repo(Ticket).find()).filter((t) => t.raisedTo !== null).length
  const archivedChildren = (await ctx.db.repo(Child).find()).filter((c) => c.archivedAt !== null).length
  const jobRuns = await ctx.db.repo(JobRun).count()
  return {
    outbox,
    duplicates,
    raised,
    archivedChildren,
    jobRuns,
    cleanup: async () => {
      for (const db of extra) await db.close()
      await tc.cleanup()
    },
  }
}

for (const kind of dbKinds()) {
  describe(`every scheduled job acts once with two processes on one database [${kind}]`, () => {
    const cleanups: Array<() => Promise<void>> = []
    afterAll(async () => {
      for (const c of cleanups) await c()
    })

    it('gives the same messages and changes as one process, none twice', async () => {
      const one = await story(kind, 1)
      cleanups.push(one.cleanup)
      const two = await story(kind, 2)
      cleanups.push(two.cleanup)
      // the story exercised every kind of job
      for (const k of ['reminder', 'sla_breach', 'digest', 'confirm_details']) expect(one.outbox[k] ?? 0, `one process, ${k}`).toBeGreaterThan(0)
      expect(one.raised).toBeGreaterThan(0)
      expect(one.archivedChildren).toBe(1)
      // two processes: exactly what one did
      expect(two.outbox).toEqual(one.outbox)
      expect(two.raised).toBe(one.raised)
      expect(two.archivedChildren).toBe(one.archivedChildren)
      expect(two.jobRuns).toBe(one.jobRuns)
      expect(one.duplicates).toEqual([])
      expect(two.duplicates).toEqual([])
    }, 60_000)
  })
}
