/**
 * Asking for help in their own words: the needs domain routes the words and records the need;
 * the parent hears the service in plain language, the department the city's list names and the
 * next step. When the router is unsure, two or three services are offered as numbered choices
 * (never one alone). Each need a department must act on becomes its own referral to that need's
 * department (registered, consenting families) and the parent is told which department got which; others are invited to register first. Only what is needed
 * is asked before: the city.
 */
import type { Flow } from '../dialogue/flow'
import type { Turn } from '../dialogue/turn'
import { referNeed, submitNeed, REFERRAL_SERVICES, type NeedResult } from '../../domain/needs/needs.service'
import { serviceLabel } from '../../domain/routing/labels'
import { routeMessage } from '../../domain/routing/router'
import { offerChoices } from '../../domain/routing/choices'
import { itemView } from '../../domain/checklist/checklist.service'
import { checklistFor, departmentsFor, resolveJurisdiction } from '../../content'
import { SESSION_KINDS, type ServiceKey } from '../../content/vocabulary'
import { chosenNumber } from '../text'
import { t } from '../../shared/i18n'
import { askCity, cityNotFound, parseCity } from './city'
import { jurisdictionOf } from './place'
import { menuChoice, menuFlow } from './menu'

/** The next step for a service from the jurisdiction's own list (the first item of that service). */
function nextStepFor(turn: Turn, jurisdiction: string, service: ServiceKey): string | undefined {
  const resolved = resolveJurisdiction(jurisdiction)
  if (!resolved) return undefined
  const item = checklistFor(resolved.id).find((i) => i.service === service)
  if (!item) return undefined
  const view = itemView(resolved.id, item, turn.lang)
  // the answer names the departments on a line of its own: the list's plain department sentence at the
  // end of the next step is not said twice (one with a directory's address or phone is kept)
  const plain = t(turn.lang, 'checklist:view.departments', { departments: view.departments.join(t(turn.lang, 'checklist:view.listSeparator')) })
  return view.nextSteps.endsWith(plain) ? view.nextSteps.slice(0, -plain.length).trim() : view.nextSteps
}

/** Whether the router finds a service, or services to offer, in these words (in any city). */
export function understandable(text: string): boolean {
  const r = routeMessage(text, 'national')
  return r.urgent || r.service !== 'none' || offerChoices(r).length > 0
}

/** Tells the parent what the service is, who is responsible and what to do; then what happened to the need. */
function describe(turn: Turn, jurisdiction: string, service: ServiceKey, departments: string[], outcome: { referredTicket: number | null; awaitingConsent: boolean }, also: Array<{ service: ServiceKey; ticketId: number | null }> = []): void {
  const lines = [turn.t('help.service', { service: serviceLabel(turn.lang, service) })]
  if (departments.length) lines.push(turn.t('help.departments', { departments: departments.join(turn.t('checklist:view.listSeparator')) }))
  else lines.push(turn.t('help.noDepartment'))
  const next = nextStepFor(turn, jurisdiction, service)
  if (next) lines.push(turn.t('help.nextStep', { next }))
  turn.sayText(lines.join('\n'))
  if (outcome.referredTicket) turn.say('help.referred', { departments: departments.join(turn.t('checklist:view.listSeparator')), ticketId: outcome.referredTicket })
  else if (outcome.awaitingConsent && !turn.identity.familyId) turn.say('help.registerToRefer', { departments: departments.join(turn.t('checklist:view.listSeparator')) })
  else if (outcome.awaitingConsent) turn.say('help.consentToRefer')
  if ((SESSION_KINDS as readonly string[]).includes(service)) turn.say(turn.identity.familyId ? 'help.canBook' : 'help.canBookAfterRegister')
  else if (!turn.identity.familyId && !outcome.awaitingConsent) turn.say('help.offerRegister')
  for (const other of also) describeAlso(turn, jurisdiction, other.service, other.ticketId)
  turn.say('help.more')
}

/**
 * Another need found in the same message (the main one was answered first): what it is, who, what to
 * do, and, when a department must act, that it went to that department (its own referral) or what to do for it.
 */
function describeAlso(turn: Turn, jurisdiction: string, service: ServiceKey, referredTicket: number | null): void {
  const departments = departmentsFor(resolveJurisdiction(jurisdiction)?.id ?? jurisdiction, service)
  const lines = [turn.t('help.also', { service: serviceLabel(turn.lang, service) })]
  if (departments.length) lines.push(turn.t('help.departments', { departments: departments.join(turn.t('checklist:view.listSeparator')) }))
  const next = nextStepFor(turn, jurisdiction, service)
  if (next) lines.push(turn.t('help.nextStep', { next }))
  if (referredTicket) lines.push(turn.t('help.alsoReferred', { departments: departments.join(turn.t('checklist:view.listSeparator')), ticketId: referredTicket }))
  else if (REFERRAL_SERVICES.includes(service) && departments.length) lines.push(turn.t('help.alsoRefer', { departments: departments.join(turn.t('checklist:view.listSeparator')) }))
  turn.sayText(lines.join('\n'))
}

