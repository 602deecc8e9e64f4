/**
 * Monthly figures per community and per department (the staff console's report and its CSV):
 * needs by service, escalations answered in time (the service levels of tickets/service-levels),
 * key-case follow-ups done on time (against the due date the cadence set), sessions attended.
 *
 * Who sees what: administrators every row of a jurisdiction; child directors and supervisors the
 * communities of their area (the policy module's key-case rule); department staff their
 * department's row. Providers see no figures. Only counts leave this module, never personal data.
 */
import { Between, In } from 'typeorm'
import { Booking, BookingProvider, Family, KeyCase, KeyCaseContact, Need, Ticket } from '../../db/entities'
import { AppError } from '../../shared/errors'
import { MINUTE } from '../../shared/clock'
import { addDays, addMonths, atLocal, localDate } from '../../shared/dates'
import { can } from '../policies/policies'
import { URGENT_MINUTES, workingDayMinutes, workingMinutesBetween } from '../tickets/service-levels'
import type { StaffView } from '../staff/staff.service'
import type { DomainContext } from '../context'

export interface FigureRow {
  group: 'community' | 'department'
  /** Community or department name ('' where the family gave none). */
  name: string
  /** Needs told in the month, by service key. */
  needs: Record<string, number>
  needsTotal: number
  /** Escalations (community) or referrals (department) opened in the month. */
  tickets: number
  /** Of those, answered within the service level (urgent 15 minutes, normal 1 working day). */
  answeredInTime: number
  /** Key-case contacts and home visits recorded in the month (community rows). */
  followUps: number
  /** Of those, done on or before the date they were due. */
  followUpsOnTime: number
  /** Session bookings that took place in the month (not cancelled, started). */
  sessions: number
  attended: number
}

