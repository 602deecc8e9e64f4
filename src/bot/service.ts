/**
 * Starts the bot with `npm start` when WECHATY_PUPPET is set; says the bot is off otherwise.
 */
import type { DomainContext } from '../domain/context'
import { puppetFromConfig } from './puppet'
import { createBot } from './bot'
import { forgetIdleConversations } from '../domain/conversation/conversation.service'
import { DAY } from '../shared/clock'

/** Days after which a silent conversation (and any answers it was collecting) is forgotten. */
export const IDLE_CONVERSATION_DAYS = 30

export interface RunningBot {
  name: string
  stop(): Promise<void>
}

export async function startBot(dctx: DomainContext): Promise<RunningBot | null> {
  const choice = puppetFromConfig(dctx.config)
  if (!choice) {
    dctx.log.info('WeChat bot is off: WECHATY_PUPPET is not set (try `npm run chat -- --user 小王` for a terminal chat)')
    return null
  }
  const { wechaty } = createBot(dctx, { puppet: choice.puppet, puppetOptions: choice.puppetOptions, channel: choice.channel, name: `${dctx.config.DATA_DIR}/wechaty` })
  wechaty.on('scan', (qrcode: string, status: number) => dctx.log.info({ status, qrcode }, 'bot: scan the QR code to log in'))
  wechaty.on('login', () => dctx.log.info({ channel: choice.channel }, 'bot logged in'))
  wechaty.on('logout', () => dctx.log.warn({ channel: choice.channel }, 'bot logged out'))
  // Half-finished conversations may hold a child's name: forget them after a month of silence.
  const forget = () => void forgetIdleConversations(dctx, IDLE_CONVERSATION_DAYS).catch((e: Error) => dctx.log.warn({ err: { type: e?.name } }, 'forgetting idle conversations failed'))
  forget()
  const timer = setInterval(forget, DAY)
  timer.unref?.()
  await wechaty.start()
  dctx.log.info({ puppet: dctx.config.WECHATY_PUPPET, channel: choice.channel }, 'WeChat bot started')
  return {
    name: 'bot',
    stop: async () => {
      clearInterval(timer)
      await wechaty.stop()
    },
  }
}
