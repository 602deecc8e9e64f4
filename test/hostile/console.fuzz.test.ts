/**
 * Hostile input to the staff console (/staff, server-rendered HTML forms): every route of its
 * router, signed in as an administrator and as a provider, gets random and malicious path
 * parameters, query strings and form fields (with a valid CSRF token, and with a forged one).
 * Never a 5xx, never a stack trace or SQL text in the page, and a form refused for its CSRF
 * token changes no row of any table.
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import fc from 'fast-check'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { client, type Browserish } from '../e2e/fixtures'
import { startStaffConsole } from '../../src/staff'
import { makeFamilyThroughApi, makeStaffOfEveryRole } from './fixtures'
import { nastyString, rowCounts } from './support'
import type Router from '@koa/router'

const FIELDS = ['text', 'department', 'reason', 'state', 'kind', 'on', 'notes', 'nextStep', 'level', 'note', 'back', 'familyId', 'outcome', 'providerId', 'providerKind', 'role', 'username', 'password', 'jurisdiction', 'name', 'displayName', 'address', 'mode', 'start', 'end', 'from', 'to', 'date', 'days', 'status', 'due', 'lang']

describeEachDb('hostile input to the staff console', (h) => {
  let api: Api
  let routes: Array<{ path: string; methods: string[] }> = []
  const browsers: Record<string, Browserish> = {}
  let ids: string[] = []

  beforeAll(async () => {
    const consoleService = startStaffConsole(h.ctx())
    api = await startApi(h.ctx(), consoleService.routers)
    const router = consoleService.routers![0] as Router
    routes = router.stack.filter((l) => l.methods.length).map((l) => ({ path: String(l.path), methods: l.methods.filter((m) => m !== 'HEAD') }))
    const fam = await makeFamilyThroughApi(h.ctx(), api, 'console-fuzz', 'a')
    ids = [String(fam.ticketId), String(fam.childId), String(fam.bookingId), '1', '0', '-1', '99999999']
    await makeStaffOfEveryRole(h.ctx())
    for (const who of ['h-admin', 'h-provider']) {
      const b = client(api.base)
      await b.get('/staff/sign-in')
      const r = await b.post('/staff/sign-in', { username: who, password: 'correct horse 1' })
      expect(r.status, r.text.slice(0, 200)).toBe(200)
      browsers[who] = b
    }
  })
  afterAll(async () => {
    await api?.close()
  })

  it('finds the console’s routes', () => {
    expect(routes.length).toBeGreaterThan(20)
    expect(routes.some((r) => r.methods.includes('POST'))).toBe(true)
  })

  it('answers every route’s random and malicious requests without a 5xx or a leak; a forged CSRF token changes nothing', async () => {
    const request = fc.record({
      who: fc.constantFrom('h-admin', 'h-provider'),
      params: fc.array(fc.oneof(fc.constantFrom(...ids), nastyString), { minLength: 2, maxLength: 2 }),
      query: fc.dictionary(fc.constantFrom(...FIELDS), nastyString, { maxKeys: 3 }),
      form: fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(nastyString, fc.constantFrom(...ids, 'accepted', 'visit', 'red', '2026-03-02', 'admin')), { maxKeys: 5 }),
      csrf: fc.constantFrom<'valid' | 'forged' | 'none'>('valid', 'valid', 'forged', 'none'),
    })
    let tried = 0
    for (const route of routes) {
      if (route.path.endsWith('/sign-out')) continue // would end the session the next runs use
      for (const method of route.methods) {
        await fc.assert(
          fc.asyncProperty(request, async (r) => {
            const b = browsers[r.who]!
            let n = 0
            const path = route.path.replace(/:[A-Za-z]+|\{\*[a-z]+\}/g, () => encodeURIComponent(r.params[n++ % 2]!))
            const qs = new URLSearchParams(Object.entries(r.query)).toString()
            const url = path + (qs ? `?${qs}` : '')
            let res
            if (method === 'GET') res = await b.get(url)
            else {
              await b.get('/staff/queue') // a page with a fresh CSRF token
              const before = r.csrf === 'valid' ? undefined : await rowCounts(h.ctx())
              res = await b.post(url, r.form, { csrf: r.csrf === 'valid' ? undefined : r.csrf === 'forged' ? 'forged-token' : null })
              if (before) {
                expect(res.status, `${method} ${url} with a ${r.csrf} CSRF token`).toBeGreaterThanOrEqual(400)
                expect(await rowCounts(h.ctx()), `${method} ${url}: a refused form changed data`).toEqual(before)
              }
            }
            const where = `${r.who} ${method} ${url}: ${res.status}`
            expect(res.status, `${where} ${res.text.slice(0, 300)}`).toBeLessThan(500)
            expect(res.text, where).not.toMatch(/at [\w.<>]+ \(.*:\d+:\d+\)|QueryFailedError|SqliteError|ER_[A-Z_]+|TypeError|ReferenceError/)
            tried++
          }),
          { numRuns: 4, endOnFailure: true },
        )
      }
    }
    expect(tried).toBeGreaterThan(80)
  }, 120_000)
})
