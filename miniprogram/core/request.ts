/**
 * The ONE way the mini-program talks to the service. Services (`services/*.ts`) call `request`;
 * pages call services. It:
 *   - prefixes the API base and sends the app's language;
 *   - keeps the session token (storage), signs in with `wx.login` → POST /api/v1/auth/wx-login
 *     when there is none or it has expired, and signs in again once when the server says 401;
 *   - turns every failure into an `ApiError` whose message is plain words (the server's own
 *     sentence in the family's language, or ours for network trouble) and shows it, unless the
 *     caller shows it itself (`silent: true`, e.g. forms that show field notes).
 */
import { apiBase, config } from './config'
import { currentLang, t } from './i18n'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RequestOptions {
  method?: Method
  data?: Record<string, unknown> | unknown[]
  headers?: Record<string, string>
  /** false: no token (sign-in itself, public lists). Default true. */
  auth?: boolean
  /** true: do not show the error; the caller does. */
  silent?: boolean
}

export interface FieldError {
  path: string
  message: string
}

export class ApiError extends Error {
  constructor(
    /** HTTP status (0 when the network failed). */
    readonly status: number,
    /** The server's stable code (`slot_full`, `validation_failed` …) or `network`. */
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

interface Session {
  token: string
  expiresAt: string
}

const SESSION_KEY = 'session'
/** Sign in again this long before the token runs out. */
const EARLY_MS = 60_000

interface RawResponse {
  status: number
  data: unknown
}

function send(url: string, method: Method, data: unknown, header: Record<string, string>): Promise<RawResponse> {
  // wx.request has no PATCH: send POST with X-HTTP-Method-Override (the API honours it).
  const wxMethod = method === 'PATCH' ? 'POST' : method
  if (method === 'PATCH') header = { ...header, 'x-http-method-override': 'PATCH' }
  return new Promise((resolve, reject) => {
    wx.request({
      url,
      method: wxMethod,
      data: data as WechatMiniprogram.IAnyObject,
      header,
      timeout: 15_000,
      success: (res) => resolve({ status: res.statusCode, data: res.data }),
      fail: () => reject(new ApiError(0, 'network', t('errors.network'))),
    })
  })
}

function storedSession(): Session | null {
  try {
    const s = wx.getStorageSync(SESSION_KEY) as Session | ''
    if (s && s.token && new Date(s.expiresAt).getTime() - EARLY_MS > Date.now()) return s
  } catch {
    /* no storage: sign in */
  }
  return null
}

/** Forgets the session (after erasing the family, or a 401). */
export function signOut(): void {
  wx.removeStorageSync(SESSION_KEY)
}

function wxLoginCode(): Promise<string> {
  if (config.devSignInName) return Promise.resolve(`dev:${config.devSignInName}`)
  return new Promise((resolve, reject) => {
    wx.login({
      success: (r) => (r.code ? resolve(r.code) : reject(new ApiError(0, 'sign_in', t('errors.signIn')))),
      fail: () => reject(new ApiError(0, 'sign_in', t('errors.signIn'))),
    })
  })
}

function errorFrom(res: RawResponse): ApiError {
  const body = res.data as { error?: { code?: string; message?: string; fields?: FieldError[] } } | undefined
  const e = body && typeof body === 'object' ? body.error : undefined
  if (e?.code && e.message) return new ApiError(res.status, e.code, e.message, e.fields ?? [])
  return new ApiError(res.status, 'unknown', t('errors.unknown'))
}

let signingIn: Promise<Session> | null = null

/** Signs in (once at a time): wx.login code → session token, kept in storage. */
export function signIn(): Promise<Session> {
  signingIn ??= (async () => {
    try {
      const code = await wxLoginCode()
      const res = await send(`${apiBase()}/api/v1/auth/wx-login`, 'POST', { code }, { 'content-type': 'application/json', 'accept-language': currentLang(), 'x-language': currentLang() })
      if (res.status !== 200) throw errorFrom(res)
      const s = res.data as Session
      wx.setStorageSync(SESSION_KEY, s)
      return s
    } finally {
      signingIn = null
    }
  })()
  return signingIn
}

/** Shows an error in plain words (a dialog: long sentences are not cut). */
export function showError(e: unknown): void {
  const message = e instanceof ApiError ? e.message : t('errors.unknown')
  wx.showModal({ title: t('errors.title'), content: message, showCancel: false, confirmText: t('common.confirm') })
}

/** Calls the API. Resolves with the JSON body (undefined for 204); rejects with an ApiError. */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET'
  const auth = opts.auth ?? true
  const attempt = async (retried: boolean): Promise<T> => {
    const header: Record<string, string> = { 'accept-language': currentLang(), 'x-language': currentLang(), ...(opts.headers ?? {}) }
    if (opts.data !== undefined) header['content-type'] = 'application/json'
    if (auth) {
      const session = storedSession() ?? (await signIn())
      header.authorization = `Bearer ${session.token}`
    }
    const res = await send(`${apiBase()}/api/v1${path}`, method, opts.data, header)
    if (res.status === 401 && auth && !retried) {
      signOut()
      return attempt(true)
    }
    if (res.status >= 400) throw errorFrom(res)
    return (res.status === 204 ? undefined : res.data) as T
  }
  try {
    return await attempt(false)
  } catch (e) {
    if (!opts.silent) showError(e)
    throw e
  }
}
