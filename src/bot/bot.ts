/**
 * Builds the Wechaty bot: the puppet (chosen by the caller or from settings), the family
 * conversation, the staff rooms and the delivery of queued messages, each a plugin.
 */
import { WechatyBuilder, type Wechaty } from 'wechaty'
import type * as PUPPET from 'wechaty-puppet'
import type { DomainContext } from '../domain/context'
import { Conversation } from './plugins/conversation'
import type { ChatChannel } from './dialogue/turn'
import type { ContactQueue } from './contact-queue'

export interface BotOptions {
  puppet: PUPPET.impls.PuppetInterface
  /** Which identities this bot talks for: WeChat contacts ('bot') or Official Account followers. */
  channel?: ChatChannel
  queue?: ContactQueue
  /** Memory-card name (login persistence of real puppets); none for tests. */
  name?: string
  /** One message per turn (the Official Account's passive reply allows one). */
  joinReplies?: boolean
}

export function createBot(dctx: DomainContext, opts: BotOptions): Wechaty {
  const channel = opts.channel ?? 'bot'
  const bot = WechatyBuilder.build({ puppet: opts.puppet, ...(opts.name ? { name: opts.name } : {}) })
  bot.on('error', (e: Error) => dctx.log.warn({ channel, err: { type: e?.name } }, 'bot error'))
  bot.use(Conversation({ dctx, channel, queue: opts.queue, joinReplies: opts.joinReplies }))
  return bot
}
