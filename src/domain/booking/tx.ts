/**
 * Transactions for the booking rules.
 *  - MySQL/MariaDB: READ COMMITTED, rows locked with `pessimistic_write` (SELECT … FOR UPDATE);
 *    a deadlock or lock-wait timeout is retried a few times.
 *  - SQLite: TypeORM's better-sqlite3 driver shares ONE query runner between all callers, so two
 *    transactions at once would interleave; `Database.transaction` queues them one after another,
 *    which makes the same rules hold there. Never call a transaction inside `fn`.
 */
import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm'
import { BookingFamilyLock } from '../../db/entities'
import { isUniqueViolation } from '../../db/database'
import { AppError, isAppError } from '../../shared/errors'
import type { DomainContext } from '../context'

function isRetryable(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string }; message?: string }
  const code = err?.driverError?.code ?? err?.code
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || /Deadlock found|Lock wait timeout/.test(err?.message ?? '')
}

/**
 * Runs `fn` in one transaction. A refusal (AppError) thrown by `fn` ends the transaction with a
 * commit, not a rollback, and is thrown after it: every refusal in this module is raised before
 * the transaction writes anything, and on SQLite's one shared connection a rollback would also
 * undo other callers' writes that ran on the connection meanwhile.
 */
export async function bookingTransaction<T>(ctx: DomainContext, fn: (m: EntityManager) => Promise<T>): Promise<T> {
  const db = ctx.db
  const guarded = async (m: EntityManager): Promise<{ ok: T } | { refused: AppError }> => {
    try {
      return { ok: await fn(m) }
    } catch (e) {
      if (isAppError(e)) return { refused: e }
      throw e
    }
  }
  let out: { ok: T } | { refused: AppError }
  if (db.kind === 'sqlite') out = await db.transaction(guarded)
  else
    for (let attempt = 1; ; attempt++) {
      try {
        out = await db.ds.transaction('READ COMMITTED', guarded)
        break
      } catch (e) {
        if (attempt >= 8 || !isRetryable(e)) throw e
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt))
      }
    }
  if ('refused' in out) throw out.refused
  return out.ok
}

/** Reads one row locked for update (MySQL); on SQLite the queue above already serialises. */
export function lockedOne<T extends ObjectLiteral>(ctx: DomainContext, m: EntityManager, target: EntityTarget<T>, where: FindOptionsWhere<T>): Promise<T | null> {
  return m.findOne(target, { where, ...(ctx.db.kind === 'mysql' ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
}

/** Makes sure the family's lock row exists (before the transaction that locks it). */
export async function ensureFamilyLockRow(ctx: DomainContext, familyId: number): Promise<void> {
  const repo = ctx.db.repo(BookingFamilyLock)
  if (await repo.findOneBy({ familyId })) return
  try {
    await repo.insert({ familyId, createdAt: ctx.clock.now() })
  } catch (e) {
    if (!isUniqueViolation(e)) throw e
  }
}

/** Locks the family's row: every booking change of one family runs one at a time. */
export async function lockFamily(ctx: DomainContext, m: EntityManager, familyId: number): Promise<void> {
  const row = await lockedOne(ctx, m, BookingFamilyLock, { familyId })
  if (!row) throw new Error('family lock row missing')
}
