/**
 * Ready answers: public GET routes whose answer depends only on the URL, the request's language and
 * the compression the client takes, and does not change while the process runs (the checklists are
 * data files read at start). A route says so with `ready: true` in its `defineRoute` spec; its first
 * answer for a (URL, language, compression) goes through the whole stack (router, zod, handler), and is
 * then kept here and served by `serveReadyAnswers`, which the app mounts after the request log, the
 * error handler and the rate limit but before the routers. This is what a caching proxy in front would
 * do, inside the process: the request still gets its log line, its rate limit and `If-None-Match`.
 *
 * Only 200 answers with a byte body are kept. Bounded: the URL comes from the client (any query string
 * is a new key), so past MAX_ENTRIES the least recently used answer is dropped; the bodies themselves
 * are shared buffers, so an entry costs a few hundred bytes whatever the body's size.
 */
import type { Context, Next } from 'koa'
import { requestLanguage } from './openapi'

interface ReadyAnswer {
  /** The route pattern, for the request log line (`ctx.routerPath`). */
  route: string
  headers: Array<[string, string]>
  body: Buffer
}

/** The response headers a ready answer is made of (everything else is per request). */
const KEPT_HEADERS = ['content-type', 'cache-control', 'etag', 'vary', 'content-encoding']
const MAX_ENTRIES = 2000
const answers = new Map<string, ReadyAnswer>()

export type Encoding = 'br' | 'gzip' | 'identity'

/**
 * The compression to send: the client's highest `q` among brotli (where offered) and gzip, brotli on a tie (browsers
 * send `gzip, deflate, br` and mean all three equally; brotli is the smaller), none when it takes
 * neither (no header: none). The one test, shared with the routes. Clients send a handful of distinct
 * `Accept-Encoding` values, so the answer is kept per value (bounded; past it, parsed every time).
 */
const encodingByHeader = new Map<string, Encoding>()
export function preferredEncoding(ctx: Context, offer: { brotli: boolean } = { brotli: true }): Encoding {
  const header = ctx.req.headers['accept-encoding']
  if (typeof header !== 'string') return 'identity'
  const key = offer.brotli ? header : `gzip-only|${header}`
  let best = encodingByHeader.get(key)
  if (best === undefined) {
    best = negotiate(header, offer.brotli)
    if (encodingByHeader.size < 200 && header.length <= 200) encodingByHeader.set(key, best)
  }
  return best
}

function negotiate(header: string, brotli: boolean): Encoding {
  const q = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.toLowerCase().split(';').map((p) => p.trim())
    const qParam = params.find((p) => /^q\s*=/.test(p))
    const value = qParam === undefined ? 1 : Number(qParam.slice(qParam.indexOf('=') + 1).trim() || NaN)
    if (name && Number.isFinite(value)) q.set(name, Math.max(0, Math.min(1, value)))
  }
  const qOf = (name: string) => q.get(name) ?? q.get('*') ?? 0
  const br = brotli ? qOf('br') : 0
  const gzip = Math.max(qOf('gzip'), q.get('x-gzip') ?? 0)
  if (br > 0 && br >= gzip) return 'br'
  return gzip > 0 ? 'gzip' : 'identity'
}

function keyOf(ctx: Context): string {
  return `${ctx.url}\n${requestLanguage(ctx)}\n${preferredEncoding(ctx)}`
}

/** Called by `defineRoute` after a `ready` route answered: keeps a 200 answer with a byte body. */
export function keepReadyAnswer(ctx: Context): void {
  if (ctx.status !== 200 || !Buffer.isBuffer(ctx.body)) return
  const headers: Array<[string, string]> = []
  for (const name of KEPT_HEADERS) {
    const value = ctx.response.get(name)
    if (value) headers.push([name, value])
  }
  const key = keyOf(ctx)
  answers.delete(key)
  if (answers.size >= MAX_ENTRIES) answers.delete(answers.keys().next().value!)
  answers.set(key, { route: ctx.routerPath ?? ctx.path, headers, body: ctx.body })
}

/** Serves a kept answer (200, or 304 when `If-None-Match` names its entity tag); otherwise passes on. */
export function serveReadyAnswers(prefix: string) {
  return async (ctx: Context, next: Next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || !ctx.path.startsWith(prefix) || answers.size === 0) return next()
    const key = keyOf(ctx)
    const answer = answers.get(key)
    if (!answer) return next()
    answers.delete(key)
    answers.set(key, answer)
    ctx.routerPath = answer.route
    for (const [name, value] of answer.headers) ctx.set(name, value)
    ctx.status = 200
    ctx.body = answer.body
    if (ctx.fresh) {
      ctx.status = 304
      ctx.body = null
    }
  }
}

/** Forgets every kept answer (tests; a content reload). */
export function clearReadyAnswers(): void {
  answers.clear()
}
