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

type Schema = { $ref?: string; type?: string | string[]; enum?: unknown[]; example?: unknown; properties?: Record<string, Schema>; required?: string[]; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; minimum?: number; format?: string; pattern?: string }

/**
 * A valid-looking value for an OpenAPI schema: its example when it has one, else the first enum
 * value, else a small value of its type with every required property. `override` puts chosen
 * values (another family's ids) into properties of that name wherever they occur.
 */
export function sampleFromSchema(schema: Schema | undefined, doc: { components?: { schemas?: Record<string, Schema> } }, override: Record<string, unknown> = {}, depth = 0): unknown {
  if (!schema || depth > 6) return undefined
  if (schema.$ref) return sampleFromSchema(doc.components?.schemas?.[schema.$ref.split('/').pop()!], doc, override, depth + 1)
  if (schema.properties) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(schema.properties)) {
      if (k in override) out[k] = override[k]
      else if (schema.required?.includes(k) || v.example !== undefined) out[k] = sampleFromSchema(v, doc, override, depth + 1)
    }
    return out
  }
  if (schema.example !== undefined) return schema.example
  if (schema.enum?.length) return schema.enum[0]
  const alt = schema.anyOf ?? schema.oneOf ?? schema.allOf
  if (alt?.length) return sampleFromSchema(alt.find((a) => a.type !== 'null') ?? alt[0], doc, override, depth + 1)
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type
  if (type === 'array') return [sampleFromSchema(schema.items, doc, override, depth + 1)].filter((v) => v !== undefined)
  if (type === 'integer' || type === 'number') return Math.max(1, schema.minimum ?? 1)
  if (type === 'boolean') return true
  if (type === 'string') return schema.format === 'date' || schema.pattern?.includes('\\d{4}') ? '2026-03-02' : '需要帮助'
  if (type === 'object') return {}
  return undefined
}
