/**
 * The menu: numbers or words both work ("1", "登记", "register"). Anything else typed at the
 * menu is taken as a question in the parent's own words and goes to the router.
 */
import type { Flow } from '../dialogue/flow'
import type { Turn } from '../dialogue/turn'
import { bare, chosenNumber, isOneOf, WORDS } from '../text'
import { cityStatement, noteSaidCity, soundOf } from './city'
import { flows } from './index'

export interface MenuEntry {
  no: number
  flow: string
  words: readonly string[]
}

export const MENU: MenuEntry[] = [
  { no: 1, flow: 'register', words: ['登记', '注册', '登记家庭', '登记孩子', 'register', 'sign up', 'registration'] },
  { no: 2, flow: 'help', words: ['咨询', '提问', '问问题', '求助', '找服务', 'ask', 'question', 'ask a question'] },
  { no: 3, flow: 'checklist', words: ['清单', '服务清单', '我的清单', '关爱清单', 'checklist', 'list', 'my checklist'] },
  { no: 4, flow: 'booking', words: ['预约', '预约辅导', '约', '预约咨询', 'book', 'booking', 'book a session'] },
  { no: 5, flow: 'bookings', words: ['我的预约', '查看预约', '取消预约', 'my bookings', 'bookings', 'cancel booking'] },
  { no: 6, flow: 'human', words: [] },
  { no: 7, flow: 'join', words: ['加入家庭', '加入', '加入码', '家人加入', '要加入码', 'join family', 'join', 'join code'] },
]

/** Answers to the privacy notice typed at the menu. */
const CONSENT_WORDS = {
  yes: ['同意', '我同意', '同意了', '我同意了', '现在同意', 'agree', 'i agree', 'ok i agree'],
  no: ['不同意', '我不同意', '不同意了', 'disagree', 'i disagree', 'i do not agree', "i don't agree"],
} as const

/** The menu entry a message picks, if any. */
export function menuChoice(text: string): MenuEntry | undefined {
  const n = chosenNumber(text)
  if (n !== null) return MENU.find((m) => m.no === n)
  const exact = MENU.find((m) => isOneOf(text, m.words))
  if (exact) return exact
  // a sound-alike typed on a phone (登纪 for 登记, 预越 for 预约): two of them handed a parent to staff
  const sound = soundOf(bare(text))
  return sound ? MENU.find((m) => m.words.some((w) => soundOf(w) === sound)) : undefined
}

export const menuFlow: Flow = {
  name: 'menu',
  async start(turn: Turn) {
    turn.goto('menu', 'choose')
    await this.ask(turn)
  },
  async ask(turn: Turn) {
    turn.say('menu.text')
  },
  async handle(turn: Turn) {
    const choice = menuChoice(turn.text)
    if (choice) {
      const flow = flows.find((f) => f.name === choice.flow)
      if (flow) return flow.start(turn)
    }
    // "重填" at the menu (it was a miss): registration from the first question, any half-way answers
    // dropped; a registered family is told what 重填 does and how to change a child's details.
    if (isOneOf(turn.text, WORDS.redo)) {
      if (turn.identity.familyId) {
        turn.say('menu.redoRegistered')
        return
      }
      turn.remember({ registration: undefined })
      turn.say('register.redo')
      return flows.find((f) => f.name === 'register')!.start(turn)
    }
    // changing one's mind about the privacy notice ("同意" after "不同意"): registration, its notice first;
    // "不同意" again is heard. Both were taken for a question, and the city was asked.
    if (!turn.identity.familyId && isOneOf(turn.text, CONSENT_WORDS.yes)) return flows.find((f) => f.name === 'register')!.start(turn)
    if (!turn.identity.familyId && isOneOf(turn.text, CONSENT_WORDS.no)) {
      turn.remember({ consent: false })
      turn.say('welcome.noConsent')
      return this.ask(turn)
    }
    if (chosenNumber(turn.text) !== null) {
      turn.say('menu.unknownNumber')
      turn.misunderstood = true
      return
    }
    // "我住在晋城" from a parent not registered: the chat's city, as the registration's city is (it was "没看懂",
    // and the next urgent message went to the national list)
    const place = turn.identity.familyId ? null : cityStatement(turn.text, turn.lang)
    if (place) {
      noteSaidCity(turn, place)
      return this.ask(turn)
    }
    // Their own words: find the service.
    const help = flows.find((f) => f.name === 'help')!
    return help.start(turn, turn.text)
  },
}
