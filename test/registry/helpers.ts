/** Shared helpers of the registry tests. */
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { saveProfile } from '../../src/domain/registry/registry.service'
import { CONSENT_VERSION, ProfileSchema, type ProfileInput } from '../../src/domain/registry/registry.schemas'
import { idCheckChar } from '../../src/domain/registry/id-number'
import type { DomainContext } from '../../src/domain/context'

/** A valid identity number for a birth date, e.g. idFor('2019-05-01', '110105', '123'). */
export function idFor(birthDate: string, area = '110105', seq = '123'): string {
  const first17 = `${area}${birthDate.replace(/-/g, '')}${seq}`
  return first17 + idCheckChar(first17)
}

export function profile(overrides: Record<string, unknown> = {}): ProfileInput {
  return ProfileSchema.parse({
    name: '王芳',
    relation: 'mother',
    phone: '13800138000',
    jurisdiction: 'jincheng',
    district: '泽州县',
    community: '金村社区',
    hukou: { province: '河南省', city: '新乡市', county: '辉县' },
    movedInOn: '2025-01-10',
    residencePermit: true,
    consent: { accepted: true, version: CONSENT_VERSION },
    ...overrides,
  })
}

/** A registered family (with consent) of a new mini-program identity. */
export async function registerFamily(ctx: DomainContext, who: string, overrides: Record<string, unknown> = {}) {
  const identity = await findOrCreateIdentity(ctx, 'miniprogram', `dev:${who}`)
  const family = await saveProfile(ctx, identity.id, profile(overrides), 'zh-CN')
  return { identity, family }
}

/** The body of `PUT /api/v1/me` for a registered mother in Jincheng (overrides on top). */
export const profileBody = (o: Record<string, unknown> = {}) => ({
  name: '张丽',
  relation: 'mother',
  phone: '13912345678',
  jurisdiction: 'jincheng',
  district: '泽州县',
  community: '金村社区',
  hukou: { province: '河南省', city: '新乡市', county: '辉县' },
  movedInOn: '2025-01-10',
  residencePermit: true,
  consent: { accepted: true, version: CONSENT_VERSION },
  ...o,
})
/** The body of `POST /api/v1/me/children` (overrides on top). */
export const childBody = (o: Record<string, unknown> = {}) => ({ name: '张小宝', sex: 'male', birthDate: '2019-05-01', schoolStage: 'kindergarten', situations: [], ...o })
