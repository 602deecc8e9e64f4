/**
 * One way to declare a route: `defineRoute(router, spec, handler)` registers the path in the
 * OpenAPI document (generated from the same zod schemas) and mounts a Koa handler that
 * validates params, query and body before the handler runs. Handlers receive typed input.
 */
import { z } from 'zod'
import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi'
import type Router from '@koa/router'
import type { IncomingHttpHeaders } from 'node:http'
import type { Context } from 'koa'
import { AppError, type FieldError } from '../shared/errors'
import { t, normaliseLanguage, type Language } from '../shared/i18n'
import { keepReadyAnswer, registerSignedInReady, type SignedInReady } from './ready-answers'
import { loadedOf } from './middlewares/authenticate'
import { issueMessage } from '../domain/registry/registry.schemas'

extendZodWithOpenApi(z)

export const registry = new OpenAPIRegistry()
registry.registerComponent('securitySchemes', 'familyToken', { type: 'http', scheme: 'bearer' })
registry.registerComponent('securitySchemes', 'staffToken', { type: 'http', scheme: 'bearer' })

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error')

const registered = new Set<string>()

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  method: Method
  /** Koa path relative to /api/v1, e.g. `/me/children/:id`. */
  path: string
  summary: string
  tags: string[]
  /** Who may call it: a signed-in family, a signed-in staff member, or anyone. */
  auth: 'family' | 'staff' | 'none'
  params?: P
  query?: Q
  body?: B
  /** Schema of the success body (documented; also used by the OpenAPI example test). */
  response: R
  /** HTTP status on success (default 200). */
  status?: number
  /** Error statuses this route may answer with, for the document. */
  errors?: number[]
  /**
   * The answer may be kept and served before Koa (ready-answers.ts): `true` for a public GET whose answer
   * depends only on the URL, the request's language and the compression, and never changes while the
   * process runs; `{ signIn, version }` for a signed-in GET without path parameters, whose `middleware`
   * signs in with the same read (`authenticateFamilyWith`).
   */
  ready?: true | SignedInReady<unknown>
  /** Koa middleware to run before validation (authentication, rate limit). */
  middleware?: Array<(ctx: Context, next: () => Promise<unknown>) => unknown>
}

export interface RouteInput<P, Q, B> {
  params: P
  query: Q
  body: B
  lang: Language
}

const toOpenApiPath = (p: string) => p.replace(/:([A-Za-z_]+)/g, '{$1}')

/**
 * `lang` of a query string when it is there exactly once (when `ctx.query.lang` would be a string),
 * without Koa building the whole query object: every request reads it, and most have no query string.
 */
export function langParameter(querystring: string): string | undefined {
  // A key spelled with escapes (l%61ng) is still `lang`: only a string with neither is skipped.
  if (!querystring || (!querystring.includes('lang') && !querystring.includes('%'))) return undefined
  const values = new URLSearchParams(querystring).getAll('lang')
  return values.length === 1 ? values[0] : undefined
}

/**
 * The language of a request: ?lang=, then the app's own choice (`X-Language`, sent by the
 * mini-program from its settings), then the signed-in identity's, then Accept-Language; zh-CN otherwise.
 */
export function requestLanguage(ctx: Context): Language {
  return languageOf(ctx.querystring, ctx.req.headers, (ctx.state as { identity?: { language?: string } }).identity?.language)
}

/** `requestLanguage` of a request's query string and headers, with the signed-in identity's language (`own`) where there is one. */
export function languageOf(querystring: string, headers: IncomingHttpHeaders, own?: string): Language {
  const q = langParameter(querystring)
  const chosen = headers['x-language']
  return normaliseLanguage(q ?? ((typeof chosen === 'string' && chosen) || undefined) ?? own ?? headers['accept-language']?.split(',')[0])
}

