import 'reflect-metadata'
import { describe, it, expect } from 'vitest'
import { readFileSync, existsSync } from 'node:fs'
import { createConnection } from 'mysql2/promise'
import { describeEachDb } from '../support/context'
import { findOrCreateIdentity, getIdentity } from '../../src/domain/identity/identity.service'
import {
  addChild,
  eraseFamily,
  exportFamily,
  readFamily,
  registryStats,
  removeChild,
  saveProfile,
  updateChild,
  withdrawConsent,
  confirmFamily,
  findChildrenByIdNumber,
} from '../../src/domain/registry/registry.service'
import { ChildSchema, ChildPatchSchema, CONSENT_VERSION, ProfileSchema, validateField } from '../../src/domain/registry/registry.schemas'
import { getKeyCase, listKeyCases, recordKeyCaseFollowUp, updateKeyCaseDue } from '../../src/domain/registry/key-cases'
import { familyDataErasers, familyDataExporters } from '../../src/domain/registry/family-data'
import { isValidIdNumber, maskIdNumber } from '../../src/domain/registry/id-number'
import { getJurisdiction } from '../../src/content'
import { enqueue } from '../../src/domain/outbox/outbox.service'
import { addDays, localDate } from '../../src/shared/dates'
import { idFor, profile, registerFamily } from './helpers'
import type { DomainContext } from '../../src/domain/context'

const child = (o: Record<string, unknown> = {}) => ChildSchema.parse({ name: '小明', sex: 'male', birthDate: '2019-05-01', schoolStage: 'kindergarten', situations: [], ...o })

async function rawRows(ctx: DomainContext, table: string): Promise<Array<Record<string, unknown>>> {
  return ctx.db.ds.query(`SELECT * FROM ${table}`)
}

describe('field validation shared with the bot', () => {
  it('returns the value or a message a parent understands', () => {
    expect(validateField('birthDate', '2019年5月1日', 'zh-CN')).toEqual({ ok: true, value: '2019-05-01' })
    // when the family moved here may be remembered only roughly: a year and month is the first of that month
    expect(validateField('movedInOn', '2023年3月', 'zh-CN')).toEqual({ ok: true, value: '2023-03-01' })
    expect(validateField('movedInOn', '2023-3', 'zh-CN')).toEqual({ ok: true, value: '2023-03-01' })
    expect(validateField('movedInOn', '2023年13月', 'zh-CN')).toMatchObject({ ok: false })
    expect(validateField('birthDate', '2019年5月', 'zh-CN')).toMatchObject({ ok: false }) // a birth date needs the day
    expect(validateField('birthDate', '2019-02-30', 'zh-CN')).toEqual({ ok: false, message: '日期好像不对，请按 2019-05-01 这样写。' })
    expect(validateField('birthDate', '2030-01-01', 'en', { today: '2026-03-02' })).toEqual({ ok: false, message: 'That date has not come yet. Please give a date in the past.' })
    expect(validateField('phone', '138 0013 8000', 'zh-CN')).toEqual({ ok: true, value: '13800138000' })
    expect(validateField('phone', '12800138000', 'en')).toMatchObject({ ok: false, message: expect.stringContaining('11-digit') })
    expect(validateField('relation', '妈妈', 'zh-CN')).toEqual({ ok: true, value: 'mother' })
    expect(validateField('relation', 'aunt', 'en')).toMatchObject({ ok: false, message: expect.stringContaining('mother, father') })
    expect(validateField('sex', '女', 'zh-CN')).toEqual({ ok: true, value: 'female' })
    expect(validateField('situations', '残疾、低保家庭', 'zh-CN')).toEqual({ ok: true, value: ['disability', 'dibao_family'] })
    expect(validateField('residencePermit', '有', 'zh-CN')).toEqual({ ok: true, value: true })
    expect(validateField('jurisdiction', 'atlantis', 'zh-CN')).toEqual({ ok: false, message: '暂时不支持这个地区，请从列表中选择。' })
    expect(validateField('jurisdiction', 'jincheng', 'zh-CN')).toEqual({ ok: true, value: 'jincheng' })
    expect(validateField('name', '', 'en')).toEqual({ ok: false, message: 'This is required.' })
  })
  it('checks identity numbers with the GB 11643 check digit', () => {
    const good = idFor('2019-05-01')
    expect(isValidIdNumber(good)).toBe(true)
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0')
    expect(isValidIdNumber(wrongCheck)).toBe(false)
    expect(isValidIdNumber('11010520190231123X')).toBe(false) // 31 February
    expect(validateField('idNumber', wrongCheck, 'zh-CN')).toEqual({ ok: false, message: '身份证号好像不对，请核对 18 位号码（最后一位可能是 X）。' })
    expect(validateField('idNumber', good.toLowerCase(), 'zh-CN')).toEqual({ ok: true, value: good })
    expect(maskIdNumber('110105201905011234')).toBe('110***********1234')
  })
  it('accepts the cities and counties families live in, and provinces (with the city in words), not the national list', () => {
    for (const id of ['jincheng', 'changzhi', 'baotou', 'shitai']) expect(validateField('jurisdiction', id, 'zh-CN')).toEqual({ ok: true, value: id })
    for (const id of ['shanxi', 'anhui', 'shanxi.taiyuan']) expect(validateField('jurisdiction', id, 'zh-CN')).toEqual({ ok: true, value: id })
    for (const id of ['national', 'national.hefei', 'atlantis.city', 'shanxi.taiyuan.xiaodian']) expect(validateField('jurisdiction', id, 'zh-CN').ok).toBe(false)
  })
  it('refuses an unknown jurisdiction in the profile', () => {
    const r = ProfileSchema.safeParse({ ...profile(), jurisdiction: 'nowhere' })
    expect(r.success).toBe(false)
    expect(r.error!.issues[0]!.path).toEqual(['jurisdiction'])
  })
})

