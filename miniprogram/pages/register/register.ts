/** Registration and consent: PUT /me with the guardian, the residence and the accepted privacy notice. */
import { currentLang, strings } from '../../core/i18n'
import { fieldNotes, optionsOf, type Option } from '../../core/forms'
import { getMe, saveProfile, type ProfileInput, type Relation } from '../../services/me'
import { listJurisdictions } from '../../services/checklist'

interface Form {
  name: string
  relation: string
  phone: string
  jurisdiction: string
  district: string
  community: string
  hukouProvince: string
  hukouCity: string
  hukouCounty: string
  movedInOn: string
  residencePermit: boolean | null
}

const EMPTY: Form = { name: '', relation: '', phone: '', jurisdiction: '', district: '', community: '', hukouProvince: '', hukouCity: '', hukouCounty: '', movedInOn: '', residencePermit: null }

Component({
  data: {
    s: strings(),
    loading: true,
    saving: false,
    form: { ...EMPTY } as Form,
    notes: {} as Record<string, string>,
    relations: [] as Option[],
    relationIndex: -1,
    places: [] as Option[],
    placeIndex: -1,
    consentText: '',
    consentVersion: '',
    consentAccepted: false,
  },
  lifetimes: {
    attached() {
      void this.load()
    },
  },
  methods: {
    async load() {
      const s = strings()
      const relations = optionsOf(s.labels.relation)
      this.setData({ s, relations })
      try {
        const [me, places] = await Promise.all([getMe(), listJurisdictions()])
        const options = places.map((p) => ({ value: p.id, label: p.name }))
        const f = me.family
        const g = f?.guardians[0]
        const form: Form = f
          ? {
              name: g?.name ?? '',
              relation: g?.relation ?? '',
              phone: g?.phone ?? '',
              jurisdiction: f.jurisdiction,
              district: f.district ?? '',
              community: f.community ?? '',
              hukouProvince: f.hukou.province,
              hukouCity: f.hukou.city,
              hukouCounty: f.hukou.county,
              movedInOn: f.movedInOn,
              residencePermit: f.residencePermit,
            }
          : { ...EMPTY }
        this.setData({
          loading: false,
          form,
          places: options,
          placeIndex: options.findIndex((o) => o.value === form.jurisdiction),
          relationIndex: relations.findIndex((o) => o.value === form.relation),
          consentText: me.consentText.text,
          consentVersion: me.consentText.version,
          consentAccepted: !!f?.consent && f.consent.version === me.consentText.version,
        })
      } catch {
        this.setData({ loading: false })
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
    onPlace(e: WechatMiniprogram.PickerChange) {
      const i = Number(e.detail.value)
      this.setData({ placeIndex: i, 'form.jurisdiction': this.data.places[i]?.value ?? '' })
    },
    onDate(e: WechatMiniprogram.PickerChange) {
      this.setData({ 'form.movedInOn': String(e.detail.value) })
    },
    setPermit(e: WechatMiniprogram.TouchEvent) {
      this.setData({ 'form.residencePermit': (e.currentTarget.dataset as { value: string }).value === 'yes' })
    },
    toggleConsent() {
      this.setData({ consentAccepted: !this.data.consentAccepted })
    },
    async submit() {
      const f = this.data.form
      if (!this.data.consentAccepted) {
        this.setData({ notes: { consent: this.data.s.register.consentNeeded } })
        return
      }
      const input: ProfileInput = {
        name: f.name,
        relation: f.relation as Relation,
        phone: f.phone || undefined,
        jurisdiction: f.jurisdiction,
        district: f.district || undefined,
        community: f.community || undefined,
        hukou: { province: f.hukouProvince, city: f.hukouCity, county: f.hukouCounty },
        movedInOn: f.movedInOn,
        residencePermit: f.residencePermit === true,
        consent: { accepted: true, version: this.data.consentVersion },
        // The family's language for what the service sends on its own (reminders, staff answers).
        language: currentLang(),
      }
      this.setData({ saving: true, notes: {} })
      try {
        const me = await saveProfile(input)
        this.setData({ saving: false })
        wx.showToast({ title: this.data.s.common.saved, icon: 'success' })
        // Next step: the first child (home is a tab page: switchTab, not redirectTo).
        if (me.family && me.family.children.length) wx.switchTab({ url: '/pages/home/home' })
        else wx.redirectTo({ url: '/pages/child/child' })
      } catch (e) {
        this.setData({ saving: false, notes: fieldNotes(e) })
      }
    },
  },
})
