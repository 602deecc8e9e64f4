/** The queue (with filters) and a ticket's thread with the answer box and the actions on it. */
import { html, query, type Html } from '../html'
import { csrfField, postButton, type View } from '../layout'
import { select, serviceLabel, tag, when } from './common'
import { SERVICE_KEYS } from '../../content/vocabulary'
import type { QueueFilter, TicketSummary, TicketThread } from '../../domain/tickets/tickets.service'
import { isUnplacedUrgent } from '../../domain/policies/policies'

export const KINDS = ['escalation', 'referral'] as const
export const PRIORITIES = ['urgent', 'normal'] as const
export const STATUSES = ['open', 'new', 'claimed', 'answered', 'transferred', 'closed', 'all'] as const
export const SERVICES = [...SERVICE_KEYS, 'none'] as const

const statusTag = (v: View, t: Pick<TicketSummary, 'status' | 'referralState' | 'kind'>) =>
  html`${tag(v.tr(`console:status.${t.status}`))}${t.kind === 'referral' && t.referralState ? html` ${tag(v.tr(`console:referral.${t.referralState}`))}` : ''}`

const priorityTag = (v: View, p: string) => tag(v.tr(`console:priority.${p}`), p)

export function queuePage(v: View, items: TicketSummary[], filter: QueueFilter, departments: string[]): Html {
  const { tr } = v
  const all: [string, string] = ['', tr('console:queue.any')]
  return html`
<form method="get" action="/staff/queue" class="filters" role="search" aria-label="${tr('console:queue.filters')}">
  ${select('f-kind', 'kind', tr('console:queue.kind'), [all, ...KINDS.map((k): [string, string] => [k, tr(`console:kind.${k}`)])], filter.kind)}
  ${select('f-priority', 'priority', tr('console:queue.priority'), [all, ...PRIORITIES.map((k): [string, string] => [k, tr(`console:priority.${k}`)])], filter.priority)}
  ${select('f-status', 'status', tr('console:queue.status'), STATUSES.map((k): [string, string] => [k, tr(`console:status.${k}`)]), filter.status ?? 'open')}
  ${select('f-service', 'service', tr('console:queue.service'), [all, ...SERVICES.map((k): [string, string] => [k, serviceLabel(v, k)])], filter.service)}
  ${departments.length ? select('f-department', 'department', tr('console:queue.departments'), [all, ...departments.map((d): [string, string] => [d, d])], filter.department) : ''}
  <div><button type="submit" class="primary">${tr('console:queue.apply')}</button></div>
</form>
<p>${tr('console:queue.count', { count: items.length })} ${tr('console:queue.order')}</p>
${items.length
    ? html`<table>
<caption class="meta">${tr('console:queue.caption')}</caption>
<thead><tr><th scope="col">${tr('console:queue.number')}</th><th scope="col">${tr('console:queue.priority')}</th><th scope="col">${tr('console:queue.kind')}</th><th scope="col">${tr('console:queue.status')}</th><th scope="col">${tr('console:queue.service')}</th><th scope="col">${tr('console:queue.departments')}</th><th scope="col">${tr('console:queue.community')}</th><th scope="col">${tr('console:queue.waitingSince')}</th></tr></thead>
<tbody>
${items.map(
  (t) => html`<tr data-ticket="${t.id}">
<td><a href="/staff/queue/${t.id}">${tr('console:queue.open', { id: t.id })}</a></td>
<td>${priorityTag(v, t.priority)}${t.raised ? html` ${tag(tr('console:queue.raised'))}` : ''}${isUnplacedUrgent(t) ? html` ${tag(tr('console:queue.unplaced'))}` : ''}</td>
<td>${tr(`console:kind.${t.kind}`)}</td>
<td>${statusTag(v, t)}</td>
<td>${serviceLabel(v, t.service)}</td>
<td>${t.departments.join('、') || '–'}</td>
<td>${[t.street, t.community].filter(Boolean).join(' ') || '–'}</td>
<td>${when(t.waitingSince)}</td>
</tr>`,
)}
</tbody></table>`
    : html`<p>${tr('console:queue.empty')}</p>`}
`
}

