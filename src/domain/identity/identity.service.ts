/**
 * Channel identities (a WeChat contact, a mini-program openid) and API sessions.
 */
import { createHash, randomBytes } from 'node:crypto'
import { AuthSession, Identity } from '../../db/entities'
import { AppError } from '../../shared/errors'
import { MINUTE } from '../../shared/clock'
import type { DomainContext } from '../context'

export type Channel = 'bot' | 'miniprogram' | 'official_account'

export interface IdentityView {
  id: number
  channel: Channel
  language: string
  familyId: number | null
  guardianId: number | null
  remindersPaused: boolean
}

const view = (i: Identity): IdentityView => ({
  id: i.id,
  channel: i.channel as Channel,
  language: i.language,
  familyId: i.familyId,
  guardianId: i.guardianId,
  remindersPaused: i.remindersPaused,
})

/** Finds the identity of a channel user, creating it on first contact. Safe under concurrent first contacts. */
export async function findOrCreateIdentity(ctx: DomainContext, channel: Channel, externalId: string): Promise<IdentityView> {
  const repo = ctx.db.repo(Identity)
  const now = ctx.clock.now()
  const found = await repo.findOneBy({ channel, externalId })
  if (found) {
    await repo.update({ id: found.id }, { lastSeenAt: now })
    return view(found)
  }
  try {
    const created = await repo.save(repo.create({ channel, externalId, language: 'zh-CN', familyId: null, guardianId: null, remindersPaused: false, createdAt: now, lastSeenAt: now }))
    return view(created)
  } catch (e) {
    const again = await repo.findOneBy({ channel, externalId })
    if (again) return view(again)
    throw e
  }
}

export async function getIdentity(ctx: DomainContext, id: number): Promise<IdentityView> {
  const found = await ctx.db.repo(Identity).findOneBy({ id })
  if (!found) throw new AppError('not_found', 'identity not found')
  return view(found)
}

/** Where to deliver a message to an identity: its channel and the channel's own id (never shown to staff). */
export async function channelAddressOf(ctx: DomainContext, id: number): Promise<{ channel: Channel; externalId: string; language: string }> {
  const found = await ctx.db.repo(Identity).findOneBy({ id })
  if (!found) throw new AppError('not_found', 'identity not found')
  return { channel: found.channel as Channel, externalId: found.externalId, language: found.language }
}

export async function setIdentityLanguage(ctx: DomainContext, id: number, language: 'zh-CN' | 'en'): Promise<void> {
  await ctx.db.repo(Identity).update({ id }, { language })
}

export async function setRemindersPaused(ctx: DomainContext, id: number, paused: boolean): Promise<void> {
  await ctx.db.repo(Identity).update({ id }, { remindersPaused: paused })
}

/** Links an identity to its family and guardian record (called by the registry). */
export async function linkIdentity(ctx: DomainContext, id: number, familyId: number | null, guardianId: number | null): Promise<void> {
  await ctx.db.repo(Identity).update({ id }, { familyId, guardianId })
}

/** The identities (all channels) of a family, to reach its guardians. */
export async function identitiesOfFamily(ctx: DomainContext, familyId: number): Promise<IdentityView[]> {
  return (await ctx.db.repo(Identity).findBy({ familyId })).map(view)
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/** Opens an API session; the token is returned once and stored only as a hash. */
export async function openSession(ctx: DomainContext, identityId: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url')
  const now = ctx.clock.now()
  const expiresAt = new Date(now.getTime() + ctx.config.SESSION_TTL_MINUTES * MINUTE)
  await ctx.db.repo(AuthSession).insert({ tokenHash: hashToken(token), identityId, expiresAt, createdAt: now })
  return { token, expiresAt }
}

/** The identity a session token belongs to, or an `unauthenticated` error. */
export async function identityForToken(ctx: DomainContext, token: string): Promise<IdentityView> {
  return (await identityForTokenWith(ctx, token, NO_JOIN)).identity
}

/**
 * SQL of another module joined onto the session lookup: `columns` to select (aliased, not clashing
 * with the identity's), `joins` starting from the identity `i` (LEFT JOINs, so a session without
 * those rows still signs in).
 */
export interface SessionJoin {
  columns: string
  joins: string
}
const NO_JOIN: SessionJoin = { columns: '', joins: '' }

interface SessionRow {
  id: number | string
  channel: string
  language: string
  family_id: number | string | null
  guardian_id: number | string | null
  reminders_paused: unknown
}

/** The session lookup's SQL with a join, built once a join (the read's parsing is kept per text). */
const sessionSqls = new WeakMap<SessionJoin, string>()
function sessionSql(join: SessionJoin): string {
  let sql = sessionSqls.get(join)
  if (sql === undefined) {
    // `/*! STRAIGHT_JOIN */`: MySQL and MariaDB join in the written order (session by its unique token, then
    // primary keys and unique indexes), without searching join orders on every execution (a fifth of the
    // query's cost on MariaDB); to SQLite it is a comment.
    sql =
      'SELECT /*! STRAIGHT_JOIN */ i.id, i.channel, i.language, i.family_id, i.guardian_id, i.reminders_paused' +
      (join.columns ? `, ${join.columns}` : '') +
      ' FROM `auth_session` s INNER JOIN `identity` i ON i.id = s.identity_id' +
      (join.joins ? ` ${join.joins}` : '') +
      ' WHERE s.token_hash = :tokenHash AND s.expires_at > :now'
    sessionSqls.set(join, sql)
  }
  return sql
}

const num = (v: number | string | null) => (v === null ? null : Number(v))

/**
 * The identity of a session token and, in the same statement, the rows of `join`: one round trip
 * where a route would otherwise make two (every signed-in API request signs in first). Written out
 * rather than built by the query builder: building it cost more CPU than running it.
 */
export async function identityForTokenWith<R extends object>(ctx: DomainContext, token: string, join: SessionJoin): Promise<{ identity: IdentityView; rows: Array<SessionRow & R> }> {
  const rows = await ctx.db.read<SessionRow & R>(sessionSql(join), { tokenHash: hashToken(token), now: ctx.clock.now() })
  const r = rows[0]
  if (!r) throw new AppError('unauthenticated', 'session missing or expired')
  return {
    identity: { id: Number(r.id), channel: r.channel as Channel, language: r.language, familyId: num(r.family_id), guardianId: num(r.guardian_id), remindersPaused: Number(r.reminders_paused) === 1 || r.reminders_paused === true },
    rows,
  }
}

export async function closeSessionsOf(ctx: DomainContext, identityId: number): Promise<void> {
  await ctx.db.repo(AuthSession).delete({ identityId })
}
