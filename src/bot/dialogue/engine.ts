/**
 * The conversation engine, shared by every chat channel (WeChat bot, Official Account, the
 * terminal chat): one message in, the replies out. State is loaded from and saved to the
 * database around each turn, so a restart resumes at the same question.
 *
 * Order of a turn (guard clauses first):
 *   1. a child in danger (the router's `urgent`), in any state: emergency numbers + top-priority escalation;
 *   2. language ("English" / "中文"), reminders ("暂停提醒" / "恢复提醒"), a person ("人工"), the menu;
 *   3. the words after a staff answer that came in the middle of a flow (they go to that question); while the
 *      parent is talking to staff (urgent question open, or answered), registration words that do not fit its
 *      question go to that question too;
 *   4. the current flow's step;
 *   5. two messages in a row not understood: a person takes over.
 */
import type { DomainContext } from '../../domain/context'
import { findOrCreateIdentity, setIdentityLanguage, setRemindersPaused } from '../../domain/identity/identity.service'
import { loadConversation, saveConversation } from '../../domain/conversation/conversation.service'
import { isAppError, isUnavailableError } from '../../shared/errors'
import { t, type Language } from '../../shared/i18n'
import { Turn, type ChatChannel } from './turn'
import type { Flow } from './flow'
import { isOneOf, WORDS } from '../text'
import { flows, menuFlow, welcomeFlow, humanFlow } from '../flows'
import { answerStaff, toOpenQuestion } from '../flows/human'
import { checkUrgent } from '../flows/urgent'
import { handleOfferReply } from '../flows/booking'
import { fitsRegistrationStep, keepUnfinishedRegistration } from '../flows/register'

/** Longest message handled; longer ones are cut (the whole text still reaches staff through escalation). */
const MAX_TEXT = 1000

/** Handles one text message of a channel user; returns the replies in order. */
export async function converse(ctx: DomainContext, channel: ChatChannel, externalId: string, rawText: string, seen?: { language?: Language }): Promise<string[]> {
  const identity = await findOrCreateIdentity(ctx, channel, externalId)
  const state = await loadConversation(ctx, identity.id)
  // cut by characters, never inside an emoji (a lone surrogate half reached the database)
  const text = rawText.trim()
  const turn = new Turn(ctx, identity, state, text.length > MAX_TEXT ? [...text].slice(0, MAX_TEXT).join('') : text, channel)
  try {
    await runTurn(turn)
  } catch (e) {
    // The database is away: nothing of this turn is saved; the channel keeps the message and tries again.
    if (isUnavailableError(e)) throw e
    if (!isAppError(e)) {
      ctx.log.error({ identityId: identity.id, flow: turn.state.flow, step: turn.state.step, err: { type: (e as Error)?.name } }, 'bot turn failed')
    }
    turn.replies.length = 0
    turn.sayText(t(turn.lang, `errors.${isAppError(e) ? e.code : 'internal'}`))
    turn.say('common.tryAgain')
  }
  await saveConversation(ctx, identity.id, turn.state)
  if (seen) seen.language = turn.lang
  return turn.replies
}

function flowOf(name: string): Flow | undefined {
  return flows.find((f) => f.name === name)
}

