/**
 * QA round 3: dates and names as parents type them. A grandparent's "2019年5月1号" and an English-only
 * parent's "June 1, 2018" / "March 2024" were refused (the moved-in question says a year and month
 * is enough); a name of zero-width spaces was accepted, and control characters were kept in names.
 */
import { it, expect } from 'vitest'
import { validateField } from '../../src/domain/registry/registry.schemas'
import { resolvePlace } from '../../src/domain/registry/places'

it('reads a date written with 号 or in English words', () => {
  expect(validateField('birthDate', '2019年5月1号', 'zh-CN')).toEqual({ ok: true, value: '2019-05-01' })
  expect(validateField('birthDate', 'June 1, 2018', 'en')).toEqual({ ok: true, value: '2018-06-01' })
  expect(validateField('birthDate', '1st June 2018', 'en')).toEqual({ ok: true, value: '2018-06-01' })
  expect(validateField('birthDate', 'Sept 9 2017', 'en')).toEqual({ ok: true, value: '2017-09-09' })
  expect(validateField('movedInOn', 'March 2024', 'en')).toEqual({ ok: true, value: '2024-03-01' })
  expect(validateField('movedInOn', '2024 march', 'en')).toEqual({ ok: true, value: '2024-03-01' })
  // still refused: no such day, a birth date without its day, words that are not months
  expect(validateField('birthDate', 'February 30, 2021', 'en')).toMatchObject({ ok: false })
  expect(validateField('birthDate', 'March 2024', 'en')).toMatchObject({ ok: false })
  expect(validateField('movedInOn', 'ma 2024', 'en')).toMatchObject({ ok: false })
  expect(validateField('movedInOn', 'mayday 2024', 'en')).toMatchObject({ ok: false })
})

it('drops invisible characters from names and places, and refuses a name of nothing visible', () => {
  expect(validateField('name', '王\u0000\u202e芳\u0007', 'zh-CN')).toEqual({ ok: true, value: '王芳' })
  expect(validateField('childName', '\u200b\u200b', 'zh-CN')).toEqual({ ok: false, message: '这一项必须填写。' })
  expect(validateField('hukouCounty', '郸城县\u200d', 'zh-CN')).toEqual({ ok: true, value: '郸城县' })
})

it('a county with its own list is found under its province even when the province has no list (安徽 石台 got the national list)', () => {
  expect(resolvePlace('anhui', '石台')).toEqual({ servedBy: 'shitai', placeId: null, city: null })
  expect(resolvePlace('anhui', '石台县')).toEqual({ servedBy: 'shitai', placeId: null, city: null })
  expect(resolvePlace('anhui', '合肥')).toMatchObject({ servedBy: 'national', city: '合肥' })
  expect(resolvePlace('shanxi', '晋城')).toEqual({ servedBy: 'jincheng', placeId: null, city: null })
  expect(resolvePlace('henan', '石台')).toMatchObject({ servedBy: 'national' })
})
