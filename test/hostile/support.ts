/**
 * Helpers of the hostile-input tests: row counts of every table (to prove a refusal changed
 * nothing), the malicious strings we throw at the service, and the error-shape check.
 */
import { expect } from 'vitest'
import fc from 'fast-check'
import type { DomainContext } from '../../src/domain/context'

/** Every table the entities map, in a stable order. */
export function tableNames(ctx: DomainContext): string[] {
  return [...new Set(ctx.db.ds.entityMetadatas.map((m) => m.tableName))].sort()
}

/** Row count of every table, in one round trip. */
export async function rowCounts(ctx: DomainContext): Promise<Record<string, number>> {
  const q = ctx.db.kind === 'mysql' ? '`' : '"'
  const names = tableNames(ctx)
  const sql = `SELECT ${names.map((n, i) => `(SELECT COUNT(*) FROM ${q}${n}${q}) AS c${i}`).join(', ')}`
  const [row] = (await ctx.db.ds.query(sql)) as Array<Record<string, unknown>>
  return Object.fromEntries(names.map((n, i) => [n, Number(row![`c${i}`])]))
}

/** Injection and markup strings: SQL, HTML/JS, template syntax, path tricks, control and odd Unicode. */
export const NASTY: string[] = [
  `'; DROP TABLE family; --`,
  `" OR 1=1 --`,
  `1 UNION SELECT password_hash FROM staff_account`,
  `<script>alert(1)</script>`,
  `<img src=x onerror=alert(1)>`,
  `"><svg onload=alert(1)>`,
  `javascript:alert(1)`,
  `{{constructor.constructor('alert(1)')()}}`,
  '${process.exit(1)}',
  `{{name}} %s %n %x`,
  `../../../../etc/passwd`,
  `\u0000\u0001\u001b[31m`,
  `\u202e\u200b\ufeff`,
  `𠮷𠮷𠮷 👨‍👩‍👧`,
  `__proto__`,
  `constructor`,
  `a`.repeat(5000),
]

/** Arbitrary strings, weighted towards the nasty ones. */
export const nastyString = fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }))

/** Arbitrary JSON-ish values with nasty strings and prototype keys inside. */
export const nastyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    fc.integer(),
    fc.double(),
    fc.constantFrom(null, true, false, -1, 0, 2 ** 53, -(2 ** 63), 1e308),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(nastyString, fc.constantFrom('__proto__', 'constructor', 'prototype')), tie('value'), { maxKeys: 4 }),
  ),
})).value

/** The refusal shape every error has: `{error: {code, message}}` with a non-empty message. */
export function expectErrorShape(res: { status: number; body: any }, where: string): void {
  expect(res.body, `${where}: ${res.status} body`).toBeTypeOf('object')
  expect(res.body?.error?.code, `${where}: code`).toMatch(/^[a-z_]+$/)
  expect(typeof res.body?.error?.message, `${where}: message`).toBe('string')
  expect(res.body.error.message.length, `${where}: message`).toBeGreaterThan(0)
}
