import { it, expect } from 'vitest'
import { PuppetMock } from 'wechaty-puppet-mock'
import { PuppetOA } from 'wechaty-puppet-official-account'
import { loadConfig } from '../../src/config/env'
import { puppetFromConfig } from '../../src/bot/puppet'

it('chooses the puppet from settings, and none (bot off) without WECHATY_PUPPET', () => {
  expect(puppetFromConfig(loadConfig({}))).toBeNull()
  const mock = puppetFromConfig(loadConfig({ WECHATY_PUPPET: 'wechaty-puppet-mock' }))!
  expect(mock.puppet).toBeInstanceOf(PuppetMock)
  expect(mock.channel).toBe('bot')
  expect(() => puppetFromConfig(loadConfig({ WECHATY_PUPPET: 'wechaty-puppet-official-account' }))).toThrow(/OA_APP_ID/)
  const oa = puppetFromConfig(loadConfig({ WECHATY_PUPPET: 'wechaty-puppet-official-account', OA_APP_ID: 'wx1', OA_APP_SECRET: 's', OA_TOKEN: 't', OA_PORT: '8081' }))!
  expect(oa.puppet).toBeInstanceOf(PuppetOA)
  expect(oa.channel).toBe('official_account')
  const named = puppetFromConfig(loadConfig({ WECHATY_PUPPET: 'wechaty-puppet-service', WECHATY_PUPPET_TOKEN: 'tok' }))!
  expect(named).toMatchObject({ puppet: 'wechaty-puppet-service', puppetOptions: { token: 'tok' }, channel: 'bot' })
})
