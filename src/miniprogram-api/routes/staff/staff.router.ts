/**
 * The staff API under /api/v1/staff: what the staff console and any other staff tool use.
 * Every route but sign-in needs a staff token; the policy module decides what each role may do
 * (403 otherwise); reads and changes of a family's record are audited by the domain.
 */
import type Router from '@koa/router'
import { z } from 'zod'
import { defineRoute } from '../../openapi'
import { authenticateStaff, staffOf } from './staff-auth'
import { domainWords } from './words'
import { bearerToken } from '../../middlewares/authenticate'
import type { DomainContext } from '../../../domain/context'
import { createStaff, listStaff, signIn, signOut, STAFF_ROLES } from '../../../domain/staff/staff.service'
import { listFamiliesFor, readFamilyRecord, revealIdNumber } from '../../../domain/staff/family-record'
import { authorize, policyTable, ACTIONS } from '../../../domain/policies/policies'
import { listAudit } from '../../../domain/audit/audit.service'
import {
  claimTicket, closeTicket, departmentsOfJurisdiction, getTicketThread, listQueue, replyToFamily, setReferralState, transferTicket,
} from '../../../domain/tickets/tickets.service'
import { getKeyCaseDetail, listKeyCasesFor, recordContact, setRiskLevel, RISK_LEVELS } from '../../../domain/keycases/keycases.service'
import { SERVICE_KEYS } from '../../../content/vocabulary'

const Id = z.object({ id: z.coerce.number().int().positive().openapi({ example: 12 }) })
const When = z.string().openapi({ example: '2026-03-02T01:00:00.000Z' })

export const StaffMe = z
  .object({
    id: z.number().int(),
    username: z.string().openapi({ example: 'dongshequ-zhuren' }),
    role: z.enum(STAFF_ROLES),
    jurisdiction: z.string().nullable().openapi({ example: 'jincheng' }),
    department: z.string().nullable(),
    street: z.string().nullable(),
    communities: z.array(z.string()),
    providerKind: z.string().nullable(),
    wechatId: z.string().nullable(),
  })
  .openapi('StaffMember')

const SessionBody = z.object({ username: z.string().min(1).max(64).openapi({ example: 'admin' }), password: z.string().min(1).max(200).openapi({ example: 'a long secret' }) }).openapi('StaffSignIn')
const SessionResponse = z.object({ token: z.string(), expiresAt: When, staff: StaffMe }).openapi('StaffSession')

const Kind = z.enum(['escalation', 'referral'])
const Priority = z.enum(['urgent', 'normal'])
const Status = z.enum(['new', 'claimed', 'answered', 'transferred', 'closed'])
const RefState = z.enum(['sent', 'accepted', 'rejected', 'done'])

export const QueueItem = z
  .object({
    id: z.number().int(),
    kind: Kind,
    priority: Priority,
    status: Status,
    referralState: RefState.nullable(),
    service: z.string().openapi({ example: 'compulsory_education' }),
    departments: z.array(z.string()).openapi({ example: ['市教育局'] }),
    jurisdiction: z.string(),
    street: z.string().nullable(),
    community: z.string().nullable(),
    familyId: z.number().int().nullable(),
    ownerStaffId: z.number().int().nullable(),
    claimedBy: z.number().int().nullable(),
    raised: z.boolean().openapi({ description: 'Raised to the supervisor after a missed service level' }),
    createdAt: When,
    waitingSince: When,
  })
  .openapi('QueueItem')

const Thread = QueueItem.extend({
  referralReason: z.string().nullable(),
  messages: z.array(z.object({ id: z.number().int(), from: z.enum(['family', 'staff']), text: z.string(), at: When })),
  history: z.array(z.object({ at: When, actor: z.string().openapi({ example: 'staff:dongshequ-zhuren' }), action: z.string().openapi({ example: 'claimed' }), detail: z.record(z.string(), z.unknown()).nullable() })),
}).openapi('QueueThread')

const QueueQuery = z.object({
  kind: Kind.optional(),
  priority: Priority.optional(),
  status: z.enum(['new', 'claimed', 'answered', 'transferred', 'closed', 'open', 'all']).optional().openapi({ description: 'Default: open (everything not closed)' }),
  service: z.enum([...SERVICE_KEYS, 'none']).optional(),
  department: z.string().max(128).optional(),
  referralState: RefState.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
})

