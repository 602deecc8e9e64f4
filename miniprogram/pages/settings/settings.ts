/**
 * Settings: language (zh-CN/en); family members (invite the other parent, or join with a code);
 * privacy: see, export and erase the family's data. Before erasing, the page shows the service's
 * own `erasureNotice` (erasure is for every guardian of the family) and asks to confirm.
 */
import { setLang, strings, currentLang, type Lang } from '../../core/i18n'
import { signOut } from '../../core/request'
import { applyTabBar } from '../../core/tabbar'
import { eraseMyFamily, exportMyData, getMe, setMyLanguage } from '../../services/me'

Component({
  data: {
    s: strings(),
    lang: 'zh-CN' as Lang,
    langs: [] as Array<{ value: Lang; label: string }>,
    data: '',
    busy: false,
  },
  lifetimes: {
    attached() {
      this.refresh()
    },
  },
  methods: {
    refresh() {
      const s = strings()
      this.setData({ s, lang: currentLang(), langs: (['zh-CN', 'en'] as Lang[]).map((value) => ({ value, label: s.labels.language[value] })) })
    },
    chooseLang(e: WechatMiniprogram.TouchEvent) {
      const lang = (e.currentTarget.dataset as { lang: Lang }).lang
      setLang(lang)
      this.refresh()
      applyTabBar()
      wx.showToast({ title: this.data.s.settings.changed, icon: 'none' })
      // Tell the service too, so reminders and staff answers come in this language.
      setMyLanguage(lang).catch(() => undefined)
    },
    async see() {
      this.setData({ busy: true })
      try {
        const all = await exportMyData()
        this.setData({ busy: false, data: JSON.stringify(all, null, 2) })
      } catch {
        this.setData({ busy: false })
      }
    },
    async exportData() {
      try {
        const all = await exportMyData()
        wx.setClipboardData({ data: JSON.stringify(all, null, 2), success: () => wx.showToast({ title: this.data.s.settings.exported, icon: 'none' }) })
      } catch {
        /* shown by the request wrapper */
      }
    },
    family() {
      wx.navigateTo({ url: '/pages/family/family' })
    },
    async erase() {
      const s = this.data.s
      // Ask the service what erasing means for this family (other guardians lose it too).
      let notice: string
      try {
        const me = await getMe()
        notice = me.erasureNotice ? `${me.erasureNotice}\n${s.settings.eraseConfirm}` : s.settings.eraseConfirm
      } catch {
        return // the wrapper has said why; nothing is erased without the notice
      }
      wx.showModal({
        title: s.settings.erase,
        content: notice,
        confirmText: s.common.confirm,
        cancelText: s.common.cancel,
        success: async (r) => {
          if (!r.confirm) return
          try {
            await eraseMyFamily()
            signOut()
            this.setData({ data: '' })
            wx.showModal({ title: s.common.done, content: s.settings.erased, showCancel: false })
            wx.reLaunch({ url: '/pages/home/home' })
          } catch {
            /* shown by the request wrapper */
          }
        },
      })
    },
  },
})
