/** "I need help with …": free text → POST /me/needs → the service and the department responsible; choices when unsure. */
import { strings, t } from '../../core/i18n'
import { showError } from '../../core/request'
import { listChildren } from '../../services/children'
import { chooseService, listNeeds, submitNeed, type Need, type NeedAnswer, type NeedReferral } from '../../services/needs'

interface Choice {
  service: string
  title: string
  departmentsText: string
}

/** A referral in plain words: "已转给 市教育局（问题编号 13）". */
interface Referral {
  ticketId: number
  title: string
  text: string
}

const serviceTitle = (service: string): string => (strings().labels.service as Record<string, string>)[service] ?? service

function referralLine(r: NeedReferral): Referral {
  const departments = r.departments.join('、') || strings().need.theDepartment
  return { ticketId: r.ticketId, title: serviceTitle(r.service), text: t('need.referredTo', { departments, ticketId: r.ticketId }) }
}

/** The services to offer when the answer is unsure: `choices` (2–3), or the older `alternatives` from a server without it. */
function choicesOf(a: NeedAnswer): Choice[] {
  const unsure = a.ask === true || a.service === 'none'
  if (!unsure) return []
  const offered = a.choices ?? (a.alternatives ?? []).map((alt) => alt.service)
  const titles = new Map((a.alternatives ?? []).map((alt) => [alt.service, alt]))
  return offered
    .filter((service, i) => service !== 'none' && offered.indexOf(service) === i)
    .map((service) => ({ service, title: titles.get(service)?.title ?? serviceTitle(service), departmentsText: (titles.get(service)?.departments ?? []).join('、') }))
}

Component({
  data: {
    s: strings(),
    text: '',
    children: [] as Array<{ id: number; name: string }>,
    childIndex: -1,
    sending: false,
    needId: 0,
    answer: null as null | { service: string; departmentsText: string; urgent: boolean; message: string },
    choiceMessage: '',
    choices: [] as Choice[],
    chosen: -1,
    referrals: [] as Referral[],
    history: [] as Array<Need & { departmentsText: string }>,
  },
  lifetimes: {
    attached() {
      this.setData({ s: strings() })
      void this.load()
    },
  },
  methods: {
    async load() {
      try {
        const [children, history] = await Promise.all([listChildren().catch(() => []), listNeeds().catch(() => [])])
        this.setData({ children: children.map((c) => ({ id: c.id, name: c.name })), history: history.map((n) => ({ ...n, departmentsText: n.departments.join('、') })) })
      } catch {
        /* the page still works without the lists */
      }
    },
    onText(e: WechatMiniprogram.Input) {
      this.setData({ text: e.detail.value })
    },
    pickChild(e: WechatMiniprogram.TouchEvent) {
      const i = Number((e.currentTarget.dataset as { index: number }).index)
      this.setData({ childIndex: this.data.childIndex === i ? -1 : i })
    },
    async send() {
      const d = this.data
      const text = d.text.trim()
      if (!text) {
        wx.showToast({ title: d.s.need.empty, icon: 'none' })
        return
      }
      this.setData({ sending: true, answer: null, choices: [], chosen: -1, referrals: [] })
      try {
        const a: NeedAnswer = await submitNeed(text, d.children[d.childIndex]?.id)
        this.setData({
          sending: false,
          text: '',
          needId: a.needId,
          choiceMessage: '',
          answer: { service: a.serviceTitle ?? serviceTitle(a.service), departmentsText: a.departments.join('、'), urgent: a.urgent, message: a.message ?? '' },
          choices: choicesOf(a),
          referrals: (a.referrals ?? []).map(referralLine),
        })
        void this.load()
      } catch (e) {
        this.setData({ sending: false })
        showError(e)
      }
    },
    async choose(e: WechatMiniprogram.TouchEvent) {
      const i = Number((e.currentTarget.dataset as { index: number }).index)
      const choice = this.data.choices[i]
      if (!choice || this.data.chosen === i) return
      try {
        const r = await chooseService(this.data.needId, choice.service)
        const referrals = r.outcome === 'referred' && r.ticketId ? [referralLine({ service: r.service, departments: r.departments, ticketId: r.ticketId })] : []
        this.setData({ chosen: i, [`choices[${i}].departmentsText`]: r.departments.join('、'), choiceMessage: r.message, referrals })
        void this.load()
      } catch {
        /* shown by the request wrapper */
      }
    },
    goMessages() {
      wx.switchTab({ url: '/pages/messages/messages' })
    },
  },
})
