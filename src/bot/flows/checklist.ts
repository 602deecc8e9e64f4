/**
 * The family's personalised checklist, a few items at a time ("回复 更多"), the details of one
 * item on request ("3" or its name), and the official wording on request ("原文"). A parent who
 * has not registered is asked only what is needed: the city and a child's age.
 */
import type { Flow } from '../dialogue/flow'
import type { Turn } from '../dialogue/turn'
import { personalChecklist, type FamilyForChecklist, type PersonalItem } from '../../domain/checklist/checklist.service'
import { readFamily } from '../../domain/registry/registry.service'
import { addMonths, localDate } from '../../shared/dates'
import type { SchoolStage, Situation } from '../../content/vocabulary'
import { bare, chosenNumber, isOneOf, normalise, WORDS } from '../text'
import { agesIn } from '../../domain/routing/text'
import { askCity, cityNotFound, parseCity } from './city'
import { menuChoice, menuFlow } from './menu'
import { helpFlow, understandable } from './help'

export const PAGE_SIZE = 4

interface Entry {
  /** Whose item: a child's name (or "your child"), or the whole family. */
  who: string
  item: PersonalItem
}

/** The checklist of this parent, flattened in a stable order: each child's items, then the family's. */
async function entriesOf(turn: Turn): Promise<{ entries: Entry[]; notice?: string; notes: string[] }> {
  const today = localDate(turn.ctx.clock.now())
  let family: FamilyForChecklist
  if (turn.identity.familyId) {
    const f = await readFamily(turn.ctx, turn.identity.familyId, turn.lang)
    family = {
      jurisdiction: f.jurisdiction,
      children: f.children
        .filter((c) => !c.archived)
        .map((c) => ({ id: c.id, name: c.name, birthDate: c.birthDate, schoolStage: c.schoolStage as SchoolStage, situations: c.situations as Situation[] })),
    }
  } else {
    const age = turn.memo.childAge ?? 0
    family = { jurisdiction: turn.memo.city!, children: [{ name: turn.t('checklist.yourChild', { age }), birthDate: addMonths(today, -12 * age) }] }
  }
  const list = personalChecklist(family, today, turn.lang)
  const entries: Entry[] = []
  const notes: string[] = []
  for (const child of list.children) {
    const who = turn.t('checklist.childLabel', { name: child.name ?? '', age: child.age })
    if (child.note) notes.push(turn.t('checklist.note', { who, note: child.note }))
    for (const item of child.items) entries.push({ who, item })
  }
  for (const item of list.family) entries.push({ who: turn.t('checklist.familyLabel'), item })
  return { entries, notice: list.notice, notes }
}

async function showPage(turn: Turn, page: number): Promise<void> {
  const { entries, notice, notes } = await entriesOf(turn)
  const start = page * PAGE_SIZE
  if (page === 0) {
    if (notice) turn.sayText(notice)
    if (notes.length) turn.sayText(notes.join('\n'))
    if (!entries.length) {
      turn.say('checklist.empty')
      turn.goto('menu', 'choose')
      return
    }
  }
  if (start >= entries.length) {
    turn.say('checklist.end')
    return
  }
  const lines: string[] = []
  let lastWho = ''
  entries.slice(start, start + PAGE_SIZE).forEach((e, i) => {
    if (e.who !== lastWho) lines.push(turn.t('checklist.header', { who: e.who }))
    lastWho = e.who
    lines.push(turn.t('checklist.line', { n: start + i + 1, title: e.item.title, reason: e.item.reason }))
  })
  if (page === 0) turn.say('checklist.intro', { count: entries.length })
  turn.sayText(lines.join('\n'))
  const more = start + PAGE_SIZE < entries.length
  turn.say(more ? 'checklist.hintMore' : 'checklist.hintLast')
  if (!turn.identity.familyId && page === 0) turn.say('checklist.registerForAll')
  turn.patch({ page })
}

