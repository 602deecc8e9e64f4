/**
 * Booking: kind → free times (GET /booking/slots) → confirm (POST /me/bookings with an
 * Idempotency-Key kept for retries of the same attempt). Before booking, asks for the
 * reminder subscription with wx.requestSubscribeMessage when a template is configured.
 */
import { strings, t } from '../../core/i18n'
import { config } from '../../core/config'
import { ApiError } from '../../core/request'
import { formatWhen, newIdempotencyKey, placeOf, providerName } from '../../core/format'
import { listChildren } from '../../services/children'
import { book, freeTimes, type FreeTime, type SessionKind } from '../../services/booking'

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

Component({
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
  },
  lifetimes: {
    attached() {
      const s = strings()
      const kinds = (['family_education', 'mental_health'] as SessionKind[]).map((k) => ({ value: k, label: s.labels.kind[k], hint: s.labels.kindHint[k] }))
      this.setData({ s, kinds, willRemind: !!config.bookingReminderTemplateId })
      listChildren()
        .then((c) => this.setData({ children: c.map((x) => ({ id: x.id, name: x.name })) }))
        .catch(() => undefined)
    },
  },
  methods: {
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
        const list: FreeTime[] = await freeTimes(kind)
        const times = list.map((x) => ({
          id: x.id,
          when: formatWhen(x.start),
          provider: providerName(x.provider),
          place: placeOf(x),
          left: x.remaining > 0 ? t('booking.remaining', { n: x.remaining }) : this.data.s.booking.full,
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
      if (!picked || picked.full) return
      const kind = this.data.kind as SessionKind
      this.setData({ picked, step: 3, idempotencyKey: newIdempotencyKey(), question: t('booking.confirmQuestion', { when: picked.when, kind: this.data.s.labels.kind[kind] }) })
    },
    pickChild(e: WechatMiniprogram.TouchEvent) {
      const i = Number((e.currentTarget.dataset as { index: number }).index)
      this.setData({ childIndex: this.data.childIndex === i ? -1 : i })
    },
    backToTimes() {
      this.setData({ step: 2, picked: null })
      void this.loadTimes()
    },
    backToKinds() {
      this.setData({ step: 1, picked: null, times: [] })
    },
    async confirm() {
      const d = this.data
      if (!d.picked || d.booking) return
      this.setData({ booking: true })
      await askReminder()
      try {
        const done = await book(d.picked.id, d.idempotencyKey, d.children[d.childIndex]?.id)
        this.setData({ booking: false })
        wx.showModal({ title: d.s.common.done, content: done?.message || d.s.booking.booked, showCancel: false })
        wx.switchTab({ url: '/pages/bookings/bookings' })
      } catch (e) {
        this.setData({ booking: false })
        // Someone took the last place: show the times again (the wrapper already said why).
        if (e instanceof ApiError && e.status === 409) this.backToTimes()
      }
    },
  },
})
