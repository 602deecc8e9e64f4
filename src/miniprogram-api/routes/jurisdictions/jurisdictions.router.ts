/**
 * Checklist routes:
 *   GET /api/v1/jurisdictions                      → [{id, name, level, parent}]
 *   GET /api/v1/jurisdictions/:id/checklist?lang=  → the list in plain words, items in list order
 *   GET /api/v1/me/checklist?lang=                 → the signed-in family's checklist, per child with reasons
 * The public content is fixed at start, so each public answer is rendered once per
 * (jurisdiction, language) and served as ready bytes, with an entity tag (If-None-Match → 304).
 * The personal one is rendered once per (language, day, family input) and kept (least recently used dropped).
 */
import { createHash } from 'node:crypto'
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib'
import type Router from '@koa/router'
import type { Context, Next } from 'koa'
import { z } from 'zod'
import { defineRoute } from '../../openapi'
import { clearReadyAnswers, preferredEncoding } from '../../ready-answers'
import { authenticateFamilyWith, loadedOf } from '../../middlewares/authenticate'
import type { DomainContext } from '../../../domain/context'
import { checklistView, jurisdictionsView, personalChecklist } from '../../../domain/checklist/checklist.service'
import { checklistKey, signedInChecklistInput } from '../../../domain/checklist/my-checklist'
import { familyNotRegistered } from '../../../domain/registry/registry.service'
import { LANGUAGES, type Language } from '../../../shared/i18n'
import { jurisdictionIds, loadChecklists } from '../../../content'

const Bilingual = z.string()

export const JurisdictionSummary = z
  .object({
    id: z.string().openapi({ example: 'jincheng' }),
    name: Bilingual.openapi({ example: '晋城市' }),
    level: z.enum(['national', 'province', 'city', 'county']),
    parent: z.string().nullable().openapi({ example: 'shanxi' }),
  })
  .openapi('Jurisdiction')

export const ItemViewSchema = z
  .object({
    no: z.number().int(),
    category: z.string().openapi({ example: '幼有所育' }),
    service: z.string().openapi({ example: 'preschool' }),
    title: z.string().openapi({ example: '上幼儿园' }),
    summary: z.string(),
    whoQualifies: z.string(),
    nextSteps: z.string(),
    documents: z.array(z.string()),
    departments: z.array(z.string()).openapi({ example: ['市教育局'] }),
    official: z.object({ name: z.string(), target: z.string(), content: z.string(), source: z.string() }),
  })
  .openapi('ChecklistItem')

export const ChecklistResponse = z
  .object({
    jurisdiction: z.object({ id: z.string(), name: z.string() }),
    notice: z.string().optional().openapi({ example: '长治市清单原文未公开，以下依据山西省清单。' }),
    items: z.array(ItemViewSchema),
  })
  .openapi('Checklist')

const PersonalItemSchema = ItemViewSchema.extend({ reason: z.string().openapi({ example: '因为孩子4岁，可以用这项服务。' }) }).openapi('PersonalChecklistItem')

export const PersonalChecklistResponse = z
  .object({
    jurisdiction: z.object({ id: z.string(), name: z.string() }),
    notice: z.string().optional(),
    children: z.array(
      z.object({
        id: z.union([z.number(), z.string()]).optional(),
        name: z.string().optional(),
        age: z.number().int(),
        note: z.string().optional().openapi({ description: 'Said when no item is shown for the child (16 and over, or nothing fits yet)' }),
        items: z.array(PersonalItemSchema),
      }),
    ),
    family: z.array(PersonalItemSchema).openapi({ description: 'Whole-family items (housing, parents\' jobs, family education …), once' }),
  })
  .openapi('PersonalChecklist')

const LangQuery = z.object({ lang: z.union([z.string(), z.array(z.string())]).optional().openapi({ description: 'zh-CN or en; anything else: zh-CN', example: 'en' }) })

/**
 * Rendered JSON per (what, language), kept as UTF-8 bytes: the content does not change while the
 * process runs, so a request costs no rendering or encoding. Bounded, as ids come from the URL.
 */
const rendered = new Map<string, Buffer>()
const MAX_RENDERED = 500
function cachedJson(key: string, render: () => unknown): Buffer {
  let b = rendered.get(key)
  if (b === undefined) {
    b = Buffer.from(JSON.stringify(render()), 'utf8')
    if (rendered.size < MAX_RENDERED) rendered.set(key, b)
  }
  return b
}

/**
 * Rendered personal checklists, most recently used last. The key is everything the answer depends
 * on (language, today's date, the family's place and children as read on this request), so any change
 * to the family gives a new key: an answer is never served after the data under it changed, in this
 * process or in another one. Bounded (least recently used dropped first).
 */
const personal = new Map<string, Buffer>()
const MAX_PERSONAL = 1000
function cachedPersonal(key: string, render: () => unknown): Buffer {
  let b = personal.get(key)
  if (b !== undefined) {
    personal.delete(key)
    personal.set(key, b)
    return b
  }
  b = Buffer.from(JSON.stringify(render()), 'utf8')
  if (personal.size >= MAX_PERSONAL) personal.delete(personal.keys().next().value!)
  personal.set(key, b)
  return b
}

