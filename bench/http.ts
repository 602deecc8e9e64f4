/**
 * HTTP benchmark: the public checklist (`GET /api/v1/jurisdictions/:id/checklist`) and a signed-in
 * family's own checklist (`GET /api/v1/me/checklist`) against a bare Koa hello-world, all started
 * by this script as separate processes on 127.0.0.1 and loaded with autocannon from this process.
 * The service runs as `npm start` runs it (src/main.ts: migrations, request log at level info,
 * staff console, no jobs), with API_RATE_LIMIT_PER_MINUTE raised so the per-address limit of
 * anonymous requests does not turn the load into 429s. Requests carry `Accept-Encoding: gzip, deflate, br`
 * as browsers and WeChat send it; the public checklist is also measured without it (26 KB plain).
 */
import { fork, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { request } from 'node:http'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon, { type Client } from 'autocannon'
import { load1, log, round, sleep } from './support'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

export interface HttpRun {
  target: string
  requestsPerSec: number
  p50ms: number
  p99ms: number
  non2xx: number
  errors: number
  load: number
  /** CPU time the server process used per request (µs, from /proc): what the request costs, whatever else runs on the machine. */
  cpuMicrosPerRequest: number | null
  /** CPU time the MariaDB server used per request (µs, from /proc), on MariaDB; it runs on the same cores. */
  dbCpuMicrosPerRequest?: number | null
}

export interface Ratios {
  /** requests/s over bare Koa's, the median of the rounds' ratios */
  ratio: number
  p50Ratio: number
  p99Ratio: number
  /** bare Koa's CPU time a request over this one's: the requests/s ratio on a machine with nothing else running */
  cpuRatio: number | null
}

export interface HttpResult {
  database: 'sqlite' | 'mysql'
  connections: number
  seconds: number
  rounds: number
  bareKoa: HttpRun
  /** Koa sending the public answer's bytes and headers, nothing else: the floor for that body. */
  sameBytes?: HttpRun & Ratios
  public: HttpRun & Ratios & { bytes: number; sent?: Sent }
  personal: HttpRun & Ratios & { bytes: number; sent?: Sent }
  /** The public checklist to a client that does not accept gzip (the 26 KB uncompressed). */
  publicPlain: HttpRun & Ratios & { bytes: number; sent?: Sent }
  /** Every run, in order. */
  runs: Record<'koa' | 'same' | 'pub' | 'pubPlain' | 'me', HttpRun[]>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
    s.once('error', reject)
  })
}

interface Server {
  base: string
  pid: number
  stop(): Promise<void>
}

/** User + system CPU time of a process in ms (Linux /proc; null elsewhere). */
function cpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return null
  }
}

async function waitUp(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    try {
      const r = await fetch(url)
      if (r.status < 500) return
    } catch {
      /* not yet */
    }
    await sleep(200)
  }
  throw new Error(`server at ${url} did not start within 60 s`)
}

