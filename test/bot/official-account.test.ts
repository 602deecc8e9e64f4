/**
 * The Official Account connection, offline: WeChat's servers are played by this test. Messages are
 * posted to the puppet's webhook on 127.0.0.1 as signed XML, the way WeChat posts them, and
 * WeChat's API (access token, follower info, customer-service messages) is a fake on 127.0.0.1.
 */
import { it, expect, beforeAll, afterAll } from 'vitest'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Wechaty } from 'wechaty'
import { describeEachDb } from '../support/context'
import { createBot } from '../../src/bot/bot'
import { createOfficialAccountPuppet, wechatSignature } from '../../src/bot/official-account'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { enqueue } from '../../src/domain/outbox/outbox.service'
import { Identity } from '../../src/db/entities'

const TOKEN = 'oa-test-token'
const APP_ID = 'wxoatest'

interface Sent {
  touser: string
  text: string
}

async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()))
  const port = (s.address() as AddressInfo).port
  await new Promise((r) => s.close(r))
  return port
}

/** A fake of the parts of WeChat's API the puppet calls. */
async function fakeWechatApi(sent: Sent[], calls: string[]): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    calls.push(url.pathname)
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      res.setHeader('content-type', 'application/json')
      if (url.pathname === '/cgi-bin/token') {
        const ok = url.searchParams.get('appid') === APP_ID && url.searchParams.get('secret') === 'oa-secret'
        return res.end(JSON.stringify(ok ? { access_token: 'ACCESS', expires_in: 7200 } : { errcode: 40001, errmsg: 'invalid credential' }))
      }
      if (url.searchParams.get('access_token') !== 'ACCESS') return res.end(JSON.stringify({ errcode: 40014, errmsg: 'invalid access_token' }))
      if (url.pathname === '/cgi-bin/user/info') {
        const openid = url.searchParams.get('openid')
        return res.end(JSON.stringify({ subscribe: 1, openid, nickname: '家长', sex: 0, language: 'zh_CN', city: '', province: '', country: '', headimgurl: '', subscribe_time: 1, remark: '', groupid: 0, tagid_list: [] }))
      }
      if (url.pathname === '/cgi-bin/message/custom/send') {
        const m = JSON.parse(body) as { touser: string; msgtype: string; text: { content: string } }
        sent.push({ touser: m.touser, text: m.text.content })
        return res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }))
      }
      res.end(JSON.stringify({ errcode: 404, errmsg: 'not faked' }))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

let msgId = 1000
function xmlOf(openid: string, type: 'text' | 'image', content: string): string {
  msgId += 1
  const payload = type === 'text' ? `<Content><![CDATA[${content}]]></Content>` : `<PicUrl><![CDATA[http://127.0.0.1/pic.jpg]]></PicUrl><MediaId><![CDATA[media1]]></MediaId>`
  return `<xml><ToUserName><![CDATA[gh_${APP_ID}]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[${type}]]></MsgType>${payload}<MsgId>${msgId}</MsgId></xml>`
}

describeEachDb('bot on a WeChat Official Account (wechaty-puppet-official-account), offline', (h) => {
  const sent: Sent[] = []
  const calls: string[] = []
  let api: Server
  let bot: Wechaty
  let webhook: string

  const post = async (openid: string, type: 'text' | 'image', content: string, sign = true) => {
    const timestamp = String(Math.floor(Date.now() / 1000))
    const nonce = String(Math.random()).slice(2, 10)
    const signature = sign ? wechatSignature(TOKEN, timestamp, nonce) : 'forged'
    const res = await fetch(`${webhook}/?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&openid=${openid}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: xmlOf(openid, type, content),
    })
    return { status: res.status, body: await res.text() }
  }
  const replyTo = async (openid: string, from: number, ms = 8000): Promise<string> => {
    const end = Date.now() + ms
    while (Date.now() < end) {
      const got = sent.slice(from).filter((s) => s.touser === openid)
      if (got.length) {
        await new Promise((r) => setTimeout(r, 100))
        return sent.slice(from).filter((s) => s.touser === openid).map((s) => s.text).join('\n')
      }
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error('no customer-service message sent')
  }

  beforeAll(async () => {
    const fake = await fakeWechatApi(sent, calls)
    api = fake.server
    const port = await freePort()
    webhook = `http://127.0.0.1:${port}`
    const puppet = createOfficialAccountPuppet({ appId: APP_ID, appSecret: 'oa-secret', token: TOKEN, port, apiBase: fake.base })
    bot = createBot(h.ctx(), { puppet, channel: 'official_account', deliveryPollMs: 200 }).wechaty
    const ready = new Promise((r) => bot.once('login', r))
    await bot.start()
    await ready
  })
  afterAll(async () => {
    await bot.stop()
    await new Promise((r) => api.close(r))
  })

  it('answers the GET handshake only with the right signature', async () => {
    const timestamp = '1700000000'
    const nonce = '42'
    const ok = await fetch(`${webhook}/?signature=${wechatSignature(TOKEN, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}&echostr=hello`)
    expect(await ok.text()).toBe('hello')
    const bad = await fetch(`${webhook}/?signature=nope&timestamp=${timestamp}&nonce=${nonce}&echostr=hello`)
    expect(await bad.text()).toBe('')
  })

  it('holds the same conversation: welcome, consent, menu, through the customer-service API', async () => {
    const from = sent.length
    const r = await post('openid-parent-1', 'text', '你好')
    expect(r.status).toBe(200)
    const welcome = await replyTo('openid-parent-1', from)
    expect(welcome).toContain('流动儿童关爱服务')
    expect(welcome).toContain('隐私说明')
    expect(calls).toContain('/cgi-bin/token')
    const next = sent.length
    await post('openid-parent-1', 'text', '1')
    expect(await replyTo('openid-parent-1', next)).toContain('1 登记家庭和孩子')
    const identity = await h.ctx().db.repo(Identity).findOneByOrFail({ externalId: 'openid-parent-1' })
    expect(identity.channel).toBe('official_account')
  })

  it('asks to type when sent a picture', async () => {
    const from = sent.length
    await post('openid-parent-1', 'image', '')
    expect(await replyTo('openid-parent-1', from)).toContain('看不了图片')
  })

  it('rejects a posted message whose signature is wrong (nobody can pretend to be a follower)', async () => {
    const from = sent.length
    const r = await post('openid-forger', 'text', '你好', false)
    expect(r.status).toBe(401)
    await new Promise((res) => setTimeout(res, 500))
    expect(sent.slice(from).filter((s) => s.touser === 'openid-forger')).toEqual([])
    expect(await h.ctx().db.repo(Identity).countBy({ externalId: 'openid-forger' })).toBe(0)
  })

  it('delivers messages queued for the follower later (staff answers, reminders)', async () => {
    const ctx = h.ctx()
    const identity = await findOrCreateIdentity(ctx, 'official_account', 'openid-parent-1')
    const from = sent.length
    await enqueue(ctx, { channel: 'official_account', recipient: String(identity.id), kind: 'staff_reply', messageKey: 'staff:reply.leadIn', params: { ticketId: 7 }, plainText: '请明天上午来社区服务站。' })
    const got = await replyTo('openid-parent-1', from)
    expect(got).toContain('请明天上午来社区服务站。')
  })
})