describeEachDb('registry', (h) => {
  it('registers a family: guardian linked to the identity, consent with version and time, data confirmed', async () => {
    const ctx = h.ctx()
    const { identity, family } = await registerFamily(ctx, 'reg-1')
    expect(family).toMatchObject({ jurisdiction: 'jincheng', district: '泽州县', hukou: { province: '河南省', city: '新乡市', county: '辉县' }, movedInOn: '2025-01-10', residencePermit: true })
    expect(family.consent).toEqual({ version: CONSENT_VERSION, at: ctx.clock.now().toISOString() })
    expect(family.lastConfirmedAt).toBe(ctx.clock.now().toISOString())
    expect(family.refreshDueOn).toBe('2026-09-02')
    expect(family.guardians).toEqual([expect.objectContaining({ name: '王芳', relation: 'mother', phone: '13800138000', identityId: identity.id })])
    const linked = await getIdentity(ctx, identity.id)
    expect(linked.familyId).toBe(family.id)
    expect(linked.guardianId).toBe(family.guardians[0]!.id)
    // Saving again corrects the same family, it does not create a second one.
    h.clock().advance(86_400_000)
    const again = await saveProfile(ctx, identity.id, profile({ community: '新社区', phone: '' }), 'zh-CN')
    expect(again.id).toBe(family.id)
    expect(again.community).toBe('新社区')
    expect(again.guardians[0]!.phone).toBeNull()
    expect(again.lastConfirmedAt).toBe(ctx.clock.now().toISOString())
    await confirmFamily(ctx, family.id)
  })

  it('creates one family when two first saves of the same guardian race', async () => {
    const ctx = h.ctx()
    const identity = await findOrCreateIdentity(ctx, 'bot', 'wxid_race')
    const [a, b] = await Promise.all([saveProfile(ctx, identity.id, profile(), 'zh-CN'), saveProfile(ctx, identity.id, profile(), 'zh-CN')])
    expect(a.id).toBe(b.id)
  })

  it('stores nothing about a child without consent, and erases every child when consent is withdrawn', async () => {
    const ctx = h.ctx()
    const { identity, family } = await registerFamily(ctx, 'consent-1', { consent: { accepted: false, version: CONSENT_VERSION } })
    expect(family.consent).toBeNull()
    await expect(addChild(ctx, family.id, child({ idNumber: idFor('2019-05-01') }), 'zh-CN')).rejects.toMatchObject({ code: 'consent_required' })
    expect((await rawRows(ctx, 'child')).filter((r) => Number(r.family_id) === family.id)).toHaveLength(0)

    await saveProfile(ctx, identity.id, profile(), 'zh-CN')
    const kid = await addChild(ctx, family.id, child({ situations: ['disability'] }), 'zh-CN')
    expect(kid.keyCase).not.toBeNull()
    const before = await registryStats(ctx, 'jincheng')

    await saveProfile(ctx, identity.id, profile({ consent: { accepted: false, version: CONSENT_VERSION } }), 'zh-CN')
    const after = await readFamily(ctx, family.id, 'zh-CN')
    expect(after.children).toEqual([])
    expect(after.consent).toBeNull()
    expect((await rawRows(ctx, 'child')).filter((r) => Number(r.family_id) === family.id)).toHaveLength(0)
    expect((await rawRows(ctx, 'key_case')).filter((r) => Number(r.family_id) === family.id)).toHaveLength(0)
    const stats = await registryStats(ctx, 'jincheng')
    expect(stats.consentsWithdrawn).toBe(before.consentsWithdrawn + 1)
    expect(stats.childrenErased).toBe(before.childrenErased + 1)
    await expect(addChild(ctx, family.id, child(), 'zh-CN')).rejects.toMatchObject({ code: 'consent_required' })
  })

  it('keeps no child when a withdrawal and additions race', async () => {
    const ctx = h.ctx()
    const { family } = await registerFamily(ctx, 'race-withdraw')
    const results = await Promise.allSettled([
      addChild(ctx, family.id, child({ name: '甲' }), 'zh-CN'),
      withdrawConsent(ctx, family.id),
      addChild(ctx, family.id, child({ name: '乙' }), 'zh-CN'),
      addChild(ctx, family.id, child({ name: '丙' }), 'zh-CN'),
    ])
    if (results[1]!.status === 'rejected') throw results[1]!.reason
    expect(results[1]!.status).toBe('fulfilled')
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'consent_required' })
    const f = await readFamily(ctx, family.id, 'zh-CN')
    expect(f.consent).toBeNull()
    expect(f.children).toEqual([])
    expect((await rawRows(ctx, 'child')).filter((r) => Number(r.family_id) === family.id)).toHaveLength(0)
  })

  it('refuses a consent to an old notice version', async () => {
    const ctx = h.ctx()
    const identity = await findOrCreateIdentity(ctx, 'bot', 'wxid_old_notice')
    await expect(saveProfile(ctx, identity.id, profile({ consent: { accepted: true, version: '2020-01' } }), 'en')).rejects.toMatchObject({
      code: 'validation_failed',
      fields: [{ path: 'consent.version', message: expect.stringContaining('changed') }],
    })
  })

  it('encrypts identity numbers at rest and shows them masked', async () => {
    const ctx = h.ctx()
    const { family } = await registerFamily(ctx, 'crypto-1')
    const id = idFor('2018-03-07', '140502', '481')
    const kid = await addChild(ctx, family.id, child({ name: '小红', sex: 'female', birthDate: '2018-03-07', idNumber: id }), 'zh-CN')
    expect(kid.idNumber).toBe(`140***********${id.slice(-4)}`)
    expect(JSON.stringify(await readFamily(ctx, family.id, 'zh-CN'))).not.toContain(id)
    expect(JSON.stringify(await exportFamily(ctx, family.id, 'zh-CN'))).not.toContain(id)

    const row = (await rawRows(ctx, 'child')).find((r) => Number(r.id) === kid.id)!
    expect(JSON.stringify(row)).not.toContain(id)
    expect(JSON.stringify(row)).not.toContain(id.slice(0, 14))
    expect(String(row.id_number_enc)).toMatch(/^v1:/)
    if (h.kind === 'sqlite') {
      const cfg = ctx.config.db as { file: string }
      // The database file and its write-ahead log, as bytes on disk.
      const bytes = Buffer.concat([cfg.file, `${cfg.file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)))
      expect(bytes.includes(Buffer.from('小红'))).toBe(true) // the row is there in clear: the checks below can fail
      expect(bytes.includes(Buffer.from(id))).toBe(false)
      expect(bytes.includes(Buffer.from(id.slice(0, 14)))).toBe(false)
    } else {
      const url = new URL((ctx.config.db as { url: string }).url)
      const conn = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password), database: url.pathname.slice(1) })
      const [rows] = await conn.query('SELECT * FROM child WHERE id = ?', [kid.id])
      await conn.end()
      expect(JSON.stringify(rows)).toContain('小红')
      expect(JSON.stringify(rows)).not.toContain(id)
    }
    // The keyed hash finds the child; the same number twice in one family is refused.
    expect(await findChildrenByIdNumber(ctx, id)).toEqual([{ familyId: family.id, childId: kid.id }])
    await expect(addChild(ctx, family.id, child({ name: '小红', sex: 'female', birthDate: '2018-03-07', idNumber: id }), 'zh-CN')).rejects.toMatchObject({ code: 'conflict', fields: [{ path: 'idNumber' }] })
    // A correction replaces it; null removes it.
    const other = idFor('2018-03-07', '140502', '482')
    expect((await updateChild(ctx, family.id, kid.id, ChildPatchSchema.parse({ idNumber: other }), 'zh-CN')).idNumber).toBe(`140***********${other.slice(-4)}`)
    expect((await updateChild(ctx, family.id, kid.id, ChildPatchSchema.parse({ idNumber: null }), 'zh-CN')).idNumber).toBeNull()
  })

  it('refuses an identity number whose birth date differs, a birth date in the future, and adults', async () => {
    const ctx = h.ctx()
    const { family } = await registerFamily(ctx, 'checks-1')
    await expect(addChild(ctx, family.id, child({ idNumber: idFor('2018-01-01') }), 'zh-CN')).rejects.toMatchObject({ code: 'validation_failed', fields: [{ path: 'idNumber' }] })
    await expect(addChild(ctx, family.id, child({ birthDate: '2027-01-01' }), 'zh-CN')).rejects.toMatchObject({ fields: [{ path: 'birthDate', message: '这个日期还没到，请写已经过去的日期。' }] })
    await expect(addChild(ctx, family.id, child({ birthDate: '2000-01-01' }), 'zh-CN')).rejects.toMatchObject({ fields: [{ path: 'birthDate' }] })
  })

  it('explains each child’s eligibility', async () => {
    const ctx = h.ctx()
    h.clock().set('2026-03-02T01:00:00Z')
    const { family } = await registerFamily(ctx, 'elig-1', { movedInOn: '2026-01-02' })
    const kid = await addChild(ctx, family.id, child(), 'zh-CN')
    expect(kid.eligibility).toMatchObject({ eligible: false, code: 'not_yet_six_months', reason: '还差4个月满6个月，2026-07-02起符合条件。' })
    const f = await readFamily(ctx, family.id, 'en')
    expect(f.children[0]!.eligibility.reason).toBe('4 more months until 6 months here. Counts from 2026-07-02.')
  })

  it('makes a child with a situation a key case of the family’s community, with the jurisdiction’s cadence', async () => {
    const ctx = h.ctx()
    const { identity, family } = await registerFamily(ctx, 'key-1')
    const today = localDate(ctx.clock.now())
    const cadence = getJurisdiction('jincheng').keyCaseCadence
    expect(cadence.contactEveryDays).toBeGreaterThan(0)
    const kid = await addChild(ctx, family.id, child({ situations: ['dibao_family', 'disability'], disabilityCertified: true }), 'zh-CN')
    expect(kid.disabilityCertified).toBe(true)
    const kc = await getKeyCase(ctx, kid.keyCase!.id)
    expect(kc).toMatchObject({
      childId: kid.id,
      familyId: family.id,
      jurisdictionId: 'jincheng',
      community: '金村社区',
      reasons: ['dibao_family', 'disability'],
      contactEveryDays: cadence.contactEveryDays ?? null,
      visitEveryDays: cadence.visitEveryDays ?? null,
      nextContactDue: addDays(today, cadence.contactEveryDays!),
      nextVisitDue: cadence.visitEveryDays ? addDays(today, cadence.visitEveryDays) : null,
      riskLevel: 'green',
      status: 'open',
    })
    expect((await listKeyCases(ctx, { jurisdictionId: 'jincheng', community: '金村社区' })).map((k) => k.id)).toContain(kc.id)

    // Moving to Changzhi moves the case, with Changzhi's own cadence.
    await saveProfile(ctx, identity.id, profile({ jurisdiction: 'changzhi', district: '潞州区', community: '英雄南路社区' }), 'zh-CN')
    const moved = await getKeyCase(ctx, kc.id)
    const cz = getJurisdiction('changzhi').keyCaseCadence
    expect(moved).toMatchObject({ jurisdictionId: 'changzhi', community: '英雄南路社区', contactEveryDays: cz.contactEveryDays ?? null, visitEveryDays: cz.visitEveryDays ?? null })

    // Staff record a visit: the next dates move one cadence on.
    const visited = await recordKeyCaseFollowUp(ctx, kc.id, 'visit', '2026-03-10')
    expect(visited.nextContactDue).toBe(cz.contactEveryDays ? addDays('2026-03-10', cz.contactEveryDays) : moved.nextContactDue)
    expect((await updateKeyCaseDue(ctx, kc.id, { riskLevel: 'orange' })).riskLevel).toBe('orange')

    // No situation left: the case closes.
    const plain = await updateChild(ctx, family.id, kid.id, ChildPatchSchema.parse({ situations: [] }), 'zh-CN')
    expect(plain.keyCase).toBeNull()
    expect((await getKeyCase(ctx, kc.id)).status).toBe('closed')
  })

  it('never lets one family read or change another family’s child', async () => {
    const ctx = h.ctx()
    const a = await registerFamily(ctx, 'own-a')
    const b = await registerFamily(ctx, 'own-b')
    const kid = await addChild(ctx, a.family.id, child(), 'zh-CN')
    await expect(updateChild(ctx, b.family.id, kid.id, ChildPatchSchema.parse({ name: 'x' }), 'zh-CN')).rejects.toMatchObject({ code: 'not_found' })
    await expect(removeChild(ctx, b.family.id, kid.id)).rejects.toMatchObject({ code: 'not_found' })
    expect((await readFamily(ctx, a.family.id, 'zh-CN')).children[0]!.name).toBe('小明')
  })

  it('exports everything held, also other modules’ data, and erases it all keeping only counts', async () => {
    const ctx = h.ctx()
    const { identity, family } = await registerFamily(ctx, 'erase-1', { name: '李娟' })
    const kid = await addChild(ctx, family.id, child({ name: '李小龙', situations: ['housing_difficulty'], idNumber: idFor('2019-05-01') }), 'zh-CN')
    await addChild(ctx, family.id, child({ name: '李小凤', sex: 'female', birthDate: '2021-08-08' }), 'zh-CN')
    const held = new Map<number, string>([[family.id, 'a need in the family’s words']])
    const exporter = async (_c: DomainContext, id: number) => ({ needs: held.has(id) ? [held.get(id)] : [] })
    const eraser = async (_c: DomainContext, id: number) => void held.delete(id)
    await enqueue(ctx, { channel: 'bot', recipient: String(identity.id), familyId: family.id, kind: 'staff_reply', plainText: '李娟您好，孩子的入学材料请带户口本。' })
    familyDataExporters.push(exporter)
    familyDataErasers.push(eraser)
    try {
      const exported = (await exportFamily(ctx, family.id, 'zh-CN')) as { family: { children: Array<{ name: string }>; guardians: Array<{ name: string }> }; keyCases: Array<{ childId: number }>; needs: string[] }
      expect(exported.family.children.map((c) => c.name)).toEqual(['李小龙', '李小凤'])
      expect(exported.family.guardians[0]!.name).toBe('李娟')
      expect(exported.keyCases.map((k) => k.childId)).toEqual([kid.id])
      expect(exported.needs).toEqual(['a need in the family’s words'])
      expect((exported as unknown as { messagesToFamily: Array<{ text: string }> }).messagesToFamily.map((m) => m.text)).toEqual(['李娟您好，孩子的入学材料请带户口本。'])

      const before = await registryStats(ctx, 'jincheng')
      await eraseFamily(ctx, family.id)
      expect(held.has(family.id)).toBe(false)
      for (const table of ['family', 'guardian', 'child', 'key_case', 'outbound_message']) {
        const dump = JSON.stringify(await rawRows(ctx, table))
        for (const word of ['李娟', '李小龙', '李小凤']) expect(dump).not.toContain(word)
      }
      if (h.kind === 'sqlite') {
        // Not even in the database file's bytes (secure_delete, write-ahead log emptied).
        const cfg = ctx.config.db as { file: string }
        const bytes = Buffer.concat([cfg.file, `${cfg.file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)))
        for (const word of ['李娟', '李小龙', '李小凤']) expect(bytes.includes(Buffer.from(word))).toBe(false)
      }
      expect((await getIdentity(ctx, identity.id)).familyId).toBeNull()
      await expect(readFamily(ctx, family.id, 'zh-CN')).rejects.toMatchObject({ code: 'not_found' })
      const stats = await registryStats(ctx, 'jincheng')
      expect(stats.familiesErased).toBe(before.familiesErased + 1)
      expect(stats.childrenErased).toBe(before.childrenErased + 2)
      expect(stats.keyCasesErased).toBe(before.keyCasesErased + 1)
      expect(JSON.stringify(await rawRows(ctx, 'registry_stats'))).not.toContain('李')
    } finally {
      familyDataExporters.splice(familyDataExporters.indexOf(exporter), 1)
      familyDataErasers.splice(familyDataErasers.indexOf(eraser), 1)
    }
  })

  it('withdrawing consent directly erases the children too', async () => {
    const ctx = h.ctx()
    const { family } = await registerFamily(ctx, 'withdraw-2')
    await addChild(ctx, family.id, child(), 'zh-CN')
    await withdrawConsent(ctx, family.id)
    expect((await readFamily(ctx, family.id, 'zh-CN')).children).toEqual([])
  })
})
