/** Messages with staff: the family's threads (GET /me/messages) and a reply to the open question (POST). */
import { strings } from '../../core/i18n'
import { formatWhen } from '../../core/format'
import { listMessages, sendMessage } from '../../services/messages'

Component({
  data: {
    s: strings(),
    loading: true,
    canWrite: false,
    items: [] as Array<{ key: string; who: string; mine: boolean; text: string; when: string }>,
    text: '',
    sending: false,
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
        const r = await listMessages()
        this.setData({
          loading: false,
          canWrite: r.openTicketId !== null,
          items: r.messages.map((m, i) => ({ key: `${i}`, who: m.from === 'family' ? s.messages.you : s.messages.staff, mine: m.from === 'family', text: m.text, when: formatWhen(m.at) })),
        })
      } catch {
        this.setData({ loading: false })
      }
    },
    onText(e: WechatMiniprogram.Input) {
      this.setData({ text: e.detail.value })
    },
    async send() {
      const text = this.data.text.trim()
      if (!text || this.data.sending) return
      this.setData({ sending: true })
      try {
        await sendMessage(text)
        this.setData({ sending: false, text: '' })
        wx.showToast({ title: this.data.s.messages.sent, icon: 'none' })
        await this.load()
      } catch {
        this.setData({ sending: false })
      }
    },
    goNeed() {
      wx.switchTab({ url: '/pages/need/need' })
    },
  },
})
