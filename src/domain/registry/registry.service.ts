/**
 * The family registry, shared by the bot and the mini-program:
 *   - saveProfile: the guardian and the family (where it lives, 户籍地, since when, 居住证) and consent;
 *     saving is also confirming the data (信息更新, lastConfirmedAt);
 *   - children: added only while a guardian's consent stands (checked inside the transaction, under a
 *     row lock on MySQL, so a withdrawal and an addition cannot interleave); identity numbers encrypted;
 *   - readFamily: everything, with each child's eligibility explained and the identity number masked;
 *   - withdrawConsent: erases every child's data; eraseFamily: erases all personal data, also what other
 *     modules hold (./family-data.ts), keeping only anonymous counts (registry_stats);
 *   - exportFamily: everything held, as JSON.
 * Logs carry ids and codes only.
 */
import type { EntityManager } from 'typeorm'
import { Child, Family, FamilyJoinCode, Guardian, KeyCase, OutboundMessage, RegistryStats } from '../../db/entities'
import { isUniqueViolation } from '../../db/database'
import { addMonths, localDate } from '../../shared/dates'
import { AppError, type FieldError } from '../../shared/errors'
import { t, type Language } from '../../shared/i18n'
import type { DomainContext } from '../context'
import { identitiesOfFamily, linkIdentity, setIdentityLanguage } from '../identity/identity.service'
import { attachOpenQuestionsToFamily } from '../tickets/tickets.service'
import { eligibilityOf, type Eligibility } from './eligibility'
import { resolvePlace } from './places'
import { familyDataErasers, familyDataExporters } from './family-data'
import { refreshMonthsOf } from './refresh'
import { decryptIdNumber, encryptIdNumber, hashIdNumber, idBirthDate, maskIdNumber } from './id-number'
import { closeKeyCasesOf, keyCasesOfFamily, keyCaseView, syncKeyCase, type KeyCaseView } from './key-cases'
import { CONSENT_VERSION, type ChildInput, type ChildPatch, type ProfileInput } from './registry.schemas'

export interface GuardianView {
  id: number
  identityId: number | null
  name: string
  relation: string
  phone: string | null
  language: string
}

export interface ChildView {
  id: number
  name: string
  sex: string
  birthDate: string
  schoolStage: string
  schoolName: string | null
  /** Masked: 110***********1234; null when none was given. */
  idNumber: string | null
  situations: string[]
  disabilityCertified: boolean
  archived: boolean
  eligibility: Eligibility
  keyCase: { id: number; status: string; contactEveryDays: number | null; visitEveryDays: number | null; nextContactDue: string | null; nextVisitDue: string | null } | null
}

export interface FamilyView {
  id: number
  /**
   * Where the family lives, as the checklist resolves it: a jurisdiction with its own list
   * (`jincheng`), or a place without one (`shanxi.taiyuan`, `anhui.hefei`).
   */
  jurisdiction: string
  /** The city as the family named it, for a place without its own list; null otherwise. */
  city: string | null
  /** The checklist file that serves the family (its departments, key-case cadence, hotlines): `jincheng`, `shanxi`, `national`. */
  servedBy: string
  district: string | null
  street: string | null
  community: string | null
  hukou: { province: string; city: string; county: string }
  movedInOn: string
  residencePermit: boolean
  consent: { version: string; at: string } | null
  lastConfirmedAt: string | null
  /** YYYY-MM-DD by which the family should confirm its data again (the plan's refresh cadence). */
  refreshDueOn: string | null
  archived: boolean
  createdAt: string
  guardians: GuardianView[]
  children: ChildView[]
}

const lockOpts = (ctx: DomainContext) => (ctx.db.kind === 'mysql' ? { lock: { mode: 'pessimistic_write' as const } } : {})

const invalid = (lang: Language | string, fields: FieldError[]) => new AppError('validation_failed', t(lang, 'errors.validation_failed'), { fields })

/** The family an identity belongs to, or null before registration. */
export async function familyIdOf(ctx: DomainContext, identityId: number): Promise<number | null> {
  const g = await ctx.db.repo(Guardian).findOneBy({ identityId })
  return g?.familyId ?? null
}

/** The refusal for a request that needs a registered family: not found, with the reason the client can say in plain words. */
export const familyNotRegistered = (): AppError => new AppError('not_found', 'family not registered', { details: { reason: 'family_not_registered' } })

