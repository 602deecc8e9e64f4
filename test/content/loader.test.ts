import { describe, it, expect, afterEach } from 'vitest'
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CHECKLISTS_DIR, ContentError, loadContent, resolveJurisdiction, checklistNamespace, jurisdictionIds, getJurisdiction } from '../../src/content'
import { t, hasKey } from '../../src/shared/i18n'

const read = (id: string) => JSON.parse(readFileSync(join(CHECKLISTS_DIR, `${id}.json`), 'utf8'))

/** A folder with copies of real files (national, shanxi, jincheng, changzhi), changed by `edit`. */
function folder(edit: (files: Record<string, any>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'checklists-'))
  const files: Record<string, any> = { national: read('national'), shanxi: read('shanxi'), jincheng: read('jincheng'), changzhi: read('changzhi') }
  edit(files)
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, `${name}.json`), typeof body === 'string' ? body : JSON.stringify(body))
  dirs.push(dir)
  return dir
}
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('loading checklists', () => {
  it('loads the real folder', () => {
    expect(loadContent(folder(() => {})).size).toBe(4)
  })

  it('names the file, the item and the field of a broken item', () => {
    const dir = folder((f) => {
      f.jincheng.items[11].plain.en.title = ''
      f.jincheng.items[4].service = 'schooling'
    })
    let err: unknown
    try {
      loadContent(dir)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(ContentError)
    const msg = (err as Error).message
    expect(msg).toMatch(/jincheng\.json: item 12 field plain\.en\.title/)
    expect(msg).toMatch(/jincheng\.json: item 5 field service/)
  })

  it('names a missing field at file level', () => {
    const dir = folder((f) => {
      delete f.shanxi.keyCaseCadence
    })
    expect(() => loadContent(dir)).toThrow(/shanxi\.json: field keyCaseCadence/)
  })

  it('refuses a file that is not JSON, a wrong id, a missing parent, an unknown fallback, a bad override key, a repeated number', () => {
    expect(() => loadContent(folder((f) => (f.jincheng = '{ "id": ')))).toThrow(/jincheng\.json: not valid JSON/)
    expect(() => loadContent(folder((f) => (f.jincheng.id = 'jinchang')))).toThrow(/jincheng\.json: field id/)
    expect(() => loadContent(folder((f) => (f.jincheng.parent = 'shanxii')))).toThrow(/jincheng\.json: field parent: "shanxii" has no file/)
    expect(() => loadContent(folder((f) => (f.changzhi.list.from = 'taiyuan')))).toThrow(/changzhi\.json: field list\.from/)
    expect(() => loadContent(folder((f) => (f.changzhi.list.departmentOverrides['99'] = ['市民政局'])))).toThrow(/changzhi\.json: field list\.departmentOverrides\.99/)
    expect(() => loadContent(folder((f) => (f.shanxi.items[1].no = 1)))).toThrow(/shanxi\.json: item 1 field no/)
  })
})

describe('places without a list of their own', () => {
  it('serves a file as itself', () => {
    expect(resolveJurisdiction('jincheng')).toEqual({ asked: 'jincheng', id: 'jincheng', listFrom: 'jincheng' })
  })
  it('serves Changzhi the Shanxi list with its own notice', () => {
    expect(resolveJurisdiction('changzhi')).toMatchObject({ id: 'changzhi', listFrom: 'shanxi', notice: { kind: 'fallback', from: 'shanxi' } })
  })
  it('serves an unknown city under a known province its province list, and an unknown province the national list', () => {
    expect(resolveJurisdiction('shanxi.taiyuan')).toMatchObject({ asked: 'shanxi.taiyuan', id: 'shanxi', notice: { kind: 'noOwnList', servedId: 'shanxi' } })
    expect(resolveJurisdiction('shanxi.jincheng.gaoping')).toMatchObject({ id: 'jincheng', notice: { kind: 'noOwnList', servedId: 'jincheng' } })
    expect(resolveJurisdiction('anhui.hefei')).toMatchObject({ id: 'national', notice: { kind: 'noOwnList', servedId: 'national' } })
  })
  it('knows nothing of a bare unknown id or a malformed one', () => {
    expect(resolveJurisdiction('atlantis')).toBeUndefined()
    expect(resolveJurisdiction('shanxi.')).toBeUndefined()
    expect(resolveJurisdiction('../etc')).toBeUndefined()
  })
})

describe('plain texts through i18next', () => {
  it('registers each list as namespace checklist-<id> in both languages', () => {
    for (const id of jurisdictionIds()) {
      const j = getJurisdiction(id)
      for (const item of j.items) {
        expect(hasKey('zh-CN', `${checklistNamespace(id)}:items.${item.no}.title`)).toBe(true)
        expect(t('en', `${checklistNamespace(id)}:items.${item.no}.title`)).toBe(item.plain.en.title)
      }
    }
    expect(t('zh-CN', 'checklist-changzhi:notice')).toBe('长治市清单原文未公开，以下依据山西省清单。')
    expect(t('en', 'checklist-jincheng:name')).toBe('Jincheng')
  })
  it('has every checklist UI key in both languages', () => {
    const zh = JSON.parse(readFileSync(new URL('../../src/content/locales/zh-CN/checklist.json', import.meta.url), 'utf8'))
    const en = JSON.parse(readFileSync(new URL('../../src/content/locales/en/checklist.json', import.meta.url), 'utf8'))
    const keys = (o: Record<string, unknown>, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${p}${k}.`) : [`${p}${k}`]))
    expect(keys(en).sort()).toEqual(keys(zh).sort())
  })
})

describe('department directory', () => {
  it('next steps use the directory where a deployment filled it in, and only there', async () => {
    const { itemView } = await import('../../src/domain/checklist/checklist.service')
    const { reloadContent, checklistFor } = await import('../../src/content')
    const dir = folder((f) => {
      f.jincheng.directory = [{ department: '市教育局', phone: '0000-TEST', hours: '周一至周五 9:00-17:00' }]
    })
    try {
      reloadContent(dir)
      const pre = checklistFor('jincheng').find((i) => i.no === 2)!
      expect(itemView('jincheng', pre, 'zh-CN').nextSteps).toMatch(/清单写明的负责部门：市教育局：电话 0000-TEST、办公时间 周一至周五 9:00-17:00。$/)
      const health = checklistFor('jincheng').find((i) => i.no === 1)!
      expect(itemView('jincheng', health, 'zh-CN').nextSteps).toMatch(/清单写明的负责部门：市卫健委、市疾控局。$/)
      // A broken folder leaves the loaded content in place.
      expect(() => reloadContent(folder((f) => (f.jincheng.items = 'x')))).toThrow(ContentError)
      expect(checklistFor('jincheng')).toHaveLength(23)
    } finally {
      reloadContent()
    }
    const pre = checklistFor('jincheng').find((i) => i.no === 2)!
    expect(itemView('jincheng', pre, 'zh-CN').nextSteps).not.toContain('0000-TEST')
  })
})
