/**
 * Several guardians per family: a registered guardian asks for a joining code; another identity
 * (the other parent, in the bot or the mini-program) enters it, confirms the privacy notice and
 * becomes a guardian of the same family: same children, checklist, needs and bookings (everything
 * is keyed by the family its identity is linked to).
 *
 *   - the code: 6 digits, valid JOIN_CODE_HOURS, single use (the row is deleted inside the joining
 *     transaction; of two identities racing with one code only one deletes it); only a keyed hash is
 *     stored; asking again replaces the guardian's previous code;
 *   - guessing: every try is recorded before it is checked, so parallel tries all count;
 *     MAX_FAILED_PER_IDENTITY wrong tries an hour per identity, MAX_FAILED_OVERALL an hour in all,
 *     then `rate_limited`;
 *   - an identity already in a family cannot join another (`conflict`).
 * Logs carry ids only (never the code, names or phone numbers).
 */
import { createHmac, randomInt } from 'node:crypto'
import { LessThan, MoreThan } from 'typeorm'
import { FamilyJoinAttempt, FamilyJoinCode, Guardian } from '../../db/entities'
import { isUniqueViolation } from '../../db/database'
import { AppError } from '../../shared/errors'
import { t, type Language } from '../../shared/i18n'
import type { DomainContext } from '../context'
import { linkIdentity, setIdentityLanguage } from '../identity/identity.service'
import { familyIdOf, familyNotRegistered, readFamily, requireFamilyId, touchFamily, type FamilyView } from './registry.service'
import { CONSENT_VERSION, type JoinInput } from './registry.schemas'

export const JOIN_CODE_HOURS = 24
export const MAX_FAILED_PER_IDENTITY = 5
export const MAX_FAILED_OVERALL = 300
const HOUR = 3600_000

const hashCode = (ctx: DomainContext, code: string) => createHmac('sha256', ctx.dataKey).update(`family-join:${code}`).digest('hex')

/** "123 456", "１２３４５６" → "123456". */
export function normaliseJoinCode(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s-]/g, '')
}

/** A new joining code for the family of a registered guardian; replaces the guardian's previous code. */
export async function createJoinCode(ctx: DomainContext, identityId: number): Promise<{ code: string; expiresAt: string }> {
  const familyId = await requireFamilyId(ctx, identityId)
  const guardian = await ctx.db.repo(Guardian).findOneBy({ identityId })
  if (!guardian) throw familyNotRegistered()
  const now = ctx.clock.now()
  const repo = ctx.db.repo(FamilyJoinCode)
  await repo.delete({ expiresAt: LessThan(now) })
  await repo.delete({ guardianId: guardian.id })
  const expiresAt = new Date(now.getTime() + JOIN_CODE_HOURS * HOUR)
  for (let i = 0; i < 10; i++) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    try {
      await repo.insert({ familyId, guardianId: guardian.id, codeHash: hashCode(ctx, code), expiresAt, createdAt: now })
      ctx.log.info({ familyId, guardianId: guardian.id }, 'family join code created')
      return { code, expiresAt: expiresAt.toISOString() }
    } catch (e) {
      if (!isUniqueViolation(e)) throw e
    }
  }
  throw new AppError('unavailable', 'no free join code')
}

const wrongCode = (lang: Language | string) =>
  new AppError('validation_failed', t(lang, 'errors.validation_failed'), { fields: [{ path: 'code', message: t(lang, 'registry:join.wrongCode') }] })

/**
 * Joins the family whose code this is, as a new guardian of it. Refused: the notice not confirmed
 * (`validation_failed` on consent), already in a family (`conflict`), too many wrong tries
 * (`rate_limited`), a wrong, expired or used code (`validation_failed` on code).
 */
export async function joinFamily(ctx: DomainContext, identityId: number, input: JoinInput, lang: Language | string): Promise<FamilyView> {
  if (!input.consent.accepted || input.consent.version !== CONSENT_VERSION) {
    throw new AppError('validation_failed', t(lang, 'errors.validation_failed'), { fields: [{ path: 'consent', message: t(lang, 'registry:join.noticeRequired') }] })
  }
  if ((await familyIdOf(ctx, identityId)) !== null) throw new AppError('conflict', t(lang, 'registry:join.alreadyInFamily'), { details: { reason: 'already_in_family' } })

  const now = ctx.clock.now()
  const attempts = ctx.db.repo(FamilyJoinAttempt)
  await attempts.delete({ at: LessThan(new Date(now.getTime() - 24 * HOUR)) })
  // Recorded before the check, so that parallel guesses all count.
  const attempt = await attempts.save(attempts.create({ identityId, ok: false, at: now }))
  const since = MoreThan(new Date(now.getTime() - HOUR))
  const mine = await attempts.countBy({ identityId, ok: false, at: since })
  const all = await attempts.countBy({ ok: false, at: since })
  if (mine > MAX_FAILED_PER_IDENTITY || all > MAX_FAILED_OVERALL) {
    ctx.log.warn({ identityId }, 'family join: too many wrong codes')
    throw new AppError('rate_limited', t(lang, 'registry:join.tooManyTries'))
  }

  const codeHash = hashCode(ctx, normaliseJoinCode(input.code))
  let joined: { familyId: number; guardianId: number }
  try {
    joined = await ctx.db.transaction(async (m) => {
      const codes = m.getRepository(FamilyJoinCode)
      const row = await codes.findOneBy({ codeHash })
      if (!row || row.expiresAt <= now) throw wrongCode(lang)
      // Single use: of two joins racing with one code, only one deletes the row.
      if (((await codes.delete({ id: row.id })).affected ?? 0) !== 1) throw wrongCode(lang)
      const guardians = m.getRepository(Guardian)
      const g = await guardians.save(
        guardians.create({
          familyId: row.familyId,
          identityId,
          name: input.name,
          relation: input.relation,
          mobile: input.phone ?? null,
          language: input.language ?? (typeof lang === 'string' && lang === 'en' ? 'en' : 'zh-CN'),
          noticeVersion: input.consent.version,
          noticeAt: now,
          createdAt: now,
        }),
      )
      return { familyId: row.familyId, guardianId: g.id }
    })
  } catch (e) {
    // The same identity joining twice at once: the unique guardian index let one through.
    if (isUniqueViolation(e)) throw new AppError('conflict', t(lang, 'registry:join.alreadyInFamily'), { details: { reason: 'already_in_family' } })
    throw e
  }
  await attempts.update({ id: attempt.id }, { ok: true })
  await linkIdentity(ctx, identityId, joined.familyId, joined.guardianId)
  if (input.language) await setIdentityLanguage(ctx, identityId, input.language)
  await touchFamily(ctx, joined.familyId)
  ctx.log.info({ familyId: joined.familyId, guardianId: joined.guardianId }, 'guardian joined family')
  return readFamily(ctx, joined.familyId, lang)
}

/** The sentence to show before a guardian confirms erasure: it erases the family for every guardian. */
export function erasureWarning(family: Pick<FamilyView, 'guardians'>, identityId: number, lang: Language | string): string {
  const others = family.guardians.filter((g) => g.identityId !== identityId).length
  return others > 0 ? t(lang, 'registry:erase.warningAll', { others }) : t(lang, 'registry:erase.warningOne')
}
