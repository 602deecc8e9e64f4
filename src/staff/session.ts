/**
 * Console sessions: the staff sign-in of the domain (the same sessions as the staff API) kept in
 * a cookie that scripts cannot read (HttpOnly), sent only by the console's own pages
 * (SameSite=Strict, Path=/staff). Every form that changes something carries a CSRF token tied to
 * the session (HMAC with the service's key); the sign-in form one tied to a pre-session cookie.
 * A request whose Origin is another site is refused as well.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Context } from 'koa'
import { AppError } from '../shared/errors'
import { normaliseLanguage, type Language } from '../shared/i18n'
import { staffForToken, type StaffView } from '../domain/staff/staff.service'
import type { DomainContext } from '../domain/context'

export const SESSION_COOKIE = 'staff_session'
export const PRE_COOKIE = 'staff_pre'
export const LANG_COOKIE = 'staff_lang'
export const CONSOLE_PATH = '/staff'
const MAX_FORM_BYTES = 64 * 1024

function cookieOpts(ctx: Context, maxAgeMs?: number) {
  return { httpOnly: true, sameSite: 'strict' as const, path: CONSOLE_PATH, secure: ctx.secure, overwrite: true, ...(maxAgeMs !== undefined ? { maxAge: maxAgeMs } : {}) }
}

export function setSessionCookie(ctx: Context, token: string, expiresAt: Date, now: Date): void {
  ctx.cookies.set(SESSION_COOKIE, token, cookieOpts(ctx, Math.max(0, expiresAt.getTime() - now.getTime())))
}

export function clearSessionCookie(ctx: Context): void {
  ctx.cookies.set(SESSION_COOKIE, '', { ...cookieOpts(ctx), expires: new Date(0) })
}

export const sessionToken = (ctx: Context): string | undefined => ctx.cookies.get(SESSION_COOKIE) || undefined

/** The signed-in staff member, or null (no cookie, expired or ended session). */
export async function currentStaff(dctx: DomainContext, ctx: Context): Promise<StaffView | null> {
  const token = sessionToken(ctx)
  if (!token) return null
  try {
    return await staffForToken(dctx, token)
  } catch (e) {
    if (e instanceof AppError && e.code === 'unauthenticated') return null
    throw e
  }
}

const mac = (dctx: DomainContext, purpose: string, value: string) => createHmac('sha256', dctx.dataKey).update(`console:${purpose}:${value}`).digest('base64url')

/** The CSRF token of the current session (for hidden form fields). */
export function csrfToken(dctx: DomainContext, ctx: Context): string {
  const token = sessionToken(ctx)
  if (token) return mac(dctx, 'csrf', token)
  let pre = ctx.cookies.get(PRE_COOKIE)
  if (!pre) {
    pre = randomBytes(18).toString('base64url')
    ctx.cookies.set(PRE_COOKIE, pre, cookieOpts(ctx, 2 * 60 * 60 * 1000))
  }
  return mac(dctx, 'pre', pre)
}

const equal = (a: string, b: string) => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** Refuses a form post without the right token, or from another site. */
export function checkCsrf(dctx: DomainContext, ctx: Context, form: URLSearchParams, kind: 'session' | 'pre'): void {
  const origin = ctx.get('origin')
  if (origin && origin !== 'null' && origin !== ctx.origin) throw new AppError('forbidden', 'cross-site form', { details: { reason: 'csrf' } })
  const sent = form.get('_csrf') ?? ''
  const basis = kind === 'session' ? sessionToken(ctx) : ctx.cookies.get(PRE_COOKIE)
  if (!basis || !sent || !equal(sent, mac(dctx, kind === 'session' ? 'csrf' : 'pre', basis))) throw new AppError('forbidden', 'bad form token', { details: { reason: 'csrf' } })
}

/** Reads an application/x-www-form-urlencoded body (64 KB at most). */
export async function readForm(ctx: Context): Promise<URLSearchParams> {
  if (!ctx.is('application/x-www-form-urlencoded')) throw new AppError('bad_request', 'form expected')
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_FORM_BYTES) throw new AppError('payload_too_large', 'form too large')
    chunks.push(chunk)
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

/** The console language: the switch's cookie, else the browser's first language. */
export function consoleLanguage(ctx: Context): Language {
  const chosen = ctx.cookies.get(LANG_COOKIE)
  if (chosen) return normaliseLanguage(chosen)
  return normaliseLanguage(ctx.get('accept-language').split(',')[0])
}

export function setLanguage(ctx: Context, lang: Language): void {
  ctx.cookies.set(LANG_COOKIE, lang, { httpOnly: true, sameSite: 'strict', path: CONSOLE_PATH, secure: ctx.secure, overwrite: true, maxAge: 365 * 24 * 60 * 60 * 1000 })
}

/** A console path to go back to (only our own pages: no open redirect). */
export function safeBack(value: string | null | undefined, fallback = `${CONSOLE_PATH}/queue`): string {
  if (!value || !value.startsWith(`${CONSOLE_PATH}/`) || value.startsWith('//') || /[\\\r\n]/.test(value)) return fallback
  return value
}
