/**
 * Ready answers (src/miniprogram-api/ready-answers.ts): a public answer that never changes while the
 * process runs is kept after its first request and served before Koa builds a context. What a client sees
 * must not change: the same bytes and headers, its own language and encoding, 304 for its tag, 404 for
 * an unknown place, the request log line and the rate limit as before; and for a family's own checklist,
 * the read on every request and the family's own limit.
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll, describe } from 'vitest'
import Koa from 'koa'
import Router from '@koa/router'
import { z } from 'zod'
import type { AddressInfo } from 'node:net'
import { createTestContext, type TestContext } from '../support/context'
import { capturingLogger, rawGet, startApi, type Api } from '../api/http'
import { defineRoute } from '../../src/miniprogram-api/openapi'
import { preferredEncoding, withReadyAnswers } from '../../src/miniprogram-api/ready-answers'
import { errorHandler } from '../../src/miniprogram-api/middlewares/error-handler'
import { createRateLimiter } from '../../src/miniprogram-api/middlewares/rate-limit'
import { authenticateFamilyWith, loadedOf } from '../../src/miniprogram-api/middlewares/authenticate'
import { AppError } from '../../src/shared/errors'
import type { IdentityView } from '../../src/domain/identity/identity.service'
import { systemClock } from '../../src/shared/clock'
import { childBody, profileBody } from '../registry/helpers'

const get = rawGet

const pick = (h: Record<string, unknown>) => ({ type: h['content-type'], cache: h['cache-control'], etag: h.etag, vary: h.vary, encoding: h['content-encoding'], length: h['content-length'] })

describe('ready answers through the service', () => {
  let t: TestContext
  let api: Api
  const cap = capturingLogger()
  beforeAll(async () => {
    t = await createTestContext('sqlite', { API_RATE_LIMIT_PER_MINUTE: '40' })
    api = await startApi({ ...t.ctx, log: cap.log })
  })
  afterAll(async () => {
    await api.close()
    await t.cleanup()
  })

  it('gives every client the same answer as the first time, in its own language and encoding', async () => {
    const path = '/api/v1/jurisdictions/baotou/checklist'
    const zh = await get(api.base, path)
    const zhAgain = await get(api.base, path)
    expect(zhAgain.status).toBe(200)
    expect(zhAgain.body.equals(zh.body)).toBe(true)
    expect(pick(zhAgain.headers)).toEqual(pick(zh.headers))
    expect(JSON.parse(zh.body.toString()).jurisdiction.name).toBe('包头市')
    // The language from a header, not the URL: a different answer under the same URL.
    const en = await get(api.base, path, { 'accept-language': 'en-US,en;q=0.9' })
    const enAgain = await get(api.base, path, { 'accept-language': 'en-US,en;q=0.9' })
    expect(JSON.parse(enAgain.body.toString()).jurisdiction.name).toBe(JSON.parse(en.body.toString()).jurisdiction.name)
    expect(JSON.parse(en.body.toString()).jurisdiction.name).not.toBe('包头市')
    expect(String(zh.headers.vary)).toMatch(/Accept-Language/)
    expect((await get(api.base, path, { 'x-language': 'en' })).body.equals(en.body)).toBe(true)
    // gzip for a client that takes it, plain for one that does not, each twice.
    const gz = await get(api.base, path, { 'accept-encoding': 'gzip' })
    const gzAgain = await get(api.base, path, { 'accept-encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gzAgain.body.equals(gz.body)).toBe(true)
    expect((await get(api.base, path, { 'accept-encoding': 'gzip;q=0, identity' })).headers['content-encoding']).toBeUndefined()
    // Its tag gives 304 on the kept answer; HEAD gives the headers and no body.
    expect((await get(api.base, path, { 'accept-encoding': 'gzip', 'if-none-match': String(gz.headers.etag) })).status).toBe(304)
    const head = await get(api.base, path, { 'accept-encoding': 'gzip' }, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.body.length).toBe(0)
    expect(head.headers.etag).toBe(gz.headers.etag)
  })

  it('keeps refusals as they were: an unknown place is 404 every time, a bad id 400', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await get(api.base, '/api/v1/jurisdictions/atlantis/checklist')
      expect(r.status).toBe(404)
      expect(JSON.parse(r.body.toString()).error.code).toBe('not_found')
    }
    const long = await get(api.base, `/api/v1/jurisdictions/${'x'.repeat(150)}/checklist`)
    expect(long.status).toBe(400)
  })

  it('still writes one log line with the route pattern, and still counts the rate limit', async () => {
    const path = '/api/v1/jurisdictions/shitai/checklist?lang=en'
    await get(api.base, path)
    cap.lines.length = 0
    await get(api.base, path)
    const lines = cap.lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ method: 'GET', route: '/api/v1/jurisdictions/:id/checklist', status: 200 })
    // 40 anonymous requests a minute from one address: the kept answer does not get around the limit.
    let limited = 0
    for (let i = 0; i < 45; i++) if ((await get(api.base, path)).status === 429) limited++
    expect(limited).toBeGreaterThan(0)
  })

  it('is kept with its log line, and the limit of the family still counts every read', async () => {
    const token = (await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:kept-mum' } })).body.token as string
    expect((await api.call('PUT', '/api/v1/me', { token, body: profileBody() })).status).toBe(200)
    expect((await api.call('POST', '/api/v1/me/children', { token, body: childBody() })).status).toBe(201)
    const auth = { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' }
    const first = await get(api.base, '/api/v1/me/checklist', auth)
    cap.lines.length = 0
    const again = await get(api.base, '/api/v1/me/checklist', auth)
    expect(again.status).toBe(200)
    expect(again.body.equals(first.body)).toBe(true)
    expect(pick(again.headers)).toEqual(pick(first.headers))
    expect(again.headers['cache-control']).toBe('private, no-cache')
    const lines = cap.lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request')
    expect(lines).toEqual([expect.objectContaining({ method: 'GET', route: '/api/v1/me/checklist', status: 200 })])
    // 40 requests a minute for a session: a kept answer does not get around it, and the refusal is the usual one.
    const statuses: number[] = []
    let refusal: Buffer | undefined
    for (let i = 0; i < 45; i++) {
      const r = await get(api.base, '/api/v1/me/checklist', auth)
      statuses.push(r.status)
      if (r.status === 429) refusal = r.body
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0)
    expect(JSON.parse(String(refusal)).error.code).toBe('rate_limited')
  })
})

/** A Koa app of one router behind the kept answers, the error handler first, as createApp mounts them. */
async function serveWithReadyAnswers(router: Router) {
  const app = new Koa()
  withReadyAnswers(app, { prefix: '/api/v1', routers: [router], limiter: createRateLimiter({ limit: 1000, clock: systemClock }), line: () => undefined, proxy: false })
  app.use(errorHandler(capturingLogger().log))
  app.use(router.routes())
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((r) => server.once('listening', () => r()))
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}

