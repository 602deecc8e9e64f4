/**
 * The one WeChat server-API client of the service (mini-program side):
 *   - `code2Session(code)`: a `wx.login` code → openid (GET /sns/jscode2session);
 *   - an access token, fetched once and cached until shortly before it expires (GET /cgi-bin/token);
 *   - `sendSubscribeMessage(...)`: a subscription message (POST /cgi-bin/message/subscribe/send).
 * Network errors, time-outs and WeChat's "system busy" (-1) are retried with back-off; a bad
 * code, secret or app id is never retried. Logs carry the operation, errcode and attempt only:
 * never the code, the openid, the session key or the token.
 */
import type { Logger } from '../../shared/logger'

/** Why a WeChat call failed, as the rest of the service needs to know it. */
export type WeChatFailure =
  /** The wx.login code is invalid, expired or used (40029, 40163, 40226 high-risk user). */
  | 'invalid_code'
  /** Our app id or secret is wrong (40013, 40125, 41002, 41004, 40164 ip not whitelisted). */
  | 'bad_credentials'
  /** The user did not allow (or no longer allows) this subscription message (43101), or the openid is unknown (40003). */
  | 'not_subscribed'
  /** The message data or template is wrong (40037, 47003, 41030 bad page). */
  | 'bad_request'
  /** WeChat is busy, slow, unreachable or rate-limited us (-1, 45011, network, time-out). */
  | 'unavailable'

export class WeChatError extends Error {
  constructor(
    readonly failure: WeChatFailure,
    /** WeChat's errcode, or a network error name; safe to log. */
    readonly errcode: number | string,
  ) {
    super(`wechat ${failure} (${errcode})`)
    this.name = 'WeChatError'
  }
}

export interface WeChatSession {
  openid: string
  sessionKey: string
  unionid?: string
}

/** What the rest of the service uses (tests may pass their own). */
export interface WeChatClient {
  code2Session(code: string): Promise<WeChatSession>
  sendSubscribeMessage(openid: string, templateId: string, data: Record<string, { value: string }>, page?: string): Promise<void>
}

export interface WeChatClientOptions {
  appId: string
  secret: string
  /** https://api.weixin.qq.com, or a fake server in tests. */
  baseUrl: string
  log: Logger
  /** Time-out of one HTTP call (default 5 s). */
  timeoutMs?: number
  /** Attempts for retryable failures (default 3). */
  attempts?: number
  /** First back-off delay, doubled each retry (default 300 ms). */
  backoffMs?: number
  /** Clock for token expiry (default Date.now). */
  now?: () => number
}

const INVALID_CODE = new Set([40029, 40163, 40226])
const BAD_CREDENTIALS = new Set([40013, 40125, 41002, 41004, 40164, 40243, 89503])
const NOT_SUBSCRIBED = new Set([43101, 40003])
const TOKEN_EXPIRED = new Set([40001, 42001, 40014])
const RETRYABLE = new Set([-1, 45009, 45011])