/** The family of an identity, or a `not_found` error (the family has not registered yet). */
export async function requireFamilyId(ctx: DomainContext, identityId: number): Promise<number> {
  const id = await familyIdOf(ctx, identityId)
  if (id === null) throw familyNotRegistered()
  return id
}

/**
 * Saves the guardian's own record and the family profile, creating the family on first save, and
 * records consent (accepted: the current version and time; not accepted: consent withdrawn, every
 * child's data erased). Saving confirms the data (lastConfirmedAt).
 */
export async function saveProfile(ctx: DomainContext, identityId: number, input: ProfileInput, lang: Language | string): Promise<FamilyView> {
  const now = ctx.clock.now()
  const today = localDate(now)
  const fields: FieldError[] = []
  if (input.movedInOn > today) fields.push({ path: 'movedInOn', message: t(lang, 'registry:validation.future') })
  if (input.consent.accepted && input.consent.version !== CONSENT_VERSION) fields.push({ path: 'consent.version', message: t(lang, 'registry:validation.consentVersion') })
  const place = resolvePlace(input.jurisdiction, input.city)
  if (!place) fields.push({ path: 'city', message: t(lang, 'registry:validation.cityRequired') })
  if (fields.length || !place) throw invalid(lang, fields)

  const run = () =>
    ctx.db.transaction(async (m) => {
      const guardians = m.getRepository(Guardian)
      const families = m.getRepository(Family)
      let guardian = await guardians.findOneBy({ identityId })
      const values = {
        jurisdictionId: place.servedBy,
        placeId: place.placeId,
        placeCity: place.city,
        district: input.district ?? null,
        street: input.street ?? null,
        community: input.community ?? null,
        hukouProvince: input.hukou.province,
        hukouCity: input.hukou.city,
        hukouCounty: input.hukou.county,
        movedInOn: input.movedInOn,
        residencePermit: input.residencePermit,
        lastConfirmedAt: now,
        lastActiveAt: now,
        archivedAt: null,
        updatedAt: now,
      }
      let family: Family
      let withdrawn = false
      if (!guardian) {
        family = await families.save(families.create({ ...values, consentVersion: null, consentAt: null, createdAt: now }))
        guardian = await guardians.save(
          guardians.create({ familyId: family.id, identityId, name: input.name, relation: input.relation, mobile: input.phone ?? null, language: input.language ?? 'zh-CN', createdAt: now }),
        )
      } else {
        family = (await families.findOne({ where: { id: guardian.familyId }, ...lockOpts(ctx) }))!
        await guardians.update(
          { id: guardian.id },
          { name: input.name, relation: input.relation, mobile: input.phone ?? null, ...(input.language ? { language: input.language } : {}) },
        )
      }
      const consent = input.consent.accepted
        ? family.consentVersion === input.consent.version
          ? {}
          : { consentVersion: input.consent.version, consentAt: now }
        : { consentVersion: null, consentAt: null }
      if (!input.consent.accepted && family.consentVersion) withdrawn = true
      await families.update({ id: family.id }, { ...values, ...consent })
      Object.assign(family, values, consent)
      let erased = { children: 0, keyCases: 0 }
      if (withdrawn) erased = await eraseChildren(m, family.id)
      else for (const child of await m.getRepository(Child).findBy({ familyId: family.id })) await syncKeyCase(m, now, family, child)
      return { familyId: family.id, guardianId: guardian.id, withdrawn, erased, jurisdictionId: family.jurisdictionId }
    })

  let r: Awaited<ReturnType<typeof run>>
  try {
    r = await run()
  } catch (e) {
    // Two first saves of one identity raced: the unique guardian index let one through; save again as an update.
    if (!isUniqueViolation(e)) throw e
    r = await run()
  }
  await linkIdentity(ctx, identityId, r.familyId, r.guardianId)
  await attachOpenQuestionsToFamily(ctx, identityId, r.familyId)
  if (input.language) await setIdentityLanguage(ctx, identityId, input.language)
  if (r.withdrawn) {
    await bumpStats(ctx, r.jurisdictionId, { consentsWithdrawn: 1, childrenErased: r.erased.children, keyCasesErased: r.erased.keyCases })
    await ctx.db.flushErased()
    ctx.log.info({ familyId: r.familyId, children: r.erased.children }, 'consent withdrawn, child data erased')
  }
  return readFamily(ctx, r.familyId, lang)
}

async function eraseChildren(m: EntityManager, familyId: number): Promise<{ children: number; keyCases: number }> {
  const keyCases = (await m.getRepository(KeyCase).delete({ familyId })).affected ?? 0
  const children = (await m.getRepository(Child).delete({ familyId })).affected ?? 0
  return { children, keyCases }
}

