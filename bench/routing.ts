/**
 * Routing figures for `npm run bench`: runs the router engineer's `bench/routing.bench.ts` (router
 * and nlp.js on the same development-set messages, in one process) and reads its summary lines.
 */
import { execFileSync } from 'node:child_process'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { load1, log, round } from './support'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

export interface RoutingLine {
  messagesPerSec: number
  p50ms: number
  p99ms: number
  maxMs: number
  messages: number
}

export interface RoutingResult {
  file: string
  router: RoutingLine
  nlpjs: RoutingLine
  ratio: number
  routerCpuMicrosPerMessage: number | null
  load: number
  output: string
}

function parse(line: string | undefined): RoutingLine {
  const m = line?.match(/(\d+) msg\/s\s+p50 ([\d.]+) ms\s+p99 ([\d.]+) ms\s+max ([\d.]+) ms\s+\((\d+) messages\)/)
  if (!m) throw new Error(`bench:routing printed an unexpected line: ${line}`)
  return { messagesPerSec: Number(m[1]), p50ms: Number(m[2]), p99ms: Number(m[3]), maxMs: Number(m[4]), messages: Number(m[5]) }
}

export function benchRouting(file: string, passes: number): RoutingResult {
  log(`routing: bench/routing.bench.ts --passes ${passes} on ${file}`)
  const before = load1()
  const output = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'routing.bench.ts'), '--file', file, '--passes', String(passes)], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  const lines = output.split('\n')
  const router = parse(lines.find((l) => l.trim().startsWith('router ')))
  const nlpjs = parse(lines.find((l) => l.trim().startsWith('nlp.js')))
  const cpu = output.match(/router CPU time: ([\d.]+) µs a message/)
  const result = { file, router, nlpjs, ratio: round(router.messagesPerSec / nlpjs.messagesPerSec, 1), routerCpuMicrosPerMessage: cpu ? Number(cpu[1]) : null, load: round((before + load1()) / 2), output }
  log(`  router ${router.messagesPerSec} msg/s (p99 ${router.p99ms} ms), nlp.js ${nlpjs.messagesPerSec} msg/s (p99 ${nlpjs.p99ms} ms)`)
  return result
}
