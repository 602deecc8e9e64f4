/**
 * Several guardians per family, in the chat: "加入家庭" / "join family".
 *   - a registered parent gets a joining code (6 digits, 24 h, single use) to give the other parent;
 *   - a parent not registered yet enters the code, their name, relation to the child, a phone number
 *     (optional), reads the privacy notice (which says the family is shared, and that erasure by any
 *     guardian erases it for all) and joins: from then on they see the same children, checklist,
 *     needs and bookings. The rules (expiry, single use, wrong tries limited) are the registry's.
 */
import type { Flow } from '../dialogue/flow'
import type { Turn } from '../dialogue/turn'
import { createJoinCode, joinFamily } from '../../domain/registry/guardians'
import { CONSENT_VERSION, JoinSchema, validateField } from '../../domain/registry/registry.schemas'
import { RELATIONS } from '../../content/vocabulary'
import { formatLocal } from '../../shared/dates'
import { isAppError } from '../../shared/errors'
import { chosenNumber, isOneOf, WORDS } from '../text'
import { menuFlow } from './menu'

const SKIP = ['跳过', '不填', '没有', '无', 'skip', 'none', 'no', '-']

export const joinFlow: Flow = {
  name: 'join',
  async start(turn: Turn) {
    if (turn.identity.familyId) {
      const { code, expiresAt } = await createJoinCode(turn.ctx, turn.identity.id)
      turn.say('join.code', { code, until: formatLocal(new Date(expiresAt)) })
      return menuFlow.start(turn)
    }
    turn.goto('join', 'code', { answers: {} })
    await this.ask(turn)
  },

  async ask(turn: Turn) {
    const step = turn.state.step
    if (step === 'relation') return turn.say('join.ask.relation', { list: RELATIONS.map((r, i) => `${i + 1} ${turn.t(`registry:relation.${r}`)}`).join('\n') })
    if (step === 'notice') return turn.say('join.notice')
    turn.say(`join.ask.${step}`)
  },

  async handle(turn: Turn) {
    const step = turn.state.step
    const text = turn.text
    const answers = turn.data<Record<string, unknown>>('answers') ?? {}

    if (step === 'code') {
      const r = JoinSchema.shape.code.safeParse(text)
      if (!r.success) {
        turn.misunderstood = true
        turn.say('registry:validation.joinCode')
        return this.ask(turn)
      }
      turn.next('name', { answers: { ...answers, code: r.data } })
      return this.ask(turn)
    }

    if (step === 'name' || step === 'relation' || step === 'phone') {
      let value: unknown = text
      if (step === 'phone' && isOneOf(text, SKIP)) value = undefined
      else {
        if (step === 'relation') {
          const n = chosenNumber(text)
          if (n !== null && RELATIONS[n - 1]) value = RELATIONS[n - 1]
        }
        const r = validateField(step, value, turn.lang)
        if (!r.ok) {
          turn.sayText(r.message)
          return this.ask(turn)
        }
        value = r.value
      }
      const next = step === 'name' ? 'relation' : step === 'relation' ? 'phone' : 'notice'
      turn.next(next, { answers: { ...answers, [step]: value } })
      return this.ask(turn)
    }

    if (step === 'notice') {
      if (isOneOf(text, WORDS.no)) {
        turn.say('join.noConsent')
        return menuFlow.start(turn)
      }
      if (!isOneOf(text, WORDS.yes)) {
        turn.misunderstood = true
        return this.ask(turn)
      }
      try {
        const family = await joinFamily(
          turn.ctx,
          turn.identity.id,
          JoinSchema.parse({ ...answers, consent: { accepted: true, version: CONSENT_VERSION }, language: turn.lang }),
          turn.lang,
        )
        turn.identity = { ...turn.identity, familyId: family.id }
        turn.remember({ consent: true, city: family.servedBy })
        turn.say('join.done', { children: family.children.map((c) => c.name).join(turn.t('checklist:view.listSeparator')) || turn.t('register.summary.none') })
        return menuFlow.start(turn)
      } catch (e) {
        if (!isAppError(e)) throw e
        if (e.code === 'validation_failed' && e.fields?.some((f) => f.path === 'code')) {
          turn.sayText(e.fields.find((f) => f.path === 'code')!.message)
          turn.goto('join', 'code', { answers: { ...answers, code: undefined } })
          return this.ask(turn)
        }
        if (e.code === 'rate_limited' || e.code === 'conflict') {
          turn.sayText(e.message)
          return menuFlow.start(turn)
        }
        throw e
      }
    }
    return this.ask(turn)
  },
}
