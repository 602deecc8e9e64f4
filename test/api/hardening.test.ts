import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { request } from 'node:http'
import Router from '@koa/router'
import { z } from 'zod'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from './http'
import { defineRoute } from '../../src/miniprogram-api/openapi'
import { authenticateFamily, identityOf } from '../../src/miniprogram-api/middlewares/authenticate'
import type { DomainContext } from '../../src/domain/context'

/** A family route like the real ones, mounted for this test: echoes the caller's identity. */
function probeRouter(dctx: DomainContext): Router {
  const router = new Router({ prefix: '/api/v1' })
  defineRoute(
    router,
    {
      method: 'post',
      path: '/probe',
      summary: 'test probe',
      tags: ['test'],
      auth: 'family',
      middleware: [authenticateFamily(dctx)],
      body: z.object({ n: z.number().int().max(10) }),
      response: z.object({ identityId: z.number(), n: z.number() }),
    },
    async (ctx, { body }) => ({ identityId: identityOf(ctx).id, n: body.n }),
  )
  defineRoute(
    router,
    { method: 'patch', path: '/probe', summary: 'test probe (patch)', tags: ['test'], auth: 'family', middleware: [authenticateFamily(dctx)], body: z.object({ n: z.number() }), response: z.object({ patched: z.number() }) },
    async (_ctx, { body }) => ({ patched: body.n }),
  )
  return router
}

/** Sends a body in chunks without content-length (Transfer-Encoding: chunked). */
function sendChunked(base: string, path: string, contentType: string, totalBytes: number): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const u = new URL(base + path)
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { 'content-type': contentType, 'transfer-encoding': 'chunked' } }, (res) => {
      let s = ''
      res.on('data', (c) => (s += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: s ? JSON.parse(s) : undefined }))
    })
    req.on('error', (e) => ((e as { code?: string }).code === 'EPIPE' || (e as { code?: string }).code === 'ECONNRESET' ? undefined : reject(e)))
    const chunk = Buffer.alloc(64 * 1024, 'a')
    req.write('{"n":"')
    let sent = 0
    const pump = () => {
      while (sent < totalBytes) {
        sent += chunk.length
        if (!req.write(chunk)) return req.once('drain', pump)
      }
      req.end('"}')
    }
    pump()
  })
}

