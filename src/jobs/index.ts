/** Every scheduled job, in one table. Add a job definition here. */
import type { JobDefinition } from './scheduler'

export const jobs: JobDefinition[] = []