async function answer(turn: Turn, text: string, jurisdiction: string): Promise<void> {
  const r: NeedResult = await submitNeed(turn.ctx, { identityId: turn.identity.id, familyId: turn.identity.familyId, text, channel: turn.channel, jurisdiction })
  // while the parent's urgent question is open, their words were added to it: say so; words that name no service
  // (请问有消息了吗, the child's clothes, "any news?") need nothing more — no "did not understand", no choices
  if (r.joinedTicketId) {
    turn.say('help.addedToUrgent', { ticketId: r.joinedTicketId })
    if (r.service === 'none' || r.ask) return turn.goto('menu', 'choose')
  }
  // never one weak guess alone (chosen with "1" it would go to a department unasked): two or three, then "none of these"
  const options = r.choices
  if (r.service === 'none' && !options.length) {
    turn.misunderstood = true
    turn.goto('help', 'question')
    return turn.say('help.notUnderstood')
  }
  if (r.ask || r.service === 'none') {
    turn.goto('help', 'choose', { needId: r.needId, choices: options, jurisdiction })
    return turn.say('help.choose', { list: options.map((s, i) => `${i + 1} ${serviceLabel(turn.lang, s)}`).join('\n'), none: options.length + 1 })
  }
  // several needs in one message: the main one first, then each other one (at most two more); each one a
  // department must act on went to its own department (the domain opened a referral for each)
  const referralOf = (s: string) => r.referrals.find((x) => x.service === s)?.ticketId ?? null
  const also = r.needs
    .filter((s): s is ServiceKey => s !== r.service && s !== 'none')
    .slice(0, 2)
    .map((s) => ({ service: s, ticketId: referralOf(s) }))
  const main = r.service as ServiceKey
  describe(turn, jurisdiction, main, r.departments, { referredTicket: referralOf(main), awaitingConsent: r.outcome === 'awaiting_consent' && REFERRAL_SERVICES.includes(main) }, also)
  turn.goto('menu', 'choose')
}

export const helpFlow: Flow = {
  name: 'help',
  async start(turn: Turn, question?: string) {
    const jurisdiction = await jurisdictionOf(turn)
    if (!jurisdiction && question && !understandable(question)) {
      // words we could not answer in any city ("不同意", "我想想"): say so now, not after asking where they live
      turn.misunderstood = true
      turn.goto('help', 'question')
      return turn.say('help.notUnderstood')
    }
    if (!jurisdiction) {
      turn.goto('help', 'city', question ? { question } : {})
      return this.ask(turn)
    }
    if (question) return answer(turn, question, jurisdiction)
    turn.goto('help', 'question')
    return this.ask(turn)
  },
  async ask(turn: Turn) {
    const step = turn.state.step
    if (step === 'city') return askCity(turn)
    if (step === 'choose') {
      const options = turn.data<ServiceKey[]>('choices') ?? []
      return turn.say('help.choose', { list: options.map((s, i) => `${i + 1} ${serviceLabel(turn.lang, s)}`).join('\n'), none: options.length + 1 })
    }
    turn.say('help.askQuestion')
  },
  async handle(turn: Turn) {
    const step = turn.state.step
    if (step === 'city') {
      const city = parseCity(turn.text)
      if (!city) {
        // the parent wrote their question instead of the city: keep it, and answer it once we know the city
        if (!turn.data<string>('question') && routeMessage(turn.text, 'national').service !== 'none') {
          turn.patch({ question: turn.text })
          turn.say('help.questionKept')
          return askCity(turn)
        }
        turn.say(cityNotFound(turn.text))
        return askCity(turn)
      }
      turn.remember({ city })
      // the city inside a question ("孩子在晋城上学要什么材料"): the question is answered too
      const question = turn.data<string>('question') ?? (routeMessage(turn.text, city).service !== 'none' ? turn.text : undefined)
      if (question) return answer(turn, question, city)
      turn.next('question')
      return this.ask(turn)
    }
    if (step === 'choose') {
      const options = turn.data<ServiceKey[]>('choices') ?? []
      const n = chosenNumber(turn.text)
      if (n === null) return this.start(turn, turn.text)
      if (n === options.length + 1) {
        turn.say('help.noneOfThese')
        turn.goto('human', 'question')
        return
      }
      const service = options[n - 1]
      if (!service) {
        turn.misunderstood = true
        return this.ask(turn)
      }
      const jurisdiction = turn.data<string>('jurisdiction') ?? (await jurisdictionOf(turn))!
      const needId = turn.data<number>('needId')!
      const departments = departmentsFor(resolveJurisdiction(jurisdiction)?.id ?? jurisdiction, service)
      let referredTicket: number | null = null
      const needsDepartment = REFERRAL_SERVICES.includes(service) && departments.length > 0
      if (needsDepartment && turn.identity.familyId) referredTicket = await referNeed(turn.ctx, turn.identity.id, needId, service).catch(() => null)
      describe(turn, jurisdiction, service, departments, { referredTicket, awaitingConsent: needsDepartment && !referredTicket })
      turn.goto('menu', 'choose')
      return
    }
    // A menu number typed here means the menu, not a question.
    if (menuChoice(turn.text)) return menuFlow.handle(turn)
    const jurisdiction = await jurisdictionOf(turn)
    // not placed yet (after a "没看懂" before any city): the city first, as for any question
    if (!jurisdiction) return this.start(turn, turn.text)
    return answer(turn, turn.text, jurisdiction)
  },
}