describeEachDb(
  'API hardening',
  (h) => {
    let api: Api
    const signIn = async (name: string) => (await api.call('POST', '/api/v1/auth/wx-login', { body: { code: `dev:${name}` } })).body.token as string
    beforeAll(async () => {
      api = await startApi(h.ctx(), [probeRouter(h.ctx())])
    })
    afterAll(async () => {
      await api.close()
    })

    it('answers every error in one shape with the right status', async () => {
      const token = await signIn('shape')
      const cases: Array<[string, string, { token?: string; body?: unknown; headers?: Record<string, string> }, number, string]> = [
        ['GET', '/api/v1/nothing-here', {}, 404, 'not_found'],
        ['POST', '/api/v1/probe', { body: { n: 1 } }, 401, 'unauthenticated'],
        ['POST', '/api/v1/probe', { token: 'not-a-real-token', body: { n: 1 } }, 401, 'unauthenticated'],
        ['POST', '/api/v1/probe', { token, body: { n: 'x' } }, 400, 'validation_failed'],
        ['POST', '/api/v1/probe', { token, body: { n: 11 } }, 400, 'validation_failed'],
        ['PUT', '/api/v1/probe', { token }, 405, 'method_not_allowed'],
      ]
      for (const [method, path, opts, status, code] of cases) {
        const r = await api.call(method, path, opts)
        expect([method, path, r.status]).toEqual([method, path, status])
        expect(r.body.error.code).toBe(code)
        expect(typeof r.body.error.message).toBe('string')
        expect(Object.keys(r.body)).toEqual(['error'])
      }
      const bad = await api.call('POST', '/api/v1/probe', { token, body: { n: 'x' } })
      expect(bad.body.error.fields).toEqual([{ path: 'n', message: expect.any(String) }])
      const ok = await api.call('POST', '/api/v1/probe', { token, body: { n: 3 } })
      expect(ok.status).toBe(200)
      expect(ok.body.n).toBe(3)
    })

    it('takes POST with X-HTTP-Method-Override: PATCH as PATCH (wx.request cannot send PATCH), and nothing else', async () => {
      const token = await signIn('override')
      const r = await api.call('POST', '/api/v1/probe', { token, body: { n: 4 }, headers: { 'x-http-method-override': 'PATCH' } })
      expect(r.status).toBe(200)
      expect(r.body).toEqual({ patched: 4 })
      const del = await api.call('POST', '/api/v1/probe', { token, body: { n: 4 }, headers: { 'x-http-method-override': 'DELETE' } })
      expect(del.body).toMatchObject({ n: 4 }) // still the POST route
    })

    it('refuses a body that is not JSON with 400', async () => {
      const res = await fetch(`${api.base}/api/v1/auth/wx-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code": ' })
      expect(res.status).toBe(400)
      expect(((await res.json()) as any).error.code).toBe('bad_request')
    })

    it('refuses a body that is not JSON with 415 in plain words, and stores nothing', async () => {
      const token = await signIn('forms')
      for (const [type, body] of [['application/x-www-form-urlencoded', 'name=%E7%8E%8B&relation=mother'], ['text/plain', '{"name":"王"}'], ['application/xml', '<me><name>王</name></me>'], ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\n王\r\n--x--']] as const) {
        const res = await fetch(`${api.base}/api/v1/me`, { method: 'PUT', headers: { 'content-type': type, authorization: `Bearer ${token}` }, body })
        expect(res.status, type).toBe(415)
        const err = ((await res.json()) as any).error
        expect(err).toMatchObject({ code: 'unsupported_media_type', message: '请用 JSON 格式发送（Content-Type: application/json）。' })
        expect(err.fields).toBeUndefined()
      }
      const en = await fetch(`${api.base}/api/v1/me?lang=en`, { method: 'PUT', headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` }, body: 'hello' })
      expect(((await en.json()) as any).error.message).toBe('Please send JSON (Content-Type: application/json).')
      expect((await api.call('GET', '/api/v1/me', { token })).body.registered).toBe(false)
    })

    it('refuses bodies over 1 MB with 413: with content-length, and chunked without it', async () => {
      const big = JSON.stringify({ code: 'x'.repeat(1024 * 1024 + 10) })
      const res = await fetch(`${api.base}/api/v1/auth/wx-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big })
      expect(res.status).toBe(413)
      expect(((await res.json()) as any).error.code).toBe('payload_too_large')
      const chunkedJson = await sendChunked(api.base, '/api/v1/auth/wx-login', 'application/json', 2 * 1024 * 1024)
      expect(chunkedJson.status).toBe(413)
      expect(chunkedJson.body.error.code).toBe('payload_too_large')
      // A body that is not JSON is refused for its type, unread, whatever its size.
      const chunkedText = await sendChunked(api.base, '/api/v1/auth/wx-login', 'text/plain', 2 * 1024 * 1024)
      expect(chunkedText.status).toBe(415)
      expect(chunkedText.body.error.code).toBe('unsupported_media_type')
      const smallChunked = await sendChunked(api.base, '/api/v1/auth/wx-login', 'application/json', 0)
      expect(smallChunked.status).toBe(400) // parsed, then validated: the body was read, not refused for size
    })

    it('limits each signed-in session per minute with 429 and Retry-After; others and the dev sign-in go on', async () => {
      const a = await signIn('busy-a')
      const b = await signIn('busy-b')
      const limit = h.ctx().config.API_RATE_LIMIT_PER_MINUTE
      for (let i = 0; i < limit; i++) expect((await api.call('POST', '/api/v1/probe', { token: a, body: { n: 1 } })).status).toBe(200)
      const over = await api.call('POST', '/api/v1/probe', { token: a, body: { n: 1 } })
      expect(over.status).toBe(429)
      expect(over.body.error.code).toBe('rate_limited')
      const wait = Number(over.headers.get('retry-after'))
      expect(wait).toBeGreaterThanOrEqual(1)
      expect(wait).toBeLessThanOrEqual(60)
      expect((await api.call('POST', '/api/v1/probe', { token: b, body: { n: 1 } })).status).toBe(200)
      for (let i = 0; i < limit + 2; i++) expect((await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:busy-a' } })).status).toBe(200)
      h.clock().advance(61_000)
      expect((await api.call('POST', '/api/v1/probe', { token: a, body: { n: 1 } })).status).toBe(200)
    })

    it('counts all sessions of one identity together', async () => {
      h.clock().advance(61_000)
      const limit = h.ctx().config.API_RATE_LIMIT_PER_MINUTE
      const first = await signIn('two-phones')
      const second = await signIn('two-phones')
      const statuses: number[] = []
      for (let i = 0; i < limit; i++) statuses.push((await api.call('POST', '/api/v1/probe', { token: i % 2 ? second : first, body: { n: 1 } })).status)
      expect(statuses.every((s) => s === 200)).toBe(true)
      const over = await api.call('POST', '/api/v1/probe', { token: first, body: { n: 1 } })
      expect(over.status).toBe(429)
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    })

    it('limits anonymous requests per address', async () => {
      h.clock().advance(61_000)
      const limit = h.ctx().config.API_RATE_LIMIT_PER_MINUTE
      const statuses: number[] = []
      for (let i = 0; i < limit + 1; i++) statuses.push((await api.call('GET', '/api/v1/openapi.json')).status)
      expect(statuses.slice(0, limit).every((s) => s === 200)).toBe(true)
      expect(statuses[limit]).toBe(429)
      // Health checks are not part of the API and are never limited.
      expect((await api.call('GET', '/healthz')).status).toBe(200)
    })
  },
  { API_RATE_LIMIT_PER_MINUTE: '8' },
)
