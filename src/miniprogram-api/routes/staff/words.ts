/**
 * Domain refusals name their fields with i18n keys (`validation.required`, `staff:errors.futureDate`);
 * this middleware puts them into the request's language before the error handler shapes the body.
 */
import type { Context, Next } from 'koa'
import { AppError, isAppError } from '../../../shared/errors'
import { hasKey, t } from '../../../shared/i18n'
import { requestLanguage } from '../../openapi'

const KEY = /^[a-z]+(:|\.)[A-Za-z.]+$/

export function domainWords() {
  return async (ctx: Context, next: Next) => {
    try {
      await next()
    } catch (e) {
      if (!isAppError(e) || !e.fields?.length) throw e
      const lang = requestLanguage(ctx)
      const fields = e.fields.map((f) => ({ path: f.path, message: KEY.test(f.message) && hasKey(lang, f.message) ? t(lang, f.message) : f.message }))
      const message = e.code === 'validation_failed' ? t(lang, 'errors.validation_failed') : e.message
      throw new AppError(e.code, message, { fields, details: e.details, cause: e })
    }
  }
}
