/** The tab bar's words follow the chosen language (app.json can only hold one language). */
import { strings } from './i18n'

export function applyTabBar(): void {
  const tabs = strings().tabs
  ;[tabs.home, tabs.need, tabs.bookings, tabs.messages, tabs.settings].forEach((text, index) => wx.setTabBarItem({ index, text, fail: () => undefined }))
}
