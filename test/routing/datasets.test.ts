/**
 * Targets on labelled sets: the development set (../shared/eval/routing-dev.jsonl) and our own
 * holdout set written without looking at the dev messages (test/routing/holdout.jsonl), and a
 * regression set of messages the router once got wrong (test/routing/regression.jsonl).
 * Service accuracy ≥ 95%, every urgent message caught, false alarms ≤ 3% of the others.
 */
import { describe, it, expect } from 'vitest'
import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { routeMessage } from '../../src/domain/routing'
import { SERVICE_KEYS } from '../../src/content/vocabulary'

interface Row {
  city: string
  text: string
  service: string
  urgent: boolean
  needs?: string[]
}

const root = join(__dirname, '..', '..')
const DEV = join(root, '..', 'shared', 'eval', 'routing-dev.jsonl')
const HOLDOUT = join(__dirname, 'holdout.jsonl')
/** Messages written while building the router (its weak spots once); kept so they stay fixed. */
const REGRESSION = join(__dirname, 'regression.jsonl')
const load = (f: string): Row[] => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Row)

function measure(rows: Row[]) {
  let right = 0
  let urgentCaught = 0
  let urgentTotal = 0
  let falseAlarms = 0
  const wrong: string[] = []
  for (const r of rows) {
    const x = routeMessage(r.text, r.city)
    if (x.service === r.service) right++
    else wrong.push(`${r.service} → ${x.service}: ${r.text}`)
    if (r.urgent) {
      urgentTotal++
      if (x.urgent) urgentCaught++
      else wrong.push(`MISSED URGENT: ${r.text}`)
    } else if (x.urgent) {
      falseAlarms++
      wrong.push(`FALSE ALARM: ${r.text}`)
    }
  }
  return { accuracy: right / rows.length, urgentCaught, urgentTotal, falseAlarmRate: falseAlarms / (rows.length - urgentTotal), wrong }
}

/**
 * A batch of 110 messages by an outside writer who never saw the router (12 urgent, every service key
 * and none), held to the figures it reached: at least `service` right, every urgent message caught, at
 * most `falseAlarms` false alarms (at least `urgent` urgent messages caught where a batch's first score missed
 * some). Each batch's history is in the comment above its call.
 */
function outsideBatch(title: string, file: string, bars: { service: number; falseAlarms: number; urgent?: number; check: string }): void {
  describe(title, () => {
    const rows = load(join(__dirname, file))

    it('covers every service key and none, with urgent messages among them', () => {
      expect(rows.length).toBe(110)
      const services = new Set(rows.map((r) => r.service))
      for (const k of [...SERVICE_KEYS, 'none']) expect(services.has(k), k).toBe(true)
      expect(rows.filter((r) => r.urgent).length).toBe(12)
    })

    it(bars.check, () => {
      const m = measure(rows)
      const report = m.wrong.join('\n')
      expect(Math.round(m.accuracy * rows.length), report).toBeGreaterThanOrEqual(bars.service)
      if (bars.urgent === undefined) expect(m.urgentCaught, report).toBe(m.urgentTotal)
      else expect(m.urgentCaught, report).toBeGreaterThanOrEqual(bars.urgent)
      expect(Math.round(m.falseAlarmRate * (rows.length - m.urgentTotal)), report).toBeLessThanOrEqual(bars.falseAlarms)
    })
  })
}

describe.skipIf(!existsSync(DEV))('development set targets', () => {
  it('service accuracy ≥ 95%, every urgent caught, false alarms ≤ 3%', () => {
    const m = measure(load(DEV))
    expect(m.accuracy, m.wrong.join('\n')).toBeGreaterThanOrEqual(0.95)
    expect(m.urgentCaught, m.wrong.join('\n')).toBe(m.urgentTotal)
    expect(m.falseAlarmRate, m.wrong.join('\n')).toBeLessThanOrEqual(0.03)
  })
})

