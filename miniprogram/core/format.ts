/** Showing times and places the same way on every page (Asia/Shanghai, whatever the phone's zone). */
import { currentLang, t } from './i18n'

const SHANGHAI_MS = 8 * 3600_000
const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

/** "3月2日 周一 09:30" / "Mon 2/3 09:30" from an ISO instant. */
export function formatWhen(iso: string): string {
  const d = new Date(new Date(iso).getTime() + SHANGHAI_MS)
  if (Number.isNaN(d.getTime())) return iso
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  if (currentLang() === 'en') return `${WEEKDAYS_EN[d.getUTCDay()]} ${d.getUTCDate()}/${d.getUTCMonth() + 1} ${hh}:${mm}`
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${WEEKDAYS_ZH[d.getUTCDay()]} ${hh}:${mm}`
}

/** Where a session happens, in words: the venue, or online/by phone. */
export function placeOf(x: { venue?: { name: string; address?: string | null } | null; mode?: string; modeName?: string }): string {
  if (x.venue) return x.venue.address ? `${x.venue.name}（${x.venue.address}）` : x.venue.name
  if (x.modeName) return x.modeName
  if (x.mode === 'phone') return t('booking.phone')
  return t('booking.online')
}

export const providerName = (p: { name: string } | string): string => (typeof p === 'string' ? p : p.name)

/** A key for one booking attempt: the same key on a retry of that attempt. */
export function newIdempotencyKey(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

/** A joining code "042917" as "042 917": easier to read out and to copy by eye. */
export const spacedCode = (code: string): string => (/^\d{6}$/.test(code) ? `${code.slice(0, 3)} ${code.slice(3)}` : code)
