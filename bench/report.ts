/** The Markdown tables of `npm run bench` (pasted into docs/performance.md). */
import type { BenchResults } from './run'
import type { ScaleResult } from './scale/run'

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2))

export function markdown(r: BenchResults & { scale?: ScaleResult }): string {
  const out: string[] = []
  const m = r.machine
  out.push(`Run ${r.startedAt} on ${m.nproc} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.os ?? m.platform}${m.mariadb ? `, MariaDB ${m.mariadb}` : ''}; load average at start ${m.loadAtStart}${m.loadAtStart >= 2 ? ' (other work was running on the same cores)' : ''}.`, '')
  if (r.http?.length) {
    const h0 = r.http[0]!
    out.push(`HTTP: autocannon from the benchmark process, ${h0.connections} connections, ${h0.rounds} rounds of ${h0.seconds} s per target (bare Koa, public, personal one after another); figures are medians of the rounds, ratios the median of each round's ratio. CPU µs a request: the server process's own CPU time (from /proc) over the requests it answered — the cost of a request whatever else the machine is doing; "CPU ratio" = bare Koa's CPU a request ÷ this one's, the requests/s ratio to expect on a quiet machine where the server is CPU-bound. On MariaDB, "+ MariaDB" is the database server's own CPU a request, on the same cores (in production it runs on its own machine).`, '')
    out.push('| target | database | req/s | of bare Koa (goal) | CPU µs a request | CPU ratio | p50 ms | p99 ms | p50 / p99 vs bare Koa | load |')
    out.push('|---|---|---|---|---|---|---|---|---|---|')
    for (const h of r.http) {
      out.push(`| bare Koa hello-world | – | ${h.bareKoa.requestsPerSec} | 100% | ${h.bareKoa.cpuMicrosPerRequest ?? '–'} | 100% | ${h.bareKoa.p50ms} | ${h.bareKoa.p99ms} | 1 / 1 | ${h.bareKoa.load} |`)
      const f = h.sameBytes
      if (f) out.push(`| second baseline: Koa sending the public answer's bytes and headers, nothing else (${h.public.sent ? `${h.public.sent.encoding} ${(h.public.sent.bytes / 1024).toFixed(1)} KB` : 'same body'}) | – | ${f.requestsPerSec} | ${pct(f.ratio)} | ${f.cpuMicrosPerRequest ?? '–'} | ${f.cpuRatio === null ? '–' : pct(f.cpuRatio)} | ${f.p50ms} | ${f.p99ms} | ${f.p50Ratio} / ${f.p99Ratio} | ${f.load} |`)
      const wire = (x: { bytes: number; sent?: { encoding: string; bytes: number } }) =>
        `${Math.round(x.bytes / 1024)} KB JSON${x.sent && x.sent.encoding !== 'identity' ? `, sent as ${x.sent.encoding} ${(x.sent.bytes / 1024).toFixed(1)} KB` : ''}`
      for (const [name, x, goal] of [['GET /api/v1/jurisdictions/jincheng/checklist, client taking gzip and br', h.public, 0.5], ['same, client taking no compression', h.publicPlain, 0.5], ['GET /api/v1/me/checklist', h.personal, 0.2]] as const)
        out.push(`| ${name} (${wire(x)}) | ${h.database} | ${x.requestsPerSec} | **${pct(x.ratio)}** (≥ ${pct(goal)}: ${x.ratio >= goal ? 'met' : 'not met'}) | ${x.cpuMicrosPerRequest ?? '–'}${x.dbCpuMicrosPerRequest != null ? ` (+ MariaDB ${x.dbCpuMicrosPerRequest})` : ''} | ${x.cpuRatio === null ? '–' : pct(x.cpuRatio)} | ${x.p50ms} | ${x.p99ms} | ${x.p50Ratio} / ${x.p99Ratio} | ${x.load} |`)
    }
    for (const h of r.http) {
      const f = h.sameBytes
      if (!f) continue
      const share = h.public.requestsPerSec / f.requestsPerSec
      const cpu = f.cpuMicrosPerRequest && h.public.cpuMicrosPerRequest ? f.cpuMicrosPerRequest / h.public.cpuMicrosPerRequest : null
      out.push('', `${h.database}: Koa sending only the public answer's bytes reaches ${pct(f.ratio)} of bare Koa (CPU ${cpu === null ? '–' : `${f.cpuMicrosPerRequest} µs`}); the service's public checklist reaches ${pct(share)} of that baseline's requests/s${cpu === null ? '' : ` (CPU ratio ${pct(cpu)})`}.`)
    }
    out.push('')
  }
  if (r.routing) {
    const x = r.routing
    out.push(`| routing (development set, ${x.router.messages} routings, one thread) | messages/s (wall clock) | p50 ms | p99 ms | load |`, '|---|---|---|---|---|')
    out.push(`| router (src/domain/routing) | ${x.router.messagesPerSec} (**${x.ratio}×** nlp.js)${x.routerCpuMicrosPerMessage ? `; CPU ${x.routerCpuMicrosPerMessage} µs a message = ${Math.round(1e6 / x.routerCpuMicrosPerMessage)} a second on one core` : ''} | ${x.router.p50ms} | ${x.router.p99ms} | ${x.load} |`)
    out.push(`| nlp.js (node-nlp, trained on half the set) | ${x.nlpjs.messagesPerSec} | ${x.nlpjs.p50ms} | ${x.nlpjs.p99ms} | |`, '')
  }
  if (r.bot) {
    out.push(`| bot (PuppetMock, ${r.bot.baseline.parents} parents at once) | messages/s | of bare echo | p50 ms | p99 ms | messages | load |`, '|---|---|---|---|---|---|---|')
    for (const b of r.bot.bot) out.push(`| bot, ${b.database} in the loop | ${b.messagesPerSec} | ${pct(r.bot.ratio[b.database!]!)} | ${ms(b.latency.p50)} | ${ms(b.latency.p99)} | ${b.messages} | ${b.load} |`)
    const e = r.bot.baseline
    out.push(`| bare Wechaty echo bot | ${e.messagesPerSec} | 100% | ${ms(e.latency.p50)} | ${ms(e.latency.p99)} | ${e.messages} | ${e.load} |`, '')
  }
  if (r.booking) {
    out.push(`| booking on MariaDB (200 at once, pool ${r.booking.pool}) | capacity | confirmed | requests/s | bookings/s | p50 ms | p99 ms | load |`, '|---|---|---|---|---|---|---|---|')
    for (const [name, runs] of [['booking domain (`book`)', r.booking.service], ['baseline: hand-written SQL', r.booking.baseline]] as const)
      for (const b of runs) out.push(`| ${name} | ${b.capacity} | ${b.confirmed}${b.confirmed === b.capacity ? ' (= capacity)' : ' (≠ capacity!)'} | ${b.requestsPerSec} | ${b.bookingsPerSec} | ${ms(b.latency.p50)} | ${ms(b.latency.p99)} | ${b.load} |`)
    out.push('')
  }
  if (r.scale) out.push(scaleMarkdown(r.scale))
  if (r.skipped.length) out.push(`Skipped: ${r.skipped.join('; ')}.`)
  return out.join('\n')
}

