/**
 * My bookings: GET /me/bookings (cancel with DELETE /me/bookings/:id after a confirmation; move to
 * another time through the booking page), places offered from waiting lists (GET /me/offers,
 * accept or decline), and the waiting lists the family is on (GET /me/waitlist, leave).
 */
import { strings, t } from '../../core/i18n'
import { formatWhen, placeOf, providerName } from '../../core/format'
import { acceptOffer, cancelBooking, declineOffer, leaveWaitlist, myBookings, myOffers, myWaitlist, type Offer, type WaitlistEntry } from '../../services/booking'

interface BookingRow {
  id: number
  type: string
  when: string
  kind: string
  status: string
  statusText: string
  where: string
  canCancel: boolean
}

interface OfferRow {
  id: number
  when: string
  text: string
  until: string
  where: string
}

interface WaitRow {
  id: number
  when: string
  kind: string
  position: string
}

Component({
  data: {
    s: strings(),
    loading: true,
    rows: [] as BookingRow[],
    offers: [] as OfferRow[],
    waiting: [] as WaitRow[],
    busy: false,
  },
  lifetimes: {
    attached() {
      void this.load()
    },
  },
  pageLifetimes: {
    show() {
      if (!this.data.loading) void this.load()
    },
  },
  methods: {
    async load() {
      const s = strings()
      this.setData({ s, loading: true })
      const kindName = (k: string) => (s.labels.kind as Record<string, string>)[k] ?? k
      try {
        // Offers and waiting lists add to the bookings; without them the bookings still show.
        const [list, offers, waiting] = await Promise.all([myBookings(), myOffers().catch((): Offer[] => []), myWaitlist().catch((): WaitlistEntry[] => [])])
        const now = Date.now()
        const rows = list
          .slice()
          .sort((a, b) => a.start.localeCompare(b.start))
          .map((b) => ({
            id: b.id,
            type: b.type,
            when: formatWhen(b.start),
            kind: b.typeName ?? kindName(b.type),
            status: b.status,
            statusText: s.labels.bookingStatus[b.status] ?? b.status,
            where: `${providerName(b.provider)} · ${placeOf(b)}`,
            // The service refuses too close to the start, in its own words; long past is never offered.
            canCancel: b.status === 'booked' && new Date(b.start).getTime() > now,
          }))
        const offerRows = offers
          .filter((o) => o.status === 'open' && new Date(o.expiresAt).getTime() > now)
          .map((o) => {
            const when = formatWhen(o.slot.start)
            return {
              id: o.id,
              when,
              text: t('bookings.offerText', { when, kind: o.slot.typeName ?? kindName(o.slot.type) }),
              until: t('bookings.offerUntil', { until: formatWhen(o.expiresAt) }),
              where: `${providerName(o.slot.provider)} · ${placeOf(o.slot)}`,
            }
          })
        const waitRows = waiting
          .filter((w) => w.status === 'waiting')
          .map((w) => ({ id: w.id, when: formatWhen(w.start), kind: kindName(w.type), position: w.position ? t('bookings.waitlistPosition', { n: w.position }) : s.bookings.waitlistWaiting }))
        this.setData({ loading: false, rows, offers: offerRows, waiting: waitRows })
      } catch {
        this.setData({ loading: false })
      }
    },
    /** Asks first; runs `action` on OK, says `done`, and shows the lists again. */
    confirmThen(title: string, content: string, action: () => Promise<unknown>, done: string) {
      const s = this.data.s
      wx.showModal({
        title,
        content,
        confirmText: s.common.confirm,
        cancelText: s.common.cancel,
        success: async (r) => {
          if (!r.confirm) return
          try {
            await action()
            wx.showToast({ title: done, icon: 'success' })
          } catch {
            /* shown by the request wrapper */
          }
          await this.load()
        },
      })
    },
    cancel(e: WechatMiniprogram.TouchEvent) {
      const id = Number((e.currentTarget.dataset as { id: number }).id)
      const row = this.data.rows.find((r) => r.id === id)
      if (!row) return
      this.confirmThen(this.data.s.bookings.cancel, t('bookings.cancelConfirm', { when: row.when }), () => cancelBooking(id), this.data.s.bookings.cancelled)
    },
    reschedule(e: WechatMiniprogram.TouchEvent) {
      const id = Number((e.currentTarget.dataset as { id: number }).id)
      const row = this.data.rows.find((r) => r.id === id)
      if (!row) return
      wx.navigateTo({ url: `/pages/booking/booking?reschedule=${row.id}&kind=${row.type}` })
    },
    async accept(e: WechatMiniprogram.TouchEvent) {
      const id = Number((e.currentTarget.dataset as { id: number }).id)
      if (this.data.busy) return
      this.setData({ busy: true })
      try {
        const b = await acceptOffer(id)
        wx.showModal({ title: this.data.s.common.done, content: b?.message || this.data.s.bookings.accepted, showCancel: false })
      } catch {
        /* shown by the request wrapper (taken or expired meanwhile) */
      }
      this.setData({ busy: false })
      await this.load()
    },
    decline(e: WechatMiniprogram.TouchEvent) {
      const id = Number((e.currentTarget.dataset as { id: number }).id)
      const offer = this.data.offers.find((o) => o.id === id)
      if (!offer) return
      this.confirmThen(this.data.s.bookings.decline, t('bookings.declineConfirm', { when: offer.when }), () => declineOffer(id), this.data.s.bookings.declined)
    },
    leave(e: WechatMiniprogram.TouchEvent) {
      const id = Number((e.currentTarget.dataset as { id: number }).id)
      const w = this.data.waiting.find((x) => x.id === id)
      if (!w) return
      this.confirmThen(this.data.s.bookings.leave, t('bookings.leaveConfirm', { when: w.when }), () => leaveWaitlist(id), this.data.s.bookings.left)
    },
    newBooking() {
      wx.navigateTo({ url: '/pages/booking/booking' })
    },
  },
})
