/**
 * Every API route of the OpenAPI document, attacked with fast-check: random and malicious path
 * parameters, query strings, bodies and headers, signed in as nobody, as a family, as staff or
 * with a forged token. Whatever comes in: never a 5xx, every refusal in the one error shape
 * `{error: {code, message}}`, and a refusal changes no row of any table. Another family's
 * records (ids put into the paths) come out of it unchanged, whatever the other family and a
 * staff member of another street tried.
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import fc from 'fast-check'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { makeFamilyThroughApi, makeStaffOfEveryRole, profile, PLACES, signInFamily, type FamilyFixture } from './fixtures'
import { rowCounts, nastyString, nastyValue, expectErrorShape } from './support'
import { signIn } from '../../src/domain/staff/staff.service'

const RUNS_PER_ROUTE = 6

type Operation = { method: string; path: string; auth: 'family' | 'staff' | 'none' }

describeEachDb(
  'hostile input on every API route',
  (h) => {
    let api: Api
    let victim: FamilyFixture
    let victimExport: string
    const tokens = { family: '', staff: '' }
    const operations: Operation[] = []

    /** The fuzzing family and the admin stay signed in and registered whatever the fuzzer did to them. */
    async function restoreAttackers() {
      if ((await api.call('GET', '/api/v1/staff/me', { token: tokens.staff })).status !== 200) tokens.staff = (await signIn(h.ctx(), 'h-b-director', 'correct horse 1')).token
      const me = await api.call('GET', '/api/v1/me', { token: tokens.family })
      if (me.status === 401) tokens.family = await signInFamily(api, 'fuzzer')
      if (me.status !== 200 || !me.body.registered) await api.call('PUT', '/api/v1/me', { token: tokens.family, body: profile('攻击者', PLACES.a, '13900139000') })
    }

    beforeAll(async () => {
      api = await startApi(h.ctx())
      victim = await makeFamilyThroughApi(h.ctx(), api, 'victim', 'a')
      victimExport = JSON.stringify((await api.call('GET', '/api/v1/me/export', { token: victim.token })).body)
      const staff = await makeStaffOfEveryRole(h.ctx())
      // Staff of another street: signed in, with every staff route open to it, and no right to the victim's records.
      tokens.staff = staff.bDirector!.token
      tokens.family = await signInFamily(api, 'fuzzer')
      await restoreAttackers()
      const doc = (await api.call('GET', '/api/v1/openapi.json')).body as { paths: Record<string, Record<string, { security?: Array<Record<string, unknown>> }>> }
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(methods)) {
          const sec = op.security?.[0] ?? {}
          operations.push({ method: method.toUpperCase(), path, auth: 'familyToken' in sec ? 'family' : 'staffToken' in sec ? 'staff' : 'none' })
        }
      }
    })
    afterAll(async () => {
      await api?.close()
    })

    it('finds every route in the OpenAPI document', () => {
      expect(operations.length).toBeGreaterThanOrEqual(45)
      expect(operations.filter((o) => o.auth === 'family').length).toBeGreaterThan(15)
      expect(operations.filter((o) => o.auth === 'staff').length).toBeGreaterThan(15)
    })

    it('answers random and malicious requests to every route without a 5xx, refusals in the error shape and changing nothing', async () => {
      const ids = () => fc.constantFrom(String(victim.childId), String(victim.bookingId), String(victim.ticketId), String(victim.needId), '0', '-1', '1e3', '9007199254740993', '1;DROP TABLE child')
      const authHeader = fc.constantFrom<'none' | 'family' | 'staff' | 'forged' | 'victim'>('none', 'family', 'staff', 'forged', 'victim')
      const headerValue = fc.oneof(nastyString.map((s) => s.replace(/[^\x20-\x7e]/g, '').slice(0, 200)), fc.constantFrom('zh-CN', 'en', 'xx', '*', ''))
      const request = fc.record({
        params: fc.array(fc.oneof(ids(), nastyString), { minLength: 3, maxLength: 3 }),
        query: fc.dictionary(fc.constantFrom('lang', 'type', 'jurisdiction', 'due', 'status', 'q', 'from', 'to', 'limit', '__proto__', 'kind'), fc.oneof(nastyString, fc.constantFrom('en', 'mental_health', 'jincheng', 'overdue', '-1', '99999999999'))),
        body: fc.oneof(
          { weight: 3, arbitrary: nastyValue.map((v) => ({ json: v })) },
          { weight: 1, arbitrary: fc.constantFrom('{"a":', '[1,2', 'null', '"x"', '\u0000', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}').map((raw) => ({ raw })) },
          { weight: 1, arbitrary: fc.constant({}) },
        ),
        auth: authHeader,
        language: headerValue,
        idempotencyKey: fc.option(headerValue, { nil: undefined }),
        override: fc.option(fc.constantFrom('PATCH', 'DELETE', 'GET', 'patch'), { nil: undefined }),
        contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'),
      })

      const seen = new Map<string, number>()
      let known: Record<string, number> | undefined
      for (const op of operations) {
        await fc.assert(
          fc.asyncProperty(request, async (r) => {
            let n = 0
            const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(r.params[n++ % 3]!))
            const qs = new URLSearchParams(Object.entries(r.query)).toString()
            const headers: Record<string, string> = { 'x-language': r.language, 'accept-language': r.language, 'content-type': r.contentType }
            const token = r.auth === 'family' ? tokens.family : r.auth === 'staff' ? tokens.staff : r.auth === 'victim' ? undefined : r.auth === 'forged' ? 'forged.token.value' : undefined
            if (token) headers.authorization = `Bearer ${token}`
            if (r.idempotencyKey !== undefined) headers['idempotency-key'] = r.idempotencyKey
            if (r.override) headers['x-http-method-override'] = r.override
            let body: string | undefined
            if (!['GET', 'HEAD'].includes(op.method)) body = 'raw' in r.body ? r.body.raw : 'json' in r.body ? JSON.stringify(r.body.json) ?? 'null' : undefined
            // counts are known after a refusal (checked unchanged); after a success they are read again
            const before = known ?? (await rowCounts(h.ctx()))
            known = undefined
            const res = await fetch(api.base + path + (qs ? `?${qs}` : ''), { method: op.method, headers, body })
            const text = await res.text()
            const where = `${op.method} ${op.path} → ${path}?${qs} auth=${r.auth}`
            expect(res.status, `${where}: ${text.slice(0, 300)}`).toBeLessThan(500)
            seen.set(`${op.method} ${op.path}`, Math.max(seen.get(`${op.method} ${op.path}`) ?? 0, res.status))
            if (res.status >= 400) {
              let parsed: unknown
              try {
                parsed = JSON.parse(text)
              } catch {
                parsed = text
              }
              expectErrorShape({ status: res.status, body: parsed }, where)
              const after = await rowCounts(h.ctx())
              expect(after, `${where}: a refusal changed the data`).toEqual(before)
              known = after
            }
          }),
          { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
        )
        await restoreAttackers()
        known = undefined
      }
      expect(seen.size).toBe(operations.length)
    }, 120_000)

    it('leaves the other family exactly as it was', async () => {
      const after = JSON.stringify((await api.call('GET', '/api/v1/me/export', { token: victim.token })).body)
      expect(after).toBe(victimExport)
    })
  },
  { API_RATE_LIMIT_PER_MINUTE: '100000' },
)
