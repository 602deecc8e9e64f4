/** A child's details: add (POST /me/children), correct (PATCH /me/children/:id) or remove. */
import { strings } from '../../core/i18n'
import { fieldNotes, optionsOf, type Option } from '../../core/forms'
import { showError } from '../../core/request'
import { addChild, listChildren, removeChild, updateChild, type ChildInput, type SchoolStage, type Sex } from '../../services/children'

interface SituationChoice extends Option {
  on: boolean
}

Component({
  data: {
    s: strings(),
    id: 0,
    loading: false,
    saving: false,
    name: '',
    sex: '',
    birthDate: '',
    stages: [] as Option[],
    stageIndex: -1,
    idNumber: '',
    maskedId: '',
    situations: [] as SituationChoice[],
    eligibility: '',
    notes: {} as Record<string, string>,
  },
  lifetimes: {
    attached() {
      const s = strings()
      this.setData({ s, stages: optionsOf(s.labels.schoolStage), situations: optionsOf(s.labels.situation).map((o) => ({ ...o, on: false })) })
    },
  },
  methods: {
    /** Page entry: `?id=<child id>` edits that child; without it, a new child. */
    async onLoad(query: Record<string, string | undefined> = {}) {
      const id = Number(query.id ?? 0)
      if (!id) return
      this.setData({ id, loading: true })
      try {
        const child = (await listChildren()).find((c) => c.id === id)
        if (!child) {
          this.setData({ loading: false })
          wx.navigateBack()
          return
        }
        this.setData({
          loading: false,
          name: child.name,
          sex: child.sex,
          birthDate: child.birthDate,
          stageIndex: this.data.stages.findIndex((o) => o.value === child.schoolStage),
          maskedId: child.idNumber ?? '',
          situations: this.data.situations.map((o) => ({ ...o, on: child.situations.includes(o.value) })),
          eligibility: child.eligibility?.reason ?? '',
        })
      } catch {
        this.setData({ loading: false })
      }
    },
    onName(e: WechatMiniprogram.Input) {
      this.setData({ name: e.detail.value })
    },
    onIdNumber(e: WechatMiniprogram.Input) {
      this.setData({ idNumber: e.detail.value })
    },
    setSex(e: WechatMiniprogram.TouchEvent) {
      this.setData({ sex: (e.currentTarget.dataset as { value: string }).value })
    },
    onDate(e: WechatMiniprogram.PickerChange) {
      this.setData({ birthDate: String(e.detail.value) })
    },
    onStage(e: WechatMiniprogram.PickerChange) {
      this.setData({ stageIndex: Number(e.detail.value) })
    },
    toggleSituation(e: WechatMiniprogram.TouchEvent) {
      const i = Number((e.currentTarget.dataset as { index: number }).index)
      this.setData({ [`situations[${i}].on`]: !this.data.situations[i]?.on })
    },
    async save() {
      const d = this.data
      const input: ChildInput = {
        name: d.name,
        sex: d.sex as Sex,
        birthDate: d.birthDate,
        schoolStage: (d.stages[d.stageIndex]?.value ?? '') as SchoolStage,
        situations: d.situations.filter((o) => o.on).map((o) => o.value),
      }
      if (d.idNumber.trim()) input.idNumber = d.idNumber.trim()
      this.setData({ saving: true, notes: {} })
      try {
        if (d.id) await updateChild(d.id, input)
        else await addChild(input)
        this.setData({ saving: false })
        wx.showToast({ title: d.s.common.saved, icon: 'success' })
        wx.switchTab({ url: '/pages/home/home' })
      } catch (e) {
        this.setData({ saving: false, notes: fieldNotes(e) })
      }
    },
    remove() {
      const d = this.data
      wx.showModal({
        title: d.s.child.remove,
        content: d.s.child.removeConfirm,
        confirmText: d.s.common.confirm,
        cancelText: d.s.common.cancel,
        success: async (r) => {
          if (!r.confirm) return
          try {
            await removeChild(d.id)
            wx.showToast({ title: d.s.child.removed, icon: 'success' })
            wx.switchTab({ url: '/pages/home/home' })
          } catch (e) {
            void e // shown by the request wrapper
          }
        },
        fail: () => showError(null),
      })
    },
  },
})
