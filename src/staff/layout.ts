/** The page shell: language, navigation, sign-out, flash message; and the console's stylesheet. */
import { html, raw, type Html } from './html'
import { translator, type Language, type Translate } from '../shared/i18n'
import type { StaffView } from '../domain/staff/staff.service'

export interface View {
  lang: Language
  tr: Translate
  staff: StaffView | null
  csrf: string
  /** The path and query of this page (for the language switch to come back to). */
  here: string
}

export const makeView = (lang: Language, staff: StaffView | null, csrf: string, here: string): View => ({ lang, tr: translator(lang), staff, csrf, here })

/** A hidden CSRF field for a form. */
export const csrfField = (v: View): Html => html`<input type="hidden" name="_csrf" value="${v.csrf}">`

/** A small POST form with one button (claim, close, mark attended …). */
export function postButton(v: View, action: string, label: string, fields: Record<string, string> = {}, style: 'primary' | 'plain' = 'plain'): Html {
  return html`<form method="post" action="${action}" class="inline">${csrfField(v)}${Object.entries(fields).map(([k, val]) => html`<input type="hidden" name="${k}" value="${val}">`)}<button type="submit" class="${style}">${label}</button></form>`
}

export function page(v: View, title: string, body: Html, opts: { flash?: string | null; error?: string | null; status?: number } = {}): string {
  const { tr } = v
  const nav: Array<[string, string, boolean]> = v.staff
    ? [
        ['/staff/queue', tr('console:nav.queue'), v.staff.role !== 'provider'],
        ['/staff/key-cases', tr('console:nav.keyCases'), v.staff.role !== 'provider' && v.staff.role !== 'department'],
        ['/staff/schedule', tr('console:nav.schedule'), true],
        ['/staff/providers', tr('console:nav.providers'), v.staff.role === 'admin' || v.staff.role === 'department'],
        ['/staff/figures', tr('console:nav.figures'), v.staff.role !== 'provider'],
        ['/staff/audit', tr('console:nav.audit'), v.staff.role === 'admin'],
        ['/staff/accounts', tr('console:nav.accounts'), v.staff.role === 'admin'],
      ]
    : []
  const other: Language = v.lang === 'en' ? 'zh-CN' : 'en'
  const doc = html`<!doctype html>
<html lang="${v.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${tr('console:app.name')}</title>
<link rel="stylesheet" href="/staff/console.css">
</head>
<body>
<a class="skip" href="#main">${tr('console:app.skip')}</a>
<header>
  <p class="brand">${tr('console:app.name')}</p>
  ${v.staff ? html`<nav aria-label="${tr('console:nav.label')}"><ul>${nav.filter((n) => n[2]).map(([href, label]) => html`<li><a href="${href}"${v.here.startsWith(href) ? raw(' aria-current="page"') : ''}>${label}</a></li>`)}</ul></nav>` : ''}
  <div class="who">
    <a href="/staff/lang?to=${other}&amp;back=${encodeURIComponent(v.here)}" lang="${other}" hreflang="${other}">${tr(`console:lang.${other}`)}</a>
    ${v.staff
      ? html`<span>${tr('console:app.signedInAs', { username: v.staff.username, role: tr(`staff:roles.${v.staff.role}`) })}</span>
    <form method="post" action="/staff/sign-out" class="inline">${csrfField(v)}<button type="submit" class="plain">${tr('console:signIn.signOut')}</button></form>`
      : ''}
  </div>
</header>
<main id="main">
<h1>${title}</h1>
${opts.flash ? html`<p class="flash" role="status">✓ ${opts.flash}</p>` : ''}
${opts.error ? html`<div class="error" role="alert"><p>⚠ ${opts.error}</p></div>` : ''}
${body}
</main>
</body>
</html>
`
  return doc.value
}

/** Plain, large, high-contrast; meaning never by colour alone (every state is also a word). */
export const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",system-ui,sans-serif;font-size:18px;line-height:1.6;color:#1a1a1a;background:#fafafa}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:10}
header{display:flex;flex-wrap:wrap;gap:12px 24px;align-items:center;padding:12px 20px;background:#fff;border-bottom:2px solid #444}
.brand{font-weight:700;margin:0}
nav ul{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;margin:0;padding:0}
nav a{display:inline-block;padding:8px 4px;min-height:44px}
nav a[aria-current=page]{font-weight:700;text-decoration:underline 3px}
.who{margin-left:auto;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
main{padding:16px 20px;max-width:1200px}
h1{font-size:1.6em;margin:.4em 0}
h2{font-size:1.25em;margin:1.2em 0 .4em}
a{color:#0b4f9c}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #999;padding:8px;text-align:left;vertical-align:top}
th{background:#eee}
form{margin:.5em 0}
form.inline{display:inline;margin:0}
label{display:block;font-weight:600;margin:.6em 0 .2em}
input,select,textarea{font:inherit;padding:8px;min-height:44px;border:2px solid #555;border-radius:4px;max-width:100%}
textarea{width:100%;min-height:120px}
fieldset{border:1px solid #999;border-radius:4px;margin:.6em 0}
fieldset label{display:flex;gap:10px;align-items:center;font-weight:400;min-height:44px;margin:0}
input[type=radio],input[type=checkbox]{width:24px;height:24px;min-height:0;margin:0}
button{font:inherit;min-height:44px;min-width:44px;padding:8px 16px;border:2px solid #0b4f9c;border-radius:4px;background:#fff;color:#0b4f9c;cursor:pointer}
button.primary{background:#0b4f9c;color:#fff}
button:focus,a:focus,input:focus,select:focus,textarea:focus{outline:3px solid #f5a623;outline-offset:2px}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end}
.filters label{margin:0}
.flash{border:2px solid #1e7b34;background:#eaf6ec;padding:8px 12px}
.error{border:2px solid #b00020;background:#fdecee;padding:8px 12px}
.tag{display:inline-block;border:1px solid #333;border-radius:3px;padding:0 6px;font-size:.9em}
.tag.urgent,.tag.overdue,.tag.red{border-width:2px;font-weight:700}
.msg{background:#fff;border:1px solid #999;border-radius:4px;padding:8px 12px;margin:8px 0;white-space:pre-wrap}
.msg.staff{border-left:6px solid #0b4f9c}
.msg.family{border-left:6px solid #666}
.meta{color:#444;font-size:.9em}
.actions{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start;margin:12px 0}
.card{background:#fff;border:1px solid #999;border-radius:4px;padding:8px 16px;margin:12px 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dt{font-weight:600}dd{margin:0}
`