/** What the reader may do besides answering (buttons they may not use are not shown). */
export interface ThreadActions {
  close: boolean
  transfer: boolean
  /** Answering the parent (absent: allowed); not shown to whom someone else's claim leaves out (rule `unplacedUrgent`). */
  reply?: boolean
  /** Opening the family's record (absent: allowed); no link where it would be refused. */
  family?: boolean
  /** Closing needs a short note for the parent (an urgent question they never got an answer on): a form, not a button. */
  closeNote?: boolean
}

/**
 * The page after an answer that was NOT sent (someone else claimed the question meanwhile, or it was closed):
 * says so and who has it, keeps the typed words to copy or pass on, and links back to the question.
 */
export function answerNotSentPage(v: View, ticketId: number, text: string, why: { reason: 'claimed_by_other' | 'ticket_closed'; claimedByName?: string | null }): Html {
  const { tr } = v
  const lead = why.reason === 'claimed_by_other'
    ? tr('console:thread.notSentClaimed', { name: why.claimedByName || tr('console:thread.someoneElse') })
    : tr('console:thread.notSentClosed')
  return html`
<p class="error" role="alert"><strong>${lead}</strong></p>
<label for="unsent">${tr('console:thread.notSentText')}</label>
<textarea id="unsent" readonly maxlength="2000">${text}</textarea>
<p><a href="/staff/queue/${ticketId}">← ${tr('console:thread.notSentBack', { id: ticketId })}</a></p>
`
}