const KeyCaseBase = z.object({
    id: z.number().int(),
    childId: z.number().int(),
    familyId: z.number().int(),
    jurisdictionId: z.string(),
    district: z.string().nullable(),
    street: z.string().nullable(),
    community: z.string().nullable(),
    reasons: z.array(z.string()),
    contactEveryDays: z.number().int().nullable(),
    visitEveryDays: z.number().int().nullable(),
    nextContactDue: z.string().nullable(),
    nextVisitDue: z.string().nullable(),
    riskLevel: z.enum(RISK_LEVELS),
    status: z.enum(['open', 'closed']),
    openedAt: When,
    closedAt: When.nullable(),
})

const KeyCaseItem = KeyCaseBase.extend({
  nextDue: z.string().nullable().openapi({ example: '2026-03-09' }),
  nextDueKind: z.enum(['contact', 'visit']).nullable(),
  dueState: z.enum(['overdue', 'due', 'upcoming']).nullable(),
}).openapi('KeyCase')

const KeyCaseDetail = KeyCaseItem.extend({
  contacts: z.array(z.object({ id: z.number().int(), kind: z.enum(['contact', 'visit']), on: z.string(), notes: z.string(), nextStep: z.string().nullable(), staffId: z.number().int(), createdAt: When })),
  risks: z.array(z.object({ level: z.enum(RISK_LEVELS), note: z.string(), staffId: z.number().int(), at: When })),
}).openapi('KeyCaseDetail')

const FamilyRecord = z
  .object({
    id: z.number().int(),
    jurisdiction: z.string(),
    district: z.string().nullable(),
    street: z.string().nullable(),
    community: z.string().nullable(),
    movedInOn: z.string(),
    residencePermit: z.boolean(),
    hukou: z.object({ province: z.string(), city: z.string(), county: z.string() }),
    lastConfirmedAt: When.nullable(),
    guardians: z.array(z.object({ id: z.number().int(), name: z.string(), relation: z.string(), mobile: z.string().nullable() })),
    children: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        sex: z.string(),
        birthDate: z.string(),
        schoolStage: z.string(),
        idNumber: z.string().nullable().openapi({ description: 'Masked', example: '110***********1234' }),
        situations: z.array(z.string()),
        disabilityCertified: z.boolean(),
      }),
    ),
    keyCases: z.array(KeyCaseBase),
    tickets: z.array(z.object({ id: z.number().int(), kind: z.string(), status: z.string(), referralState: z.string().nullable(), service: z.string(), departments: z.array(z.string()) })),
  })
  .openapi('StaffFamilyRecord')

