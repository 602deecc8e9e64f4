/**
 * `npm run eval:routing [-- --file <jsonl>]`: scores the router on a labelled set (default
 * ../shared/eval/routing-dev.jsonl) — service accuracy, a confusion table of the errors,
 * department accuracy (against the jurisdiction's list for the right service), urgent recall
 * and false alarms — then scores it side by side with an nlp.js baseline trained on one half
 * of the file (deterministic split) on the other half.
 */
import { readFileSync, existsSync } from 'node:fs'
import { join, dirname, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { routeMessage } from '../domain/routing/router'
import { departmentsFor, hasJurisdiction } from '../content/index'
import type { ServiceKey } from '../content/vocabulary'
import { trainBaseline, splitHalves, type Labelled } from '../../bench/nlpjs-baseline'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const args = process.argv.slice(2)
const fileArg = args.includes('--file') ? args[args.indexOf('--file') + 1] : undefined
const file = fileArg ?? join(root, '..', 'shared', 'eval', 'routing-dev.jsonl')
if (!existsSync(file)) {
  process.stderr.write(`eval:routing: ${file} not found (give another with --file <path>)\n`)
  process.exit(2)
}
const rows: Labelled[] = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Labelled)

interface Answer {
  service: string
  departments: string[]
  urgent: boolean
}

const expectedDepartments = (r: Labelled): string[] =>
  r.service === 'none' || !r.city || !hasJurisdiction(r.city) ? [] : departmentsFor(r.city, r.service as ServiceKey)

function departmentsOf(city: string | undefined, service: string): string[] {
  return service === 'none' || !city || !hasJurisdiction(city) ? [] : departmentsFor(city, service as ServiceKey)
}

interface Scores {
  n: number
  service: number
  departments: number
  urgentCaught: number
  urgentTotal: number
  falseAlarms: number
  normalTotal: number
  confusion: Map<string, number>
  missed: string[]
}

function scoreAll(data: Labelled[], answers: Answer[]): Scores {
  const s: Scores = { n: data.length, service: 0, departments: 0, urgentCaught: 0, urgentTotal: 0, falseAlarms: 0, normalTotal: 0, confusion: new Map(), missed: [] }
  data.forEach((r, i) => {
    const a = answers[i]!
    if (a.service === r.service) s.service++
    else s.confusion.set(`${r.service} → ${a.service}`, (s.confusion.get(`${r.service} → ${a.service}`) ?? 0) + 1)
    if (JSON.stringify(a.departments) === JSON.stringify(expectedDepartments(r))) s.departments++
    if (r.urgent) {
      s.urgentTotal++
      if (a.urgent) s.urgentCaught++
      else s.missed.push(r.text)
    } else {
      s.normalTotal++
      if (a.urgent) s.falseAlarms++
    }
  })
  return s
}

const pct = (a: number, b: number) => (b ? `${((a / b) * 100).toFixed(1)}%` : 'n/a')
const frac = (a: number, b: number) => `${a}/${b} (${pct(a, b)})`
const line = (label: string, ...cols: string[]) => `  ${label.padEnd(22)}${cols.map((c) => c.padEnd(22)).join('')}`.trimEnd()

function confusionTable(s: Scores): string[] {
  const rowsOut = [...s.confusion].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  return rowsOut.length ? rowsOut.map(([k, v]) => `    ${String(v).padStart(3)}  ${k}`) : ['    (no errors)']
}

const route = (r: Labelled): Answer => {
  const x = routeMessage(r.text, r.city ?? '', { skipDepartments: !r.city || !hasJurisdiction(r.city) })
  return { service: x.service, departments: x.departments, urgent: x.urgent }
}

const out: string[] = []
const shown = relative(process.cwd(), file) || file
out.push(`Routing evaluation on ${shown}: ${rows.length} messages`, '')

// 1. the router on the whole file
const all = scoreAll(rows, rows.map(route))
out.push('Router, all messages')
out.push(line('service accuracy', frac(all.service, all.n)))
out.push(line('department accuracy', frac(all.departments, all.n)))
out.push(line('urgent recall', frac(all.urgentCaught, all.urgentTotal)))
out.push(line('false alarms', frac(all.falseAlarms, all.normalTotal)))
out.push('  errors (expected → answered):', ...confusionTable(all))
for (const t of all.missed) out.push(`  MISSED URGENT: ${t}`)
const ok = all.service / all.n >= 0.95 && all.urgentCaught === all.urgentTotal && all.falseAlarms <= all.normalTotal * 0.03
out.push(`  targets (accuracy ≥ 95%, every urgent caught, false alarms ≤ 3%): ${ok ? 'met' : 'NOT met'}`, '')

// 2. side by side with nlp.js on the same test half
const { train, test } = splitHalves(rows)
const t0 = Date.now()
const baseline = await trainBaseline(train)
const trainMs = Date.now() - t0
const baseAnswers: Answer[] = []
for (const r of test) {
  const b = await baseline.classify(r.text)
  baseAnswers.push({ service: b.service, departments: departmentsOf(r.city, b.service), urgent: b.urgent })
}
const mine = scoreAll(test, test.map(route))
const base = scoreAll(test, baseAnswers)
out.push(`Side by side on the test half: ${test.length} messages (nlp.js trained on the other ${train.length} in ${trainMs} ms; split: every other message of each service, in file order)`)
out.push(line('', 'router', 'nlp.js baseline'))
out.push(line('service accuracy', frac(mine.service, mine.n), frac(base.service, base.n)))
out.push(line('department accuracy', frac(mine.departments, mine.n), frac(base.departments, base.n)))
out.push(line('urgent recall', frac(mine.urgentCaught, mine.urgentTotal), frac(base.urgentCaught, base.urgentTotal)))
out.push(line('false alarms', frac(mine.falseAlarms, mine.normalTotal), frac(base.falseAlarms, base.normalTotal)))
out.push('  router errors:', ...confusionTable(mine))
out.push('  nlp.js errors:', ...confusionTable(base))
process.stdout.write(out.join('\n') + '\n')
