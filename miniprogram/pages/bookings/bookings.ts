/** My bookings: GET /me/bookings; cancel with DELETE /me/bookings/:id after a confirmation. */
import { strings, t } from '../../core/i18n'
import { formatWhen, placeOf, providerName } from '../../core/format'
import { cancelBooking, myBookings } from '../../services/booking'

interface BookingRow {
  id: number
  when: string
  kind: string
  status: string
  statusText: string
  where: string
  canCancel: boolean
}

Component({
  data: {
    s: strings(),
    loading: true,
    rows: [] as BookingRow[],
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
      try {
        const list = await myBookings()
        const rows = list
          .slice()
          .sort((a, b) => a.start.localeCompare(b.start))
          .map((b) => ({
            id: b.id,
            when: formatWhen(b.start),
            kind: b.typeName ?? s.labels.kind[b.type] ?? b.type,
            status: b.status,
            statusText: s.labels.bookingStatus[b.status] ?? b.status,
            where: `${providerName(b.provider)} · ${placeOf(b)}`,
            canCancel: b.status === 'booked' && new Date(b.start).getTime() > Date.now(),
          }))
        this.setData({ loading: false, rows })
      } catch {
        this.setData({ loading: false })
      }
    },
    cancel(e: WechatMiniprogram.TouchEvent) {
      const id = Number((e.currentTarget.dataset as { id: number }).id)
      const row = this.data.rows.find((r) => r.id === id)
      if (!row) return
      const s = this.data.s
      wx.showModal({
        title: s.bookings.cancel,
        content: t('bookings.cancelConfirm', { when: row.when }),
        confirmText: s.common.confirm,
        cancelText: s.common.cancel,
        success: async (r) => {
          if (!r.confirm) return
          try {
            await cancelBooking(id)
            wx.showToast({ title: s.bookings.cancelled, icon: 'success' })
          } catch {
            /* shown by the request wrapper */
          }
          await this.load()
        },
      })
    },
    newBooking() {
      wx.navigateTo({ url: '/pages/booking/booking' })
    },
  },
})
