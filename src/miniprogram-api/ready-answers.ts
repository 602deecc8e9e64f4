/**
 * Ready answers: answers kept after the first request and served by the app's request listener
 * before Koa builds a context (`readyAnswers(...).serve`), with the same bytes and headers, the
 * request's log line, and the rate limit counted as for any other request. This is what a caching
 * proxy in front would do, inside the process. A route says its answer may be kept with `ready` in
 * its `defineRoute` spec:
 * - `ready: true`, a public GET whose answer depends only on the URL, the request's language and the
 *   compression the client takes, and does not change while the process runs (the checklists are
 *   data files read at start);
 * - `ready: { signIn, version }`, a signed-in GET (a family's own checklist): every request still
 *   signs in and reads what its answer is made of (`signIn`, the read the route's own middleware does,
 *   one round trip); `version` turns that read into a key that changes whenever the answer would. The
 *   answer kept under that key is sent; nothing is served that the database does not say is current.
 *
 * Anything that is not a plain read of a kept answer goes through the whole stack as before: a
 * conditional request (`If-None-Match`, `If-Modified-Since`: the route answers 304), a request with a
 * body, a client over its rate limit (the stack counts it again and answers 429 in the one error
 * shape), a token that does not sign in, a key not kept yet.
 *
 * Only 200 answers with a byte body are kept. Bounded: the URL comes from the client (any query string
 * is a new key), so past MAX_ENTRIES the least recently used answer is dropped; the bodies themselves
 * are shared buffers, so an entry costs a few hundred bytes whatever the body's size.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type Router from '@koa/router'
import type Koa from 'koa'
import type { Context } from 'koa'
import type { Language } from '../shared/i18n'
import { languageOf } from './openapi'
import type { RequestLine } from './middlewares/request-log'
import { identityRateKey, rateKey, type RateLimiter } from './middlewares/rate-limit'
import { bearerTokenOf } from './middlewares/authenticate'

/** How a signed-in route's answer is kept: see the module's comment. */
export interface SignedInReady<T> {
  /** Signs a token in and reads what the answer is made of; throws when the token does not sign in. */
  signIn(token: string): Promise<{ identity: { id: number; language: string }; data: T }>
  /** A key that changes whenever the answer would; null: this answer is not kept (nor served). */
  version(data: T, lang: Language): string | null
}

