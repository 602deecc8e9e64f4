/**
 * Ready answers: public GET routes whose answer depends only on the URL, the request's language and
 * whether the client accepts gzip, and does not change while the process runs (the checklists are
 * data files read at start). A route says so with `ready: true` in its `defineRoute` spec; its first
 * answer for a (URL, language, encoding) goes through the whole stack (router, zod, handler), and is
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

/**
 * True when the answer to this request would be gzip-compressed: the one test, shared with the routes.
 * Clients send a handful of distinct `Accept-Encoding` values, so the negotiation's result is kept per
 * value (bounded; a value past the bound is negotiated every time).
 */
const gzipByHeader = new Map<string, boolean>()
export function acceptsGzip(ctx: Context): boolean {
  const header = ctx.req.headers['accept-encoding']
  if (typeof header !== 'string') return false
  let yes = gzipByHeader.get(header)
  if (yes === undefined) {
    yes = ctx.acceptsEncodings('gzip', 'identity') === 'gzip'
    if (gzipByHeader.size < 200 && header.length <= 200) gzipByHeader.set(header, yes)
  }
  return yes
}

function keyOf(ctx: Context): string {
  return `${ctx.url}\n${requestLanguage(ctx)}\n${acceptsGzip(ctx) ? 'gzip' : 'identity'}`
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
