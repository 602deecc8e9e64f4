/**
 * Staff rooms: WeChat groups named in STAFF_ROOMS where escalations are posted. A staff member
 * answers with `#<ticket> <answer>` (or by quoting the post), claims with `#<ticket> 认领` and
 * closes with `#<ticket> 完成` (or `#<ticket> 完成：<words for the parent>`, which an urgent question the
 * parent has had no answer to needs). Only people whose staff account carries their WeChat id or
 * name are heard; everyone else in the room is ignored. What staff may do on a ticket is the
 * tickets domain's decision (policies), not the bot's.
 */
import type { Message, Wechaty, WechatyPlugin } from 'wechaty'
import type { DomainContext } from '../../domain/context'
import { listStaff, type StaffView } from '../../domain/staff/staff.service'
import { claimTicket, closeTicket, replyToFamily, staffRooms } from '../../domain/tickets/tickets.service'
import { isAppError } from '../../shared/errors'
import { t } from '../../shared/i18n'
import { isOwnMessage, isText } from '../guards'
import { normalise } from '../text'

export type StaffCommand = { ticketId: number; action: 'claim' } | { ticketId: number; action: 'close'; note?: string } | { ticketId: number; action: 'reply'; text: string }

const CLAIM = ['认领', '我来', '接单', 'claim']
const CLOSE = ['完成', '关闭', '结束', '办结', 'close', 'done']
/** WeChat's quote layout: 「name：quoted」 then a dashed line, then the answer. */
const QUOTE_SEPARATOR = /\n\s*(?:- ){3,}-?\s*\n/

/** Reads a staff command from a room message, or null when it is ordinary talk. */
export function parseStaffCommand(raw: string): StaffCommand | null {
  let text = raw.trim()
  let quotedId: number | null = null
  const parts = text.split(QUOTE_SEPARATOR)
  if (parts.length >= 2) {
    const quoted = parts[0]!
    const m = quoted.match(/[#＃]\s*(\d+)/) ?? quoted.match(/工单\s*(\d+)/)
    if (m) quotedId = Number(m[1])
    text = parts.slice(1).join('\n').trim()
  }
  const direct = text.match(/^[#＃]\s*(\d+)\s*([\s\S]*)$/)
  let ticketId: number
  let rest: string
  if (direct) {
    ticketId = Number(direct[1])
    rest = direct[2]!.trim()
  } else if (quotedId !== null) {
    ticketId = quotedId
    rest = text
  } else {
    return null
  }
  if (!rest) return null
  const word = normalise(rest)
  if (CLAIM.includes(word)) return { ticketId, action: 'claim' }
  if (CLOSE.includes(word)) return { ticketId, action: 'close' }
  // `#12 完成：孩子已经找到了` closes with words for the parent (a close word, then a separator, then the words)
  const withNote = rest.match(/^(\S+?)\s*[:：，,]\s*([\s\S]+)$/) ?? rest.match(/^(\S+)\s+([\s\S]+)$/)
  if (withNote && CLOSE.includes(normalise(withNote[1]!))) return { ticketId, action: 'close', note: withNote[2]!.trim() }
  return { ticketId, action: 'reply', text: rest }
}

export interface StaffRoomConfig {
  dctx: DomainContext
}

/**
 * Whether a staff member is one of the people a room is for: the room's keys in STAFF_ROOMS
 * (community, street, department, jurisdiction, or '*' for every staff member) name something
 * the member covers. Administrators belong to every staff room.
 */
export function staffBelongsToRoom(staff: StaffView, roomKeys: string[]): boolean {
  if (staff.role === 'admin' || roomKeys.includes('*')) return true
  const covers = [staff.department, staff.street, staff.jurisdiction, ...staff.communities].filter((x): x is string => !!x).map((x) => x.trim())
  return roomKeys.some((k) => covers.includes(k.trim()))
}

/** The staff member talking, if their account carries this WeChat id or name and they belong to the room. */
async function staffOf(dctx: DomainContext, msg: Message, roomKeys: string[]): Promise<StaffView | null> {
  const talker = msg.talker()
  const keys = [talker.id, talker.name()].filter(Boolean)
  const all = await listStaff(dctx)
  const staff = all.find((s) => s.wechatId && keys.includes(s.wechatId)) ?? null
  return staff && staffBelongsToRoom(staff, roomKeys) ? staff : null
}

export function StaffRoom(config: StaffRoomConfig): WechatyPlugin {
  const { dctx } = config
  return function StaffRoomPlugin(bot: Wechaty) {
    const onMessage = async (msg: Message) => {
      const room = msg.room()
      if (!room || isOwnMessage(bot, msg) || !isText(msg)) return
      const topic = await room.topic()
      const roomKeys = Object.entries(staffRooms(dctx))
        .filter(([, v]) => v === topic)
        .map(([k]) => k)
      if (!roomKeys.length) return
      const command = parseStaffCommand(msg.text())
      if (!command) return
      const staff = await staffOf(dctx, msg, roomKeys)
      if (!staff) return
      const lang = 'zh-CN'
      try {
        if (command.action === 'claim') {
          await claimTicket(dctx, staff, command.ticketId)
          await room.say(t(lang, 'bot:staffRoom.claimed', { ticketId: command.ticketId, staff: staff.username }))
        } else if (command.action === 'close') {
          await closeTicket(dctx, staff, command.ticketId, command.note)
          await room.say(t(lang, 'bot:staffRoom.closed', { ticketId: command.ticketId }))
        } else if (command.action === 'reply') {
          await replyToFamily(dctx, staff, command.ticketId, command.text)
          await room.say(t(lang, 'bot:staffRoom.relayed', { ticketId: command.ticketId }))
        }
      } catch (e) {
        if (!isAppError(e)) {
          dctx.log.error({ ticketId: command.ticketId, staffId: staff.id, err: { type: (e as Error)?.name } }, 'staff room command failed')
        }
        const code = isAppError(e) ? e.code : 'internal'
        // closing a question the parent has had no answer to needs words for the parent: say how, in the room's own command
        const needsNote = command.action === 'close' && isAppError(e) && e.fields?.some((f) => f.path === 'note' && f.message === 'staff:errors.closeNoteRequired')
        await room.say(needsNote ? t(lang, 'bot:staffRoom.closeNeedsNote', { ticketId: command.ticketId }) : t(lang, 'bot:staffRoom.failed', { ticketId: command.ticketId, reason: t(lang, `errors.${code}`) }))
      }
    }
    const handler = (msg: Message) => {
      onMessage(msg).catch((e: Error) => dctx.log.error({ err: { type: e?.name } }, 'staff room message failed'))
    }
    bot.on('message', handler)
    return () => {
      bot.off('message', handler)
    }
  }
}
