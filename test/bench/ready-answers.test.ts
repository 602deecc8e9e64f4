/**
 * Ready answers (src/miniprogram-api/ready-answers.ts): a public answer that never changes while the
 * process runs is kept after its first request and served in front of the router. What a client sees
 * must not change: the same bytes and headers, its own language and encoding, 304 for its tag, 404 for
 * an unknown place, the request log line and the rate limit as before.
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
import { preferredEncoding, serveReadyAnswers } from '../../src/miniprogram-api/ready-answers'
import { errorHandler } from '../../src/miniprogram-api/middlewares/error-handler'

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
})

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
    const app = new Koa()
    app.use(errorHandler(capturingLogger().log))
    app.use(serveReadyAnswers('/api/v1'))
    app.use(router.routes())
    const server = app.listen(0, '127.0.0.1')
    await new Promise<void>((r) => server.once('listening', () => r()))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
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