export interface MonthlyFigures {
  month: string
  jurisdiction: string
  /** Service keys that occur in any row, in a stable order. */
  services: string[]
  rows: FigureRow[]
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

/** Whether an answer came within the ticket's service level. */
export function answeredInTime(t: Pick<Ticket, 'priority' | 'createdAt' | 'answeredAt'>, hours: string): boolean {
  if (!t.answeredAt) return false
  if (t.priority === 'urgent') return t.answeredAt.getTime() - t.createdAt.getTime() <= URGENT_MINUTES * MINUTE
  return workingMinutesBetween(t.createdAt, t.answeredAt, hours) <= workingDayMinutes(hours)
}

const emptyRow = (group: FigureRow['group'], name: string): FigureRow => ({ group, name, needs: {}, needsTotal: 0, tickets: 0, answeredInTime: 0, followUps: 0, followUpsOnTime: 0, sessions: 0, attended: 0 })

/** The monthly figures a staff member may see (month YYYY-MM in Asia/Shanghai). */
export async function monthlyFigures(ctx: DomainContext, staff: StaffView, input: { month: string; jurisdiction?: string }): Promise<MonthlyFigures> {
  if (staff.role === 'provider') throw new AppError('forbidden', 'not allowed: figures')
  if (!MONTH.test(input.month)) throw new AppError('validation_failed', 'bad month', { fields: [{ path: 'month', message: 'validation.invalid' }] })
  const jurisdiction = staff.role === 'admin' ? (input.jurisdiction ?? staff.jurisdiction ?? '') : (staff.jurisdiction ?? '')
  if (!jurisdiction) throw new AppError('validation_failed', 'jurisdiction required', { fields: [{ path: 'jurisdiction', message: 'validation.required' }] })
  const first = `${input.month}-01`
  const from = atLocal(first)
  const to = new Date(atLocal(addMonths(first, 1)).getTime() - 1)
  const now = ctx.clock.now()

  const communityRows = new Map<string, FigureRow>()
  const departmentRows = new Map<string, FigureRow>()
  const place = (p: { street: string | null; community: string | null }) => ({ type: 'key_case' as const, jurisdiction, street: p.street, community: p.community })
  const seesCommunity = (p: { street: string | null; community: string | null }) => staff.role === 'admin' || (staff.role !== 'department' && can(staff, 'key_case.read', place(p)))
  const seesDepartment = (d: string) => staff.role === 'admin' || (staff.role === 'department' && staff.department?.trim() === d.trim())
  const community = (p: { street: string | null; community: string | null }): FigureRow | null => {
    if (!seesCommunity(p)) return null
    const name = p.community?.trim() ?? ''
    let r = communityRows.get(name)
    if (!r) communityRows.set(name, (r = emptyRow('community', name)))
    return r
  }
  const department = (d: string): FigureRow | null => {
    if (!seesDepartment(d)) return null
    let r = departmentRows.get(d)
    if (!r) departmentRows.set(d, (r = emptyRow('department', d)))
    return r
  }

  const [needs, tickets, contacts, providers] = await Promise.all([
    ctx.db.repo(Need).find({ where: { jurisdiction, createdAt: Between(from, to) } }),
    ctx.db.repo(Ticket).find({ where: { jurisdiction, createdAt: Between(from, to) } }),
    ctx.db.repo(KeyCaseContact).find({ where: { on: Between(first, localDate(to)) }, order: { on: 'ASC', id: 'ASC' } }),
    ctx.db.repo(BookingProvider).find({ where: { jurisdiction } }),
  ])
  const bookings = providers.length ? await ctx.db.repo(Booking).find({ where: { providerId: In(providers.map((p) => p.id)), startsAt: Between(from, to) } }) : []
  const familyIds = [...new Set([...needs.map((n) => n.familyId), ...bookings.map((b) => b.familyId)].filter((x): x is number => !!x))]
  const families = new Map(familyIds.length ? (await ctx.db.repo(Family).findBy({ id: In(familyIds) })).map((f) => [f.id, f]) : [])
  const nowhere = { street: null, community: null }

  for (const n of needs) {
    const rows = [community(families.get(n.familyId ?? -1) ?? nowhere), ...n.departments.map(department)]
    for (const r of rows) {
      if (!r) continue
      r.needs[n.service] = (r.needs[n.service] ?? 0) + 1
      r.needsTotal++
    }
  }

  for (const t of tickets) {
    const rows = t.kind === 'referral' ? t.departments.map(department) : [community(t)]
    for (const r of rows) {
      if (!r) continue
      r.tickets++
      if (answeredInTime(t, ctx.config.WORKING_HOURS)) r.answeredInTime++
    }
  }

  // Follow-ups: each contact or visit is compared with the date it was due, which is one cadence
  // after the previous follow-up (a visit counts as a contact too), or after the case was opened.
  const caseIds = [...new Set(contacts.map((c) => c.keyCaseId))]
  const cases = new Map(caseIds.length ? (await ctx.db.repo(KeyCase).findBy({ id: In(caseIds), jurisdictionId: jurisdiction })).map((k) => [k.id, k]) : [])
  const earlier = caseIds.length ? await ctx.db.repo(KeyCaseContact).find({ where: { keyCaseId: In(caseIds) }, order: { on: 'ASC', id: 'ASC' } }) : []
  for (const c of contacts) {
    const k = cases.get(c.keyCaseId)
    if (!k) continue
    const r = community(k)
    if (!r) continue
    const every = c.kind === 'visit' ? (k.visitEveryDays ?? k.contactEveryDays) : k.contactEveryDays
    const before = earlier.filter((e) => e.keyCaseId === c.keyCaseId && (e.on < c.on || (e.on === c.on && e.id < c.id)) && (c.kind === 'contact' || e.kind === 'visit'))
    const since = before.length ? before[before.length - 1]!.on : localDate(k.openedAt)
    r.followUps++
    if (!every || c.on <= addDays(since, every)) r.followUpsOnTime++
  }

  const providerById = new Map(providers.map((p) => [p.id, p]))
  for (const b of bookings) {
    if (b.status === 'cancelled' || b.startsAt > now) continue
    const p = providerById.get(b.providerId)
    const rows = [community(families.get(b.familyId) ?? nowhere), p?.department ? department(p.department) : null]
    for (const r of rows) {
      if (!r) continue
      r.sessions++
      if (b.status === 'attended') r.attended++
    }
  }

  const byName = (a: FigureRow, b: FigureRow) => a.name.localeCompare(b.name, 'zh-CN')
  const rows = [...[...communityRows.values()].sort(byName), ...[...departmentRows.values()].sort(byName)]
  const services = [...new Set(rows.flatMap((r) => Object.keys(r.needs)))].sort()
  return { month: input.month, jurisdiction, services, rows }
}

/** A CSV cell: quoted when needed; a leading = + - @ is neutralised so spreadsheets show it as text. */
export function csvCell(v: string | number): string {
  let s = String(v)
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/** The figures as CSV (UTF-8 with a byte-order mark so spreadsheet programs read Chinese). Headers are given by the caller in its language. */
export function figuresCsv(f: MonthlyFigures, headers: { group: (g: FigureRow['group']) => string; columns: string[]; service: (key: string) => string }): string {
  const head = [...headers.columns.slice(0, 3), ...f.services.map(headers.service), ...headers.columns.slice(3)]
  const lines = [head.map(csvCell).join(',')]
  for (const r of f.rows) {
    const cells: Array<string | number> = [headers.group(r.group), r.name, r.needsTotal, ...f.services.map((s) => r.needs[s] ?? 0), r.tickets, r.answeredInTime, r.followUps, r.followUpsOnTime, r.sessions, r.attended]
    lines.push(cells.map(csvCell).join(','))
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