const AuditItem = z
  .object({
    id: z.number().int(),
    at: When,
    username: z.string(),
    action: z.string().openapi({ example: 'family.read' }),
    resourceType: z.string(),
    resourceId: z.number().int().nullable(),
    familyId: z.number().int().nullable(),
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('AuditEntry')

const NewStaffBody = z
  .object({
    username: z.string().min(3).max(64).openapi({ example: 'xishequ-zhuren' }),
    password: z.string().min(8).max(200).openapi({ example: 'a long secret' }),
    role: z.enum(STAFF_ROLES),
    jurisdiction: z.string().max(64).optional(),
    department: z.string().max(128).optional(),
    street: z.string().max(128).optional(),
    communities: z.array(z.string().max(128)).max(50).optional(),
    providerKind: z.enum(['counsellor', 'instructor']).optional(),
    wechatId: z.string().max(128).optional(),
  })
  .openapi('NewStaffMember')

export function staffRouter(dctx: DomainContext, router: Router): void {
  const auth = [domainWords(), authenticateStaff(dctx)]
  const tags = ['staff']

  defineRoute(router, { method: 'post', path: '/staff/session', summary: 'Staff sign-in (locked for 15 minutes after 5 failures)', tags, auth: 'none', body: SessionBody, response: SessionResponse, errors: [401, 403], middleware: [domainWords()] }, async (_ctx, { body }) => {
    const s = await signIn(dctx, body.username, body.password)
    return { token: s.token, expiresAt: s.expiresAt.toISOString(), staff: s.staff }
  })

  defineRoute(router, { method: 'delete', path: '/staff/session', summary: 'Sign out', tags, auth: 'staff', response: z.object({}), status: 204, middleware: auth }, async (ctx) => {
    await signOut(dctx, bearerToken(ctx)!)
  })

  defineRoute(router, { method: 'get', path: '/staff/me', summary: 'The signed-in staff member', tags, auth: 'staff', response: StaffMe, middleware: auth }, async (ctx) => staffOf(ctx))

  defineRoute(router, { method: 'get', path: '/staff/queue', summary: 'What this staff member may see: urgent first, then longest waiting', tags, auth: 'staff', query: QueueQuery, response: z.array(QueueItem), middleware: auth }, async (ctx, { query }) =>
    listQueue(dctx, staffOf(ctx), query),
  )

  defineRoute(router, { method: 'get', path: '/staff/queue/:id', summary: 'A ticket with its thread and history (audited)', tags, auth: 'staff', params: Id, response: Thread, errors: [403, 404], middleware: auth }, async (ctx, { params }) =>
    getTicketThread(dctx, staffOf(ctx), params.id),
  )

  defineRoute(router, { method: 'post', path: '/staff/queue/:id/claim', summary: 'Claim a ticket', tags, auth: 'staff', params: Id, response: QueueItem, errors: [403, 404, 409], middleware: auth }, async (ctx, { params }) =>
    claimTicket(dctx, staffOf(ctx), params.id),
  )

  defineRoute(
    router,
    { method: 'post', path: '/staff/queue/:id/replies', summary: 'Answer the parent (reaches them in the channel they used)', tags, auth: 'staff', params: Id, body: z.object({ text: z.string().trim().min(1).max(2000).openapi({ example: '您好，明天上午我去您家看看。' }) }), response: z.object({ id: z.number().int(), from: z.literal('staff'), text: z.string(), at: When }), status: 201, errors: [403, 404, 409], middleware: auth },
    async (ctx, { params, body }) => (await replyToFamily(dctx, staffOf(ctx), params.id, body.text)) as { id: number; from: 'staff'; text: string; at: string },
  )

  defineRoute(
    router,
    { method: 'post', path: '/staff/queue/:id/transfer', summary: 'Transfer to another department of the list, with a reason', tags, auth: 'staff', params: Id, body: z.object({ department: z.string().trim().min(1).max(128).openapi({ example: '市教育局' }), reason: z.string().trim().min(1).max(500).openapi({ example: '入学要教育部门办理' }) }), response: QueueItem, errors: [403, 404, 409], middleware: auth },
    async (ctx, { params, body }) => transferTicket(dctx, staffOf(ctx), params.id, body.department, body.reason),
  )

  defineRoute(
    router,
    { method: 'post', path: '/staff/queue/:id/close', summary: 'Close a ticket (an urgent question the parent never got an answer on needs a short note, sent to the parent)', tags, auth: 'staff', params: Id, body: z.object({ note: z.string().trim().max(500).optional().openapi({ example: '孩子已经找到了，在派出所，家长已经接回。' }) }), response: QueueItem, errors: [403, 404, 409, 422], middleware: auth },
    async (ctx, { params, body }) => closeTicket(dctx, staffOf(ctx), params.id, body?.note),
  )

  defineRoute(
    router,
    {
      method: 'post',
      path: '/staff/queue/:id/referral',
      summary: "A department's answer to a referral: accepted, rejected (with a reason), done",
      tags,
      auth: 'staff',
      params: Id,
      body: z.object({ state: z.enum(['accepted', 'rejected', 'done']), reason: z.string().trim().max(500).optional().openapi({ example: '需要先办居住证' }) }),
      response: QueueItem,
      errors: [403, 404, 409],
      middleware: auth,
    },
    async (ctx, { params, body }) => setReferralState(dctx, staffOf(ctx), params.id, body.state, body.reason),
  )

  defineRoute(
    router,
    { method: 'get', path: '/staff/departments', summary: "Departments a jurisdiction's list names (transfer targets)", tags, auth: 'staff', query: z.object({ jurisdiction: z.string().max(64).optional() }), response: z.array(z.string()), middleware: auth },
    async (ctx, { query }) => departmentsOfJurisdiction(query.jurisdiction ?? staffOf(ctx).jurisdiction ?? ''),
  )

  defineRoute(
    router,
    { method: 'get', path: '/staff/key-cases', summary: 'Key cases this staff member follows, by due state, earliest first', tags, auth: 'staff', query: z.object({ due: z.enum(['overdue', 'due', 'upcoming']).optional() }), response: z.array(KeyCaseItem), middleware: auth },
    async (ctx, { query }) => listKeyCasesFor(dctx, staffOf(ctx), query.due),
  )

  defineRoute(router, { method: 'get', path: '/staff/key-cases/:id', summary: 'A key case with its contacts and risk history (audited)', tags, auth: 'staff', params: Id, response: KeyCaseDetail, errors: [403, 404], middleware: auth }, async (ctx, { params }) =>
    getKeyCaseDetail(dctx, staffOf(ctx), params.id),
  )

  defineRoute(
    router,
    {
      method: 'post',
      path: '/staff/key-cases/:id/contacts',
      summary: 'Record a contact or home visit (moves the next due date)',
      tags,
      auth: 'staff',
      params: Id,
      body: z.object({
        kind: z.enum(['contact', 'visit']),
        on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date').openapi({ example: '2026-03-02' }),
        notes: z.string().trim().min(1).max(4000).openapi({ example: '孩子在家，情绪稳定。' }),
        nextStep: z.string().trim().max(1000).optional().openapi({ example: '下周联系学校老师' }),
      }),
      response: KeyCaseItem,
      status: 201,
      errors: [403, 404, 409],
      middleware: auth,
    },
    async (ctx, { params, body }) => recordContact(dctx, staffOf(ctx), params.id, body),
  )

  defineRoute(
    router,
    { method: 'post', path: '/staff/key-cases/:id/risk', summary: 'Set the psychological-risk level (red opens an urgent escalation)', tags, auth: 'staff', params: Id, body: z.object({ level: z.enum(RISK_LEVELS), note: z.string().trim().min(1).max(2000).openapi({ example: '孩子说不想活了' }) }), response: z.object({ keyCase: KeyCaseItem, escalationId: z.number().int().nullable() }), errors: [403, 404], middleware: auth },
    async (ctx, { params, body }) => setRiskLevel(dctx, staffOf(ctx), params.id, body.level, body.note),
  )

  defineRoute(
    router,
    {
      method: 'get',
      path: '/staff/families',
      summary: 'Families this staff member may read (audited list; no identity numbers)',
      tags,
      auth: 'staff',
      query: z.object({ jurisdiction: z.string().max(64).optional(), community: z.string().max(128).optional() }),
      response: z.array(
        z
          .object({
            id: z.number().int(),
            jurisdiction: z.string(),
            street: z.string().nullable(),
            community: z.string().nullable(),
            guardian: z.string().nullable(),
            children: z.number().int(),
            openKeyCases: z.number().int(),
            openTickets: z.number().int(),
            lastConfirmedAt: When.nullable(),
          })
          .openapi('StaffFamilyListItem'),
      ),
      middleware: auth,
    },
    async (ctx, { query }) => listFamiliesFor(dctx, staffOf(ctx), query),
  )

  defineRoute(router, { method: 'get', path: '/staff/families/:id', summary: "A family's and children's record, masked (audited)", tags, auth: 'staff', params: Id, response: FamilyRecord, errors: [403, 404], middleware: auth }, async (ctx, { params }) =>
    readFamilyRecord(dctx, staffOf(ctx), params.id),
  )

  defineRoute(
    router,
    { method: 'get', path: '/staff/children/:id/id-number', summary: "A child's full identity number, for the department handling the family's referral (logged)", tags, auth: 'staff', params: Id, response: z.object({ childId: z.number().int(), idNumber: z.string().nullable() }), errors: [403, 404], middleware: auth },
    async (ctx, { params }) => revealIdNumber(dctx, staffOf(ctx), params.id),
  )

  defineRoute(
    router,
    {
      method: 'get',
      path: '/staff/audit',
      summary: 'The audit log, newest first (administrators)',
      tags,
      auth: 'staff',
      query: z.object({ username: z.string().max(64).optional(), familyId: z.coerce.number().int().positive().optional(), action: z.string().max(48).optional(), limit: z.coerce.number().int().min(1).max(500).optional(), beforeId: z.coerce.number().int().positive().optional() }),
      response: z.array(AuditItem),
      errors: [403],
      middleware: auth,
    },
    async (ctx, { query }) => listAudit(dctx, staffOf(ctx), query),
  )

  defineRoute(router, { method: 'get', path: '/staff/accounts', summary: 'Staff accounts (administrators)', tags, auth: 'staff', response: z.array(StaffMe), errors: [403], middleware: auth }, async (ctx) => {
    authorize(staffOf(ctx), 'staff.manage')
    return listStaff(dctx)
  })

  defineRoute(router, { method: 'post', path: '/staff/accounts', summary: 'Create a staff account (administrators)', tags, auth: 'staff', body: NewStaffBody, response: StaffMe, status: 201, errors: [403, 409], middleware: auth }, async (ctx, { body }) => {
    authorize(staffOf(ctx), 'staff.manage')
    return createStaff(dctx, body)
  })

  defineRoute(
    router,
    { method: 'get', path: '/staff/policies', summary: 'Who may do what (generated from the policy module)', tags, auth: 'staff', response: z.array(z.object({ role: z.enum(STAFF_ROLES), action: z.enum(ACTIONS as [string, ...string[]]), ownArea: z.boolean(), otherArea: z.boolean(), unplacedUrgent: z.boolean(), unplacedUrgentElsewhere: z.boolean(), unplacedUrgentClaimedByOther: z.boolean(), ownAreaClaimedByOther: z.boolean() })), middleware: auth },
    async () => policyTable(),
  )
}
