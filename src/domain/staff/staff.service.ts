/**
 * Staff accounts and sign-in. Passwords are hashed with scrypt (node:crypto); sessions expire
 * after STAFF_SESSION_TTL_MINUTES; an account is locked for 15 minutes after 5 failed sign-ins.
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'
import { MoreThan } from 'typeorm'
import { z } from 'zod'
import { StaffAccount, StaffSession } from '../../db/entities'
import { isUniqueViolation } from '../../db/database'
import { AppError } from '../../shared/errors'
import { MINUTE } from '../../shared/clock'
import { checklistFor, hasJurisdiction } from '../../content'
import type { DomainContext } from '../context'

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: { N: number; r: number; p: number }) => Promise<Buffer>

export const STAFF_ROLES = ['admin', 'department', 'child-director', 'supervisor', 'provider'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export const MAX_FAILED_SIGN_INS = 5
export const LOCK_MINUTES = 15

/** What the rest of the service knows about a staff member (never the password hash). */
export interface StaffView {
  id: number
  username: string
  role: StaffRole
  jurisdiction: string | null
  department: string | null
  street: string | null
  communities: string[]
  providerKind: string | null
  wechatId: string | null
}

export const view = (s: StaffAccount): StaffView => ({
  id: s.id,
  username: s.username,
  role: s.role as StaffRole,
  jurisdiction: s.jurisdiction,
  department: s.department,
  street: s.street,
  communities: s.communities ?? [],
  providerKind: s.providerKind,
  wechatId: s.wechatId,
})

export const NewStaff = z
  .object({
    username: z.string().trim().min(2).max(64).regex(/^[A-Za-z0-9_.@-]+$/),
    password: z.string().min(8).max(200),
    role: z.enum(STAFF_ROLES),
    jurisdiction: z.string().trim().min(1).max(64).optional(),
    department: z.string().trim().min(1).max(128).optional(),
    street: z.string().trim().min(1).max(128).optional(),
    communities: z.array(z.string().trim().min(1).max(128)).default([]),
    providerKind: z.enum(['counsellor', 'instructor']).optional(),
    wechatId: z.string().trim().min(1).max(128).optional(),
  })
  .superRefine((v, c) => {
    const need = (field: keyof typeof v, why: string) => {
      const value = v[field]
      if (value === undefined || (Array.isArray(value) && value.length === 0)) c.addIssue({ code: 'custom', path: [field], message: why })
    }
    if (v.role === 'department') {
      need('jurisdiction', 'staff:errors.needsJurisdiction')
      need('department', 'staff:errors.needsDepartment')
    }
    if (v.role === 'child-director') {
      need('jurisdiction', 'staff:errors.needsJurisdiction')
      need('communities', 'staff:errors.needsCommunity')
    }
    if (v.role === 'supervisor') {
      need('jurisdiction', 'staff:errors.needsJurisdiction')
      need('street', 'staff:errors.needsStreet')
    }
  })
export type NewStaff = z.input<typeof NewStaff>

/** An i18n key for a refused field of a new account. */
function fieldMessage(path: string, message: string): string {
  if (message.startsWith('staff:')) return message
  if (path === 'username') return 'staff:errors.usernameFormat'
  if (path === 'password') return 'staff:errors.passwordTooShort'
  if (path === 'role') return 'staff:errors.role'
  return 'validation.invalid'
}

/** Hashes a password: scrypt$N$r$p$salt$hash. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const N = 16384, r = 8, p = 1
  const hash = await scrypt(password, salt, 32, { N, r, p })
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$')
  if (kind !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const got = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) })
  return got.length === expected.length && timingSafeEqual(got, expected)
}

/** Every department a jurisdiction's list names, in list order ([] for an unknown jurisdiction). */
export function jurisdictionDepartments(jurisdiction: string): string[] {
  if (!hasJurisdiction(jurisdiction)) return []
  const out: string[] = []
  for (const item of checklistFor(jurisdiction)) for (const d of item.departments) if (!out.includes(d)) out.push(d)
  return out
}

/** Creates a staff account. A jurisdiction must have a content file; a department must be one its list names. */
export async function createStaff(ctx: DomainContext, input: NewStaff): Promise<StaffView> {
  const parsed = NewStaff.safeParse(input)
  if (!parsed.success) {
    throw new AppError('validation_failed', 'invalid staff account', { fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: fieldMessage(i.path.join('.'), i.message) })) })
  }
  const v = parsed.data
  if (v.jurisdiction && !hasJurisdiction(v.jurisdiction)) {
    throw new AppError('validation_failed', 'unknown jurisdiction', { fields: [{ path: 'jurisdiction', message: 'validation.jurisdiction' }] })
  }
  if (v.department && v.jurisdiction && !jurisdictionDepartments(v.jurisdiction).includes(v.department)) {
    throw new AppError('validation_failed', 'department not on the list', { fields: [{ path: 'department', message: 'staff:errors.unknownDepartment' }], details: { departments: jurisdictionDepartments(v.jurisdiction) } })
  }
  const repo = ctx.db.repo(StaffAccount)
  try {
    const saved = await repo.save(
      repo.create({
        username: v.username,
        passwordHash: await hashPassword(v.password),
        role: v.role,
        jurisdiction: v.jurisdiction ?? null,
        department: v.department ?? null,
        street: v.street ?? null,
        communities: v.communities,
        providerKind: v.providerKind ?? null,
        wechatId: v.wechatId ?? null,
        failedAttempts: 0,
        lockedUntil: null,
        active: true,
        createdAt: ctx.clock.now(),
      }),
    )
    return view(saved)
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('conflict', 'username taken', { details: { field: 'username' } })
    throw e
  }
}

