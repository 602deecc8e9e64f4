/** The only place that shapes an error response: `{error: {code, message, fields?}}`. */
import type { Context, Next } from 'koa'
import { AppError, isAppError, isUnavailableError } from '../../shared/errors'
import { t, hasKey } from '../../shared/i18n'
import { requestLanguage } from '../openapi'
import type { Logger } from '../../shared/logger'

export function errorHandler(log: Logger) {
  return async (ctx: Context, next: Next) => {
    try {
      await next()
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError('not_found', 'route not found')
      if ((ctx.status === 405 || ctx.status === 501) && ctx.body === undefined) {
        // @koa/router's allowedMethods: the path exists, the method does not (Allow header already set).
        ctx.body = { error: { code: 'method_not_allowed', message: t(requestLanguage(ctx), 'api:errors.method_not_allowed') } }
      }
    } catch (e) {
      const lang = requestLanguage(ctx)
      let err: AppError
      const status = (e as { status?: number; statusCode?: number }).status ?? (e as { statusCode?: number }).statusCode
      if (isAppError(e)) err = e
      else if (isUnavailableError(e)) err = new AppError('unavailable', 'database unavailable')
      else if (status === 413) err = new AppError('payload_too_large', 'body too large')
      else if (status && status >= 400 && status < 500) err = new AppError(status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : 'bad_request', 'bad request')
      else err = new AppError('internal', 'internal error')
      if (err.code === 'internal') log.error({ err: { type: (e as Error)?.name, message: (e as Error)?.message?.slice(0, 200), stack: (e as Error)?.stack }, path: ctx.routerPath ?? ctx.path }, 'request failed')
      else if (err.code === 'unavailable') log.warn({ path: ctx.path }, 'database unavailable')
      ctx.status = err.status
      if (err.code === 'unavailable') ctx.set('Retry-After', '10')
      // The rest of a too-large body is not read: tell the client not to reuse this connection.
      if (err.code === 'payload_too_large' || err.code === 'unsupported_media_type') ctx.set('Connection', 'close')
      // Client-facing message: the error's own message when it was written for users (validation), else the code's sentence.
      // A refusal may name a more precise sentence: details.reason → `api:reasons.<reason>`.
      const reason = typeof err.details?.reason === 'string' ? `api:reasons.${err.details.reason}` : undefined
      const message = err.code === 'validation_failed' ? err.message : reason && hasKey(lang, reason) ? t(lang, reason) : t(lang, `errors.${err.code}`)
      ctx.body = { error: { code: err.code, message, ...(err.fields ? { fields: err.fields } : {}), ...(err.details ? { details: err.details } : {}) } }
    }
  }
}
