/**
 * The request's language from `?lang=` is read without parsing the whole query string
 * (`langParameter`, on every request): it must give what a full parse gives, for any query string.
 */
import { it, expect, describe } from 'vitest'
import fc from 'fast-check'
import Koa from 'koa'
import { IncomingMessage, ServerResponse } from 'node:http'
import { Socket } from 'node:net'
import { langParameter, requestLanguage } from '../../src/miniprogram-api/openapi'

/** What Koa's own parser gives as `ctx.query.lang` when it is one string. */
function koaLang(querystring: string): string | undefined {
  const req = new IncomingMessage(new Socket())
  req.url = `/x?${querystring}`
  req.method = 'GET'
  const ctx = new Koa().createContext(req, new ServerResponse(req))
  return typeof ctx.query.lang === 'string' ? ctx.query.lang : undefined
}

describe('language of a request', () => {
  it('reads ?lang= as a full parse of the query string does', () => {
    for (const q of ['', 'lang=en', 'lang=zh-CN', 'a=1&lang=en&b=2', 'lang=en&lang=zh-CN', 'lang', 'lang=', 'xlang=en', 'lang=e%6E', 'lang=%E4%B8%AD', 'lang=a+b', 'lang=%zz']) {
      expect(langParameter(q), q).toBe(koaLang(q))
    }
    const part = fc.constantFrom('lang', 'lang=', 'l%61ng', '%6Cang=', '%%', 'en', 'zh-CN', '=', '&', '%', '%6E', '+', 'a', 'x=1', 'langx', '%E4%B8%AD')
    fc.assert(fc.property(fc.array(part, { maxLength: 8 }).map((xs) => xs.join('')), (q) => {
      expect(langParameter(q), q).toBe(koaLang(q))
    }), { numRuns: 2000 })
  })

  it('takes ?lang= first, then X-Language, then Accept-Language', () => {
    const ctxOf = (url: string, headers: Record<string, string>) => {
      const req = new IncomingMessage(new Socket())
      req.url = url
      req.method = 'GET'
      Object.assign(req.headers, headers)
      return new Koa().createContext(req, new ServerResponse(req))
    }
    expect(requestLanguage(ctxOf('/x?lang=en', { 'accept-language': 'zh-CN' }))).toBe('en')
    expect(requestLanguage(ctxOf('/x', { 'x-language': 'en', 'accept-language': 'zh-CN' }))).toBe('en')
    expect(requestLanguage(ctxOf('/x', { 'accept-language': 'en-US,en;q=0.9' }))).toBe('en')
    expect(requestLanguage(ctxOf('/x?lang=en&lang=zh-CN', {}))).toBe('zh-CN')
    expect(requestLanguage(ctxOf('/x', {}))).toBe('zh-CN')
  })
})
