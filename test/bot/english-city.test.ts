import { it, expect } from 'vitest'
import { describeEachDb } from '../support/context'
import { useHarness } from './harness'
import { findOrCreateIdentity, getIdentity } from '../../src/domain/identity/identity.service'
import { readFamily } from '../../src/domain/registry/registry.service'
import { PROVINCES } from '../../src/domain/registry/provinces'
import { parseCity, parsePlace } from '../../src/bot/flows/city'

/** Every capital and municipality of the place list by its usual English name, written by hand (not derived). */
const ENGLISH: Record<string, string> = {
  beijing: 'Beijing', tianjin: 'Tianjin', hebei: 'Shijiazhuang', shanxi: 'Taiyuan', 'inner-mongolia': 'Hohhot', liaoning: 'Shenyang',
  jilin: 'Changchun', heilongjiang: 'Harbin', shanghai: 'Shanghai', jiangsu: 'Nanjing', zhejiang: 'Hangzhou', anhui: 'Hefei',
  fujian: 'Fuzhou', jiangxi: 'Nanchang', shandong: 'Jinan', henan: 'Zhengzhou', hubei: 'Wuhan', hunan: 'Changsha', guangdong: 'Guangzhou',
  guangxi: 'Nanning', hainan: 'Haikou', chongqing: 'Chongqing', sichuan: 'Chengdu', guizhou: 'Guiyang', yunnan: 'Kunming', xizang: 'Lhasa',
  shaanxi: "Xi'an", gansu: 'Lanzhou', qinghai: 'Xining', ningxia: 'Yinchuan', xinjiang: 'Urumqi',
}

describeEachDb('bot: a city named by its English name alone', (h) => {
  const chat = useHarness(h)

  it('every city the place list knows is found by its English name without the province, alone or in a sentence', () => {
    expect(Object.keys(ENGLISH).sort()).toEqual(PROVINCES.map((p) => p.id).sort())
    for (const p of PROVINCES) {
      const en = ENGLISH[p.id]!
      for (const said of [en, en.toLowerCase(), `I live in ${en}`, `${en} city`, `We live in ${en}.`]) {
        expect({ said, province: parsePlace(said)?.provinceId }).toEqual({ said, province: p.id })
        expect(parsePlace(said)?.city).toBeTruthy()
      }
    }
    // the cities with their own list, by their English name, as before
    expect(parseCity('Jincheng')).toBe('jincheng')
    expect(parseCity('I live in Baotou')).toBe('baotou')
    // and not a word that is no city
    expect(parsePlace('Hello')).toBeUndefined()
  })

  async function untilCity(wx: string): Promise<ReturnType<typeof chat.parent>> {
    const p = chat.parent(wx)
    await p.send('你好')
    await p.send('1')
    await p.send('登记')
    await p.send('刘梅')
    await p.send('妈妈')
    expect(await p.send('跳过')).toContain('不在上面的列表里')
    return p
  }

  it('an English-only parent writes "Taiyuan" or "I live in Taiyuan": the Shanxi list, said plainly, and the next question', async () => {
    const p = await untilCity('wx-en-taiyuan')
    await p.send('English')
    const told = await p.send('Taiyuan')
    expect(told).toContain('Shanxi 太原 has not published its own service list yet')
    expect(told).toContain('Which district or county do you live in now?')

    const q = await untilCity('wx-en-taiyuan-2')
    await q.send('English')
    const sentence = await q.send('I live in Taiyuan')
    expect(sentence).toContain('Shanxi 太原 has not published its own service list yet')
    expect(sentence).not.toContain('We do not have a service list for that place')
  })

  it('in the Chinese flow "Taiyuan" says 太原, not the English word, and the family is placed in Shanxi', async () => {
    const p = await untilCity('wx-zh-taiyuan')
    const told = await p.send('Taiyuan')
    expect(told).toContain('山西省 太原还没有公布自己的服务清单，我们先给您看山西省的清单。')
    expect(told).not.toContain('Taiyuan')
    const hohhot = await untilCity('wx-zh-hohhot')
    expect(await hohhot.send('I live in Hohhot')).toContain('内蒙古自治区 呼和浩特还没有公布自己的服务清单')
    // the stored place is the same as for "太原"
    for (const answer of ['迎泽区', '跳过', '跳过', '河南省 周口市 郸城县', '2024-03-01', '没有', '小雨', '女', '2021-05-01', '3', '跳过', '没有']) await p.send(answer)
    expect(await p.send('2')).toContain('住在：山西省 太原 迎泽区')
    expect(await p.send('1')).toContain('登记好了')
    const id = await findOrCreateIdentity(h.ctx(), 'bot', 'wx-zh-taiyuan')
    const family = await readFamily(h.ctx(), (await getIdentity(h.ctx(), id.id)).familyId!, 'zh-CN')
    expect(family).toMatchObject({ jurisdiction: 'shanxi.taiyuan', city: '太原', servedBy: 'shanxi' })
  })
})
