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
writeFileSync(docPath, doc)
process.stderr.write(`docs/performance.md updated from ${file}\n`)
