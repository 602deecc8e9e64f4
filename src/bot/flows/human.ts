/**
 * Talking to a person ("人工", "转人工", "找工作人员", or the bot failing twice in a row): the
 * question goes to staff as an escalation (tickets domain), the parent is told who will answer
 * and roughly when, and later messages join the same question until staff close it. The staff
 * answer arrives in the same chat through the outbox.
 */
import type { Flow } from '../dialogue/flow'
import type { Turn } from '../dialogue/turn'
import { messagesForIdentity, placeOfFamily, replyFromFamily, resolveOwner } from '../../domain/tickets/tickets.service'
import { askForPerson } from '../../domain/needs/needs.service'
import { localTime, localDate } from '../../shared/dates'
import { isWorkingDay } from '../../domain/tickets/service-levels'
import { askCity, cityNotFound, parseCity } from './city'
import { bare, chosenNumber } from '../text'
import { menuChoice, menuFlow } from './menu'

/** Where a parent who never named a city is served (the urgent message of such a parent went there too). */
const UNKNOWN_PLACE = 'national'

/** Words that are only a request for a person, not a question. */
const ONLY_ASKING = /^(人工|转人工|人工服务|找工作人员|工作人员|找人|客服|真人|human|staff|person|talk to a person|agent)$/i

/** Whether staff are at work now: a working day of China's calendar, within WORKING_HOURS (Asia/Shanghai). */
export function staffAtWork(turn: Turn): boolean {
  const now = turn.ctx.clock.now()
  const [from, to] = turn.ctx.config.WORKING_HOURS.split('-') as [string, string]
  const hm = localTime(now)
  return isWorkingDay(localDate(now)) && hm >= from && hm < to
}

/** Sends the parent's words to staff and tells them who answers and when. */
export async function escalate(turn: Turn, text: string): Promise<void> {
  const { ctx, identity } = turn
  const waiting = turn.state.flow === 'human' && turn.state.step === 'waiting'
  const asked = async () => {
    // while their urgent question is open, asking for a person joins it (needs): not a new question
    const before = new Set((await messagesForIdentity(ctx, identity.id)).messages.map((m) => m.ticketId))
    const t = await askForPerson(ctx, { identityId: identity.id, familyId: identity.familyId, text, channel: turn.channel, jurisdiction: turn.memo.city })
    return { ticketId: t.id, opened: !before.has(t.id) }
  }
  const result = waiting ? await replyFromFamily(ctx, identity.id, text, { jurisdiction: turn.memo.city ?? UNKNOWN_PLACE, answering: Number(turn.data<number>('ticketId')) || undefined }) : await asked()
  // a parent with no city who answers staff (their urgent question went to the national list): the words are
  // recorded, and they were told the input was wrong (the place was asked of nothing), so they sent it again
  const place = await placeOfFamily(ctx, identity.familyId, turn.memo.city ?? UNKNOWN_PLACE)
  const owner = await resolveOwner(ctx, place)
  // words added to an open question: whoever handles it reads them (it may have been claimed by someone who is
  // not the community's director), so "staff"; a new question goes to its owner
  const who = turn.t(result.opened ? `human.who.${owner.via}` : 'human.who.staff')
  const when = turn.t(staffAtWork(turn) ? 'human.when.today' : 'human.when.nextDay', { hours: ctx.config.WORKING_HOURS })
  turn.say(result.opened ? 'human.sent' : 'human.added', { ticketId: result.ticketId, who, when })
  turn.goto('human', 'waiting', { ticketId: result.ticketId })
}

/**
 * The parent's words after a staff answer that reached them in the middle of something (registration, a
 * booking, the privacy question): they go to that question (joined while it is open), the parent is told so,
 * and the question the flow was waiting on is asked again, every answer given so far kept.
 */
export async function answerStaff(turn: Turn, flow: Flow): Promise<void> {
  const answering = turn.memo.answerBack
  turn.remember({ answerBack: undefined })
  const result = await replyFromFamily(turn.ctx, turn.identity.id, turn.text, { jurisdiction: turn.memo.city ?? UNKNOWN_PLACE, answering })
  turn.say('human.answerSent', { ticketId: result.ticketId })
  turn.say(turn.state.flow === 'register' ? 'human.goOnRegister' : 'human.goOn')
  await flow.ask(turn)
}

/**
 * Words in the middle of registration that do not fit its question while the parent is talking to staff (their
 * urgent question open, or a staff answer came on a question still open): they go to that question, the parent
 * is told so, and the registration question is asked again, every answer kept. False when the question was
 * closed meanwhile (the words are the flow's again).
 */
export async function toOpenQuestion(turn: Turn, flow: Flow): Promise<boolean> {
  const talking = turn.memo.talking
  const open = await messagesForIdentity(turn.ctx, turn.identity.id)
  if (!open.openTicketId) {
    turn.remember({ talking: undefined })
    return false
  }
  const result = await replyFromFamily(turn.ctx, turn.identity.id, turn.text, { jurisdiction: turn.memo.city ?? UNKNOWN_PLACE, answering: talking })
  turn.say('human.toOpenQuestion', { ticketId: result.ticketId })
  turn.say(turn.state.flow === 'register' ? 'human.goOnRegister' : 'human.goOn')
  await flow.ask(turn)
  return true
}

export const humanFlow: Flow = {
  name: 'human',
  async start(turn: Turn, question?: string) {
    const text = question && !ONLY_ASKING.test(bare(question)) ? question : undefined
    if (!turn.identity.familyId && !turn.memo.city) {
      turn.goto('human', 'city', text ? { question: text } : {})
      // why a city, when the parent asked for a person (the city question came without a word)
      turn.say('human.cityFirst')
      return this.ask(turn)
    }
    if (text) return escalate(turn, text)
    turn.goto('human', 'question')
    return this.ask(turn)
  },
  async ask(turn: Turn) {
    if (turn.state.step === 'city') return askCity(turn)
    if (turn.state.step === 'question') return turn.say('human.askQuestion')
    turn.say('human.waiting')
  },
  async handle(turn: Turn) {
    const step = turn.state.step
    if (step === 'city') {
      const city = parseCity(turn.text)
      if (!city) {
        turn.say(cityNotFound(turn.text))
        turn.misunderstood = false
        return askCity(turn)
      }
      turn.remember({ city })
      const q = turn.data<string>('question')
      if (q) return escalate(turn, q)
      turn.next('question')
      return this.ask(turn)
    }
    // a menu word while a question is open ("清单", "预约", "我的预约") is that choice: it was added to the
    // question for staff to read (numbers still go to the person: they may answer staff with one)
    if (step === 'waiting' && chosenNumber(turn.text) === null && menuChoice(turn.text)) return menuFlow.handle(turn)
    // 'question' and 'waiting': the words go to the person (a new question, or added to the open one).
    return escalate(turn, turn.text)
  },
}