interface ReadyAnswer {
  /** The route pattern, for the request log line. */
  route: string
  /** Header names and values, flat (`writeHead`'s array form), Content-Length included. */
  headers: string[]
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
export function preferredEncoding(ctx: Context, offer: { brotli: boolean } = { brotli: true }): Encoding {
  return encodingFor(ctx.req.headers, offer.brotli)
}

const encodingByHeader = new Map<string, Encoding>()
function encodingFor(headers: IncomingHttpHeaders, brotli: boolean): Encoding {
  const header = headers['accept-encoding']
  if (typeof header !== 'string') return 'identity'
  const key = brotli ? header : `gzip-only|${header}`
  let best = encodingByHeader.get(key)
  if (best === undefined) {
    best = negotiate(header, brotli)
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

/** The key of a kept answer: URL, language, compression, and a signed-in answer's version. */
function keyOf(url: string, lang: Language, headers: IncomingHttpHeaders, version: string): string {
  return `${url}\n${lang}\n${encodingFor(headers, true)}\n${version}`
}

/** A request URL's path and query string. */
const partsOf = (url: string): { path: string; query: string } => {
  const q = url.indexOf('?')
  return q < 0 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) }
}

/**
 * Called by `defineRoute` after a `ready` route answered, with its language and (signed in) version:
 * keeps a 200 answer with a byte body.
 */
export function keepReadyAnswer(ctx: Context, lang: Language, version = ''): void {
  if (ctx.status !== 200 || !Buffer.isBuffer(ctx.body)) return
  const headers: string[] = []
  for (const name of KEPT_HEADERS) {
    const value = ctx.response.get(name)
    if (value) headers.push(name, String(value))
  }
  headers.push('content-length', String(ctx.body.length))
  const key = keyOf(ctx.url, lang, ctx.req.headers, version)
  answers.delete(key)
  if (answers.size >= MAX_ENTRIES) answers.delete(answers.keys().next().value!)
  answers.set(key, { route: ctx.routerPath ?? ctx.path, headers, body: ctx.body })
}

/** The signed-in ready routes of each router (by full path), for its app's request listener. */
const signedInRoutes = new WeakMap<Router, Map<string, SignedInReady<unknown>>>()

/** Called by `defineRoute` for a signed-in `ready` route (a path without parameters). */
export function registerSignedInReady(router: Router, path: string, ready: SignedInReady<unknown>): void {
  let routes = signedInRoutes.get(router)
  if (!routes) signedInRoutes.set(router, (routes = new Map()))
  routes.set(`${router.opts.prefix ?? ''}${path}`, ready)
}

export interface ReadyAnswerOptions {
  /** The API's path prefix: only requests under it are looked up. */
  prefix: string
  /** The routers whose signed-in ready routes are served. */
  routers: Router[]
  limiter: RateLimiter
  line: RequestLine
  /** The app's `proxy` setting (the client address comes from X-Forwarded-For). */
  proxy: boolean
}

/**
 * The request listener's first step: answers a plain read of a kept answer and says true (a
 * signed-in one after its read, in a promise), or leaves the request untouched and says false
 * (the Koa stack takes it).
 */
export function readyAnswers(opts: ReadyAnswerOptions): { serve(req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean> } {
  const signedIn = new Map<string, SignedInReady<unknown>>()
  for (const r of opts.routers) for (const [path, ready] of signedInRoutes.get(r) ?? []) signedIn.set(path, ready)

  const send = (req: IncomingMessage, res: ServerResponse, key: string, answer: ReadyAnswer, start: bigint) => {
    answers.delete(key)
    answers.set(key, answer)
    res.writeHead(200, answer.headers)
    res.end(req.method === 'HEAD' ? undefined : answer.body)
    opts.line(req.method!, answer.route, 200, start)
    return true
  }

  const serveSignedIn = async (req: IncomingMessage, res: ServerResponse, url: string, ready: SignedInReady<unknown>, start: bigint): Promise<boolean> => {
    const token = bearerTokenOf(req.headers.authorization)
    if (!token) return false
    const session = rateKey(req, opts.proxy)
    // A client over its limit is refused by the stack before any read.
    if (opts.limiter.spent(session)) return false
    let read: Awaited<ReturnType<typeof ready.signIn>>
    try {
      read = await ready.signIn(token)
    } catch {
      return false // not signed in, or the database failed: the stack answers in the one error shape
    }
    const lang = languageOf(partsOf(url).query, req.headers, read.identity.language)
    const version = ready.version(read.data, lang)
    if (version === null) return false
    const key = keyOf(url, lang, req.headers, version)
    const answer = answers.get(key)
    if (!answer) return false
    if (opts.limiter.hit(session) > 0 || opts.limiter.hit(identityRateKey(read.identity.id)) > 0) return false
    return send(req, res, key, answer, start)
  }

  return {
    serve(req, res) {
      if (answers.size === 0) return false
      const start = process.hrtime.bigint()
      const method = req.method
      const url = req.url ?? ''
      const h = req.headers
      if ((method !== 'GET' && method !== 'HEAD') || !url.startsWith(opts.prefix)) return false
      if (h['content-length'] !== undefined || h['transfer-encoding'] !== undefined || h['if-none-match'] !== undefined || h['if-modified-since'] !== undefined) return false
      const { path, query } = partsOf(url)
      const ready = signedIn.get(path)
      if (ready) return serveSignedIn(req, res, url, ready, start)
      const key = keyOf(url, languageOf(query, h), h, '')
      const answer = answers.get(key)
      if (!answer) return false
      // Over the limit: the stack counts the request again and refuses it (429, Retry-After).
      if (opts.limiter.hit(rateKey(req, opts.proxy)) > 0) return false
      return send(req, res, key, answer, start)
    },
  }
}

/** Makes `app`'s request listener (`app.listen`, `app.callback()`) offer each request to its ready answers first. */
export function withReadyAnswers(app: Koa, opts: ReadyAnswerOptions): Koa {
  const ready = readyAnswers(opts)
  const stack = app.callback.bind(app)
  app.callback = () => {
    const handle = stack()
    // The server is node:http's (app.listen): its requests are IncomingMessage and ServerResponse.
    // A kept answer that cannot be sent for any reason leaves the request to the stack, which answers it.
    return (req, res) => {
      let served: boolean | Promise<boolean>
      try {
        served = ready.serve(req as IncomingMessage, res as ServerResponse)
      } catch {
        served = res.headersSent
      }
      if (served === false) return handle(req, res)
      if (served === true) return Promise.resolve()
      return served.then(
        (done) => (done ? undefined : handle(req, res)),
        () => (res.headersSent ? undefined : handle(req, res)),
      )
    }
  }
  return app
}

/** Forgets every kept answer (tests; a content reload). */
export function clearReadyAnswers(): void {
  answers.clear()
}
