/** The mini-program: the language is chosen once (settings) and used by every page and request. */
import { currentLang } from './core/i18n'

App<{ globalData: { lang: string } }>({
  globalData: { lang: 'zh-CN' },
  onLaunch() {
    this.globalData.lang = currentLang()
  },
})
