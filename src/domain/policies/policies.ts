/**
 * The ONE place that decides what a staff member may do. Every staff route and domain
 * function asks `can(staff, action, resource)` (or `authorize`, which throws 'forbidden').
 *
 *   admin          everything in the queue, families, key cases, the audit log, accounts
 *   department     referrals routed to its department in its jurisdiction; the family of such a referral
 *   child-director escalations, referrals, families and key cases of its communities
 *   supervisor     the same for every community of its street/township, plus what was raised to it
 *   provider       none of these (sessions are the booking module's)
 *
 * Booking sessions (`booking.*`, see BOOKING_ACTIONS):
 *   admin          every provider, venue, closed day, session and overview
 *   department     providers, venues and sessions of its own jurisdiction and department; its department's overview
 *   provider       reads and marks attendance on its own schedule only
 *   child-director / supervisor   read the schedules of their area (no changes)
 *
 * A family's record is also readable by whoever claimed one of its open escalations (QA round 4: the
 * claimer of an urgent question of a family that gave no street or community needs its phone number).
 *
 * Nobody sees an identity number unmasked, except department staff for the family of a referral
 * routed to them (`child.id_number.reveal`; the caller logs that read in the audit log).
 * Whoever a ticket is assigned to (owner) or raised to may handle it whatever their area, and so may whoever
 * claimed an escalation (claimed while its place was unknown, it stays theirs once the parent registers); once
 * an escalation is claimed, answering and closing it are its claimer's (rule `claimHolds` below). Whoever claimed
 * a ticket may still read it after it left them: closed (it keeps its claimer) or transferred (the claimers
 * in its history: `claimedEarlierBy`).
 *
 * Rule `unplacedUrgent` (a child may be in danger and we do not know where the family lives): an URGENT
 * escalation, not closed, whose street and community are both unknown (a parent who has not registered,
 * or did not say) may be read and claimed by every child director and every supervisor of its
 * jurisdiction, not of other jurisdictions. Claiming means something: once someone has claimed it (first
 * come, a claim is never taken over; answering an unclaimed one claims it), only the claimer answers,
 * closes or transfers it (besides its owner and administrators); the others still read it and are told
 * who has it (`refusedForClaimOfOther`: 409 claimed_by_other). A normal escalation without a place keeps
 * the owner rule.
 *
 * Rule `claimHolds` (QA round 5), for EVERY escalation, placed or not: once claimed, it is answered and closed
 * by its claimer (and administrators), also after the parent registers and the question gets a new owner.
 * Everyone else who may read it reads it and may not answer or close it (409 claimed_by_other, saying who has it);
 * transferring it stays with its claimer and whoever it was raised to (and administrators), not its owner (it
 * would take the question from the one handling it without telling them). A refusal on a
 * question someone else already closed says it is finished (409 ticket_closed), not "no right".
 */
import { AppError } from '../../shared/errors'
import { samePlace } from '../registry/places'
import type { StaffRole, StaffView } from '../staff/staff.service'

export type Action =
  | 'queue.list'
  | 'ticket.read'
  | 'ticket.claim'
  | 'ticket.reply'
  | 'ticket.transfer'
  | 'ticket.close'
  | 'referral.update'
  | 'family.read'
  | 'child.id_number.reveal'
  | 'key_case.read'
  | 'key_case.record'
  | 'audit.read'
  | 'staff.manage'
  | BookingAction

/** What staff do with booking sessions (kept apart from ACTIONS: providers have rights here). */
export type BookingAction =
  | 'booking.schedule.read'
  | 'booking.attendance.mark'
  | 'booking.session.manage'
  | 'booking.provider.manage'
  | 'booking.venue.manage'
  | 'booking.holiday.manage'
  | 'booking.overview.read'

export const BOOKING_ACTIONS: BookingAction[] = [
  'booking.schedule.read', 'booking.attendance.mark', 'booking.session.manage', 'booking.provider.manage', 'booking.venue.manage', 'booking.holiday.manage', 'booking.overview.read',
]

export const ACTIONS: Action[] = [
  'queue.list', 'ticket.read', 'ticket.claim', 'ticket.reply', 'ticket.transfer', 'ticket.close', 'referral.update',
  'family.read', 'child.id_number.reveal', 'key_case.read', 'key_case.record', 'audit.read', 'staff.manage',
]

/** Where something is: the family's jurisdiction, street and community (free text, compared trimmed). */
export interface Place {
  jurisdiction: string
  street: string | null
  community: string | null
}

