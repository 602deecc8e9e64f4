import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'

/**
 * Indexes for a province-sized registry (docs/performance.md: 1 million children, EXPLAIN plans).
 * Each serves a query the service runs on every list, digest or message:
 *   key_case   a jurisdiction's open cases due by a date (listKeyCases with dueBy: one range per due
 *              column, merged), one community's open cases
 *   ticket     a jurisdiction's open queue (listQueue); a family's or an identity's tickets (messages, export)
 *   need       an identity's needs (bot, API)
 *   staff      accounts by role and jurisdiction (digest, owners, supervisors)
 *   family     families of a community (staff console); identity and session rows of a family (export, erasure)
 */
const INDEXES: Array<[table: string, name: string, columns: string[]]> = [
  ['key_case', 'ix_key_case_place_contact', ['jurisdiction_id', 'status', 'next_contact_due']],
  ['key_case', 'ix_key_case_place_visit', ['jurisdiction_id', 'status', 'next_visit_due']],
  ['key_case', 'ix_key_case_community', ['community', 'status']],
  ['ticket', 'ix_ticket_jurisdiction_status', ['jurisdiction', 'status']],
  ['ticket', 'ix_ticket_identity', ['identity_id', 'status']],
  ['ticket', 'ix_ticket_family', ['family_id']],
  ['need', 'ix_need_identity', ['identity_id']],
  ['staff_account', 'ix_staff_role', ['role', 'jurisdiction']],
  ['family', 'ix_family_community', ['jurisdiction_id', 'community']],
  ['identity', 'ix_identity_family', ['family_id']],
  ['auth_session', 'ix_auth_session_identity', ['identity_id']],
]

export class ScaleIndexes1764000009000 implements MigrationInterface {
  name = 'ScaleIndexes1764000009000'

  async up(q: QueryRunner): Promise<void> {
    for (const [table, name, columnNames] of INDEXES) await q.createIndex(table, new TableIndex({ name, columnNames }))
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, name] of [...INDEXES].reverse()) await q.dropIndex(table, name)
  }
}
