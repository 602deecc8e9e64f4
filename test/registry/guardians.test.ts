/**
 * Several guardians per family: the mother registers, asks for a joining code; the father (another
 * identity, another channel) enters it and sees the same family, children, checklist and needs.
 * Codes are 6 digits, expire after 24 h, work once, and wrong tries are limited. Erasure by one
 * guardian erases the family for all; the export holds every guardian.
 */
import 'reflect-metadata'
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { addChild, eraseFamily, exportFamily, familyIdOf, readFamily } from '../../src/domain/registry/registry.service'
import { createJoinCode, erasureWarning, joinFamily, JOIN_CODE_HOURS, MAX_FAILED_PER_IDENTITY } from '../../src/domain/registry/guardians'
import { CONSENT_VERSION, JoinSchema, type JoinInput } from '../../src/domain/registry/registry.schemas'
import { myChecklist } from '../../src/domain/checklist/my-checklist'
import { listNeeds, submitNeed } from '../../src/domain/needs/needs.service'
import { FamilyJoinCode, Guardian } from '../../src/db/entities'
import { isAppError } from '../../src/shared/errors'
import { registerFamily } from './helpers'

const join = (code: string, o: Partial<JoinInput> = {}): JoinInput => JoinSchema.parse({ code, name: '李强', relation: 'father', consent: { accepted: true, version: CONSENT_VERSION }, ...o })

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'ok'
  } catch (e) {
    return isAppError(e) ? e.code : String(e)
  }
}

describe('joining code input', () => {
  it('accepts 6 digits as parents type them, and refuses anything else in plain words', () => {
    expect(join('123 456').code).toBe('123456')
    expect(join('１２３４５６').code).toBe('123456')
    const r = JoinSchema.safeParse({ code: '12345', name: '李强', relation: 'father', consent: { accepted: true, version: CONSENT_VERSION } })
    expect(r.success).toBe(false)
    expect(r.error!.issues[0]).toMatchObject({ path: ['code'], message: 'registry:validation.joinCode' })
  })
})

