/**
 * The family conversation as a Wechaty plugin (plugin-contrib style: match → talk).
 * Text from a one-to-one chat goes through the conversation engine; images, voice, stickers
 * and links get a friendly request to type. Group chats and the bot's own messages are ignored.
 * Each contact's messages are handled in order through a per-contact queue.
 */
import type { Message, Wechaty, WechatyPlugin } from 'wechaty'
import type { DomainContext } from '../../domain/context'
import { findOrCreateIdentity } from '../../domain/identity/identity.service'
import { t, type Language } from '../../shared/i18n'
import { isUnavailableError } from '../../shared/errors'
import { converse } from '../dialogue/engine'
import type { ChatChannel } from '../dialogue/turn'
import { ContactQueue } from '../contact-queue'
import { chunk, isBareLink, isMedia, isOwnMessage, isText } from '../guards'

/** While the database is away a message is tried again, with growing pauses up to 5 s, for about 15 minutes. */
const UNAVAILABLE_RETRIES = 185
const UNAVAILABLE_MAX_DELAY_MS = 5000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export interface ConversationConfig {
  dctx: DomainContext
  channel: ChatChannel
  queue?: ContactQueue
  /** Replies of one turn as one message (the Official Account's passive reply allows only one). */
  joinReplies?: boolean
}

/** Whether a message is for the family conversation. */
export function isConversationMessage(bot: Wechaty, msg: Message): boolean {
  if (isOwnMessage(bot, msg)) return false
  if (msg.room()) return false
  return isText(msg) || isMedia(msg)
}

/**
 * Longest text one message may carry: WeChat's customer-service API takes 2048 bytes (about 680
 * Chinese characters in UTF-8), a chat message more.
 */
export function maxMessageLength(channel: ChatChannel): number {
  return channel === 'official_account' ? 600 : 1800
}

/** Message ids remembered to answer each message once. */
const SEEN_MAX = 5000

export function Conversation(config: ConversationConfig): WechatyPlugin {
  const { dctx, channel } = config
  const log = dctx.log
  const maxLength = maxMessageLength(channel)
  let botRef: Wechaty | undefined
  const queue = config.queue ?? new ContactQueue()
  /** The language each contact last used, for the notices the bot can give without the database. */
  const lastLanguage = new Map<string, Language>()
  if (!queue.hasThrottleHandler()) {
    queue.onThrottle(async (contactId) => {
      // Never lose the message for want of the notice's language (the database may be away).
      const language = await findOrCreateIdentity(dctx, channel, contactId).then((i) => i.language, () => lastLanguage.get(contactId) ?? 'zh-CN')
      const contact = await botRef?.Contact.find({ id: contactId })
      await contact?.say(t(language, 'bot:flood.slowDown'))
    })
  }

  async function reply(msg: Message, replies: string[]): Promise<void> {
    if (!replies.length) return
    const messages = config.joinReplies === false ? replies : [replies.join('\n\n')]
    for (const m of messages) for (const part of chunk(m, maxLength)) await msg.say(part)
  }

  const seen = new Set<string>()
  return function ConversationPlugin(bot: Wechaty) {
    botRef = bot
    const onMessage = (msg: Message) => {
      if (!isConversationMessage(bot, msg)) return
      // A puppet may hand the same message over twice (reconnects): answer it once.
      if (seen.has(msg.id)) return
      seen.add(msg.id)
      if (seen.size > SEEN_MAX) seen.delete(seen.values().next().value!)
      const contactId = msg.talker().id
      void queue
        .push(contactId, async () => {
          const text = isText(msg) ? msg.text() : ''
          if (isMedia(msg) || isBareLink(text)) {
            const identity = await findOrCreateIdentity(dctx, channel, contactId)
            await reply(msg, [t(identity.language, 'bot:media.pleaseType')])
            return
          }
          // The database away: say so once, keep the message and try it again until it is back.
          for (let attempt = 0; ; attempt++) {
            try {
              const seen: { language?: Language } = {}
              const replies = await converse(dctx, channel, contactId, text, seen)
              if (seen.language) lastLanguage.set(contactId, seen.language)
              await reply(msg, replies)
              return
            } catch (e) {
              if (!isUnavailableError(e) || attempt >= UNAVAILABLE_RETRIES) throw e
              if (attempt === 0) {
                log.warn({ channel, err: { type: (e as Error)?.name } }, 'database unavailable: message kept, will retry')
                await msg.say(t(lastLanguage.get(contactId) ?? 'zh-CN', 'errors.unavailable'))
              }
              await sleep(Math.min(UNAVAILABLE_MAX_DELAY_MS, 500 * 2 ** attempt))
            }
          }
        })
        .catch((e: Error) => log.error({ channel, err: { type: e?.name } }, 'bot message failed'))
    }
    bot.on('message', onMessage)
    return () => {
      bot.off('message', onMessage)
    }
  }
}