/** Withdraws the family's consent: every child's data is erased at once. */
export async function withdrawConsent(ctx: DomainContext, familyId: number): Promise<void> {
  const r = await ctx.db.transaction(async (m) => {
    const family = await m.getRepository(Family).findOne({ where: { id: familyId }, ...lockOpts(ctx) })
    if (!family) throw new AppError('not_found', 'family not found')
    await m.getRepository(Family).update({ id: familyId }, { consentVersion: null, consentAt: null, updatedAt: ctx.clock.now() })
    return { jurisdictionId: family.jurisdictionId, hadConsent: !!family.consentVersion, ...(await eraseChildren(m, familyId)) }
  })
  if (r.hadConsent) await bumpStats(ctx, r.jurisdictionId, { consentsWithdrawn: 1, childrenErased: r.children, keyCasesErased: r.keyCases })
  await ctx.db.flushErased()
  ctx.log.info({ familyId, children: r.children }, 'consent withdrawn, child data erased')
}

/** Records that a guardian confirmed the family's data is still right (信息更新). */
export async function confirmFamily(ctx: DomainContext, familyId: number): Promise<void> {
  const now = ctx.clock.now()
  await ctx.db.repo(Family).update({ id: familyId }, { lastConfirmedAt: now, lastActiveAt: now, archivedAt: null })
}

/** Notes that the family used the service (keeps it from being archived as silent; brings an archived family back). */
export async function touchFamily(ctx: DomainContext, familyId: number): Promise<void> {
  await ctx.db.repo(Family).update({ id: familyId }, { lastActiveAt: ctx.clock.now(), archivedAt: null })
}

function childChecks(ctx: DomainContext, c: { birthDate: string; idNumber?: string | null }, lang: Language | string): void {
  const today = localDate(ctx.clock.now())
  const fields: FieldError[] = []
  if (c.birthDate > today) fields.push({ path: 'birthDate', message: t(lang, 'registry:validation.future') })
  else if (addMonths(c.birthDate, 18 * 12) <= today) fields.push({ path: 'birthDate', message: t(lang, 'registry:validation.adult') })
  if (c.idNumber && idBirthDate(c.idNumber) !== c.birthDate) fields.push({ path: 'idNumber', message: t(lang, 'registry:validation.idBirthDate') })
  if (fields.length) throw invalid(lang, fields)
}

async function consentedFamily(ctx: DomainContext, m: EntityManager, familyId: number): Promise<Family> {
  const family = await m.getRepository(Family).findOne({ where: { id: familyId }, ...lockOpts(ctx) })
  if (!family) throw new AppError('not_found', 'family not found')
  if (!family.consentVersion) throw new AppError('consent_required', 'consent required before child data is stored')
  return family
}

/** Adds a child. Refused with `consent_required` unless a guardian's consent stands. */
export async function addChild(ctx: DomainContext, familyId: number, input: ChildInput, lang: Language | string): Promise<ChildView> {
  childChecks(ctx, input, lang)
  const now = ctx.clock.now()
  const view = await ctx.db.transaction(async (m) => {
    const family = await consentedFamily(ctx, m, familyId)
    const repo = m.getRepository(Child)
    if (input.idNumber && (await repo.findOneBy({ familyId, idNumberHash: hashIdNumber(ctx.dataKey, input.idNumber) }))) {
      throw new AppError('conflict', 'child already registered', { fields: [{ path: 'idNumber', message: t(lang, 'registry:validation.duplicateChild') }], details: { reason: 'duplicate_child' } })
    }
    // the same name and birth date in the family is the same child: a double tap or a retry added it ten times
    // (the family row is locked above, so two requests at once cannot both add it)
    if (await repo.findOneBy({ familyId, name: input.name, birthDate: input.birthDate })) {
      throw new AppError('conflict', 'child already registered', { fields: [{ path: 'name', message: t(lang, 'registry:validation.duplicateChild') }], details: { reason: 'duplicate_child' } })
    }
    const child = await repo.save(
      repo.create({
        familyId,
        name: input.name,
        sex: input.sex,
        birthDate: input.birthDate,
        schoolStage: input.schoolStage,
        schoolName: input.schoolName ?? null,
        idNumberEnc: input.idNumber ? encryptIdNumber(ctx.dataKey, input.idNumber) : null,
        idNumberHash: input.idNumber ? hashIdNumber(ctx.dataKey, input.idNumber) : null,
        situations: input.situations,
        disabilityCertified: input.situations.includes('disability') && !!input.disabilityCertified,
        archivedAt: null,
        createdAt: now,
        updatedAt: now,
      }),
    )
    await syncKeyCase(m, now, family, child)
    await m.getRepository(Family).update({ id: familyId }, { lastActiveAt: now, updatedAt: now })
    const keyCase = await m.getRepository(KeyCase).findOneBy({ childId: child.id, status: 'open' })
    return childView(ctx, family, child, keyCase ?? undefined, lang)
  })
  ctx.log.info({ familyId, childId: view.id }, 'child added')
  return view
}

