/**
 * Test harness for the mini-program: compiles it with tsc to CommonJS in a temporary folder (with
 * its WXML/WXSS/JSON and a {"type":"commonjs"} package.json) so miniprogram-simulate can load the
 * Component()-based pages, and a fake `wx` whose `request` is answered by a test's handler (or by
 * the real API over HTTP).
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'

export const MP_ROOT = resolve(__dirname, '..')

/** Compiles the mini-program once per test file; returns the folder of the runnable copy. */
export function buildMiniprogram(): string {
  const out = mkdtempSync(join(tmpdir(), 'mp-build-'))
  process.once('exit', () => rmSync(out, { recursive: true, force: true }))
  const r = spawnSync('npx', ['tsc', '-p', join(MP_ROOT, 'tsconfig.json'), '--noEmit', 'false', '--outDir', out, '--rootDir', MP_ROOT], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`tsc failed:\n${r.stdout}${r.stderr}`)
  const copy = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name)
      if (name === '__tests__' || name === 'node_modules') continue
      if (statSync(p).isDirectory()) copy(p)
      else if (/\.(wxml|wxss|json)$/.test(name)) {
        const target = join(out, relative(MP_ROOT, p))
        mkdirSync(dirname(target), { recursive: true })
        cpSync(p, target)
      }
    }
  }
  copy(MP_ROOT)
  writeFileSync(join(out, 'package.json'), '{"type":"commonjs"}\n')
  return out
}

export interface WxCall {
  method: string
  url: string
  path: string
  data: unknown
  header: Record<string, string>
}

export type Handler = (call: WxCall) => { status: number; data?: unknown } | Promise<{ status: number; data?: unknown }>

export interface FakeWx {
  storage: Map<string, unknown>
  requests: WxCall[]
  modals: Array<{ title?: string; content?: string }>
  toasts: string[]
  navigations: string[]
  clipboard: string[]
  subscribeAsks: string[][]
  /** What the next showModal answers (true = confirm). */
  modalAnswer: boolean
  /** What wx.login gives. */
  loginCode: string
  handler: Handler
}

/** Installs a fake `wx` (over miniprogram-simulate's own) and returns its recordings. */
export function installWx(handler: Handler): FakeWx {
  const fake: FakeWx = { storage: new Map(), requests: [], modals: [], toasts: [], navigations: [], clipboard: [], subscribeAsks: [], modalAnswer: true, loginCode: 'wx-code-1', handler }
  const g = globalThis as unknown as { wx: Record<string, unknown> }
  g.wx = g.wx ?? {}
  Object.assign(g.wx, {
    getStorageSync: (k: string) => (fake.storage.has(k) ? fake.storage.get(k) : ''),
    setStorageSync: (k: string, v: unknown) => void fake.storage.set(k, v),
    removeStorageSync: (k: string) => void fake.storage.delete(k),
    login: (o: { success?: (r: { code: string }) => void }) => setTimeout(() => o.success?.({ code: fake.loginCode }), 0),
    request: (o: { url: string; method?: string; data?: unknown; header?: Record<string, string>; success?: (r: { statusCode: number; data: unknown }) => void; fail?: (e: unknown) => void }) => {
      const u = new URL(o.url)
      const call: WxCall = { method: o.method ?? 'GET', url: o.url, path: u.pathname + u.search, data: o.data, header: o.header ?? {} }
      fake.requests.push(call)
      Promise.resolve(fake.handler(call)).then(
        (r) => (r.status === 0 ? o.fail?.({ errMsg: 'request:fail' }) : o.success?.({ statusCode: r.status, data: r.data })),
        (e) => o.fail?.(e),
      )
    },
    showModal: (o: { title?: string; content?: string; success?: (r: { confirm: boolean; cancel: boolean }) => void }) => {
      fake.modals.push({ title: o.title, content: o.content })
      setTimeout(() => o.success?.({ confirm: fake.modalAnswer, cancel: !fake.modalAnswer }), 0)
    },
    showToast: (o: { title: string }) => void fake.toasts.push(o.title),
    navigateTo: (o: { url: string }) => void fake.navigations.push(o.url),
    redirectTo: (o: { url: string }) => void fake.navigations.push(o.url),
    switchTab: (o: { url: string }) => void fake.navigations.push(o.url),
    reLaunch: (o: { url: string }) => void fake.navigations.push(o.url),
    navigateBack: () => void fake.navigations.push('back'),
    setClipboardData: (o: { data: string; success?: () => void }) => {
      fake.clipboard.push(o.data)
      setTimeout(() => o.success?.(), 0)
    },
    requestSubscribeMessage: (o: { tmplIds: string[]; success?: (r: Record<string, string>) => void }) => {
      fake.subscribeAsks.push(o.tmplIds)
      setTimeout(() => o.success?.(Object.fromEntries(o.tmplIds.map((id) => [id, 'accept']))), 0)
    },
    setTabBarItem: () => undefined,
    setNavigationBarTitle: () => undefined,
  })
  return fake
}

/** A `wx.request` handler that forwards to a real HTTP server (the API under test). */
export function forwardTo(base: string): Handler {
  return (call) =>
    new Promise((resolve, reject) => {
      const target = new URL(call.url)
      const u = new URL(base)
      const body = call.data === undefined ? undefined : JSON.stringify(call.data)
      const req = httpRequest(
        { host: u.hostname, port: u.port, path: target.pathname + target.search, method: call.method, headers: { ...call.header, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) } },
        (res) => {
          let s = ''
          res.on('data', (c) => (s += c))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, data: s ? JSON.parse(s) : undefined }))
        },
      )
      req.on('error', reject)
      req.end(body)
    })
}

/** JSON answers by "METHOD /path" (path without /api/v1 and query), for page tests. */
export function routes(table: Record<string, unknown | ((call: WxCall) => { status: number; data?: unknown })>): Handler {
  return (call) => {
    const path = new URL(call.url).pathname.replace(/^\/api\/v1/, '')
    const key = `${call.method} ${path}`
    const hit = table[key]
    if (hit === undefined) return { status: 404, data: { error: { code: 'not_found', message: '没有找到。' } } }
    if (typeof hit === 'function') return (hit as (c: WxCall) => { status: number; data?: unknown })(call)
    return { status: 200, data: hit }
  }
}

export const flush = (ms = 30) => new Promise((r) => setTimeout(r, ms))
