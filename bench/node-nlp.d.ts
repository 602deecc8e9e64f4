/** The part of node-nlp (nlp.js v4, no types shipped) that the routing baseline uses. */
declare module 'node-nlp' {
  export interface NlpResult {
    intent: string
    score: number
  }
  export class NlpManager {
    constructor(settings?: Record<string, unknown>)
    addDocument(locale: string, utterance: string, intent: string): void
    train(): Promise<void>
    process(locale: string, utterance: string): Promise<NlpResult>
  }
}