/** Turns zod issues into field errors in the user's language (the registry's `issueMessage`, the one wording). */
export function fieldErrors(error: z.ZodError, lang: Language, prefix = '', input?: unknown): FieldError[] {
  return error.issues.map((issue) => ({ path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'), message: issueMessage(issue, lang, { input, codesOfChoices: true }) }))
}

function parsePart<T extends z.ZodType>(schema: T | undefined, value: unknown, part: string, lang: Language): z.infer<T> {
  if (!schema) return undefined as z.infer<T>
  const r = schema.safeParse(value)
  if (r.success) return r.data
  throw new AppError('validation_failed', t(lang, 'errors.validation_failed'), { fields: fieldErrors(r.error, lang, part === 'body' ? '' : part, value) })
}

export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  router: Router,
  spec: RouteSpec<P, Q, B, R>,
  handler: (ctx: Context, input: RouteInput<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<z.infer<R> | void>,
): void {
  const status = spec.status ?? 200
  // A kept answer is served without the route's middleware: only a read may be kept, and a signed-in
  // one only where it says how to sign in (and the path names no resource the middleware would check).
  if (spec.ready && spec.method !== 'get') throw new Error(`${spec.method} ${spec.path}: only a GET can be ready`)
  if (spec.ready === true && spec.auth !== 'none') throw new Error(`${spec.path}: a signed-in route is ready with { signIn, version }`)
  if (spec.ready && spec.ready !== true) {
    if (spec.auth !== 'family' || spec.path.includes(':')) throw new Error(`${spec.path}: only a family route without parameters can be ready when signed in`)
    registerSignedInReady(router, spec.path, spec.ready)
  }
  const errorResponses: Record<string, { description: string; content: { 'application/json': { schema: typeof ErrorBody } } }> = {}
  const errs = new Set([...(spec.errors ?? []), ...(spec.body || spec.query || spec.params ? [400] : []), ...(spec.body ? [415] : []), ...(spec.auth !== 'none' ? [401, 429] : []), 500])
  for (const code of errs) errorResponses[String(code)] = { description: 'Error', content: { 'application/json': { schema: ErrorBody } } }
  const key = `${spec.method} ${spec.path}`
  if (!registered.has(key)) registered.add(key) && registry.registerPath({
    method: spec.method,
    path: `/api/v1${toOpenApiPath(spec.path)}`,
    summary: spec.summary,
    tags: spec.tags,
    security: spec.auth === 'family' ? [{ familyToken: [] }] : spec.auth === 'staff' ? [{ staffToken: [] }] : [],
    request: {
      ...(spec.params ? { params: spec.params as never } : {}),
      ...(spec.query ? { query: spec.query as never } : {}),
      ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } } } } : {}),
    },
    responses: {
      [String(status)]: status === 204 ? { description: 'Done' } : { description: 'OK', content: { 'application/json': { schema: spec.response } } },
      ...errorResponses,
    },
  })
  router[spec.method](spec.path, ...(spec.middleware ?? []), async (ctx: Context) => {
    const lang = requestLanguage(ctx)
    const input = {
      params: parsePart(spec.params, ctx.params, 'params', lang),
      query: parsePart(spec.query, ctx.query, 'query', lang),
      body: parsePart(spec.body, (ctx.request as unknown as { body?: unknown }).body ?? {}, 'body', lang),
      lang,
    }
    const result = await handler(ctx, input)
    ctx.status = status
    if (status !== 204) ctx.body = result
    if (spec.ready === true) keepReadyAnswer(ctx, lang)
    else if (spec.ready) {
      const version = spec.ready.version(loadedOf(ctx), lang)
      if (version !== null) keepReadyAnswer(ctx, lang, version)
    }
  })
}

/** The OpenAPI 3.1 document of every route defined so far. */
export function openApiDocument(): unknown {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: '流动儿童关爱服务 API', version: '1.0.0', description: 'Mini-program and staff API of the migrant-children care service.' },
    servers: [{ url: '/' }],
  })
}

/** `GET /api/v1/openapi.json`: the document itself, listed in it like every other route. */
export function openApiRoute(router: Router): void {
  defineRoute(
    router,
    {
      method: 'get',
      path: '/openapi.json',
      summary: 'This OpenAPI 3.1 document',
      tags: ['meta'],
      auth: 'none',
      response: z.record(z.string(), z.unknown()).openapi({ example: { openapi: '3.1.0' } }),
    },
    async () => openApiDocument() as Record<string, unknown>,
  )
}
