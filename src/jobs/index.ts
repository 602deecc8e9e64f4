/** Every scheduled job, in one table. Add a job definition here. */
import type { JobDefinition } from './scheduler'
import { registryRetentionJob } from './registry-retention'
import { bookingRemindersJob } from './booking-reminders.job'

export const jobs: JobDefinition[] = [registryRetentionJob, bookingRemindersJob]