function sendJson(ctx: Context): void {
  ctx.type = 'application/json; charset=utf-8'
  ctx.set('Cache-Control', 'public, max-age=300')
  // The language comes from ?lang=, else X-Language, else Accept-Language: a shared cache must key on them too.
  ctx.vary('X-Language')
  ctx.vary('Accept-Language')
}

/** An entity tag per sent bytes (the public answers change only when the data files do, that is on a restart). */
const etags = new WeakMap<Buffer, string>()
function tagged(ctx: Context, bytes: Buffer): Buffer {
  let tag = etags.get(bytes)
  if (!tag) etags.set(bytes, (tag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`))
  ctx.etag = tag
  return bytes
}

/** `If-None-Match` with the answer's entity tag: 304 Not Modified, no body (the client keeps its copy). */
async function notModified(ctx: Context, next: Next): Promise<void> {
  await next()
  if (ctx.status === 200 && ctx.fresh) {
    ctx.status = 304
    ctx.body = null
  }
}

/**
 * The bytes to send for a rendered answer, compressed once (a checklist is about 26 KB of JSON, about
 * a fifth of that compressed: less to carry on a family's phone plan and over the network): gzip for
 * clients that accept it, as WeChat and browsers do; brotli, a fifth smaller again, for those that
 * take it, where `brotli` is set (the public answers: compressed once at its best, which takes a few
 * milliseconds); the plain bytes otherwise.
 */
const compressed = new WeakMap<Buffer, { gzip?: Buffer; br?: Buffer }>()
function encoded(ctx: Context, json: Buffer, opts: { brotli: boolean }): Buffer {
  ctx.vary('Accept-Encoding')
  if (json.length < 1024) return json
  const encoding = preferredEncoding(ctx, opts)
  if (encoding === 'identity') return json
  let forms = compressed.get(json)
  if (!forms) compressed.set(json, (forms = {}))
  const bytes = encoding === 'br'
    ? (forms.br ??= brotliCompressSync(json, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: json.length } }))
    : (forms.gzip ??= gzipSync(json, { level: 9 }))
  ctx.set('Content-Encoding', encoding)
  return bytes
}

type SignedInInput = Awaited<ReturnType<typeof signedInChecklistInput>>['data']

export function jurisdictionsRouter(dctx: DomainContext, router: Router): void {
  // Validate every checklist file now: a broken file stops the start, naming file, item and field.
  loadChecklists()
  rendered.clear()
  clearReadyAnswers()
  for (const lang of LANGUAGES) {
    cachedJson(`list:${lang}`, () => jurisdictionsView(lang))
    for (const id of jurisdictionIds()) cachedJson(`checklist:${id}:${lang}`, () => checklistView(id, lang))
  }
  defineRoute(
    router,
    { method: 'get', path: '/jurisdictions', summary: 'Places with a checklist', tags: ['checklist'], auth: 'none', ready: true, middleware: [notModified], query: LangQuery, response: z.array(JurisdictionSummary) },
    async (ctx, { lang }) => {
      const json = cachedJson(`list:${lang}`, () => jurisdictionsView(lang as Language))
      sendJson(ctx)
      return tagged(ctx, encoded(ctx, json, { brotli: true })) as never
    },
  )
  defineRoute(
    router,
    {
      method: 'get',
      path: '/jurisdictions/:id/checklist',
      summary: "A place's service checklist in plain words",
      tags: ['checklist'],
      auth: 'none',
      ready: true,
      middleware: [notModified],
      params: z.object({ id: z.string().min(1).max(100).openapi({ example: 'jincheng' }) }),
      query: LangQuery,
      response: ChecklistResponse,
      errors: [404],
    },
    async (ctx, { params, lang }) => {
      const key = `checklist:${params.id}:${lang}`
      // checklistView throws not_found for an unknown place; nothing is cached for it.
      const json = cachedJson(key, () => checklistView(params.id, lang))
      sendJson(ctx)
      return tagged(ctx, encoded(ctx, json, { brotli: true })) as never
    },
  )
  defineRoute(
    router,
    {
      method: 'get',
      path: '/me/checklist',
      summary: "The signed-in family's checklist: per child the items that apply, with the reason; whole-family items once",
      tags: ['checklist'],
      auth: 'family',
      // Signing in and reading the family: one round trip (this is the most read signed-in route).
      middleware: [authenticateFamilyWith(dctx, signedInChecklistInput)],
      // The answer is kept under its input (the language, the day, the family's children and place), which
      // every request reads again: served before Koa while the family has not changed (ready-answers.ts).
      ready: { signIn: (token: string) => signedInChecklistInput(dctx, token), version: (input: SignedInInput, lang) => input && checklistKey(input, lang) },
      query: LangQuery,
      response: PersonalChecklistResponse,
      errors: [404],
    },
    async (ctx, { lang }) => {
      const input = loadedOf<SignedInInput>(ctx)
      if (!input) throw familyNotRegistered()
      const json = cachedPersonal(checklistKey(input, lang), () => personalChecklist(input.family, input.today, lang))
      ctx.type = 'application/json; charset=utf-8'
      // A family's own data: never kept by a shared cache.
      ctx.set('Cache-Control', 'private, no-cache')
      return encoded(ctx, json, { brotli: false }) as never
    },
  )
}
