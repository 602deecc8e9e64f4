import { it, expect } from 'vitest'
import { describeEachDb } from '../support/context'
import { book, cancelBooking } from '../../src/domain/booking/booking.service'
import { queueDueReminders } from '../../src/domain/booking/reminders.service'
import { bookingRemindersJob } from '../../src/jobs/booking-reminders.job'
import { jobs } from '../../src/jobs'
import { messagesForFamily } from '../../src/domain/outbox/outbox.service'
import { setRemindersPaused } from '../../src/domain/identity/identity.service'
import { t } from '../../src/shared/i18n'
import { openDatabase } from '../../src/db/database'
import { makeFamily, makeProvider } from './helpers'

// Session: Thursday 2026-03-05 10:00 Asia/Shanghai = 02:00Z. 24 h reminder due 03-04 02:00Z, 2 h reminder due 03-05 00:00Z.

describeEachDb('booking reminders', (h) => {
  async function setUp() {
    const ctx = h.ctx()
    h.clock().set('2026-03-02T01:00:00Z')
    const { provider } = await makeProvider(ctx, { plans: [{ weekday: 4, start: '10:00', end: '11:00' }] })
    const fam = await makeFamily(ctx, 'bot')
    const { booking } = await book(ctx, { ...fam, slotId: `${provider.id}-202603051000`, idempotencyKey: 'r' })
    return { ctx, fam, booking }
  }

  it('is registered as a scheduled job', () => {
    expect(jobs).toContain(bookingRemindersJob)
  })

  it('queues each reminder exactly once when two scheduler instances run at the same time', async () => {
    const { ctx, fam, booking } = await setUp()
    expect(await queueDueReminders(ctx)).toBe(0)
    h.clock().set('2026-03-04T02:00:00Z')
    // a second process: on MariaDB its own connection pool on the same database; on SQLite (one
    // synchronous connection per process, so a second one in this process would block the first)
    // the same connection. Each has its own instance id.
    const db2 = h.kind === 'mysql' ? await openDatabase(h.test().config.db, { migrate: false, poolSize: 5 }) : ctx.db
    const other = { ...ctx, db: db2, instanceId: 'second-instance' }
    const results = await Promise.all([bookingRemindersJob.run(ctx), bookingRemindersJob.run(other), bookingRemindersJob.run(ctx), bookingRemindersJob.run(other)])
    void results
    let msgs = await messagesForFamily(ctx, fam.familyId)
    expect(msgs.map((m) => m.messageKey)).toEqual(['booking:reminder.24h'])
    expect(msgs[0]).toMatchObject({ channel: 'bot', recipient: String(fam.identityId), kind: 'reminder' })
    expect(t('zh-CN', msgs[0]!.messageKey!, msgs[0]!.params as never)).toContain('2026-03-05 10:00')
    h.clock().set('2026-03-05T00:00:00Z')
    await Promise.all([bookingRemindersJob.run(ctx), bookingRemindersJob.run(other)])
    await Promise.all([bookingRemindersJob.run(ctx), bookingRemindersJob.run(other)])
    msgs = await messagesForFamily(ctx, fam.familyId)
    expect(msgs.map((m) => m.messageKey)).toEqual(['booking:reminder.24h', 'booking:reminder.2h'])
    expect(booking.status).toBe('booked')
    if (db2 !== ctx.db) await db2.close()
  })

  it('sends a reminder late that fell due while the service was down, but none after the start', async () => {
    const { ctx, fam } = await setUp()
    // down from before the 24 h mark until 90 minutes before the start: both are sent late
    h.clock().set('2026-03-05T00:30:00Z')
    expect(await queueDueReminders(ctx)).toBeGreaterThanOrEqual(2)
    expect((await messagesForFamily(ctx, fam.familyId)).map((m) => m.messageKey)).toEqual(['booking:reminder.24h', 'booking:reminder.2h'])
    // another booking whose session started while down: nothing
    const second = await setUp()
    h.clock().set('2026-03-05T02:01:00Z')
    await queueDueReminders(second.ctx)
    expect(await messagesForFamily(second.ctx, second.fam.familyId)).toEqual([])
  })

  it('never reminds of a cancelled booking, and withdraws a queued one on cancellation', async () => {
    const { ctx, fam, booking } = await setUp()
    h.clock().set('2026-03-04T02:00:00Z')
    await queueDueReminders(ctx)
    expect((await messagesForFamily(ctx, fam.familyId)).map((m) => m.messageKey)).toEqual(['booking:reminder.24h'])
    await cancelBooking(ctx, { bookingId: booking.id, familyId: fam.familyId, by: 'family' })
    expect(await messagesForFamily(ctx, fam.familyId)).toEqual([])
    h.clock().set('2026-03-05T00:00:00Z')
    await queueDueReminders(ctx)
    expect(await messagesForFamily(ctx, fam.familyId)).toEqual([])
  })

  it('sends nothing while the family paused reminders, and no "tomorrow" reminder for a late booking', async () => {
    const { ctx, fam } = await setUp()
    await setRemindersPaused(ctx, fam.identityId, true)
    h.clock().set('2026-03-04T02:00:00Z')
    await queueDueReminders(ctx)
    expect(await messagesForFamily(ctx, fam.familyId)).toEqual([])
    // booked 5 hours before: only the 2 h reminder applies
    const { provider } = await makeProvider(ctx, { plans: [{ weekday: 5, start: '10:00', end: '11:00' }] })
    const late = await makeFamily(ctx)
    h.clock().set('2026-03-05T21:00:00Z')
    await book(ctx, { ...late, slotId: `${provider.id}-202603061000`, idempotencyKey: 'late' })
    await queueDueReminders(ctx)
    expect(await messagesForFamily(ctx, late.familyId)).toEqual([])
    h.clock().set('2026-03-06T00:00:00Z')
    await queueDueReminders(ctx)
    expect((await messagesForFamily(ctx, late.familyId)).map((m) => [m.messageKey, m.channel])).toEqual([['booking:reminder.2h', 'miniprogram']])
  })
})
