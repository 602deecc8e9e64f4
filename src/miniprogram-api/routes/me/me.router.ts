/**
 * The family's own record (mini-program): profile and consent, children, export, erasure; joining
 * codes for a second guardian (POST /me/family/join-code, POST /me/family/join); the places a
 * family can choose (GET /places).
 * Every route works on the signed-in identity's own family only; another family's child is 404.
 * Identity numbers leave the service only masked.
 */
import type Router from '@koa/router'
import { z } from 'zod'
import { defineRoute } from '../../openapi'
import { authenticateFamily, identityOf } from '../../middlewares/authenticate'
import type { DomainContext } from '../../../domain/context'
import { t, type Language } from '../../../shared/i18n'
import {
  addChild,
  confirmFamily,
  eraseFamily,
  exportFamily,
  familyIdOf,
  readFamily,
  removeChild,
  requireFamilyId,
  saveProfile,
  touchFamily,
  updateChild,
  withdrawConsent,
  type FamilyView,
} from '../../../domain/registry/registry.service'
import { CONSENT_VERSION, ChildPatchSchema, ChildSchema, JoinSchema, ProfileSchema } from '../../../domain/registry/registry.schemas'
import { createJoinCode, erasureWarning, joinFamily } from '../../../domain/registry/guardians'
import { placeChoices } from '../../../domain/registry/places'

const Eligibility = z
  .object({
    eligible: z.boolean().nullable().openapi({ description: 'true: a migrant child under the plans; false: not; null: we cannot tell yet (add the district, or the city\'s central districts are not known)' }),
    code: z.enum(['eligible', 'too_old', 'not_yet_six_months', 'same_county', 'central_districts', 'district_missing', 'central_districts_unknown']),
    reason: z.string().openapi({ example: '还差2个月满6个月，2026-05-01起符合条件。' }),
    turns16On: z.string().openapi({ example: '2035-05-01' }),
    sixMonthsOn: z.string().openapi({ example: '2026-05-01' }),
  })
  .openapi('Eligibility')

export const ChildResponse = z
  .object({
    id: z.number().int(),
    name: z.string(),
    sex: z.string().openapi({ example: 'female' }),
    birthDate: z.string().openapi({ example: '2019-05-01' }),
    schoolStage: z.string(),
    schoolName: z.string().nullable(),
    idNumber: z.string().nullable().openapi({ description: 'Masked; the full number is never sent.', example: '110***********1234' }),
    situations: z.array(z.string()),
    disabilityCertified: z.boolean(),
    archived: z.boolean(),
    eligibility: Eligibility,
    keyCase: z
      .object({
        id: z.number().int(),
        status: z.string(),
        contactEveryDays: z.number().int().nullable(),
        visitEveryDays: z.number().int().nullable(),
        nextContactDue: z.string().nullable(),
        nextVisitDue: z.string().nullable(),
      })
      .nullable(),
  })
  .openapi('Child')

const FamilyResponse = z
  .object({
    id: z.number().int(),
    jurisdiction: z.string().openapi({ example: 'jincheng', description: 'Where the family lives as the checklist resolves it: a place with its own list (jincheng), or <province>.<city> (shanxi.taiyuan) for one without' }),
    city: z.string().nullable().openapi({ example: '太原', description: 'The city as the family named it, for a place without its own list' }),
    servedBy: z.string().openapi({ example: 'shanxi', description: 'The list that serves the family: its departments, key-case cadence and hotlines' }),
    district: z.string().nullable(),
    street: z.string().nullable(),
    community: z.string().nullable(),
    hukou: z.object({ province: z.string(), city: z.string(), county: z.string() }),
    movedInOn: z.string(),
    residencePermit: z.boolean(),
    consent: z.object({ version: z.string(), at: z.string() }).nullable(),
    lastConfirmedAt: z.string().nullable(),
    refreshDueOn: z.string().nullable(),
    archived: z.boolean(),
    createdAt: z.string(),
    guardians: z.array(z.object({ id: z.number().int(), identityId: z.number().int().nullable(), name: z.string(), relation: z.string(), phone: z.string().nullable(), language: z.string() })),
    children: z.array(ChildResponse),
  })
  .openapi('Family')

export const MeResponse = z
  .object({
    registered: z.boolean(),
    consentText: z.object({ version: z.string().openapi({ example: CONSENT_VERSION }), text: z.string() }),
    family: FamilyResponse.nullable(),
    erasureNotice: z.string().optional().openapi({ description: 'Show before the guardian confirms DELETE /me: it erases the family for every guardian' }),
  })
  .openapi('Me')

const JoinCodeResponse = z.object({ code: z.string().openapi({ example: '042917' }), expiresAt: z.string().openapi({ example: '2026-05-02T08:00:00.000Z' }) }).openapi('FamilyJoinCode')

const PlacesResponse = z
  .object({
    places: z.array(
      z.object({
        id: z.string().openapi({ example: 'shanxi' }),
        name: z.string().openapi({ example: '山西省' }),
        level: z.enum(['province', 'city', 'county']),
        parent: z.string().nullable(),
        ownList: z.boolean().openapi({ description: 'true: a city or county with its own list; false: a province, send the city too' }),
        servedBy: z.string().openapi({ example: 'shanxi', description: 'The list a family there gets (a province without its own: national)' }),
      }),
    ),
  })
  .openapi('Places')

const ChildParams = z.object({ id: z.coerce.number().int().positive() })
const ChildrenResponse = z.object({ children: z.array(ChildResponse) }).openapi('Children')
const ExportResponse = z.record(z.string(), z.unknown()).openapi('FamilyExport')

