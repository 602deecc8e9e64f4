/**
 * QA round 2, the words of registration and the checklist in chat: a name that is only digits or
 * punctuation is refused with a plain correction (a child named "1" was accepted); the
 * residence-permit question takes 1/2 as well as 有/没有 and yes/no; the English summary leaves out
 * a district not given (it read "Jincheng not given"); the checklist line does not repeat the item's
 * title in its reason.
 */
import { it, expect } from 'vitest'
import { describeEachDb } from '../support/context'
import { useHarness } from './harness'
import { permitAnswer, relationAnswer } from '../../src/bot/flows/register'
import { parseCity, parseOwnListCity } from '../../src/bot/flows/city'

it('reads the residence-permit answer as parents type it', () => {
  for (const yes of ['1', '有', '有的', '有居住证', 'yes', 'Yes.', '有。']) expect(permitAnswer(yes)).toBe(true)
  for (const no of ['2', '没有', '没', '还没办', 'no', 'No', 'not yet']) expect(permitAnswer(no)).toBe(false)
  for (const unclear of ['3', '不知道', 'maybe']) expect(permitAnswer(unclear)).toBeUndefined()
})

it('reads the relation as a grandparent or parent says it ("奶奶" was refused: only 3 or the list\'s whole label worked)', () => {
  expect(['奶奶', '我是奶奶', '孩子的外婆', '姥爷', 'Grandma', 'I am his grandpa'].map(relationAnswer)).toEqual(Array(6).fill('grandparent'))
  expect(['孩子他妈', '妈', 'mum'].map(relationAnswer)).toEqual(['mother', 'mother', 'mother'])
  expect(['爸爸', 'dad'].map(relationAnswer)).toEqual(['father', 'father'])
  expect(['姑姑', 'uncle'].map(relationAnswer)).toEqual(['other_relative', 'other_relative'])
  expect(relationAnswer('3')).toBeUndefined() // numbers are the list's
  expect(relationAnswer('邻居')).toBeUndefined()
})

it('takes a sound-alike of a city with its own list (晋成 was read as an unknown city, and the hukou answer then became its province)', () => {
  expect(parseOwnListCity('晋成')).toBe('jincheng')
  expect(parseOwnListCity('进城市')).toBe('jincheng')
  expect(parseCity('常治')).toBe('changzhi')
  expect(parseOwnListCity('包头')).toBe('baotou')
  expect(parseOwnListCity('太原')).toBeNull()
  expect(parseOwnListCity('没有')).toBeNull()
})

describeEachDb('bot: names, the residence permit, the English summary, the checklist line', (h) => {
  const chat = useHarness(h)

  it('in English: refuses "1" and "..." as names, takes 2 for no permit, and the summary reads plainly', async () => {
    const p = chat.parent('wx-words-en')
    await p.send('hello')
    await p.send('English')
    await p.send('yes')
    expect(await p.send('register')).toContain('What is your name')
    const digits = await p.send('1')
    expect(digits).toContain('That does not look like a name. Please write the name in letters, for example: Wang Fang.')
    expect(digits).toContain('What is your name')
    expect(await p.send('Li Na')).toContain('How are you related')
    await p.send('1')
    await p.send('skip')
    await p.send('Jincheng')
    await p.send('skip') // district
    await p.send('skip') // street
    await p.send('skip') // community
    await p.send('Henan Zhoukou Dancheng')
    const permit = await p.send('2023-03-01')
    expect(permit).toContain('Reply 1 for yes, 2 for no')
    expect(await p.send('2')).toContain('child number 1')
    const child = await p.send('...')
    expect(child).toContain('That does not look like a name')
    expect(child).toContain('Xiaoming')
    await p.send('Xiaoming')
    await p.send('1')
    await p.send('2021-04-01')
    await p.send('3')
    await p.send('skip')
    await p.send('none')
    const summary = await p.send('no')
    expect(summary).toContain('No residence permit')
    expect(summary).toMatch(/Living in: [^,\n]+, street: not given, community: not given/)
    expect(summary).not.toMatch(/Jincheng not given/i)
    expect(summary).toContain('Xiaoming')
    // the line number first, the child by its name (not "6 Child 1: …")
    expect(summary).toContain('\n6 Child: Xiaoming, boy, born 2021-04-01')
    expect(summary).not.toMatch(/Child \d/)
  })

  it('in Chinese: refuses "123" as a child name, takes 1 for a permit; the checklist line does not repeat the title', async () => {
    const p = chat.parent('wx-words-zh')
    await p.send('你好')
    await p.send('1')
    await p.send('登记')
    expect(await p.send('。。')).toContain('这好像不是名字。请用字写名字，比如：王芳。')
    await p.send('王芳')
    expect(await p.send('我是孩子奶奶')).toContain('手机号')
    await p.send('跳过')
    await p.send('晋城')
    await p.send('跳过')
    await p.send('跳过')
    await p.send('跳过')
    await p.send('河南省 周口市 郸城县')
    expect(await p.send('2023-03-01')).toContain('有请回复 1，没有请回复 2')
    expect(await p.send('1')).toContain('第 1 个孩子')
    expect(await p.send('123')).toContain('比如：小明')
    await p.send('小明')
    await p.send('1')
    await p.send('2021-04-01')
    await p.send('3')
    await p.send('跳过')
    await p.send('没有')
    const summary = await p.send('没有')
    expect(summary).toContain('有居住证')
    expect(summary).toContain('住在：晋城')
    expect(summary).not.toContain('晋城市 没填')
    await p.send('1') // confirm
    const list = await p.send('3')
    const line = list.split('\n').find((l) => l.startsWith('1 '))!
    expect(line).toBeDefined()
    const [title, reason] = line.slice(2).split('：')
    expect(reason).toMatch(/^(因为.+，)?.*可以用这项服务。$/)
    expect(reason).not.toContain(title!)
  })
})
