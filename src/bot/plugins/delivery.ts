/**
 * Delivery from the outbox: messages the service sends on its own (staff answers, reminders,
 * notices, escalations for staff rooms) are queued in the outbox and delivered here. Rows for
 * the family channel are rendered in the parent's language and said to the contact; rows for
 * 'staff_room' are posted to the WeChat room STAFF_ROOMS names for their room key.
 * A failed delivery is retried later by the outbox (back-off); nothing is lost when offline.
 */
import type { Wechaty, WechatyPlugin } from 'wechaty'
import type { DomainContext } from '../../domain/context'
import { claimDue, markFailed, markSent, type OutboxChannel, type QueuedMessage } from '../../domain/outbox/outbox.service'
import { channelAddressOf } from '../../domain/identity/identity.service'
import { loadConversation, saveConversation } from '../../domain/conversation/conversation.service'
import { staffRooms } from '../../domain/tickets/tickets.service'
import { t } from '../../shared/i18n'
import { chunk } from '../guards'
import { serviceLabel } from '../../domain/routing/labels'
import { SERVICE_KEYS, type ServiceKey } from '../../content/vocabulary'
import { maxMessageLength } from './conversation'
import type { Memo } from '../dialogue/turn'
import type { ContactQueue } from '../contact-queue'

export interface DeliveryConfig {
  dctx: DomainContext
  /** Family channel this bot delivers ('bot' or 'official_account'); staff rooms only where the puppet has rooms. */
  channel: 'bot' | 'official_account'
  staffRooms?: boolean
  /** Poll interval for retries and messages due later. */
  pollMs?: number
  /**
   * Deliver only to this identity (the terminal chat shares the database with `npm start`: it
   * must not take, and fail, rows meant for real WeChat contacts or staff rooms).
   */
  onlyIdentityId?: () => number | undefined
  /** The contacts' message queue: an answer is said between two of the parent's turns, never during one. */
  queue?: ContactQueue
}

/** Masks anything that looks like an identity number (18 characters) in words posted to staff rooms. */
export function maskIdNumbers(text: string): string {
  return text.replace(/(?<![0-9])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9])/g, (_m, a: string, b: string) => `${a}********${b}`)
}

/** The words of a queued message in a language: the i18n sentence, then the words a person wrote. */
export function renderMessage(m: QueuedMessage, lang: string): string {
  const parts: string[] = []
  if (m.messageKey) parts.push(t(lang, m.messageKey, (m.params ?? {}) as Record<string, unknown>))
  if (m.plainText) parts.push(m.plainText)
  return parts.join('\n')
}

/** A staff-room post: the domain's sentence, the service in plain words, then the parent's words. */
export function renderRoomPost(m: QueuedMessage): string {
  const lang = 'zh-CN'
  const parts: string[] = []
  if (m.messageKey) parts.push(t(lang, m.messageKey, (m.params ?? {}) as Record<string, unknown>))
  const service = m.params?.service
  if (typeof service === 'string' && (SERVICE_KEYS as readonly string[]).includes(service)) parts.push(t(lang, 'bot:staffRoom.service', { service: serviceLabel(lang, service as ServiceKey) }))
  if (m.plainText) parts.push(m.plainText)
  return parts.join('\n')
}

export interface DeliveryHandle {
  /** Delivers everything due now (tests, the end of a terminal chat). */
  flush(): Promise<void>
}

