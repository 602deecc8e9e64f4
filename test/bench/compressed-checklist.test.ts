/**
 * The public checklist answer is sent brotli-compressed to clients that take brotli, gzip-compressed
 * to those that take gzip (what made the HTTP benchmark's public figure, docs/performance.md), and as
 * plain JSON to those that take neither; all carry the same checklist. A family's own checklist is
 * compressed on the fly, so it is gzip at most (brotli at its best takes milliseconds).
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll, describe } from 'vitest'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { createTestContext, type TestContext } from '../support/context'
import { rawGet, startApi, type Api } from '../api/http'

const get = rawGet

describe('public checklist over the wire', () => {
  let t: TestContext
  let api: Api
  beforeAll(async () => {
    t = await createTestContext('sqlite')
    api = await startApi(t.ctx)
  })
  afterAll(async () => {
    await api.close()
    await t.cleanup()
  })

  it('is compressed for a client that accepts gzip, plain otherwise, with the same content', async () => {
    const path = '/api/v1/jurisdictions/jincheng/checklist?lang=zh-CN'
    const plain = await get(api.base, path, {})
    expect(plain.status).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    const checklist = JSON.parse(plain.body.toString('utf8'))
    expect(checklist.items.length).toBeGreaterThan(10)

    const gz = await get(api.base, path, { 'accept-encoding': 'gzip, deflate' })
    expect(gz.status).toBe(200)
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(String(gz.headers.vary)).toMatch(/accept-encoding/i)
    expect(gz.body.length).toBeLessThan(plain.body.length / 2)
    expect(JSON.parse(gunzipSync(gz.body).toString('utf8'))).toEqual(checklist)

    const br = await get(api.base, path, { 'accept-encoding': 'gzip, deflate, br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.body.length).toBeLessThan(gz.body.length)
    expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(checklist)
    expect((await get(api.base, path, { 'accept-encoding': 'br;q=0.5, gzip' })).headers['content-encoding']).toBe('gzip')

    // English too, and the list of places
    const en = await get(api.base, '/api/v1/jurisdictions/jincheng/checklist?lang=en', { 'accept-encoding': 'gzip' })
    expect(JSON.parse(gunzipSync(en.body).toString('utf8')).items[0].title).toMatch(/[A-Za-z]/)
    const places = await get(api.base, '/api/v1/jurisdictions', { 'accept-encoding': 'gzip' })
    expect(places.status).toBe(200)
  })
})
