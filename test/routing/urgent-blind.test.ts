/**
 * Urgency on messages written blind to the rules (issue 4: "missing an urgent message is the worst
 * error this service can make; a false alarm costs a staff member a minute").
 *
 * - urgent-blind.jsonl: written before the urgency rules were reworked (its figures before the
 *   rework: urgent recall 43/73, 58.9%); the rules were then generalised against it, so it is now a
 *   tuning set too. Its rows carry `kind`: urgent, lookalike (not urgent, but worded like danger)
 *   or multi (two or three needs, the main one first in `needs`).
 * - urgent-blind-2.jsonl: written after that first rework and scored without changes: recall 9/30
 *   (30%), false alarms 2/20. That showed the rules still did not generalise, so a second round of
 *   general signal families (time passing, no word from the child, sideways death wishes, marks and
 *   objects used on a child, secrets, torn clothes, everyday medical emergencies, pinyin) followed,
 *   looking at the kinds of miss, and batch 2 became a tuning set too.
 * - urgent-blind-3.jsonl: written after the second round and scored without changes: recall 5/30
 *   (16.7%), false alarms 3/20. Phrases do not generalise; a layer of signal categories followed
 *   (someone, a harmful act, a mark on the body, an absence, death talk, a dangerous place, fear,
 *   deprivation: two kinds of harm together, with time words, add up to urgent), so batch 3 is a
 *   tuning set too.
 * - urgent-blind-4.jsonl: written after the category layer and scored without changes: the honest
 *   estimate of how the router does on wording nobody has seen. Its bar is its first score.
 */
import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { routeMessage } from '../../src/domain/routing'

interface Row {
  city: string
  text: string
  service: string
  urgent: boolean
  kind: 'urgent' | 'lookalike' | 'multi'
  needs?: string[]
}

