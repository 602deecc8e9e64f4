/**
 * What the personalised checklist needs of a family, read in ONE query (joined onto the session lookup
 * for a signed-in request): the family of the identity
 * (through its guardian record), its place and its children who are not archived, as raw columns
 * (no entity is built; the tables of src/db/entities guardian, family and child).
 * `GET /api/v1/me/checklist` reads this on every request; the full record (guardians, ID numbers,
 * eligibility, key cases) stays with `readFamily`.
 */
import type { DomainContext } from '../context'
import type { SessionJoin } from '../identity/identity.service'

export interface ChecklistInput {
  familyId: number
  /** The place the family lives (a list id or a place under one): `placeId ?? jurisdictionId`, as `readFamily` gives it. */
  jurisdiction: string
  /** Children who are not archived, in the order they were added. */
  children: Array<{ id: number; name: string; birthDate: string; schoolStage: string; situations: string[] }>
}

export interface Row {
  fid: number | string | null
  place: string | null
  jur: string | null
  cid: number | string | null
  cname: string | null
  birth: string | null
  stage: string | null
  sit: string | null
}

const situationsOf = (raw: string | null): string[] => {
  if (!raw) return []
  try {
    const v: unknown = JSON.parse(raw)
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []
  } catch {
    return []
  }
}

/** The columns of the checklist input, and the joins from an identity `i` that give them. */
const COLUMNS = 'f.id AS fid, f.place_id AS place, f.jurisdiction_id AS jur, c.id AS cid, c.name AS cname, c.birth_date AS birth, c.school_stage AS stage, c.situations AS sit'
const FROM_GUARDIAN = 'LEFT JOIN `family` f ON f.id = g.family_id LEFT JOIN `child` c ON c.family_id = f.id AND c.archived_at IS NULL'

/**
 * The checklist input as SQL joined onto a signed-in request's session lookup (`identityForTokenWith`):
 * `GET /api/v1/me/checklist` signs in and reads the family in one round trip.
 */
export const checklistInputJoin: SessionJoin = {
  columns: COLUMNS,
  joins: `LEFT JOIN \`guardian\` g ON g.identity_id = i.id ${FROM_GUARDIAN}`,
}

/** The checklist input of the rows read through `checklistInputJoin` or `checklistInputOf`; null before registration. */
export function checklistInputOfRows(rows: Row[]): ChecklistInput | null {
  const first = rows[0]
  if (!first || first.fid === null) return null
  // One guardian record an identity (unique index uq_guardian_identity), so one family.
  // No ORDER BY in the SQL: MariaDB sorted the few rows through a temporary table; they are sorted here.
  return {
    familyId: Number(first.fid),
    jurisdiction: first.place ?? first.jur ?? '',
    children: rows
      .filter((r) => r.cid !== null)
      .sort((a, b) => Number(a.cid) - Number(b.cid))
      .map((r) => ({ id: Number(r.cid), name: r.cname ?? '', birthDate: r.birth ?? '', schoolStage: r.stage ?? '', situations: situationsOf(r.sit) })),
  }
}

const OF_IDENTITY = `SELECT ${COLUMNS} FROM \`guardian\` g ${FROM_GUARDIAN} WHERE g.identity_id = :identityId`

/** The checklist input of the family an identity belongs to, or null before registration. */
export async function checklistInputOf(ctx: DomainContext, identityId: number): Promise<ChecklistInput | null> {
  const rows = await ctx.db.read<Row>(OF_IDENTITY, { identityId })
  return checklistInputOfRows(rows)
}