function detail(turn: Turn, n: number, e: Entry): void {
  const it = e.item
  const lines = [
    turn.t('checklist.detailTitle', { n, title: it.title, who: e.who }),
    it.summary,
    turn.t('checklist.who', { text: it.whoQualifies }),
    turn.t('checklist.how', { text: it.nextSteps }),
  ]
  if (it.documents.length) lines.push(turn.t('checklist.documents', { list: it.documents.join(turn.t('checklist:view.listSeparator')) }))
  turn.sayText(lines.join('\n'))
  turn.say('checklist.hintDetail')
  turn.patch({ current: n })
}

export const checklistFlow: Flow = {
  name: 'checklist',
  async start(turn: Turn) {
    if (!turn.identity.familyId) {
      if (!turn.memo.city) {
        turn.goto('checklist', 'city')
        return this.ask(turn)
      }
      if (turn.memo.childAge === undefined) {
        turn.goto('checklist', 'age')
        return this.ask(turn)
      }
    }
    turn.goto('checklist', 'list', { page: 0 })
    return showPage(turn, 0)
  },
  async ask(turn: Turn) {
    const step = turn.state.step
    if (step === 'city') return askCity(turn)
    if (step === 'age') return turn.say('checklist.askAge')
    return showPage(turn, turn.data<number>('page') ?? 0)
  },
  async handle(turn: Turn) {
    const step = turn.state.step
    const text = turn.text
    if (step === 'city') {
      const city = parseCity(text)
      if (!city) {
        turn.say(cityNotFound(turn.text))
        return askCity(turn)
      }
      turn.remember({ city })
      return this.start(turn)
    }
    if (step === 'age') {
      let age = Number(normalise(text).replace(/(岁|周岁|years?|yrs?|old|了|半)/g, '').trim())
      // in Chinese numerals, as a grandparent writes it ("四岁", "十一", "两岁半"): it was refused
      if (!Number.isInteger(age)) age = Math.floor(agesIn(`${bare(text).replace(/(周岁|岁)(半)?了?$/u, '')}岁`)[0] ?? NaN)
      if (!Number.isInteger(age) || age < 0 || age > 17) {
        turn.misunderstood = true
        return turn.say('checklist.ageAgain')
      }
      turn.remember({ childAge: age })
      return this.start(turn)
    }
    // step 'list'
    if (isOneOf(text, WORDS.more)) {
      const page = (turn.data<number>('page') ?? 0) + 1
      return showPage(turn, page)
    }
    const { entries } = await entriesOf(turn)
    if (isOneOf(text, WORDS.official)) {
      const current = turn.data<number>('current')
      const e = current ? entries[current - 1] : undefined
      if (!e) return turn.say('checklist.pickFirst')
      const o = e.item.official
      turn.sayText(turn.t('checklist.official', { name: o.name, target: o.target, content: o.content, source: o.source, departments: e.item.departments.join(turn.t('checklist:view.listSeparator')) }))
      // and what to do next (it ended with the departments, and the parent did not know how to go on)
      return turn.say('checklist.hintOfficial')
    }
    const n = chosenNumber(text)
    if (n !== null) {
      const e = entries[n - 1]
      if (e) return detail(turn, n, e)
      turn.misunderstood = true
      return turn.say('checklist.noSuchNumber', { max: entries.length })
    }
    const said = normalise(text)
    const byName = entries.findIndex((e) => said.length >= 2 && (normalise(e.item.title).includes(said) || said.includes(normalise(e.item.title))))
    if (byName >= 0) return detail(turn, byName + 1, entries[byName]!)
    if (menuChoice(text)) return menuFlow.handle(turn)
    // words nobody could answer: stay in the list and say what works here (it went to the help flow, and
    // the parent's next "原文" or "更多" there was a second miss that handed them to staff)
    if (!understandable(text)) {
      turn.misunderstood = true
      return turn.say('checklist.notUnderstood')
    }
    // Their own words: a question for the router.
    return helpFlow.start(turn, text)
  },
}