export async function getStaff(ctx: DomainContext, id: number): Promise<StaffView> {
  const s = await ctx.db.repo(StaffAccount).findOneBy({ id })
  if (!s) throw new AppError('not_found', 'staff not found')
  return view(s)
}

export async function findStaffByUsername(ctx: DomainContext, username: string): Promise<StaffView | null> {
  const s = await ctx.db.repo(StaffAccount).findOneBy({ username })
  return s ? view(s) : null
}

/** The active account whose WeChat id or name is `wechatId` (staff rooms: who is speaking). */
export async function findStaffByWechatId(ctx: DomainContext, wechatId: string): Promise<StaffView | null> {
  const s = await ctx.db.repo(StaffAccount).findOneBy({ wechatId, active: true })
  return s ? view(s) : null
}

/** Every active account (for routing escalations and digests). */
export async function listStaff(ctx: DomainContext, filter: { role?: StaffRole; jurisdiction?: string } = {}): Promise<StaffView[]> {
  const rows = await ctx.db.repo(StaffAccount).find({ where: { active: true, ...(filter.role ? { role: filter.role } : {}), ...(filter.jurisdiction ? { jurisdiction: filter.jurisdiction } : {}) }, order: { id: 'ASC' } })
  return rows.map(view)
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * Signs in with username and password. Wrong password or unknown user → 'unauthenticated'
 * (same answer for both). After MAX_FAILED_SIGN_INS failures the account is locked for
 * LOCK_MINUTES ('forbidden' with details.lockedUntil), even for the right password.
 */
export async function signIn(ctx: DomainContext, username: string, password: string): Promise<{ token: string; expiresAt: Date; staff: StaffView }> {
  const repo = ctx.db.repo(StaffAccount)
  const now = ctx.clock.now()
  const account = await repo.findOneBy({ username })
  if (!account || !account.active) {
    await verifyPassword(password, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')
    throw new AppError('unauthenticated', 'wrong username or password', { details: { reason: 'wrong_password' } })
  }
  if (account.lockedUntil && account.lockedUntil > now) {
    throw new AppError('forbidden', 'account locked', { details: { reason: 'locked', lockedUntil: account.lockedUntil.toISOString() } })
  }
  if (!(await verifyPassword(password, account.passwordHash))) {
    // Counted in the database (atomic increment), so failures fired in parallel all count.
    await repo.increment({ id: account.id }, 'failedAttempts', 1)
    const failures = (await repo.findOneByOrFail({ id: account.id })).failedAttempts
    const lock = failures >= MAX_FAILED_SIGN_INS
    if (lock) await repo.update({ id: account.id }, { failedAttempts: 0, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * MINUTE) })
    ctx.log.info({ staffId: account.id, failures, locked: lock }, 'staff sign-in failed')
    throw new AppError('unauthenticated', 'wrong username or password', { details: { reason: 'wrong_password' } })
  }
  await repo.update({ id: account.id }, { failedAttempts: 0, lockedUntil: null })
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + ctx.config.STAFF_SESSION_TTL_MINUTES * MINUTE)
  await ctx.db.repo(StaffSession).insert({ tokenHash: hashToken(token), staffId: account.id, expiresAt, createdAt: now })
  return { token, expiresAt, staff: view(account) }
}

/** The staff member a session token belongs to, or 'unauthenticated'. */
export async function staffForToken(ctx: DomainContext, token: string): Promise<StaffView> {
  const s = await ctx.db.repo(StaffSession).findOneBy({ tokenHash: hashToken(token), expiresAt: MoreThan(ctx.clock.now()) })
  if (!s) throw new AppError('unauthenticated', 'staff session missing or expired')
  const account = await ctx.db.repo(StaffAccount).findOneBy({ id: s.staffId })
  if (!account || !account.active) throw new AppError('unauthenticated', 'staff account inactive')
  return view(account)
}

export async function signOut(ctx: DomainContext, token: string): Promise<void> {
  await ctx.db.repo(StaffSession).delete({ tokenHash: hashToken(token) })
}

/** Deactivates an account and ends its sessions. */
export async function deactivateStaff(ctx: DomainContext, id: number): Promise<void> {
  await ctx.db.repo(StaffAccount).update({ id }, { active: false })
  await ctx.db.repo(StaffSession).delete({ staffId: id })
}
