/** A family's and children's record (masked), the key-case list with due dates, one key case with its forms. */
import { html, type Html } from '../html'
import { csrfField, postButton, type View } from '../layout'
import { select, serviceLabel, tag, when } from './common'
import { RISK_LEVELS, type DueFilter, type KeyCaseDetail, type KeyCaseItem } from '../../domain/keycases/keycases.service'
import type { StaffFamilyRecord } from '../../domain/staff/family-record'
import type { StaffView } from '../../domain/staff/staff.service'
import type { KeyCaseView } from '../../domain/registry/key-cases'
import { getJurisdiction, hasJurisdiction } from '../../content'

/** A jurisdiction by its name in the console's language (晋城市), not its id (jincheng). */
const placeName = (v: View, id: string) => (hasJurisdiction(id) ? (getJurisdiction(id).name[v.lang] ?? id) : id)
const yes = (v: View, b: boolean) => v.tr(b ? 'console:common.yes' : 'console:common.no')
const place = (k: { street: string | null; community: string | null }) => [k.street, k.community].filter(Boolean).join(' ') || '–'
const reasons = (v: View, list: string[]) => list.map((r) => v.tr(`registry:situation.${r}`, { defaultValue: r })).join('、') || '–'
const risk = (v: View, level: string) => tag(v.tr(`console:risk.${level}`), level)

export function familyPage(v: View, f: StaffFamilyRecord, staff: StaffView): Html {
  const { tr } = v
  const mayReveal = staff.role === 'department'
  return html`
<p class="meta">${tr('console:family.audited')}</p>
<dl class="card">
  <dt>${tr('console:family.place')}</dt><dd>${[placeName(v, f.jurisdiction), f.district, f.street, f.community].filter(Boolean).join(' ')}</dd>
  <dt>${tr('console:family.hukou')}</dt><dd>${[f.hukou.province, f.hukou.city, f.hukou.county].join(' ')}</dd>
  <dt>${tr('console:family.movedIn')}</dt><dd>${f.movedInOn}</dd>
  <dt>${tr('console:family.permit')}</dt><dd>${yes(v, f.residencePermit)}</dd>
  <dt>${tr('console:family.confirmed')}</dt><dd>${when(f.lastConfirmedAt)}</dd>
</dl>
<h2>${tr('console:family.guardians')}</h2>
<table><thead><tr><th scope="col">${tr('console:family.name')}</th><th scope="col">${tr('console:family.relation')}</th><th scope="col">${tr('console:family.mobile')}</th></tr></thead>
<tbody>${f.guardians.map((g) => html`<tr><td>${g.name}</td><td>${tr(`registry:relation.${g.relation}`, { defaultValue: g.relation })}</td><td>${g.mobile ?? '–'}</td></tr>`)}</tbody></table>
<h2>${tr('console:family.children')}</h2>
<table><thead><tr><th scope="col">${tr('console:family.name')}</th><th scope="col">${tr('console:family.sex')}</th><th scope="col">${tr('console:family.birth')}</th><th scope="col">${tr('console:family.stage')}</th><th scope="col">${tr('console:family.idNumber')}</th><th scope="col">${tr('console:family.situations')}</th><th scope="col">${tr('console:family.disability')}</th></tr></thead>
<tbody>${f.children.map(
    (c) => html`<tr><td>${c.name}</td><td>${tr(`registry:sex.${c.sex}`, { defaultValue: c.sex })}</td><td>${c.birthDate}</td><td>${tr(`registry:schoolStage.${c.schoolStage}`, { defaultValue: c.schoolStage })}</td>
<td><span class="id-number">${c.idNumber ?? '–'}</span>${mayReveal && c.idNumber ? html`<br>${postButton(v, `/staff/children/${c.id}/reveal`, tr('console:family.reveal'), { familyId: String(f.id) })}` : ''}</td>
<td>${reasons(v, c.situations)}</td><td>${yes(v, c.disabilityCertified)}</td></tr>`,
  )}</tbody></table>
<h2>${tr('console:family.keyCases')}</h2>
${f.keyCases.length ? keyCaseTable(v, f.keyCases.map((k) => ({ ...k, nextDue: null, nextDueKind: null, dueState: null }))) : html`<p>${tr('console:family.none')}</p>`}
<h2>${tr('console:family.tickets')}</h2>
${f.tickets.length
    ? html`<ul>${f.tickets.map((t) => html`<li><a href="/staff/queue/${t.id}">${tr('console:queue.open', { id: t.id })}</a> · ${tr(`console:kind.${t.kind}`, { defaultValue: t.kind })} · ${tr(`console:status.${t.status}`, { defaultValue: t.status })} · ${serviceLabel(v, t.service)}</li>`)}</ul>`
    : html`<p>${tr('console:family.none')}</p>`}
`
}