describe('holdout set (ours, written blind to the dev messages)', () => {
  const rows = load(HOLDOUT)

  it('is a real second set: ≥ 150 messages, every service key and none, both languages, urgent ones', () => {
    expect(rows.length).toBeGreaterThanOrEqual(150)
    const services = new Set(rows.map((r) => r.service))
    for (const k of [...SERVICE_KEYS, 'none']) expect(services.has(k), k).toBe(true)
    expect(rows.some((r) => !/[\u4e00-\u9fff]/.test(r.text))).toBe(true)
    expect(rows.filter((r) => r.urgent).length).toBeGreaterThanOrEqual(10)
    expect(rows.filter((r) => r.needs && r.needs.length > 1).length).toBeGreaterThanOrEqual(3)
  })

  it('service accuracy ≥ 95%, every urgent caught, false alarms ≤ 3%', () => {
    const m = measure(rows)
    expect(m.accuracy, m.wrong.join('\n')).toBeGreaterThanOrEqual(0.95)
    expect(m.urgentCaught, m.wrong.join('\n')).toBe(m.urgentTotal)
    expect(m.falseAlarmRate, m.wrong.join('\n')).toBeLessThanOrEqual(0.03)
  })

  it('finds every need of the multi-need messages', () => {
    for (const r of rows.filter((x) => x.needs && x.needs.length > 1)) {
      const x = routeMessage(r.text, r.city)
      expect(x.needs, r.text).toEqual(expect.arrayContaining(r.needs!))
    }
  })
})

describe('regression set (messages that once failed while the router was built)', () => {
  it('service accuracy ≥ 95%, every urgent caught, false alarms ≤ 3%', () => {
    const m = measure(load(REGRESSION))
    expect(m.accuracy, m.wrong.join('\n')).toBeGreaterThanOrEqual(0.95)
    expect(m.urgentCaught, m.wrong.join('\n')).toBe(m.urgentTotal)
    expect(m.falseAlarmRate, m.wrong.join('\n')).toBeLessThanOrEqual(0.03)
  })
})

/**
 * Blind batch 7 (test/routing/blind-7.jsonl): 110 messages written by someone who never saw the
 * router, labelled by them, committed as they came. Scored before any change: service 94/110
 * (85.5%), urgent 11/12, false alarms 1/98. After the one improvement round run on it (see the router
 * README): service 109/110, urgent 12/12, false alarms 1/98. The bars below are those figures, so any
 * regression fails; it is a tuning set now, not an unseen-wording estimate. The two left: a child thrown
 * out at night (labelled guardianship_care; the router keeps the sets' convention, guardianship_support)
 * and a family whose gas explosion burnt a child's hand, no money for hospital (labelled not urgent; the
 * router calls it urgent: the child is hurt and untreated, and it leans to recall).
 */
outsideBatch('blind batch 7 (110 messages by an outside writer; one improvement round run on it)', 'blind-7.jsonl', { service: 109, falseAlarms: 1, check: 'keeps the service, urgent and false-alarm figures it reached (no regression)' })

/**
 * Blind batch 6 (test/routing/blind-6.jsonl): 110 messages written by someone who never saw the
 * router, labelled by them, committed as they came and held out until batch 7's round was done.
 * Honest scores: before batch 7's round service 102/110, urgent 12/12, false alarms 4/98; after it
 * (never seen by that round) 103/110, 12/12, 4/98. After the round run on it (see the router README):
 * service 110/110, urgent 12/12, false alarms 0/98. The bars below are those figures, so any regression
 * fails; it is a tuning set now, not an unseen-wording estimate.
 */
outsideBatch('blind batch 6 (110 messages by an outside writer; held out until batch 7 was done, then one improvement round)', 'blind-6.jsonl', { service: 110, falseAlarms: 0, check: 'keeps the service, urgent and false-alarm figures it reached (no regression)' })

/**
 * Blind batch 8 (test/routing/blind-8.jsonl): 110 messages written by someone who never saw the
 * router, labelled by them, committed as they came and held out until batch 6's round was done.
 * Honest scores: after batch 7's round service 100/110, urgent 12/12, false alarms 3/98; after batch 6's
 * round (never seen by that round) 102/110, 12/12, 3/98. After the round run on it (see the router README):
 * service 109/110, urgent 12/12, false alarms 0/98. The one left: a child thrown out by his father, sleeping under a
 * bridge (labelled guardianship_care; the router keeps the sets' convention, guardianship_support). The bars below are
 * those figures, so any regression fails; it is a tuning set now, not an unseen-wording estimate.
 */
outsideBatch('blind batch 8 (110 messages by an outside writer; held out until batch 6 was done, then one improvement round)', 'blind-8.jsonl', { service: 109, falseAlarms: 0, check: 'keeps the service, urgent and false-alarm figures it reached (no regression)' })

