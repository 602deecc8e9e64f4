/** The WeChat client of a running service, built once from the settings (none without WX_APPID/WX_SECRET). */
import type { DomainContext } from '../../domain/context'
import { createWeChatClient, type WeChatClient } from './wechat.client'

export * from './wechat.client'

const clients = new WeakMap<DomainContext, WeChatClient | null>()

/** True when app id and secret are set: sign-in goes through WeChat and subscription messages can be sent. */
export const wechatConfigured = (dctx: DomainContext): boolean => Boolean(dctx.config.WX_APPID && dctx.config.WX_SECRET)

export function wechatClientFor(dctx: DomainContext): WeChatClient | null {
  if (clients.has(dctx)) return clients.get(dctx)!
  const client = wechatConfigured(dctx)
    ? createWeChatClient({ appId: dctx.config.WX_APPID!, secret: dctx.config.WX_SECRET!, baseUrl: dctx.config.WX_API_BASE, log: dctx.log, now: () => dctx.clock.now().getTime() })
    : null
  clients.set(dctx, client)
  return client
}