export function Delivery(config: DeliveryConfig, handle?: { set(h: DeliveryHandle): void }): WechatyPlugin {
  const { dctx } = config
  const channels: OutboxChannel[] = config.staffRooms === false ? [config.channel] : [config.channel, 'staff_room']

  return function DeliveryPlugin(bot: Wechaty) {
    let timer: NodeJS.Timeout | undefined
    let running: Promise<void> | null = null
    let again = false

    const deliverOne = async (m: QueuedMessage) => {
      if (m.channel === 'staff_room') {
        const rooms = staffRooms(dctx)
        const topic = rooms[m.recipient] ?? rooms['*']
        const room = topic ? await bot.Room.find({ topic }) : undefined
        if (!room) return markFailed(dctx, m.id, 'room_not_found')
        for (const part of chunk(maskIdNumbers(renderRoomPost(m)))) await room.say(part)
        return markSent(dctx, m.id)
      }
      const address = await channelAddressOf(dctx, Number(m.recipient))
      const contact = await bot.Contact.find({ id: address.externalId })
      if (!contact) return markFailed(dctx, m.id, 'contact_not_found')
      const say = async () => {
        // before the parent can read the answer, so their very next words already go back to it
        const answerBack = m.kind === 'staff_reply' && (await expectAnswerBack(Number(m.recipient), m.params?.ticketId))
        // the parent is told their next words go back to that person (the sentence existed, never said)
        const text = answerBack ? `${renderMessage(m, address.language)}\n\n${t(address.language, 'staff:reply.howToAnswer')}` : renderMessage(m, address.language)
        for (const part of chunk(text, maxMessageLength(config.channel))) await contact.say(part)
        await markSent(dctx, m.id)
      }
      // a staff answer reads and writes the conversation: between two of the contact's turns (the conversation
      // plugin's queue); reminders and notices are said at once
      return config.queue && m.kind === 'staff_reply' ? config.queue.push(address.externalId, say, { untimed: true }) : say()
    }

    /**
     * After a staff answer, the parent's next words go back to that person. Waiting at the menu or with a
     * person: the conversation waits for the answer. In the middle of something (registration, a booking):
     * the place is kept and marked, the next message goes to the question, then the same question is asked
     * again (the answer was taken as the district, and staff never read it). Always true: the parent is told.
     */
    const expectAnswerBack = async (identityId: number, ticketId: unknown): Promise<boolean> => {
      const state = await loadConversation(dctx, identityId)
      const memo = (state.data.memo ?? {}) as Memo
      // waiting at the menu, with a person, or for a question after "没看懂" (a reply there became a miss, then a new question)
      const idle = state.flow === 'menu' || state.flow === 'human' || (state.flow === 'help' && state.step === 'question')
      const id = Number(ticketId)
      const known = Number.isSafeInteger(id) && id > 0
      if (idle) {
        const { answerBack: _done, ...kept } = memo
        // talking to staff on it: if the parent starts registering while it is open, words meant for staff still reach it
        const talking = known ? { ...kept, talking: id } : kept
        await saveConversation(dctx, identityId, { ...state, flow: 'human', step: 'waiting', data: { ...(Object.keys(talking).length ? { memo: talking } : {}), ticketId }, history: [] })
        return true
      }
      if (!known) return false
      await saveConversation(dctx, identityId, { ...state, data: { ...state.data, memo: { ...memo, answerBack: id, talking: id } } })
      return true
    }

    const drain = async () => {
      const only = config.onlyIdentityId ? config.onlyIdentityId() : undefined
      if (config.onlyIdentityId && only === undefined) return
      for (const ch of channels) {
        for (;;) {
          const due = await claimDue(dctx, ch, 20, only === undefined ? undefined : String(only))
          if (!due.length) break
          for (const m of due) {
            try {
              await deliverOne(m)
            } catch (e) {
              dctx.log.warn({ outboxId: m.id, channel: ch, err: { type: (e as Error)?.name } }, 'delivery failed')
              await markFailed(dctx, m.id, 'send_failed').catch(() => undefined)
            }
          }
        }
      }
    }

    const kick = (): Promise<void> => {
      if (!timer) return Promise.resolve()
      if (running) {
        again = true
        return running
      }
      running = (async () => {
        do {
          again = false
          await drain().catch((e: Error) => dctx.log.warn({ err: { type: e?.name } }, 'delivery round failed'))
        } while (again)
      })().finally(() => {
        running = null
      })
      return running
    }

    const onOutbox = (ch: string) => {
      if (channels.includes(ch as OutboxChannel)) void kick()
    }
    const start = () => {
      if (timer) return
      dctx.events.on('outbox', onOutbox)
      timer = setInterval(() => void kick(), config.pollMs ?? 5000)
      timer.unref?.()
      void kick()
    }
    const stop = () => {
      if (timer) clearInterval(timer)
      timer = undefined
      dctx.events.off('outbox', onOutbox)
    }
    handle?.set({
      flush: async () => {
        await kick()
        if (running) await running
      },
    })
    bot.on('login', start)
    bot.on('logout', stop)
    bot.on('stop', stop)
    return () => {
      stop()
      bot.off('login', start)
      bot.off('logout', stop)
      bot.off('stop', stop)
    }
  }
}