export function scaleMarkdown(s: ScaleResult): string {
  const out: string[] = []
  out.push(`Scale ${s.scale} on MariaDB: ${s.counts.families} families, ${s.counts.children} children, ${s.counts.keyCases} key cases, ${s.counts.needs} needs, ${s.counts.tickets} tickets, ${s.counts.bookings} bookings, ${s.counts.communities} communities (generated in ${s.generateSeconds} s).`, '')
  out.push('| query (domain function) | runs | p50 ms | p99 ms | goal | rows | load |', '|---|---|---|---|---|---|---|')
  for (const q of s.queries) out.push(`| ${q.name} | ${q.latency.n} | ${ms(q.latency.p50)} | ${ms(q.latency.p99)} | p99 < 50 ms: ${q.latency.p99 < 50 ? 'met' : 'not met'} | ${q.rows} | ${q.load} |`)
  if (s.digest) out.push(`| daily digest over every community (${s.digest.directors} child directors, ${s.digest.sent} sent) | 1 | total ${s.digest.seconds} s | | < 60 s: ${s.digest.seconds < 60 ? 'met' : 'not met'} | | ${s.digest.load} |`)
  if (s.baseline) out.push(`| baseline: \`SELECT id FROM key_case WHERE id = ?\` (primary key) | ${s.baseline.n} | ${ms(s.baseline.p50)} | ${ms(s.baseline.p99)} | | 1 | |`)
  out.push('')
  return out.join('\n')
}
