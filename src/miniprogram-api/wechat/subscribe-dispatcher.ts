/**
 * Delivery of the outbox rows of channel 'miniprogram' (booking reminders, staff replies,
 * notices). The mini-program has one way to reach a family on our own initiative: a WeChat
 * subscription message, and only for the kinds the family agreed to in the booking page
 * (`wx.requestSubscribeMessage`) with a template configured in the settings. Today that is the
 * booking reminder (WX_TEMPLATE_BOOKING_REMINDER). Everything else (staff replies, notices,
 * reminders without a template or without a real openid) is read in the app itself
 * (`/me/messages`, `/me/bookings`), so the row is marked sent once it is readable there.
 *
 * Template fields filled for the booking reminder (pick a template with these keys in the
 * WeChat admin console, or adjust `reminderData`): thing1 = what (session kind), time2 = when,
 * thing3 = where (venue or "online"/"phone"), thing4 = a short note in the family's language.
 *
 * Failures: WeChat down, slow or busy → `markFailed` (the outbox retries with back-off); the
 * family did not allow messages or the data is refused → sent-equivalent (readable in the app),
 * logged by row id and errcode only.
 */
import { claimDue, markFailed, markSent, type QueuedMessage } from '../../domain/outbox/outbox.service'
import { channelAddressOf } from '../../domain/identity/identity.service'
import type { DomainContext } from '../../domain/context'
import { t, normaliseLanguage, type Language } from '../../shared/i18n'
import { WeChatError, type WeChatClient } from './wechat.client'
import { wechatClientFor } from '.'

/** The page the subscription message opens. */
export const REMINDER_PAGE = 'pages/bookings/bookings'

/** WeChat limits `thing` fields to 20 characters. */
const thing = (s: string) => ({ value: [...s].slice(0, 20).join('') || '-' })

/** "2026-03-02 09:30" → "2026年3月2日 09:30" (the form WeChat's `time` fields accept). */
export function wechatTime(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})\s+(\d{2}:\d{2})/.exec(local)
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日 ${m[4]}` : local
}

/** The template data of a booking reminder, in the family's language. */
export function reminderData(msg: QueuedMessage, lang: Language): Record<string, { value: string }> {
  const p = (msg.params ?? {}) as Record<string, unknown>
  const kind = String(p.kind ?? '')
  const mode = String(p.mode ?? '')
  const place = String(p.place ?? '') || (mode ? t(lang, `api:subscribe.modes.${mode}`, { defaultValue: mode }) : '')
  return {
    thing1: thing(t(lang, `api:subscribe.kinds.${kind}`, { defaultValue: t(lang, 'api:subscribe.reminder_title') })),
    time2: { value: wechatTime(String(p.start ?? '')) },
    thing3: thing(place),
    thing4: thing(t(lang, 'api:subscribe.reminder_note')),
  }
}

export interface DeliveryResult {
  /** Sent as WeChat subscription messages. */
  pushed: number
  /** Left to be read in the app (no template, no consent, not a WeChat user). */
  inApp: number
  /** Failed for now; the outbox retries them later. */
  retry: number
}

/** Delivers the due 'miniprogram' rows once. */
export async function deliverMiniprogramMessages(dctx: DomainContext, client: WeChatClient | null = wechatClientFor(dctx)): Promise<DeliveryResult> {
  const result: DeliveryResult = { pushed: 0, inApp: 0, retry: 0 }
  const template = dctx.config.WX_TEMPLATE_BOOKING_REMINDER
  const rows = await claimDue(dctx, 'miniprogram')
  for (const msg of rows) {
    try {
      const address = await channelAddressOf(dctx, Number(msg.recipient)).catch(() => null)
      const realOpenid = address && address.channel === 'miniprogram' && !address.externalId.startsWith('dev:') ? address.externalId : null
      if (msg.kind !== 'reminder' || !template || !client || !realOpenid) {
        await markSent(dctx, msg.id)
        result.inApp++
        continue
      }
      const lang = normaliseLanguage(address?.language)
      await client.sendSubscribeMessage(realOpenid, template, reminderData(msg, lang), REMINDER_PAGE)
      await markSent(dctx, msg.id)
      result.pushed++
    } catch (e) {
      if (e instanceof WeChatError && (e.failure === 'not_subscribed' || e.failure === 'bad_request')) {
        dctx.log.info({ outboxId: msg.id, errcode: e.errcode }, 'subscription message not accepted by WeChat; the family reads it in the app')
        await markSent(dctx, msg.id)
        result.inApp++
      } else {
        const code = e instanceof WeChatError ? `wx_${e.failure}_${e.errcode}` : `error_${(e as Error)?.name ?? 'unknown'}`
        dctx.log.warn({ outboxId: msg.id, attempt: msg.attempts, code }, 'subscription message failed; will retry')
        await markFailed(dctx, msg.id, code)
        result.retry++
      }
    }
  }
  return result
}

/**
 * Runs delivery when something is queued for the mini-program (the outbox's 'outbox' event) and
 * every `intervalMs` (for retries and for rows queued by other processes). Never two runs at once.
 */
export function startMiniprogramDelivery(dctx: DomainContext, opts: { intervalMs?: number; client?: WeChatClient | null } = {}): { name: string; stop(): Promise<void>; runNow(): Promise<void> } {
  let running: Promise<void> | null = null
  let again = false
  let stopped = false
  const client = opts.client === undefined ? wechatClientFor(dctx) : opts.client
  const run = (): Promise<void> => {
    if (stopped) return Promise.resolve()
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      try {
        do {
          again = false
          const r = await deliverMiniprogramMessages(dctx, client)
          if (r.pushed + r.inApp + r.retry > 0) dctx.log.debug({ ...r }, 'mini-program messages delivered')
        } while (again && !stopped)
      } catch (e) {
        dctx.log.warn({ err: { type: (e as Error)?.name, code: (e as { code?: string })?.code } }, 'mini-program delivery run failed')
      } finally {
        running = null
      }
    })()
    return running
  }
  const onQueued = (channel: unknown) => {
    if (channel === 'miniprogram') void run()
  }
  dctx.events.on('outbox', onQueued)
  const timer = setInterval(() => void run(), opts.intervalMs ?? 15_000)
  timer.unref()
  return {
    name: 'miniprogram-delivery',
    runNow: run,
    stop: async () => {
      stopped = true
      clearInterval(timer)
      dctx.events.off('outbox', onQueued)
      await running
    },
  }
}