/** Corrects a child's data. A child of another family is `not_found`. */
export async function updateChild(ctx: DomainContext, familyId: number, childId: number, patch: ChildPatch, lang: Language | string): Promise<ChildView> {
  const now = ctx.clock.now()
  return ctx.db.transaction(async (m) => {
    const family = await consentedFamily(ctx, m, familyId)
    const repo = m.getRepository(Child)
    const child = await repo.findOneBy({ id: childId, familyId })
    if (!child) throw new AppError('not_found', 'child not found')
    const birthDate = patch.birthDate ?? child.birthDate
    const idNumber = patch.idNumber === undefined ? (child.idNumberEnc ? decryptIdNumber(ctx.dataKey, child.idNumberEnc) : null) : patch.idNumber
    childChecks(ctx, { birthDate, idNumber }, lang)
    const situations = patch.situations ?? child.situations
    const update: Partial<Child> = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.sex !== undefined ? { sex: patch.sex } : {}),
      ...(patch.birthDate !== undefined ? { birthDate: patch.birthDate } : {}),
      ...(patch.schoolStage !== undefined ? { schoolStage: patch.schoolStage } : {}),
      ...(patch.schoolName !== undefined ? { schoolName: patch.schoolName ?? null } : {}),
      ...(patch.idNumber !== undefined
        ? { idNumberEnc: patch.idNumber ? encryptIdNumber(ctx.dataKey, patch.idNumber) : null, idNumberHash: patch.idNumber ? hashIdNumber(ctx.dataKey, patch.idNumber) : null }
        : {}),
      situations,
      disabilityCertified: situations.includes('disability') && (patch.disabilityCertified ?? child.disabilityCertified),
      updatedAt: now,
    }
    await repo.update({ id: childId }, update)
    const updated = { ...child, ...update } as Child
    await syncKeyCase(m, now, family, updated)
    await m.getRepository(Family).update({ id: familyId }, { lastActiveAt: now, updatedAt: now })
    const keyCase = await m.getRepository(KeyCase).findOneBy({ childId, status: 'open' })
    return childView(ctx, family, updated, keyCase ?? undefined, lang)
  })
}

/** Removes a child and its key case. A child of another family is `not_found`. */
export async function removeChild(ctx: DomainContext, familyId: number, childId: number): Promise<void> {
  const r = await ctx.db.transaction(async (m) => {
    const child = await m.getRepository(Child).findOneBy({ id: childId, familyId })
    if (!child) throw new AppError('not_found', 'child not found')
    const family = await m.getRepository(Family).findOneBy({ id: familyId })
    const keyCases = (await m.getRepository(KeyCase).delete({ childId })).affected ?? 0
    await m.getRepository(Child).delete({ id: childId })
    return { jurisdictionId: family!.jurisdictionId, keyCases }
  })
  await bumpStats(ctx, r.jurisdictionId, { childrenErased: 1, keyCasesErased: r.keyCases })
  await ctx.db.flushErased()
  ctx.log.info({ familyId, childId }, 'child removed')
}

function guardianView(g: Guardian): GuardianView {
  return { id: g.id, identityId: g.identityId, name: g.name, relation: g.relation, phone: g.mobile, language: g.language }
}

/** The masked identity number of a child; null when none was given or it cannot be read (wrong DATA_ENCRYPTION_KEY). */
function maskedIdOf(ctx: DomainContext, c: Child): string | null {
  if (!c.idNumberEnc) return null
  try {
    return maskIdNumber(decryptIdNumber(ctx.dataKey, c.idNumberEnc))
  } catch {
    ctx.log.error({ childId: c.id }, 'identity number cannot be decrypted: check DATA_ENCRYPTION_KEY')
    return null
  }
}

