/**
 * Booking in chat asks, once, what the family would like to talk about (optional, "跳过" skips it):
 * the words go to the provider (the staff console's schedule), never back to the parent; an urgent
 * message there is handled as urgent; leaving there books nothing. Real bot over PuppetMock, SQLite
 * and MariaDB.
 */
import { it, expect, beforeAll, afterAll } from 'vitest'
import { describeEachDb } from '../support/context'
import { startHarness, registeredInChat, type Harness, type Parent } from './harness'
import { startApi, type Api } from '../api/http'
import { client, staff, PASSWORD } from '../e2e/fixtures'
import { consoleRouter } from '../../src/staff/console.router'
import { createProvider, addWorkingPlan } from '../../src/domain/booking/staff.service'
import { book, cancelBooking, listFamilyBookings } from '../../src/domain/booking/booking.service'
import { listFreeTimes } from '../../src/domain/booking/slots'
import { TOPIC_MAX_LENGTH } from '../../src/content/vocabulary'
import { localTime } from '../../src/shared/dates'
import { Booking, BookingWaitlist, Ticket } from '../../src/db/entities'

const ASK_TOPIC = '想和老师聊些什么？说一两句就行，老师会提前看。不想说就回复“跳过”。'
const ASK_TOPIC_EN = 'What would you like to talk about with the teacher? One or two sentences are enough; the teacher reads them before the session. If you would rather not say, reply "skip".'