export function revealPage(v: View, childId: number, familyId: number, idNumber: string | null): Html {
  return html`<p class="card">${v.tr('console:family.revealed')}</p>
<dl class="card"><dt>${v.tr('console:family.idNumber')}</dt><dd class="id-number">${idNumber ?? '–'}</dd></dl>
<p><a href="/staff/families/${familyId}">← ${v.tr('console:family.back')}</a></p>`
}

function keyCaseTable(v: View, items: Array<KeyCaseView & Pick<KeyCaseItem, 'nextDue' | 'nextDueKind' | 'dueState'>>): Html {
  const { tr } = v
  return html`<table><thead><tr><th scope="col">${tr('console:keyCases.case')}</th><th scope="col">${tr('console:keyCases.dueState')}</th><th scope="col">${tr('console:keyCases.nextDue')}</th><th scope="col">${tr('console:keyCases.nextContact')}</th><th scope="col">${tr('console:keyCases.nextVisit')}</th><th scope="col">${tr('console:keyCases.risk')}</th><th scope="col">${tr('console:keyCases.reasons')}</th><th scope="col">${tr('console:queue.community')}</th></tr></thead>
<tbody>${items.map(
    (k) => html`<tr data-key-case="${k.id}"><td><a href="/staff/key-cases/${k.id}">${tr('console:keyCases.open', { id: k.id, child: k.childId })}</a></td>
<td>${k.dueState ? tag(tr(`console:due.${k.dueState}`), k.dueState) : '–'}</td>
<td>${k.nextDue ? html`${k.nextDue} (${tr(`console:contactKind.${k.nextDueKind}`)})` : '–'}</td>
<td>${k.nextContactDue ?? '–'}</td><td>${k.nextVisitDue ?? '–'}</td>
<td>${risk(v, k.riskLevel)}</td><td>${reasons(v, k.reasons)}</td><td>${place(k)}</td></tr>`,
  )}</tbody></table>`
}

export const DUE_FILTERS = ['overdue', 'due', 'upcoming'] as const

export function keyCasesPage(v: View, items: KeyCaseItem[], due: DueFilter | undefined): Html {
  const { tr } = v
  return html`
<form method="get" action="/staff/key-cases" class="filters">
  ${select('f-due', 'due', tr('console:keyCases.show'), [['', tr('console:keyCases.all')], ...DUE_FILTERS.map((d): [string, string] => [d, tr(`console:due.${d}`)])], due)}
  <div><button type="submit" class="primary">${tr('console:queue.apply')}</button></div>
</form>
<p class="meta">${tr('console:keyCases.explain')}</p>
<p>${tr('console:keyCases.count', { count: items.length })}</p>
${items.length ? keyCaseTable(v, items) : html`<p>${tr('console:keyCases.empty')}</p>`}
`
}