/**
 * Blind batch 9 (test/routing/blind-9.jsonl): 110 messages written by someone who never saw the
 * router, labelled by them, committed as they came and held out until batch 8's round was done.
 * Honest score after batch 6's round (never seen by any round): service 103/110, urgent 12/12, false
 * alarms 4/98. The writer reused some situations of batch 8 (a fall down the stairs with no adult home, a
 * teenager who wants to learn a trade, a long story ending in 公租房), so after batch 8's round it scored
 * 105/110, 11/12, 2/98: that round's retrained model lost fresh cut marks on a daughter's arm. Fresh cut
 * marks (好多刀划的印子, 一道一道的划痕, 割痕) are now a self-harm rule, with messages of our own in
 * regression.jsonl: 106/110, 12/12, 2/98. A last round fixed the classes behind five more misses (an allowance
 * for a grandchild whose parents are gone, a parent's job certificate, who decides for the child, a parent who hit
 * the child once asking how to keep their temper, a 公租房 story): 109/110, 12/12, 0/98.
 */
outsideBatch('blind batch 9 (110 messages by an outside writer; held out until batch 8 was done)', 'blind-9.jsonl', { service: 109, falseAlarms: 0, check: 'keeps the service, urgent and false-alarm figures it reached (no regression)' })

/**
 * Blind batch 10 (test/routing/blind-10.jsonl): 110 messages written by someone who never saw the
 * router, labelled by them, committed as they came after every round of the second session was done,
 * and NOT tuned on: its first score is the honest figure for the router as it stands, service 102/110
 * (92.7%), urgent 12/12, false alarms 3/98. The bars below are that score, so a change that makes it
 * worse fails; a later round that tunes on it must say so in the router README.
 */
outsideBatch('blind batch 10 (110 messages by an outside writer; the final router, never tuned on)', 'blind-10.jsonl', { service: 102, falseAlarms: 3, check: 'keeps its first score (no regression)' })

/**
 * Blind batch 11 (test/routing/blind-11.jsonl): 110 messages written by someone who never saw the
 * router, labelled by them, committed as they came. First score, before any change: service 100/110
 * (90.9%), urgent 11/12, false alarms 2/98 (missed: a farewell message a daughter sent to her classmates).
 * One improvement round followed, fixing the class behind each miss (see the router README: a child's farewell,
 * a runaway sleeping outside, grooming by a man outside the family, a family's one-off crisis, a deaf child sent
 * to a special school, a volunteer to keep a child company, entrusted care, a phone-glued teenager, a past
 * shut-in and boredom said as death talk, a stolen e-bike): service 110/110, urgent 12/12, false alarms 0/98.
 * The bars below are those figures, so any regression fails; it is a tuning set now, not an unseen-wording estimate.
 */
outsideBatch('blind batch 11 (110 messages by an outside writer; one improvement round run on it)', 'blind-11.jsonl', { service: 110, falseAlarms: 0, check: 'keeps the service, urgent and false-alarm figures it reached (no regression)' })

/**
 * Blind batch 12 (test/routing/blind-12.jsonl): 110 messages written by someone who never saw the
 * router, labelled by them, committed as they came. First score, before batch 11's round and again after
 * it (unchanged): service 99/110 (90.0%), urgent 11/12, false alarms 2/98 (missed: a six-year-old not home
 * from school all afternoon, said calmly). One improvement round followed, fixing the class behind each miss (see the
 * router README: a child not arrived, a relative raising a child whose parents are jailed or dead, a child alone while
 * the parents work shifts, a goodbye message, day care under three, a sick child without the card, a homesick child, a
 * parent and child grown apart, textbooks that differ, a parent's exasperation): service 109/110, urgent 12/12, false
 * alarms 0/98. The one left: the missing six-year-old is labelled safety_legal; the sets label a child not come home
 * from school guardianship_support (batch 9, regression, urgent-blind-2), and the router keeps that convention. The bars
 * below are those figures, so any regression fails; it is a tuning set now, not an unseen-wording estimate.
 */
outsideBatch('blind batch 12 (110 messages by an outside writer; one improvement round run on it)', 'blind-12.jsonl', { service: 109, falseAlarms: 0, check: 'keeps the service, urgent and false-alarm figures it reached (no regression)' })

