/**
 * The public checklist and list of places carry an entity tag: a client (or a proxy) that sends it
 * back gets 304 with no body; a changed or foreign tag gets the whole answer. The gzip and the plain
 * answer have different tags (they are different bytes).
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll, describe } from 'vitest'
import { createTestContext, type TestContext } from '../support/context'
import { rawGet, startApi, type Api } from '../api/http'

/** The answer's body as text (latin1: the bytes as they came). */
const get = async (base: string, path: string, headers: Record<string, string>) => {
  const r = await rawGet(base, path, headers)
  return { ...r, body: r.body.toString('latin1') }
}

describe('public checklist entity tags', () => {
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

  it('answers 304 to the tag it gave, the whole answer otherwise', async () => {
    for (const path of ['/api/v1/jurisdictions/jincheng/checklist?lang=zh-CN', '/api/v1/jurisdictions?lang=en']) {
      const first = await get(api.base, path, {})
      expect(first.status).toBe(200)
      const tag = String(first.headers.etag)
      expect(tag).toMatch(/^"[\w-]{10,}"$/)
      expect(first.headers['cache-control']).toBe('public, max-age=300')
      expect(JSON.parse(first.body)).toBeTruthy()

      const again = await get(api.base, path, { 'if-none-match': tag })
      expect(again.status).toBe(304)
      expect(again.body).toBe('')

      const other = await get(api.base, path, { 'if-none-match': '"something-else"' })
      expect(other.status).toBe(200)
      expect(other.body).toBe(first.body)

      const gz = await get(api.base, path, { 'accept-encoding': 'gzip' })
      if (first.body.length > 1024) expect(gz.headers['content-encoding']).toBe('gzip')
      else continue // a short answer is sent as it is
      expect(gz.headers.etag).not.toBe(tag)
      expect((await get(api.base, path, { 'accept-encoding': 'gzip', 'if-none-match': String(gz.headers.etag) })).status).toBe(304)
    }
    // An unknown place is still 404, and a 404 has no tag.
    const missing = await api.call('GET', '/api/v1/jurisdictions/nowhere/checklist', { headers: { 'if-none-match': '*' } })
    expect(missing.status).toBe(404)
    expect(missing.headers.get('etag')).toBeNull()
  })
})