export type Resource =
  | { type: 'none' }
  | ({
      type: 'ticket'
      kind: 'escalation' | 'referral'
      departments: string[]
      ownerStaffId: number | null
      raisedTo: number | null
      /** Read by the rule `unplacedUrgent` (absent: normal, not closed, claimed by nobody). */
      priority?: 'urgent' | 'normal'
      status?: string
      claimedBy?: number | null
      /** Staff who claimed it at some time (its history): each may still read it once it left them. */
      claimedEarlierBy?: number[]
    } & Place)
  | ({
      type: 'family'
      referralDepartments: string[]
      /** Staff who claimed one of the family's open escalations (they may read the record: a phone to call). */
      claimedBy?: number[]
    } & Place)
  | ({ type: 'key_case' } & Place)
  /** A session provider (its schedule, plans, closed days and sessions). */
  | { type: 'provider'; staffId: number | null; jurisdiction: string; department: string | null; community: string | null }
  /** A jurisdiction's (or one of its departments') booking matters: venues, holidays, overviews. */
  | { type: 'booking_area'; jurisdiction: string; department: string | null }

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.trim() === b.trim()
/** True when both streets are known and are not the same street. */
export const streetsDiffer = (a: string | null | undefined, b: string | null | undefined) => !!a?.trim() && !!b?.trim() && !samePlace(a, b)
/** Streets and communities are free text: compared loosely (spaces and one administrative suffix dropped). */
const samePlaceName = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && samePlace(a, b)

function coversPlace(staff: StaffView, place: Place): boolean {
  if (!same(staff.jurisdiction, place.jurisdiction)) return false
  // A director's community is the community of that name in the director's street (where both are known).
  if (staff.role === 'child-director') return staff.communities.some((c) => samePlaceName(c, place.community)) && !streetsDiffer(staff.street, place.street)
  if (staff.role === 'supervisor') return samePlaceName(staff.street, place.street) || staff.communities.some((c) => samePlaceName(c, place.community))
  return false
}

/** Rule `unplacedUrgent` (see the header): an urgent escalation, not closed, whose street and community are both unknown. */
export function isUnplacedUrgent(t: { kind: string; priority?: string; status?: string; street: string | null; community: string | null }): boolean {
  return t.kind === 'escalation' && t.priority === 'urgent' && t.status !== 'closed' && !t.street?.trim() && !t.community?.trim()
}

/** Whether `staff` is one of the child directors and supervisors who see an unplaced urgent escalation of `jurisdiction`. */
export const seesUnplacedUrgentOf = (staff: StaffView, jurisdiction: string) => (staff.role === 'child-director' || staff.role === 'supervisor') && same(staff.jurisdiction, jurisdiction)

const isDepartmentOf = (staff: StaffView, jurisdiction: string, departments: string[]) =>
  staff.role === 'department' && same(staff.jurisdiction, jurisdiction) && departments.some((d) => same(d, staff.department))

/** The booking rules (see the header). */
function canBooking(staff: StaffView, action: BookingAction, resource: Resource): boolean {
  const role: StaffRole = staff.role
  if (resource.type === 'provider') {
    const ownDepartment = role === 'department' && same(staff.jurisdiction, resource.jurisdiction) && same(staff.department, resource.department)
    switch (action) {
      case 'booking.schedule.read':
        if (role === 'admin' || ownDepartment) return true
        if (role === 'provider') return resource.staffId !== null && resource.staffId === staff.id
        if (!same(staff.jurisdiction, resource.jurisdiction)) return false
        if (role === 'supervisor') return true
        if (role === 'child-director') return staff.communities.some((c) => samePlaceName(c, resource.community))
        return false
      case 'booking.attendance.mark':
        return role === 'admin' || ownDepartment || (role === 'provider' && resource.staffId !== null && resource.staffId === staff.id)
      case 'booking.session.manage':
      case 'booking.provider.manage':
        return role === 'admin' || ownDepartment
      default:
        return false
    }
  }
  if (resource.type === 'booking_area') {
    if (role === 'admin') return action === 'booking.venue.manage' || action === 'booking.holiday.manage' || action === 'booking.overview.read'
    if (role !== 'department' || !same(staff.jurisdiction, resource.jurisdiction)) return false
    if (action === 'booking.venue.manage') return true
    if (action === 'booking.overview.read') return same(staff.department, resource.department)
    return false
  }
  return false
}