async function runTurn(turn: Turn): Promise<void> {
  if (!turn.text) return

  if (await checkUrgent(turn)) return

  if (isOneOf(turn.text, WORDS.english) || isOneOf(turn.text, WORDS.chinese)) {
    const lang = isOneOf(turn.text, WORDS.english) ? 'en' : 'zh-CN'
    await setIdentityLanguage(turn.ctx, turn.identity.id, lang)
    turn.identity = { ...turn.identity, language: lang }
    turn.say('language.changed')
    await askAgain(turn)
    return
  }
  if (isOneOf(turn.text, WORDS.pause) || isOneOf(turn.text, WORDS.resume)) {
    const paused = isOneOf(turn.text, WORDS.pause)
    await setRemindersPaused(turn.ctx, turn.identity.id, paused)
    turn.say(paused ? 'reminders.paused' : 'reminders.resumed')
    return
  }
  if (isOneOf(turn.text, WORDS.human)) {
    turn.remember({ answerBack: undefined })
    keepUnfinishedRegistration(turn)
    await humanFlow.start(turn)
    turn.state.failures = 0
    return
  }
  if (turn.state.flow !== 'new' && (isOneOf(turn.text, WORDS.menu) || isOneOf(turn.text, WORDS.cancel))) {
    if (isOneOf(turn.text, WORDS.cancel) && turn.state.flow !== 'menu') turn.say('common.cancelled')
    turn.remember({ answerBack: undefined })
    keepUnfinishedRegistration(turn)
    await menuFlow.start(turn)
    turn.state.failures = 0
    return
  }

  if (await handleOfferReply(turn)) return

  // a thank-you at the menu or the question step (after a staff answer, after a closed question) is not a new
  // question nor a word we did not understand (QA round 6: 谢谢 opened a new question to staff)
  // (a thank-you for a staff answer the chat still waits a reply to goes to staff, below)
  if ((turn.state.flow === 'menu' || (turn.state.flow === 'help' && turn.state.step !== 'choose')) && !turn.memo.answerBack && !turn.memo.talking && isOneOf(turn.text, WORDS.thanks)) {
    turn.say('common.thanks')
    turn.state.failures = 0
    return
  }

  const flow = flowOf(turn.state.flow) ?? welcomeFlow
  if (isOneOf(turn.text, WORDS.back) && turn.state.flow !== 'new') {
    const answerBack = turn.memo.answerBack
    if (!turn.back()) turn.say('common.backNone')
    // the step's saved data has no mark of a staff answer that came later: it still waits for the reply
    if (answerBack) turn.remember({ answerBack })
    await flow.ask(turn)
    return
  }
  // a staff answer came in the middle of something: these words go back to that question, then the flow goes on
  if (turn.memo.answerBack && turn.state.flow !== 'human') {
    await answerStaff(turn, flow)
    turn.state.failures = 0
    return
  }
  // talking to staff (an urgent question open, or a staff answer came) in the middle of registration: words that do
  // not fit the registration question ("你们什么时候来" at the name question) go to that question, not into the form
  if (turn.state.flow === 'register' && turn.memo.talking && !fitsRegistrationStep(turn) && (await toOpenQuestion(turn, flow))) {
    turn.state.failures = 0
    return
  }
  const missedBefore = (turn.state.data.missed as string[] | undefined) ?? []
  await flow.handle(turn)
  // talking to staff in another flow (the booking confirmation, the menu; registration has its own rule above): words it did not understand
  // ("有人来了吗") go to that question instead of being asked again (QA round 6); the flow's question follows
  if (turn.misunderstood && turn.memo.talking && !['human', 'help', 'register'].includes(turn.state.flow)) {
    const replies = turn.replies.splice(0)
    if (await toOpenQuestion(turn, flow)) {
      turn.state.failures = 0
      return
    }
    turn.replies.push(...replies)
  }

  if (turn.misunderstood) {
    turn.state.failures += 1
    const missed = [...missedBefore, turn.text].slice(-3)
    if (turn.state.failures >= 2) {
      turn.replies.length = 0
      turn.say('human.afterTwoMisses')
      turn.goto('menu', 'choose')
      await humanFlow.start(turn, missed.join('\n'))
      turn.state.failures = 0
    } else {
      turn.patch({ missed })
    }
  } else {
    turn.state.failures = 0
    if (turn.state.data.missed) turn.patch({ missed: undefined })
  }
}

/** Repeats the question the conversation is waiting on (after a language change). */
export async function askAgain(turn: Turn): Promise<void> {
  const flow = flowOf(turn.state.flow) ?? welcomeFlow
  await flow.ask(turn)
}
