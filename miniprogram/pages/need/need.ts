/** "I need help with …": free text → POST /me/needs → the service and the department responsible; choices when unsure. */
import { strings } from '../../core/i18n'
import { showError } from '../../core/request'
import { listChildren } from '../../services/children'
import { chooseService, listNeeds, submitNeed, type Need, type NeedAnswer } from '../../services/needs'

interface Choice {
  service: string
  title: string
  departmentsText: string
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
      this.setData({ sending: true, answer: null, choices: [], chosen: -1 })
      try {
        const a: NeedAnswer = await submitNeed(text, d.children[d.childIndex]?.id)
        const names = d.s.labels.service as Record<string, string>
        const choices: Choice[] = (a.ask === false ? [] : (a.alternatives ?? [])).map((alt) => ({ service: alt.service, title: alt.title ?? names[alt.service] ?? alt.service, departmentsText: (alt.departments ?? []).join('、') }))
        this.setData({
          sending: false,
          text: '',
          needId: a.needId,
          choiceMessage: '',
          answer: { service: a.serviceTitle ?? names[a.service] ?? a.service, departmentsText: a.departments.join('、'), urgent: a.urgent, message: a.message ?? '' },
          choices,
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
        this.setData({ chosen: i, [`choices[${i}].departmentsText`]: r.departments.join('、'), choiceMessage: r.message })
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
