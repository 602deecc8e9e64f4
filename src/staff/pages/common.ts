/** Small view helpers shared by the console pages: labels for codes, dates, field errors. */
import { html, type Html } from '../html'
import { hasKey } from '../../shared/i18n'
import { formatLocal } from '../../shared/dates'
import type { AppError } from '../../shared/errors'
import type { View } from '../layout'

/** A service key in plain words ('none' too). */
export const serviceLabel = (v: View, key: string): string => (key === 'none' ? v.tr('console:service.none') : v.tr(`routing:service.${key}`, { defaultValue: key }))

/** A code shown as a word in a bordered tag (the word carries the meaning, not the colour). */
export const tag = (label: string, cls = ''): Html => html`<span class="tag ${cls}">${label}</span>`

/** An instant in Asia/Shanghai, "2026-03-02 09:30". */
export const when = (iso: string | Date | null | undefined): string => (iso ? formatLocal(typeof iso === 'string' ? new Date(iso) : iso) : '–')

/** A select with a label; `options` are [value, label]. */
export function select(id: string, name: string, label: string, options: Array<[string, string]>, selected: string | undefined, opts: { required?: boolean } = {}): Html {
  return html`<div><label for="${id}">${label}</label><select id="${id}" name="${name}"${opts.required ? html` required` : ''}>${options.map(([value, text]) => html`<option value="${value}"${value === (selected ?? '') ? html` selected` : ''}>${text}</option>`)}</select></div>`
}

/** The sentence for an error in the console's language (field messages that are keys are translated). */
export function errorText(v: View, err: AppError): string {
  const reason = typeof err.details?.reason === 'string' ? `console:reasons.${err.details.reason}` : null
  if (reason && hasKey(v.lang, reason)) return v.tr(reason)
  const head = v.tr(`errors.${err.code}`)
  if (err.code !== 'validation_failed' || !err.fields?.length) return head
  const fieldText = (m: string) => (hasKey(v.lang, m) ? v.tr(m) : hasKey(v.lang, `validation.${m}`) ? v.tr(`validation.${m}`) : hasKey(v.lang, `console:validation.${m}`) ? v.tr(`console:validation.${m}`) : v.tr('validation.invalid'))
  const fieldName = (p: string) => (hasKey(v.lang, `console:fields.${p}`) ? v.tr(`console:fields.${p}`) : p)
  return `${head} ${err.fields.map((f) => `${fieldName(f.path)}：${fieldText(f.message)}`).join(' ')}`
}
