import { it, expect } from 'vitest'
import { describeEachDb } from '../support/context'
import { useHarness } from './harness'
import { findOrCreateIdentity, getIdentity } from '../../src/domain/identity/identity.service'
import { readFamily } from '../../src/domain/registry/registry.service'

describeEachDb('bot: self-registration of a family with two children', (h) => {
  const chat = useHarness(h)

  it('registers step by step with corrections, back, a restart in the middle, and a summary', async () => {
    const p = chat.parent('wx-wangfang')
    await p.send('你好')
    await p.send('1') // consent
    expect(await p.send('登记')).toContain('怎么称呼您')
    expect(await p.send('王芳')).toContain('1 妈妈')
    expect(await p.send('妈妈')).toContain('手机号')
    const badPhone = await p.send('138001380')
    expect(badPhone).toContain('手机号好像不对')
    expect(await p.send('13800138000')).toContain('哪个城市')
    expect(await p.send('长治')).toContain('哪个区或县')
    expect(await p.send('潞州区')).toContain('街道')
    expect(await p.send('跳过')).toContain('社区')
    expect(await p.send('英雄中路社区')).toContain('户口')
    expect(await p.send('河南周口')).toContain('省 市 县')
    expect(await p.send('河南省 周口市 郸城县')).toContain('搬来')
    expect(await p.send('2023-03-01')).toContain('居住证')

    // the bot restarts: a new Wechaty on the same database resumes at the same question
    await chat.restart()
    const resumed = await p.send('有')
    expect(resumed).toContain('第 1 个孩子')

    expect(await p.send('小明')).toContain('男孩还是女孩')
    expect(await p.send('1')).toContain('哪天出生')
    expect(await p.send('2019-13-01')).toContain('出生日期好像不对'.slice(2))
    expect(await p.send('2019年5月1日')).toContain('上学到哪一步')
    expect(await p.send('3')).toContain('身份证号')
    expect(await p.send('跳过')).toContain('都没有请回复')
    expect(await p.send('没有')).toContain('还有别的孩子')
    expect(await p.send('1')).toContain('第 2 个孩子')
    expect(await p.send('小红')).toContain('男孩还是女孩')
    expect(await p.send('女')).toContain('哪天出生')
    expect(await p.send('2016-09-10')).toContain('上学到哪一步')
    // back: correct the birth date
    expect(await p.send('上一步')).toContain('哪天出生')
    expect(await p.send('2016-09-01')).toContain('上学到哪一步')
    expect(await p.send('4')).toContain('身份证号')
    expect(await p.send('12345')).toContain('身份证号好像不对')
    expect(await p.send('跳过')).toContain('都没有请回复')
    expect(await p.send('1 5')).toContain('还有别的孩子')
    const summary = await p.send('2')
    expect(summary).toContain('王芳（妈妈）')
    expect(summary).toContain('河南省 周口市 郸城县')
    expect(summary).toContain('孩子：小明，男，2019-05-01 出生，幼儿园')
    expect(summary).toContain('孩子：小红，女，2016-09-01 出生，小学')
    expect(summary).toContain('低保家庭、事实无人抚养')

    // nothing is stored before the parent confirms
    const id = await findOrCreateIdentity(h.ctx(), 'bot', 'wx-wangfang')
    expect((await getIdentity(h.ctx(), id.id)).familyId).toBeNull()

    const saved = await p.send('1')
    expect(saved).toContain('登记好了')
    expect(saved).toContain('小明：符合流动儿童条件')

    const familyId = (await getIdentity(h.ctx(), id.id)).familyId!
    const family = await readFamily(h.ctx(), familyId, 'zh-CN')
    expect(family.jurisdiction).toBe('changzhi')
    expect(family.community).toBe('英雄中路社区')
    expect(family.consent?.version).toBeTruthy()
    expect(family.guardians[0]).toMatchObject({ name: '王芳', relation: 'mother', phone: '13800138000' })
    expect(family.children.map((c) => [c.name, c.sex, c.birthDate, c.schoolStage])).toEqual([
      ['小明', 'male', '2019-05-01', 'kindergarten'],
      ['小红', 'female', '2016-09-01', 'primary'],
    ])
    expect(family.children[1]!.situations).toEqual(['dibao_family', 'unsupported'])

    expect(await p.send('登记')).toContain('您已经登记过了（孩子：小明、小红）')
    expect(await p.send('1')).toContain('第 3 个孩子') // numbered after the two registered (QA3: it said 第 1 个)
    await p.send('小亮')
    await p.send('男')
    await p.send('2024-02-01')
    await p.send('1')
    await p.send('跳过')
    await p.send('没有')
    const onlyChild = await p.send('没有了')
    // the line number first, the child by its name: "2 孩子3：小亮" read as two numbers
    expect(onlyChild).toContain('\n2 孩子：小亮，男，2024-02-01 出生，没上学')
    expect(onlyChild).not.toMatch(/孩子\d/)
    expect(onlyChild).not.toContain('王芳（妈妈）')
    expect(await p.send('1')).toContain('登记好了')
    const again = await readFamily(h.ctx(), familyId, 'zh-CN')
    expect(again.children.map((c) => c.name)).toEqual(['小明', '小红', '小亮'])
  })

  it('starts over with 重填 and stores nothing without consent', async () => {
    const p = chat.parent('wx-noconsent')
    await p.send('你好')
    await p.send('2') // no consent at first contact
    const ask = await p.send('1')
    expect(ask).toContain('隐私说明')
    const no = await p.send('2')
    expect(no).toContain('不保存孩子的信息')
    await p.send('1')
    await p.send('1')
    await p.send('李军')
    const redo = await p.send('重填')
    expect(redo).toContain('从头再来')
    expect(redo).toContain('怎么称呼您')
  })

  it('asks for the district with an example from the family\'s own city', async () => {
    const p = chat.parent('wx-jincheng-district')
    await p.send('你好')
    await p.send('1')
    await p.send('登记')
    await p.send('赵敏')
    await p.send('1')
    await p.send('跳过')
    const district = await p.send('晋城')
    expect(district).toContain('哪个区或县')
    expect(district).toContain('比如：城区')
    expect(district).not.toContain('潞州区') // a district of Changzhi, not Jincheng
  })

  it('keeps every answer when the home place or the summary answer is unclear twice or more', async () => {
    const p = chat.parent('wx-hukou-twice')
    await p.send('你好')
    await p.send('1')
    await p.send('登记')
    await p.send('孙丽')
    await p.send('1')
    await p.send('13900139000')
    await p.send('长治')
    await p.send('跳过')
    await p.send('跳过')
    expect(await p.send('跳过')).toContain('户口')
    for (const unclear of ['河南周口', '老家', '周口那边']) {
      const again = await p.send(unclear)
      expect(again).toContain('省 市 县')
      expect(again).not.toContain('工作人员')
    }
    expect(await p.send('河南省 周口市 郸城县')).toContain('搬来')
    expect(await p.send('2023年3月')).toContain('居住证') // the question says a rough date is fine: year and month are taken
    await p.send('有')
    await p.send('小军')
    await p.send('1')
    await p.send('2018-04-01')
    await p.send('4')
    await p.send('跳过')
    await p.send('没有')
    await p.send('2')
    for (const unclear of ['嗯嗯', '啥意思']) expect(await p.send(unclear)).toContain('请核对一下')
    // the parent answered 没有 to the situations: the summary says so, not 'not filled in'
    const summary = await p.send('嗯')
    expect(summary).toContain('孩子：小军，男，2018-04-01 出生，小学，身份证号：没填，情况：没有')
    expect(summary).toContain('2023-03-01 搬来')
    const saved = await p.send('1')
    expect(saved).toContain('登记好了')
    const id = await findOrCreateIdentity(h.ctx(), 'bot', 'wx-hukou-twice')
    const family = await readFamily(h.ctx(), (await getIdentity(h.ctx(), id.id)).familyId!, 'zh-CN')
    expect(family.guardians[0]).toMatchObject({ name: '孙丽', phone: '13900139000' })
    expect(family.children.map((c) => c.name)).toEqual(['小军'])
  })
})