async function start(script: string, args: string[], env: Record<string, string>, probe: string): Promise<Server> {
  const port = await freePort()
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }
  delete childEnv.WECHATY_PUPPET // the bot stays off
  const child = fork(script, [...args, String(port)], {
    cwd: root,
    execArgv: ['--import', 'tsx'],
    env: childEnv,
    // The service's log lines (one a request, level info) are written as in production, to a discarded stdout.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const base = `http://127.0.0.1:${port}`
  await waitUp(base + probe, child)
  return {
    base,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((r) => {
        if (child.exitCode !== null) return r()
        child.once('exit', () => r())
        child.kill('SIGTERM')
        setTimeout(() => child.kill('SIGKILL'), 5000).unref()
      }),
  }
}

/** The running MariaDB server's process id (Debian's pid file; null when it cannot be read). */
function mariadbPid(): number | null {
  for (const file of ['/run/mysqld/mysqld.pid', '/var/run/mysqld/mysqld.pid']) {
    try {
      const pid = Number(readFileSync(file, 'utf8').trim())
      if (pid > 0 && cpuMs(pid) !== null) return pid
    } catch {
      /* not this one */
    }
  }
  return null
}

async function load(
  target: string,
  server: Server,
  path: string,
  opts: { connections: number; seconds: number; headers?: Record<string, string>; tokens?: string[]; dbPid?: number | null },
): Promise<HttpRun> {
  const url = server.base + path
  // With `tokens`: each connection signs in as its own family (a family's phone is one connection).
  let connection = 0
  const tokens = opts.tokens
  const setupClient = tokens ? (client: Client) => client.setHeaders({ ...opts.headers, authorization: `Bearer ${tokens[connection++ % tokens.length]}` }) : undefined
  // A short warm-up (JIT, caches, connection pool), then the measured run.
  await autocannon({ url, connections: opts.connections, duration: 1, headers: opts.headers, setupClient })
  const before = load1()
  const cpu0 = cpuMs(server.pid)
  const db0 = opts.dbPid ? cpuMs(opts.dbPid) : null
  connection = 0
  const r = await autocannon({ url, connections: opts.connections, duration: opts.seconds, headers: opts.headers, setupClient })
  const cpu1 = cpuMs(server.pid)
  const db1 = opts.dbPid ? cpuMs(opts.dbPid) : null
  const run: HttpRun = {
    target,
    requestsPerSec: round(r.requests.average, 0),
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    load: round((before + load1()) / 2),
    cpuMicrosPerRequest: cpu0 !== null && cpu1 !== null && r.requests.total > 0 ? round(((cpu1 - cpu0) * 1000) / r.requests.total, 0) : null,
    ...(opts.dbPid ? { dbCpuMicrosPerRequest: db0 !== null && db1 !== null && r.requests.total > 0 ? round(((db1 - db0) * 1000) / r.requests.total, 0) : null } : {}),
  }
  log(`  ${target}: ${run.requestsPerSec} req/s, p50 ${run.p50ms} ms, p99 ${run.p99ms} ms, ${run.cpuMicrosPerRequest} µs CPU a request${run.dbCpuMicrosPerRequest != null ? ` (+ ${run.dbCpuMicrosPerRequest} µs of MariaDB's)` : ''}${run.non2xx || run.errors ? `, ${run.non2xx} non-2xx, ${run.errors} errors` : ''}`)
  return run
}

async function json(base: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {}
  if (token) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const r = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  return { status: r.status, body: await r.json().catch(() => undefined) }
}

/** A registered family with two children; returns its bearer token. */
async function registeredFamily(base: string, n: number): Promise<string> {
  const login = await json(base, 'POST', '/api/v1/auth/wx-login', undefined, { code: `dev:bench-${process.pid}-${n}` })
  if (login.status !== 200) throw new Error(`dev sign-in failed: ${login.status}`)
  const token = login.body.token as string
  const me = await json(base, 'PUT', '/api/v1/me', token, {
    name: '王芳',
    relation: 'mother',
    phone: '13800138000',
    jurisdiction: 'jincheng',
    district: '城区',
    community: '西街社区',
    hukou: { province: '河南省', city: '周口市', county: '郸城县' },
    movedInOn: '2025-05-01',
    residencePermit: true,
    consent: { accepted: true, version: '2026-03' },
    language: 'zh-CN',
  })
  if (me.status !== 200) throw new Error(`registration failed: ${me.status} ${JSON.stringify(me.body)}`)
  for (const child of [
    { name: '小明', sex: 'male', birthDate: '2018-09-01', schoolStage: 'primary', situations: [] },
    { name: '小红', sex: 'female', birthDate: '2022-03-01', schoolStage: 'kindergarten', situations: [] },
  ]) {
    const c = await json(base, 'POST', '/api/v1/me/children', token, child)
    if (c.status !== 201) throw new Error(`adding a child failed: ${c.status} ${JSON.stringify(c.body)}`)
  }
  return token
}

/** What an answer is sent as: its compression and its size on the wire (the body, without headers). */
export interface Sent {
  encoding: string
  bytes: number
}

async function sent(url: string, headers: Record<string, string>): Promise<Sent> {
  const r = await raw(url, headers)
  return { encoding: r.headers['content-encoding'] ?? 'identity', bytes: Buffer.from(r.body, 'base64').length }
}

/** An answer as sent: its headers that describe the body, and the body's bytes (base64). */
async function raw(url: string, headers: Record<string, string>): Promise<{ headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const kept: Record<string, string> = {}
        for (const name of ['content-type', 'cache-control', 'etag', 'vary', 'content-encoding']) if (res.headers[name]) kept[name] = String(res.headers[name])
        resolve({ headers: kept, body: Buffer.concat(chunks).toString('base64') })
      })
    })
    req.on('error', reject)
    req.end()
  })
}

