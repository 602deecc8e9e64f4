/**
 * `npx tsx bench/doc.ts bench/results/<date>.json`: writes that run's tables into docs/performance.md
 * (between the <!-- bench:… -->, <!-- scale:… --> and <!-- explain:… --> markers); the prose around them is kept.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { markdown, scaleMarkdown } from './report'
import type { ScaleResult } from './scale/run'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const file = process.argv[2]
if (!file) {
  process.stderr.write('usage: npx tsx bench/doc.ts bench/results/<date>.json\n')
  process.exit(2)
}
const results = JSON.parse(readFileSync(file, 'utf8')) as Parameters<typeof markdown>[0] & { scale?: ScaleResult }
const docPath = join(root, 'docs', 'performance.md')
let doc = readFileSync(docPath, 'utf8')

function put(name: string, text: string): void {
  const re = new RegExp(`(<!-- ${name}:begin -->)[\\s\\S]*?(<!-- ${name}:end -->)`)
  doc = doc.replace(re, (_m, a: string, b: string) => `${a}\n${text.trim()}\n${b}`)
}

put('bench', markdown({ ...results, scale: undefined }))
const s = results.scale
if (s) {
  const m = s.machine
  put('scale', `Run ${s.at ?? ''}${m ? ` on ${m.nproc} cores (${m.cpu}), Node ${m.node}` : ''}${s.indexes ? ', with the ScaleIndexes migration' : ', WITHOUT the ScaleIndexes migration'}.\n\n${scaleMarkdown(s)}`)
  const explain = Object.entries(s.explain ?? {})
    .map(([name, [sql, ...plan]]) => {
      const rows = (plan as Array<Record<string, unknown>>).map((p) => `| ${p.table ?? '–'} | ${p.type ?? '–'} | ${p.key ?? '–'} | ${p.rows ?? '–'} | ${p.Extra ?? ''} |`)
      return `**${name}**: \`${String(sql)}\`\n\n| table | type | key | rows | Extra |\n|---|---|---|---|---|\n${rows.join('\n')}\n`
    })
    .join('\n')
  put('explain', explain)
}
const w = (results as { scaleWithoutIndexes?: ScaleResult }).scaleWithoutIndexes
if (s && w) {
  const ms = (x: number) => x.toFixed(1)
  const rows = s.queries.map((q) => {
    const o = w.queries.find((x) => x.name === q.name)
    return `| ${q.name} | ${o ? `${ms(o.latency.p50)} / ${ms(o.latency.p99)}` : '–'} | ${ms(q.latency.p50)} / ${ms(q.latency.p99)} |`
  })
  if (s.digest && w.digest) rows.push(`| daily digest, total | ${w.digest.seconds} s | ${s.digest.seconds} s |`)
  if (s.baseline && w.baseline) rows.push(`| baseline: primary-key lookup | ${ms(w.baseline.p50)} / ${ms(w.baseline.p99)} | ${ms(s.baseline.p50)} / ${ms(s.baseline.p99)} |`)
  put('compare', `Same data, same code; \`--without-scale-indexes\` drops the migration's indexes for one run (${w.at ?? ''}) and creates them again after it.\n\n| query | without the indexes: p50 / p99 ms | with them: p50 / p99 ms |\n|---|---|---|\n${rows.join('\n')}`)
}
writeFileSync(docPath, doc)
process.stderr.write(`docs/performance.md updated from ${file}\n`)
