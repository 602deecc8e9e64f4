/**
 * Family members (several guardians):
 *   - a registered guardian gets a joining code (POST /me/family/join-code) and sends it to the
 *     other parent: shown in big digits with when it stops working;
 *   - someone not registered yet joins with that code, their name, relation, phone (optional) and
 *     the privacy notice accepted (POST /me/family/join).
 */
import { currentLang, strings, t } from '../../core/i18n'
import { fieldNotes, optionsOf, type Option } from '../../core/forms'
import { formatWhen, spacedCode } from '../../core/format'
import { createJoinCode, getMe, joinFamily, type Relation } from '../../services/me'

Component({
  data: {
    s: strings(),
    loading: true,
    registered: false,
    members: [] as Array<{ id: number; name: string; relation: string }>,
    // A registered guardian's code.
    code: '',
    codeShown: '',
    codeExpires: '',
    gettingCode: false,
    // Joining.
    form: { code: '', name: '', relation: '', phone: '' },
    relations: [] as Option[],
    relationIndex: -1,
    consentText: '',
    consentVersion: '',
    consentAccepted: false,
    notes: {} as Record<string, string>,
    joining: false,
  },
  lifetimes: {
    attached() {
      void this.load()
    },
  },
  methods: {
    async load() {
      const s = strings()
      this.setData({ s, relations: optionsOf(s.labels.relation), loading: true })
      try {
        const me = await getMe()
        const rel = s.labels.relation as Record<string, string>
        this.setData({
          loading: false,
          registered: me.registered,
          members: (me.family?.guardians ?? []).map((g) => ({ id: g.id, name: g.name, relation: rel[g.relation] ?? g.relation })),
          consentText: me.consentText.text,
          consentVersion: me.consentText.version,
        })
      } catch {
        this.setData({ loading: false })
      }
    },
    async getCode() {
      if (this.data.gettingCode) return
      this.setData({ gettingCode: true })
      try {
        const c = await createJoinCode()
        this.setData({ gettingCode: false, code: c.code, codeShown: spacedCode(c.code), codeExpires: t('family.expires', { when: formatWhen(c.expiresAt) }) })
      } catch {
        this.setData({ gettingCode: false })
      }
    },
    onInput(e: WechatMiniprogram.Input) {
      const field = (e.currentTarget.dataset as { field: string }).field
      this.setData({ [`form.${field}`]: e.detail.value })
    },
    onRelation(e: WechatMiniprogram.PickerChange) {
      const i = Number(e.detail.value)
      this.setData({ relationIndex: i, 'form.relation': this.data.relations[i]?.value ?? '' })
    },
    toggleConsent() {
      this.setData({ consentAccepted: !this.data.consentAccepted })
    },
    async join() {
      const d = this.data
      const s = d.s
      const code = d.form.code.replace(/\s/g, '')
      const notes: Record<string, string> = {}
      if (!/^\d{6}$/.test(code)) notes.code = s.family.codeNeeded
      if (!d.consentAccepted) notes.consent = s.register.consentNeeded
      if (Object.keys(notes).length) {
        this.setData({ notes })
        return
      }
      this.setData({ joining: true, notes: {} })
      try {
        await joinFamily({
          code,
          name: d.form.name,
          relation: d.form.relation as Relation,
          phone: d.form.phone || undefined,
          consent: { accepted: true, version: d.consentVersion },
          language: currentLang(),
        })
        this.setData({ joining: false })
        wx.showModal({ title: s.common.done, content: s.family.joined, showCancel: false })
        wx.switchTab({ url: '/pages/home/home' })
      } catch (e) {
        this.setData({ joining: false, notes: fieldNotes(e) })
      }
    },
  },
})
