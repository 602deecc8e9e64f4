/**
 * The mini-program's words: i18n/zh-CN.ts (first) and i18n/en.ts (same keys, checked by the
 * compiler). Pages put `strings()` in their data as `s` and read `{{s.page.key}}` in WXML;
 * sentences with values use `t('page.key', {value})`.
 */
import zhCN from '../i18n/zh-CN'
import en from '../i18n/en'

export type Lang = 'zh-CN' | 'en'
export type Strings = typeof zhCN

const TABLES: Record<Lang, Strings> = { 'zh-CN': zhCN, en }
const KEY = 'lang'

export function currentLang(): Lang {
  try {
    return wx.getStorageSync(KEY) === 'en' ? 'en' : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

export function setLang(lang: Lang): void {
  wx.setStorageSync(KEY, lang)
}

export function strings(lang: Lang = currentLang()): Strings {
  return TABLES[lang]
}

/** `t('booking.confirmQuestion', {when: '3月2日 09:30'})`: a dotted key, `{{name}}` filled in. Unknown keys come back as the key. */
export function t(key: string, params: Record<string, string | number> = {}, lang: Lang = currentLang()): string {
  let node: unknown = TABLES[lang]
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined
  if (typeof node !== 'string') return key
  return node.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => (params[k] === undefined ? '' : String(params[k])))
}
