/**
 * Registration and consent: PUT /me with the guardian, the residence and the accepted privacy notice.
 * The place comes from GET /places: a city or county with its own list, or a province and then the
 * city in words; the page says plainly which list the family will get.
 */
import { currentLang, strings, t } from '../../core/i18n'
import { fieldNotes, optionsOf, type Option } from '../../core/forms'
import { getMe, listPlaces, saveProfile, type Place, type ProfileInput, type Relation } from '../../services/me'

interface Form {
  name: string
  relation: string
  phone: string
  jurisdiction: string
  city: string
  district: string
  community: string
  hukouProvince: string
  hukouCity: string
  hukouCounty: string
  movedInOn: string
  residencePermit: boolean | null
}

interface PlaceOption extends Option {
  ownList: boolean
  servedBy: string
}

/** "You will see the list of 山西省" for the chosen place (a province without one: the national list). */
function listNoteOf(place: PlaceOption | undefined, places: PlaceOption[]): string {
  if (!place) return ''
  if (place.ownList) return t('register.ownList', { list: place.label })
  const served = places.find((p) => p.value === place.servedBy)
  return t('register.servedBy', { list: served ? served.label : strings().register.nationalList })
}

/** The option of a stored place: its own id (`jincheng`), or the province of `shanxi.taiyuan`. */
function indexOfPlace(places: PlaceOption[], id: string): number {
  const exact = places.findIndex((p) => p.value === id)
  return exact >= 0 ? exact : places.findIndex((p) => !p.ownList && p.value === id.split('.')[0])
}

const EMPTY: Form = { name: '', relation: '', phone: '', jurisdiction: '', city: '', district: '', community: '', hukouProvince: '', hukouCity: '', hukouCounty: '', movedInOn: '', residencePermit: null }

Component({
  data: {
    s: strings(),
    loading: true,
    saving: false,
    form: { ...EMPTY } as Form,
    notes: {} as Record<string, string>,
    relations: [] as Option[],
    relationIndex: -1,
    places: [] as PlaceOption[],
    placeIndex: -1,
    /** The chosen place is a province: ask for the city in words. */
    needsCity: false,
    /** Which list the family will get, in words. */
    listNote: '',
    registered: false,
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
        const [me, places] = await Promise.all([getMe(), listPlaces()])
        const options: PlaceOption[] = places.map((p: Place) => ({ value: p.id, label: p.name, ownList: p.ownList, servedBy: p.servedBy }))
        const f = me.family
        const g = f?.guardians[0]
        const form: Form = f
          ? {
              name: g?.name ?? '',
              relation: g?.relation ?? '',
              phone: g?.phone ?? '',
              jurisdiction: f.jurisdiction,
              city: f.city ?? '',
              district: f.district ?? '',
              community: f.community ?? '',
              hukouProvince: f.hukou.province,
              hukouCity: f.hukou.city,
              hukouCounty: f.hukou.county,
              movedInOn: f.movedInOn,
              residencePermit: f.residencePermit,
            }
          : { ...EMPTY }
        const placeIndex = indexOfPlace(options, form.jurisdiction)
        if (placeIndex >= 0) form.jurisdiction = options[placeIndex]!.value
        this.setData({
          loading: false,
          registered: !!f,
          form,
          places: options,
          placeIndex,
          needsCity: placeIndex >= 0 && !options[placeIndex]!.ownList,
          listNote: listNoteOf(options[placeIndex], options),
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
      const place = this.data.places[i]
      this.setData({ placeIndex: i, 'form.jurisdiction': place?.value ?? '', needsCity: !!place && !place.ownList, listNote: listNoteOf(place, this.data.places) })
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
    joinInstead() {
      wx.navigateTo({ url: '/pages/family/family' })
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
        city: this.data.needsCity ? f.city.trim() || undefined : undefined,
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