describe('the mechanism', () => {
  it('runs a ready route once per URL, language and encoding, and never keeps a refusal or another route', async () => {
    const calls: string[] = []
    const router = new Router({ prefix: '/api/v1' })
    defineRoute(router, { method: 'get', path: '/things/:id', summary: 'a thing', tags: ['test'], auth: 'none', ready: true, params: z.object({ id: z.string() }), response: z.unknown() }, async (ctx, { params, lang }) => {
      calls.push(`${params.id}:${lang}`)
      if (params.id === 'missing') {
        ctx.status = 404
        return undefined as never
      }
      ctx.type = 'application/json'
      return Buffer.from(JSON.stringify({ id: params.id, lang })) as never
    })
    defineRoute(router, { method: 'get', path: '/counter', summary: 'changes', tags: ['test'], auth: 'none', response: z.unknown() }, async (ctx) => {
      calls.push('counter')
      ctx.type = 'application/json'
      return Buffer.from(String(calls.length)) as never
    })
    const { base, server } = await serveWithReadyAnswers(router)
    try {
      for (let i = 0; i < 3; i++) expect(JSON.parse((await get(base, '/api/v1/things/a?lang=en')).body.toString())).toEqual({ id: 'a', lang: 'en' })
      await get(base, '/api/v1/things/a?lang=zh-CN')
      await get(base, '/api/v1/things/a?lang=zh-CN')
      await get(base, '/api/v1/things/missing')
      await get(base, '/api/v1/things/missing')
      const c1 = (await get(base, '/api/v1/counter')).body.toString()
      const c2 = (await get(base, '/api/v1/counter')).body.toString()
      expect(c2).not.toBe(c1)
      expect(calls).toEqual(['a:en', 'a:zh-CN', 'missing:zh-CN', 'missing:zh-CN', 'counter', 'counter'])
    } finally {
      await new Promise<void>((r) => server.close(() => r()))
    }
  })
})

