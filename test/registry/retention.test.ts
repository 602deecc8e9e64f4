import 'reflect-metadata'
import { it, expect } from 'vitest'
import { describeEachDb } from '../support/context'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { addChild, confirmFamily, saveProfile, readFamily, registryStats, touchFamily } from '../../src/domain/registry/registry.service'
import { ChildSchema } from '../../src/domain/registry/registry.schemas'
import { getKeyCase } from '../../src/domain/registry/key-cases'
import { applyRetention } from '../../src/domain/registry/retention'
import { runRegistryRetention, runRegistryRefreshReminders } from '../../src/jobs/registry-retention'
import { remindToConfirm } from '../../src/domain/registry/refresh'
import { messagesForFamily } from '../../src/domain/outbox/outbox.service'
import { t } from '../../src/shared/i18n'
import { DAY } from '../../src/shared/clock'
import { profile, registerFamily } from './helpers'

const child = (o: Record<string, unknown> = {}) => ChildSchema.parse({ name: '小明', sex: 'male', birthDate: '2019-05-01', schoolStage: 'primary', situations: [], ...o })

describeEachDb('registry retention', (h) => {
  it('archives a child on its 16th birthday (closing its key case), once a day, and erases it after the retention period', async () => {
    const ctx = h.ctx()
    h.clock().set('2026-03-02T01:00:00Z')
    const { family } = await registerFamily(ctx, 'ret-teen')
    const teen = await addChild(ctx, family.id, child({ name: '大哥', birthDate: '2010-03-10', schoolStage: 'junior', situations: ['psych_behaviour'] }), 'zh-CN')
    const young = await addChild(ctx, family.id, child({ name: '小妹', sex: 'female' }), 'zh-CN')
    expect(teen.keyCase?.status).toBe('open')

    h.clock().set('2026-03-09T20:00:00Z') // 2026-03-10 04:00 in Shanghai: the 16th birthday
    await touchFamily(ctx, family.id)
    const run = await runRegistryRetention(ctx)
    expect(run?.childrenArchived).toBeGreaterThanOrEqual(1)
    expect(await runRegistryRetention(ctx)).toBeNull() // already done today, in any process
    const f = await readFamily(ctx, family.id, 'zh-CN')
    expect(f.children.find((c) => c.id === teen.id)).toMatchObject({ archived: true, eligibility: { eligible: false, code: 'too_old' }, keyCase: null })
    expect(f.children.find((c) => c.id === young.id)).toMatchObject({ archived: false })
    expect((await getKeyCase(ctx, teen.keyCase!.id)).status).toBe('closed')

    const before = await registryStats(ctx, 'jincheng')
    h.clock().advance((ctx.config.ERASE_ARCHIVED_AFTER_DAYS + 1) * DAY)
    await touchFamily(ctx, family.id)
    await applyRetention(ctx)
    const later = await readFamily(ctx, family.id, 'zh-CN')
    expect(later.children.map((c) => c.name)).toEqual(['小妹'])
    const stats = await registryStats(ctx, 'jincheng')
    expect(stats.childrenErased).toBe(before.childrenErased + 1)
    expect(stats.keyCasesErased).toBe(before.keyCasesErased + 1)
  })

  it('archives families silent for ARCHIVE_AFTER_SILENT_DAYS, not those that came back, and erases them after ERASE_ARCHIVED_AFTER_DAYS', async () => {
    const ctx = h.ctx()
    const t0 = new Date('2030-01-01T01:00:00Z')
    h.clock().set(t0)
    const silent = await registerFamily(ctx, 'ret-silent')
    await addChild(ctx, silent.family.id, child({ situations: ['dibao_family'] }), 'zh-CN')
    const usesApp = await registerFamily(ctx, 'ret-app')
    const usesBot = await registerFamily(ctx, 'ret-bot')
    const silentDays = ctx.config.ARCHIVE_AFTER_SILENT_DAYS

    h.clock().set(new Date(t0.getTime() + (silentDays - 30) * DAY))
    await touchFamily(ctx, usesApp.family.id)
    await findOrCreateIdentity(ctx, 'miniprogram', 'dev:ret-bot') // a guardian talking to the service again

    h.clock().set(new Date(t0.getTime() + (silentDays + 1) * DAY))
    await applyRetention(ctx)
    const archived = await readFamily(ctx, silent.family.id, 'zh-CN')
    expect(archived.archived).toBe(true)
    expect(archived.children[0]!.keyCase).toBeNull()
    expect((await readFamily(ctx, usesApp.family.id, 'zh-CN')).archived).toBe(false)
    expect((await readFamily(ctx, usesBot.family.id, 'zh-CN')).archived).toBe(false)

    const before = await registryStats(ctx, 'jincheng')
    h.clock().advance((ctx.config.ERASE_ARCHIVED_AFTER_DAYS + 1) * DAY)
    await applyRetention(ctx)
    await expect(readFamily(ctx, silent.family.id, 'zh-CN')).rejects.toMatchObject({ code: 'not_found' })
    const stats = await registryStats(ctx, 'jincheng')
    expect(stats.familiesErased).toBeGreaterThanOrEqual(before.familiesErased + 1)
    expect(stats.familiesArchived).toBeGreaterThanOrEqual(1)
  })
}, { ARCHIVE_AFTER_SILENT_DAYS: '400', ERASE_ARCHIVED_AFTER_DAYS: '60' })

describeEachDb('registry information refresh', (h) => {
  it('reminds a family on the bot once when its data is due for the six-monthly check, and not after it confirms', async () => {
    const ctx = h.ctx()
    h.clock().set('2026-03-02T01:00:00Z')
    const identity = await findOrCreateIdentity(ctx, 'bot', 'wxid_refresh')
    const family = await saveProfile(ctx, identity.id, profile(), 'zh-CN')
    expect(family.refreshDueOn).toBe('2026-09-02')

    h.clock().set('2026-09-01T01:00:00Z')
    expect(await remindToConfirm(ctx)).toBe(0)
    h.clock().set('2026-09-02T01:00:00Z')
    expect(await runRegistryRefreshReminders(ctx)).toBe(1)
    expect(await runRegistryRefreshReminders(ctx)).toBeNull() // once a day across processes
    const msgs = await messagesForFamily(ctx, family.id)
    expect(msgs).toEqual([expect.objectContaining({ channel: 'bot', recipient: String(identity.id), kind: 'reminder', messageKey: 'registry:refreshReminder', params: { dueOn: '2026-09-02' } })])
    expect(t('zh-CN', msgs[0]!.messageKey!, msgs[0]!.params!)).toContain('2026-09-02')

    h.clock().set('2026-09-03T01:00:00Z')
    expect(await remindToConfirm(ctx)).toBe(0) // one reminder per period
    await confirmFamily(ctx, family.id)
    h.clock().set('2026-10-03T01:00:00Z')
    expect(await remindToConfirm(ctx)).toBe(0)
    expect((await readFamily(ctx, family.id, 'zh-CN')).refreshDueOn).toBe('2027-03-03')
  })
})
