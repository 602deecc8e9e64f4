/** Daily at 03:30 (Asia/Shanghai): archive children past 16 and silent families, erase what was archived long enough. */
import type { JobDefinition } from './scheduler'
import { runRegistryRetention } from '../domain/registry/retention'

export const registryRetentionJob: JobDefinition = {
  name: 'registry-retention',
  cron: '0 30 3 * * *',
  run: (ctx) => runRegistryRetention(ctx),
}
