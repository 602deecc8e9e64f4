/**
 * `npm run --silent route -- --city <id>`: routes parents' messages from JSON Lines on stdin.
 * Each input line has `text` (and `city`, which overrides --city); each output line is
 * `{"service","departments","urgent"}`, in input order, and nothing else goes to stdout.
 * Problems (unknown city, a line that is not JSON) go to stderr; the line still gets an answer.
 * It never reads the settings nor opens the database: routing is content and rules only.
 * Contract: ../shared/eval/README.md.
 */
import { createInterface } from 'node:readline'
import { routeMessage } from '../domain/routing/router'
import { hasJurisdiction } from '../content/index'

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name)
  if (i >= 0) return args[i + 1]
  const eq = args.find((a) => a.startsWith(`${name}=`))
  return eq?.slice(name.length + 1)
}

const city = argValue(process.argv.slice(2), '--city')
const warned = new Set<string>()
const warn = (msg: string) => {
  if (warned.has(msg)) return
  warned.add(msg)
  process.stderr.write(`route: ${msg}\n`)
}

function answer(line: string, n: number): string {
  let input: { text?: unknown; city?: unknown }
  try {
    input = JSON.parse(line) as { text?: unknown; city?: unknown }
  } catch {
    warn(`line ${n} is not JSON; answered as "none"`)
    return JSON.stringify({ service: 'none', departments: [], urgent: false })
  }
  const text = typeof input.text === 'string' ? input.text : ''
  const id = typeof input.city === 'string' && input.city ? input.city : city
  let known = false
  try {
    known = !!id && hasJurisdiction(id)
  } catch (e) {
    warn(`checklists could not be loaded: ${(e as Error).message}`)
  }
  if (!known) warn(id ? `unknown city "${id}": departments left empty` : 'no city given (--city <id> or "city" on the line): departments left empty')
  const r = routeMessage(text, id ?? '', { skipDepartments: !known })
  return JSON.stringify({ service: r.service, departments: r.departments, urgent: r.urgent })
}

// the reader stopped early (`| head`): stop quietly, not with a stack trace
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0)
  process.stderr.write(`route: cannot write the answers (${e.code ?? e.message})\n`)
  process.exit(1)
})

const out: string[] = []
let n = 0
const rl = createInterface({ input: process.stdin, crlfDelay: Infinity })
for await (const line of rl) {
  n++
  if (!line.trim()) continue
  out.push(answer(line, n))
  if (out.length >= 256) {
    process.stdout.write(out.join('\n') + '\n')
    out.length = 0
  }
}
if (out.length) process.stdout.write(out.join('\n') + '\n')
