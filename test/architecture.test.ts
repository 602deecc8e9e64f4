/**
 * Layer rules (docs/architecture.md): the domain never imports a channel, Koa or Wechaty;
 * channels never import typeorm or the database layer.
 */
import { describe, it, expect } from 'vitest'
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'

const root = join(__dirname, '..')

function files(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? files(p) : /\.ts$/.test(f) && !/\.test\.ts$/.test(f) ? [p] : []
  })
}

function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8')
  return [...src.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '')
}

/** Relative imports resolved to a path from the repository root (src/domain/staff/… is the domain, src/staff/… the console). */
const resolved = (file: string, i: string) => (i.startsWith('.') ? relative(root, resolve(dirname(file), i)).split(sep).join('/') : i)

function violations(dirs: string[], forbidden: RegExp): string[] {
  return dirs.flatMap((d) => files(join(root, d))).flatMap((f) => imports(f).filter((i) => forbidden.test(resolved(f, i))).map((i) => `${relative(root, f)} imports ${i}`))
}

describe('layers', () => {
  it('the domain imports no channel, Koa or Wechaty', () => {
    expect(violations(['src/domain'], /^(koa|@koa\/|wechaty)|^src\/(bot|miniprogram-api|staff|jobs|cli)\//)).toEqual([])
  })
  it('channels never import typeorm or the database layer', () => {
    expect(violations(['src/bot', 'src/miniprogram-api', 'src/staff', 'src/jobs', 'src/cli'], /^typeorm|^mysql2|^better-sqlite3|^src\/db\//)).toEqual([])
  })
  it('only the config module reads the environment', () => {
    const readers = [...files(join(root, 'src'))].filter((f) => /process\.env/.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f))
    expect(readers).toEqual(['src/config/env.ts'])
  })
})
