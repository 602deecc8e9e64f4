/**
 * The bot, for families in places without their own list and for a second guardian:
 *   - a mother in Taiyuan types "太原" at the city question: told plainly she gets the Shanxi list,
 *     registers, and her checklist carries the notice;
 *   - a family in Hefei types "合肥"; one in 运城 types the city, then the province;
 *   - the mother says "加入家庭" and gets a code; the father (another WeChat contact) says
 *     "加入家庭", enters the code, his name and relation, reads the notice and joins: he sees the
 *     same children and checklist.
 */
import { it, expect } from 'vitest'
import { describeEachDb } from '../support/context'
import { useHarness } from './harness'
import { findOrCreateIdentity, getIdentity } from '../../src/domain/identity/identity.service'
import { readFamily } from '../../src/domain/registry/registry.service'

describeEachDb('bot: families without their own list, and a second guardian', (h) => {
  const chat = useHarness(h)

  const familyOf = async (wx: string) => {
    const id = await findOrCreateIdentity(h.ctx(), 'bot', wx)
    const familyId = (await getIdentity(h.ctx(), id.id)).familyId
    return familyId ? readFamily(h.ctx(), familyId, 'zh-CN') : null
  }

  /** Registration up to the city question; returns the bot's answer to `place`. */
  async function registerUntilPlace(wx: string, place: string): Promise<string> {
    const p = chat.parent(wx)
    await p.send('你好')
    await p.send('1')
    await p.send('登记')
    await p.send('刘梅')
    await p.send('妈妈')
    const city = await p.send('跳过')
    expect(city).toContain('不在上面的列表里')
    return p.send(place)
  }

  async function finishRegistration(wx: string): Promise<string> {
    const p = chat.parent(wx)
    await p.send('跳过') // street
    await p.send('跳过') // community
    await p.send('河南省 周口市 郸城县')
    await p.send('2024-03-01')
    await p.send('没有')
    await p.send('小雨')
    await p.send('女')
    await p.send('2021-05-01')
    await p.send('3')
    await p.send('跳过')
    await p.send('没有')
    const summary = await p.send('2')
    expect(summary).toContain('刘梅（妈妈）')
    return summary
  }

  it('registers a family in Taiyuan from "太原": the Shanxi list, said plainly, in the summary and the checklist', async () => {
    const r = await registerUntilPlace('wx-taiyuan', '太原')
    expect(r).toContain('山西省 太原还没有公布自己的服务清单，我们先给您看山西省的清单。')
    expect(r).toContain('哪个区或县')
    await chat.parent('wx-taiyuan').send('迎泽区')
    const summary = await finishRegistration('wx-taiyuan')
    expect(summary).toContain('住在：山西省 太原 迎泽区')
    const saved = await chat.parent('wx-taiyuan').send('1')
    expect(saved).toContain('登记好了')
    expect(saved).toContain('小雨：符合流动儿童条件')
    const family = await familyOf('wx-taiyuan')
    expect(family).toMatchObject({ jurisdiction: 'shanxi.taiyuan', city: '太原', servedBy: 'shanxi', district: '迎泽区' })

    const list = await chat.parent('wx-taiyuan').send('3')
    expect(list).toContain('您所在的地方还没有公布自己的清单，下面是山西省的清单。')
  })

  it('places "合肥" in Anhui (the national list), and asks the province for a city it cannot place', async () => {
    const hefei = await registerUntilPlace('wx-hefei', '合肥')
    expect(hefei).toContain('安徽省 合肥还没有公布自己的服务清单，我们先给您看全国的清单。')
    const yuncheng = await registerUntilPlace('wx-yuncheng', '运城')
    expect(yuncheng).toContain('运城在哪个省？')
    const told = await chat.parent('wx-yuncheng').send('山西')
    expect(told).toContain('山西省 运城还没有公布自己的服务清单，我们先给您看山西省的清单。')
    // A province alone: the city is asked next; a city with its own list is that list.
    const province = await registerUntilPlace('wx-province', '山西')
    expect(province).toContain('您住在山西省哪个市')
    const jincheng = await chat.parent('wx-province').send('晋城')
    expect(jincheng).not.toContain('还没有公布')
    expect(jincheng).toContain('哪个区或县')
    // Still the numbered list works as before.
    const listed = await registerUntilPlace('wx-listed', '长治')
    expect(listed).toContain('哪个区或县')
  })

  it('lets a parent who has not registered name such a place for the checklist too', async () => {
    const p = chat.parent('wx-visitor')
    await p.send('你好')
    await p.send('1')
    expect(await p.send('3')).toContain('不在上面的列表里')
    const asked = await p.send('安徽合肥')
    expect(asked).not.toContain('暂时没有这个地方')
    expect(asked).toContain('岁')
  })

  it('lets the mother give a joining code and the father join with it', async () => {
    const mum = chat.parent('wx-taiyuan')
    const given = await mum.send('加入家庭')
    const code = /加入码：(\d{6})/.exec(given)?.[1]
    expect(code).toBeTruthy()
    expect(given).toContain('只能用一次')

    const dad = chat.parent('wx-taiyuan-dad')
    await dad.send('你好')
    await dad.send('1')
    expect(await dad.send('加入家庭')).toContain('6位数字')
    expect(await dad.send('12345')).toContain('加入码是6位数字')
    expect(await dad.send(code!)).toContain('怎么称呼您')
    expect(await dad.send('张伟')).toContain('1 妈妈')
    expect(await dad.send('爸爸')).toContain('手机号')
    const notice = await dad.send('跳过')
    expect(notice).toContain('任何一位家人删除信息，全家的信息都会删除')
    expect((await familyOf('wx-taiyuan-dad'))).toBeNull()
    const joined = await dad.send('1')
    expect(joined).toContain('加入好了')
    expect(joined).toContain('小雨')

    const mumFamily = await familyOf('wx-taiyuan')
    const dadFamily = await familyOf('wx-taiyuan-dad')
    expect(dadFamily!.id).toBe(mumFamily!.id)
    expect(dadFamily!.guardians.map((g) => [g.name, g.relation])).toEqual([
      ['刘梅', 'mother'],
      ['张伟', 'father'],
    ])
    const list = await dad.send('3')
    expect(list).toContain('下面是山西省的清单')

    // The code worked once.
    const other = chat.parent('wx-stranger')
    await other.send('你好')
    await other.send('1')
    await other.send('加入家庭')
    await other.send(code!)
    await other.send('王五')
    await other.send('其他亲属')
    await other.send('跳过')
    const refused = await other.send('1')
    expect(refused).toContain('这个加入码不对')
    expect(await familyOf('wx-stranger')).toBeNull()
  })
})
