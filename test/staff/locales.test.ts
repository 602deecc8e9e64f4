import { describe, it, expect } from 'vitest'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { hasKey, t } from '../../src/shared/i18n'

const root = join(__dirname, '..', '..')
const keysOf = (o: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keysOf(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]))
const load = (lng: string) => JSON.parse(readFileSync(join(root, 'src/content/locales', lng, 'staff.json'), 'utf8')) as Record<string, unknown>

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : []
  })
}

describe('staff words', () => {
  it('has the same keys in zh-CN and en', () => {
    expect(keysOf(load('en')).sort()).toEqual(keysOf(load('zh-CN')).sort())
  })

  it('has every staff: key the code uses, in both languages', () => {
    const files = ['src/domain/tickets', 'src/domain/needs', 'src/domain/keycases', 'src/domain/staff', 'src/miniprogram-api/routes/needs', 'src/miniprogram-api/routes/staff'].flatMap((d) => sources(join(root, d)))
    const used = new Set(files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/'staff:([a-zA-Z.]+)'/g)].map((m) => `staff:${m[1]}`)))
    // keys built from a state: staff:referral.<state>, staff:need.<outcome>
    for (const s of ['accepted', 'rejected', 'done']) used.add(`staff:referral.${s}`)
    for (const s of ['referred', 'escalated', 'awaitingConsent', 'recorded']) used.add(`staff:need.${s}`)
    expect(used.size).toBeGreaterThan(10)
    for (const key of used) {
      expect(hasKey('zh-CN', key), key).toBe(true)
      expect(hasKey('en', key), key).toBe(true)
    }
  })

  it('fills in the ticket number and department', () => {
    expect(t('zh-CN', 'staff:referral.rejected', { department: '市民政局', ticketId: 7 })).toContain('市民政局这次没法办理您的事情（编号 7）')
    expect(t('en', 'staff:reply.leadIn', { ticketId: 7 })).toBe('A member of staff answered your question (no. 7):')
  })
})
