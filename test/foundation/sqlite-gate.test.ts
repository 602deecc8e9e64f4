import { it, expect } from 'vitest'
import { describeEachDb } from '../support/context'
import { Identity } from '../../src/db/entities'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const identity = (externalId: string) => ({ channel: 'bot', externalId, language: 'zh-CN', familyId: null, guardianId: null, remindersPaused: false, createdAt: new Date(), lastSeenAt: new Date() })

describeEachDb('transactions and concurrent writes', (h) => {
  it("a rolled-back transaction never takes another caller's write with it", async () => {
    const db = h.ctx().db
    const failing = db.transaction(async (m) => {
      await m.insert(Identity, identity('a-rolled-back'))
      await sleep(50)
      throw new Error('refused')
    })
    await sleep(5)
    // A plain write by someone else while the transaction is open.
    await db.repo(Identity).save(db.repo(Identity).create(identity('b-independent')))
    await expect(failing).rejects.toThrow('refused')
    expect(await db.repo(Identity).countBy({ externalId: 'b-independent' })).toBe(1)
    expect(await db.repo(Identity).countBy({ externalId: 'a-rolled-back' })).toBe(0)
  })

  it('concurrent transactions all commit, and code inside a transaction may still use a repository', async () => {
    const db = h.ctx().db
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        db.transaction(async (m) => {
          await m.insert(Identity, identity(`tx-${i}`))
          await sleep(2)
          await db.repo(Identity).findOneBy({ externalId: `tx-${i}` })
        }),
      ),
    )
    const n = await db.repo(Identity).createQueryBuilder('i').where("i.external_id LIKE 'tx-%'").getCount()
    expect(n).toBe(10)
  })
})
