/**
 * Structured logging (pino). Never pass personal data to a logger: log ids, codes and
 * counts. As a second line of defence, fields that commonly carry personal data are
 * redacted wherever they appear (two levels deep).
 */
import pino, { type Logger } from 'pino'

export type { Logger }

const SENSITIVE_KEYS = [
  'name', 'nickname', 'phone', 'mobile', 'idNumber', 'id_number', 'idCard', 'text', 'body', 'message_text',
  'notes', 'topic', 'answer', 'password', 'token', 'secret', 'code', 'address', 'authorization', 'cookie',
]
const redactPaths = SENSITIVE_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`])

export interface LoggerOptions {
  level?: string
  /** Where lines go (tests capture them); default stdout. */
  destination?: pino.DestinationStream
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: undefined,
      redact: { paths: redactPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    // stdout written asynchronously (a request does not wait for its log line; pino flushes what is
    // left when the process exits). docs/performance.md measured the synchronous write on every request.
    opts.destination ?? stdoutDestination(),
  )
}

/**
 * stdout, written asynchronously and in blocks of up to 4 KB instead of one write a line (under load
 * the write of each request's line was about 8% of the busiest route's CPU), flushed at least once a
 * second so a quiet service's lines still show at once, and on exit.
 */
function stdoutDestination(): pino.DestinationStream {
  const dest = pino.destination({ dest: 1, sync: false, minLength: 4096 })
  setInterval(() => {
    try {
      dest.flush()
    } catch {
      /* not ready yet, or already closed: the next tick or the exit flush writes it */
    }
  }, 1000).unref()
  return dest
}

const plain = new WeakMap<Logger, Logger>()

/**
 * The same logger (level, destination, format) without the redaction pass, for lines whose fields
 * are fixed and carry no personal data: the one line a request (method, route pattern, status,
 * duration). Redaction walks every key of every line at two levels; on the busiest route it was 9%
 * of the server's CPU (docs/performance.md). Every other log call keeps the redaction.
 */
export function unredacted(log: Logger): Logger {
  let l = plain.get(log)
  if (!l) plain.set(log, (l = log.child({}, { redact: { paths: [] } })))
  return l
}

/** A logger that drops everything (tests, CLI tools whose stdout is data). */
export const silentLogger: Logger = pino({ level: 'silent' })
