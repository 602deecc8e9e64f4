/**
 * The recommended connection: a WeChat Official Account (服务号) through
 * wechaty-puppet-official-account. WeChat's servers post each follower's message to our webhook
 * (signed XML); we answer through the customer-service message API (客服消息), which also lets
 * staff answers and reminders reach the follower later.
 *
 * Two things the package (1.10.14) does not do, added here without touching its files:
 *   - it calls https://api.weixin.qq.com/cgi-bin/ hard-coded (and drops its own
 *     `accessTokenProxyUrl` option on start), so the API base cannot be set: we point its HTTP
 *     client at WX_API_BASE (tests: a fake WeChat API on 127.0.0.1);
 *   - it checks WeChat's signature only on the GET handshake, not on posted messages: we reject
 *     posted messages whose signature does not match OA_TOKEN, so nobody can forge a follower.
 */
import { createHash } from 'node:crypto'
import { PuppetOA } from 'wechaty-puppet-official-account'

export interface OfficialAccountOptions {
  appId: string
  appSecret: string
  token: string
  port: number
  /** WeChat API base, e.g. https://api.weixin.qq.com (no trailing /cgi-bin). */
  apiBase: string
}

/** WeChat's signature of a webhook call: sha1 of the sorted token, timestamp and nonce. */
export function wechatSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex')
}

interface UnirestRequest {
  options: { url: string }
}
interface SimpleUnirest {
  get(url: string): UnirestRequest
  post(url: string): UnirestRequest
}
interface ExpressLike {
  query: Record<string, string | undefined>
}
interface ResponseLike {
  statusCode: number
  end(body?: string): void
}
interface OfficialAccountInternals {
  simpleUnirest: SimpleUnirest
  webhook: { appPost(req: ExpressLike, res: ResponseLike): Promise<void> }
}

class PuppetOfficialAccount extends PuppetOA {
  constructor(private readonly settings: OfficialAccountOptions) {
    super({ appId: settings.appId, appSecret: settings.appSecret, token: settings.token, port: settings.port, personalMode: false })
  }

  protected override bridgeEvents(oa: Parameters<PuppetOA['bridgeEvents']>[0]): void {
    const inner = oa as unknown as OfficialAccountInternals
    const base = `${this.settings.apiBase.replace(/\/+$/, '')}/cgi-bin/`
    const original = inner.simpleUnirest
    const rebase = (req: UnirestRequest, url: string) => {
      req.options.url = base + url
      return req
    }
    inner.simpleUnirest = {
      get: (url) => rebase(original.get(url), url),
      post: (url) => rebase(original.post(url), url),
    }
    const token = this.settings.token
    const appPost = inner.webhook.appPost.bind(inner.webhook)
    inner.webhook.appPost = async (req, res) => {
      const { signature, timestamp, nonce } = req.query
      if (!signature || !timestamp || !nonce || wechatSignature(token, timestamp, nonce) !== signature) {
        res.statusCode = 401
        res.end('')
        return
      }
      await appPost(req, res)
    }
    super.bridgeEvents(oa)
  }
}

export function createOfficialAccountPuppet(options: OfficialAccountOptions): PuppetOA {
  return new PuppetOfficialAccount(options)
}
