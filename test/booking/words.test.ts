import { describe, it, expect } from 'vitest'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { hasKey, t } from '../../src/shared/i18n'
import { SESSION_KINDS } from '../../src/content/vocabulary'

const root = join(__dirname, '..', '..')
const load = (lng: string) => JSON.parse(readFileSync(join(root, 'src/content/locales', lng, 'booking.json'), 'utf8'))
const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]))

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : []
  })
}

describe('booking words', () => {
  it('has every key in zh-CN and en', () => {
    expect(keys(load('en')).sort()).toEqual(keys(load('zh-CN')).sort())
  })
  it('has every key the booking code uses, in both languages', () => {
    const files = [...sources(join(root, 'src/domain/booking')), ...sources(join(root, 'src/miniprogram-api/routes/booking'))]
    const used = new Set(files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/'(booking:[a-zA-Z.0-9]+)'/g)].map((m) => m[1]!)))
    expect(used.size).toBeGreaterThan(5)
    for (const k of used) for (const lng of ['zh-CN', 'en'] as const) expect(hasKey(lng, k), `${lng} ${k}`).toBe(true)
    for (const kind of SESSION_KINDS) for (const stage of ['24h', '2h']) {
      const zh = t('zh-CN', `booking:reminder.${stage}`, { kind, start: '2026-03-05 10:00', place: '儿童之家', mode: 'in_person', cutoff: 2 })
      expect(zh).toContain(t('zh-CN', `booking:kinds.${kind}`))
      expect(zh).not.toMatch(/\$t\(|\{\{/)
    }
  })
})
