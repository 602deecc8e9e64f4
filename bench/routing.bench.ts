/**
 * `npm run bench:routing`: router speed over the dev set (messages/s, p50/p99 per message, on one
 * core: Node runs this on one thread), with nlp.js on the same messages as the baseline in the
 * same run. Target (issue 4): ≥ 2,000 messages/s, p99 < 5 ms. A benchmark, not a test.
 */
import { readFileSync, existsSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadavg, cpus } from 'node:os'
import { routeMessage } from '../src/domain/routing/router'
import { trainBaseline, splitHalves, type Labelled } from './nlpjs-baseline'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const file = args.includes('--file') ? args[args.indexOf('--file') + 1]! : join(root, '..', 'shared', 'eval', 'routing-dev.jsonl')
const passes = args.includes('--passes') ? Number(args[args.indexOf('--passes') + 1]) : 60
if (!existsSync(file)) {
  process.stderr.write(`bench:routing: ${file} not found (give another with --file <path>)\n`)
  process.exit(2)
}
const rows: Labelled[] = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Labelled)

function summary(name: string, times: number[], totalMs: number): string {
  const sorted = [...times].sort((a, b) => a - b)
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
  const rate = (times.length / totalMs) * 1000
  return `  ${name.padEnd(10)} ${String(Math.round(rate)).padStart(8)} msg/s   p50 ${q(0.5).toFixed(3)} ms   p99 ${q(0.99).toFixed(3)} ms   max ${sorted[sorted.length - 1]!.toFixed(3)} ms   (${times.length} messages)`
}

const cold0 = performance.now()
routeMessage(rows[0]!.text, rows[0]!.city ?? 'national')
const coldMs = performance.now() - cold0

// warm-up passes (JIT), then timed passes
for (let p = 0; p < 5; p++) for (const r of rows) routeMessage(r.text, r.city ?? 'national')
const times: number[] = []
const cpu0 = process.cpuUsage()
const t0 = performance.now()
for (let p = 0; p < passes; p++) {
  for (const r of rows) {
    const a = performance.now()
    routeMessage(r.text, r.city ?? 'national')
    times.push(performance.now() - a)
  }
}
const routerMs = performance.now() - t0
const cpu = process.cpuUsage(cpu0)
const cpuMs = (cpu.user + cpu.system) / 1000

const { train } = splitHalves(rows)
const baseline = await trainBaseline(train)
for (const r of rows) await baseline.classify(r.text)
const btimes: number[] = []
const b0 = performance.now()
const bpasses = Math.max(1, Math.round(passes / 4))
for (let p = 0; p < bpasses; p++) {
  for (const r of rows) {
    const a = performance.now()
    await baseline.classify(r.text)
    btimes.push(performance.now() - a)
  }
}
const baseMs = performance.now() - b0

const sorted = [...times].sort((a, b) => a - b)
const p99 = sorted[Math.floor(0.99 * sorted.length)]!
const rate = Math.max((times.length / routerMs) * 1000, 0)
process.stdout.write(
  [
    `Routing benchmark: ${rows.length} messages from ${file}, node ${process.version}, one thread`,
    `  first message (lexicon, pinyin and jieba loading): ${coldMs.toFixed(0)} ms`,
    summary('router', times, routerMs),
    `  router CPU time: ${((cpuMs * 1000) / times.length).toFixed(1)} µs a message = ${Math.round((times.length / cpuMs) * 1000)} msg/s on one core (wall-clock figures above suffer when other processes share the cores; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`,
    summary('nlp.js', btimes, baseMs) + '  (service + urgency classifiers)',
    `  target ≥ 2,000 msg/s and p99 < 5 ms: ${rate >= 2000 && p99 < 5 ? 'met' : 'NOT met'}`,
  ].join('\n') + '\n',
)
