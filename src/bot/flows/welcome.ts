/**
 * First contact: a short welcome in plain words, what the service does, the privacy notice and
 * the consent question. Either answer leads to the menu; without consent nothing about a child
 * is stored (asking questions still works).
 */
import type { Flow } from '../dialogue/flow'
import type { Turn } from '../dialogue/turn'
import { isOneOf, WORDS } from '../text'
import { menuFlow } from './menu'

export const welcomeFlow: Flow = {
  name: 'new',
  async start(turn: Turn) {
    turn.goto('new', 'consent')
    turn.say('welcome.hello')
    await this.ask(turn)
  },
  async ask(turn: Turn) {
    turn.say('welcome.privacy')
  },
  async handle(turn: Turn) {
    if (turn.state.step !== 'consent') return this.start(turn)
    if (isOneOf(turn.text, WORDS.yes)) {
      turn.remember({ consent: true })
      turn.say('welcome.thanks')
      return menuFlow.start(turn)
    }
    if (isOneOf(turn.text, WORDS.no)) {
      turn.remember({ consent: false })
      turn.say('welcome.noConsent')
      return menuFlow.start(turn)
    }
    // A question typed before answering: take it as "not yet", keep it, and show the menu.
    turn.say('welcome.consentPlease')
    turn.misunderstood = true
  },
}
