/** Every scheduled job, in one table. Add a job definition here. */
import type { JobDefinition } from './scheduler'
import { registryRetentionJob, registryRefreshJob } from './registry-retention'
import { bookingRemindersJob } from './booking-reminders.job'

import { staffJobs } from './staff-jobs'

export const jobs: JobDefinition[] = [registryRetentionJob, registryRefreshJob, bookingRemindersJob, ...staffJobs]
