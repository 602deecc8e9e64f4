/**
 * QA round 2, asking for help in chat: several needs in one message each go to their own
 * department (the parent is told which department got which, and is not asked to send it again);
 * an unsure answer offers two or three choices plus "都不是，找工作人员" (never one weak guess alone),
 * and nothing goes to a department until the parent picks.
 */
import { it, expect } from 'vitest'
import { describeEachDb } from '../support/context'
import { useHarness, type Harness, type Parent } from './harness'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { listNeeds } from '../../src/domain/needs/needs.service'
import { saveProfile } from '../../src/domain/registry/registry.service'
import { CONSENT_VERSION } from '../../src/domain/registry/registry.schemas'
import { Ticket } from '../../src/db/entities'
import { serviceLabel } from '../../src/domain/routing/labels'

async function registered(chat: Harness, ctx: Parameters<typeof findOrCreateIdentity>[0], id: string): Promise<{ p: Parent; familyId: number }> {
  const p = chat.parent(id)
  await p.send('你好')
  await p.send('1')
  const identity = await findOrCreateIdentity(ctx, 'bot', id)
  const family = await saveProfile(
    ctx,
    identity.id,
    {
      name: '刘梅', relation: 'mother', phone: null, jurisdiction: 'jincheng', district: '城区', street: null, community: '西街社区',
      hukou: { province: '河南省', city: '周口市', county: '郸城县' }, movedInOn: '2024-01-01', residencePermit: true,
      consent: { accepted: true, version: CONSENT_VERSION }, language: 'zh-CN',
    } as never,
    'zh-CN',
  )
  await p.send('菜单')
  return { p, familyId: family.id }
}

describeEachDb('bot: several needs, each to its department; unsure answers offer real choices', (h) => {
  const chat = useHarness(h)

  it('school and dibao in one message: two referrals, each to its own department, and the parent hears which got which', async () => {
    const { p, familyId } = await registered(chat, h.ctx(), 'wx-two-referrals')
    const answer = await p.send('孩子7岁想上小学，家里困难想办低保')
    const tickets = await h.ctx().db.repo(Ticket).find({ where: { familyId, kind: 'referral' }, order: { id: 'ASC' } })
    expect(tickets.map((t) => [t.service, t.departments])).toEqual([
      ['minimum_living', ['市民政局']],
      ['compulsory_education', ['市教育局']],
    ])
    const [dibao, school] = tickets
    expect(answer).toContain(`我们已经把您的需要转给了市民政局（问题编号 ${dibao!.id}）`)
    expect(answer).toContain(`您还提到：${serviceLabel('zh-CN', 'compulsory_education')}`)
    expect(answer).toContain(`这件事我们也转给了市教育局（问题编号 ${school!.id}）`)
    expect(answer).not.toContain('再发一次')
  })

  it('an unsure answer with one guess offers two or three choices and "none of these"; nothing is referred until the parent picks', async () => {
    const { p, familyId } = await registered(chat, h.ctx(), 'wx-unsure')
    const ask = await p.send('房子太小 没钱')
    expect(ask).toContain('请回复数字')
    const numbered = ask.split('\n').filter((l) => /^\d /.test(l))
    expect(numbered.length).toBeGreaterThanOrEqual(3)
    expect(numbered.length).toBeLessThanOrEqual(4)
    expect(numbered.at(-1)).toMatch(/^\d 都不是，找工作人员$/)
    expect(numbered[0]).toBe(`1 ${serviceLabel('zh-CN', 'housing')}`)
    expect(await h.ctx().db.repo(Ticket).countBy({ familyId })).toBe(0)
    // the parent confirms the first: now (and only now) it goes to the department
    const picked = await p.send('1')
    expect(picked).toContain('我们已经把您的需要转给了')
    const tickets = await h.ctx().db.repo(Ticket).findBy({ familyId })
    expect(tickets.map((t) => t.service)).toEqual(['housing'])
    const id = await findOrCreateIdentity(h.ctx(), 'bot', 'wx-unsure')
    expect((await listNeeds(h.ctx(), id.id))[0]).toMatchObject({ service: 'housing', status: 'referred' })
  })

  it('a weak main guess (two services close) is not referred before the parent picks', async () => {
    const { p, familyId } = await registered(chat, h.ctx(), 'wx-weak-main')
    const ask = await p.send('上学 看病')
    expect(ask).toContain('请回复数字')
    expect(ask.split('\n').filter((l) => /^\d /.test(l)).length).toBeGreaterThanOrEqual(3)
    expect(await h.ctx().db.repo(Ticket).countBy({ familyId })).toBe(0)
    const none = await p.send(String(ask.split('\n').filter((l) => /^\d /.test(l)).length))
    expect(none).toContain('我请工作人员来看')
    expect(await h.ctx().db.repo(Ticket).countBy({ familyId, kind: 'referral' })).toBe(0)
  })
})
