/** Asking where the family lives: the cities and counties with a checklist, by number or name. */
import { getJurisdiction, jurisdictionIds } from '../../content'
import { isResidenceJurisdiction, samePlace } from '../../domain/registry/places'
import type { Turn } from '../dialogue/turn'
import { chosenNumber, normalise } from '../text'

/** Jurisdictions a family can live in, in a stable order. */
export function cityChoices(): string[] {
  return jurisdictionIds().filter(isResidenceJurisdiction).sort()
}

export function cityName(id: string, lang: string): string {
  const j = getJurisdiction(id)
  return lang === 'en' ? j.name.en : j.name['zh-CN']
}

/** The city a message names ("2", "长治", "Changzhi"), or null. */
export function parseCity(text: string): string | null {
  const choices = cityChoices()
  const n = chosenNumber(text)
  if (n !== null) return choices[n - 1] ?? null
  const said = normalise(text)
  for (const id of choices) {
    const j = getJurisdiction(id)
    if (samePlace(j.name['zh-CN'], text.trim()) || normalise(j.name.en) === said || id === said) return id
    if (said.length >= 2 && j.name['zh-CN'].includes(text.trim())) return id
  }
  return null
}

/** The numbered list of cities, in the parent's language. */
export function cityList(turn: Turn): string {
  return cityChoices()
    .map((id, i) => `${i + 1} ${cityName(id, turn.lang)}`)
    .join('\n')
}

export function askCity(turn: Turn): void {
  turn.say('city.question', { list: cityList(turn) })
}
