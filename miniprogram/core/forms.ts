/** Form helpers shared by the pages: field notes from the API's `fields`, and picker options. */
import { ApiError, showError } from './request'
import { t } from './i18n'

/** `{ 'hukou.city': '这一项必须填写。' }` from a validation error; shows other errors as a dialog. */
export function fieldNotes(e: unknown): Record<string, string> {
  if (e instanceof ApiError && e.code === 'validation_failed' && e.fields.length) {
    const notes: Record<string, string> = {}
    for (const f of e.fields) notes[f.path.replace(/\./g, '_')] = f.message
    wx.showToast({ title: t('errors.fixFields'), icon: 'none' })
    return notes
  }
  showError(e)
  return {}
}

export interface Option {
  value: string
  label: string
}

/** Options of a label table (`labels.relation`), in its order. */
export const optionsOf = (table: Record<string, string>): Option[] => Object.entries(table).map(([value, label]) => ({ value, label }))