/** What a browser or WeChat's wx.request sends: every target is asked the way real clients ask. */
const CLIENT = { 'accept-encoding': 'gzip, deflate, br' }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

function medianRun(target: string, runs: HttpRun[]): HttpRun {
  return {
    target,
    requestsPerSec: median(runs.map((r) => r.requestsPerSec)),
    p50ms: median(runs.map((r) => r.p50ms)),
    p99ms: median(runs.map((r) => r.p99ms)),
    non2xx: runs.reduce((s, r) => s + r.non2xx, 0),
    errors: runs.reduce((s, r) => s + r.errors, 0),
    load: round(median(runs.map((r) => r.load))),
    cpuMicrosPerRequest: runs.every((r) => r.cpuMicrosPerRequest !== null) ? median(runs.map((r) => r.cpuMicrosPerRequest!)) : null,
    ...(runs.some((r) => r.dbCpuMicrosPerRequest != null) ? { dbCpuMicrosPerRequest: median(runs.map((r) => r.dbCpuMicrosPerRequest ?? 0)) } : {}),
  }
}

/**
 * Both servers run side by side (idle while the other is loaded); `rounds` rounds of bare Koa,
 * public checklist, my checklist, one after another, so a change in the machine's load falls on
 * all three alike. Each figure is the median of its rounds; each ratio compares medians.
 */
