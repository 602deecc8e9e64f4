/**
 * The staff console under /staff: server-rendered pages and plain forms, no build step and no
 * script. Every page calls the same domain functions and policies as the staff API
 * (src/miniprogram-api/routes/staff); the domain decides who may do what and writes the audit log.
 * Forms post back here, are checked for their CSRF token, and redirect (303) to the page with a
 * short confirmation. Errors show as a page in the staff member's language.
 */
import Router from '@koa/router'
import type { Context } from 'koa'
import { AppError, isAppError, isUnavailableError } from '../shared/errors'
import { localDate } from '../shared/dates'
import { normaliseLanguage, type Language } from '../shared/i18n'
import { createStaff, getStaff, listStaff, signIn, signOut, STAFF_ROLES, type StaffView } from '../domain/staff/staff.service'
import { mayReadFamily, readFamilyRecord, revealIdNumber } from '../domain/staff/family-record'
import { listAudit } from '../domain/audit/audit.service'
import { claimTicket, closeTicket, departmentsOfJurisdiction, getTicketThread, listQueue, replyToFamily, setReferralState, ticketPermissions, transferTicket, type QueueFilter } from '../domain/tickets/tickets.service'
import { getKeyCaseDetail, listKeyCasesFor, recordContact, setRiskLevel, RISK_LEVELS, type DueFilter, type RiskLevel } from '../domain/keycases/keycases.service'
import { authorize, can } from '../domain/policies/policies'
import { keyCaseResource } from '../domain/keycases/keycases.service'
import { monthlyFigures, figuresCsv } from '../domain/reports/monthly'
import { jurisdictionList } from '../content'
import { markAttendanceAsStaff, providersForStaff, scheduleForStaff } from '../domain/reports/schedules'
import type { DomainContext } from '../domain/context'
import { html } from './html'
import { CSS, makeView, page, type View } from './layout'
import { checkCsrf, clearSessionCookie, consoleLanguage, csrfToken, currentStaff, readForm, safeBack, sessionToken, setLanguage, setSessionCookie } from './session'
import { errorText, serviceLabel } from './pages/common'
import { KINDS, PRIORITIES, SERVICES, STATUSES, answerNotSentPage, queuePage, threadPage } from './pages/queue'
import { DUE_FILTERS, familyPage, keyCasePage, keyCasesPage, revealPage } from './pages/records'
import { accountsPage, auditPage, figuresPage, schedulePage } from './pages/work'
import { providersPage } from './pages/providers'
import {
  addClosedDaysAsStaff, cancelSlotAsStaff, closeSlotAsStaff, createProviderWithPlanAsStaff, createVenueAsStaff, getProviderAsStaff, listProvidersAsStaff, listVenuesAsStaff, reopenSlotAsStaff,
  CLOSED_REASONS, SESSION_MODES, VENUE_KINDS,
} from '../domain/booking-staff/booking-staff.service'
import { SESSION_KINDS } from '../content/vocabulary'

/** Confirmations a redirect may ask a page to show (anything else is ignored). */
const DONE = new Set(['created', 'claimed', 'answered', 'transferred', 'closed', 'referral_accepted', 'referral_rejected', 'referral_done', 'contact', 'visit', 'risk', 'attended', 'no_show', 'signedOut', 'session_cancelled', 'slot_closed', 'slot_opened', 'provider_added', 'closed_day', 'closed_day_booked', 'venue_added'])

/** Audit entries on one page (older ones behind a link). */
const AUDIT_PAGE = 100

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
}

const pick = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined => (typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined)
const qs = (ctx: Context, name: string): string | undefined => {
  const v = ctx.query[name]
  return typeof v === 'string' && v.trim() ? v.trim() : undefined
}
const idParam = (ctx: Context): number => {
  const id = Number((ctx.params as Record<string, string>).id)
  if (!Number.isInteger(id) || id <= 0) throw new AppError('not_found', 'no such page')
  return id
}
/** The path and query of the page a form was posted from (our own pages only), or null. */
function refererPath(ctx: Context): string | null {
  try {
    const u = new URL(ctx.get('referer'))
    return u.origin === ctx.origin ? u.pathname + u.search : null
  } catch {
    return null
  }
}
const field = (form: URLSearchParams, name: string, max: number): string => (form.get(name) ?? '').slice(0, max)