/** Whether `staff` may do `action` on `resource`. */
export function can(staff: StaffView, action: Action, resource: Resource = { type: 'none' }): boolean {
  const role: StaffRole = staff.role
  if (action.startsWith('booking.')) return canBooking(staff, action as BookingAction, resource)
  if (role === 'provider') return false
  switch (action) {
    case 'audit.read':
    case 'staff.manage':
      return role === 'admin'
    case 'queue.list':
      return true
    case 'ticket.read':
    case 'ticket.claim':
    case 'ticket.reply':
    case 'ticket.transfer':
    case 'ticket.close':
    case 'referral.update': {
      if (resource.type !== 'ticket') return false
      if (action === 'referral.update' && resource.kind !== 'referral') return false
      if (role === 'admin') return true
      // Rule `claimHolds`: a claimed escalation is answered and closed by its claimer only (others read it).
      const claimedByOther = resource.kind === 'escalation' && resource.claimedBy != null && resource.claimedBy !== staff.id
      if (claimedByOther && (action === 'ticket.reply' || action === 'ticket.close')) return false
      // transferring a claimed question takes it from its claimer: theirs, or the supervisor's it was raised to (QA round 6)
      if (claimedByOther && action === 'ticket.transfer' && resource.raisedTo !== staff.id) return false
      if (resource.ownerStaffId === staff.id || resource.raisedTo === staff.id) return true
      // The claimer of an escalation handles it (it may have been claimed before its place was known: rule `unplacedUrgent`).
      if (resource.kind === 'escalation' && resource.status !== 'closed' && resource.claimedBy != null && resource.claimedBy === staff.id) return true
      if (action === 'ticket.read' && (resource.claimedBy === staff.id || resource.claimedEarlierBy?.includes(staff.id))) return true
      if (role === 'department') return resource.kind === 'referral' && isDepartmentOf(staff, resource.jurisdiction, resource.departments)
      // Rule `unplacedUrgent`: every director and supervisor of the jurisdiction reads and claims it; answering
      // is theirs while nobody has claimed it (answering claims it), then the claimer's, as are closing and transferring.
      if (isUnplacedUrgent(resource) && seesUnplacedUrgentOf(staff, resource.jurisdiction)) {
        if (action === 'ticket.read' || action === 'ticket.claim') return true
        if (action === 'ticket.reply' && resource.claimedBy == null) return true
        return resource.claimedBy != null && resource.claimedBy === staff.id
      }
      // Child directors and supervisors follow their families' referrals (read) and handle their escalations.
      if (!coversPlace(staff, resource)) return false
      if (resource.kind === 'referral') return action === 'ticket.read'
      return true
    }
    case 'family.read':
      if (resource.type !== 'family') return false
      if (role === 'admin') return true
      // whoever claimed one of its open escalations (e.g. an urgent one of a family that gave no street or community)
      if (resource.claimedBy?.includes(staff.id)) return true
      if (role === 'department') return isDepartmentOf(staff, resource.jurisdiction, resource.referralDepartments)
      return coversPlace(staff, resource)
    case 'child.id_number.reveal':
      return resource.type === 'family' && isDepartmentOf(staff, resource.jurisdiction, resource.referralDepartments)
    case 'key_case.read':
    case 'key_case.record':
      if (resource.type !== 'key_case') return false
      if (role === 'admin') return action === 'key_case.read'
      return coversPlace(staff, resource)
  }
  return false
}

/**
 * Whether `staff` is refused `action` on a ticket only because someone else has claimed it (they may
 * read it and would be allowed were it unclaimed): the caller says who has it (409 claimed_by_other).
 */
export function refusedForClaimOfOther(staff: StaffView, action: Action, resource: Resource): boolean {
  if (resource.type !== 'ticket' || resource.claimedBy == null || resource.claimedBy === staff.id) return false
  return !can(staff, action, resource) && can(staff, 'ticket.read', resource) && can(staff, action, { ...resource, claimedBy: null })
}

/**
 * Whether `staff` is refused `action` on a ticket only because it is closed (they would be allowed were it
 * still open and claimed by nobody): the caller says it is finished (409 ticket_closed), not "no right".
 */
export function refusedForClosed(staff: StaffView, action: Action, resource: Resource): boolean {
  if (resource.type !== 'ticket' || resource.status !== 'closed') return false
  // its claimer (claim kept), or anyone who could have taken it were it open and unclaimed
  return !can(staff, action, resource) && (can(staff, action, { ...resource, status: 'claimed' }) || can(staff, action, { ...resource, status: 'claimed', claimedBy: null }))
}

/** Throws 'forbidden' unless `can`. */
export function authorize(staff: StaffView, action: Action, resource: Resource = { type: 'none' }): void {
  if (!can(staff, action, resource)) throw new AppError('forbidden', `not allowed: ${action}`)
}

export interface PolicyRow {
  role: StaffRole
  action: Action
  /** Allowed on a resource in the staff member's own area (its community/street/department). */
  ownArea: boolean
  /** Allowed on the same kind of resource in someone else's area. */
  otherArea: boolean
  /**
   * Rule `unplacedUrgent`: allowed on an urgent escalation of the staff member's own jurisdiction whose
   * street and community are unknown, claimed by nobody (for other actions: the resource with no known place,
   * a family without a referral).
   */
  unplacedUrgent: boolean
  /** The same in another jurisdiction. */
  unplacedUrgentElsewhere: boolean
  /** The same urgent escalation of the own jurisdiction once someone else has claimed it. */
  unplacedUrgentClaimedByOther: boolean
  /** Rule `claimHolds`: the resource of the own area (an escalation, with its owner the staff member) once someone else has claimed it. */
  ownAreaClaimedByOther: boolean
}

