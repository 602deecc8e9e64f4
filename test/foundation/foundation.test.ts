import { describe, it, expect } from 'vitest'
import { describeEachDb } from '../support/context'
import { loadConfig, ConfigError } from '../../src/config/env'
import { findOrCreateIdentity, openSession, identityForToken } from '../../src/domain/identity/identity.service'
import { enqueue, claimDue, markSent, markFailed } from '../../src/domain/outbox/outbox.service'
import { claimRun } from '../../src/domain/jobs/run-once'
import { t } from '../../src/shared/i18n'

describe('settings', () => {
  it('uses the embedded database and port 3000 when nothing is set', () => {
    const c = loadConfig({})
    expect(c.PORT).toBe(3000)
    expect(c.db).toEqual({ kind: 'sqlite', file: './data/app.sqlite' })
    expect(c.TZ_DISPLAY).toBe('Asia/Shanghai')
  })
  it('keeps the embedded database in DATA_DIR when only DATA_DIR is set (beside the key it needs)', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/ldet-x/' }).db).toEqual({ kind: 'sqlite', file: '/tmp/ldet-x/app.sqlite' })
    expect(loadConfig({ DATA_DIR: '/tmp/ldet-x', DATABASE_URL: 'sqlite:/elsewhere/a.sqlite' }).db).toEqual({ kind: 'sqlite', file: '/elsewhere/a.sqlite' })
  })
  it('names the bad setting', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError)
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL/)
  })
  it('reads MySQL urls', () => {
    expect(loadConfig({ DATABASE_URL: 'mysql://u:p@127.0.0.1:3306/db' }).db).toEqual({ kind: 'mysql', url: 'mysql://u:p@127.0.0.1:3306/db' })
  })
})

describe('i18n', () => {
  it('speaks zh-CN by default and en on request', () => {
    expect(t(undefined, 'errors.not_found')).toBe('没有找到。')
    expect(t('en-US', 'errors.not_found')).toBe('Not found.')
  })
})

describeEachDb('foundation', (h) => {
  it('creates one identity per channel user, also when two first contacts race', async () => {
    const ctx = h.ctx()
    const [a, b] = await Promise.all([findOrCreateIdentity(ctx, 'bot', 'wxid_1'), findOrCreateIdentity(ctx, 'bot', 'wxid_1')])
    expect(a.id).toBe(b.id)
    const other = await findOrCreateIdentity(ctx, 'miniprogram', 'wxid_1')
    expect(other.id).not.toBe(a.id)
  })

  it('opens sessions that expire', async () => {
    const ctx = h.ctx()
    const id = await findOrCreateIdentity(ctx, 'miniprogram', 'openid-1')
    const s = await openSession(ctx, id.id)
    expect((await identityForToken(ctx, s.token)).id).toBe(id.id)
    h.clock().advance(ctx.config.SESSION_TTL_MINUTES * 60_000 + 1)
    await expect(identityForToken(ctx, s.token)).rejects.toMatchObject({ code: 'unauthenticated' })
  })

  it('queues a deduplicated message once and delivers it to one of two competing dispatchers', async () => {
    const ctx = h.ctx()
    const first = await enqueue(ctx, { channel: 'bot', recipient: '1', kind: 'reminder', dedupeKey: 'reminder:1:24h', messageKey: 'x' })
    const again = await enqueue(ctx, { channel: 'bot', recipient: '1', kind: 'reminder', dedupeKey: 'reminder:1:24h', messageKey: 'x' })
    expect(first).toBeTypeOf('number')
    expect(again).toBeNull()
    const [a, b] = await Promise.all([claimDue(ctx, 'bot'), claimDue(ctx, 'bot')])
    expect(a.length + b.length).toBe(1)
    const msg = (a[0] ?? b[0])!
    await markFailed(ctx, msg.id, 'timeout')
    expect(await claimDue(ctx, 'bot')).toHaveLength(0)
    h.clock().advance(10 * 60_000)
    const retry = await claimDue(ctx, 'bot')
    expect(retry.map((m) => m.id)).toEqual([msg.id])
    await markSent(ctx, msg.id)
    h.clock().advance(60 * 60_000)
    expect(await claimDue(ctx, 'bot')).toHaveLength(0)
  })

  it('claims a job run once across instances', async () => {
    const ctx = h.ctx()
    const results = await Promise.all([claimRun(ctx, 'digest:2026-03-02'), claimRun({ ...ctx, instanceId: 'other' }, 'digest:2026-03-02')])
    expect(results.filter(Boolean)).toHaveLength(1)
  })
})