describeEachDb(
  'bot: booking asks what the family wants to talk about (the topic)',
  (h) => {
    let chat: Harness
    let api: Api
    let counsellorId = 0
    let parentingId = 0

    const register = (id: string, name: string, children: string[] = ['小宝']) => registeredInChat(h.ctx(), chat, id, name, children)
    /** 4 (book), 2 (psychological support), 1 (the first time): the reply is the topic question. */
    const toTopicQuestion = async (p: Parent) => {
      await p.send('4')
      expect(await p.send('2')).toContain('最近能约的时间')
      return p.send('1')
    }
    const bookings = (familyId: number) => h.ctx().db.repo(Booking).find({ where: { familyId }, order: { id: 'ASC' } })

    beforeAll(async () => {
      const ctx = h.ctx()
      h.clock().set('2026-03-02T02:00:00Z') // Monday 10:00 in Shanghai
      const teacher = await staff(ctx, { username: 'zhou', role: 'provider', providerKind: 'counsellor' })
      counsellorId = (await createProvider(ctx, { displayName: '周老师', kinds: ['mental_health'], jurisdiction: 'jincheng', staffId: teacher.id })).id
      await addWorkingPlan(ctx, { providerId: counsellorId, weekday: 3, start: '09:00', end: '12:00', sessionMinutes: 60, capacity: 20, kind: 'mental_health', mode: 'online' })
      // one place of family education in the week shown: the waiting list
      parentingId = (await createProvider(ctx, { displayName: '吴老师', kinds: ['family_education'], jurisdiction: 'jincheng' })).id
      await addWorkingPlan(ctx, { providerId: parentingId, weekday: 4, start: '09:00', end: '10:00', sessionMinutes: 60, capacity: 1, kind: 'family_education', mode: 'online' })
      chat = await startHarness(ctx)
      api = await startApi(ctx, [consoleRouter(ctx)])
    })
    afterAll(async () => {
      await chat.stop()
      await api.close()
    })

    it('asks once, after the time and the child; the words reach the provider’s schedule, not the parent’s confirmation', async () => {
      const { p, familyId } = await register('wx-topic-words', '陈静')
      const ask = await toTopicQuestion(p)
      expect(ask).toBe(ASK_TOPIC)
      const confirm = await p.send('  孩子最近不爱说话，在学校也不跟同学玩。  ')
      expect(confirm).toContain('您要预约：心理')
      expect(confirm).toContain('2026-03-04（周三）09:00，周老师')
      expect(confirm).toContain('回复 1 确认')
      expect(confirm).not.toContain('不爱说话')
      const booked = await p.send('1')
      expect(booked).toContain('约好了')
      expect(booked).not.toContain('不爱说话')
      const [b] = await bookings(familyId)
      expect(b!.topic).toBe('孩子最近不爱说话，在学校也不跟同学玩。')
      // the family's own view does not show it back
      const mine = await listFamilyBookings(h.ctx(), familyId)
      expect(mine[0]!.hasTopic).toBe(true)
      expect(JSON.stringify(mine)).not.toContain('不爱说话')
      expect(await p.send('5')).not.toContain('不爱说话')
      await p.send('菜单')

      // the provider reads it in the console's schedule
      const browser = client(api.base)
      await browser.get('/staff/sign-in')
      expect((await browser.post('/staff/sign-in', { username: 'zhou', password: PASSWORD })).status).toBe(200)
      const week = await browser.get('/staff/schedule?date=2026-03-02&view=week')
      expect(week.text).toContain(`data-booking="${b!.id}"`)
      expect(week.text).toContain('家长想聊的：</span> 孩子最近不爱说话，在学校也不跟同学玩。')
    })

    it('"跳过", "不用", "没有", or only a number ("1" sent again for the confirmation) book with no topic; nothing else is asked', async () => {
      for (const [n, word] of ['跳过', '不用', '没有', '1'].entries()) {
        const { p, familyId } = await register(`wx-topic-skip-${n}`, `李芳${n}`)
        expect(await toTopicQuestion(p)).toBe(ASK_TOPIC)
        const confirm = await p.send(word)
        expect(confirm).toMatch(/^您要预约：.*\n回复 1 确认，回复 2 换个时间。$/)
        expect(await p.send('1')).toContain('约好了')
        const [b] = await bookings(familyId)
        expect(b!.status).toBe('booked')
        expect(b!.topic).toBeNull()
      }
    })

    it('in English: the question says how to skip; "skip" gives none, words are kept as written', async () => {
      const inEnglish = async (id: string, name: string) => {
        const f = await register(id, name)
        expect(await f.p.send('English')).toContain('4 Book a parenting or counselling session')
        await f.p.send('4')
        expect(await f.p.send('2')).toContain('Next free times')
        expect(await f.p.send('1')).toBe(ASK_TOPIC_EN)
        return f
      }
      const skipped = await inEnglish('wx-topic-en-skip', 'Anna')
      expect(await skipped.p.send('Skip')).toMatch(/^You want to book: .*\nReply 1 to confirm, 2 to choose another time\.$/)
      expect(await skipped.p.send('1')).toContain('Booked')
      expect((await bookings(skipped.familyId))[0]!.topic).toBeNull()

      const said = await inEnglish('wx-topic-en-words', 'Bella')
      const confirm = await said.p.send('My daughter gets very anxious before exams.')
      expect(confirm).toContain('Reply 1 to confirm')
      expect(confirm).not.toContain('anxious')
      const booked = await said.p.send('1')
      expect(booked).toContain('Booked')
      expect(booked).not.toContain('anxious')
      expect((await bookings(said.familyId))[0]!.topic).toBe('My daughter gets very anxious before exams.')
    })

    it('a message over the length the API accepts is not cut silently: the parent is asked for a shorter one (QA round 4)', async () => {
      const { p, familyId } = await register('wx-topic-long', '孙红')
      await toTopicQuestion(p)
      const long = `孩子${'晚上睡不着，白天没精神，'.repeat(60)}`
      expect(long.length).toBeGreaterThan(TOPIC_MAX_LENGTH)
      expect(await p.send(long)).toContain('请写短一点再发一次')
      expect(await p.send(long.slice(0, TOPIC_MAX_LENGTH))).toContain('回复 1 确认')
      expect(await p.send('1')).toContain('约好了')
      const [b] = await bookings(familyId)
      expect(b!.topic).toBe(long.slice(0, TOPIC_MAX_LENGTH))
    })

    it('a child in danger said at the question: emergency numbers and a person at once, not kept as the topic; the question still waits', async () => {
      const { p, familyId } = await register('wx-topic-urgent', '赵兰')
      await toTopicQuestion(p)
      const urgent = await p.send('我老公喝醉了打孩子，孩子身上都是伤')
      expect(urgent).toContain('110')
      expect(urgent).toContain('12355')
      expect(urgent).toMatch(/问题编号 \d+/)
      const ticket = await h.ctx().db.repo(Ticket).findOneByOrFail({ id: Number(urgent.match(/问题编号 (\d+)/)![1]) })
      expect(ticket).toMatchObject({ kind: 'escalation', priority: 'urgent', familyId })
      expect(await bookings(familyId)).toEqual([])
      expect(await p.send('跳过')).toContain('回复 1 确认')
      expect(await p.send('1')).toContain('约好了')
      const [b] = await bookings(familyId)
      expect(b!.topic).toBeNull()
    })

    it('leaving at the question books nothing and says how to come back, as leaving at the child question does', async () => {
      const { p, familyId } = await register('wx-topic-leave', '刘梅', ['王一', '王二'])
      await p.send('4')
      expect(await p.send('2')).toContain('这次是为哪个孩子约的？')
      const leftAtChild = await p.send('取消')
      await p.send('4')
      await p.send('2')
      await p.send('1')
      expect(await p.send('1')).toBe(ASK_TOPIC)
      const leftAtTopic = await p.send('取消')
      expect(leftAtTopic).toBe(leftAtChild)
      expect(leftAtTopic).toContain('好的，已经取消了。')
      expect(leftAtTopic).toContain('4 预约家庭教育或心理辅导')
      expect(await bookings(familyId)).toEqual([])
      expect(await listFamilyBookings(h.ctx(), familyId)).toEqual([])
      // and 4 starts again from the first question
      expect(await p.send('4')).toContain('您想预约哪一种？')
    })

    it('"上一步" at the question goes back to the times; a language change asks it again in the new language', async () => {
      const { p, familyId } = await register('wx-topic-back', '吴敏')
      await toTopicQuestion(p)
      const times = await p.send('上一步')
      expect(times).toContain('最近能约的时间')
      expect(times).toContain('2 2026-03-04（周三）10:00')
      expect(await p.send('2')).toBe(ASK_TOPIC)
      expect(await p.send('English')).toContain(ASK_TOPIC_EN)
      expect(await p.send('He does not want to go to school.')).toContain('10:00')
      expect(await p.send('1')).toContain('Booked')
      const [b] = await bookings(familyId)
      expect(b!.topic).toBe('He does not want to go to school.')
    })

    it('"2" at the confirmation: another time, the topic kept and not asked again', async () => {
      const { p, familyId } = await register('wx-topic-other-time', '何静')
      await toTopicQuestion(p)
      await p.send('想学怎么和青春期的孩子说话')
      const times = await p.send('2')
      expect(times).toContain('2 2026-03-04（周三）10:00')
      const confirm = await p.send('2')
      expect(confirm).toContain('2026-03-04（周三）10:00')
      expect(confirm).toContain('回复 1 确认')
      expect(confirm).not.toContain('想和老师聊些什么')
      expect(await p.send('1')).toContain('约好了')
      const [b] = await bookings(familyId)
      expect(b!.topic).toBe('想学怎么和青春期的孩子说话')
      expect(localTime((await listFamilyBookings(h.ctx(), familyId))[0]!.start)).toBe('10:00')
    })

    it('every time taken: the waiting list keeps the topic, and the booking made from the offer carries it', async () => {
      const ctx = h.ctx()
      const first = await register('wx-topic-first', '钱芳')
      const [only] = await listFreeTimes(ctx, { kind: 'family_education', jurisdiction: 'jincheng', providerId: parentingId })
      const taken = (await book(ctx, { familyId: first.familyId, identityId: first.identityId, channel: 'bot', slotId: only!.id, topic: null, idempotencyKey: 'topic-first' })).booking

      const { p, familyId } = await register('wx-topic-wait', '孙丽')
      await p.send('4')
      const full = await p.send('1')
      expect(full).toContain('都约满了')
      expect(await p.send('1')).toBe(ASK_TOPIC)
      const waiting = await p.send('孩子写作业总是拖拉，一说就哭')
      expect(waiting).toContain('您排第 1 位')
      expect(waiting).not.toContain('拖拉')
      const [w] = await ctx.db.repo(BookingWaitlist).find({ where: { familyId } })
      expect(w!.topic).toBe('孩子写作业总是拖拉，一说就哭')

      await cancelBooking(ctx, { bookingId: taken.id, familyId: first.familyId, by: 'family' })
      for (let i = 0; i < 100 && !p.inbox.join().includes('空出了一个位置'); i++) await new Promise((r) => setTimeout(r, 50))
      const accepted = await p.send('接受')
      expect(accepted).toContain('约好了')
      expect(accepted).not.toContain('拖拉')
      const [b] = await bookings(familyId)
      expect(b!.topic).toBe('孩子写作业总是拖拉，一说就哭')
    })
  },
  { BOOKING_WEEKS_AHEAD: '1' },
)
