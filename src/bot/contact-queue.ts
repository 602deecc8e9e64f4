/**
 * One queue per contact: a contact's messages are handled one at a time, in the order they
 * arrived, so a reply never overtakes the question before it. A flood from one contact is
 * slowed down (token bucket), never dropped: every message is still handled, later.
 */

export interface ContactQueueOptions {
  /** Messages a contact may send in a burst before they are slowed down. */
  burst?: number
  /** Milliseconds to earn back one message of the burst. */
  refillMs?: number
  /** Called once when a contact's flood starts being slowed down. */
  onThrottle?: (key: string) => Promise<void> | void
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

interface Lane {
  tail: Promise<void>
  tokens: number
  stamp: number
  pending: number
  throttled: boolean
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

export class ContactQueue {
  private readonly lanes = new Map<string, Lane>()
  private readonly burst: number
  private readonly refillMs: number

  constructor(private readonly opts: ContactQueueOptions = {}) {
    this.burst = opts.burst ?? 6
    this.refillMs = opts.refillMs ?? 2000
  }

  /**
   * Queues `job` behind the contact's earlier messages; resolves when it has run. `untimed`: work of
   * our own for the contact (a staff answer delivered), kept in order with their messages but never
   * counted as their flood.
   */
  push(key: string, job: () => Promise<void>, opts: { untimed?: boolean } = {}): Promise<void> {
    const now = this.now()
    let lane = this.lanes.get(key)
    if (!lane) {
      lane = { tail: Promise.resolve(), tokens: this.burst, stamp: now, pending: 0, throttled: false }
      this.lanes.set(key, lane)
    }
    const l = lane
    l.pending += 1
    const run = async () => {
      if (!opts.untimed) await this.takeToken(key, l)
      try {
        await job()
      } finally {
        l.pending -= 1
        if (l.pending === 0) {
          l.throttled = false
          if (l.tokens >= this.burst) this.lanes.delete(key)
        }
      }
    }
    const result = l.tail.then(run, run)
    l.tail = result.catch(() => undefined)
    return result
  }

  /** Sets who tells a contact that its flood is being slowed down (the channel, which knows how to talk). */
  onThrottle(handler: (key: string) => Promise<void> | void): void {
    this.opts.onThrottle = handler
  }

  hasThrottleHandler(): boolean {
    return !!this.opts.onThrottle
  }

  /** Messages of a contact still waiting or running. */
  pending(key: string): number {
    return this.lanes.get(key)?.pending ?? 0
  }

  /** Resolves when every queued message of every contact has been handled. */
  async idle(): Promise<void> {
    while ([...this.lanes.values()].some((l) => l.pending > 0)) {
      await Promise.all([...this.lanes.values()].map((l) => l.tail))
    }
  }

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now()
  }

  private async takeToken(key: string, l: Lane): Promise<void> {
    const refill = () => {
      const now = this.now()
      const earned = (now - l.stamp) / this.refillMs
      if (earned > 0) {
        l.tokens = Math.min(this.burst, l.tokens + earned)
        l.stamp = now
      }
    }
    refill()
    if (l.tokens < 1) {
      if (!l.throttled) {
        l.throttled = true
        await this.opts.onThrottle?.(key)
      }
      const wait = Math.ceil((1 - l.tokens) * this.refillMs)
      await (this.opts.sleep ?? defaultSleep)(wait)
      refill()
    }
    l.tokens = Math.max(0, l.tokens - 1)
  }
}