/**
 * The generated table of who may do what: for each role and action, whether it is allowed in
 * the staff member's own area and in another area. Used by tests and `npm run staff -- policies`.
 */
export function policyTable(): PolicyRow[] {
  const J = 'demo', D = '教育局', S = '东街道', C = '东社区'
  const people: Record<StaffRole, StaffView> = {
    admin: { id: 1, username: 'admin', role: 'admin', jurisdiction: null, department: null, street: null, communities: [], providerKind: null, wechatId: null },
    department: { id: 2, username: 'dept', role: 'department', jurisdiction: J, department: D, street: null, communities: [], providerKind: null, wechatId: null },
    'child-director': { id: 3, username: 'director', role: 'child-director', jurisdiction: J, department: null, street: S, communities: [C], providerKind: null, wechatId: null },
    supervisor: { id: 4, username: 'supervisor', role: 'supervisor', jurisdiction: J, department: null, street: S, communities: [], providerKind: null, wechatId: null },
    provider: { id: 5, username: 'provider', role: 'provider', jurisdiction: J, department: null, street: null, communities: [], providerKind: 'counsellor', wechatId: null },
  }
  const own: Place = { jurisdiction: J, street: S, community: C }
  const other: Place = { jurisdiction: J, street: '西街道', community: '西社区' }
  const resourceFor = (action: Action, place: Place, dept: string): Resource => {
    if (action.startsWith('ticket.') || action === 'referral.update') {
      const kind = action === 'referral.update' ? 'referral' : 'escalation'
      return { type: 'ticket', kind, departments: [dept], ownerStaffId: null, raisedTo: null, ...place }
    }
    if (action === 'family.read' || action === 'child.id_number.reveal') return { type: 'family', referralDepartments: [dept], ...place }
    if (action.startsWith('key_case.')) return { type: 'key_case', ...place }
    return { type: 'none' }
  }
  const rows: PolicyRow[] = []
  for (const role of Object.keys(people) as StaffRole[]) {
    for (const action of ACTIONS) {
      const staff = people[role]
      const ticketAsDept = role === 'department' && action.startsWith('ticket.')
      // Department staff handle referrals, not escalations: show them the referral case.
      const res = (place: Place, dept: string): Resource => {
        const r = resourceFor(action, place, dept)
        return ticketAsDept && r.type === 'ticket' ? { ...r, kind: 'referral' } : r
      }
      // An urgent escalation (never a referral) with no street or community, claimed by nobody; its family (if any) has no referral.
      const unplaced = (jurisdiction: string, claimedBy: number | null = null): Resource => {
        const r = resourceFor(action, { jurisdiction, street: null, community: null }, D)
        if (r.type === 'ticket') return { ...r, kind: 'escalation', priority: 'urgent', status: claimedBy ? 'claimed' : 'new', claimedBy }
        return r.type === 'family' ? { ...r, referralDepartments: [] } : r
      }
      // An escalation of the own area whose owner is this staff member (the community's director once the parent
      // registered), claimed by someone else (a director who took it while its place was unknown); referrals as `res`.
      const claimedOwn = (): Resource => {
        const r = res(own, D)
        return r.type === 'ticket' && r.kind === 'escalation' ? { ...r, ownerStaffId: staff.id, status: 'claimed', claimedBy: 99 } : r
      }
      rows.push({
        role,
        action,
        ownArea: can(staff, action, res(own, D)),
        otherArea: can(staff, action, res(other, '民政局')),
        unplacedUrgent: can(staff, action, unplaced(J)),
        unplacedUrgentElsewhere: can(staff, action, unplaced('other-demo')),
        unplacedUrgentClaimedByOther: can(staff, action, unplaced(J, 99)),
        ownAreaClaimedByOther: can(staff, action, claimedOwn()),
      })
    }
  }
  return rows
}

/** The policy table as Markdown (for docs and the CLI). */
export function policyTableMarkdown(): string {
  const rows = policyTable()
  const mark = (b: boolean) => (b ? 'yes' : '–')
  return [
    '| role | action | own area | other area | urgent, place unknown, own jurisdiction | the same, other jurisdiction | the same, own jurisdiction, claimed by someone else | own area (owner), claimed by someone else |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.role} | ${r.action} | ${mark(r.ownArea)} | ${mark(r.otherArea)} | ${mark(r.unplacedUrgent)} | ${mark(r.unplacedUrgentElsewhere)} | ${mark(r.unplacedUrgentClaimedByOther)} | ${mark(r.ownAreaClaimedByOther)} |`),
  ].join('\n')
}
