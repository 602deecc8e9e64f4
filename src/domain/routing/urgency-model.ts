/**
 * A learned second opinion on urgency (issue 4): a regularised logistic regression over
 * character n-grams (Chinese, 1–3 characters inside a run of Han characters) and word uni- and
 * bigrams (English and pinyin, lower-cased), trained deterministically from the labelled JSON Lines
 * files committed under test/routing/ (never from ../shared/eval/routing-dev.jsonl, the dev check).
 *
 * `npm run train:urgency` trains and writes `urgency-weights.json` next to this file; the router
 * loads that file and never trains per message. Explainable: `scoreUrgency` returns the n-grams
 * that pushed the probability up the most.
 */
import { readFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { normalise } from './text'

export interface UrgencyRow {
  text: string
  urgent: boolean
}

export interface UrgencyWeights {
  /** What it was trained on and how, so a reader of the JSON knows. */
  about: { files: string[]; rows: number; urgent: number; features: number; l2: number; epochs: number; threshold: number }
  bias: number
  /** n-gram → weight (only n-grams seen in at least MIN_DOCS training messages). */
  weights: Record<string, number>
}

export interface UrgencyScore {
  probability: number
  urgent: boolean
  /** The n-grams that raised the probability most, e.g. `打 +0.41`. */
  top: string[]
}

/** Files the committed weights are trained from (paths from the repository root). */
export const TRAINING_FILES = [
  'test/routing/holdout.jsonl',
  'test/routing/regression.jsonl',
  'test/routing/urgent-blind.jsonl',
  'test/routing/urgent-blind-2.jsonl',
  'test/routing/urgent-blind-3.jsonl',
  'test/routing/urgent-blind-4.jsonl',
]

/** Probability at or above which the model calls a message urgent (chosen for recall; see README). */
export const URGENCY_THRESHOLD = 0.8
const L2 = 1e-4
const EPOCHS = 300
const LEARNING_RATE = 20
const MIN_DOCS = 2

/** The message's distinct features: Han 1–3-grams within a run, latin word uni- and bigrams. */
export function featuresOf(text: string, normalised = false): string[] {
  const norm = normalised ? text : normalise(text ?? '')
  const out = new Set<string>()
  let han = ''
  let word = ''
  let words: string[] = []
  const flushHan = () => {
    for (let i = 0; i < han.length; i++) {
      out.add(han[i]!)
      if (i + 1 < han.length) out.add(han.slice(i, i + 2))
      if (i + 2 < han.length) out.add(han.slice(i, i + 3))
    }
    han = ''
  }
  const flushWord = () => {
    if (word) words.push(word)
    word = ''
  }
  const flushWords = () => {
    flushWord()
    if (!words.length) return
    for (let i = 0; i < words.length; i++) {
      out.add(`w:${words[i]}`)
      if (i + 1 < words.length) out.add(`w:${words[i]} ${words[i + 1]}`)
    }
    words = []
  }
  for (const ch of norm) {
    const c = ch.codePointAt(0)!
    if (c >= 0x3400 && c <= 0x9fff) {
      flushWords()
      han += ch
    } else if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39) {
      if (han) flushHan()
      if (c !== 39) word += ch
    } else if (c === 32) {
      flushHan()
      flushWord()
    } else {
      // punctuation ends both a run of characters and a phrase of words
      flushHan()
      flushWords()
    }
  }
  flushHan()
  flushWords()
  return [...out]
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z))
const round4 = (x: number) => Math.round(x * 1e4) / 1e4

/**
 * Trains the model: full-batch gradient descent on the class-balanced log loss with an L2 penalty,
 * features binary and scaled by 1/√(number of features in the message). No randomness: the same
 * rows give the same weights (rounded to 4 decimals).
 */
