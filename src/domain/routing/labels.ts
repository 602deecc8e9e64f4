/** Plain names of services for choices ("您是想问：1 上幼儿园 2 打疫苗 …"): i18n keys `routing:service.<key>`. */
import { t } from '../../shared/i18n'
import type { ServiceKey } from '../../content/vocabulary'

export function serviceLabel(lng: string | undefined, service: ServiceKey | 'none'): string {
  return t(lng, `routing:service.${service}`)
}

/** The question a channel asks when the router is unsure: intro, numbered choices, how to reply. */
export function askText(lng: string | undefined, services: ServiceKey[]): string {
  const lines = [t(lng, 'routing:ask.intro')]
  services.forEach((s, i) => lines.push(t(lng, 'routing:ask.option', { n: i + 1, label: serviceLabel(lng, s) })))
  lines.push(t(lng, 'routing:ask.reply'))
  return lines.join('\n')
}
