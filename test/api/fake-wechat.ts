/**
 * A fake WeChat server on 127.0.0.1 for tests: answers code2Session, the access-token and the
 * subscribe-message endpoints like WeChat does, and can be told to misbehave.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeWeChat {
  url: string
  /** code → what code2Session answers: an openid, or a WeChat errcode. */
  codes: Map<string, { openid: string } | { errcode: number }>
  appId: string
  secret: string
  /** The next N calls (any endpoint) answer errcode -1 "system busy". */
  busy: number
  /** The next N calls never answer (the client must time out). */
  hang: number
  /** Subscribe sends answer this errcode (0 = ok). */
  sendErrcode: number
  /** Requests received, by path (no query). */
  calls: string[]
  /** Subscribe messages received. */
  sent: Array<{ touser: string; template_id: string; data: Record<string, { value: string }>; page?: string }>
  /** Tokens issued; only the latest is valid. */
  tokensIssued: number
  /** Make the current access token invalid (WeChat answers 40001). */
  expireToken(): void
  close(): Promise<void>
}

export async function startFakeWeChat(): Promise<FakeWeChat> {
  let validToken = ''
  const hanging: ServerResponse[] = []
  const fake: FakeWeChat = {
    url: '',
    codes: new Map(),
    appId: 'wx-test-app',
    secret: 'test-secret',
    busy: 0,
    hang: 0,
    sendErrcode: 0,
    calls: [],
    sent: [],
    tokensIssued: 0,
    expireToken: () => {
      validToken = 'revoked'
    },
    close: async () => {
      for (const r of hanging) r.destroy()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
  const json = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let s = ''
      req.on('data', (c) => (s += c))
      req.on('end', () => resolve(s))
    })
  const server: Server = createServer(async (req, res) => {
    const u = new URL(req.url ?? '/', 'http://x')
    fake.calls.push(u.pathname)
    const body = req.method === 'POST' ? await readBody(req) : ''
    if (fake.hang > 0) {
      fake.hang--
      hanging.push(res)
      return
    }
    if (fake.busy > 0) {
      fake.busy--
      return json(res, { errcode: -1, errmsg: 'system error' })
    }
    const q = u.searchParams
    if (u.pathname === '/sns/jscode2session') {
      if (q.get('appid') !== fake.appId) return json(res, { errcode: 40013, errmsg: 'invalid appid' })
      if (q.get('secret') !== fake.secret) return json(res, { errcode: 40125, errmsg: 'invalid appsecret' })
      if (q.get('grant_type') !== 'authorization_code') return json(res, { errcode: 40002, errmsg: 'invalid grant_type' })
      const answer = fake.codes.get(q.get('js_code') ?? '')
      if (!answer) return json(res, { errcode: 40029, errmsg: 'invalid code' })
      if ('errcode' in answer) return json(res, { ...answer, errmsg: 'error' })
      fake.codes.delete(q.get('js_code')!) // a code is good once
      return json(res, { openid: answer.openid, session_key: 'sk-' + answer.openid })
    }
    if (u.pathname === '/cgi-bin/token') {
      if (q.get('appid') !== fake.appId) return json(res, { errcode: 40013, errmsg: 'invalid appid' })
      if (q.get('secret') !== fake.secret) return json(res, { errcode: 40125, errmsg: 'invalid appsecret' })
      fake.tokensIssued++
      validToken = `token-${fake.tokensIssued}`
      return json(res, { access_token: validToken, expires_in: 7200 })
    }
    if (u.pathname === '/cgi-bin/message/subscribe/send') {
      if (q.get('access_token') !== validToken) return json(res, { errcode: 40001, errmsg: 'invalid credential' })
      if (fake.sendErrcode) return json(res, { errcode: fake.sendErrcode, errmsg: 'refused' })
      fake.sent.push(JSON.parse(body))
      return json(res, { errcode: 0, errmsg: 'ok' })
    }
    res.writeHead(404)
    res.end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return fake
}
