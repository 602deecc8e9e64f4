/** Home: the family's checklist, per child and for the whole family, from GET /me and /me/checklist. */
import { strings } from '../../core/i18n'
import { applyTabBar } from '../../core/tabbar'
import { getMe } from '../../services/me'
import { myChecklist, type ChecklistItem, type PersonalChecklist } from '../../services/checklist'

interface Section {
  key: string
  title: string
  childId: number | null
  note: string
  items: Array<ChecklistItem & { open: boolean; departmentsText: string }>
}

const view = (it: ChecklistItem) => ({ ...it, open: false, departmentsText: it.departments.join('、') })

Component({
  data: {
    s: strings(),
    loading: true,
    failed: false,
    registered: false,
    hasChildren: false,
    place: '',
    notice: '',
    sections: [] as Section[],
  },
  lifetimes: {
    attached() {
      void this.load()
    },
  },
  pageLifetimes: {
    show() {
      applyTabBar()
      if (!this.data.loading) void this.load()
    },
  },
  methods: {
    async load() {
      const s = strings()
      this.setData({ s, loading: true, failed: false })
      try {
        const me = await getMe()
        if (!me.registered) {
          this.setData({ loading: false, registered: false, sections: [] })
          return
        }
        const list: PersonalChecklist = await myChecklist()
        const sections: Section[] = list.children.map((c, i) => ({
          key: `c${c.id ?? i}`,
          title: s.home.forChild.replace('{{name}}', c.name ?? '').replace('{{age}}', String(c.age)),
          childId: typeof c.id === 'number' ? c.id : c.id ? Number(c.id) : null,
          note: c.note ?? '',
          items: c.items.map(view),
        }))
        if (list.family.length) sections.push({ key: 'family', title: s.home.forFamily, childId: null, note: '', items: list.family.map(view) })
        this.setData({ loading: false, registered: true, hasChildren: list.children.length > 0, place: list.jurisdiction.name, notice: list.notice ?? '', sections })
      } catch {
        this.setData({ loading: false, failed: true })
      }
    },
    toggle(e: WechatMiniprogram.TouchEvent) {
      const { section, item } = e.currentTarget.dataset as { section: number; item: number }
      const path = `sections[${section}].items[${item}].open`
      this.setData({ [path]: !this.data.sections[section]?.items[item]?.open })
    },
    goRegister() {
      wx.navigateTo({ url: '/pages/register/register' })
    },
    /** The other parent registered already: join that family with its code. */
    goJoin() {
      wx.navigateTo({ url: '/pages/family/family' })
    },
    addChild() {
      wx.navigateTo({ url: '/pages/child/child' })
    },
    editChild(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/child/child?id=${(e.currentTarget.dataset as { id: number }).id}` })
    },
    goNeed() {
      wx.switchTab({ url: '/pages/need/need' })
    },
    goBooking() {
      wx.navigateTo({ url: '/pages/booking/booking' })
    },
  },
})
