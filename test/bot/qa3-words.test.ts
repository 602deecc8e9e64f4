/**
 * QA round 3, a new parent and a grandparent in chat: words that answer without naming a place
 * ("跳过", "没有", "我想想") were taken for a city (a family was registered in '河南省 跳过'), and the
 * province question then refused the list's own numbers forever; "好的" was saved as a name; "没有手机"
 * was refused at the optional phone question; "同意" typed at the menu after refusing asked for a city;
 * words the router cannot answer asked for the city first and only then said "没看懂"; a parent writing
 * English from the first message read the welcome in Chinese; a staff answer reaching a parent after a
 * "没看懂" did not take their reply (it became a second miss and a new question) and never said how to answer.
 */
import { it, expect } from 'vitest'
import { describeEachDb } from '../support/context'
import { useHarness } from './harness'
import { cityNotFound, parsePlace } from '../../src/bot/flows/city'
import { writtenInEnglish } from '../../src/bot/flows/welcome'
import { isChoiceAnswer, sexAnswer } from '../../src/bot/flows/register'
import { createStaff, getStaff } from '../../src/domain/staff/staff.service'
import { replyToFamily } from '../../src/domain/tickets/tickets.service'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

it('does not take an answer without a place for a city ("跳过在哪个省？")', () => {
  for (const words of ['跳过', '没有', '不知道', '我想想', '好的', '是的', '不清楚', '忘了']) expect(parsePlace(words), words).toBeUndefined()
  expect(parsePlace('郸城县')).toEqual({ city: '郸城县' })
  expect(parsePlace('山西太原')).toMatchObject({ provinceId: 'shanxi', city: '太原' })
  expect(cityNotFound('我想想')).toBe('city.notUnderstood')
  expect(cityNotFound('郸城县')).toBe('city.notFound')
})

it('an exact answer to a registration choice is never read as danger ("女孩" at the sex question got 110)', () => {
  for (const [step, text] of [['sex', '女孩'], ['sex', '女'], ['sex', 'girl'], ['schoolStage', '小学'], ['relation', '奶奶'], ['residencePermit', '有']] as const) expect(isChoiceAnswer(step, text), text).toBe(true)
  expect(isChoiceAnswer('sex', '孩子被他爸打了')).toBe(false)
  expect(isChoiceAnswer('childName', '女孩')).toBe(false)
})

it('reads the child\'s sex as a parent says it (the question asks 男孩还是女孩, and "女孩" was refused)', () => {
  expect(['女孩', '女', '是女孩', '女儿', '闺女', 'girl', 'Girl.', 'daughter', '2'].map(sexAnswer)).toEqual([...Array(8).fill('female'), undefined])
  expect(['男孩', '男', '儿子', 'boy', 'son'].map(sexAnswer)).toEqual(Array(5).fill('male'))
  expect(sexAnswer('不知道')).toBeUndefined()
})

it('hears a first message written in English, and only that', () => {
  expect(writtenInEnglish('Hello, I only read English')).toBe(true)
  expect(writtenInEnglish('my son needs a school')).toBe(true)
  for (const not of ['hi', '1', '你好 hello there', 'ok']) expect(writtenInEnglish(not), not).toBe(false)
})

