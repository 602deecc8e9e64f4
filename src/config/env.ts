/**
 * The only module that reads process.env. Every setting is parsed and validated
 * once, with zod; a bad value stops the start with the setting's name.
 * Everything else receives a `Config` value (tests build their own with `loadConfig({...})`).
 */
import { z } from 'zod'

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes')

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** HTTP port of the API and the staff console. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Address the HTTP server binds to. */
  HOST: z.string().default('0.0.0.0'),
  /** mysql://user:pass@host:3306/db, or sqlite:<file>; unset: the embedded database, app.sqlite in DATA_DIR */
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|mysql:\/\/|mariadb:\/\/)/, 'must start with sqlite: or mysql://')
    .optional(),
  /** Folder for the embedded database, the generated encryption key and other local files. */
  DATA_DIR: z.string().default('./data'),
  /** 32-byte key (base64 or 64 hex chars) for AES-256-GCM encryption of identity numbers. Generated into DATA_DIR on first start of the embedded default. */
  DATA_ENCRYPTION_KEY: z.string().optional(),
  /** Time zone for everything a family or staff member sees. */
  TZ_DISPLAY: z.string().default('Asia/Shanghai'),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Minutes an API session token stays valid. */
  SESSION_TTL_MINUTES: z.coerce.number().int().positive().default(7 * 24 * 60),
  /** Minutes a staff console session stays valid. */
  STAFF_SESSION_TTL_MINUTES: z.coerce.number().int().positive().default(8 * 60),
  /** WeChat mini-program app id and secret (code2Session, subscription messages). Without them only the development sign-in works. */
  WX_APPID: z.string().optional(),
  WX_SECRET: z.string().optional(),
  /** Base URL of WeChat's API (tests point it at a fake server on 127.0.0.1). */
  WX_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  /** Subscription-message template id for booking reminders. */
  WX_TEMPLATE_BOOKING_REMINDER: z.string().optional(),
  /** Wechaty puppet for the bot (e.g. wechaty-puppet-official-account). Unset: the bot is off. */
  WECHATY_PUPPET: z.string().optional(),
  WECHATY_PUPPET_TOKEN: z.string().optional(),
  /** Official Account (服务号) settings for wechaty-puppet-official-account. */
  OA_APP_ID: z.string().optional(),
  OA_APP_SECRET: z.string().optional(),
  OA_TOKEN: z.string().optional(),
  OA_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** JSON object: {"<community or department>": "<WeChat room topic>"} for staff rooms. */
  STAFF_ROOMS: z.string().default('{}'),
  /** Hours before a session after which a family can no longer cancel or reschedule. */
  BOOKING_CUTOFF_HOURS: z.coerce.number().min(0).default(2),
  /** Minutes a family has to accept a waiting-list offer. */
  WAITLIST_OFFER_MINUTES: z.coerce.number().int().positive().default(120),
  /** Weeks ahead for which free times are shown. */
  BOOKING_WEEKS_AHEAD: z.coerce.number().int().positive().max(26).default(4),
  /** Most unsolicited messages (reminders, nudges) one family receives a week. */
  MAX_UNSOLICITED_PER_WEEK: z.coerce.number().int().positive().default(5),
  /** Days without contact after which a family's record is archived. */
  ARCHIVE_AFTER_SILENT_DAYS: z.coerce.number().int().positive().default(730),
  /** Days an archived record is kept before erasure. */
  ERASE_ARCHIVED_AFTER_DAYS: z.coerce.number().int().positive().default(365),
  /** Working hours for service levels, e.g. 09:00-17:30. */
  WORKING_HOURS: z
    .string()
    .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, 'must look like 09:00-17:30')
    .default('09:00-17:30'),
  /** Requests a minute allowed per signed-in identity on the API. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  /** Run the cron jobs (reminders, service levels, digests) in this process. */
  JOBS_ENABLED: bool.default(true),
})

export type Config = z.infer<typeof schema> & {
  db: { kind: 'sqlite'; file: string } | { kind: 'mysql'; url: string }
}

export class ConfigError extends Error {}

/** Parses settings from an env-like record. Throws ConfigError naming each bad setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid settings:\n${lines.join('\n')}`)
  }
  const parsedData = parsed.data
  // The embedded database lives in DATA_DIR with the encryption key it needs, unless DATABASE_URL says otherwise.
  const c = { ...parsedData, DATABASE_URL: parsedData.DATABASE_URL ?? `sqlite:${parsedData.DATA_DIR.replace(/\/+$/, '')}/app.sqlite` }
  const db = c.DATABASE_URL.startsWith('sqlite:')
    ? { kind: 'sqlite' as const, file: c.DATABASE_URL.slice('sqlite:'.length) }
    : { kind: 'mysql' as const, url: c.DATABASE_URL.replace(/^mariadb:/, 'mysql:') }
  return { ...c, db }
}

/** Environment variables for tests, read here so no other module touches process.env. */
export function testEnv(): { mysqlUrl?: string } {
  return { mysqlUrl: process.env.TEST_MYSQL_URL || undefined }
}
