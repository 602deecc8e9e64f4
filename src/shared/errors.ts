/**
 * The one error type of the service. Every refusal a user can meet is an AppError
 * with a stable code; the HTTP layer maps the code to a status, the bot to a polite
 * sentence (i18n key `errors.<code>` in the `common` namespace).
 */

export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  consent_required: 403,
  not_found: 404,
  conflict: 409,
  slot_full: 409,
  booking_overlap: 409,
  too_late: 409,
  payload_too_large: 413,
  /** An Idempotency-Key sent again with a different request (IETF draft httpapi-idempotency-key-header: 422). */
  idempotency_key_reused: 422,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  upstream_failed: 502,
  unavailable: 503,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

export interface FieldError {
  /** Dotted path of the field, e.g. `children.0.birthDate`. */
  path: string
  /** Human message in the request's language. */
  message: string
}

export class AppError extends Error {
  readonly code: ErrorCode
  readonly fields?: FieldError[]
  /** Extra data safe to show to the client (never personal data). */
  readonly details?: Record<string, unknown>

  constructor(code: ErrorCode, message: string, opts: { fields?: FieldError[]; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { cause: opts.cause })
    this.name = 'AppError'
    this.code = code
    this.fields = opts.fields
    this.details = opts.details
  }

  get status(): number {
    return ERROR_STATUS[this.code]
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError

export const notFound = (what: string) => new AppError('not_found', `${what} not found`)
export const forbidden = (why = 'not allowed') => new AppError('forbidden', why)
export const conflict = (why: string, details?: Record<string, unknown>) => new AppError('conflict', why, { details })

/**
 * Whether an error means the database is away (connection refused or lost, pool closed, SQLite
 * file locked): a passing fault the caller should answer with 'unavailable' and retry later.
 */
export function isUnavailableError(e: unknown): boolean {
  if (isAppError(e)) return e.code === 'unavailable'
  const err = e as { code?: string; driverError?: { code?: string }; message?: string }
  const code = err?.driverError?.code ?? err?.code ?? ''
  return (
    ['ECONNREFUSED', 'PROTOCOL_CONNECTION_LOST', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'ER_CON_COUNT_ERROR', 'SQLITE_BUSY', 'SQLITE_CANTOPEN'].includes(code) ||
    /connect ECONNREFUSED|Connection lost|Pool is closed|Cannot enqueue|database is locked/i.test(err?.message ?? '')
  )
}