const me = (family: FamilyView | null, lang: Language, identityId?: number) => ({
  registered: !!family,
  consentText: { version: CONSENT_VERSION, text: t(lang, 'registry:consent.text') },
  family,
  ...(family && identityId !== undefined ? { erasureNotice: erasureWarning(family, identityId, lang) } : {}),
})

export function meRouter(dctx: DomainContext, router: Router): void {
  const auth = [authenticateFamily(dctx)]
  const base = { tags: ['me'], auth: 'family' as const, middleware: auth }

  defineRoute(
    router,
    { tags: ['me'], auth: 'none', method: 'get', path: '/places', summary: 'Where a family can say it lives: cities and counties with their own list, and every province (then the city in words)', response: PlacesResponse },
    async (_ctx, { lang }) => ({ places: placeChoices(lang) }),
  )

  defineRoute(router, { ...base, method: 'get', path: '/me', summary: 'The family record of the signed-in guardian (registered: false before registration)', response: MeResponse }, async (ctx, { lang }) => {
    const familyId = await familyIdOf(dctx, identityOf(ctx).id)
    if (familyId === null) return me(null, lang)
    await touchFamily(dctx, familyId)
    return me(await readFamily(dctx, familyId, lang), lang, identityOf(ctx).id)
  })

  defineRoute(
    router,
    { ...base, method: 'put', path: '/me', summary: 'Register or correct the family profile and consent (saving confirms the data; consent.accepted false withdraws it and erases the children)', body: ProfileSchema, response: MeResponse },
    async (ctx, { body, lang }) => me(await saveProfile(dctx, identityOf(ctx).id, body, lang), body.language ?? lang, identityOf(ctx).id),
  )

  defineRoute(
    router,
    { ...base, method: 'post', path: '/me/family/join-code', summary: `A joining code (6 digits, valid 24 h, single use) another guardian enters to join this family`, response: JoinCodeResponse, status: 201, errors: [404] },
    async (ctx) => createJoinCode(dctx, identityOf(ctx).id),
  )

  defineRoute(
    router,
    {
      ...base,
      method: 'post',
      path: '/me/family/join',
      summary: 'Join a family with its code, as another guardian (confirm the privacy notice: consent.accepted true); wrong tries are limited',
      body: JoinSchema,
      response: MeResponse,
      errors: [409, 429],
    },
    async (ctx, { body, lang }) => me(await joinFamily(dctx, identityOf(ctx).id, body, lang), body.language ?? lang, identityOf(ctx).id),
  )

  defineRoute(router, { ...base, method: 'post', path: '/me/confirm', summary: 'Confirm the family data is still right (information refresh)', response: MeResponse, errors: [404] }, async (ctx, { lang }) => {
    const familyId = await requireFamilyId(dctx, identityOf(ctx).id)
    await confirmFamily(dctx, familyId)
    return me(await readFamily(dctx, familyId, lang), lang)
  })

  defineRoute(router, { ...base, method: 'delete', path: '/me/consent', summary: 'Withdraw consent: every child’s data is erased at once', response: z.object({}), status: 204, errors: [404] }, async (ctx) => {
    await withdrawConsent(dctx, await requireFamilyId(dctx, identityOf(ctx).id))
  })

  defineRoute(router, { ...base, method: 'get', path: '/me/children', summary: 'The family’s children, each with its eligibility explained', response: ChildrenResponse, errors: [404] }, async (ctx, { lang }) => {
    const family = await readFamily(dctx, await requireFamilyId(dctx, identityOf(ctx).id), lang)
    return { children: family.children }
  })

  defineRoute(
    router,
    { ...base, method: 'post', path: '/me/children', summary: 'Add a child (needs consent first)', body: ChildSchema, response: ChildResponse, status: 201, errors: [403, 404] },
    async (ctx, { body, lang }) => addChild(dctx, await requireFamilyId(dctx, identityOf(ctx).id), body, lang),
  )

  defineRoute(
    router,
    { ...base, method: 'patch', path: '/me/children/:id', summary: 'Correct a child’s data (idNumber: null removes it)', params: ChildParams, body: ChildPatchSchema, response: ChildResponse, errors: [403, 404] },
    async (ctx, { params, body, lang }) => updateChild(dctx, await requireFamilyId(dctx, identityOf(ctx).id), params.id, body, lang),
  )

  defineRoute(
    router,
    { ...base, method: 'delete', path: '/me/children/:id', summary: 'Remove a child and everything about it', params: ChildParams, response: z.object({}), status: 204, errors: [404] },
    async (ctx, { params }) => {
      await removeChild(dctx, await requireFamilyId(dctx, identityOf(ctx).id), params.id)
    },
  )

  defineRoute(router, { ...base, method: 'get', path: '/me/export', summary: 'Everything held about the family, as JSON', response: ExportResponse, errors: [404] }, async (ctx, { lang }) => {
    const data = await exportFamily(dctx, await requireFamilyId(dctx, identityOf(ctx).id), lang)
    ctx.set('Content-Disposition', 'attachment; filename="family-data.json"')
    return data
  })

  defineRoute(router, { ...base, method: 'delete', path: '/me', summary: 'Erase the family: all personal data removed, only anonymous counts kept', response: z.object({}), status: 204, errors: [404] }, async (ctx) => {
    await eraseFamily(dctx, await requireFamilyId(dctx, identityOf(ctx).id))
  })
}
