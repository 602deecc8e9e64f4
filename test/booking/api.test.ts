import 'reflect-metadata'
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { createTestContext, dbKinds, type TestContext } from '../support/context'
import { startApi, type Api } from '../api/http'
import { Family } from '../../src/db/entities'
import { linkIdentity, identityForToken } from '../../src/domain/identity/identity.service'
import { makeChild, makeProvider } from './helpers'

for (const kind of dbKinds()) {
  describe(`booking API [${kind}]`, () => {
    let tc: TestContext
    let api: Api
    let token = ''
    let providerId = 0
    let childId = 0
    const jurisdiction = 'api-town'

    beforeAll(async () => {
      tc = await createTestContext(kind)
      api = await startApi(tc.ctx)
      const { provider } = await makeProvider(tc.ctx, {
        jurisdiction,
        department: '市妇联',
        plans: [{ weekday: 2, start: '09:00', end: '11:00' }, { weekday: 3, start: '14:00', end: '16:00', sessionMinutes: 120, capacity: 2, kind: 'family_education', mode: 'online', venueId: null }],
      })
      providerId = provider.id
      const login = await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:booking-mum' } })
      token = login.body.token
      const identity = await identityForToken(tc.ctx, token)
      const now = tc.ctx.clock.now()
      const repo = tc.ctx.db.repo(Family)
      const fam = await repo.save(repo.create({ jurisdictionId: jurisdiction, district: null, street: null, community: null, hukouProvince: '河南省', hukouCity: '周口市', hukouCounty: '沈丘县', movedInOn: '2024-01-01', residencePermit: true, consentVersion: '1', consentAt: now, lastConfirmedAt: now, lastActiveAt: now, archivedAt: null, createdAt: now, updatedAt: now }))
      await linkIdentity(tc.ctx, identity.id, fam.id, null)
      childId = await makeChild(tc.ctx, fam.id)
    })
    afterAll(async () => {
      await api.close()
      await tc.cleanup()
    })

    it('lists free times of the family\'s own jurisdiction by default', async () => {
      const r = await api.call('GET', '/api/v1/booking/slots?type=mental_health&from=2026-03-03&to=2026-03-03', { token })
      expect(r.status).toBe(200)
      expect(r.body.map((s: { id: string }) => s.id)).toEqual([`${providerId}-202603030900`, `${providerId}-202603031000`])
      expect(r.body[0]).toMatchObject({ type: 'mental_health', typeName: '心理健康服务', start: '2026-03-03T01:00:00.000Z', end: '2026-03-03T02:00:00.000Z', capacity: 1, remaining: 1, provider: { id: providerId, department: '市妇联' }, mode: 'in_person', venue: { kind: 'childrens_home', kindName: '儿童之家' } })
      const group = await api.call('GET', '/api/v1/booking/slots?type=family_education&jurisdiction=api-town&from=2026-03-04&to=2026-03-04&lang=en', { token })
      expect(group.body).toHaveLength(1)
      expect(group.body[0]).toMatchObject({ capacity: 2, mode: 'online', venue: null, modeName: 'online video' })
      const bad = await api.call('GET', '/api/v1/booking/slots?type=yoga', { token })
      expect(bad.status).toBe(400)
      expect((await api.call('GET', '/api/v1/booking/slots?type=mental_health')).status).toBe(401)
    })

    it('counts the topic as the family counts it (an emoji is one character), as the chat does', async () => {
      const slotId = `${providerId}-202603030900`
      const headers = { 'idempotency-key': 'topic-length' }
      const tooLong = await api.call('POST', '/api/v1/me/bookings', { token, headers, body: { slotId, childId, topic: '难'.repeat(501) } })
      expect(tooLong.status).toBe(400)
      expect(tooLong.body.error.fields[0]).toMatchObject({ path: 'topic', message: '写得太长了，请写短一点（最多 500 个字）。' })
      // 500 characters, 666 UTF-16 units: within the limit the family was told, the topic is not refused (an unknown time is, so nothing is booked here)
      const emoji = await api.call('POST', '/api/v1/me/bookings', { token, headers, body: { slotId: 'no-such-slot', childId, topic: '难过😭'.repeat(166) + '好了' } })
      expect((emoji.body.error?.fields ?? []).map((f: { path: string }) => f.path)).not.toContain('topic')
    })

    it('books with an Idempotency-Key: a retry returns the same booking, never a second one', async () => {
      const slotId = `${providerId}-202603030900`
      const missing = await api.call('POST', '/api/v1/me/bookings', { token, body: { slotId } })
      expect(missing.status).toBe(400)
      expect(missing.body.error.fields[0].path).toBe('Idempotency-Key')
      const headers = { 'idempotency-key': 'tap-1' }
      const first = await api.call('POST', '/api/v1/me/bookings', { token, headers, body: { slotId, childId, topic: '孩子晚上睡不着' } })
      expect(first.status).toBe(201)
      expect(first.body).toMatchObject({ slotId, status: 'booked', childId, hasTopic: true, typeName: '心理健康服务' })
      expect(first.body.message).toContain('2026-03-03 09:00')
      expect(first.body).not.toHaveProperty('topic')
      const retry = await api.call('POST', '/api/v1/me/bookings', { token, headers, body: { slotId, childId } })
      expect(retry.status).toBe(201)
      expect(retry.body.id).toBe(first.body.id)
      expect(retry.headers.get('idempotent-replay')).toBe('true')
      const mine = await api.call('GET', '/api/v1/me/bookings', { token })
      expect(mine.body.map((b: { id: number }) => b.id)).toEqual([first.body.id])
      // The same key for another time or for the parent: refused in plain words, nothing booked, the first booking kept.
      for (const body of [{ slotId: `${providerId}-202603031000`, childId }, { slotId }]) {
        const reused = await api.call('POST', '/api/v1/me/bookings', { token, headers, body })
        expect(reused.status).toBe(422)
        expect(reused.body.error).toMatchObject({ code: 'idempotency_key_reused', details: { bookingId: first.body.id } })
        expect(reused.body.error.message).toContain('请求编号')
      }
      expect((await api.call('GET', '/api/v1/me/bookings', { token })).body.map((b: { id: number }) => b.id)).toEqual([first.body.id])
    })

    it('answers 409 slot_full for a full time and lets the family join its waiting list', async () => {
      const other = (await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:booking-dad' } })).body.token
      const otherIdentity = await identityForToken(tc.ctx, other)
      await linkIdentity(tc.ctx, otherIdentity.id, 424242, null)
      const slotId = `${providerId}-202603030900`
      const full = await api.call('POST', '/api/v1/me/bookings', { token: other, headers: { 'idempotency-key': 'x' }, body: { slotId } })
      expect(full.status).toBe(409)
      expect(full.body.error.code).toBe('slot_full')
      expect(full.body.error.message).toBe('这个时间已经约满了。可以排队等位：有人取消时，按排队的顺序通知您。也可以选别的时间。')
      const wait = await api.call('POST', '/api/v1/me/waitlist', { token: other, body: { slotId } })
      expect(wait.status).toBe(201)
      expect(wait.body).toMatchObject({ slotId, status: 'waiting', position: 1 })
      // the first family cancels: the place is offered to the waiting family
      const mine = await api.call('GET', '/api/v1/me/bookings', { token })
      const del = await api.call('DELETE', `/api/v1/me/bookings/${mine.body[0].id}`, { token })
      expect(del.status).toBe(200)
      expect(del.body).toMatchObject({ status: 'cancelled', cancelledBy: 'family' })
      const offers = await api.call('GET', '/api/v1/me/offers', { token: other })
      expect(offers.body).toHaveLength(1)
      expect(offers.body[0].slot.id).toBe(slotId)
      const accepted = await api.call('POST', `/api/v1/me/offers/${offers.body[0].id}/accept`, { token: other })
      expect(accepted.status).toBe(201)
      expect(accepted.body).toMatchObject({ slotId, status: 'booked' })
    })

    it('reschedules, and refuses changes after the cut-off with a sentence telling to contact staff', async () => {
      const b = await api.call('POST', '/api/v1/me/bookings', { token, headers: { 'idempotency-key': 'tap-2' }, body: { slotId: `${providerId}-202603031000` } })
      expect(b.status).toBe(201)
      const moved = await api.call('POST', `/api/v1/me/bookings/${b.body.id}/reschedule`, { token, headers: { 'idempotency-key': 'tap-3' }, body: { slotId: `${providerId}-202603101000` } })
      expect(moved.status).toBe(201)
      expect(moved.body).toMatchObject({ rescheduledFrom: b.body.id, start: '2026-03-10T02:00:00.000Z' })
      const again = await api.call('POST', '/api/v1/me/bookings', { token, headers: { 'idempotency-key': 'tap-4' }, body: { slotId: `${providerId}-202603031000` } })
      expect(again.status).toBe(201)
      tc.clock.set('2026-03-03T01:30:00Z') // half an hour before
      const late = await api.call('DELETE', `/api/v1/me/bookings/${again.body.id}`, { token })
      expect(late.status).toBe(409)
      expect(late.body.error.code).toBe('too_late')
      expect(late.body.error.message).toContain('联系工作人员')
      tc.clock.set('2026-03-02T01:00:00Z')
    })

    it('tells a parent who has not registered to register first', async () => {
      const stranger = (await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:new-parent' } })).body.token
      const r = await api.call('POST', '/api/v1/me/bookings', { token: stranger, headers: { 'idempotency-key': 'a' }, body: { slotId: `${providerId}-202603031000` } })
      expect(r.status).toBe(403)
      expect(r.body.error.details.reason).toBe('registration_required')
      expect(r.body.error.message).toContain('请先登记家庭信息')
      const slots = await api.call('GET', '/api/v1/booking/slots?type=mental_health', { token: stranger })
      expect(slots.status).toBe(400)
      expect(slots.body.error.fields[0].path).toBe('query.jurisdiction')
      expect((await api.call('GET', '/api/v1/me/bookings', { token: stranger })).body).toEqual([])
    })
  })
}
