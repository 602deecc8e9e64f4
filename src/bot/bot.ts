/**
 * Builds the Wechaty bot: the puppet (chosen by the caller or from settings), and the plugins:
 * the family conversation, the staff rooms and the delivery of queued messages.
 */
import { WechatyBuilder, type Wechaty } from 'wechaty'
import type * as PUPPET from 'wechaty-puppet'
import type { DomainContext } from '../domain/context'
import { Conversation } from './plugins/conversation'
import { Delivery, type DeliveryHandle } from './plugins/delivery'
import { StaffRoom } from './plugins/staff-room'
import type { ChatChannel } from './dialogue/turn'
import { ContactQueue } from './contact-queue'

export interface BotOptions {
  /** A puppet instance, or a puppet package name Wechaty loads itself (with `puppetOptions`). */
  puppet: PUPPET.impls.PuppetInterface | string
  puppetOptions?: PUPPET.PuppetOptions
  /** Which identities this bot talks for: WeChat contacts ('bot') or Official Account followers. */
  channel?: ChatChannel
  queue?: ContactQueue
  /** Memory-card name (login persistence of real puppets); none for tests. */
  name?: string
  /** One message per turn (the Official Account's passive reply allows one). Default true. */
  joinReplies?: boolean
  /** Staff rooms are WeChat groups: off for the Official Account, which has none. Default on for 'bot'. */
  staffRooms?: boolean
  /** Poll interval of the outbox delivery. */
  deliveryPollMs?: number
  /** Deliver queued messages to this identity only (the terminal chat). */
  deliverOnlyTo?: () => number | undefined
}

export interface BotHandle {
  wechaty: Wechaty
  delivery: DeliveryHandle
}

export function createBot(dctx: DomainContext, opts: BotOptions): BotHandle {
  const channel = opts.channel ?? 'bot'
  const rooms = opts.staffRooms ?? channel === 'bot'
  const wechaty = WechatyBuilder.build({
    puppet: opts.puppet as PUPPET.impls.PuppetInterface,
    ...(opts.puppetOptions ? { puppetOptions: opts.puppetOptions } : {}),
    ...(opts.name ? { name: opts.name } : {}),
  })
  wechaty.on('error', (e: Error) => dctx.log.warn({ channel, err: { type: e?.name } }, 'bot error'))
  let delivery: DeliveryHandle = { flush: async () => undefined }
  // one queue for a contact's messages and the staff answers delivered to them: a delivery that changes the
  // conversation (the answer's mark) never runs in the middle of the contact's turn (one of the two was lost)
  const queue = opts.queue ?? new ContactQueue()
  wechaty.use(Conversation({ dctx, channel, queue, joinReplies: opts.joinReplies }))
  if (rooms) wechaty.use(StaffRoom({ dctx }))
  wechaty.use(Delivery({ dctx, channel, staffRooms: rooms, pollMs: opts.deliveryPollMs, onlyIdentityId: opts.deliverOnlyTo, queue }, { set: (h) => (delivery = h) }))
  return {
    wechaty,
    get delivery() {
      return delivery
    },
  }
}
