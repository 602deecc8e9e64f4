/**
 * Sessions in the console: the buttons on the schedule to close or reopen a time and to cancel a
 * booked session with a reason; the providers page (administrators and department staff): the
 * list with weekly plans and closed days, a form to add a provider with a weekly block, a venue,
 * and closed days.
 */
import { html, query, type Html } from '../html'
import { csrfField, postButton, type View } from '../layout'
import { select, tag } from './common'
import type { ScheduleEntry } from '../../domain/booking/staff.service'
import type { ProviderDetail, VenueDetail } from '../../domain/booking-staff/booking-staff.service'
import { CLOSED_REASONS, SESSION_MODES, VENUE_KINDS } from '../../domain/booking-staff/booking-staff.service'
import { SESSION_KINDS } from '../../content/vocabulary'

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0]

/** Close, reopen or cancel one time of the schedule (for staff who manage the provider's sessions; future times only). */
export function slotActions(v: View, e: ScheduleEntry, back: string, now: Date): Html | '' {
  if (e.time.start <= now) return ''
  const { tr } = v
  const base = `/staff/slots/${e.time.id}`
  if (e.time.status !== 'open') return html`<br>${postButton(v, `${base}/open`, tr('console:sessions.open'), { back })}`
  const booked = e.bookings.filter((b) => b.status === 'booked').length
  if (!booked) return html`<br>${postButton(v, `${base}/close`, tr('console:sessions.close'), { back })}`
  const id = `cancel-${e.time.id}`
  return html`<form method="post" action="${base}/cancel" class="card" data-cancel="${e.time.id}">${csrfField(v)}<input type="hidden" name="back" value="${back}">
<label for="${id}">${tr('console:sessions.reason')}</label><input id="${id}" name="reason" required maxlength="255">
<p class="meta">${tr('console:sessions.cancelHelp', { count: booked })}</p>
<button type="submit">${tr('console:sessions.cancel')}</button></form>`
}

export interface ProvidersModel {
  providers: ProviderDetail[]
  venues: VenueDetail[]
  /** The place shown (administrators choose); null: an administrator has not chosen yet. */
  jurisdiction: string | null
  /** [id, name] for an administrator's choice; null for everyone else. */
  places: Array<[string, string]> | null
  /** Departments the jurisdiction's list names; department staff: only their own. */
  departments: string[]
  /** Provider staff accounts ([id, username]) that may be linked. */
  accounts: Array<[string, string]>
}

const weekdayName = (v: View, d: number) => v.tr(`console:providers.weekdays.${d}`)

export function providersPage(v: View, m: ProvidersModel): Html {
  const { tr } = v
  const manageable = m.providers.filter((p) => p.canManage)
  return html`
${m.places
    ? html`<form method="get" action="/staff/providers" class="filters">
  ${select('p-jurisdiction', 'jurisdiction', tr('console:figures.jurisdiction'), [['', tr('console:figures.choose')], ...m.places], m.jurisdiction ?? undefined, { required: true })}
  <div><button type="submit" class="primary">${tr('console:figures.show')}</button></div>
</form>`
    : ''}
${m.providers.length
    ? html`<table><thead><tr><th scope="col">${tr('console:schedule.provider')}</th><th scope="col">${tr('console:providers.plans')}</th><th scope="col">${tr('console:providers.closedDays')}</th></tr></thead>
<tbody>${m.providers.map(
        (p) => html`<tr data-provider="${p.id}"><td><a href="/staff/schedule${query({ provider: p.id })}">${p.name}</a>${p.active ? '' : html` ${tag(tr('console:providers.inactive'))}`}<br><span class="meta">${[p.department, p.community, p.kinds.map((k) => tr(`booking:kinds.${k}`)).join('、')].filter(Boolean).join(' · ')}</span></td>
<td>${p.plans.length
          ? html`<ul>${p.plans.map((x) => html`<li>${tr('console:providers.planLine', { day: weekdayName(v, x.weekday), start: x.start, end: x.end, minutes: x.sessionMinutes, capacity: x.capacity, mode: tr(`booking:modes.${x.mode}`), kind: tr(`booking:kinds.${x.kind}`) })}</li>`)}</ul>`
          : html`<span class="meta">${tr('console:providers.noPlan')}</span>`}</td>
<td>${p.closedDays.length
          ? html`<ul>${p.closedDays.map((c) => html`<li>${c.from === c.to ? c.from : `${c.from} – ${c.to}`} · ${tr(`console:providers.reasons.${c.reason}`)}</li>`)}</ul>`
          : '–'}</td></tr>`,
      )}</tbody></table>`
    : html`<p>${m.jurisdiction ? tr('console:providers.empty') : tr('console:providers.chooseHint')}</p>`}
${m.jurisdiction ? addProviderForm(v, m) : ''}
${manageable.length ? closedDaysForm(v, manageable) : ''}
${m.jurisdiction ? addVenueForm(v, m) : ''}
`
}

