/**
 * Booking a family-education or psychological-support session in chat: choose the kind (and for
 * whom), see the next free times, pick one, say in a sentence what to talk about (or skip it),
 * confirm; see one's bookings and cancel one. The rules (free times, capacity, overlaps, the
 * cut-off for cancelling, reminders) are the booking domain's.
 */
import type { Flow } from '../dialogue/flow'
import type { Turn } from '../dialogue/turn'
import { listFreeTimes, getTime, type FreeTime } from '../../domain/booking/slots'
import { book, cancelBooking, listFamilyBookings, type BookingView } from '../../domain/booking/booking.service'
import { placeOfFamily } from '../../domain/tickets/tickets.service'
import { readFamily } from '../../domain/registry/registry.service'
import { acceptOffer, declineOffer, joinWaitlist, listFamilyOffers } from '../../domain/booking/waitlist.service'
import { SESSION_KINDS, TOPIC_MAX_LENGTH, type SessionKind } from '../../content/vocabulary'
import { isAppError } from '../../shared/errors'
import { localDate, localTime, weekday } from '../../shared/dates'
import { t } from '../../shared/i18n'
import { bare, charCount, chosenNumber, isOneOf, normalise, WORDS } from '../text'
import { hasLetters, SKIP } from './register'

/** How many free times are offered at once. */
export const TIMES_SHOWN = 5

const KIND_WORDS: Record<SessionKind, string[]> = {
  family_education: ['家庭教育', '家庭教育指导', '怎么教孩子', 'parenting', 'family education'],
  mental_health: ['心理', '心理辅导', '心理健康', '心理咨询', 'counselling', 'counseling', 'mental health'],
}

function when(turn: Turn, d: Date): string {
  const date = localDate(d)
  return turn.t('booking.when', { date, weekday: turn.t(`booking.weekday.${weekday(date)}`), time: localTime(d) })
}

function where(turn: Turn, mode: string, venue: { name: string; address?: string | null } | null): string {
  return t(turn.lang, `booking:where.${mode}`, { place: venue ? [venue.name, venue.address].filter(Boolean).join(' ') : '' })
}

function timeLine(turn: Turn, n: number, f: FreeTime): string {
  return turn.t('booking.timeLine', { n, when: when(turn, f.start), provider: f.provider.name, where: where(turn, f.mode, f.venue) })
}

function bookingLine(turn: Turn, n: number, b: BookingView): string {
  return turn.t('booking.bookingLine', { n, when: when(turn, b.start), kind: t(turn.lang, `booking:kinds.${b.kind}`), provider: b.provider.name, where: where(turn, b.mode, b.venue) })
}

function kindList(turn: Turn): string {
  return SESSION_KINDS.map((k, i) => `${i + 1} ${t(turn.lang, `booking:kinds.${k}`)}`).join('\n')
}

function parseKind(text: string): SessionKind | null {
  const n = chosenNumber(text)
  if (n !== null) return SESSION_KINDS[n - 1] ?? null
  const said = normalise(text)
  return SESSION_KINDS.find((k) => KIND_WORDS[k].some((w) => said.includes(w.toLowerCase()))) ?? null
}

async function needsFamily(turn: Turn): Promise<boolean> {
  if (turn.identity.familyId) return true
  turn.say('booking.registerFirst')
  turn.goto('menu', 'choose')
  return false
}

/** Who the session is for: a child's id, or null for the parent (as the API's childId). */
type ForWhom = number | null

const FOR_PARENT = ['为我自己', '我自己', '自己', '家长', '我', 'myself', 'me', 'parent', 'for me']

function childList(turn: Turn, children: Array<{ id: number; name: string }>): string {
  return [...children.map((c, i) => `${i + 1} ${c.name}`), `${children.length + 1} ${turn.t('booking.forParent')}`].join('\n')
}

/**
 * After the kind: with more than one child, ask which child the session is for (the parent is
 * the last choice); with one child, say whose it is and go on; with none, it is the parent's.
 */
async function chooseChild(turn: Turn, kind: SessionKind): Promise<void> {
  const family = await readFamily(turn.ctx, turn.identity.familyId!, turn.lang)
  const children = family.children.filter((c) => !c.archived).map((c) => ({ id: c.id, name: c.name }))
  if (children.length > 1) {
    turn.next('child', { kind, children })
    turn.say('booking.askChild', { list: childList(turn, children) })
    return
  }
  if (children.length === 1) turn.say('booking.forChild', { name: children[0]!.name })
  return offerTimes(turn, kind, children[0]?.id ?? null)
}

