/** A provider's schedule with attendance marking, the monthly figures, the audit log. */
import { html, query, type Html } from '../html'
import { csrfField, postButton, type View } from '../layout'
import { select, serviceLabel, tag, when } from './common'
import { localTime, localDate } from '../../shared/dates'
import type { ProviderView } from '../../domain/booking/slots'
import type { ScheduleEntry } from '../../domain/booking/staff.service'
import type { MonthlyFigures } from '../../domain/reports/monthly'
import type { AuditView } from '../../domain/audit/audit.service'
import { STAFF_ROLES, type StaffView } from '../../domain/staff/staff.service'
import { slotActions } from './providers'

export interface ScheduleModel {
  providers: Array<ProviderView & { canMark: boolean }>
  providerId: number | null
  date: string
  days: 1 | 7
  schedule: { provider: ProviderView; canMark: boolean; entries: ScheduleEntry[] } | null
  now: Date
  showFamilies: boolean
  /** Whether the staff member may close, reopen and cancel this provider's times. */
  canManage?: boolean
}

export function schedulePage(v: View, m: ScheduleModel): Html {
  const { tr } = v
  if (!m.providers.length) return html`<p>${tr('console:schedule.noProviders')}</p>`
  const back = `/staff/schedule${query({ provider: m.providerId, date: m.date, view: m.days === 7 ? 'week' : 'day' })}`
  return html`
<form method="get" action="/staff/schedule" class="filters">
  ${select('s-provider', 'provider', tr('console:schedule.provider'), m.providers.map((p): [string, string] => [String(p.id), [p.name, p.department, p.community].filter(Boolean).join(' · ')]), m.providerId ? String(m.providerId) : undefined)}
  <div><label for="s-date">${tr('console:schedule.date')}</label><input id="s-date" name="date" type="date" value="${m.date}" required></div>
  ${select('s-view', 'view', tr('console:schedule.view'), [['day', tr('console:schedule.day')], ['week', tr('console:schedule.week')]], m.days === 7 ? 'week' : 'day')}
  <div><button type="submit" class="primary">${tr('console:schedule.show')}</button></div>
</form>
${m.schedule
    ? m.schedule.entries.length
      ? html`<table><thead><tr><th scope="col">${tr('console:schedule.time')}</th><th scope="col">${tr('console:schedule.kind')}</th><th scope="col">${tr('console:schedule.where')}</th><th scope="col">${tr('console:schedule.places')}</th><th scope="col">${tr('console:schedule.bookings')}</th></tr></thead>
<tbody>${m.schedule.entries.map(
          (e) => html`<tr><td>${localDate(e.time.start)} ${localTime(e.time.start)}–${localTime(e.time.end)}${e.time.status !== 'open' ? html` ${tag(tr(`console:slot.${e.time.status}`))}` : ''}${m.canManage ? slotActions(v, e, back, m.now) : ''}</td>
<td>${tr(`booking:kinds.${e.time.kind}`, { defaultValue: e.time.kind })}</td>
<td>${tr(`booking:modes.${e.time.mode}`, { defaultValue: e.time.mode })}${e.time.venue ? html`<br>${e.time.venue.name}` : ''}</td>
<td>${tr('console:schedule.placesLeft', { remaining: e.time.remaining, capacity: e.time.capacity })}${e.waiting ? html`<br>${tr('console:schedule.waiting', { count: e.waiting })}` : ''}</td>
<td>${e.bookings.length
            ? html`<ul>${e.bookings.map(
                (b) => html`<li data-booking="${b.id}">${tr('console:schedule.booking', { id: b.id })} · ${tag(tr(`console:attendance.${b.status}`))}
${m.showFamilies ? html` · <a href="/staff/families/${b.familyId}">${tr('console:thread.familyLink', { id: b.familyId })}</a>` : ''}
${b.topic ? html`<br><span class="meta">${tr('console:schedule.topic')}</span> ${b.topic}` : ''}
${m.schedule!.canMark && b.status !== 'cancelled' && b.start <= m.now
                  ? html`<br>${postButton(v, `/staff/bookings/${b.id}/attendance`, tr('console:schedule.attended'), { outcome: 'attended', back })} ${postButton(v, `/staff/bookings/${b.id}/attendance`, tr('console:schedule.noShow'), { outcome: 'no_show', back })}`
                  : ''}</li>`,
              )}</ul>`
            : '–'}</td></tr>`,
        )}</tbody></table>`
      : html`<p>${tr('console:schedule.empty')}</p>`
    : ''}
`
}

