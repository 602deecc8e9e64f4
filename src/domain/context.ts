/**
 * What every domain function receives. Built once by the composition root (src/main.ts)
 * and by tests (test/support/context.ts). Domain code never reads the environment or the
 * wall clock on its own.
 */
import { EventEmitter } from 'node:events'
import type { Config } from '../config/env'
import type { Database } from '../db/database'
import type { Clock } from '../shared/clock'
import type { Logger } from '../shared/logger'

/** In-process notifications between domain and channels (e.g. 'outbox' when a message was queued). */
export type DomainEvents = EventEmitter

export interface DomainContext {
  config: Config
  db: Database
  clock: Clock
  log: Logger
  events: DomainEvents
  /** AES-256-GCM key for identity numbers (32 bytes). */
  dataKey: Buffer
  /** Name of this process (for locks and logs). */
  instanceId: string
}

export function createEvents(): DomainEvents {
  const e = new EventEmitter()
  e.setMaxListeners(100)
  return e
}
