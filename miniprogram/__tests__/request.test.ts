// The request wrapper against the real API on 127.0.0.1 (wx.request forwarded over HTTP).
import 'reflect-metadata'
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest'
import { createTestContext, type TestContext } from '../../test/support/context'
import { startApi, type Api } from '../../test/api/http'
import { installWx, forwardTo, type FakeWx } from './harness'
import { request, signIn, ApiError } from '../core/request'
import { config } from '../core/config'
import { setLang } from '../core/i18n'

let tc: TestContext
let api: Api
let wx: FakeWx

beforeAll(async () => {
  tc = await createTestContext('sqlite', {}, new Date().toISOString())
  api = await startApi(tc.ctx)
})
afterAll(async () => {
  await api.close()
  await tc.cleanup()
})
beforeEach(() => {
  wx = installWx(forwardTo(api.base))
  wx.storage.set('apiBase', api.base)
  config.devSignInName = 'request-test'
})

describe('the request wrapper', () => {
  it('signs in on first use, keeps the token and sends it', async () => {
    const me = await request<{ registered: boolean }>('/me')
    expect(me.registered).toBe(false)
    expect(wx.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v1/auth/wx-login', 'GET /api/v1/me'])
    await request('/me')
    expect(wx.requests).toHaveLength(3) // no second sign-in
    expect(wx.requests[2]!.header.authorization).toMatch(/^Bearer /)
    expect(wx.requests[2]!.header['accept-language']).toBe('zh-CN')
  })

  it('signs in again when the kept token has expired', async () => {
    wx.storage.set('session', { token: 'old', expiresAt: new Date(Date.now() - 1000).toISOString() })
    await request('/me')
    expect(wx.requests.map((r) => r.path)).toEqual(['/api/v1/auth/wx-login', '/api/v1/me'])
  })

  it('signs in again once when the server says 401, then retries', async () => {
    wx.storage.set('session', { token: 'revoked-token', expiresAt: new Date(Date.now() + 3600_000).toISOString() })
    const me = await request<{ registered: boolean }>('/me')
    expect(me.registered).toBe(false)
    expect(wx.requests.map((r) => r.path)).toEqual(['/api/v1/me', '/api/v1/auth/wx-login', '/api/v1/me'])
    expect(wx.modals).toHaveLength(0)
  })

  it('shows the server’s own plain words when something is refused, in the chosen language', async () => {
    setLang('en')
    try {
      await expect(request('/me/children/999', { method: 'PATCH', data: { name: 'x' } })).rejects.toMatchObject({ status: 404 })
      expect(wx.modals.at(-1)!.content).toBe('Your family is not registered yet. Please register your family and children first; then you can see this.')
      // PATCH travels as POST with X-HTTP-Method-Override (wx.request has no PATCH) and still reaches the PATCH route.
      const patch = wx.requests.at(-1)!
      expect(patch.method).toBe('POST')
      expect(patch.header['x-http-method-override']).toBe('PATCH')
    } finally {
      setLang('zh-CN')
    }
  })

  it('gives validation notes to the caller without a dialog when asked to be silent', async () => {
    const err = await request('/me', { method: 'PUT', data: { name: '' }, silent: true }).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.code).toBe('validation_failed')
    expect(err.fields.map((f: { path: string }) => f.path)).toContain('name')
    expect(wx.modals).toHaveLength(0)
  })

  it('says so in plain words when the network is down', async () => {
    wx.handler = () => ({ status: 0 })
    const err = await request('/me').catch((e) => e)
    expect(err).toMatchObject({ status: 0, code: 'network' })
    expect(wx.modals.at(-1)!.content).toBe('网络连不上。请检查网络，然后再试一次。')
  })

  it('uses the wx.login code when no development name is set, and explains a refusal', async () => {
    config.devSignInName = ''
    wx.loginCode = '0a1b2c-real-code'
    const err = await signIn().catch((e) => e)
    expect(wx.requests[0]!.data).toEqual({ code: '0a1b2c-real-code' })
    // This server has no WeChat settings: it refuses real codes, in words a parent understands.
    expect(err).toMatchObject({ status: 403, code: 'forbidden' })
    expect(err.message).toMatch(/微信登录还没有开通/)
  })
})