/**
 * What the family wants to talk about (only the provider sees it): the parent's words, trimmed, at
 * most the length the API accepts (a longer one is asked again, never cut); null when skipped, refused
 * politely ("不用了，谢谢") or without words. Undefined in the state: not asked yet.
 */
type Topic = string | null

/** "跳过", "不用", "没有" (the registration's skip words) and a few ways of saying there is nothing to add. */
const TOPIC_SKIP = [...SKIP, '不想说', '不说了', '没什么', '没啥', '没什么想说的', '没什么要说的', '没有要说的', '没啥说的', '都可以', '都行', '随便', '没有了', '没了', '不需要', '不必了', 'nothing', 'no thanks', 'no thank you', 'nothing really', 'not really', 'pass']
/** Thanks and marks around a refusal ("不用了，谢谢", "没有了谢谢", "no, thanks"): a refusal is not a topic. */
const POLITE = /^(谢谢|谢了|多谢|好的|嗯)[，,、\s]*|[，,、\s]*(谢谢|谢谢你|谢谢老师|谢谢您|谢了|多谢|thanks|thank you|thx)$/giu

/** A polite refusal: a skip word, with thanks or commas around it. */
function refused(text: string): boolean {
  const b = bare(text)
  return isOneOf(b, TOPIC_SKIP) || isOneOf(b.replace(POLITE, '').replace(POLITE, ''), TOPIC_SKIP)
}

/** The topic in the parent's words; null when skipped or without words; 'too long' when over what the provider is shown. */
function topicOf(text: string): Topic | { tooLong: number } {
  // no words to pass on: a skip word, or only a number ("1" sent again for the confirmation) or marks
  if (refused(text) || !hasLetters(text)) return null
  const topic = text.trim()
  // the provider read 500 characters of 600, cut mid-sentence, and the parent was never told
  // counted as the parent counts (an emoji is one character), the same count they are told
  const count = charCount(topic)
  if (count > TOPIC_MAX_LENGTH) return { tooLong: count }
  return topic || null
}

/** The topic already answered in this booking (a string or null), or undefined when not asked yet. */
function knownTopic(turn: Turn): { topic?: Topic } {
  return 'topic' in turn.state.data ? { topic: turn.data<Topic>('topic') ?? null } : {}
}

/** After a time is chosen: the topic question once, then the confirmation (or the waiting list). */
async function afterTimeChosen(turn: Turn, slotId: string, joining: boolean): Promise<void> {
  if (!('topic' in turn.state.data)) {
    turn.next('topic', { slotId, joining })
    return turn.say('booking.askTopic')
  }
  if (joining) return join(turn, slotId)
  turn.next('confirm', { slotId, attempt: `${turn.ctx.clock.now().getTime()}` })
  return bookingFlow.ask(turn)
}

async function join(turn: Turn, slotId: string): Promise<void> {
  const w = await joinWaitlist(turn.ctx, { familyId: turn.identity.familyId!, identityId: turn.identity.id, channel: turn.channel, slotId, childId: turn.data<ForWhom>('childId') ?? null, topic: turn.data<Topic>('topic') ?? null })
  turn.say('booking.waiting', { when: when(turn, w.start), position: w.position ?? 1, minutes: turn.ctx.config.WAITLIST_OFFER_MINUTES })
  turn.goto('menu', 'choose')
}

async function offerTimes(turn: Turn, kind: SessionKind, childId: ForWhom = turn.data<ForWhom>('childId') ?? null): Promise<void> {
  // a topic already given (another time after "2" or a time just taken) is kept, not asked again
  const topic = knownTopic(turn)
  const place = await placeOfFamily(turn.ctx, turn.identity.familyId)
  const times = (await listFreeTimes(turn.ctx, { kind, jurisdiction: place.jurisdiction })).slice(0, TIMES_SHOWN)
  if (!times.length) {
    // Everything is taken: offer the waiting list of the soonest full times.
    const full = (await listFreeTimes(turn.ctx, { kind, jurisdiction: place.jurisdiction, includeFull: true })).filter((f) => f.remaining === 0).slice(0, TIMES_SHOWN)
    if (full.length) {
      turn.goto('booking', 'waitlist', { kind, childId, ...topic, times: full.map((f) => f.id) })
      turn.say('booking.allFull', { kind: t(turn.lang, `booking:kinds.${kind}`), list: full.map((f, i) => timeLine(turn, i + 1, f)).join('\n') })
      return
    }
    turn.say('booking.noTimes', { kind: t(turn.lang, `booking:kinds.${kind}`), weeks: turn.ctx.config.BOOKING_WEEKS_AHEAD })
    turn.goto('menu', 'choose')
    return
  }
  turn.goto('booking', 'time', { kind, childId, ...topic, times: times.map((f) => f.id) })
  turn.say('booking.times', { kind: t(turn.lang, `booking:kinds.${kind}`), list: times.map((f, i) => timeLine(turn, i + 1, f)).join('\n') })
}

