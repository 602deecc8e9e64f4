import { it, expect } from 'vitest'
import { describeEachDb } from '../support/context'
import { useHarness } from './harness'
import { getIdentity, findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { readFamily } from '../../src/domain/registry/registry.service'

describeEachDb('bot: changing one line of the registration summary by its number', (h) => {
  const chat = useHarness(h)

  it('a line\'s number goes straight back to that question, then back to the summary; every other answer is kept', async () => {
    const p = chat.parent('wx-summary-lines')
    await p.send('你好')
    await p.send('1') // consent
    await p.send('登记')
    await p.send('王芳')
    await p.send('妈妈')
    await p.send('跳过')
    await p.send('长治')
    await p.send('潞州区')
    await p.send('跳过')
    await p.send('英雄中路社区')
    await p.send('河南省 周口市 郸城县')
    await p.send('2023-03-01')
    await p.send('有')
    await p.send('小明')
    await p.send('男')
    await p.send('2019-05-01')
    await p.send('3')
    await p.send('跳过')
    await p.send('没有')
    await p.send('1')
    await p.send('小红')
    await p.send('女')
    await p.send('2016-09-01')
    await p.send('4')
    await p.send('跳过')
    await p.send('没有')
    const summary = await p.send('没有了')
    expect(summary).toContain('2 您：王芳（妈妈），手机：没填')
    expect(summary).toContain('\n4 户口：河南省 周口市 郸城县，2023-03-01 搬来')
    expect(summary).toContain('\n5 有居住证')
    expect(summary).toContain('\n6 孩子：小明，男，2019-05-01 出生')
    expect(summary).toContain('\n7 孩子：小红，女，2016-09-01 出生，小学')
    expect(summary).toContain('要改哪一行，就回复那一行前面的数字，改完会回到这里')

    // the hukou line: its two questions, then the summary again
    expect(await p.send('4')).toContain('户口')
    expect(await p.send('河南省 信阳市 固始县')).toContain('搬来')
    const afterHukou = await p.send('2022-08-01')
    expect(afterHukou).toContain('请核对一下')
    expect(afterHukou).toContain('4 户口：河南省 信阳市 固始县，2022-08-01 搬来')
    expect(afterHukou).toContain('2 您：王芳（妈妈）')
    expect(afterHukou).toContain('6 孩子：小明，男，2019-05-01 出生')

    // the second child's line: that child's questions (numbered as the 2nd), the child replaced, not added
    expect(await p.send('7')).toContain('第 2 个孩子')
    await p.send('小丽')
    await p.send('女')
    await p.send('2017-01-02')
    await p.send('4')
    await p.send('跳过')
    const afterChild = await p.send('1')
    expect(afterChild).toContain('7 孩子：小丽，女，2017-01-02 出生，小学')
    expect(afterChild).toContain('6 孩子：小明')
    expect(afterChild).not.toContain('小红')
    expect(afterChild).not.toContain('\n8 ')
    expect(afterChild).not.toMatch(/孩子\d/)
    expect(afterChild).not.toContain('还有别的孩子')

    // the guardian line: the phone given now
    expect(await p.send('2')).toContain('怎么称呼您')
    await p.send('王芳')
    await p.send('妈妈')
    expect(await p.send('13800138000')).toContain('2 您：王芳（妈妈），手机：13800138000')

    // nothing stored until the parent confirms; then every answer as last shown
    const id = await findOrCreateIdentity(h.ctx(), 'bot', 'wx-summary-lines')
    expect((await getIdentity(h.ctx(), id.id)).familyId).toBeNull()
    expect(await p.send('1')).toContain('登记好了')
    const family = await readFamily(h.ctx(), (await getIdentity(h.ctx(), id.id)).familyId!, 'zh-CN')
    expect(family.hukou).toEqual({ province: '河南省', city: '信阳市', county: '固始县' })
    expect(family.movedInOn).toBe('2022-08-01')
    expect(family.community).toBe('英雄中路社区')
    expect(family.guardians[0]).toMatchObject({ name: '王芳', phone: '13800138000' })
    expect(family.children.map((c) => [c.name, c.birthDate, c.situations])).toEqual([
      ['小明', '2019-05-01', []],
      ['小丽', '2017-01-02', ['dibao_family']],
    ])
  })
})
