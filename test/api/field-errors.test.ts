import { it, expect } from 'vitest'
import { z } from 'zod'
import { fieldErrors } from '../../src/miniprogram-api/openapi'
import { issueMessage } from '../../src/domain/registry/registry.schemas'

const schema = z.object({ id: z.number().int().max(9), situations: z.array(z.string()).max(2), topic: z.string().max(3) })
const bad = { id: 99999999999, situations: ['a', 'b', 'c'], topic: 'abcdef' }

it('says a number is too large, a list has too many, a text is too long: each in its own words', () => {
  const r = schema.safeParse(bad)
  expect(r.success).toBe(false)
  expect(fieldErrors(r.error!, 'zh-CN')).toEqual([
    { path: 'id', message: '这个数字太大了，最大是 9。' },
    { path: 'situations', message: '选得太多了，最多选 2 个。' },
    { path: 'topic', message: '写得太长了，请写短一点（最多 3 个字）。' },
  ])
  expect(fieldErrors(r.error!, 'en').map((f) => f.message)).toEqual(['This number is too large (at most 9).', 'Too many chosen (at most 2).', 'This is too long (at most 3 characters).'])
  expect(r.error!.issues.map((i) => issueMessage(i, 'zh-CN'))).toEqual(['这个数字太大了，最大是 9。', '选得太多了，最多选 2 个。', '写得太长了，请写短一点（最多 3 个字）。'])
})

it('tells a missing field from one of the wrong kind, and names the choices', () => {
  const s = z.object({ id: z.coerce.number().int(), name: z.string(), sex: z.enum(['male', 'female']) })
  const given = { id: 'abc', sex: 'x' }
  const r = s.safeParse(given)
  expect(fieldErrors(r.error!, 'zh-CN', '', given)).toEqual([
    { path: 'id', message: '这一项的格式不对。' },
    { path: 'name', message: '这一项必须填写。' },
    { path: 'sex', message: '请从这些里选一个：male, female。' },
  ])
})
