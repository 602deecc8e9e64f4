import { it, expect } from 'vitest'
import { describeEachDb } from '../support/context'
import { useHarness } from './harness'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { saveProfile } from '../../src/domain/registry/registry.service'
import { CONSENT_VERSION } from '../../src/domain/registry/registry.schemas'

describeEachDb('bot: 重填 typed at the menu', (h) => {
  const chat = useHarness(h)

  it('not registered: starts registration over from the first question, the half-way answers dropped', async () => {
    const p = chat.parent('wx-redo-menu')
    await p.send('你好')
    await p.send('1') // consent
    await p.send('登记')
    await p.send('王芳')
    expect(await p.send('菜单')).toContain('1 登记家庭和孩子')
    const redo = await p.send('重填')
    expect(redo).toContain('我们从头再来')
    expect(redo).toContain('怎么称呼您')
    expect(redo).not.toContain('没看懂')
    // not the registration left half-way (it was at the relation question after 王芳)
    expect(redo).not.toContain('接着上次的登记填')
    expect(redo).not.toContain('1 妈妈')
    expect(await p.send('李军')).toContain('1 妈妈')
  })

  it('not registered and no consent yet: 重填 starts with the privacy notice', async () => {
    const p = chat.parent('wx-redo-noconsent')
    await p.send('你好')
    await p.send('2') // no consent
    const redo = await p.send('重填')
    expect(redo).toContain('隐私说明')
    expect(redo).not.toContain('没看懂')
  })

  it('a registered family is told what 重填 does and how to change a child\'s details, twice without being handed to staff', async () => {
    const ctx = h.ctx()
    const p = chat.parent('wx-redo-registered')
    await p.send('你好')
    await p.send('1')
    const identity = await findOrCreateIdentity(ctx, 'bot', 'wx-redo-registered')
    await saveProfile(
      ctx,
      identity.id,
      {
        name: '陈静', relation: 'mother', phone: null, jurisdiction: 'jincheng', district: '城区', street: null, community: '西街社区',
        hukou: { province: '河南省', city: '周口市', county: '郸城县' }, movedInOn: '2024-01-01', residencePermit: true,
        consent: { accepted: true, version: CONSENT_VERSION }, language: 'zh-CN',
      } as never,
      'zh-CN',
    )
    await p.send('菜单')
    const first = await p.send('重填')
    expect(first).toContain('您家已经登记好了')
    expect(first).toContain('要改孩子的名字、出生日期或上学情况')
    expect(first).toContain('回复“人工”')
    expect(first).not.toContain('没看懂')
    const second = await p.send('重填')
    expect(second).toContain('您家已经登记好了')
    expect(second).not.toContain('没能帮上忙')
    // still at the menu
    expect(await p.send('1')).toContain('您已经登记过了')
  })
})