function addProviderForm(v: View, m: ProvidersModel): Html {
  const { tr } = v
  const venues = m.venues.map((x): [string, string] => [String(x.id), x.address ? `${x.name}（${x.address}）` : x.name])
  return html`<form method="post" action="/staff/providers" class="card">${csrfField(v)}<input type="hidden" name="jurisdiction" value="${m.jurisdiction}">
  <h2>${tr('console:providers.add')}</h2>
  <p class="meta">${tr('console:providers.addHelp')}</p>
  <label for="np-name">${tr('console:fields.displayName')}</label><input id="np-name" name="displayName" required maxlength="64">
  ${select('np-kind', 'kind', tr('console:schedule.kind'), SESSION_KINDS.map((k): [string, string] => [k, tr(`booking:kinds.${k}`)]), undefined, { required: true })}
  ${select('np-department', 'department', tr('console:accounts.department'), m.departments.map((d): [string, string] => [d, d]), m.departments.length === 1 ? m.departments[0] : undefined, { required: true })}
  <label for="np-community">${tr('console:providers.community')}</label><input id="np-community" name="community" maxlength="64">
  ${select('np-account', 'staffId', tr('console:providers.account'), [['', tr('console:accounts.none')], ...m.accounts], undefined)}
  <fieldset><legend>${tr('console:providers.firstBlock')}</legend>
  ${select('np-weekday', 'weekday', tr('console:fields.weekday'), WEEKDAYS.map((d): [string, string] => [String(d), weekdayName(v, d)]), '1', { required: true })}
  <label for="np-start">${tr('console:fields.start')}</label><input id="np-start" name="start" type="time" value="09:00" required>
  <label for="np-end">${tr('console:fields.end')}</label><input id="np-end" name="end" type="time" value="12:00" required>
  <label for="np-break-start">${tr('console:providers.breakStart')}</label><input id="np-break-start" name="breakStart" type="time">
  <label for="np-break-end">${tr('console:providers.breakEnd')}</label><input id="np-break-end" name="breakEnd" type="time">
  <label for="np-minutes">${tr('console:fields.sessionMinutes')}</label><input id="np-minutes" name="sessionMinutes" type="number" min="10" max="480" value="60" required>
  <label for="np-capacity">${tr('console:fields.capacity')}</label><input id="np-capacity" name="capacity" type="number" min="1" max="200" value="1" required>
  ${select('np-mode', 'mode', tr('console:fields.mode'), SESSION_MODES.map((x): [string, string] => [x, tr(`booking:modes.${x}`)]), 'in_person', { required: true })}
  ${select('np-venue', 'venueId', tr('console:fields.venueId'), [['', tr('console:accounts.none')], ...venues], undefined)}
  </fieldset>
  <p><button type="submit" class="primary">${tr('console:providers.create')}</button></p>
</form>`
}

function closedDaysForm(v: View, providers: ProviderDetail[]): Html {
  const { tr } = v
  return html`<form method="post" action="/staff/closed-days" class="card">${csrfField(v)}
  <h2>${tr('console:providers.addClosed')}</h2>
  <p class="meta">${tr('console:providers.closedHelp')}</p>
  ${select('cd-provider', 'providerId', tr('console:schedule.provider'), providers.map((p): [string, string] => [String(p.id), p.name]), undefined, { required: true })}
  <label for="cd-from">${tr('console:fields.from')}</label><input id="cd-from" name="from" type="date" required>
  <label for="cd-to">${tr('console:fields.to')}</label><input id="cd-to" name="to" type="date" required>
  ${select('cd-reason', 'reason', tr('console:fields.reason'), CLOSED_REASONS.map((r): [string, string] => [r, tr(`console:providers.reasons.${r}`)]), 'leave', { required: true })}
  <p><button type="submit" class="primary">${tr('console:providers.saveClosed')}</button></p>
</form>`
}

function addVenueForm(v: View, m: ProvidersModel): Html {
  const { tr } = v
  return html`<form method="post" action="/staff/venues" class="card">${csrfField(v)}<input type="hidden" name="jurisdiction" value="${m.jurisdiction}">
  <h2>${tr('console:providers.addVenue')}</h2>
  ${m.venues.length ? html`<p class="meta">${tr('console:providers.venues')}：${m.venues.map((x) => x.name).join('、')}</p>` : ''}
  <label for="nv-name">${tr('console:fields.name')}</label><input id="nv-name" name="name" required maxlength="128">
  <label for="nv-address">${tr('console:providers.address')}</label><input id="nv-address" name="address" maxlength="255">
  ${select('nv-kind', 'kind', tr('console:providers.venueKind'), VENUE_KINDS.map((k): [string, string] => [k, tr(`booking:venueKinds.${k}`)]), undefined, { required: true })}
  <p><button type="submit">${tr('console:providers.createVenue')}</button></p>
</form>`
}
