/**
 * The console's escaping helper and its words: every value is escaped unless built by `html`;
 * every `console:` key the pages use exists in zh-CN and in English, and both files have the same keys.
 */
import { describe, it, expect } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { escapeHtml, html, query } from '../../src/staff/html'
import { safeBack } from '../../src/staff/session'
import { hasKey, LANGUAGES } from '../../src/shared/i18n'

const root = join(__dirname, '..', '..')

describe('escaping', () => {
  it('escapes text and attribute values, and leaves markup built by html alone', () => {
    const evil = `<script>alert(1)</script>"><img src=x onerror=alert(1)>'\``
    expect(escapeHtml(evil)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;&#96;')
    const out = html`<p title="${evil}">${evil}${html`<b>${'&'}</b>`}${[1, '<i>']}${null}${false}</p>`.value
    expect(out).not.toContain('<script')
    expect(out).not.toContain('<img')
    expect(out).not.toContain('<i>')
    expect(out).toContain('<b>&amp;</b>')
    expect(out).toContain('1&lt;i&gt;')
    expect(out.startsWith('<p title="&lt;script&gt;')).toBe(true)
  })
  it('builds query strings and only goes back to console pages', () => {
    expect(query({ a: '东 社区', b: undefined, c: '' })).toBe('?a=%E4%B8%9C+%E7%A4%BE%E5%8C%BA')
    expect(safeBack('/staff/queue?kind=referral')).toBe('/staff/queue?kind=referral')
    for (const bad of ['https://evil.example/', '//evil.example/staff/', '/api/v1/staff/audit', '/staff/\\evil', null]) expect(safeBack(bad)).toBe('/staff/queue')
  })
})

describe('console words', () => {
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
  const keysOf = (o: Record<string, unknown>, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keysOf(v as Record<string, unknown>, `${p}${k}.`) : [`${p}${k}`]))

  it('has every key the pages name, in both languages', () => {
    const used = new Set(files(join(root, 'src/staff')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/'(console:[A-Za-z_.-]+[A-Za-z_])'/g)].map((m) => m[1]!)))
    expect(used.size).toBeGreaterThan(100)
    const missing = [...used].flatMap((k) => LANGUAGES.filter((l) => !hasKey(l, k)).map((l) => `${l} ${k}`))
    expect(missing).toEqual([])
  })
  it('names the same keys in zh-CN and English', () => {
    const zh = keysOf(JSON.parse(readFileSync(join(root, 'src/content/locales/zh-CN/console.json'), 'utf8'))).sort()
    const en = keysOf(JSON.parse(readFileSync(join(root, 'src/content/locales/en/console.json'), 'utf8'))).sort()
    expect(en).toEqual(zh)
  })
  it('has a word for every code the pages show', () => {
    const groups: Record<string, readonly string[]> = {
      status: ['open', 'new', 'claimed', 'answered', 'transferred', 'closed', 'all'],
      kind: ['escalation', 'referral'],
      priority: ['urgent', 'normal'],
      referral: ['sent', 'accepted', 'rejected', 'done'],
      due: ['overdue', 'due', 'upcoming'],
      risk: ['green', 'yellow', 'orange', 'red'],
      contactKind: ['contact', 'visit'],
      attendance: ['booked', 'cancelled', 'attended', 'no_show'],
      slot: ['open', 'closed', 'cancelled'],
      history: ['opened', 'claimed', 'answered', 'transferred', 'closed', 'family_replied', 'raised', 'referral_accepted', 'referral_rejected', 'referral_done'],
      'figures.groups': ['community', 'department'],
      csv: ['group', 'name', 'needs', 'tickets', 'answeredInTime', 'followUps', 'followUpsOnTime', 'sessions', 'attended'],
      done: ['claimed', 'answered', 'transferred', 'closed', 'referral_accepted', 'referral_rejected', 'referral_done', 'contact', 'visit', 'risk', 'attended', 'no_show', 'signedOut'],
    }
    const missing = Object.entries(groups).flatMap(([g, codes]) => codes.flatMap((c) => LANGUAGES.filter((l) => !hasKey(l, `console:${g}.${c}`)).map((l) => `${l} ${g}.${c}`)))
    expect(missing).toEqual([])
  })
})