interface Req {
  ctx: Context
  staff: StaffView
  lang: Language
  view: (title?: string) => View
  render: (title: string, body: ReturnType<typeof html>, status?: number) => void
}

export function consoleRouter(dctx: DomainContext): Router {
  const router = new Router({ prefix: '/staff' })

  const viewFor = (ctx: Context, staff: StaffView | null): View => makeView(consoleLanguage(ctx), staff, csrfToken(dctx, ctx), ctx.originalUrl)

  const send = (ctx: Context, v: View, title: string, body: ReturnType<typeof html>, status = 200, error?: string) => {
    const done = qs(ctx, 'done')
    ctx.status = status
    ctx.type = 'text/html; charset=utf-8'
    ctx.body = page(v, title, body, { flash: done && DONE.has(done) ? v.tr(`console:done.${done}`) : null, error: error ?? null })
  }

  const fail = async (ctx: Context, e: unknown) => {
    const staff = await currentStaff(dctx, ctx).catch(() => null)
    const v = viewFor(ctx, staff)
    let err: AppError
    if (isAppError(e)) err = e
    else if (isUnavailableError(e)) {
      // The database is away for a moment: 503 and the words for it, not "something went wrong".
      dctx.log.warn({ path: ctx.path }, 'database unavailable')
      err = new AppError('unavailable', 'database unavailable', { details: { reason: 'unavailable' } })
      ctx.set('Retry-After', '10')
    } else {
      // Type and code only: a driver's message can quote the values of a family's record.
      dctx.log.error({ err: { type: (e as Error)?.name, code: (e as { code?: string })?.code }, path: ctx.path }, 'console request failed')
      err = new AppError('internal', 'internal error')
    }
    const back = ctx.method === 'POST' ? safeBack(refererPath(ctx)) : '/staff/queue'
    send(ctx, v, v.tr('console:errors.title'), html`<p><a href="${back}">${v.tr('console:errors.back')}</a></p>`, err.status, errorText(v, err))
  }

  /** A page or form for a signed-in staff member; without a session, the sign-in page (then back here). */
  const signedIn = (fn: (r: Req) => Promise<void>) => async (ctx: Context) => {
    try {
      const staff = await currentStaff(dctx, ctx)
      if (!staff) {
        if (ctx.method === 'GET') return ctx.redirect(`/staff/sign-in?back=${encodeURIComponent(ctx.originalUrl)}`)
        throw new AppError('unauthenticated', 'sign in first')
      }
      const lang = consoleLanguage(ctx)
      const view = () => viewFor(ctx, staff)
      await fn({ ctx, staff, lang, view, render: (title, body, status) => send(ctx, view(), title, body, status) })
    } catch (e) {
      await fail(ctx, e)
    }
  }

  /** A form post: CSRF checked, then `fn` returns where to go (303). */
  const action = (fn: (r: Req, form: URLSearchParams) => Promise<string>) =>
    signedIn(async (r) => {
      const form = await readForm(r.ctx)
      checkCsrf(dctx, r.ctx, form, 'session')
      const to = await fn(r, form)
      r.ctx.status = 303
      r.ctx.redirect(to)
    })

  router.use(async (ctx, next) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) ctx.set(k, v)
    await next()
  })

  router.get('/console.css', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=3600')
    ctx.type = 'text/css; charset=utf-8'
    ctx.body = CSS
  })

  /** Where a staff member lands: providers on their schedule (they have no queue), everyone else on the queue. */
  const homeOf = (role: string): string => (role === 'provider' ? '/staff/schedule' : '/staff/queue')

  router.get('/', async (ctx) => {
    try {
      const staff = await currentStaff(dctx, ctx)
      ctx.redirect(staff ? homeOf(staff.role) : '/staff/sign-in')
    } catch (e) {
      await fail(ctx, e)
    }
  })

  router.get('/lang', (ctx) => {
    setLanguage(ctx, normaliseLanguage(qs(ctx, 'to')))
    ctx.redirect(safeBack(qs(ctx, 'back')))
  })

  const signInPage = (ctx: Context, status = 200, error?: string) => {
    const v = viewFor(ctx, null)
    const back = safeBack(qs(ctx, 'back'), '') // none: the staff member's own landing page after sign-in
    send(
      ctx,
      v,
      v.tr('console:signIn.title'),
      html`<form method="post" action="/staff/sign-in" class="card">
<input type="hidden" name="_csrf" value="${v.csrf}"><input type="hidden" name="back" value="${back}">
<label for="username">${v.tr('console:signIn.username')}</label><input id="username" name="username" autocomplete="username" required maxlength="64">
<label for="password">${v.tr('console:signIn.password')}</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">
<p><button type="submit" class="primary">${v.tr('console:signIn.submit')}</button></p>
</form>
<p class="meta">${v.tr('console:signIn.help')}</p>`,
      status,
      error,
    )
  }

  router.get('/sign-in', async (ctx) => {
    const signedInAlready = await currentStaff(dctx, ctx)
    if (signedInAlready) return ctx.redirect(safeBack(qs(ctx, 'back'), homeOf(signedInAlready.role)))
    signInPage(ctx)
  })

  router.post('/sign-in', async (ctx) => {
    try {
      const form = await readForm(ctx)
      checkCsrf(dctx, ctx, form, 'pre')
      const s = await signIn(dctx, field(form, 'username', 64).trim(), field(form, 'password', 200))
      setSessionCookie(ctx, s.token, s.expiresAt, dctx.clock.now())
      ctx.status = 303
      ctx.redirect(safeBack(form.get('back'), homeOf(s.staff.role)))
    } catch (e) {
      if (!isAppError(e)) return fail(ctx, e)
      const v = viewFor(ctx, null)
      const msg = e.code === 'unauthenticated' ? v.tr('staff:errors.wrongPassword') : e.details?.reason === 'locked' ? v.tr('staff:errors.locked') : errorText(v, e)
      signInPage(ctx, e.status, msg)
    }
  })

  router.post('/sign-out', async (ctx) => {
    try {
      const form = await readForm(ctx)
      const token = sessionToken(ctx)
      if (token) {
        checkCsrf(dctx, ctx, form, 'session')
        await signOut(dctx, token)
      }
      clearSessionCookie(ctx)
      ctx.status = 303
      ctx.redirect('/staff/sign-in?done=signedOut')
    } catch (e) {
      await fail(ctx, e)
    }
  })

  // —— queue and threads ——
  router.get(
    '/queue',
    signedIn(async ({ ctx, staff, view, render }) => {
      if (staff.role === 'provider') return ctx.redirect(homeOf(staff.role)) // no queue of their own
      const filter: QueueFilter = {
        kind: pick(qs(ctx, 'kind'), KINDS),
        priority: pick(qs(ctx, 'priority'), PRIORITIES),
        status: pick(qs(ctx, 'status'), STATUSES) ?? 'open',
        service: pick(qs(ctx, 'service'), SERVICES),
      }
      // Department staff see their own department's referrals; the others may narrow the queue to one department.
      const departments = staff.role === 'department' ? [] : departmentsOfJurisdiction(staff.jurisdiction ?? '')
      filter.department = pick(qs(ctx, 'department'), departments)
      const items = await listQueue(dctx, staff, filter)
      render(view().tr('console:queue.title'), queuePage(view(), items, filter, departments))
    }),
  )

  router.get(
    '/queue/:id',
    signedIn(async ({ ctx, staff, view, render }) => {
      const t = await getTicketThread(dctx, staff, idParam(ctx))
      const departments = departmentsOfJurisdiction(t.jurisdiction).filter((d) => !(t.kind === 'referral' && t.departments.includes(d)))
      const claimedBy = t.claimedBy ? (t.claimedBy === staff.id ? staff : await getStaff(dctx, t.claimedBy).catch(() => null)) : null
      const may = { ...(await ticketPermissions(dctx, staff, t.id)), family: t.familyId ? await mayReadFamily(dctx, staff, t.familyId) : false }
      render(view().tr('console:thread.title', { id: t.id, service: serviceLabel(view(), t.service) }), threadPage(view(), t, departments, claimedBy?.username ?? null, may))
    }),
  )

  router.post('/queue/:id/claim', action(async ({ ctx, staff }) => (await claimTicket(dctx, staff, idParam(ctx)), `/staff/queue/${idParam(ctx)}?done=claimed`)))
  router.post(
    '/queue/:id/reply',
    signedIn(async ({ ctx, staff, view, render }) => {
      const form = await readForm(ctx)
      checkCsrf(dctx, ctx, form, 'session')
      const id = idParam(ctx)
      const text = field(form, 'text', 2000)
      try {
        await replyToFamily(dctx, staff, id, text)
      } catch (e) {
        // Not sent (QA round 5, finding 5): someone else has the question, or it is finished. Say so, name who
        // has it and keep the words on the page (to copy, or to pass on to whoever has it).
        const reason = isAppError(e) && e.code === 'conflict' ? (e.details as { reason?: string; claimedByName?: string } | undefined) : undefined
        if (reason?.reason !== 'claimed_by_other' && reason?.reason !== 'ticket_closed') throw e
        return render(view().tr('console:thread.notSentTitle'), answerNotSentPage(view(), id, text, { reason: reason.reason, claimedByName: reason.claimedByName ?? null }), 409)
      }
      ctx.status = 303
      ctx.redirect(`/staff/queue/${id}?done=answered`)
    }),
  )
  router.post(
    '/queue/:id/transfer',
    action(async ({ ctx, staff }, form) => {
      await transferTicket(dctx, staff, idParam(ctx), field(form, 'department', 128), field(form, 'reason', 500))
      return `/staff/queue?done=transferred`
    }),
  )
  router.post('/queue/:id/close', action(async ({ ctx, staff }, form) => (await closeTicket(dctx, staff, idParam(ctx), field(form, 'note', 500) || undefined), `/staff/queue?done=closed`)))
  router.post(
    '/queue/:id/referral',
    action(async ({ ctx, staff }, form) => {
      const state = pick(form.get('state'), ['accepted', 'rejected', 'done'] as const)
      if (!state) throw new AppError('validation_failed', 'bad state', { fields: [{ path: 'state', message: 'validation.invalid' }] })
      await setReferralState(dctx, staff, idParam(ctx), state, field(form, 'reason', 500) || undefined)
      return `/staff/queue/${idParam(ctx)}?done=referral_${state}`
    }),
  )

  // —— families and key cases ——
  router.get(
    '/families/:id',
    signedIn(async ({ ctx, staff, view, render }) => {
      const f = await readFamilyRecord(dctx, staff, idParam(ctx))
      render(view().tr('console:family.title', { id: f.id }), familyPage(view(), f, staff))
    }),
  )

  router.post(
    '/children/:id/reveal',
    signedIn(async ({ ctx, staff, view, render }) => {
      const form = await readForm(ctx)
      checkCsrf(dctx, ctx, form, 'session')
      const r = await revealIdNumber(dctx, staff, idParam(ctx))
      const familyId = Number(form.get('familyId')) || 0
      render(view().tr('console:family.revealTitle'), revealPage(view(), r.childId, familyId, r.idNumber))
    }),
  )

  router.get(
    '/key-cases',
    signedIn(async ({ ctx, staff, view, render }) => {
      const due = pick(qs(ctx, 'due'), DUE_FILTERS) as DueFilter | undefined
      const items = await listKeyCasesFor(dctx, staff, due)
      render(view().tr('console:keyCases.title'), keyCasesPage(view(), items, due))
    }),
  )

  router.get(
    '/key-cases/:id',
    signedIn(async ({ ctx, staff, view, render }) => {
      const k = await getKeyCaseDetail(dctx, staff, idParam(ctx))
      render(view().tr('console:keyCases.caseTitle', { id: k.id }), keyCasePage(view(), k, localDate(dctx.clock.now()), can(staff, 'key_case.record', keyCaseResource(k))))
    }),
  )

  router.post(
    '/key-cases/:id/contacts',
    action(async ({ ctx, staff }, form) => {
      const kind = pick(form.get('kind'), ['contact', 'visit'] as const)
      if (!kind) throw new AppError('validation_failed', 'bad kind', { fields: [{ path: 'kind', message: 'validation.invalid' }] })
      await recordContact(dctx, staff, idParam(ctx), { kind, on: field(form, 'on', 10), notes: field(form, 'notes', 4000), nextStep: field(form, 'nextStep', 1000) || undefined })
      return `/staff/key-cases/${idParam(ctx)}?done=${kind}`
    }),
  )

  router.post(
    '/key-cases/:id/risk',
    action(async ({ ctx, staff }, form) => {
      const level = pick(form.get('level'), RISK_LEVELS) as RiskLevel | undefined
      if (!level) throw new AppError('validation_failed', 'bad level', { fields: [{ path: 'level', message: 'validation.invalid' }] })
      await setRiskLevel(dctx, staff, idParam(ctx), level, field(form, 'note', 2000))
      return `/staff/key-cases/${idParam(ctx)}?done=risk`
    }),
  )

  // —— schedule, figures, audit ——
  router.get(
    '/schedule',
    signedIn(async ({ ctx, staff, view, render }) => {
      const providers = await providersForStaff(dctx, staff)
      const wanted = Number(qs(ctx, 'provider'))
      const providerId = providers.find((p) => p.id === wanted)?.id ?? providers[0]?.id ?? null
      const today = localDate(dctx.clock.now())
      const dateParam = qs(ctx, 'date')
      const date = dateParam && /^\d{4}-\d{2}-\d{2}$/.test(dateParam) ? dateParam : today
      const days = qs(ctx, 'view') === 'week' ? 7 : 1
      const schedule = providerId ? await scheduleForStaff(dctx, staff, { providerId, from: date, days }) : null
      const canManage = providerId ? (await getProviderAsStaff(dctx, staff, providerId)).canManageSessions : false
      render(view().tr('console:schedule.title'), schedulePage(view(), { providers, providerId, date, days, schedule, now: dctx.clock.now(), showFamilies: staff.role !== 'provider', canManage }))
    }),
  )

  router.post(
    '/bookings/:id/attendance',
    action(async ({ ctx, staff }, form) => {
      const outcome = pick(form.get('outcome'), ['attended', 'no_show'] as const)
      if (!outcome) throw new AppError('validation_failed', 'bad outcome', { fields: [{ path: 'outcome', message: 'validation.invalid' }] })
      await markAttendanceAsStaff(dctx, staff, idParam(ctx), outcome)
      const back = safeBack(form.get('back'), '/staff/schedule')
      return `${back}${back.includes('?') ? '&' : '?'}done=${outcome}`
    }),
  )

  // —— sessions: close, reopen or cancel one time; providers, closed days, venues ——
  const slotParam = (ctx: Context): string => String((ctx.params as Record<string, string>).slotId ?? '')
  const backTo = (form: URLSearchParams, done: string, fallback = '/staff/schedule') => {
    const back = safeBack(form.get('back'), fallback)
    return `${back}${back.includes('?') ? '&' : '?'}done=${done}`
  }

  router.post(
    '/slots/:slotId/cancel',
    action(async ({ ctx, staff }, form) => {
      await cancelSlotAsStaff(dctx, staff, slotParam(ctx), field(form, 'reason', 255))
      return backTo(form, 'session_cancelled')
    }),
  )
  router.post('/slots/:slotId/close', action(async ({ ctx, staff }, form) => (await closeSlotAsStaff(dctx, staff, slotParam(ctx)), backTo(form, 'slot_closed'))))
  router.post('/slots/:slotId/open', action(async ({ ctx, staff }, form) => (await reopenSlotAsStaff(dctx, staff, slotParam(ctx)), backTo(form, 'slot_opened'))))

  /** The place the providers page is about: one's own; administrators choose (null until they do). */
  const providersPlace = (ctx: Context, staff: StaffView): string | null => {
    if (staff.role !== 'admin') return staff.jurisdiction
    const wanted = qs(ctx, 'jurisdiction') ?? staff.jurisdiction ?? undefined
    return jurisdictionList().some((j) => j.id === wanted) ? wanted! : null
  }
  const providersUrl = (staff: StaffView, jurisdiction: string | null | undefined, done: string) => `/staff/providers${staff.role === 'admin' && jurisdiction ? `?jurisdiction=${encodeURIComponent(jurisdiction)}&` : '?'}done=${done}`

  router.get(
    '/providers',
    signedIn(async ({ ctx, staff, view, render }) => {
      const jurisdiction = providersPlace(ctx, staff)
      // The page is for those who manage sessions in a place: administrators and its department staff.
      authorize(staff, 'booking.venue.manage', { type: 'booking_area', jurisdiction: jurisdiction ?? staff.jurisdiction ?? '', department: staff.department })
      const providers = await listProvidersAsStaff(dctx, staff, jurisdiction ? { jurisdiction } : {})
      const venues = jurisdiction ? await listVenuesAsStaff(dctx, staff, jurisdiction) : []
      const departments = staff.role === 'department' ? [staff.department ?? ''] : departmentsOfJurisdiction(jurisdiction ?? '')
      const accounts = (await listStaff(dctx)).filter((a) => a.role === 'provider').map((a): [string, string] => [String(a.id), a.username])
      const places = staff.role === 'admin' ? jurisdictionList().map((j): [string, string] => [j.id, j.name[view().lang] ?? j.id]) : null
      render(view().tr('console:providers.title'), providersPage(view(), { providers, venues, jurisdiction, places, departments, accounts }))
    }),
  )

  router.post(
    '/providers',
    action(async ({ staff }, form) => {
      const opt = (name: string, max: number) => field(form, name, max).trim() || null
      const num = (name: string) => (field(form, name, 8).trim() === '' ? NaN : Number(field(form, name, 8)))
      const kind = pick(form.get('kind'), SESSION_KINDS)
      if (!kind) throw new AppError('validation_failed', 'bad kind', { fields: [{ path: 'kind', message: 'validation.invalid' }] })
      const mode = pick(form.get('mode'), SESSION_MODES)
      if (!mode) throw new AppError('validation_failed', 'bad mode', { fields: [{ path: 'mode', message: 'validation.invalid' }] })
      const breakStart = opt('breakStart', 5), breakEnd = opt('breakEnd', 5)
      const jurisdiction = opt('jurisdiction', 32) ?? undefined
      const venueId = num('venueId')
      const staffId = num('staffId')
      await createProviderWithPlanAsStaff(
        dctx,
        staff,
        { displayName: field(form, 'displayName', 64), kinds: [kind], jurisdiction, department: opt('department', 64), community: opt('community', 64), staffId: Number.isInteger(staffId) && staffId > 0 ? staffId : null },
        {
          weekday: num('weekday'),
          start: field(form, 'start', 5),
          end: field(form, 'end', 5),
          breaks: breakStart && breakEnd ? [{ start: breakStart, end: breakEnd }] : [],
          sessionMinutes: num('sessionMinutes'),
          capacity: num('capacity'),
          kind,
          mode,
          venueId: Number.isInteger(venueId) && venueId > 0 ? venueId : null,
          skipPublicHolidays: true,
        },
      )
      return providersUrl(staff, jurisdiction, 'provider_added')
    }),
  )

  router.post(
    '/closed-days',
    action(async ({ staff }, form) => {
      const reason = pick(form.get('reason'), CLOSED_REASONS)
      if (!reason) throw new AppError('validation_failed', 'bad reason', { fields: [{ path: 'reason', message: 'validation.invalid' }] })
      const providerId = Number(field(form, 'providerId', 12))
      if (!Number.isInteger(providerId) || providerId <= 0) throw new AppError('validation_failed', 'bad provider', { fields: [{ path: 'providerId', message: 'validation.required' }] })
      const r = await addClosedDaysAsStaff(dctx, staff, { providerId, from: field(form, 'from', 10), to: field(form, 'to', 10), reason })
      const p = await getProviderAsStaff(dctx, staff, providerId)
      return providersUrl(staff, p.jurisdiction, r.stillBooked.length ? 'closed_day_booked' : 'closed_day')
    }),
  )

  router.post(
    '/venues',
    action(async ({ staff }, form) => {
      const kind = pick(form.get('kind'), VENUE_KINDS)
      if (!kind) throw new AppError('validation_failed', 'bad kind', { fields: [{ path: 'kind', message: 'validation.invalid' }] })
      const jurisdiction = field(form, 'jurisdiction', 32).trim() || undefined
      await createVenueAsStaff(dctx, staff, { name: field(form, 'name', 128), address: field(form, 'address', 255), kind, jurisdiction })
      return providersUrl(staff, jurisdiction, 'venue_added')
    }),
  )

  const figuresInput = (ctx: Context) => {
    const month = qs(ctx, 'month') ?? localDate(dctx.clock.now()).slice(0, 7)
    return { month, jurisdiction: qs(ctx, 'jurisdiction') }
  }

  router.get(
    '/figures',
    signedIn(async ({ ctx, staff, view, render }) => {
      const input = figuresInput(ctx)
      const isAdmin = staff.role === 'admin'
      // An administrator without a place of their own first chooses the jurisdiction.
      const f = isAdmin && !input.jurisdiction && !staff.jurisdiction ? { month: input.month, jurisdiction: '', services: [], rows: [] } : await monthlyFigures(dctx, staff, input)
      const places = isAdmin ? jurisdictionList().map((j): [string, string] => [j.id, j.name[view().lang] ?? j.id]) : null
      render(view().tr('console:figures.title', { month: f.month }), figuresPage(view(), f, places))
    }),
  )

  router.get(
    '/figures.csv',
    signedIn(async ({ ctx, staff, view }) => {
      const f = await monthlyFigures(dctx, staff, figuresInput(ctx))
      const v = view()
      const columns = ['group', 'name', 'needs', 'tickets', 'answeredInTime', 'followUps', 'followUpsOnTime', 'sessions', 'attended'].map((c) => v.tr(`console:csv.${c}`))
      ctx.type = 'text/csv; charset=utf-8'
      ctx.attachment(`figures-${f.jurisdiction.replace(/[^A-Za-z0-9_-]/g, '') || 'all'}-${f.month}.csv`)
      ctx.body = figuresCsv(f, { group: (g) => v.tr(`console:figures.groups.${g}`), columns, service: (k) => serviceLabel(v, k) })
    }),
  )

  router.get(
    '/audit',
    signedIn(async ({ ctx, staff, view, render }) => {
      const filter = { username: qs(ctx, 'username')?.slice(0, 64), action: qs(ctx, 'action')?.slice(0, 48) }
      const beforeId = Number(qs(ctx, 'beforeId')) || undefined
      const entries = await listAudit(dctx, staff, { ...filter, beforeId: beforeId && beforeId > 0 ? Math.floor(beforeId) : undefined, limit: AUDIT_PAGE })
      render(view().tr('console:audit.title'), auditPage(view(), entries, filter, AUDIT_PAGE))
    }),
  )

  router.get(
    '/accounts',
    signedIn(async ({ staff, view, render }) => {
      authorize(staff, 'staff.manage')
      const places = jurisdictionList().map((j): [string, string] => [j.id, j.name[view().lang] ?? j.id])
      render(view().tr('console:accounts.title'), accountsPage(view(), await listStaff(dctx), places))
    }),
  )

  router.post(
    '/accounts',
    action(async ({ staff }, form) => {
      authorize(staff, 'staff.manage')
      const opt = (name: string, max: number) => field(form, name, max).trim() || undefined
      const role = pick(form.get('role'), STAFF_ROLES)
      if (!role) throw new AppError('validation_failed', 'bad role', { fields: [{ path: 'role', message: 'validation.invalid' }] })
      await createStaff(dctx, {
        username: field(form, 'username', 64).trim(),
        password: field(form, 'password', 200),
        role,
        jurisdiction: opt('jurisdiction', 64),
        department: opt('department', 128),
        street: opt('street', 128),
        communities: (opt('communities', 1000) ?? '').split(/[,，、;；\n]/).map((c) => c.trim()).filter(Boolean),
        providerKind: pick(form.get('providerKind'), ['counsellor', 'instructor'] as const),
      })
      return '/staff/accounts?done=created'
    }),
  )

  router.get('/{*rest}', signedIn(async ({ view, render }) => render(view().tr('console:errors.notFound'), html`<p><a href="/staff/queue">${view().tr('console:errors.toQueue')}</a></p>`, 404)))

  return router
}
