/** Test helpers: the real Koa app on 127.0.0.1 (a random port) and a small JSON client. */
import { request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import type Koa from 'koa'
import { createApp } from '../../src/miniprogram-api/app'
import type { DomainContext } from '../../src/domain/context'
import { createLogger, type Logger } from '../../src/shared/logger'

export interface Api {
  base: string
  call(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>
  close(): Promise<void>
}

export async function startApi(dctx: DomainContext, extraRouters: Parameters<typeof createApp>[1] = []): Promise<Api> {
  const app: Koa = createApp(dctx, extraRouters)
  const server: Server = app.listen(0, '127.0.0.1')
  await new Promise<void>((r) => server.once('listening', () => r()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) }
      if (opts.token) headers.authorization = `Bearer ${opts.token}`
      if (opts.body !== undefined) headers['content-type'] = 'application/json'
      const res = await fetch(base + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) })
      const text = await res.text()
      let body: unknown = text
      try {
        body = text ? JSON.parse(text) : undefined
      } catch {
        /* not JSON */
      }
      return { status: res.status, body, headers: res.headers }
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

/** A logger whose lines tests can read. */
export function capturingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = []
  const log = createLogger({ level: 'debug', destination: new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) as never })
  return { log, lines }
}

/**
 * A GET (or another method) with node:http, not fetch: the body as sent on the wire (fetch unpacks gzip
 * and brotli, and adds `Cache-Control: no-cache` to a request with If-None-Match).
 */
export function rawGet(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(base + path, { headers, method }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}
