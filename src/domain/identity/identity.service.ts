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

/**
 * Sign-ins that arrive together are looked up together: every lookup that starts in one turn of the
 * event loop waits for that turn's end (`setImmediate`, after Node has read every request that came in)
 * and they are sent as ONE statement (`WHERE s.token_hash IN (…)`), up to `MOST_TOGETHER` a statement.
 * Under load one database round trip then serves many requests instead of one (the database's CPU a
 * request was as much as the service's). A lookup never joins a statement already sent, so it reads
 * everything committed before its request arrived, as a statement of its own would.
 */
const MOST_TOGETHER = 64
/** The sizes of the `IN` list: a lookup's tokens are padded to the next one, so a join has a few SQL texts, each prepared once. */
const LIST_SIZES = [1, 2, 4, 8, 16, 32, MOST_TOGETHER]

interface Waiting {
  tokenHash: string
  resolve(rows: object[]): void
  reject(e: unknown): void
}
interface Together {
  ctx: DomainContext
  join: SessionJoin
  waiting: Waiting[]
}

/** The lookups not sent yet, per database and join. */
const gathering = new WeakMap<DomainContext['db'], Map<SessionJoin, Together>>()

/** The session lookup's SQL with a join, for `size` tokens, built once a join and size (the read's parsing is kept per text). */
const sessionSqls = new WeakMap<SessionJoin, Map<number, string>>()
function sessionSql(join: SessionJoin, size: number): string {
  let bySize = sessionSqls.get(join)
  if (!bySize) sessionSqls.set(join, (bySize = new Map()))
  let sql = bySize.get(size)
  if (sql === undefined) {
    // `/*! STRAIGHT_JOIN */`: MySQL and MariaDB join in the written order (session by its unique token, then
    // primary keys and unique indexes), without searching join orders on every execution (a fifth of the
    // query's cost on MariaDB); to SQLite it is a comment.
    const tokens = Array.from({ length: size }, (_, n) => `:t${n}`).join(', ')
    sql =
      'SELECT /*! STRAIGHT_JOIN */ s.token_hash AS session_token, i.id, i.channel, i.language, i.family_id, i.guardian_id, i.reminders_paused' +
      (join.columns ? `, ${join.columns}` : '') +
      ' FROM `auth_session` s INNER JOIN `identity` i ON i.id = s.identity_id' +
      (join.joins ? ` ${join.joins}` : '') +
      ` WHERE s.token_hash IN (${tokens}) AND s.expires_at > :now`
    bySize.set(size, sql)
  }
  return sql
}

/** Sends the lookups gathered in one turn and hands each its own rows. */
async function send(together: Together): Promise<void> {
  const { ctx, join, waiting } = together
  let rows: Array<SessionRow & { session_token: string }>
  try {
    const size = LIST_SIZES.find((n) => n >= waiting.length) ?? MOST_TOGETHER
    const params: Record<string, unknown> = { now: ctx.clock.now() }
    for (let n = 0; n < size; n++) params[`t${n}`] = waiting[Math.min(n, waiting.length - 1)]!.tokenHash
    rows = await ctx.db.read(sessionSql(join, size), params)
  } catch (e) {
    for (const w of waiting) w.reject(e)
    return
  }
  const byToken = new Map<string, object[]>()
  for (const row of rows) {
    const mine = byToken.get(row.session_token)
    if (mine) mine.push(row)
    else byToken.set(row.session_token, [row])
  }
  for (const w of waiting) w.resolve(byToken.get(w.tokenHash)?.slice() ?? [])
}

function lookUp(ctx: DomainContext, join: SessionJoin, tokenHash: string): Promise<object[]> {
  let open = gathering.get(ctx.db)
  if (!open) gathering.set(ctx.db, (open = new Map()))
  let together = open.get(join)
  if (!together) {
    const started: Together = (together = { ctx, join, waiting: [] })
    open.set(join, started)
    setImmediate(() => {
      if (open.get(join) === started) open.delete(join)
      void send(started)
    })
  }
  return new Promise((resolve, reject) => {
    together.waiting.push({ tokenHash, resolve, reject })
    // Full: the next lookup starts another statement; this one is still sent at the turn's end.
    if (together.waiting.length === MOST_TOGETHER) open.delete(join)
  })
}

const num = (v: number | string | null) => (v === null ? null : Number(v))

/**
 * The identity of a session token and, in the same statement, the rows of `join`: one round trip
 * where a route would otherwise make two (every signed-in API request signs in first), shared with the
 * sign-ins that arrived at the same time. Written out rather than built by the query builder: building
 * it cost more CPU than running it.
 */
export async function identityForTokenWith<R extends object>(ctx: DomainContext, token: string, join: SessionJoin): Promise<{ identity: IdentityView; rows: Array<SessionRow & R> }> {
  const rows = (await lookUp(ctx, join, hashToken(token))) as Array<SessionRow & R>
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
