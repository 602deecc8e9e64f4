import { it, expect, vi } from 'vitest'
import { describeEachDb } from '../support/context'
import { useHarness } from './harness'
import { findOrCreateIdentity, getIdentity } from '../../src/domain/identity/identity.service'
import { readFamily } from '../../src/domain/registry/registry.service'

/**
 * A place the content cannot serve at all (resolvePlace finds no list, not even the national one):
 * with today's content every named place falls back to a list, so this one name is made unresolvable;
 * everything else is the real domain.
 */
const NOWHERE = '无名村'
vi.mock('../../src/domain/registry/places', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/domain/registry/places')>()
  return { ...real, resolvePlace: (j: string, city?: string | null) => (city?.trim() === NOWHERE ? undefined : real.resolvePlace(j, city)) }
})

describeEachDb('bot: a place that cannot be resolved at the city question', (h) => {
  const chat = useHarness(h)

  it('asks the city again with an example from the list; the name, relation and phone already given are kept', async () => {
    const p = chat.parent('wx-place-unknown')
    await p.send('你好')
    await p.send('1') // consent
    await p.send('登记')
    await p.send('王芳')
    await p.send('妈妈')
    expect(await p.send('13800138000')).toContain('请回复数字')
    const again = await p.send(`河南 ${NOWHERE}`)
    // told plainly what to write, with an example from the list, and the list again
    expect(again).toContain('没找到这个地方')
    expect(again).toMatch(/比如回复 1，就是[^\s，。]+/)
    expect(again).toContain('请回复数字')
    expect(again).toContain('山西 太原')
    expect(again).not.toContain('怎么称呼您')
    // the city now: on to the district, and the answers before it are still there
    expect(await p.send('长治')).toContain('区')
    await p.send('潞州区')
    await p.send('跳过')
    await p.send('跳过')
    await p.send('河南省 周口市 郸城县')
    await p.send('2023-03-01')
    await p.send('有')
    await p.send('小明')
    await p.send('男')
    await p.send('2019-05-01')
    await p.send('3')
    await p.send('跳过')
    await p.send('没有')
    const summary = await p.send('没有了')
    expect(summary).toContain('2 您：王芳（妈妈），手机：13800138000')
    expect(summary).toContain('3 住在：长治市 潞州区')

    // changing the place line from the summary: an unknown place, then a known one; the child and the rest kept
    expect(await p.send('3')).toContain('请回复数字')
    expect(await p.send(NOWHERE)).toContain('在哪个省')
    const province = await p.send('河南') // the province asked after the city: still no place
    expect(province).toContain('没找到这个地方')
    expect(province).toContain('请回复数字')
    await p.send('晋城')
    await p.send('城区')
    await p.send('跳过')
    const back = await p.send('跳过')
    expect(back).toContain('请核对一下')
    expect(back).toContain('2 您：王芳（妈妈），手机：13800138000')
    expect(back).toContain('3 住在：晋城市 城区')
    expect(back).toContain('4 户口：河南省 周口市 郸城县，2023-03-01 搬来')
    expect(back).toContain('小明，男，2019-05-01 出生')
    expect(back).not.toContain('还有别的孩子')

    expect(await p.send('1')).toContain('登记好了')
    const id = await findOrCreateIdentity(h.ctx(), 'bot', 'wx-place-unknown')
    const family = await readFamily(h.ctx(), (await getIdentity(h.ctx(), id.id)).familyId!, 'zh-CN')
    expect(family.guardians[0]).toMatchObject({ name: '王芳', relation: 'mother', phone: '13800138000' })
    expect(family.jurisdiction).toBe('jincheng')
    expect(family.children.map((c) => c.name)).toEqual(['小明'])
  })

  it('in English too: the question again, with an example from the list, then on to the district', async () => {
    const p = chat.parent('wx-place-unknown-en')
    await p.send('hello')
    await p.send('English')
    await p.send('yes')
    await p.send('register')
    await p.send('Li Na')
    await p.send('mother')
    await p.send('skip')
    const again = await p.send(`Henan ${NOWHERE}`)
    expect(again).toContain('could not find that place')
    expect(again).toMatch(/for example reply 1 for \S+/)
    expect(await p.send('Changzhi')).toMatch(/district/i)
  })
})
