/**
 * The staff side's scheduled jobs (Asia/Shanghai):
 *   staff-service-levels  every minute: urgent unanswered > 15 min, normal > 1 working day → re-announced, raised to the supervisor (once)
 *   staff-digest          08:30 daily: each child director's due and overdue key cases to their staff room (once a day)
 *   staff-confirm-details 10:00 daily: the six-monthly "please confirm your details" message (once per family per half-year)
 * Each acts once across instances through conditional updates and outbox dedupe keys in the domain.
 */
import type { JobDefinition } from './scheduler'
import { checkServiceLevels } from '../domain/tickets/service-levels'
import { sendDirectorDigests } from '../domain/keycases/digest'
import { sendConfirmDetailsReminders } from '../domain/staff/confirm-details'

export const staffServiceLevelsJob: JobDefinition = { name: 'staff-service-levels', cron: '* * * * *', run: checkServiceLevels }
export const staffDigestJob: JobDefinition = { name: 'staff-digest', cron: '30 8 * * *', run: sendDirectorDigests }
export const staffConfirmDetailsJob: JobDefinition = { name: 'staff-confirm-details', cron: '0 10 * * *', run: sendConfirmDetailsReminders }

export const staffJobs: JobDefinition[] = [staffServiceLevelsJob, staffDigestJob, staffConfirmDetailsJob]