const load = (f: string): Row[] =>
  readFileSync(join(__dirname, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Row)

function urgency(rows: Row[]) {
  const urgent = rows.filter((r) => r.urgent)
  const lookalikes = rows.filter((r) => r.kind === 'lookalike')
  const missed = urgent.filter((r) => !routeMessage(r.text, r.city).urgent).map((r) => `MISSED URGENT: ${r.text}`)
  const alarms = lookalikes.filter((r) => routeMessage(r.text, r.city).urgent).map((r) => `FALSE ALARM: ${r.text}`)
  return { recall: 1 - missed.length / urgent.length, falseAlarms: alarms.length / lookalikes.length, urgent: urgent.length, lookalikes: lookalikes.length, report: [...missed, ...alarms].join('\n') }
}

describe('first blind set (written before the urgency rework)', () => {
  const rows = load('urgent-blind.jsonl')

  it('has the mix it promises: ≥ 70 urgent, ≥ 50 look-alikes, ≥ 40 multi-need messages', () => {
    expect(rows.filter((r) => r.urgent).length).toBeGreaterThanOrEqual(70)
    expect(rows.filter((r) => r.kind === 'lookalike').length).toBeGreaterThanOrEqual(50)
    expect(rows.filter((r) => r.kind === 'multi').length).toBeGreaterThanOrEqual(40)
  })

  it('catches ≥ 95% of the urgent messages, with false alarms on ≤ 10% of the look-alikes', () => {
    const m = urgency(rows)
    expect(m.recall, m.report).toBeGreaterThanOrEqual(0.95)
    expect(m.falseAlarms, m.report).toBeLessThanOrEqual(0.1)
  })

  it('puts the main need first in ≥ 90% of the multi-need messages, whether it is said first or last', () => {
    const multi = rows.filter((r) => r.kind === 'multi')
    const wrong = multi.filter((r) => routeMessage(r.text, r.city).needs[0] !== r.needs![0])
    expect(1 - wrong.length / multi.length, wrong.map((r) => `${r.needs!.join(',')}: ${r.text} → ${routeMessage(r.text, r.city).needs.join(',')}`).join('\n')).toBeGreaterThanOrEqual(0.9)
  })

  it('says why: an urgent message names the signs that made it urgent', () => {
    const r = routeMessage('娃说想去找去世的奶奶，这几天也不吃饭', 'jincheng')
    expect(r.urgent).toBe(true)
    expect(r.urgency.reasons.some((x) => x.startsWith('self_harm'))).toBe(true)
  })
})

describe('urgency frames: the same danger words, not urgent', () => {
  it.each([
    ['a scare told with its happy end', '吓死我了，孩子刚才在商场走丢了，已经找到了'],
    ['a threat shouted in a game', '孩子玩游戏老是喊要杀了你，是不是游戏有问题'],
    ['an ordinary half hour in a room', '家里打扫卫生，把孩子关在房间写作业半小时'],
    ['a parent in prison, the child looked after', '我哥坐牢了，侄子现在跟着我过，能领补贴吗'],
    ['a discount', '幼儿园学费能打折吗'],
    ['a grandmother fetching the child', '孩子被奶奶接走了，周末回来'],
    ['a parent not paid', '老板不给工资，我们生活困难'],
  ])('%s', (_why, text) => {
    expect(routeMessage(text, 'baotou').urgent).toBe(false)
  })

  it('but a scare that comes back after the happy end is urgent again', () => {
    expect(routeMessage('孩子上周走丢过，找到了，今天又不见了，电话打不通', 'baotou').urgent).toBe(true)
  })

  it('talk of suicide is not discounted by "if" or "next week"', () => {
    expect(routeMessage('儿子说他要是消失了大家就轻松了', 'shitai').urgent).toBe(true)
    expect(routeMessage("she keeps cutting herself and told her friend she won't be here next week", 'shitai').urgent).toBe(true)
  })
})

describe('second blind batch (first scored 9/30; tuned on since)', () => {
  const rows = load('urgent-blind-2.jsonl')

  it('has 30 urgent messages and 20 look-alikes', () => {
    expect(rows.filter((r) => r.urgent).length).toBe(30)
    expect(rows.filter((r) => r.kind === 'lookalike').length).toBe(20)
  })

  it('catches ≥ 80% of the urgent messages, with false alarms on ≤ 15% of the look-alikes', () => {
    const m = urgency(rows)
    expect(m.recall, m.report).toBeGreaterThanOrEqual(0.8)
    expect(m.falseAlarms, m.report).toBeLessThanOrEqual(0.15)
  })
})

describe('third blind batch (first scored 5/30; the category layer came after)', () => {
  const rows = load('urgent-blind-3.jsonl')

  it('catches ≥ 45% of the urgent messages, with false alarms on ≤ 10% of the look-alikes', () => {
    const m = urgency(rows)
    expect(m.recall, m.report).toBeGreaterThanOrEqual(0.45)
    expect(m.falseAlarms, m.report).toBeLessThanOrEqual(0.1)
  })
})

describe('fourth blind batch (written after the category layer, scored without changes)', () => {
  const rows = load('urgent-blind-4.jsonl')

  it('has 30 urgent messages and 20 look-alikes', () => {
    expect(rows.filter((r) => r.urgent).length).toBe(30)
    expect(rows.filter((r) => r.kind === 'lookalike').length).toBe(20)
  })

  // first (and only) score, 02:16 UTC: recall 7/30 (23.3%), false alarms 1/20 (5%). This is the
  // honest estimate for unseen wording and a floor against regressions, not a target.
  // Since the urgency model (urgency-model.ts) it is also in the model's training data, so this is no
  // longer an unseen-wording figure; test/routing/urgency-model.test.ts scores it with the model
  // re-trained without it (rules 7/30, rules + model 23/30, false alarms 1/20).
  it('catches at least the 7/30 it caught when first scored, with false alarms on ≤ 10% of the look-alikes', () => {
    const m = urgency(rows)
    expect(m.recall, m.report).toBeGreaterThanOrEqual(7 / 30 - 1e-9)
    expect(m.falseAlarms, m.report).toBeLessThanOrEqual(0.1)
  })
})

describe('multi-need ordering: the need asked about comes first', () => {
  it.each([
    ['main said last with 最急的是', '娃的医保还没办，这个不急，最急的是幼儿园，下个月就开学了，能插班吗', 'preschool', 'medical_insurance'],
    ['main said first, the other added with 另外', '孩子明年要上小学，外地户口怎么报名？另外他的医保也还没办', 'compulsory_education', 'medical_insurance'],
    ['main said last with 主要想问', '房租又涨了，孩子也要上学，我主要想问的是公租房怎么申请', 'housing', undefined],
    ['English, mainly', 'I also want to know about activities for kids, but mainly: how do I get a rent subsidy?', 'housing', undefined],
  ])('%s', (_why, text, main, other) => {
    const r = routeMessage(text, 'jincheng')
    expect(r.needs[0]).toBe(main)
    if (other) expect(r.needs).toContain(other)
  })

  it('a need said to be done does not come first', () => {
    const r = routeMessage('孩子体检做完了，医保也办了，就差上幼儿园，外地的能报吗', 'baotou')
    expect(r.service).toBe('preschool')
  })
})
