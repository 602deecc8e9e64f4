/**
 * First contact: a short welcome in plain words, what the service does, the privacy notice and
 * the consent question. Either answer leads to the menu; without consent nothing about a child
 * is stored (asking questions still works).
 */
import type { Flow } from '../dialogue/flow'
import type { Turn } from '../dialogue/turn'
import { isOneOf, WORDS } from '../text'
import { setIdentityLanguage } from '../../domain/identity/identity.service'
import { menuChoice, menuFlow } from './menu'
import { helpFlow, understandable } from './help'
import { cityStatement, noteSaidCity } from './city'

/**
 * A first message that is more than a greeting or a command, and a question the router can answer: kept and
 * answered after the consent question ("我住在晋城" was told "收到您的问题了，马上回答您", and nothing came).
 */
function questionIn(text: string): string | undefined {
  if (text.length < 4 || isOneOf(text, WORDS.menu) || isOneOf(text, WORDS.english) || isOneOf(text, WORDS.chinese) || menuChoice(text)) return undefined
  return understandable(text) ? text : undefined
}

/** "我住在晋城" before the consent answer: remembered as the chat's city (as the registration's city is); true when it was. */
function noteCity(turn: Turn): boolean {
  const said = cityStatement(turn.text, turn.lang)
  if (!said) return false
  noteSaidCity(turn, said)
  return true
}

/** A message in English only, of two words or more ("Hello, I only read English"; not "hi" or "1"). */
export function writtenInEnglish(text: string): boolean {
  return !/[\u3400-\u9fff]/u.test(text) && (text.match(/[a-z]{2,}/giu) ?? []).length >= 2
}

async function afterConsent(turn: Turn): Promise<void> {
  const pending = turn.data<string>('pending')
  // only a question the router can answer: a first "Hello, I only read English" is not one
  if (pending && understandable(pending)) return helpFlow.start(turn, pending)
  return menuFlow.start(turn)
}

export const welcomeFlow: Flow = {
  name: 'new',
  async start(turn: Turn) {
    // a parent who writes English from the first message reads the welcome in English (it was all Chinese)
    if (turn.lang !== 'en' && writtenInEnglish(turn.text)) {
      await setIdentityLanguage(turn.ctx, turn.identity.id, 'en')
      turn.identity = { ...turn.identity, language: 'en' }
    }
    const pending = questionIn(turn.text)
    turn.goto('new', 'consent', pending ? { pending } : {})
    turn.say('welcome.hello')
    noteCity(turn)
    await this.ask(turn)
  },
  async ask(turn: Turn) {
    // "English" as the very first message: the welcome in English, then the consent question waits for the
    // answer (it said only the privacy part, and the parent's "1" then got the welcome again)
    if (turn.state.step !== 'consent') return this.start(turn)
    turn.say('welcome.privacy')
  },
  async handle(turn: Turn) {
    if (turn.state.step !== 'consent') return this.start(turn)
    if (isOneOf(turn.text, WORDS.yes)) {
      turn.remember({ consent: true })
      turn.say('welcome.thanks')
      return afterConsent(turn)
    }
    if (isOneOf(turn.text, WORDS.no)) {
      turn.remember({ consent: false })
      turn.say('welcome.noConsent')
      return afterConsent(turn)
    }
    if (noteCity(turn)) return turn.say('welcome.consentPlease')
    // A question typed before answering: keep it (answered right after), ask for the answer again.
    const pending = questionIn(turn.text)
    if (pending) turn.patch({ pending })
    turn.say(pending ? 'welcome.keptQuestion' : 'welcome.consentPlease')
  },
}
