/**
 * POST /api/v1/me/messages when the family has a referral open but no question to a person (QA
 * round 2): the words are a new question to the family's community staff (they joined the referral
 * a department works on, a thread the parent never wrote to); a parent answering the department
 * names that thread (`ticketId`); later words join the open question to community staff.
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { makeStaff } from './helpers'

const profile = {
  name: '王芳',
  relation: 'mother',
  jurisdiction: 'jincheng',
  district: '城区',
  street: '东街道',
  community: '东街社区',
  hukou: { province: '河南省', city: '周口市', county: '郸城县' },
  movedInOn: '2025-05-01',
  residencePermit: true,
  consent: { accepted: true, version: '2026-03' },
  language: 'zh-CN',
}

describeEachDb('family messages with a referral open', (h) => {
  let api: Api
  let mum: string, edu: string, east: string

  const signIn = async (username: string) => (await api.call('POST', '/api/v1/staff/session', { body: { username, password: 'correct horse 1' } })).body.token as string

  beforeAll(async () => {
    const ctx = h.ctx()
    api = await startApi(ctx)
    await makeStaff(ctx, { username: 'edu', role: 'department', jurisdiction: 'jincheng', department: '市教育局' })
    await makeStaff(ctx, { username: 'east', role: 'child-director', jurisdiction: 'jincheng', street: '东街道', communities: ['东街社区'] })
    edu = await signIn('edu')
    east = await signIn('east')
    mum = (await api.call('POST', '/api/v1/auth/wx-login', { body: { code: 'dev:messages-mum' } })).body.token
    expect((await api.call('PUT', '/api/v1/me', { token: mum, body: profile })).status).toBe(200)
  })
  afterAll(async () => {
    await api.close()
  })

  it('a message with only a referral open is a new question to community staff; answering the department names its thread', async () => {
    const need = await api.call('POST', '/api/v1/me/needs', { token: mum, body: { text: '孩子7岁了想在这边上小学，学校说没有学位' } })
    expect(need.body).toMatchObject({ outcome: 'referred', departments: ['市教育局'] })
    const referralId = need.body.ticketId as number
    expect((await api.call('GET', '/api/v1/me/messages', { token: mum })).body.openTicketId).toBeNull()

    const first = await api.call('POST', '/api/v1/me/messages', { token: mum, body: { text: '你好，社区有没有周末托管班？' } })
    expect(first.status).toBe(201)
    expect(first.body.opened).toBe(true)
    expect(first.body.ticketId).not.toBe(referralId)
    const directorQueue = await api.call('GET', '/api/v1/staff/queue', { token: east })
    expect(directorQueue.body.find((x: { id: number }) => x.id === first.body.ticketId)).toMatchObject({ kind: 'escalation', priority: 'normal' })
    // the department's thread did not get the parent's new question
    const referral = await api.call('GET', `/api/v1/staff/queue/${referralId}`, { token: edu })
    expect(referral.body.messages.map((m: { text: string }) => m.text)).not.toContain('你好，社区有没有周末托管班？')

    // later words join the open question to community staff
    const again = await api.call('POST', '/api/v1/me/messages', { token: mum, body: { text: '孩子5岁' } })
    expect(again.body).toEqual({ ticketId: first.body.ticketId, opened: false })
    expect((await api.call('GET', '/api/v1/me/messages', { token: mum })).body.openTicketId).toBe(first.body.ticketId)

    // the department answers the referral; the parent answers back in that thread by naming it
    expect((await api.call('POST', `/api/v1/staff/queue/${referralId}/claim`, { token: edu })).status).toBe(200)
    expect((await api.call('POST', `/api/v1/staff/queue/${referralId}/replies`, { token: edu, body: { text: '请带户口本和居住证来教育局。' } })).status).toBe(201)
    const answer = await api.call('POST', '/api/v1/me/messages', { token: mum, body: { text: '好的，周一上午去', ticketId: referralId } })
    expect(answer.body).toEqual({ ticketId: referralId, opened: false })
    const thread = await api.call('GET', `/api/v1/staff/queue/${referralId}`, { token: edu })
    expect(thread.body.messages.map((m: { from: string; text: string }) => `${m.from}:${m.text}`).slice(-2)).toEqual(['staff:请带户口本和居住证来教育局。', 'family:好的，周一上午去'])
  })
})
