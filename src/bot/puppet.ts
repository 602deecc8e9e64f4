/**
 * The bot's WeChat connection, chosen by settings (WECHATY_PUPPET). Never read from the
 * environment here: Wechaty's own fallback (a personal-account web protocol) is never used.
 *   wechaty-puppet-official-account  the recommended connection: a WeChat Official Account (服务号)
 *   wechaty-puppet-mock              no WeChat at all (the terminal chat, demos)
 *   any other puppet package name    loaded by Wechaty with WECHATY_PUPPET_TOKEN
 */
import type * as PUPPET from 'wechaty-puppet'
import { PuppetMock, mock } from 'wechaty-puppet-mock'
import type { Config } from '../config/env'
import { AppError } from '../shared/errors'
import { createOfficialAccountPuppet } from './official-account'
import type { ChatChannel } from './dialogue/turn'

export interface PuppetChoice {
  puppet: PUPPET.impls.PuppetInterface | string
  puppetOptions?: PUPPET.PuppetOptions
  channel: ChatChannel
  /** The mocker, when the puppet is PuppetMock (tests, terminal chat). */
  mocker?: mock.Mocker
}

export const OFFICIAL_ACCOUNT_PUPPET = 'wechaty-puppet-official-account'
export const MOCK_PUPPET = 'wechaty-puppet-mock'

export function puppetFromConfig(config: Config): PuppetChoice | null {
  const name = config.WECHATY_PUPPET?.trim()
  if (!name) return null
  if (name === MOCK_PUPPET) {
    const mocker = new mock.Mocker()
    return { puppet: new PuppetMock({ mocker }), channel: 'bot', mocker }
  }
  if (name === OFFICIAL_ACCOUNT_PUPPET) {
    if (!config.OA_APP_ID || !config.OA_APP_SECRET || !config.OA_TOKEN) {
      throw new AppError('bad_request', 'OA_APP_ID, OA_APP_SECRET and OA_TOKEN are needed for wechaty-puppet-official-account')
    }
    return {
      puppet: createOfficialAccountPuppet({
        appId: config.OA_APP_ID,
        appSecret: config.OA_APP_SECRET,
        token: config.OA_TOKEN,
        port: config.OA_PORT ?? 8080,
        apiBase: config.WX_API_BASE,
      }),
      channel: 'official_account',
    }
  }
  return { puppet: name, puppetOptions: config.WECHATY_PUPPET_TOKEN ? { token: config.WECHATY_PUPPET_TOKEN } : {}, channel: 'bot' }
}