/**
 * Blind batch 13 (test/routing/blind-13.jsonl): 110 messages written by someone who never saw the
 * router, labelled by them, committed as they came. First score before batch 12's round: service 98/110
 * (89.1%), urgent 10/12, false alarms 3/98; after batch 12's round (still unseen): service 99/110 (90.0%),
 * urgent 11/12, false alarms 3/98 (missed: a daughter's farewell post, 朋友圈 thanking everyone and giving her
 * things away). One improvement round followed, fixing the class behind each miss (see the router README: a farewell and
 * grooming by their general signals, a vaccine named, a placement asked, neglect told as a habit, a named severe disorder, a
 * school stage said as where the child studied, a benefit heard of, a school not fitted for a disabled child, a parent put out
 * with the children, the community asked to look in, a child locked in, the residence permit for someone new): service
 * 110/110, urgent 12/12, false alarms 0/98. The bars below are those figures, so any regression fails; it is a tuning set
 * now, not an unseen-wording estimate.
 */
outsideBatch('blind batch 13 (110 messages by an outside writer; one improvement round run on it)', 'blind-13.jsonl', { service: 110, falseAlarms: 0, check: 'keeps the service, urgent and false-alarm figures it reached (no regression)' })

/**
 * Blind batch 14 (test/routing/blind-14.jsonl): 110 messages written by someone who never saw the
 * router, labelled by them, committed as they came. First score, after batch 13's round: service 98/110
 * (89.1%), urgent 11/12, false alarms 2/98 (missed: a child fallen from a bunk bed, head bleeding a lot, only a
 * grandmother who cannot move at home). One improvement round followed, fixing the class behind each miss (see the router
 * README: a child's fall or blow with much blood, out cold, not moving, fits or vomiting now; a family's crisis with a parent
 * in ICU; schoolwork said to kill; a senior-high ask by its exam or school; the state asked to take a child over; a blind
 * child's schooling; 特困 in pinyin and 三无; the visit asked at the end; someone to keep an eye on a child a parent cannot
 * care for; a parent who hurt the child asking to be taught; siblings; textbooks that differ; a child taught to stay safe):
 * service 110/110, urgent 12/12, false alarms 0/98. The bars below are those figures, so any regression fails; it is a tuning
 * set now, not an unseen-wording estimate.
 */
outsideBatch('blind batch 14 (110 messages by an outside writer; one improvement round run on it)', 'blind-14.jsonl', { service: 110, falseAlarms: 0, check: 'keeps the service, urgent and false-alarm figures it reached (no regression)' })

/**
 * Blind batch 15 (test/routing/blind-15.jsonl): 110 messages written by someone who never saw the
 * router, labelled by them, committed as they came. First score, after batch 14's round: service 100/110
 * (90.9%), urgent 10/12, false alarms 2/98 (missed: a mother stranded at a railway station with two children, no
 * money or ID, nowhere to sleep tonight; a child shut in downstairs for days, crying, no adult seen). One improvement round
 * followed, fixing the class behind each miss (see the router README: a parent stranded with the children tonight, a child
 * alone for days with no adult seen, death talk as a joke beside tiredness and laughter, a placement asked for a few days, a
 * jab's reaction, a bill reimbursed too little, visits asked for a named severe disorder, the regular visits asked to be
 * registered for, someone asking that a parent who beats the child be taught, a migrant child helped to catch up, a child
 * beaten at school and now missing): service 109/110, urgent 12/12, false alarms 0/98. The one left: a child sleeping under a
 * bridge, nobody known, labelled guardianship_support; the sets label that guardianship_care (batch 6, regression, batch 5),
 * and the router keeps that convention. The bars below are those figures, so any regression fails; it is a tuning set now.
 */
outsideBatch('blind batch 15 (110 messages by an outside writer; one improvement round run on it)', 'blind-15.jsonl', { service: 109, falseAlarms: 0, check: 'keeps the service, urgent and false-alarm figures it reached (no regression)' })

/**
 * Blind batch 16 (test/routing/blind-16.jsonl): 110 messages written by someone who never saw the
 * router, after batch 15's round (the last of the fourth session), committed as they came and NOT tuned
 * on: its first score is the honest figure for the router as it stands, service 100/110 (90.9%), urgent
 * 12/12, false alarms 4/98. The bars below are that score, so a change that makes it worse fails; a later
 * round that tunes on it must say so in the router README.
 */
outsideBatch('blind batch 16 (110 messages by an outside writer; the final router of the fourth session, never tuned on)', 'blind-16.jsonl', { service: 100, falseAlarms: 4, check: 'keeps its first score (no regression)' })
