/** Time source. Domain code asks the clock, never `new Date()`, so tests can move time. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  private t: number
  constructor(start: Date | string = '2026-03-02T01:00:00Z') {
    this.t = new Date(start).getTime()
  }
  now(): Date {
    return new Date(this.t)
  }
  set(d: Date | string): void {
    this.t = new Date(d).getTime()
  }
  advance(ms: number): void {
    this.t += ms
  }
}

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