describeEachDb('registry: several guardians per family', (h) => {
  const father = (who: string) => findOrCreateIdentity(h.ctx(), 'bot', `wx:${who}`)

  it('lets the father join with the mother’s code: same family, children, checklist and needs', async () => {
    const ctx = h.ctx()
    const mum = await registerFamily(ctx, 'g-mum')
    await addChild(ctx, mum.family.id, { name: '小宝', sex: 'male', birthDate: '2020-04-01', schoolStage: 'kindergarten', situations: [] }, 'zh-CN')
    const { code, expiresAt } = await createJoinCode(ctx, mum.identity.id)
    expect(code).toMatch(/^\d{6}$/)
    expect(new Date(expiresAt).getTime() - ctx.clock.now().getTime()).toBe(JOIN_CODE_HOURS * 3600_000)
    // Only a keyed hash of the code is stored.
    const rows = await ctx.db.repo(FamilyJoinCode).find()
    expect(JSON.stringify(rows)).not.toContain(code)

    const dad = await father('g-dad')
    const family = await joinFamily(ctx, dad.id, join(code, { phone: '13912345678' }), 'zh-CN')
    expect(family.id).toBe(mum.family.id)
    expect(family.guardians).toMatchObject([
      { identityId: mum.identity.id, name: '王芳', relation: 'mother' },
      { identityId: dad.id, name: '李强', relation: 'father', phone: '13912345678' },
    ])
    expect(await familyIdOf(ctx, dad.id)).toBe(mum.family.id)
    const g = await ctx.db.repo(Guardian).findOneBy({ identityId: dad.id })
    expect(g).toMatchObject({ noticeVersion: CONSENT_VERSION })

    expect((await readFamily(ctx, family.id, 'zh-CN')).children.map((c) => c.name)).toEqual(['小宝'])
    expect(await myChecklist(ctx, dad.id, 'zh-CN')).toEqual(await myChecklist(ctx, mum.identity.id, 'zh-CN'))
    await submitNeed(ctx, { identityId: mum.identity.id, familyId: mum.family.id, text: '孩子想上幼儿园', channel: 'miniprogram', jurisdiction: 'jincheng' })
    expect((await listNeeds(ctx, dad.id)).map((n) => n.text)).toEqual(['孩子想上幼儿园'])

    // Single use: nobody else gets in with it.
    expect(await codeOf(joinFamily(ctx, (await father('g-uncle')).id, join(code), 'zh-CN'))).toBe('validation_failed')
  })

  it('refuses without the privacy notice confirmed, and refuses a guardian already in a family', async () => {
    const ctx = h.ctx()
    const mum = await registerFamily(ctx, 'n-mum')
    const { code } = await createJoinCode(ctx, mum.identity.id)
    const dad = await father('n-dad')
    expect(await codeOf(joinFamily(ctx, dad.id, join(code, { consent: { accepted: false, version: CONSENT_VERSION } }), 'zh-CN'))).toBe('validation_failed')
    expect(await codeOf(joinFamily(ctx, dad.id, join(code, { consent: { accepted: true, version: 'old' } }), 'zh-CN'))).toBe('validation_failed')
    const other = await registerFamily(ctx, 'n-other')
    const e = await joinFamily(ctx, other.identity.id, join(code), 'en').catch((x) => x)
    expect(e).toMatchObject({ code: 'conflict', message: 'You are already in a family, so you cannot join another one.' })
    // The code still works for the father afterwards.
    expect((await joinFamily(ctx, dad.id, join(code), 'zh-CN')).id).toBe(mum.family.id)
  })

  it('lets a code expire after 24 hours, and a new code replace the old one', async () => {
    const ctx = h.ctx()
    const mum = await registerFamily(ctx, 'e-mum')
    const first = await createJoinCode(ctx, mum.identity.id)
    const second = await createJoinCode(ctx, mum.identity.id)
    const dad = await father('e-dad')
    if (first.code !== second.code) expect(await codeOf(joinFamily(ctx, dad.id, join(first.code), 'zh-CN'))).toBe('validation_failed')
    h.clock().advance(JOIN_CODE_HOURS * 3600_000 + 1000)
    const e = await joinFamily(ctx, dad.id, join(second.code), 'zh-CN').catch((x) => x)
    expect(e).toMatchObject({ code: 'validation_failed', fields: [{ path: 'code', message: '这个加入码不对，或者已经过期、已经用过了。请让已经登记的家人重新获取一个加入码。' }] })
    const third = await createJoinCode(ctx, mum.identity.id)
    expect((await joinFamily(ctx, dad.id, join(third.code), 'zh-CN')).id).toBe(mum.family.id)
  })

  it('limits wrong tries: after too many an identity must wait an hour, even with the right code', async () => {
    const ctx = h.ctx()
    const mum = await registerFamily(ctx, 'r-mum')
    const { code } = await createJoinCode(ctx, mum.identity.id)
    const guesser = await father('r-guesser')
    const wrong = code === '000000' ? '000001' : '000000'
    // Parallel guesses all count.
    const tries = await Promise.all(Array.from({ length: MAX_FAILED_PER_IDENTITY }, () => codeOf(joinFamily(ctx, guesser.id, join(wrong), 'zh-CN'))))
    expect(tries.every((c) => c === 'validation_failed')).toBe(true)
    expect(await codeOf(joinFamily(ctx, guesser.id, join(code), 'zh-CN'))).toBe('rate_limited')
    expect(await familyIdOf(ctx, guesser.id)).toBeNull()
    h.clock().advance(3600_000 + 1000)
    const fresh = await createJoinCode(ctx, mum.identity.id)
    expect((await joinFamily(ctx, guesser.id, join(fresh.code), 'zh-CN')).id).toBe(mum.family.id)
  })

  it('lets only one of two identities racing with one code in', async () => {
    const ctx = h.ctx()
    const mum = await registerFamily(ctx, 'c-mum')
    const { code } = await createJoinCode(ctx, mum.identity.id)
    const [a, b] = [await father('c-a'), await father('c-b')]
    const results = await Promise.all([codeOf(joinFamily(ctx, a.id, join(code), 'zh-CN')), codeOf(joinFamily(ctx, b.id, join(code), 'zh-CN'))])
    expect(results.sort()).toEqual(['ok', 'validation_failed'])
    expect((await readFamily(ctx, mum.family.id, 'zh-CN')).guardians).toHaveLength(2)
  })

  it('exports every guardian, warns that erasure is for the whole family, and erases it for all', async () => {
    const ctx = h.ctx()
    const mum = await registerFamily(ctx, 'x-mum')
    const { code } = await createJoinCode(ctx, mum.identity.id)
    const dad = await father('x-dad')
    const family = await joinFamily(ctx, dad.id, join(code), 'zh-CN')
    await createJoinCode(ctx, dad.id)

    const exported = (await exportFamily(ctx, family.id, 'zh-CN')) as { family: { guardians: unknown[] }; identities: Array<{ id: number; channel: string }> }
    expect(exported.family.guardians).toHaveLength(2)
    expect(exported.identities.map((i) => i.channel).sort()).toEqual(['bot', 'miniprogram'])

    expect(erasureWarning(family, dad.id, 'zh-CN')).toBe('注意：删除会把整个家庭的信息都删掉，另外1位家人也会看不到。这一步不能撤回。')
    const alone = await registerFamily(ctx, 'x-alone')
    expect(erasureWarning(alone.family, alone.identity.id, 'en')).toBe("Note: erasing removes the whole family's data. This cannot be undone.")

    await eraseFamily(ctx, (await familyIdOf(ctx, dad.id))!)
    expect(await familyIdOf(ctx, mum.identity.id)).toBeNull()
    expect(await familyIdOf(ctx, dad.id)).toBeNull()
    expect(await ctx.db.repo(Guardian).countBy({ familyId: family.id })).toBe(0)
    expect(await ctx.db.repo(FamilyJoinCode).countBy({ familyId: family.id })).toBe(0)
  })

  describe('through the API', () => {
    let api: Api
    beforeAll(async () => {
      api = await startApi(h.ctx())
    })
    afterAll(async () => {
      await api?.close()
    })
    const signIn = async (who: string) => (await api.call('POST', '/api/v1/auth/wx-login', { body: { code: `dev:${who}` } })).body.token as string

    it('gives a registered guardian a code, lets another sign-in join with it, and tells both that erasure is for all', async () => {
      const mum = await signIn('api-g-mum')
      expect((await api.call('POST', '/api/v1/me/family/join-code', { token: mum })).status).toBe(404)
      const put = await api.call('PUT', '/api/v1/me', {
        token: mum,
        body: { name: '张丽', relation: 'mother', jurisdiction: 'jincheng', hukou: { province: '河南省', city: '新乡市', county: '辉县' }, movedInOn: '2025-01-10', residencePermit: true, consent: { accepted: true, version: CONSENT_VERSION } },
      })
      expect(put.status).toBe(200)
      const c = await api.call('POST', '/api/v1/me/family/join-code', { token: mum })
      expect(c.status).toBe(201)
      expect(c.body).toEqual({ code: expect.stringMatching(/^\d{6}$/), expiresAt: expect.any(String) })

      const dad = await signIn('api-g-dad')
      const body = { code: c.body.code, name: '张强', relation: 'father', consent: { accepted: true, version: CONSENT_VERSION } }
      const noNotice = await api.call('POST', '/api/v1/me/family/join', { token: dad, body: { ...body, consent: { accepted: false, version: CONSENT_VERSION } } })
      expect(noNotice.status).toBe(400)
      const joined = await api.call('POST', '/api/v1/me/family/join', { token: dad, body })
      expect(joined.status).toBe(200)
      expect(joined.body.family.id).toBe(put.body.family.id)
      expect(joined.body.family.guardians.map((g: { name: string }) => g.name)).toEqual(['张丽', '张强'])
      expect(joined.body.erasureNotice).toContain('另外1位家人')
      const again = await api.call('POST', '/api/v1/me/family/join', { token: dad, body })
      expect(again.status).toBe(409)

      const me = await api.call('GET', '/api/v1/me', { token: mum })
      expect(me.body.family.guardians).toHaveLength(2)
      expect(me.body.erasureNotice).toContain('另外1位家人')

      const stranger = await signIn('api-g-stranger')
      let last = 0
      for (let i = 0; i <= MAX_FAILED_PER_IDENTITY; i++) last = (await api.call('POST', '/api/v1/me/family/join', { token: stranger, body: { ...body, code: '999999' } })).status
      expect(last).toBe(429)

      const doc = await api.call('GET', '/api/v1/openapi.json')
      expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/me/family/join-code', '/api/v1/me/family/join', '/api/v1/places']))
    })
  })
})
