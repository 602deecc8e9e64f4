/**
 * Sign-ins that arrive together are read in one statement (src/domain/identity/identity.service.ts).
 * What must hold for the families behind them: each request gets its own identity and nobody else's,
 * a token that does not sign in is refused without failing the others, and a lookup never rides on a
 * statement already sent (it would miss what was committed after that statement left).
 */
import 'reflect-metadata'
import { it, expect } from 'vitest'
import { describeEachDb } from '../support/context'
import { findOrCreateIdentity, identityForToken, openSession } from '../../src/domain/identity/identity.service'
import type { DomainContext } from '../../src/domain/context'

/** The statements the context's database runs, with the tokens each one asked for. */
function countStatements(ctx: DomainContext): { statements: number[]; restore(): void } {
  const db = ctx.db
  const read = db.read.bind(db)
  const statements: number[] = []
  db.read = (sql, params) => {
    if (sql.includes('`auth_session`')) statements.push(new Set(Object.keys(params).filter((k) => /^t\d+$/.test(k)).map((k) => params[k])).size)
    return read(sql, params)
  }
  return { statements, restore: () => void (db.read = read) }
}

const turnEnds = () => new Promise((r) => setImmediate(r))

describeEachDb('sign-ins read together', (h) => {
  const people = async (n: number, label: string) => {
    const out: Array<{ id: number; token: string }> = []
    for (let i = 0; i < n; i++) {
      const identity = await findOrCreateIdentity(h.ctx(), 'miniprogram', `${label}-${i}`)
      out.push({ id: identity.id, token: (await openSession(h.ctx(), identity.id)).token })
    }
    return out
  }

  it('gives each of many requests at once its own identity, in one statement, and refuses only the bad token', async () => {
    const all = await people(40, 'together')
    const count = countStatements(h.ctx())
    try {
      const asked = [...all.map((p) => p.token), 'not-a-session', all[3]!.token]
      const answers = await Promise.allSettled(asked.map((t) => identityForToken(h.ctx(), t)))
      expect(count.statements).toEqual([41]) // 40 families and the bad token
      all.forEach((p, i) => expect(answers[i]).toMatchObject({ status: 'fulfilled', value: { id: p.id } }))
      expect(answers[40]).toMatchObject({ status: 'rejected', reason: { code: 'unauthenticated' } })
      expect(answers[41]).toMatchObject({ status: 'fulfilled', value: { id: all[3]!.id } })
    } finally {
      count.restore()
    }
  })

  it('sends at most 64 in a statement, and a lookup that starts after a statement left waits for the next one', async () => {
    const all = await people(70, 'many')
    const count = countStatements(h.ctx())
    try {
      const first = Promise.all(all.map((p) => identityForToken(h.ctx(), p.token)))
      await turnEnds() // the first statements have left (on MariaDB they are still on their way)
      const late = identityForToken(h.ctx(), all[0]!.token)
      expect((await first).map((i) => i.id)).toEqual(all.map((p) => p.id))
      expect((await late).id).toBe(all[0]!.id)
      expect(count.statements).toEqual([64, 6, 1])
    } finally {
      count.restore()
    }
  })

  it('refuses a session that ended, also when it comes with sessions that did not', async () => {
    const [early] = await people(1, 'ended')
    h.clock().advance(400 * 24 * 3600 * 1000)
    const [fresh] = await people(1, 'fresh')
    const [a, b] = await Promise.allSettled([identityForToken(h.ctx(), early!.token), identityForToken(h.ctx(), fresh!.token)])
    expect(a).toMatchObject({ status: 'rejected', reason: { code: 'unauthenticated' } })
    expect(b).toMatchObject({ status: 'fulfilled', value: { id: fresh!.id } })
  })
})
