/**
 * The learned second opinion on urgency (urgency-model.ts): the committed weights are what the
 * committed data trains to, every answer says which n-grams weighed, and on a batch it never saw it
 * catches more urgent messages than the rules alone.
 */
import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { featuresOf, trainUrgency, scoreUrgency, loadUrgencyRows, loadedWeights, TRAINING_FILES, URGENCY_THRESHOLD } from '../../src/domain/routing/urgency-model'
import { assessUrgency } from '../../src/domain/routing/urgency'
import { normalise } from '../../src/domain/routing/text'
import { routeMessage } from '../../src/domain/routing'

const root = join(__dirname, '..', '..')
const HELD_OUT = 'test/routing/urgent-blind-4.jsonl'

describe('features', () => {
  it('Chinese 1–3-grams inside a run, English words and word pairs, full-width folded, punctuation dropped', () => {
    const f = featuresOf('孩子哭！ＨＥＬＰ me，打')
    expect(f).toEqual(expect.arrayContaining(['孩', '孩子', '孩子哭', '子哭', 'w:help', 'w:me', 'w:help me', '打']))
    // punctuation ends a run: no n-gram spans "哭！Ｈ" or "，打"
    expect(f.some((x) => x.includes('！') || x.includes('，'))).toBe(false)
    expect(f).not.toContain('w:me 打')
    expect(f).not.toContain('子哭h')
  })
})

describe('training', () => {
  it('re-training from the committed data reproduces the committed weights exactly', () => {
    const again = trainUrgency(loadUrgencyRows(root), TRAINING_FILES)
    const committed = JSON.parse(readFileSync(join(root, 'src/domain/routing/urgency-weights.json'), 'utf8'))
    expect(again).toEqual(committed)
  })

  it('never trains on the dev set', () => {
    expect(TRAINING_FILES.some((f) => f.includes('routing-dev'))).toBe(false)
    expect(loadedWeights().about.files.some((f) => f.includes('routing-dev'))).toBe(false)
  })
})

describe('explanation', () => {
  it('names the n-grams that raised the probability, for any message', () => {
    const s = scoreUrgency('孩子身上都是伤，爸爸又喝多了打她')
    expect(s.probability).toBeGreaterThan(URGENCY_THRESHOLD)
    expect(s.top.length).toBeGreaterThan(0)
    expect(s.top[0]).toMatch(/^\S+ \+\d+\.\d\d$/)
    const r = routeMessage('孩子四岁想上幼儿园', 'jincheng')
    expect(r.explanation.urgency_model![0]).toMatch(/^p 0\.\d+/)
    expect(r.urgent).toBe(false)
  })

  it('an urgent call made by the model alone says so in the reasons', () => {
    // a message the rules do not flag, the model does (found in the held-out batch)
    const rows = loadUrgencyRows(root, [HELD_OUT]).filter((r) => r.urgent)
    const modelOnly = rows.find((r) => !assessUrgency(normalise(r.text)).urgent && scoreUrgency(r.text).urgent)
    expect(modelOnly).toBeDefined()
    const r = routeMessage(modelOnly!.text, 'jincheng')
    expect(r.urgent).toBe(true)
    expect(r.urgency.reasons[0]).toMatch(/^model: p /)
    expect(r.explanation.urgency).toEqual(r.urgency.reasons)
  })
})

describe('on a batch it never saw (urgent-blind-4, left out of training here)', () => {
  const files = TRAINING_FILES.filter((f) => f !== HELD_OUT)
  const model = trainUrgency(loadUrgencyRows(root, files), files)
  const rows = loadUrgencyRows(root, [HELD_OUT])

  it('rules + model catch more urgent messages than the rules alone, false alarms on look-alikes ≤ 15%', () => {
    const rules = rows.map((r) => assessUrgency(normalise(r.text)).urgent)
    const both = rows.map((r, i) => rules[i] || scoreUrgency(r.text, model).urgent)
    const caught = (v: boolean[]) => rows.filter((r, i) => r.urgent && v[i]).length
    const alarms = (v: boolean[]) => rows.filter((r, i) => !r.urgent && v[i]).length
    const urgent = rows.filter((r) => r.urgent).length
    const normal = rows.length - urgent
    expect(caught(both)).toBeGreaterThan(caught(rules))
    expect(caught(both) / urgent).toBeGreaterThanOrEqual(0.7)
    expect(alarms(both) / normal).toBeLessThanOrEqual(0.15)
  })
})
