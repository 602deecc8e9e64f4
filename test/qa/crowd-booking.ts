/**
 * QA crowd check (not part of `npm test`): 20 families at once against a running server on
 * 127.0.0.1, through the mini-program API as a phone would: sign in (dev sign-in), register, then
 *   A. all 20 book the same group time at once            → exactly min(capacity, 20) confirmed;
 *   B. the time is filled to its last seat, then all the
 *      families not yet on it try that last seat at once  → exactly one confirmed;
 *   C. a one-to-one time (capacity 1), 20 at once          → exactly one confirmed;
 * and no answer is a 5xx. Bounded: every request has a 15 s timeout and the whole run stops after 120 s.
 *
 *   DATA_DIR=/tmp/crowd DATABASE_URL=sqlite:/tmp/crowd/app.sqlite npm run seed:demo
 *   DATA_DIR=/tmp/crowd DATABASE_URL=sqlite:/tmp/crowd/app.sqlite PORT=3917 HOST=127.0.0.1 API_RATE_LIMIT_PER_MINUTE=100000 npm start &
 *   BASE=http://127.0.0.1:3917 npx tsx test/qa/crowd-booking.ts
 */
export {}

const BASE = process.env.BASE ?? 'http://127.0.0.1:3917'
const FAMILIES = 20
const RUN = Date.now().toString(36)
setTimeout(() => {
  process.stderr.write('crowd: gave up after 120 s\n')
  process.exit(2)
}, 120_000).unref()

const statuses: number[] = []
async function call(method: string, path: string, opts: { token?: string; body?: unknown; key?: string } = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  if (opts.key) headers['idempotency-key'] = opts.key
  const res = await fetch(`${BASE}/api/v1${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body), signal: AbortSignal.timeout(15_000) })
  statuses.push(res.status)
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null }
}

const profile = (i: number) => ({
  name: `家长${i}`, relation: i % 2 ? 'mother' : 'father', jurisdiction: 'jincheng', district: '城区', community: '东街社区',
  hukou: { province: '河南省', city: '周口市', county: '郸城县' }, movedInOn: '2024-03-01', residencePermit: i % 3 !== 0,
  consent: { accepted: true, version: '2026-03' }, language: 'zh-CN',
})

async function family(i: number): Promise<string> {
  const login = await call('POST', '/auth/wx-login', { body: { code: `dev:crowd-${RUN}-${i}` } })
  if (login.status !== 200) throw new Error(`sign-in ${login.status}`)
  const token = login.body.token as string
  const me = await call('PUT', '/me', { token, body: profile(i) })
  if (me.status !== 200) throw new Error(`register ${me.status} ${JSON.stringify(me.body)}`)
  return token
}

const book = (token: string, slotId: string, tag: string) => call('POST', '/me/bookings', { token, body: { slotId }, key: `${RUN}-${tag}-${token.slice(-12)}` })

function tally(rs: Array<{ status: number }>): Record<number, number> {
  const out: Record<number, number> = {}
  for (const r of rs) out[r.status] = (out[r.status] ?? 0) + 1
  return out
}

let failed = false
const check = (ok: boolean, what: string) => {
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${what}\n`)
  if (!ok) failed = true
}

const t0 = Date.now()
const tokens = await Promise.all(Array.from({ length: FAMILIES }, (_, i) => family(i + 1)))
process.stdout.write(`20 families signed in and registered at once in ${Date.now() - t0} ms\n`)

const slots = (type: string) => call('GET', `/booking/slots?type=${type}`, { token: tokens[0] }).then((r) => r.body as Array<{ id: string; capacity: number; remaining: number; start: string }>)
const group = (await slots('family_education')).filter((s) => s.capacity > 1 && s.remaining === s.capacity)
const one = (await slots('mental_health')).filter((s) => s.capacity === 1 && s.remaining === 1)
if (group.length < 2 || !one.length) throw new Error('no free demo times: run npm run seed:demo first')

// A. everyone at once on a fresh group time
const a = group[0]!
const ra = await Promise.all(tokens.map((tk) => book(tk, a.id, 'A')))
const confirmedA = ra.filter((r) => r.status === 201).length
check(confirmedA === Math.min(a.capacity, FAMILIES), `A: 20 at once on a time for ${a.capacity}: ${confirmedA} confirmed ${JSON.stringify(tally(ra))}`)
const afterA = (await call('GET', `/booking/slots?type=family_education&includeFull=true`, { token: tokens[0] })).body.find((s: { id: string }) => s.id === a.id)
check(!afterA || afterA.remaining === a.capacity - confirmedA, `A: the time shows ${afterA?.remaining ?? 'none'} places left`)

// B. the last seat: fill another time to capacity-1 one by one, then everyone else at once
const b = group.find((s) => s.id !== a.id && s.capacity < FAMILIES) ?? group[1]!
const fillers = tokens.slice(0, b.capacity - 1)
for (const tk of fillers) {
  const r = await book(tk, b.id, 'B-fill')
  if (r.status !== 201) throw new Error(`filling B: ${r.status} ${JSON.stringify(r.body)}`)
}
const rest = tokens.slice(b.capacity - 1)
const rb = await Promise.all(rest.map((tk) => book(tk, b.id, 'B')))
const confirmedB = rb.filter((r) => r.status === 201).length
check(confirmedB === 1, `B: ${rest.length} families at once for the last seat of a time for ${b.capacity}: ${confirmedB} confirmed ${JSON.stringify(tally(rb))}`)
const refused = rb.find((r) => r.status === 409)
if (refused) process.stdout.write(`     a refused family reads: ${refused.body?.error?.message}\n`)

// C. one-to-one counselling, 20 at once
const c = one[0]!
const rc = await Promise.all(tokens.map((tk) => book(tk, c.id, 'C')))
check(rc.filter((r) => r.status === 201).length === 1, `C: 20 at once on a one-to-one time: ${rc.filter((r) => r.status === 201).length} confirmed ${JSON.stringify(tally(rc))}`)

// a retry with the same key returns the same booking, not a second one
const winner = tokens[ra.findIndex((r) => r.status === 201)]!
const again = await book(winner, a.id, 'A')
check(again.status === 201 && again.body.id === ra.find((r) => r.status === 201)!.body.id, `a retry with the same Idempotency-Key returns the same booking (${again.status})`)

check(!statuses.some((s) => s >= 500), `no 5xx in ${statuses.length} requests ${JSON.stringify(tally(statuses.map((status) => ({ status }))))}`)
process.stdout.write(`done in ${Date.now() - t0} ms\n`)
process.exit(failed ? 1 : 0)