/** How to cancel: reply 5 up to the cut-off; a session booked closer to its start than that cannot be cancelled in chat. */
function afterBooked(turn: Turn, start: Date): void {
  const cutoff = turn.ctx.config.BOOKING_CUTOFF_HOURS
  if (start.getTime() - turn.ctx.clock.now().getTime() < cutoff * 3_600_000) turn.say('booking.afterBookedLate', { cutoff })
  else turn.say('booking.afterBooked', { cutoff })
}

export const bookingFlow: Flow = {
  name: 'booking',
  async start(turn: Turn) {
    if (!(await needsFamily(turn))) return
    turn.goto('booking', 'kind')
    return this.ask(turn)
  },
  async ask(turn: Turn) {
    const step = turn.state.step
    if (step === 'kind') return turn.say('booking.askKind', { list: kindList(turn) })
    if (step === 'child') return turn.say('booking.askChild', { list: childList(turn, turn.data<Array<{ id: number; name: string }>>('children') ?? []) })
    if (step === 'time' || step === 'waitlist') return offerTimes(turn, turn.data<SessionKind>('kind')!)
    if (step === 'topic') return turn.say('booking.askTopic')
    if (step === 'confirm') {
      const f = await getTime(turn.ctx, turn.data<string>('slotId')!)
      return turn.say('booking.confirm', { line: timeLine(turn, 1, f).replace(/^1 /, ''), kind: t(turn.lang, `booking:kinds.${f.kind}`) })
    }
  },
  async handle(turn: Turn) {
    const step = turn.state.step
    if (step === 'kind') {
      const kind = parseKind(turn.text)
      if (!kind) {
        turn.misunderstood = true
        return this.ask(turn)
      }
      return chooseChild(turn, kind)
    }
    if (step === 'child') {
      const children = turn.data<Array<{ id: number; name: string }>>('children') ?? []
      const n = chosenNumber(turn.text)
      const said = bare(turn.text)
      const byName = children.find((c) => c.name === turn.text.trim())
      let childId: ForWhom | undefined
      if (byName) childId = byName.id
      else if (n !== null && n >= 1 && n <= children.length) childId = children[n - 1]!.id
      else if (n === children.length + 1 || FOR_PARENT.includes(said)) childId = null
      if (childId === undefined) {
        turn.misunderstood = true
        turn.say('booking.pickNumber', { max: children.length + 1 })
        return this.ask(turn)
      }
      return offerTimes(turn, turn.data<SessionKind>('kind')!, childId)
    }
    if (step === 'time') {
      const ids = turn.data<string[]>('times') ?? []
      const n = chosenNumber(turn.text)
      const slotId = n !== null ? ids[n - 1] : undefined
      if (!slotId) {
        turn.misunderstood = true
        turn.say('booking.pickNumber', { max: ids.length })
        return
      }
      return afterTimeChosen(turn, slotId, false)
    }
    if (step === 'topic') {
      // a child in danger said here was already handled as urgent by the engine (the turn never gets here)
      const topic = topicOf(turn.text)
      // too long: asked again for a shorter one (nothing cut without the parent knowing)
      if (topic && typeof topic === 'object') return turn.say('booking.topicTooLong', { count: topic.tooLong, max: TOPIC_MAX_LENGTH })
      turn.patch({ topic })
      return afterTimeChosen(turn, turn.data<string>('slotId')!, turn.data<boolean>('joining') === true)
    }
    if (step === 'waitlist') {
      const ids = turn.data<string[]>('times') ?? []
      const n = chosenNumber(turn.text)
      const slotId = n !== null ? ids[n - 1] : undefined
      if (!slotId) {
        turn.misunderstood = true
        return turn.say('booking.pickNumber', { max: ids.length })
      }
      return afterTimeChosen(turn, slotId, true)
    }
    if (step === 'confirm') {
      if (isOneOf(turn.text, WORDS.no)) {
        // another time: back to the times, the topic kept
        const topic = knownTopic(turn)
        while (turn.state.step !== 'time') if (!turn.back()) break
        turn.patch(topic)
        return this.ask(turn)
      }
      if (!isOneOf(turn.text, WORDS.yes)) {
        turn.misunderstood = true
        return this.ask(turn)
      }
      const slotId = turn.data<string>('slotId')!
      try {
        const r = await book(turn.ctx, {
          familyId: turn.identity.familyId!,
          identityId: turn.identity.id,
          channel: turn.channel,
          slotId,
          childId: turn.data<ForWhom>('childId') ?? null,
          topic: turn.data<Topic>('topic') ?? null,
          idempotencyKey: `bot:${turn.identity.id}:${slotId}:${turn.data<string>('attempt')}`,
        })
        const b = r.booking
        turn.sayText(t(turn.lang, 'booking:booked', { start: when(turn, b.start), kind: b.kind, mode: b.mode, place: b.venue ? b.venue.name : '' }))
        afterBooked(turn, b.start)
        turn.goto('menu', 'choose')
      } catch (e) {
        if (isAppError(e) && (e.code === 'slot_full' || e.code === 'booking_overlap')) {
          turn.sayText(t(turn.lang, `errors.${e.code}`))
          return offerTimes(turn, turn.data<SessionKind>('kind')!)
        }
        throw e
      }
    }
  },
}