export function trainUrgency(rows: UrgencyRow[], files: string[] = [], opts: { l2?: number; epochs?: number; lr?: number } = {}): UrgencyWeights {
  const l2 = opts.l2 ?? L2
  const epochs = opts.epochs ?? EPOCHS
  const lr = opts.lr ?? LEARNING_RATE
  const docs = rows.map((r) => featuresOf(r.text))
  const df = new Map<string, number>()
  for (const d of docs) for (const f of d) df.set(f, (df.get(f) ?? 0) + 1)
  const vocab = [...df].filter(([, n]) => n >= MIN_DOCS).map(([f]) => f).sort()
  const index = new Map(vocab.map((f, i) => [f, i]))
  const X = docs.map((d) => {
    const ids = d.map((f) => index.get(f)).filter((i): i is number => i !== undefined).sort((a, b) => a - b)
    return { ids, v: ids.length ? 1 / Math.sqrt(ids.length) : 0 }
  })
  const y = rows.map((r) => (r.urgent ? 1 : 0))
  const pos = y.reduce<number>((s, v) => s + v, 0)
  const neg = y.length - pos
  // balanced classes: a missed urgent message costs as much in total as all false alarms
  const cw = y.map((v) => (v ? y.length / (2 * Math.max(1, pos)) : y.length / (2 * Math.max(1, neg))))
  const w = new Float64Array(vocab.length)
  let b = 0
  const grad = new Float64Array(vocab.length)
  for (let epoch = 0; epoch < epochs; epoch++) {
    grad.fill(0)
    let gb = 0
    for (let n = 0; n < X.length; n++) {
      const { ids, v } = X[n]!
      let z = b
      for (const i of ids) z += w[i]! * v
      const g = (sigmoid(z) - y[n]!) * cw[n]!
      gb += g
      for (const i of ids) grad[i]! += g * v
    }
    const m = X.length
    for (let i = 0; i < w.length; i++) w[i] = w[i]! - lr * (grad[i]! / m + l2 * w[i]!)
    b -= lr * (gb / m)
  }
  const weights: Record<string, number> = {}
  for (let i = 0; i < vocab.length; i++) {
    const r = round4(w[i]!)
    if (r !== 0) weights[vocab[i]!] = r
  }
  return {
    about: { files, rows: rows.length, urgent: pos, features: Object.keys(weights).length, l2, epochs, threshold: URGENCY_THRESHOLD },
    bias: round4(b),
    weights,
  }
}

/** Weights as a Map, once per model (an object with thousands of keys is slower to probe). */
const tables = new WeakMap<UrgencyWeights, Map<string, number>>()

/** The model's probability that a message is urgent, and the n-grams behind it. */
export function scoreUrgency(text: string, model: UrgencyWeights = loadedWeights(), threshold = URGENCY_THRESHOLD, opts: { normalised?: boolean; topN?: number } = {}): UrgencyScore {
  const topN = opts.topN ?? 5
  let table = tables.get(model)
  if (!table) tables.set(model, (table = new Map(Object.entries(model.weights))))
  const known: Array<[string, number]> = []
  for (const f of featuresOf(text, opts.normalised)) {
    const w = table.get(f)
    if (w !== undefined) known.push([f, w])
  }
  const v = known.length ? 1 / Math.sqrt(known.length) : 0
  let z = model.bias
  const parts: Array<[string, number]> = []
  for (const [f, w] of known) {
    const c = w * v
    z += c
    parts.push([f, c])
  }
  const probability = sigmoid(z)
  const top = parts
    .filter(([, c]) => c > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, topN)
    .map(([f, c]) => `${f.startsWith('w:') ? f.slice(2) : f} +${c.toFixed(2)}`)
  return { probability: round4(probability), urgent: probability >= threshold, top }
}

/** Labelled rows from JSON Lines files (`text`, `urgent`), paths from `root`. */
export function loadUrgencyRows(root: string, files: string[] = TRAINING_FILES): UrgencyRow[] {
  const rows: UrgencyRow[] = []
  for (const f of files) {
    for (const line of readFileSync(join(root, f), 'utf8').split('\n')) {
      if (!line.trim()) continue
      const r = JSON.parse(line) as { text: string; urgent: boolean }
      rows.push({ text: r.text, urgent: !!r.urgent })
    }
  }
  return rows
}

let cached: UrgencyWeights | undefined
/** The committed weights (urgency-weights.json), read once. */
export function loadedWeights(): UrgencyWeights {
  cached ??= JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'urgency-weights.json'), 'utf8')) as UrgencyWeights
  return cached
}
