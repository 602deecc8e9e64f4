/**
 * Booking benchmark on MariaDB: 200 simultaneous requests through the booking domain (`book`, the
 * function the API and the bot call) for one slot, on a pool of 30 connections; confirmed must
 * equal the capacity. Two slots: capacity 5 (195 refused: contention) and capacity 200 (every
 * request books: bookings/s). Baseline in the same run: the least a correct booking needs, written
 * by hand with mysql2 on the same database and pool size (lock the slot row, count, insert, commit).
 */
import { createPool } from 'mysql2/promise'
import { book } from '../src/domain/booking/booking.service'
import { createProvider, openSlot } from '../src/domain/booking/staff.service'
import { findOrCreateIdentity, linkIdentity } from '../src/domain/identity/identity.service'
import { DAY } from '../src/shared/clock'
import { benchContext, load1, log, round, timing, throwAwayMysql, type Timing } from './support'

export interface BookingRun {
  capacity: number
  requests: number
  confirmed: number
  refused: Record<string, number>
  seconds: number
  requestsPerSec: number
  bookingsPerSec: number
  latency: Timing
  load: number
}

export interface BookingResult {
  pool: number
  service: BookingRun[]
  baseline: BookingRun[]
}

const REQUESTS = 200
const POOL = 30

async function timed(capacity: number, fns: Array<() => Promise<unknown>>): Promise<BookingRun> {
  const before = load1()
  const lat: number[] = []
  const refused: Record<string, number> = {}
  let confirmed = 0
  const t0 = performance.now()
  await Promise.all(
    fns.map(async (fn) => {
      const a = performance.now()
      try {
        const ok = await fn()
        if (ok !== false) confirmed++
        else refused.slot_full = (refused.slot_full ?? 0) + 1
      } catch (e) {
        const code = (e as { code?: string }).code ?? 'error'
        refused[code] = (refused[code] ?? 0) + 1
      }
      lat.push(performance.now() - a)
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  return { capacity, requests: fns.length, confirmed, refused, seconds: round(seconds, 3), requestsPerSec: round(fns.length / seconds, 0), bookingsPerSec: round(confirmed / seconds, 0), latency: timing(lat), load: round((before + load1()) / 2) }
}

export async function benchBooking(): Promise<BookingResult> {
  log(`booking on MariaDB: ${REQUESTS} simultaneous requests for one slot, pool of ${POOL}`)
  const { ctx, close } = await benchContext('mysql', { poolSize: POOL })
  const service: BookingRun[] = []
  const baseline: BookingRun[] = []
  try {
    const provider = await createProvider(ctx, { displayName: '测试老师', kinds: ['mental_health'], jurisdiction: 'jincheng' })
    const families: Array<{ familyId: number; identityId: number }> = []
    for (let i = 0; i < REQUESTS; i++) {
      const identity = await findOrCreateIdentity(ctx, 'miniprogram', `bench-family-${i}`)
      await linkIdentity(ctx, identity.id, 100_000 + i, null)
      families.push({ familyId: 100_000 + i, identityId: identity.id })
    }
    let day = 3
    for (const capacity of [5, REQUESTS]) {
      const start = new Date(Math.ceil((ctx.clock.now().getTime() + day++ * DAY) / 3_600_000) * 3_600_000)
      const slot = await openSlot(ctx, { providerId: provider.id, start, minutes: 50, capacity, kind: 'mental_health', mode: 'online' })
      const run = await timed(
        capacity,
        families.map((f, i) => () => book(ctx, { ...f, channel: 'miniprogram', slotId: slot.id, idempotencyKey: `bench-${capacity}-${i}` })),
      )
      service.push(run)
      log(`  service, capacity ${capacity}: ${run.confirmed} confirmed, ${run.requestsPerSec} requests/s, ${run.bookingsPerSec} bookings/s, p99 ${run.latency.p99.toFixed(1)} ms`)
    }
  } finally {
    await close()
  }

  // Baseline: the same 200 requests as plain SQL transactions on a throw-away database.
  const db = await throwAwayMysql('baseline')
  const pool = createPool({ uri: db.url, connectionLimit: POOL })
  try {
    await pool.query('CREATE TABLE slot (id INT PRIMARY KEY, capacity INT NOT NULL, booked INT NOT NULL) ENGINE=InnoDB')
    await pool.query('CREATE TABLE booking (id INT AUTO_INCREMENT PRIMARY KEY, slot_id INT NOT NULL, family_id INT NOT NULL, created_at DATETIME NOT NULL, UNIQUE KEY uq_booking (slot_id, family_id)) ENGINE=InnoDB')
    for (const [id, capacity] of [[1, 5], [2, REQUESTS]] as const) {
      await pool.query('INSERT INTO slot VALUES (?, ?, 0)', [id, capacity])
      const bookOne = async (familyId: number): Promise<boolean> => {
        const c = await pool.getConnection()
        try {
          await c.beginTransaction()
          const [rows] = await c.query('SELECT capacity, booked FROM slot WHERE id = ? FOR UPDATE', [id])
          const s = (rows as Array<{ capacity: number; booked: number }>)[0]!
          if (s.booked >= s.capacity) {
            await c.rollback()
            return false
          }
          await c.query('INSERT INTO booking (slot_id, family_id, created_at) VALUES (?, ?, UTC_TIMESTAMP())', [id, familyId])
          await c.query('UPDATE slot SET booked = booked + 1 WHERE id = ?', [id])
          await c.commit()
          return true
        } catch (e) {
          await c.rollback().catch(() => undefined)
          throw e
        } finally {
          c.release()
        }
      }
      const run = await timed(capacity, Array.from({ length: REQUESTS }, (_, i) => () => bookOne(i)))
      baseline.push(run)
      log(`  baseline SQL, capacity ${capacity}: ${run.confirmed} confirmed, ${run.requestsPerSec} requests/s, ${run.bookingsPerSec} bookings/s, p99 ${run.latency.p99.toFixed(1)} ms`)
    }
  } finally {
    await pool.end()
    await db.drop()
  }
  return { pool: POOL, service, baseline }
}