describeEachDb('bot: a new parent and a grandparent, third QA round', (h) => {
  const chat = useHarness(h)

  it('a grandmother: "好的" is not a name, "没有手机" skips the phone, "跳过" and "没有" are not a city, the list still works', async () => {
    const p = chat.parent('wx-qa3-grandma')
    await p.send('在吗')
    await p.send('1')
    expect(await p.send('登记')).toContain('请问怎么称呼您')
    const ok = await p.send('好的')
    expect(await p.send('更多')).toContain('这好像不是名字')
    expect(ok).toContain('这好像不是名字')
    expect(ok).toContain('请问怎么称呼您')
    expect(await p.send('刘桂兰')).toContain('您是孩子的什么人')
    expect(await p.send('我是孩子奶奶')).toContain('手机号')
    expect(await p.send('没有手机')).toContain('住在哪个城市或县')
    const skip = await p.send('跳过')
    expect(skip).toContain('没看懂您住在哪里')
    expect(skip).not.toContain('在哪个省')
    expect(skip).toContain('3 晋城市')
    expect(await p.send('没有')).not.toContain('在哪个省')
    // a county not on the list: its province is asked; the list's number still works there, and 上一步 goes back
    const county = await p.send('郸城县')
    expect(county).toContain('郸城县在哪个省')
    const again = await p.send('好')
    expect(again).toContain('想回到城市列表，请回复“上一步”')
    expect(again).toContain('郸城县在哪个省')
    expect(await p.send('上一步')).toContain('住在哪个城市或县')
    await p.send('郸城县')
    expect(await p.send('3')).toContain('哪个区或县')
    await p.send('跳过')
    await p.send('跳过')
    await p.send('跳过')
    await p.send('河南 周口 郸城')
    await p.send('2023年5月')
    await p.send('有')
    await p.send('小宝')
    await p.send('1')
    await p.send('2019-05-01')
    await p.send('4')
    await p.send('跳过')
    await p.send('没有')
    const summary = await p.send('没了')
    expect(summary).toContain('您：刘桂兰（爷爷奶奶或外公外婆），手机：')
    expect(summary).toContain('住在：晋城市')
    expect(summary).not.toContain('跳过')
  })

  it('a registered parent choosing 1 is told how to add a child, numbered after the first; "女孩" at the sex question is an answer, not an emergency', async () => {
    const p = chat.parent('wx-qa3-second')
    await p.send('你好')
    await p.send('1')
    await p.send('1')
    for (const a of ['李梅', '1', '跳过', '3', '跳过', '跳过', '跳过', '河南 周口 郸城', '2024-03-01', '1', '王小明', '1', '2019-05-01', '4', '跳过', '没有', '2']) await p.send(a)
    expect(await p.send('1')).toContain('登记好了')
    await p.send('菜单')
    const again = await p.send('1')
    expect(again).toContain('您已经登记过了（孩子：王小明）')
    expect(again).toContain('要再添加一个孩子吗？回复 1 添加')
    expect(await p.send('1')).toContain('现在登记第 2 个孩子')
    expect(await p.send('王小红')).toContain('男孩还是女孩')
    const girl = await p.send('女孩')
    expect(girl).not.toContain('110')
    expect(girl).toContain('孩子哪天出生的')
    for (const a of ['2021-02-28', '3', '跳过', '没有']) await p.send(a)
    const summary = await p.send('2')
    expect(summary).toContain('孩子2：王小红，女')
    expect(await p.send('1')).toContain('王小红')
  })

  it('leaving registration half-way (菜单, 人工) keeps the answers; 1 carries on at the same question', async () => {
    const p = chat.parent('wx-qa3-halfway')
    await p.send('你好')
    await p.send('1')
    await p.send('1')
    for (const a of ['陈静', '1', '跳过', '3']) await p.send(a)
    const left = await p.send('菜单')
    expect(left).toContain('登记还没填完。填过的先帮您记着，以后回复 1 就能接着填。')
    expect(left).toContain('1 登记家庭和孩子')
    const back = await p.send('1')
    expect(back).toContain('接着上次的登记填')
    expect(back).toContain('哪个区或县')
    expect(await p.send('人工')).toContain('登记还没填完')
    await p.send('菜单')
    expect(await p.send('1')).toContain('哪个区或县')
    // 上一步 still works after coming back, and the summary has the answers given before leaving
    expect(await p.send('上一步')).toContain('住在哪个城市或县')
    for (const a of ['3', '跳过', '跳过', '跳过', '河南 周口 郸城', '2024-03-01', '1', '小亮', '男孩', '2020-01-01', '3', '跳过', '没有']) await p.send(a)
    const summary = await p.send('2')
    expect(summary).toContain('您：陈静（妈妈）')
    expect(await p.send('1')).toContain('登记好了')
    // saved: nothing is kept any more
    await p.send('菜单')
    expect(await p.send('1')).toContain('您已经登记过了（孩子：小亮）')
    // the official wording of an item says how to go on (it ended with the departments)
    await p.send('菜单')
    await p.send('3')
    await p.send('1')
    const official = await p.send('原文')
    expect(official).toContain('服务内容：')
    expect(official).toContain('回复“更多”接着看清单，回复别的数字看其他项。回复“菜单”做别的事（比如预约）。')
  })

  it('the checklist before registering takes a child\'s age in Chinese numerals ("四岁" was refused)', async () => {
    const p = chat.parent('wx-qa3-age')
    await p.send('你好')
    await p.send('1')
    await p.send('3')
    expect(await p.send('晋城')).toContain('孩子今年几岁')
    const four = await p.send('四岁')
    expect(four).toContain('【您的孩子，4岁】')
    await p.send('菜单')
    await p.send('3')
    // (the age is remembered; a new one is not asked)
    const again = chat.parent('wx-qa3-age2')
    await again.send('你好')
    await again.send('1')
    await again.send('3')
    await again.send('晋城')
    expect(await again.send('十一岁了')).toContain('【您的孩子，11岁】')
    const other = chat.parent('wx-qa3-age3')
    await other.send('你好')
    await other.send('1')
    await other.send('3')
    await other.send('晋城')
    expect(await other.send('两岁半')).toContain('【您的孩子，2岁】')
  })

  it('menu words typed as sound-alikes are understood (登纪, 预越: two of them handed the parent to staff); a menu word while a question is open is that choice', async () => {
    const p = chat.parent('wx-qa3-typos')
    await p.send('你好')
    await p.send('1')
    expect(await p.send('登纪')).toContain('请问怎么称呼您')
    await p.send('菜单')
    const book = await p.send('预越')
    expect(book).not.toContain('没看懂')
    expect(book).toContain('登记')
    await p.send('人工')
    await p.send('晋城')
    expect(await p.send('孩子上学的事想问问')).toMatch(/问题编号 \d+/)
    const list = await p.send('清单')
    expect(list).not.toContain('加到您的问题里')
    expect(list).toContain('孩子今年几岁')
    // sentences still join the open question
    await p.send('菜单')
    await p.send('人工')
    await p.send('想问问转学')
    expect(await p.send('孩子三年级了')).toContain('加到您的问题里')
  })

  it('changing one\'s mind: "同意" at the menu after refusing starts registration; "不同意" is heard; no city is asked', async () => {
    const p = chat.parent('wx-qa3-mind')
    await p.send('你好')
    expect(await p.send('2')).toContain('不登记也可以问问题')
    const no = await p.send('不同意')
    expect(no).toContain('不登记也可以问问题')
    expect(no).not.toContain('住在哪个城市')
    const yes = await p.send('同意')
    expect(yes).toContain('登记前请先看隐私说明')
    expect(yes).not.toContain('住在哪个城市')
    expect(await p.send('1')).toContain('请问怎么称呼您')
  })

  it('words the router cannot answer are "没看懂" at once, not a city question first', async () => {
    const p = chat.parent('wx-qa3-unclear')
    await p.send('你好')
    await p.send('2')
    const r = await p.send('我想想再说')
    expect(r).toContain('没看懂')
    expect(r).not.toContain('住在哪个城市')
    // a question we can answer still asks where they live first
    expect(await p.send('孩子想上幼儿园')).toContain('住在哪个城市')
  })

  it('a parent who writes English from the first message reads the welcome in English; the pending words are not a question', async () => {
    const p = chat.parent('wx-qa3-english')
    const hello = await p.send('Hello, I only read English')
    expect(hello).toContain('Do you agree? Reply 1 for yes, 2 for no.')
    expect(hello).not.toContain('您好')
    const menu = await p.send('1')
    expect(menu).toContain('Thank you!')
    expect(menu).toContain('1 Register your family and children')
    expect(menu).not.toContain('Sorry, I did not understand')
    expect(menu).not.toContain('Which city')
    // a Chinese first message still gets Chinese, with the way to English said in the welcome
    const zh = chat.parent('wx-qa3-zh')
    expect(await zh.send('你好')).toContain('English: reply "English".')
  })

  it('a staff answer after a "没看懂": the parent\'s reply joins the answered question, and the answer says how to reply', async () => {
    const ctx = h.ctx()
    const admin = await createStaff(ctx, { username: 'qa3.admin', password: 'qa3-secret-pass', role: 'admin' })
    const p = chat.parent('wx-qa3-answer')
    await p.send('你好')
    await p.send('1')
    await p.send('人工')
    await p.send('晋城')
    const sent = await p.send('孩子上学的事我想当面问问')
    const ticketId = Number(sent.match(/问题编号 (\d+)/)![1])
    await p.send('菜单')
    expect(await p.send('好的，谢谢，明天几点关门？')).toContain('没看懂')
    await replyToFamily(ctx, await getStaff(ctx, admin.id), ticketId, '社区服务中心下午5点半关门。')
    const end = Date.now() + 5000
    while (!p.inbox.some((l) => l.includes('下午5点半关门')) && Date.now() < end) await sleep(50)
    const answer = p.inbox.find((l) => l.includes('下午5点半关门'))!
    expect(answer).toContain('想接着说，直接回复这条消息就可以。')
    const back = await p.send('好的谢谢，那我下午去')
    expect(back).toContain(`问题编号 ${ticketId}`)
    expect(back).not.toContain('没能帮上忙')
  })
})