/** `jurisdictions`: the places an administrator may choose ([id, name]); null for everyone else (their own). */
export function figuresPage(v: View, f: MonthlyFigures, jurisdictions: Array<[string, string]> | null): Html {
  const isAdmin = jurisdictions !== null
  const { tr } = v
  const pct = (a: number, b: number) => (b ? `${a} / ${b}（${Math.round((a / b) * 100)}%）` : '–')
  return html`
<form method="get" action="/staff/figures" class="filters">
  <div><label for="month">${tr('console:figures.month')}</label><input id="month" name="month" type="month" value="${f.month}" required></div>
  ${jurisdictions ? select('jurisdiction', 'jurisdiction', tr('console:figures.jurisdiction'), [['', tr('console:figures.choose')], ...jurisdictions], f.jurisdiction, { required: true }) : ''}
  <div><button type="submit" class="primary">${tr('console:figures.show')}</button></div>
</form>
${isAdmin && !f.jurisdiction ? html`<p>${tr('console:figures.chooseHint')}</p>` : html`<p><a href="/staff/figures.csv${query({ month: f.month, jurisdiction: isAdmin ? f.jurisdiction : undefined })}" download>${tr('console:figures.csv')}</a></p>`}
<p class="meta">${tr('console:figures.explain')}</p>
${f.rows.length
    ? html`<table><thead><tr><th scope="col">${tr('console:figures.group')}</th><th scope="col">${tr('console:figures.name')}</th><th scope="col">${tr('console:figures.needs')}</th><th scope="col">${tr('console:figures.needsByService')}</th><th scope="col">${tr('console:figures.answeredInTime')}</th><th scope="col">${tr('console:figures.followUpsOnTime')}</th><th scope="col">${tr('console:figures.attended')}</th></tr></thead>
<tbody>${f.rows.map(
        (r) => html`<tr><td>${tr(`console:figures.groups.${r.group}`)}</td><td>${r.name || tr('console:figures.unknown')}</td><td>${r.needsTotal}</td>
<td>${Object.keys(r.needs).length ? html`<ul>${Object.entries(r.needs).map(([k, n]) => html`<li>${serviceLabel(v, k)}：${n}</li>`)}</ul>` : '–'}</td>
<td>${pct(r.answeredInTime, r.tickets)}</td><td>${r.group === 'community' ? pct(r.followUpsOnTime, r.followUps) : '–'}</td><td>${pct(r.attended, r.sessions)}</td></tr>`,
      )}</tbody></table>`
    : html`<p>${tr('console:figures.empty')}</p>`}
`
}

export function auditPage(v: View, entries: AuditView[], filter: { username?: string; action?: string }, pageSize: number): Html {
  const { tr } = v
  return html`
<form method="get" action="/staff/audit" class="filters">
  <div><label for="a-user">${tr('console:audit.username')}</label><input id="a-user" name="username" value="${filter.username ?? ''}" maxlength="64"></div>
  <div><label for="a-action">${tr('console:audit.action')}</label><input id="a-action" name="action" value="${filter.action ?? ''}" maxlength="48"></div>
  <div><button type="submit" class="primary">${tr('console:queue.apply')}</button></div>
</form>
<p class="meta">${tr('console:audit.explain')}</p>
${entries.length
    ? html`<table><thead><tr><th scope="col">${tr('console:thread.when')}</th><th scope="col">${tr('console:audit.username')}</th><th scope="col">${tr('console:audit.action')}</th><th scope="col">${tr('console:audit.what')}</th><th scope="col">${tr('console:thread.family')}</th></tr></thead>
<tbody>${entries.map(
        (e) => html`<tr><td>${when(e.at)}</td><td>${e.username}</td><td>${tr(`console:auditActions.${e.action.replaceAll('.', '_')}`, { defaultValue: e.action })}<br><span class="meta">${e.action}</span></td><td>${e.resourceType}${e.resourceId !== null ? ` #${e.resourceId}` : ''}</td><td>${e.familyId !== null ? html`<a href="/staff/families/${e.familyId}">#${e.familyId}</a>` : '–'}</td></tr>`,
      )}</tbody></table>
${entries.length === pageSize ? html`<p><a href="/staff/audit${query({ ...filter, beforeId: entries[entries.length - 1]!.id })}">${tr('console:audit.older')}</a></p>` : ''}`
    : html`<p>${tr('console:audit.empty')}</p>`}
`
}

/** Staff accounts (administrators): the list and a form to add one. */
export function accountsPage(v: View, accounts: StaffView[], jurisdictions: Array<[string, string]>): Html {
  const { tr } = v
  return html`
<table><thead><tr><th scope="col">${tr('console:audit.username')}</th><th scope="col">${tr('console:accounts.role')}</th><th scope="col">${tr('console:accounts.area')}</th></tr></thead>
<tbody>${accounts.map(
    (a) => html`<tr data-account="${a.username}"><td>${a.username}</td><td>${tr(`staff:roles.${a.role}`)}${a.providerKind ? html` · ${tr(`console:accounts.kinds.${a.providerKind}`)}` : ''}</td><td>${[a.jurisdiction, a.department, a.street, a.communities.join('、')].filter(Boolean).join(' · ') || '–'}</td></tr>`,
  )}</tbody></table>
<form method="post" action="/staff/accounts" class="card">${csrfField(v)}
  <h2>${tr('console:accounts.add')}</h2>
  <p class="meta">${tr('console:accounts.help')}</p>
  <label for="n-username">${tr('console:audit.username')}</label><input id="n-username" name="username" required maxlength="64" pattern="[A-Za-z0-9_.@\\-]+" autocomplete="off">
  <label for="n-password">${tr('console:accounts.password')}</label><input id="n-password" name="password" type="password" required minlength="8" maxlength="200" autocomplete="new-password">
  ${select('n-role', 'role', tr('console:accounts.role'), STAFF_ROLES.map((r): [string, string] => [r, tr(`staff:roles.${r}`)]), undefined, { required: true })}
  ${select('n-jurisdiction', 'jurisdiction', tr('console:figures.jurisdiction'), [['', tr('console:accounts.none')], ...jurisdictions], undefined)}
  <label for="n-department">${tr('console:accounts.department')}</label><input id="n-department" name="department" maxlength="128">
  <label for="n-street">${tr('console:accounts.street')}</label><input id="n-street" name="street" maxlength="128">
  <label for="n-communities">${tr('console:accounts.communities')}</label><input id="n-communities" name="communities" maxlength="1000" size="60">
  ${select('n-kind', 'providerKind', tr('console:accounts.providerKind'), [['', tr('console:accounts.none')], ['counsellor', tr('console:accounts.kinds.counsellor')], ['instructor', tr('console:accounts.kinds.instructor')]], undefined)}
  <p><button type="submit" class="primary">${tr('console:accounts.create')}</button></p>
</form>
`
}
