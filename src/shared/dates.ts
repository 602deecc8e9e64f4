/** Calendar helpers in the display time zone (Asia/Shanghai, UTC+8, no daylight saving). */

export const DISPLAY_TZ = 'Asia/Shanghai'
const OFFSET_MS = 8 * 60 * 60 * 1000

/** YYYY-MM-DD of an instant as seen in Asia/Shanghai. */
export function localDate(d: Date): string {
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 10)
}

/** HH:MM of an instant as seen in Asia/Shanghai. */
export function localTime(d: Date): string {
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(11, 16)
}

/** The instant of a local date and time ("2026-03-02", "09:30") in Asia/Shanghai. */
export function atLocal(date: string, time = '00:00'): Date {
  return new Date(new Date(`${date}T${time}:00Z`).getTime() - OFFSET_MS)
}

/** Day of week (0 = Sunday) of a local date. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay()
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Adds calendar months to a YYYY-MM-DD date (clamped to the month's last day). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const total = y * 12 + (m - 1) + months
  const ny = Math.floor(total / 12)
  const nm = (total % 12) + 1
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate()
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

/** A local date-time for people: "2026-03-02 09:30". */
export function formatLocal(d: Date): string {
  return `${localDate(d)} ${localTime(d)}`
}
