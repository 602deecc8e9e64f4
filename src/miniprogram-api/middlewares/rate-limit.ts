/**
 * Rate limiting of /api/v1: a fixed one-minute window per signed-in session (the bearer token,
 * hashed), per signed-in identity (all its sessions together, counted in `authenticateFamily`)
 * and per client address for anonymous requests. Over the limit: 429 `rate_limited`
 * with `Retry-After` (seconds). The development sign-in (never in production) is not limited.
 *
 * The counters live in this process's memory: with several processes behind a load balancer
 * each process limits on its own, so a client may get up to N × the limit in total.
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Context, Next } from 'koa'
import { AppError } from '../../shared/errors'
import type { Clock } from '../../shared/clock'
import { bearerTokenOf } from './authenticate'

export interface RateLimiter {
  /** Counts one request for `key`; returns 0 when allowed, else the seconds until the window resets. */
  hit(key: string): number
  /** True when `key` has used up its window (nothing is counted). */
  spent(key: string): boolean
}

export function createRateLimiter(opts: { limit: number; windowMs?: number; clock: Clock; maxKeys?: number }): RateLimiter {
  const windowMs = opts.windowMs ?? 60_000
  const maxKeys = opts.maxKeys ?? 100_000
  const windows = new Map<string, { start: number; count: number }>()
  const sweep = (now: number) => {
    for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k)
  }
  return {
    hit(key) {
      const now = opts.clock.now().getTime()
      let w = windows.get(key)
      if (!w || now - w.start >= windowMs) {
        if (!w && windows.size >= maxKeys) sweep(now)
        w = { start: now, count: 0 }
        windows.set(key, w)
      }
      w.count++
      if (w.count <= opts.limit) return 0
      return Math.max(1, Math.ceil((w.start + windowMs - now) / 1000))
    },
    spent(key) {
      const w = windows.get(key)
      return w !== undefined && opts.clock.now().getTime() - w.start < windowMs && w.count >= opts.limit
    },
  }
}

const limiters = new WeakMap<object, RateLimiter>()

/** The one limiter of a running service (per domain context): API_RATE_LIMIT_PER_MINUTE a minute per key. */
export function limiterFor(dctx: { config: { API_RATE_LIMIT_PER_MINUTE: number }; clock: Clock }): RateLimiter {
  let l = limiters.get(dctx)
  if (!l) {
    l = createRateLimiter({ limit: dctx.config.API_RATE_LIMIT_PER_MINUTE, clock: dctx.clock })
    limiters.set(dctx, l)
  }
  return l
}

/** Counts a request against `key`; over the limit: 429 with Retry-After. */
export function enforce(ctx: Context, limiter: RateLimiter, key: string): void {
  const wait = limiter.hit(key)
  if (wait > 0) {
    ctx.set('Retry-After', String(wait))
    throw new AppError('rate_limited', 'too many requests', { details: { retryAfterSeconds: wait } })
  }
}

/** True for the development sign-in request (`POST /api/v1/auth/wx-login {code: "dev:…"}`), outside production. */
function isDevSignIn(ctx: Context, production: boolean): boolean {
  if (production || ctx.method !== 'POST' || ctx.path !== '/api/v1/auth/wx-login') return false
  const code = (ctx.request as unknown as { body?: { code?: unknown } }).body?.code
  return typeof code === 'string' && code.startsWith('dev:')
}

/**
 * The client's address: behind a proxy (`proxy`, the app's setting) the first address of
 * X-Forwarded-For, else the connection's.
 */
export function clientAddress(req: IncomingMessage, proxy: boolean): string {
  const header = proxy ? req.headers['x-forwarded-for'] : undefined
  const forwarded = Array.isArray(header) ? header.join(',') : header
  if (forwarded) {
    const first = forwarded.split(',', 1)[0]!.trim()
    if (first) return first
  }
  return req.socket.remoteAddress ?? ''
}

/** The key a request is counted under: its session (the bearer token, hashed) when it has one, else its address. */
export function rateKey(req: IncomingMessage, proxy: boolean): string {
  const token = bearerTokenOf(req.headers.authorization)
  return token ? `s:${createHash('sha256').update(token).digest('base64url').slice(0, 22)}` : `ip:${clientAddress(req, proxy)}`
}

/** The key all the sessions of one signed-in identity are counted under together. */
export const identityRateKey = (identityId: number): string => `id:${identityId}`

/** Koa middleware; runs after the body parser (to recognise the development sign-in). */
export function rateLimit(limiter: RateLimiter, opts: { prefix: string; production: boolean }) {
  return async (ctx: Context, next: Next) => {
    if (!ctx.path.startsWith(opts.prefix) || isDevSignIn(ctx, opts.production)) return next()
    enforce(ctx, limiter, rateKey(ctx.req, ctx.app.proxy))
    return next()
  }
}