export function keyCasePage(v: View, k: KeyCaseDetail, today: string, mayRecord: boolean): Html {
  const { tr } = v
  return html`
<p><a href="/staff/key-cases">← ${tr('console:keyCases.back')}</a></p>
<dl class="card">
  <dt>${tr('console:keyCases.dueState')}</dt><dd>${k.dueState ? tag(tr(`console:due.${k.dueState}`), k.dueState) : '–'}</dd>
  <dt>${tr('console:keyCases.nextContact')}</dt><dd>${k.nextContactDue ?? '–'} ${k.contactEveryDays ? tr('console:keyCases.every', { days: k.contactEveryDays }) : ''}</dd>
  <dt>${tr('console:keyCases.nextVisit')}</dt><dd>${k.nextVisitDue ?? '–'} ${k.visitEveryDays ? tr('console:keyCases.every', { days: k.visitEveryDays }) : ''}</dd>
  <dt>${tr('console:keyCases.risk')}</dt><dd>${risk(v, k.riskLevel)}</dd>
  <dt>${tr('console:keyCases.reasons')}</dt><dd>${reasons(v, k.reasons)}</dd>
  <dt>${tr('console:queue.community')}</dt><dd>${place(k)}</dd>
  <dt>${tr('console:thread.family')}</dt><dd><a href="/staff/families/${k.familyId}">${tr('console:thread.familyLink', { id: k.familyId })}</a></dd>
</dl>
${mayRecord && k.status === 'open'
    ? html`<form method="post" action="/staff/key-cases/${k.id}/contacts" class="card">${csrfField(v)}
  <h2>${tr('console:keyCases.recordTitle')}</h2>
  <fieldset><legend>${tr('console:keyCases.kind')}</legend>
    <label><input type="radio" name="kind" value="visit" checked> ${tr('console:contactKind.visit')}</label>
    <label><input type="radio" name="kind" value="contact"> ${tr('console:contactKind.contact')}</label>
  </fieldset>
  <label for="on">${tr('console:keyCases.on')}</label><input id="on" name="on" type="date" value="${today}" max="${today}" required>
  <label for="notes">${tr('console:keyCases.notes')}</label><textarea id="notes" name="notes" required maxlength="4000"></textarea>
  <label for="next-step">${tr('console:keyCases.nextStep')}</label><input id="next-step" name="nextStep" maxlength="1000" size="60">
  <p><button type="submit" class="primary">${tr('console:keyCases.save')}</button></p>
</form>
<form method="post" action="/staff/key-cases/${k.id}/risk" class="card">${csrfField(v)}
  <h2>${tr('console:keyCases.riskTitle')}</h2>
  <p class="meta">${tr('console:keyCases.riskHelp')}</p>
  ${select('risk-level', 'level', tr('console:keyCases.risk'), RISK_LEVELS.map((l): [string, string] => [l, tr(`console:risk.${l}`)]), k.riskLevel, { required: true })}
  <label for="risk-note">${tr('console:keyCases.riskNote')}</label><textarea id="risk-note" name="note" required maxlength="2000"></textarea>
  <p><button type="submit">${tr('console:keyCases.riskSave')}</button></p>
</form>`
    : ''}
<h2>${tr('console:keyCases.contacts')}</h2>
${k.contacts.length
    ? html`<table><thead><tr><th scope="col">${tr('console:keyCases.on')}</th><th scope="col">${tr('console:keyCases.kind')}</th><th scope="col">${tr('console:keyCases.notes')}</th><th scope="col">${tr('console:keyCases.nextStepColumn')}</th></tr></thead>
<tbody>${k.contacts.map((c) => html`<tr><td>${c.on}</td><td>${tr(`console:contactKind.${c.kind}`)}</td><td class="text">${c.notes}</td><td>${c.nextStep ?? '–'}</td></tr>`)}</tbody></table>`
    : html`<p>${tr('console:keyCases.noContacts')}</p>`}
<h2>${tr('console:keyCases.riskHistory')}</h2>
${k.risks.length
    ? html`<table><thead><tr><th scope="col">${tr('console:thread.when')}</th><th scope="col">${tr('console:keyCases.risk')}</th><th scope="col">${tr('console:keyCases.riskNote')}</th></tr></thead>
<tbody>${k.risks.map((r) => html`<tr><td>${when(r.at)}</td><td>${risk(v, r.level)}</td><td>${r.note}</td></tr>`)}</tbody></table>`
    : html`<p>${tr('console:keyCases.noRisks')}</p>`}
`
}
