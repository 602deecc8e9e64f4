/**
 * The baseline the router is compared with: nlp.js (node-nlp) intent classifiers, one for the
 * service and one for urgency, trained on labelled messages (Chinese and English documents
 * under their own language). Used by `npm run eval:routing` and `npm run bench:routing`.
 */
import { NlpManager } from 'node-nlp'

export interface Labelled {
  text: string
  city?: string
  service: string
  urgent: boolean
}

export const langOf = (text: string) => (/[\u3400-\u9fff]/.test(text) ? 'zh' : 'en')

/**
 * Deterministic split: within each service, in file order, messages alternate between the
 * training half and the test half (so both halves hold every service).
 */
export function splitHalves<T extends Labelled>(rows: T[]): { train: T[]; test: T[] } {
  const seen = new Map<string, number>()
  const train: T[] = []
  const test: T[] = []
  for (const r of rows) {
    const n = seen.get(r.service) ?? 0
    seen.set(r.service, n + 1)
    ;(n % 2 === 0 ? train : test).push(r)
  }
  return { train, test }
}

export interface Baseline {
  classify(text: string): Promise<{ service: string; urgent: boolean; score: number }>
}

/** nlp.js prints "Compiling dictionary" on stdout while training; keep stdout for results. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const log = console.log
  console.log = () => {}
  try {
    return await fn()
  } finally {
    console.log = log
  }
}

/** Trains the two nlp.js classifiers. Below `minScore` the service answer is 'none'. */
export async function trainBaseline(train: Labelled[], minScore = 0.5): Promise<Baseline> {
  const settings = { languages: ['zh', 'en'], forceNER: false, nlu: { log: false }, autoSave: false, autoLoad: false }
  const services = new NlpManager(settings)
  const urgency = new NlpManager(settings)
  const langs = new Set(train.map((r) => langOf(r.text)))
  for (const r of train) {
    services.addDocument(langOf(r.text), r.text, r.service)
    urgency.addDocument(langOf(r.text), r.text, r.urgent ? 'urgent' : 'normal')
  }
  // a language without documents would have no classifier: give it the same intents from the other
  for (const lang of ['zh', 'en'] as const) if (!langs.has(lang)) for (const r of train) services.addDocument(lang, r.text, r.service)
  await quietly(() => services.train())
  await quietly(() => urgency.train())
  return {
    async classify(text: string) {
      const lang = langOf(text)
      const s = await services.process(lang, text)
      const u = await urgency.process(lang, text)
      const service = !s.intent || s.intent === 'None' || s.score < minScore ? 'none' : s.intent
      return { service, urgent: u.intent === 'urgent', score: s.score }
    },
  }
}
