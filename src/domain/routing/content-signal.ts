/**
 * A small extra signal from the checklist items themselves: the words of each item's official
 * name, content and plain-language title and summary (segmented with jieba), weighted by how
 * specific they are to one service. It lets the router notice words no one put in the lexicon.
 * Built once from every jurisdiction file that exists; empty when there are none.
 */
import { Jieba } from '@node-rs/jieba'
import { dict } from '@node-rs/jieba/dict.js'
import { jurisdictionIds, checklistFor } from '../../content/index'
import type { ServiceKey } from '../../content/vocabulary'

let jieba: Jieba | undefined

/** The shared jieba segmenter (default dictionary shipped in the package). */
export function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict)
  return jieba
}

/** Words too common in the lists, or in any message, to say anything. */
const STOP = new Set(
  '流动儿童 儿童 流动 孩子 提供 服务 符合条件 符合 条件 相关 开展 落实 居住地 户籍地 家庭 我们 他们 可以 能够 按照 有关 工作 进行 加强 及时 部门 政策 申请 办理 怎么 什么 哪里 没有 一个 这个 那个 就是 还是 或者 以及 并且 对于 给予 需要 问题 情况 外地 本地 户口 居住证 帮助 关爱 保障 基本 支持 指导 社区 学校 地方 知道 现在 今年 已经 听说'.split(
    ' ',
  ),
)

let index: Map<string, Map<ServiceKey, number>> | undefined

function buildIndex(): Map<string, Map<ServiceKey, number>> {
  const idx = new Map<string, Map<ServiceKey, number>>()
  let ids: string[] = []
  try {
    ids = jurisdictionIds()
  } catch {
    return idx // content not loadable: no content signal (departments will say why)
  }
  const seg = segmenter()
  for (const id of ids) {
    let items
    try {
      items = checklistFor(id)
    } catch {
      continue
    }
    for (const item of items) {
      const zh = item.plain['zh-CN']
      const text = [item.name, item.content, zh.title, zh.summary].join(' ')
      for (const w of new Set(seg.cut(text, false))) {
        if (w.length < 2 || STOP.has(w) || !/[\u4e00-\u9fff]/.test(w)) continue
        const m = idx.get(w) ?? new Map<ServiceKey, number>()
        m.set(item.service, (m.get(item.service) ?? 0) + 1)
        idx.set(w, m)
      }
    }
  }
  // keep words specific to at most two services
  for (const [w, m] of idx) if (m.size > 2) idx.delete(w)
  return idx
}

let byFirst: Map<string, string[]> | undefined

/**
 * [service, weight, words] for the message; weights are small (at most 1.5 a service).
 * jieba segments the checklist text once; messages are scanned for those words directly
 * (faster than segmenting every message, and a word inside a longer one still counts).
 */
export function contentSignal(text: string): Array<[ServiceKey, number, string[]]> {
  if (!/[\u4e00-\u9fff]/.test(text)) return []
  index ??= buildIndex()
  if (!index.size) return []
  if (!byFirst) {
    byFirst = new Map()
    for (const w of index.keys()) byFirst.set(w[0]!, [...(byFirst.get(w[0]!) ?? []), w])
  }
  const found = new Set<string>()
  for (let i = 0; i < text.length; i++) for (const w of byFirst.get(text[i]!) ?? []) if (text.startsWith(w, i)) found.add(w)
  const acc = new Map<ServiceKey, { w: number; words: string[] }>()
  for (const w of found) {
    const m = index.get(w)
    if (!m) continue
    let total = 0
    for (const n of m.values()) total += n
    for (const [k, n] of m) {
      const share = n / total
      const a = acc.get(k) ?? { w: 0, words: [] }
      a.w += (0.5 * share) / m.size
      a.words.push(w)
      acc.set(k, a)
    }
  }
  return [...acc].map(([k, a]) => [k, Math.min(1.5, a.w), a.words] as [ServiceKey, number, string[]]).filter(([, w]) => w >= 0.2)
}

/** Forget the built index (tests that change content). */
export function resetContentSignal(): void {
  index = undefined
  names = undefined
  sortedNames = undefined
  byFirst = undefined
}

let names: Map<string, ServiceKey> | undefined

/** Official item names (服务项目) of every list, with and without the trailing 服务; names that two services share are left out. */
function buildNames(): Map<string, ServiceKey> {
  const seen = new Map<string, Set<ServiceKey>>()
  let ids: string[] = []
  try {
    ids = jurisdictionIds()
  } catch {
    return new Map()
  }
  for (const id of ids) {
    let items
    try {
      items = checklistFor(id)
    } catch {
      continue
    }
    for (const item of items) {
      const full = item.name.replace(/\s+/g, '')
      for (const n of [full, full.replace(/服务$/, '')]) {
        if (n.length < 4) continue
        const set = seen.get(n) ?? new Set<ServiceKey>()
        set.add(item.service)
        seen.set(n, set)
      }
    }
  }
  const out = new Map<string, ServiceKey>()
  for (const [n, set] of seen) if (set.size === 1) out.set(n, [...set][0]!)
  return out
}

/** A parent may copy the list's own item name ("城市融入服务"): [service, name] for each one in the message, longest first. */
let sortedNames: Array<[string, ServiceKey]> | undefined

export function itemNamesIn(text: string): Array<[ServiceKey, string]> {
  if (!sortedNames) {
    names ??= buildNames()
    sortedNames = [...names].sort((a, b) => b[0].length - a[0].length)
  }
  const found: Array<[ServiceKey, string]> = []
  let rest = text
  for (const [n, k] of sortedNames) {
    if (!rest.includes(n)) continue
    found.push([k, n])
    rest = rest.split(n).join('\u0000')
  }
  return found
}