/** Children (any family) registered with this identity number, found by its keyed hash. */
export async function findChildrenByIdNumber(ctx: DomainContext, idNumber: string): Promise<Array<{ familyId: number; childId: number }>> {
  const rows = await ctx.db.repo(Child).findBy({ idNumberHash: hashIdNumber(ctx.dataKey, idNumber) })
  return rows.map((c) => ({ familyId: c.familyId, childId: c.id }))
}

function childView(ctx: DomainContext, family: Family, c: Child, keyCase: KeyCase | undefined, lang: Language | string): ChildView {
  return {
    id: c.id,
    name: c.name,
    sex: c.sex,
    birthDate: c.birthDate,
    schoolStage: c.schoolStage,
    schoolName: c.schoolName,
    idNumber: maskedIdOf(ctx, c),
    situations: c.situations,
    disabilityCertified: c.disabilityCertified,
    archived: !!c.archivedAt,
    eligibility: eligibilityOf(c, family, localDate(ctx.clock.now()), lang),
    keyCase: keyCase
      ? { id: keyCase.id, status: keyCase.status, contactEveryDays: keyCase.contactEveryDays, visitEveryDays: keyCase.visitEveryDays, nextContactDue: keyCase.nextContactDue, nextVisitDue: keyCase.nextVisitDue }
      : null,
  }
}

async function openKeyCases(ctx: DomainContext, familyId: number): Promise<Map<number, KeyCase>> {
  const rows = await ctx.db.repo(KeyCase).findBy({ familyId, status: 'open' })
  return new Map(rows.map((k) => [k.childId, k]))
}

/** One child of a family, with its eligibility; a child of another family is `not_found`. */
export async function readChild(ctx: DomainContext, familyId: number, childId: number, lang: Language | string): Promise<ChildView> {
  const family = await ctx.db.repo(Family).findOneBy({ id: familyId })
  const child = await ctx.db.repo(Child).findOneBy({ id: childId, familyId })
  if (!family || !child) throw new AppError('not_found', 'child not found')
  return childView(ctx, family, child, (await openKeyCases(ctx, familyId)).get(childId), lang)
}

/** Everything the registry holds about a family, each child with its eligibility explained. */
export async function readFamily(ctx: DomainContext, familyId: number, lang: Language | string): Promise<FamilyView> {
  const family = await ctx.db.repo(Family).findOneBy({ id: familyId })
  if (!family) throw new AppError('not_found', 'family not found')
  const guardians = await ctx.db.repo(Guardian).find({ where: { familyId }, order: { id: 'ASC' } })
  const children = await ctx.db.repo(Child).find({ where: { familyId }, order: { id: 'ASC' } })
  const cases = await openKeyCases(ctx, familyId)
  const refreshMonths = refreshMonthsOf(family.jurisdictionId)
  return {
    id: family.id,
    jurisdiction: family.placeId ?? family.jurisdictionId,
    city: family.placeCity,
    servedBy: family.jurisdictionId,
    district: family.district,
    street: family.street,
    community: family.community,
    hukou: { province: family.hukouProvince, city: family.hukouCity, county: family.hukouCounty },
    movedInOn: family.movedInOn,
    residencePermit: family.residencePermit,
    consent: family.consentVersion && family.consentAt ? { version: family.consentVersion, at: family.consentAt.toISOString() } : null,
    lastConfirmedAt: family.lastConfirmedAt ? family.lastConfirmedAt.toISOString() : null,
    refreshDueOn: family.lastConfirmedAt ? addMonths(localDate(family.lastConfirmedAt), refreshMonths) : null,
    archived: !!family.archivedAt,
    createdAt: family.createdAt.toISOString(),
    guardians: guardians.map(guardianView),
    children: children.map((c) => childView(ctx, family, c, cases.get(c.id), lang)),
  }
}

/** Everything held about a family as JSON: the registry's records and every other module's (./family-data.ts). */
export async function exportFamily(ctx: DomainContext, familyId: number, lang: Language | string): Promise<Record<string, unknown>> {
  const family = await readFamily(ctx, familyId, lang)
  const keyCases: KeyCaseView[] = await keyCasesOfFamily(ctx, familyId)
  const identities = await identitiesOfFamily(ctx, familyId)
  const messages = await ctx.db.repo(OutboundMessage).find({ where: { familyId }, order: { id: 'ASC' } })
  const other: Record<string, unknown> = {}
  for (const exporter of familyDataExporters) Object.assign(other, await exporter(ctx, familyId))
  return {
    exportedAt: ctx.clock.now().toISOString(),
    consentText: { version: CONSENT_VERSION, text: t(lang, 'registry:consent.text') },
    family,
    keyCases,
    identities: identities.map((i) => ({ id: i.id, channel: i.channel, language: i.language, remindersPaused: i.remindersPaused })),
    messagesToFamily: messages
      .filter((msg) => msg.channel !== 'staff_room')
      .map((msg) => ({
        createdAt: msg.createdAt.toISOString(),
        kind: msg.kind,
        status: msg.status,
        text: [msg.messageKey ? t(lang, msg.messageKey, msg.params ?? {}) : '', msg.plainText ?? ''].filter(Boolean).join('\n'),
      })),
    ...other,
  }
}