const ACCEPT = ['接受', '我要这个位置', '接受预约', 'accept', 'take it']
const DECLINE = ['不要了', '放弃', '不去了', '拒绝', 'decline', 'no thanks']

/**
 * A waiting-list offer is open (a place was freed and held for this family): "接受" takes it,
 * "不要了" lets the next family have it. Answered whatever the conversation was doing; false
 * when the message is not about an offer.
 */
export async function handleOfferReply(turn: Turn): Promise<boolean> {
  if (!turn.identity.familyId || !(isOneOf(turn.text, ACCEPT) || isOneOf(turn.text, DECLINE))) return false
  const offers = await listFamilyOffers(turn.ctx, turn.identity.familyId)
  const offer = offers[0]
  if (!offer) return false
  if (isOneOf(turn.text, DECLINE)) {
    await declineOffer(turn.ctx, turn.identity.familyId, offer.id)
    turn.say('booking.offerDeclined')
    return true
  }
  try {
    const b = await acceptOffer(turn.ctx, { offerId: offer.id, familyId: turn.identity.familyId, identityId: turn.identity.id, channel: turn.channel })
    turn.sayText(t(turn.lang, 'booking:booked', { start: when(turn, b.start), kind: b.kind, mode: b.mode, place: b.venue ? b.venue.name : '' }))
    afterBooked(turn, b.start)
  } catch (e) {
    if (!isAppError(e) || e.code !== 'conflict') throw e
    turn.say('booking.offerGone')
  }
  return true
}

/** "My bookings": upcoming bookings, cancel one. */
export const bookingsFlow: Flow = {
  name: 'bookings',
  async start(turn: Turn) {
    if (!(await needsFamily(turn))) return
    const now = turn.ctx.clock.now()
    const upcoming = (await listFamilyBookings(turn.ctx, turn.identity.familyId!)).filter((b) => b.status === 'booked' && b.end > now)
    if (!upcoming.length) {
      turn.say('booking.noneBooked')
      turn.goto('menu', 'choose')
      return
    }
    turn.goto('bookings', 'pick', { bookings: upcoming.map((b) => b.id) })
    turn.say('booking.mine', { list: upcoming.map((b, i) => bookingLine(turn, i + 1, b)).join('\n') })
  },
  async ask(turn: Turn) {
    if (turn.state.step === 'confirmCancel') return turn.say('booking.confirmCancel')
    return this.start(turn)
  },
  async handle(turn: Turn) {
    const step = turn.state.step
    const ids = turn.data<number[]>('bookings') ?? []
    if (step === 'pick') {
      const n = chosenNumber(turn.text.replace(/^(取消|cancel)\s*/i, ''))
      const bookingId = n !== null ? ids[n - 1] : undefined
      if (!bookingId) {
        turn.misunderstood = true
        return turn.say('booking.pickNumber', { max: ids.length })
      }
      turn.next('confirmCancel', { bookingId })
      return this.ask(turn)
    }
    if (step === 'confirmCancel') {
      if (isOneOf(turn.text, WORDS.no)) {
        turn.say('booking.kept')
        turn.goto('menu', 'choose')
        return
      }
      if (!isOneOf(turn.text, WORDS.yes)) {
        turn.misunderstood = true
        return this.ask(turn)
      }
      let b: BookingView
      try {
        b = await cancelBooking(turn.ctx, { bookingId: turn.data<number>('bookingId')!, familyId: turn.identity.familyId!, by: 'family' })
      } catch (e) {
        if (!isAppError(e) || e.code !== 'too_late') throw e
        turn.sayText(t(turn.lang, 'errors.too_late'))
        turn.say('booking.tooLateToCancel')
        turn.goto('menu', 'choose')
        return
      }
      turn.sayText(t(turn.lang, 'booking:cancelled', { start: when(turn, b.start) }))
      turn.say('booking.afterCancel')
      turn.goto('menu', 'choose')
    }
  },
}
