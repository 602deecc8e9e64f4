/**
 * The one i18n path. Every sentence a family or staff member reads comes from
 * src/content/locales/<language>/<namespace>.json through `t()`.
 * Keys are written `namespace:key.path` (e.g. `bot:welcome`); no namespace means `common`.
 */
import i18next, { type i18n as I18n, type TOptions } from 'i18next'
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

export const LANGUAGES = ['zh-CN', 'en'] as const
export type Language = (typeof LANGUAGES)[number]
export const DEFAULT_LANGUAGE: Language = 'zh-CN'

const LOCALES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'content', 'locales')

/** Turns any language tag (`en-US`, `zh`, `EN`, undefined) into one we serve; unknown → zh-CN. */
export function normaliseLanguage(tag: string | undefined | null): Language {
  if (!tag) return DEFAULT_LANGUAGE
  const t = tag.toLowerCase()
  if (t.startsWith('en')) return 'en'
  return DEFAULT_LANGUAGE
}

function loadResources(): Record<string, Record<string, unknown>> {
  const resources: Record<string, Record<string, unknown>> = {}
  for (const lng of LANGUAGES) {
    const dir = join(LOCALES_DIR, lng)
    resources[lng] = {}
    if (!existsSync(dir)) continue
    for (const file of readdirSync(dir)) {
      if (!file.endsWith('.json')) continue
      resources[lng]![file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(dir, file), 'utf8'))
    }
  }
  return resources
}

let instance: I18n | undefined

/** The shared i18next instance, loaded synchronously on first use. */
export function i18n(): I18n {
  if (instance) return instance
  const resources = loadResources()
  const namespaces = [...new Set(Object.values(resources).flatMap((r) => Object.keys(r)))]
  const inst = i18next.createInstance()
  void inst.init({
    initAsync: false,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    ns: namespaces.length ? namespaces : ['common'],
    defaultNS: 'common',
    resources: resources as never,
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  instance = inst
  return inst
}

/** Translates `key` into `lng`. */
export function t(lng: Language | string | undefined, key: string, params?: TOptions): string {
  return i18n().t(key, { ...params, lng: normaliseLanguage(lng) }) as string
}

/** True when a key exists in the language (for tests that check coverage of both languages). */
export function hasKey(lng: Language, key: string): boolean {
  return i18n().exists(key, { lng, fallbackLng: false as never })
}

/** A translator bound to one language. */
export type Translate = (key: string, params?: TOptions) => string
export const translator = (lng: Language | string | undefined): Translate => (key, params) => t(lng, key, params)