export async function benchHttp(database: 'sqlite' | 'mysql', databaseUrl: string | null, opts: { connections: number; seconds: number; rounds: number }): Promise<HttpResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-http-'))
  const publicPath = '/api/v1/jurisdictions/jincheng/checklist?lang=zh-CN'
  const mePath = '/api/v1/me/checklist?lang=zh-CN'
  log(`HTTP on ${database}: ${opts.connections} connections, ${opts.rounds} rounds of ${opts.seconds} s a target`)
  const koa = await start(join(root, 'bench', 'bare-koa.ts'), [], {}, '/')
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    DATA_DIR: dir,
    DATABASE_URL: databaseUrl ?? `sqlite:${join(dir, 'app.sqlite')}`,
    LOG_LEVEL: 'info',
    JOBS_ENABLED: 'false',
    // The limiter counts anonymous requests per client address: every autocannon connection comes from 127.0.0.1.
    API_RATE_LIMIT_PER_MINUTE: '100000000',
  }
  const app = await start(join(root, 'src', 'main.ts'), [], env, '/healthz')
  const runs: Record<'koa' | 'same' | 'pub' | 'pubPlain' | 'me', HttpRun[]> = { koa: [], same: [], pub: [], pubPlain: [], me: [] }
  let same: Server | undefined
  let pubBytes = 0
  let meBytes = 0
  let pubSent: Sent = { encoding: 'identity', bytes: 0 }
  let pubPlainSent: Sent = pubSent
  let meSent: Sent = pubSent
  try {
    // One family a connection, as many families' phones would ask: each request signs in with its own
    // token and reads its own family (their lookups are read together, not one family's over and over).
    const tokens: string[] = []
    for (let n = 0; n < opts.connections; n++) tokens.push(await registeredFamily(app.base, n))
    const token = tokens[0]!
    pubBytes = Buffer.byteLength(JSON.stringify((await json(app.base, 'GET', publicPath)).body))
    const mine = await json(app.base, 'GET', mePath, token)
    if (mine.status !== 200) throw new Error(`GET /me/checklist answered ${mine.status}`)
    meBytes = Buffer.byteLength(JSON.stringify(mine.body))
    pubSent = await sent(app.base + publicPath, CLIENT)
    pubPlainSent = await sent(app.base + publicPath, {})
    meSent = await sent(app.base + mePath, { ...CLIENT, authorization: `Bearer ${token}` })
    // The second baseline: Koa sending exactly the bytes and headers the public answer has.
    const answerFile = join(dir, 'public-answer.json')
    writeFileSync(answerFile, JSON.stringify(await raw(app.base + publicPath, CLIENT)))
    same = await start(join(root, 'bench', 'koa-same-bytes.ts'), [answerFile], {}, '/')
    // On MariaDB: its server's CPU a request too (it runs on the same cores as the service and autocannon).
    const dbPid = database === 'mysql' ? mariadbPid() : null
    for (let round = 0; round < opts.rounds; round++) {
      runs.koa.push(await load('bare Koa', koa, '/', { ...opts, headers: CLIENT }))
      runs.same.push(await load('Koa sending the same bytes', same, '/', { ...opts, headers: CLIENT }))
      runs.pub.push(await load('public checklist', app, publicPath, { ...opts, headers: CLIENT, dbPid }))
      runs.pubPlain.push(await load('public checklist, no Accept-Encoding', app, publicPath, { ...opts, dbPid }))
      runs.me.push(await load('my checklist', app, mePath, { ...opts, headers: CLIENT, tokens, dbPid }))
    }
  } finally {
    await app.stop()
    await koa.stop()
    await same?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  const bare = medianRun('bare Koa', runs.koa)
  // Each ratio is the median of the rounds' ratios (a round's three runs follow each other within seconds).
  const ratios = (rs: HttpRun[]) => ({
    ratio: round(median(rs.map((r, i) => r.requestsPerSec / runs.koa[i]!.requestsPerSec)), 3),
    p50Ratio: round(median(rs.map((r, i) => r.p50ms / Math.max(runs.koa[i]!.p50ms, 0.001))), 2),
    p99Ratio: round(median(rs.map((r, i) => r.p99ms / Math.max(runs.koa[i]!.p99ms, 0.001))), 2),
    cpuRatio: bare.cpuMicrosPerRequest && rs.every((r) => r.cpuMicrosPerRequest) ? round(median(rs.map((r, i) => runs.koa[i]!.cpuMicrosPerRequest! / r.cpuMicrosPerRequest!)), 3) : null,
  })
  const pub = { ...medianRun('public checklist', runs.pub), ...ratios(runs.pub) }
  const sameBytes = runs.same.length ? { ...medianRun('Koa sending the same bytes', runs.same), ...ratios(runs.same) } : undefined
  const personal = { ...medianRun('my checklist', runs.me), ...ratios(runs.me) }
  const publicPlain = { ...medianRun('public checklist, no Accept-Encoding', runs.pubPlain), ...ratios(runs.pubPlain) }
  return {
    database,
    connections: opts.connections,
    seconds: opts.seconds,
    rounds: opts.rounds,
    bareKoa: bare,
    sameBytes,
    public: { ...pub, bytes: pubBytes, sent: pubSent },
    personal: { ...personal, bytes: meBytes, sent: meSent },
    publicPlain: { ...publicPlain, bytes: pubBytes, sent: pubPlainSent },
    runs,
  }
}
