import { it, expect } from 'vitest'
import { describeEachDb } from '../support/context'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { loadConversation, saveConversation, forgetIdleConversations } from '../../src/domain/conversation/conversation.service'
import { saveProfile, eraseFamily, exportFamily } from '../../src/domain/registry/registry.service'
import { CONSENT_VERSION } from '../../src/domain/registry/registry.schemas'
import { DAY } from '../../src/shared/clock'

describeEachDb('conversation state', (h) => {
  it('is saved per identity, forgotten after a month of silence, exported and erased with the family', async () => {
    const ctx = h.ctx()
    const a = await findOrCreateIdentity(ctx, 'bot', 'wx-state-a')
    const b = await findOrCreateIdentity(ctx, 'bot', 'wx-state-b')
    await saveConversation(ctx, a.id, { flow: 'register', step: 'birthDate', data: { child: { childName: '小明' } }, history: [{ step: 'childName', data: {} }], failures: 1 })
    expect(await loadConversation(ctx, a.id)).toEqual({ flow: 'register', step: 'birthDate', data: { child: { childName: '小明' } }, history: [{ step: 'childName', data: {} }], failures: 1 })
    expect((await loadConversation(ctx, b.id)).flow).toBe('new')

    h.clock().advance(31 * DAY)
    await saveConversation(ctx, b.id, { flow: 'menu', step: 'choose', data: {}, history: [], failures: 0 })
    expect(await forgetIdleConversations(ctx, 30)).toBe(1)
    expect((await loadConversation(ctx, a.id)).flow).toBe('new')
    expect((await loadConversation(ctx, b.id)).flow).toBe('menu')

    const family = await saveProfile(
      ctx,
      b.id,
      {
        name: '周华', relation: 'father', phone: null, jurisdiction: 'jincheng', district: '城区', street: null, community: null,
        hukou: { province: '河南省', city: '周口市', county: '郸城县' }, movedInOn: '2024-01-01', residencePermit: false,
        consent: { accepted: true, version: CONSENT_VERSION }, language: 'zh-CN',
      } as never,
      'zh-CN',
    )
    const exported = await exportFamily(ctx, family.id, 'zh-CN')
    expect(exported.chatConversations).toEqual([expect.objectContaining({ flow: 'menu', step: 'choose' })])
    await eraseFamily(ctx, family.id)
    expect((await loadConversation(ctx, b.id)).flow).toBe('new')
  })
})
