import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest'
import { Writable } from 'node:stream'
import { createLogger } from '../../shared/logger'
import { createWeChatClient, WeChatError } from './wechat.client'
import { startFakeWeChat, type FakeWeChat } from '../../../test/api/fake-wechat'

describe('WeChat client against a fake WeChat server', () => {
  let wx: FakeWeChat
  const lines: string[] = []
  const log = createLogger({ level: 'debug', destination: new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) as never })
  const client = (over: Partial<{ secret: string; appId: string; timeoutMs: number }> = {}) =>
    createWeChatClient({ appId: over.appId ?? wx.appId, secret: over.secret ?? wx.secret, baseUrl: wx.url, log, timeoutMs: over.timeoutMs ?? 2000, attempts: 3, backoffMs: 5 })

  beforeAll(async () => {
    wx = await startFakeWeChat()
  })
  afterAll(async () => {
    await wx.close()
  })
  beforeEach(() => {
    wx.calls.length = 0
    wx.busy = 0
    wx.hang = 0
    wx.sendErrcode = 0
    lines.length = 0
  })

  it('exchanges a good code for the openid, once', async () => {
    wx.codes.set('good-code-1', { openid: 'o-openid-1' })
    expect(await client().code2Session('good-code-1')).toEqual({ openid: 'o-openid-1', sessionKey: 'sk-o-openid-1' })
    await expect(client().code2Session('good-code-1')).rejects.toMatchObject({ failure: 'invalid_code', errcode: 40029 })
  })

  it('refuses an invalid or expired code without retrying', async () => {
    wx.codes.set('expired-code', { errcode: 40163 })
    await expect(client().code2Session('expired-code')).rejects.toMatchObject({ failure: 'invalid_code', errcode: 40163 })
    await expect(client().code2Session('never-issued')).rejects.toBeInstanceOf(WeChatError)
    expect(wx.calls).toHaveLength(2)
  })

  it('reports a bad secret or app id as our own misconfiguration, without retrying', async () => {
    wx.codes.set('c-secret', { openid: 'o-2' })
    await expect(client({ secret: 'wrong' }).code2Session('c-secret')).rejects.toMatchObject({ failure: 'bad_credentials', errcode: 40125 })
    await expect(client({ appId: 'wrong' }).code2Session('c-secret')).rejects.toMatchObject({ failure: 'bad_credentials', errcode: 40013 })
    expect(wx.calls).toHaveLength(2)
  })

  it('retries "system busy" and succeeds when WeChat recovers', async () => {
    wx.codes.set('c-busy', { openid: 'o-3' })
    wx.busy = 2
    expect((await client().code2Session('c-busy')).openid).toBe('o-3')
    expect(wx.calls).toHaveLength(3)
  })

  it('gives up after three busy answers', async () => {
    wx.codes.set('c-busy2', { openid: 'o-4' })
    wx.busy = 5
    await expect(client().code2Session('c-busy2')).rejects.toMatchObject({ failure: 'unavailable', errcode: -1 })
    expect(wx.calls).toHaveLength(3)
  })

  it('times out a WeChat that does not answer, then retries', async () => {
    wx.codes.set('c-slow', { openid: 'o-5' })
    wx.hang = 1
    const started = Date.now()
    expect((await client({ timeoutMs: 150 }).code2Session('c-slow')).openid).toBe('o-5')
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    wx.hang = 3
    await expect(client({ timeoutMs: 100 }).code2Session('c-slow2')).rejects.toMatchObject({ failure: 'unavailable', errcode: 'timeout' })
  })

  it('treats an unreachable WeChat as unavailable', async () => {
    const c = createWeChatClient({ appId: 'a', secret: 's', baseUrl: 'http://127.0.0.1:1', log, attempts: 2, backoffMs: 1 })
    await expect(c.code2Session('x')).rejects.toMatchObject({ failure: 'unavailable' })
  })

  it('sends subscription messages with one cached access token, renewing it when WeChat revokes it', async () => {
    const c = client()
    const before = wx.tokensIssued
    await c.sendSubscribeMessage('o-6', 'tpl-1', { thing1: { value: '家庭教育' } }, 'pages/bookings/bookings')
    await c.sendSubscribeMessage('o-6', 'tpl-1', { thing1: { value: '心理支持' } })
    expect(wx.tokensIssued - before).toBe(1)
    wx.expireToken()
    await c.sendSubscribeMessage('o-6', 'tpl-1', { thing1: { value: '再次' } })
    expect(wx.tokensIssued - before).toBe(2)
    expect(wx.sent.slice(-3).map((m) => m.data.thing1!.value)).toEqual(['家庭教育', '心理支持', '再次'])
    expect(wx.sent.at(-3)).toMatchObject({ touser: 'o-6', template_id: 'tpl-1', page: 'pages/bookings/bookings' })
  })

  it('says when the family has not allowed the message', async () => {
    wx.sendErrcode = 43101
    await expect(client().sendSubscribeMessage('o-7', 'tpl-1', { thing1: { value: 'x' } })).rejects.toMatchObject({ failure: 'not_subscribed' })
  })

  it('never logs the code, the openid, the session key or the secret', async () => {
    wx.codes.set('secret-code-xyz', { openid: 'o-secret-openid' })
    wx.busy = 1
    await client().code2Session('secret-code-xyz')
    await client().code2Session('secret-code-xyz').catch(() => undefined)
    await client().sendSubscribeMessage('o-secret-openid', 'tpl-1', { thing1: { value: 'x' } })
    const all = lines.join('')
    expect(lines.length).toBeGreaterThan(0)
    for (const s of ['secret-code-xyz', 'o-secret-openid', 'sk-o-secret', wx.secret, 'token-']) expect(all).not.toContain(s)
  })
})
