// Every page's WXML compiled by WeChat's own template compiler (wcc, shipped in miniprogram-compiler)
// and rendered once. Each page runs in its own Node process: wcc's output keeps global state
// that two different pages in one process trip over (the other tests use the simulate compiler).
import { describe, it, expect, beforeAll } from 'vitest'
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildMiniprogram, MP_ROOT } from './harness'

const CHECK = `
const { JSDOM } = require(process.env.JSDOM)
const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>')
for (const k of ['window', 'document', 'navigator', 'HTMLElement', 'Node', 'Event', 'CustomEvent', 'getComputedStyle']) global[k] = k === 'window' ? dom.window : dom.window[k]
const simulate = require(process.env.SIMULATE)
global.wx = Object.assign(global.wx || {}, { getStorageSync: () => '', setStorageSync() {}, removeStorageSync() {}, request() {}, login() {}, setTabBarItem() {} })
const c = simulate.render(simulate.load(process.argv[2], { compiler: 'official' }))
c.attach(document.createElement('parent-wrapper'))
process.stdout.write(c.dom.innerHTML)
`

const pages: string[] = JSON.parse(readFileSync(join(MP_ROOT, 'app.json'), 'utf8')).pages

describe('pages compile with WeChat’s template compiler', () => {
  let out: string
  beforeAll(() => {
    out = buildMiniprogram()
    writeFileSync(join(out, 'check.cjs'), CHECK)
  })
  for (const page of pages) {
    it(page, () => {
      const r = spawnSync(process.execPath, [join(out, 'check.cjs'), join(out, page)], {
        encoding: 'utf8',
        env: { ...process.env, JSDOM: require.resolve('jsdom'), SIMULATE: require.resolve('miniprogram-simulate') },
      })
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      expect(r.stdout).toContain('class=')
    })
  }
})
