/**
 * Where the API is and how this build signs in. Edit before a release (or set `apiBase` in the
 * storage from the developer tool's console: wx.setStorageSync('apiBase', 'http://192.168.1.10:3000')).
 */
export interface AppConfig {
  /** The service's address (HTTPS and listed as a request domain in the WeChat admin console for real use). */
  apiBase: string
  /**
   * Development only: sign in as `dev:<name>` instead of a wx.login code (a server without
   * WX_APPID/WX_SECRET accepts it; production refuses it). Empty: real WeChat sign-in.
   */
  devSignInName: string
  /** Subscription-message template id for booking reminders (the server's WX_TEMPLATE_BOOKING_REMINDER). */
  bookingReminderTemplateId: string
}

export const config: AppConfig = {
  apiBase: 'http://localhost:3000',
  devSignInName: 'devtools',
  bookingReminderTemplateId: '',
}

/** The API base, with a developer override from storage. */
export function apiBase(): string {
  try {
    const override = wx.getStorageSync('apiBase')
    if (typeof override === 'string' && override) return override.replace(/\/+$/, '')
  } catch {
    /* storage unavailable: use the built-in address */
  }
  return config.apiBase
}