/**
 * Erases a family: what other modules hold about it first (./family-data.ts), then key cases,
 * children, the outbox messages to or about it, guardians and the family; its identities are
 * unlinked. Only anonymous counts remain.
 */
export async function eraseFamily(ctx: DomainContext, familyId: number): Promise<void> {
  const family = await ctx.db.repo(Family).findOneBy({ id: familyId })
  if (!family) throw new AppError('not_found', 'family not found')
  for (const eraser of familyDataErasers) await eraser(ctx, familyId)
  const identities = await identitiesOfFamily(ctx, familyId)
  const r = await ctx.db.transaction(async (m) => {
    const erased = await eraseChildren(m, familyId)
    // Messages to or about the family (staff answers, reminders, staff-room posts) go too.
    await m.getRepository(OutboundMessage).delete({ familyId })
    await m.getRepository(FamilyJoinCode).delete({ familyId })
    await m.getRepository(Guardian).delete({ familyId })
    await m.getRepository(Family).delete({ id: familyId })
    return erased
  })
  for (const i of identities) await linkIdentity(ctx, i.id, null, null)
  await bumpStats(ctx, family.jurisdictionId, { familiesErased: 1, childrenErased: r.children, keyCasesErased: r.keyCases })
  await ctx.db.flushErased()
  ctx.log.info({ familyId, children: r.children }, 'family erased')
}

type StatField = 'familiesErased' | 'childrenErased' | 'keyCasesErased' | 'consentsWithdrawn' | 'familiesArchived' | 'childrenArchived'

/** Adds to the anonymous counts of a jurisdiction (row created on first use, safe under concurrency). */
export async function bumpStats(ctx: DomainContext, jurisdictionId: string, add: Partial<Record<StatField, number>>): Promise<void> {
  const repo = ctx.db.repo(RegistryStats)
  if (!(await repo.findOneBy({ jurisdictionId }))) {
    try {
      await repo.insert({ jurisdictionId, familiesErased: 0, childrenErased: 0, keyCasesErased: 0, consentsWithdrawn: 0, familiesArchived: 0, childrenArchived: 0, updatedAt: ctx.clock.now() })
    } catch (e) {
      if (!isUniqueViolation(e)) throw e
    }
  }
  for (const [field, n] of Object.entries(add)) if (n) await repo.increment({ jurisdictionId }, field, n)
  await repo.update({ jurisdictionId }, { updatedAt: ctx.clock.now() })
}

export interface RegistryStatsView {
  jurisdictionId: string
  families: number
  children: number
  keyCasesOpen: number
  familiesErased: number
  childrenErased: number
  keyCasesErased: number
  consentsWithdrawn: number
  familiesArchived: number
  childrenArchived: number
}

/** Anonymous counts of a jurisdiction: live records and what was erased or archived. */
export async function registryStats(ctx: DomainContext, jurisdictionId: string): Promise<RegistryStatsView> {
  const s = await ctx.db.repo(RegistryStats).findOneBy({ jurisdictionId })
  const families = await ctx.db.repo(Family).countBy({ jurisdictionId })
  const children = await ctx.db.repo(Child).createQueryBuilder('c').innerJoin(Family, 'f', 'f.id = c.family_id').where('f.jurisdiction_id = :j', { j: jurisdictionId }).getCount()
  const keyCasesOpen = await ctx.db.repo(KeyCase).countBy({ jurisdictionId, status: 'open' })
  return {
    jurisdictionId,
    families,
    children,
    keyCasesOpen,
    familiesErased: s?.familiesErased ?? 0,
    childrenErased: s?.childrenErased ?? 0,
    keyCasesErased: s?.keyCasesErased ?? 0,
    consentsWithdrawn: s?.consentsWithdrawn ?? 0,
    familiesArchived: s?.familiesArchived ?? 0,
    childrenArchived: s?.childrenArchived ?? 0,
  }
}

export { closeKeyCasesOf, keyCaseView }
