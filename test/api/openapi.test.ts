import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { z } from 'zod'
import type Router from '@koa/router'
import { describeEachDb } from '../support/context'
import { createApp } from '../../src/miniprogram-api/app'
import { startApi, type Api } from './http'

type Json = Record<string, any>
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

/** Every (method, path) the /api/v1 router serves, in OpenAPI form (`/me/children/{id}`). */
function mountedRoutes(app: ReturnType<typeof createApp>): string[] {
  const routers = app.middleware.map((m) => (m as unknown as { router?: Router }).router).filter((r): r is Router => Boolean(r))
  const api = routers.filter((r) => r.opts.prefix === '/api/v1')
  expect(api.length).toBeGreaterThan(0)
  const out = new Set<string>()
  for (const r of api)
    for (const layer of r.stack)
      for (const m of layer.methods) if (m !== 'HEAD' && m !== 'OPTIONS') out.add(`${m.toLowerCase()} ${String(layer.path).replace(/:([A-Za-z_]+)/g, '{$1}')}`)
  return [...out].sort()
}

/** A JSON Schema (OpenAPI 3.1 flavour) as a zod validator, with the document's components as $defs. */
function validator(schema: Json, components: Json): z.ZodType {
  const rewrite = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(rewrite) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === '$ref' && typeof x === 'string' ? x.replace('#/components/schemas/', '#/$defs/') : rewrite(x)])) : v
  const defs = rewrite(components) as Json
  const { example: _e, examples: _x, ...rest } = rewrite(schema) as Json
  return z.fromJSONSchema({ ...rest, $defs: defs } as never)
}

/** Every schema in the document that carries an example, with where it is. */
function schemasWithExamples(node: unknown, where: string, out: Array<{ where: string; schema: Json; example: unknown }>): void {
  if (!node || typeof node !== 'object') return
  if (Array.isArray(node)) return node.forEach((n, i) => schemasWithExamples(n, `${where}[${i}]`, out))
  const o = node as Json
  if ('example' in o && ('type' in o || '$ref' in o || 'anyOf' in o || 'oneOf' in o || 'enum' in o || 'allOf' in o || 'properties' in o)) out.push({ where, schema: o, example: o.example })
  if (Array.isArray(o.examples) && ('type' in o || 'properties' in o)) o.examples.forEach((ex: unknown, i: number) => out.push({ where: `${where}.examples[${i}]`, schema: o, example: ex }))
  for (const [k, v] of Object.entries(o)) if (k !== 'example' && k !== 'examples') schemasWithExamples(v, `${where}.${k}`, out)
}

/** The example a client would see for a schema, assembled from its parts' examples (undefined when a required part has none). */
function assembled(schema: Json, components: Json, depth = 0): unknown {
  if (depth > 12) return undefined
  if (schema.example !== undefined) return schema.example
  if (schema.$ref) return assembled(components[String(schema.$ref).split('/').pop()!] ?? {}, components, depth + 1)
  if (Array.isArray(schema.enum)) return schema.enum[0]
  if (schema.const !== undefined) return schema.const
  for (const k of ['anyOf', 'oneOf'] as const) if (Array.isArray(schema[k])) for (const s of schema[k]) { const v = assembled(s, components, depth + 1); if (v !== undefined) return v }
  if (schema.type === 'object' || schema.properties) {
    const out: Json = {}
    for (const [k, p] of Object.entries((schema.properties ?? {}) as Json)) {
      const v = assembled(p, components, depth + 1)
      if (v !== undefined) out[k] = v
      else if ((schema.required ?? []).includes(k)) return undefined
    }
    return out
  }
  if (schema.type === 'array') {
    const v = assembled(schema.items ?? {}, components, depth + 1)
    return v === undefined ? (schema.minItems ? undefined : []) : [v]
  }
  return undefined
}

describeEachDb('OpenAPI document', (h) => {
  let api: Api
  let doc: Json
  beforeAll(async () => {
    api = await startApi(h.ctx())
    const r = await api.call('GET', '/api/v1/openapi.json')
    expect(r.status).toBe(200)
    doc = r.body
  })
  afterAll(async () => {
    await api.close()
  })

  it('is OpenAPI 3.1 and lists every route mounted under /api/v1', () => {
    expect(doc.openapi).toBe('3.1.0')
    const documented = new Set(Object.entries(doc.paths as Json).flatMap(([p, ops]) => METHODS.filter((m) => ops[m]).map((m) => `${m} ${p}`)))
    const mounted = mountedRoutes(createApp(h.ctx()))
    expect(mounted).toContain('post /api/v1/auth/wx-login')
    expect(mounted).toContain('get /api/v1/openapi.json')
    expect(mounted.filter((r) => !documented.has(r))).toEqual([])
  })

  it('gives every operation a success response and the error shape', () => {
    for (const [p, ops] of Object.entries(doc.paths as Json))
      for (const m of METHODS) {
        const op = ops[m]
        if (!op) continue
        const codes = Object.keys(op.responses)
        expect(codes.some((c) => c.startsWith('2')), `${m} ${p}`).toBe(true)
        expect(op.responses['500']?.content?.['application/json']?.schema?.$ref, `${m} ${p}`).toBe('#/components/schemas/Error')
      }
  })

  it('every example validates against its own schema', () => {
    const components = (doc.components?.schemas ?? {}) as Json
    const found: Array<{ where: string; schema: Json; example: unknown }> = []
    schemasWithExamples(doc, '#', found)
    expect(found.length).toBeGreaterThan(2)
    const bad = found.filter((f) => !validator(f.schema, components).safeParse(f.example).success).map((f) => `${f.where}: ${JSON.stringify(f.example)}`)
    expect(bad).toEqual([])
  })

  it('examples assembled from the parts of each request and response body validate too', () => {
    const components = (doc.components?.schemas ?? {}) as Json
    let checked = 0
    const bad: string[] = []
    for (const [p, ops] of Object.entries(doc.paths as Json))
      for (const m of METHODS) {
        const op = ops[m]
        if (!op) continue
        const bodies: Array<[string, Json | undefined]> = [
          ['request', op.requestBody?.content?.['application/json']?.schema],
          ...Object.entries(op.responses as Json).filter(([c]) => c.startsWith('2')).map(([c, r]) => [`response ${c}`, (r as Json).content?.['application/json']?.schema] as [string, Json | undefined]),
        ]
        for (const [what, schema] of bodies) {
          if (!schema) continue
          const ex = assembled(schema, components)
          if (ex === undefined) continue
          checked++
          if (!validator(schema, components).safeParse(ex).success) bad.push(`${m} ${p} ${what}: ${JSON.stringify(ex).slice(0, 300)}`)
        }
      }
    expect(checked).toBeGreaterThan(0)
    expect(bad).toEqual([])
  })

  it('the validator used above does refuse a wrong example', () => {
    const components = (doc.components?.schemas ?? {}) as Json
    expect(validator({ $ref: '#/components/schemas/WxLoginBody' }, components).safeParse({ code: 42 }).success).toBe(false)
    expect(validator({ $ref: '#/components/schemas/WxLoginBody' }, components).safeParse({ code: 'dev:a' }).success).toBe(true)
  })
})