export function threadPage(v: View, t: TicketThread, departments: string[], claimedByName: string | null, may: ThreadActions = { close: true, transfer: true }): Html {
  const { tr } = v
  const open = t.status !== 'closed'
  const refOpen = t.kind === 'referral' && open && (t.referralState === 'sent' || t.referralState === 'accepted')
  return html`
<p><a href="/staff/queue">← ${tr('console:thread.back')}</a></p>
<dl class="card">
  <dt>${tr('console:queue.priority')}</dt><dd>${priorityTag(v, t.priority)}</dd>
  <dt>${tr('console:queue.kind')}</dt><dd>${tr(`console:kind.${t.kind}`)}</dd>
  <dt>${tr('console:queue.status')}</dt><dd>${statusTag(v, t)}</dd>
  <dt>${tr('console:queue.service')}</dt><dd>${serviceLabel(v, t.service)}</dd>
  <dt>${tr('console:queue.departments')}</dt><dd>${t.departments.join('、') || '–'}</dd>
  <dt>${tr('console:queue.community')}</dt><dd>${[t.street, t.community].filter(Boolean).join(' ') || '–'}</dd>
  <dt>${tr('console:thread.opened')}</dt><dd>${when(t.createdAt)}</dd>
  ${t.referralReason ? html`<dt>${tr('console:thread.rejectReason')}</dt><dd>${t.referralReason}</dd>` : ''}
  ${t.familyId && may.family !== false ? html`<dt>${tr('console:thread.family')}</dt><dd><a href="/staff/families/${t.familyId}">${tr('console:thread.familyLink', { id: t.familyId })}</a></dd>` : ''}
</dl>

<h2>${tr('console:thread.messages')}</h2>
${t.messages.length
    ? t.messages.map((m) => html`<div class="msg ${m.from}"><p class="meta">${tr(`console:thread.from.${m.from}`)} · ${when(m.at)}</p><div class="text">${m.text}</div></div>`)
    : html`<p>${tr('console:thread.noMessages')}</p>`}

${open
    ? html`${may.reply !== false
      ? html`<h2>${tr('console:thread.answer')}</h2>
<form method="post" action="/staff/queue/${t.id}/reply">${csrfField(v)}
  <label for="answer">${tr('console:thread.answerLabel')}</label>
  <p class="meta" id="answer-help">${tr('console:thread.answerHelp')}</p>
  <textarea id="answer" name="text" required maxlength="2000" aria-describedby="answer-help"></textarea>
  <p><button type="submit" class="primary">${tr('console:thread.send')}</button></p>
</form>`
      : ''}
<h2>${tr('console:thread.actions')}</h2>
${isUnplacedUrgent(t) && t.claimedBy === null ? html`<p class="meta">${tr('console:thread.unplacedNote')}</p>` : ''}
<div class="actions">
  ${t.claimedBy === null ? postButton(v, `/staff/queue/${t.id}/claim`, tr('console:thread.claim')) : html`<p>${tr('console:thread.claimedBy', { name: claimedByName ?? `#${t.claimedBy}` })}</p>`}
  ${may.close && !may.closeNote ? postButton(v, `/staff/queue/${t.id}/close`, tr('console:thread.close')) : ''}
</div>
${t.claimedBy !== null && t.kind === 'escalation' && may.reply === false ? html`<p class="meta">${tr('console:thread.claimedNote', { name: claimedByName ?? `#${t.claimedBy}` })}</p>` : ''}
${may.close && may.closeNote
    ? html`<form method="post" action="/staff/queue/${t.id}/close" class="card">${csrfField(v)}
  <label for="close-note">${tr('console:thread.closeNoteLabel')}</label>
  <p class="meta" id="close-note-help">${tr('console:thread.closeNoteHelp')}</p>
  <textarea id="close-note" name="note" required maxlength="500" aria-describedby="close-note-help"></textarea>
  <p><button type="submit">${tr('console:thread.closeWithNote')}</button></p>
</form>`
    : ''}
${refOpen
    ? html`<div class="card"><h2>${tr('console:thread.referralTitle')}</h2>
<div class="actions">
  ${t.referralState === 'sent' ? postButton(v, `/staff/queue/${t.id}/referral`, tr('console:thread.accept'), { state: 'accepted' }) : ''}
  ${postButton(v, `/staff/queue/${t.id}/referral`, tr('console:thread.done'), { state: 'done' })}
</div>
<form method="post" action="/staff/queue/${t.id}/referral">${csrfField(v)}<input type="hidden" name="state" value="rejected">
  <label for="reject-reason">${tr('console:thread.rejectLabel')}</label>
  <input id="reject-reason" name="reason" required maxlength="500" size="50">
  <button type="submit">${tr('console:thread.reject')}</button>
</form></div>`
    : ''}
${departments.length && may.transfer
    ? html`<form method="post" action="/staff/queue/${t.id}/transfer" class="card">${csrfField(v)}
  <h2>${tr('console:thread.transfer')}</h2>
  ${select('transfer-dept', 'department', tr('console:thread.transferTo'), departments.map((d): [string, string] => [d, d]), undefined, { required: true })}
  <label for="transfer-reason">${tr('console:thread.transferReason')}</label>
  <input id="transfer-reason" name="reason" required maxlength="500" size="50">
  <p><button type="submit">${tr('console:thread.transferButton')}</button></p>
</form>`
    : ''}`
    : html`<p>${tr('console:thread.closedNote')}</p>`}

<h2>${tr('console:thread.history')}</h2>
<table><thead><tr><th scope="col">${tr('console:thread.when')}</th><th scope="col">${tr('console:thread.who')}</th><th scope="col">${tr('console:thread.what')}</th></tr></thead>
<tbody>${t.history.map((h) => html`<tr><td>${when(h.at)}</td><td>${actorName(v, h.actor)}</td><td>${tr(`console:history.${h.action}`, { defaultValue: h.action })}${h.detail && (h.action === 'transferred' || h.action === 'referral_rejected') && typeof h.detail.reason === 'string' ? html` — ${h.detail.reason}` : ''}${h.detail && typeof h.detail.to === 'string' ? html` → ${h.detail.to}` : ''}</td></tr>`)}</tbody></table>
`
}

/** Who did it, in words: the family, the system, or a staff member's username. */
const actorName = (v: View, actor: string) => (actor === 'family' ? v.tr('console:thread.from.family') : actor === 'system' ? v.tr('console:thread.system') : actor.replace(/^staff:/, ''))

/** Query string of a filter (for links back). */
export const filterQuery = (f: QueueFilter) => query({ kind: f.kind, priority: f.priority, status: f.status, service: f.service, department: f.department })