function classify(errcode: number): WeChatFailure {
  if (INVALID_CODE.has(errcode)) return 'invalid_code'
  if (BAD_CREDENTIALS.has(errcode)) return 'bad_credentials'
  if (NOT_SUBSCRIBED.has(errcode)) return 'not_subscribed'
  if (RETRYABLE.has(errcode)) return 'unavailable'
  return 'bad_request'
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface WxBody {
  errcode?: number
  errmsg?: string
  [k: string]: unknown
}

export function createWeChatClient(opts: WeChatClientOptions): WeChatClient {
  const timeoutMs = opts.timeoutMs ?? 5000
  const attempts = opts.attempts ?? 3
  const backoffMs = opts.backoffMs ?? 300
  const now = opts.now ?? Date.now
  const base = opts.baseUrl.replace(/\/+$/, '')
  let token: { value: string; expiresAt: number } | undefined
  let tokenInFlight: Promise<string> | undefined

  /** One WeChat call with time-out and retries. `url` may hold secrets: it is never logged. */
  async function call(op: string, url: string, init?: { method: 'POST'; body: unknown }): Promise<WxBody> {
    let last: WeChatError | undefined
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const res = await fetch(url, {
          method: init?.method ?? 'GET',
          headers: init ? { 'content-type': 'application/json' } : undefined,
          body: init ? JSON.stringify(init.body) : undefined,
          signal: AbortSignal.timeout(timeoutMs),
        })
        if (res.status >= 500 || res.status === 429) throw new WeChatError('unavailable', `http_${res.status}`)
        const body = (await res.json()) as WxBody
        const errcode = typeof body.errcode === 'number' ? body.errcode : 0
        if (errcode === 0) return body
        const failure = classify(errcode)
        if (TOKEN_EXPIRED.has(errcode)) throw new WeChatError('unavailable', errcode)
        throw new WeChatError(failure, errcode)
      } catch (e) {
        const err =
          e instanceof WeChatError
            ? e
            : new WeChatError('unavailable', (e as Error)?.name === 'TimeoutError' ? 'timeout' : ((e as { cause?: { code?: string } })?.cause?.code ?? (e as Error)?.name ?? 'network'))
        last = err
        // Only "WeChat or the network is unwell" is worth another try; a bad code or secret stays bad.
        if (err.failure !== 'unavailable' || TOKEN_EXPIRED.has(Number(err.errcode))) {
          opts.log.warn({ op, errcode: err.errcode, attempt }, 'wechat call refused')
          throw err
        }
        opts.log.warn({ op, errcode: err.errcode, attempt, of: attempts }, 'wechat call failed')
        if (attempt < attempts) await sleep(backoffMs * 2 ** (attempt - 1))
      }
    }
    throw last!
  }

  async function accessToken(): Promise<string> {
    if (token && token.expiresAt > now()) return token.value
    tokenInFlight ??= (async () => {
      try {
        const q = new URLSearchParams({ grant_type: 'client_credential', appid: opts.appId, secret: opts.secret })
        const body = await call('token', `${base}/cgi-bin/token?${q}`)
        const value = String(body.access_token ?? '')
        if (!value) throw new WeChatError('unavailable', 'no_token')
        const ttl = Number(body.expires_in ?? 7200)
        // Renew five minutes early (or at half-life for short tokens) so a send never uses a dying token.
        token = { value, expiresAt: now() + Math.max(ttl / 2, ttl - 300) * 1000 }
        opts.log.info({ op: 'token', ttl }, 'wechat access token fetched')
        return value
      } finally {
        tokenInFlight = undefined
      }
    })()
    return tokenInFlight
  }

  return {
    async code2Session(code) {
      const q = new URLSearchParams({ appid: opts.appId, secret: opts.secret, js_code: code, grant_type: 'authorization_code' })
      const body = await call('code2Session', `${base}/sns/jscode2session?${q}`)
      const openid = typeof body.openid === 'string' ? body.openid : ''
      if (!openid) throw new WeChatError('unavailable', 'no_openid')
      return { openid, sessionKey: String(body.session_key ?? ''), ...(typeof body.unionid === 'string' ? { unionid: body.unionid } : {}) }
    },

    async sendSubscribeMessage(openid, templateId, data, page) {
      const send = async () => {
        const t = await accessToken()
        await call('subscribeSend', `${base}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(t)}`, {
          method: 'POST',
          body: { touser: openid, template_id: templateId, data, ...(page ? { page } : {}), lang: 'zh_CN' },
        })
      }
      try {
        await send()
      } catch (e) {
        // An expired or revoked access token: forget it and try once with a fresh one.
        if (e instanceof WeChatError && TOKEN_EXPIRED.has(Number(e.errcode))) {
          token = undefined
          await send()
          return
        }
        throw e
      }
    },
  }
}
