/**
 * Booking: kind → free times (GET /booking/slots, full times too) → confirm (POST /me/bookings with
 * an Idempotency-Key kept for retries of the same attempt). A full time offers the waiting list
 * (POST /me/waitlist). Before booking, asks for the reminder subscription with
 * wx.requestSubscribeMessage when a template is configured.
 * Opened as `booking?reschedule=<bookingId>&kind=<kind>` (from "my bookings"), it moves that
 * booking to the chosen time instead (POST /me/bookings/:id/reschedule).
 */
import { strings, t } from '../../core/i18n'
import { config } from '../../core/config'
import { ApiError } from '../../core/request'
import { formatWhen, newIdempotencyKey, placeOf, providerName } from '../../core/format'
import { listChildren } from '../../services/children'
import { book, freeTimes, joinWaitlist, reschedule, type FreeTime, type SessionKind } from '../../services/booking'

interface TimeView {
  id: string
  when: string
  provider: string
  place: string
  left: string
  full: boolean
}

function askReminder(): Promise<void> {
  const id = config.bookingReminderTemplateId
  if (!id) return Promise.resolve()
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({ tmplIds: [id], complete: () => resolve() } as WechatMiniprogram.RequestSubscribeMessageOption)
  })
}

const KINDS: SessionKind[] = ['family_education', 'mental_health']

Component({
  properties: {
    /** The booking to move to another time (page query `reschedule`). */
    reschedule: { type: String, value: '' },
    /** Its kind (page query `kind`). */
    kind: { type: String, value: '' },
  },
  data: {
    s: strings(),
    step: 1,
    kinds: [] as Array<{ value: SessionKind; label: string; hint: string }>,
    kind: '' as SessionKind | '',
    loading: false,
    times: [] as TimeView[],
    picked: null as TimeView | null,
    question: '',
    children: [] as Array<{ id: number; name: string }>,
    childIndex: -1,
    booking: false,
    idempotencyKey: '',
    willRemind: false,
    /** The booking being moved (0: a new booking). */
    rescheduleId: 0,
  },
  lifetimes: {
    attached() {
      const s = strings()
      const kinds = KINDS.map((k) => ({ value: k, label: s.labels.kind[k], hint: s.labels.kindHint[k] }))
      this.setData({ s, kinds, willRemind: !!config.bookingReminderTemplateId })
      if (this.properties.reschedule) this.startReschedule(this.properties.reschedule, this.properties.kind)
      else
        listChildren()
          .then((c) => this.setData({ children: c.map((x) => ({ id: x.id, name: x.name })) }))
          .catch(() => undefined)
    },
  },
  methods: {
    /** Page query, where the properties did not get it. */
    onLoad(query: Record<string, string | undefined>) {
      if (query.reschedule && !this.data.rescheduleId) this.startReschedule(query.reschedule, query.kind ?? '')
    },
    startReschedule(id: string, kind: string) {
      const rescheduleId = Number(id)
      if (!Number.isInteger(rescheduleId) || rescheduleId <= 0 || !KINDS.includes(kind as SessionKind)) return
      this.setData({ rescheduleId, kind: kind as SessionKind, step: 2 })
      wx.setNavigationBarTitle({ title: this.data.s.booking.rescheduleTitle })
      void this.loadTimes()
    },
    async chooseKind(e: WechatMiniprogram.TouchEvent) {
      const kind = (e.currentTarget.dataset as { kind: SessionKind }).kind
      this.setData({ kind, step: 2 })
      await this.loadTimes()
    },
    async loadTimes() {
      const kind = this.data.kind
      if (!kind) return
      this.setData({ loading: true, times: [] })
      try {
        // A new booking also sees full times, to wait for a place; moving a booking needs a free one.
        const moving = this.data.rescheduleId > 0
        const list: FreeTime[] = await freeTimes(kind, !moving)
        const times = list.map((x) => ({
          id: x.id,
          when: formatWhen(x.start),
          provider: providerName(x.provider),
          place: placeOf(x),
          left: x.remaining > 0 ? t('booking.remaining', { n: x.remaining }) : moving ? this.data.s.booking.full : this.data.s.booking.fullJoin,
          full: x.remaining <= 0,
        }))
        this.setData({ loading: false, times })
      } catch {
        this.setData({ loading: false })
      }
    },
    pickTime(e: WechatMiniprogram.TouchEvent) {
      const i = Number((e.currentTarget.dataset as { index: number }).index)
      const picked = this.data.times[i]
      if (!picked) return
      if (picked.full) {
        if (!this.data.rescheduleId) this.offerWaitlist(picked)
        return
      }
      const kind = this.data.kind as SessionKind
      const question = this.data.rescheduleId ? t('booking.rescheduleQuestion', { when: picked.when }) : t('booking.confirmQuestion', { when: picked.when, kind: this.data.s.labels.kind[kind] })
      this.setData({ picked, step: 3, idempotencyKey: newIdempotencyKey(), question })
    },
    /** A full time: ask whether to wait for a place, and join its waiting list. */
    offerWaitlist(time: TimeView) {
      const s = this.data.s
      wx.showModal({
        title: s.booking.waitlistJoin,
        content: t('booking.waitlistQuestion', { when: time.when }),
        confirmText: s.booking.waitlistJoin,
        cancelText: s.common.cancel,
        success: async (r) => {
          if (!r.confirm) return
          try {
            const entry = await joinWaitlist(time.id, this.data.children[this.data.childIndex]?.id)
            const content = entry.position ? t('booking.waitlisted', { n: entry.position }) : s.booking.waitlistedNoPosition
            wx.showModal({ title: s.common.done, content, showCancel: false })
            wx.switchTab({ url: '/pages/bookings/bookings' })
          } catch (e) {
            // A place came free meanwhile (or the family already waits): show the times again.
            if (e instanceof ApiError && e.status === 409) void this.loadTimes()
          }
        },
      })
    },
    pickChild(e: WechatMiniprogram.TouchEvent) {
      const i = Number((e.currentTarget.dataset as { index: number }).index)
      // Another child is another request: a new key (the server refuses a key sent again for a different request).
      this.setData({ childIndex: this.data.childIndex === i ? -1 : i, idempotencyKey: newIdempotencyKey() })
    },
    backToTimes() {
      this.setData({ step: 2, picked: null })
      void this.loadTimes()
    },
    backToKinds() {
      if (this.data.rescheduleId) {
        wx.navigateBack({ delta: 1 })
        return
      }
      this.setData({ step: 1, picked: null, times: [] })
    },
    async confirm() {
      const d = this.data
      if (!d.picked || d.booking) return
      this.setData({ booking: true })
      await askReminder()
      try {
        const done = d.rescheduleId ? await reschedule(d.rescheduleId, d.picked.id, d.idempotencyKey) : await book(d.picked.id, d.idempotencyKey, d.children[d.childIndex]?.id)
        this.setData({ booking: false })
        wx.showModal({ title: d.s.common.done, content: done?.message || d.s.booking.booked, showCancel: false })
        if (d.rescheduleId) wx.navigateBack({ delta: 1 })
        else wx.switchTab({ url: '/pages/bookings/bookings' })
      } catch (e) {
        this.setData({ booking: false })
        // Someone took the last place: show the times again (the wrapper already said why).
        if (e instanceof ApiError && e.status === 409) this.backToTimes()
        // The key was used for another request (the wrapper said so): the next tap sends a new one.
        if (e instanceof ApiError && e.status === 422) this.setData({ idempotencyKey: newIdempotencyKey() })
      }
    },
  },
})
