/**
 * `npm run train:urgency`: trains the urgency model (src/domain/routing/urgency-model.ts) from the
 * labelled files committed under test/routing/ and writes src/domain/routing/urgency-weights.json.
 * `npm run train:urgency -- --report` writes nothing and prints the honest figures instead: the model
 * trained without urgent-blind-4.jsonl and scored on it (rules alone vs rules + model), a 5-fold
 * cross-validation over the training files, and the dev set (../shared/eval/routing-dev.jsonl, never
 * trained on).
 */
import { writeFileSync, existsSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { trainUrgency, scoreUrgency, loadUrgencyRows, TRAINING_FILES, URGENCY_THRESHOLD, type UrgencyRow, type UrgencyWeights } from '../domain/routing/urgency-model'
import { assessUrgency } from '../domain/routing/urgency'
import { normalise } from '../domain/routing/text'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const out = join(root, 'src', 'domain', 'routing', 'urgency-weights.json')
const args = process.argv.slice(2)

const pct = (a: number, b: number) => `${a}/${b} (${b ? ((100 * a) / b).toFixed(1) : '0.0'}%)`

function score(rows: UrgencyRow[], model: UrgencyWeights | null, threshold = URGENCY_THRESHOLD) {
  let caught = 0, urgent = 0, alarms = 0, normal = 0
  for (const r of rows) {
    const u = assessUrgency(normalise(r.text)).urgent || (model ? scoreUrgency(r.text, model, threshold).urgent : false)
    if (r.urgent) { urgent++; if (u) caught++ } else { normal++; if (u) alarms++ }
  }
  return { caught, urgent, alarms, normal, line: `recall ${pct(caught, urgent)}, false alarms ${pct(alarms, normal)}` }
}

if (args.includes('--report')) {
  const held = 'test/routing/urgent-blind-4.jsonl'
  const files = TRAINING_FILES.filter((f) => f !== held)
  const rows = loadUrgencyRows(root, files)
  const blind = loadUrgencyRows(root, [held])
  const model = trainUrgency(rows, files)
  const thresholds = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
  console.log(`held-out ${held} (model trained on ${files.length} files, ${rows.length} rows, without it):`)
  console.log(`  rules alone          ${score(blind, null).line}`)
  for (const th of thresholds) console.log(`  rules + model p≥${th.toFixed(1)} ${score(blind, model, th).line}`)
  console.log('5-fold cross-validation over the training files (row i in fold i mod 5):')
  const oof = new Map<number, ReturnType<typeof score>[]>()
  for (let k = 0; k < 5; k++) {
    const train = rows.filter((_, i) => i % 5 !== k)
    const test = rows.filter((_, i) => i % 5 === k)
    const m = trainUrgency(train)
    console.log(`  fold ${k + 1}: rules ${score(test, null).line} | rules + model p≥${URGENCY_THRESHOLD} ${score(test, m).line}`)
    for (const th of thresholds) oof.set(th, [...(oof.get(th) ?? []), score(test, m, th)])
  }
  for (const th of thresholds) {
    const s = oof.get(th)!
    const sum = (f: (x: ReturnType<typeof score>) => number) => s.reduce((a, x) => a + f(x), 0)
    console.log(`  all folds p≥${th.toFixed(1)}: recall ${pct(sum((x) => x.caught), sum((x) => x.urgent))}, false alarms ${pct(sum((x) => x.alarms), sum((x) => x.normal))}`)
  }
  const dev = join(root, '..', 'shared', 'eval', 'routing-dev.jsonl')
  if (existsSync(dev)) {
    const d = loadUrgencyRows('/', [dev])
    const full = trainUrgency(loadUrgencyRows(root))
    console.log('dev set (never trained on), model from all training files:')
    console.log(`  rules alone          ${score(d, null).line}`)
    for (const th of thresholds) console.log(`  rules + model p≥${th.toFixed(1)} ${score(d, full, th).line}`)
  }
} else {
  const model = trainUrgency(loadUrgencyRows(root), TRAINING_FILES)
  writeFileSync(out, JSON.stringify(model, null, 1) + '\n')
  console.log(`wrote ${out.slice(root.length + 1)}: ${model.about.rows} rows (${model.about.urgent} urgent), ${model.about.features} weights`)
}
