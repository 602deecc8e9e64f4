/**
 * `npm run --silent route -- --city <id>` as the evaluation runs it: JSON Lines in, exactly one
 * `{"service","departments","urgent"}` line out per message, in order, nothing else on stdout.
 */
import { describe, it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { departmentsFor } from '../../src/content/index'

const root = join(__dirname, '..', '..')

function run(input: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/route.ts', ...args], { cwd: root, input, encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('route command', () => {
  it('answers each line in order; a line’s city overrides --city', () => {
    const input = [
      JSON.stringify({ text: '孩子3岁了想上幼儿园，我们是外地户口' }),
      JSON.stringify({ text: '孩子的医保在哪交', city: 'shitai' }),
      JSON.stringify({ text: '你好' }),
      '',
      JSON.stringify({ text: '孩子说不想活了', city: 'baotou', service: 'ignored' }),
    ].join('\n')
    const r = run(input, ['--city', 'jincheng'])
    expect(r.code).toBe(0)
    const lines = r.out.trimEnd().split('\n')
    expect(lines).toHaveLength(4)
    const answers = lines.map((l) => JSON.parse(l))
    for (const a of answers) expect(Object.keys(a)).toEqual(['service', 'departments', 'urgent'])
    expect(answers[0]).toEqual({ service: 'preschool', departments: departmentsFor('jincheng', 'preschool'), urgent: false })
    expect(answers[1]).toEqual({ service: 'medical_insurance', departments: departmentsFor('shitai', 'medical_insurance'), urgent: false })
    expect(answers[2]).toEqual({ service: 'none', departments: [], urgent: false })
    expect(answers[3].urgent).toBe(true)
  })

  it('still answers a broken line or an unknown city, and says why on stderr only', () => {
    const r = run(['not json', JSON.stringify({ text: '孩子要上幼儿园', city: 'atlantis' })].join('\n'), ['--city', 'jincheng'])
    expect(r.code).toBe(0)
    const answers = r.out.trimEnd().split('\n').map((l) => JSON.parse(l))
    expect(answers).toEqual([
      { service: 'none', departments: [], urgent: false },
      { service: 'preschool', departments: [], urgent: false },
    ])
    expect(r.err).toMatch(/not JSON/)
    expect(r.err).toMatch(/atlantis/)
  })
})