describe('the mechanism, signed in', () => {
  it('signs in and reads on every request, runs the route once per version, and leaves every refusal to the stack', async () => {
    const families: Record<string, { id: number; version: string | null; text: string }> = {
      a: { id: 1, version: 'a1', text: 'first of a' },
      b: { id: 2, version: 'b1', text: 'first of b' },
    }
    const signIns: string[] = []
    const handled: string[] = []
    const signIn = async (token: string) => {
      signIns.push(token)
      const f = families[token]
      if (!f) throw new AppError('unauthenticated', 'no session')
      return { identity: { id: f.id, channel: 'miniprogram', language: 'zh-CN', familyId: f.id, guardianId: f.id, remindersPaused: false } as IdentityView, data: f }
    }
    const dctx = { config: { API_RATE_LIMIT_PER_MINUTE: 1000 }, clock: systemClock } as never
    const router = new Router({ prefix: '/api/v1' })
    defineRoute(
      router,
      {
        method: 'get', path: '/mine', summary: 'mine', tags: ['test'], auth: 'family', response: z.unknown(),
        middleware: [authenticateFamilyWith(dctx, (_d, token) => signIn(token))],
        ready: {
          signIn,
          version: (f: { version: string | null; text: string }) => {
            if (f.text === 'broken') throw new Error('a version that cannot be made')
            return f.version
          },
        },
      },
      async (ctx) => {
        const f = loadedOf<{ text: string }>(ctx)
        handled.push(f.text)
        ctx.type = 'application/json'
        return Buffer.from(JSON.stringify(f.text)) as never
      },
    )
    const { base, server } = await serveWithReadyAnswers(router)
    const read = async (token: string) => {
      const r = await get(base, '/api/v1/mine', { authorization: `Bearer ${token}` })
      return { status: r.status, body: JSON.parse(r.body.toString()) }
    }
    try {
      for (let i = 0; i < 3; i++) expect(await read('a')).toEqual({ status: 200, body: 'first of a' })
      expect(await read('b')).toEqual({ status: 200, body: 'first of b' })
      // The family changed: its new version is read on the next request, and rendered once.
      families.a = { id: 1, version: 'a2', text: 'second of a' }
      for (let i = 0; i < 2; i++) expect(await read('a')).toEqual({ status: 200, body: 'second of a' })
      expect(handled).toEqual(['first of a', 'first of b', 'second of a'])
      // Every request signed in: a kept answer is never sent without the read.
      expect(signIns.filter((t) => t === 'a')).toHaveLength(3 + 1 + 2 + 1) // + the stack's read on each first request
      // A session that ended, and an answer that must not be kept, go through the stack every time.
      delete families.b
      expect((await read('b')).status).toBe(401)
      families.c = { id: 3, version: null, text: 'never kept' }
      await read('c')
      await read('c')
      expect(handled.filter((h) => h === 'never kept')).toHaveLength(2)
      // A kept answer that fails on its way out leaves the request to the stack: answered, in the one error shape.
      families.d = { id: 4, version: 'd1', text: 'broken' }
      const broken = await get(base, '/api/v1/mine', { authorization: 'Bearer d' })
      expect(broken.status).toBe(500)
      expect(JSON.parse(broken.body.toString()).error.code).toBe('internal')
    } finally {
      await new Promise<void>((r) => server.close(() => r()))
    }
  })
})

describe('the compression a client gets', () => {
  const ctxWith = (header: string | undefined) => ({ req: { headers: header === undefined ? {} : { 'accept-encoding': header } } }) as never
  it('is brotli on a tie, the higher q otherwise, none when it takes neither', () => {
    const cases: Array<[string | undefined, string, string]> = [
      [undefined, 'identity', 'identity'],
      ['', 'identity', 'identity'],
      ['gzip, deflate, br', 'br', 'gzip'],
      ['br', 'br', 'identity'],
      ['gzip', 'gzip', 'gzip'],
      ['br;q=0.5, gzip', 'gzip', 'gzip'],
      ['gzip;q=0, br', 'br', 'identity'],
      ['gzip;q=0', 'identity', 'identity'],
      ['*', 'br', 'gzip'],
      ['*;q=0.1, gzip;q=0.5', 'gzip', 'gzip'],
      ['identity', 'identity', 'identity'],
      ['GZIP ; q=0.8, BR;Q=0.9', 'br', 'gzip'],
      ['deflate', 'identity', 'identity'],
    ]
    for (const [header, withBrotli, gzipOnly] of cases) {
      expect(preferredEncoding(ctxWith(header)), String(header)).toBe(withBrotli)
      expect(preferredEncoding(ctxWith(header), { brotli: false }), String(header)).toBe(gzipOnly)
    }
  })
})
