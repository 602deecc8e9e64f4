/**
 * Service levels. An urgent ticket unanswered after 15 minutes (round the clock) and a normal
 * one unanswered after 1 working day are re-announced in the staff room and raised to the
 * supervisor of the family's street (an administrator where there is none), once per ticket:
 * the raise is a conditional update (raised_at IS NULL) plus an outbox dedupe key, so two
 * instances running the job at the same time raise it once.
 *
 * A working day is the length of WORKING_HOURS (09:00-17:30 → 8 h 30 min) of working time,
 * counted in Asia/Shanghai on working days of China's calendar from the `chinese-days` package:
 * weekends and public holidays off, make-up working days (调休上班) on.
 */
import chineseDays from 'chinese-days'
import { addDays, atLocal, localDate } from '../../shared/dates'
import { MINUTE } from '../../shared/clock'
import { raiseTicket, repostMissingAnnouncements, ticketsAwaitingStaff } from './tickets.service'
import type { DomainContext } from '../context'

export const URGENT_MINUTES = 15

const { isWorkday } = chineseDays as unknown as { isWorkday(d: string): boolean }

/** True on a working day of China's calendar (weekends and holidays off, make-up days on). */
export function isWorkingDay(date: string): boolean {
  return isWorkday(date)
}

function parseHours(hours: string): { start: string; end: string; minutes: number } {
  const [start, end] = hours.split('-') as [string, string]
  const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5))
  return { start, end, minutes: Math.max(0, toMin(end) - toMin(start)) }
}

/** Working minutes between two instants (only WORKING_HOURS of working days count). */
export function workingMinutesBetween(from: Date, to: Date, hours: string): number {
  if (to <= from) return 0
  const h = parseHours(hours)
  let total = 0
  let day = localDate(from)
  const last = localDate(to)
  for (let i = 0; day <= last && i < 3660; i++, day = addDays(day, 1)) {
    if (!isWorkingDay(day)) continue
    const open = atLocal(day, h.start).getTime()
    const close = atLocal(day, h.end).getTime()
    const a = Math.max(open, from.getTime())
    const b = Math.min(close, to.getTime())
    if (b > a) total += (b - a) / MINUTE
  }
  return total
}

/** Length of one working day in minutes. */
export const workingDayMinutes = (hours: string) => parseHours(hours).minutes

/** Raises every ticket whose service level is missed (and first posts any new ticket whose staff-room post was lost). Returns how many this call raised. */
export async function checkServiceLevels(ctx: DomainContext): Promise<number> {
  await repostMissingAnnouncements(ctx)
  const now = ctx.clock.now()
  const day = workingDayMinutes(ctx.config.WORKING_HOURS)
  let raised = 0
  for (const t of await ticketsAwaitingStaff(ctx)) {
    const missed =
      t.priority === 'urgent'
        ? now.getTime() - t.waitingSince.getTime() >= URGENT_MINUTES * MINUTE
        : workingMinutesBetween(t.waitingSince, now, ctx.config.WORKING_HOURS) >= day
    if (!missed) continue
    if (await raiseTicket(ctx, t, t.priority === 'urgent' ? `urgent>${URGENT_MINUTES}m` : 'normal>1 working day')) raised++
  }
  if (raised) ctx.log.info({ raised }, 'service levels missed')
  return raised
}
