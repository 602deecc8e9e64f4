import { it, expect, beforeAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { makeStaff } from './helpers'
import { signIn, staffForToken, deactivateStaff, signOut, LOCK_MINUTES, MAX_FAILED_SIGN_INS, type StaffView } from '../../src/domain/staff/staff.service'
import { StaffAccount } from '../../src/db/entities'
import { MINUTE } from '../../src/shared/clock'

describeEachDb('staff accounts and sessions', (h) => {
  let anna: StaffView
  beforeAll(async () => {
    anna = await makeStaff(h.ctx(), { username: 'anna', role: 'supervisor', jurisdiction: 'jincheng', street: '北街道' })
    await makeStaff(h.ctx(), { username: 'ben', role: 'admin' })
  })

  it('stores only a scrypt hash of the password', async () => {
    const row = await h.ctx().db.repo(StaffAccount).findOneByOrFail({ id: anna.id })
    expect(row.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/)
    expect(row.passwordHash).not.toContain('correct horse')
  })

  it('gives the same refusal for an unknown user and a wrong password', async () => {
    await expect(signIn(h.ctx(), 'nobody', 'correct horse 1')).rejects.toMatchObject({ code: 'unauthenticated', details: { reason: 'wrong_password' } })
    await expect(signIn(h.ctx(), 'ben', 'wrong password')).rejects.toMatchObject({ code: 'unauthenticated', details: { reason: 'wrong_password' } })
    expect((await signIn(h.ctx(), 'ben', 'correct horse 1')).staff.username).toBe('ben') // a success clears the count
  })

  it('locks after 5 failures fired at once, for 15 minutes, even for the right password', async () => {
    const ctx = h.ctx()
    await Promise.allSettled(Array.from({ length: MAX_FAILED_SIGN_INS }, () => signIn(ctx, 'anna', 'guess')))
    await expect(signIn(ctx, 'anna', 'correct horse 1')).rejects.toMatchObject({ code: 'forbidden', details: { reason: 'locked' } })
    h.clock().advance(LOCK_MINUTES * MINUTE - 1000)
    await expect(signIn(ctx, 'anna', 'correct horse 1')).rejects.toMatchObject({ code: 'forbidden' })
    h.clock().advance(2000)
    const s = await signIn(ctx, 'anna', 'correct horse 1')
    expect((await staffForToken(ctx, s.token)).id).toBe(anna.id)
    // Four failures after the lock ended do not lock again.
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++) await expect(signIn(ctx, 'anna', 'guess')).rejects.toMatchObject({ code: 'unauthenticated' })
    expect((await signIn(ctx, 'anna', 'correct horse 1')).staff.id).toBe(anna.id)
  })

  it('ends sessions on expiry, sign-out and deactivation', async () => {
    const ctx = h.ctx()
    const a = await signIn(ctx, 'anna', 'correct horse 1')
    const b = await signIn(ctx, 'anna', 'correct horse 1')
    const c = await signIn(ctx, 'anna', 'correct horse 1')
    await signOut(ctx, a.token)
    await expect(staffForToken(ctx, a.token)).rejects.toMatchObject({ code: 'unauthenticated' })
    expect((await staffForToken(ctx, b.token)).username).toBe('anna')
    h.clock().advance(ctx.config.STAFF_SESSION_TTL_MINUTES * MINUTE + 1)
    await expect(staffForToken(ctx, b.token)).rejects.toMatchObject({ code: 'unauthenticated' })
    void c
    const d = await signIn(ctx, 'anna', 'correct horse 1')
    await deactivateStaff(ctx, anna.id)
    await expect(staffForToken(ctx, d.token)).rejects.toMatchObject({ code: 'unauthenticated' })
    await expect(signIn(ctx, 'anna', 'correct horse 1')).rejects.toMatchObject({ code: 'unauthenticated' })
  })
}, { STAFF_SESSION_TTL_MINUTES: '60' })
