/**
 * Guard clauses every handler runs first: the bot's own messages, group chats, message kinds.
 * With PuppetMock a contact also receives its own outgoing message, so "own" is decided on
 * the talker's id, not only on `msg.self()`.
 */
import { types, type Message, type Wechaty } from 'wechaty'

/** A message the bot itself sent (or its echo). */
export function isOwnMessage(bot: Wechaty, msg: Message): boolean {
  if (msg.self()) return true
  const me = bot.isLoggedIn ? bot.currentUser.id : undefined
  return !!me && msg.talker().id === me
}

/** Kinds we cannot read: images, voice, stickers, links, videos, files, mini-programs, locations, contact cards. */
const MEDIA = new Set<number>([
  types.Message.Image,
  types.Message.Audio,
  types.Message.Emoticon,
  types.Message.Url,
  types.Message.Video,
  types.Message.Attachment,
  types.Message.MiniProgram,
  types.Message.Location,
  types.Message.Contact,
  types.Message.Unknown,
])

export function isMedia(msg: Message): boolean {
  return MEDIA.has(msg.type())
}

export function isText(msg: Message): boolean {
  return msg.type() === types.Message.Text
}

/** A bare link typed as text is treated like a shared link. */
export function isBareLink(text: string): boolean {
  return /^\s*https?:\/\/\S+\s*$/i.test(text)
}

/** Splits a long reply into WeChat-sized messages at paragraph or line breaks. */
export function chunk(text: string, max = 1800): string[] {
  if (text.length <= max) return [text]
  const out: string[] = []
  let cur = ''
  for (const line of text.split('\n')) {
    if (cur && cur.length + line.length + 1 > max) {
      out.push(cur)
      cur = ''
    }
    cur = cur ? `${cur}\n${line}` : line
    while (cur.length > max) {
      out.push(cur.slice(0, max))
      cur = cur.slice(max)
    }
  }
  if (cur) out.push(cur)
  return out
}
