/**
 * Where a staff member lands in the console (QA round 2): a provider signing in lands on their
 * schedule (they have no queue: it was an empty queue page), also from /staff and when they
 * open the queue; everyone else lands on the queue. A page asked for before signing in still wins.
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { consoleRouter } from '../../src/staff/console.router'
import { client, staff, PASSWORD } from './fixtures'

describeEachDb('staff console: where each role lands', (h) => {
  let api: Api

  beforeAll(async () => {
    const ctx = h.ctx()
    api = await startApi(ctx, [consoleRouter(ctx)])
    await staff(ctx, { username: 'admin', role: 'admin' })
    await staff(ctx, { username: 'edu', role: 'department', jurisdiction: 'jincheng', department: '市教育局' })
    await staff(ctx, { username: 'teacher', role: 'provider', jurisdiction: 'jincheng' })
  })
  afterAll(async () => {
    await api.close()
  })

  /** The sign-in form's hidden fields, sent as a browser sends them. */
  const asBrowser = (b: { last: string }) => ({ back: b.last.match(/name="back" value="([^"]*)"/)?.[1] ?? '' })

  const signIn = async (username: string, first = '/staff/sign-in') => {
    const b = client(api.base)
    await b.get(first)
    const r = await b.post('/staff/sign-in', { ...asBrowser(b), username, password: PASSWORD })
    expect(r.status).toBe(200)
    return { b, landed: new URL(r.url).pathname }
  }

  it('a provider lands on their schedule, from the sign-in page, /staff and the queue address', async () => {
    const { b, landed } = await signIn('teacher')
    expect(landed).toBe('/staff/schedule')
    expect(new URL((await b.get('/staff')).url).pathname).toBe('/staff/schedule')
    expect(new URL((await b.get('/staff/queue')).url).pathname).toBe('/staff/schedule')
    expect(new URL((await b.get('/staff/sign-in')).url).pathname).toBe('/staff/schedule')
  })

  it('department staff and administrators land on the queue; a page asked for first still wins', async () => {
    expect((await signIn('edu')).landed).toBe('/staff/queue')
    expect((await signIn('admin')).landed).toBe('/staff/queue')
    // not signed in: /staff/figures → sign-in → back to figures
    const b = client(api.base)
    expect((await b.get('/staff/figures')).url).toContain('/staff/sign-in')
    const r = await b.post('/staff/sign-in', { ...asBrowser(b), username: 'admin', password: PASSWORD })
    expect(new URL(r.url).pathname).toBe('/staff/figures')
    // not signed in at all: /staff goes to sign-in
    expect((await client(api.base).get('/staff')).url).toContain('/staff/sign-in')
  })
})
