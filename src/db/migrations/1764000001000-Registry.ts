import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'
import { col } from './columns'

/** The family registry: family, guardian, child (identity number encrypted), key_case, registry_stats (anonymous counts). */
export class Registry1764000001000 implements MigrationInterface {
  name = 'Registry1764000001000'

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'family',
        columns: [
          col.id(),
          col.varchar('jurisdiction_id', 32),
          col.varchar('district', 64, true),
          col.varchar('street', 64, true),
          col.varchar('community', 128, true),
          col.varchar('hukou_province', 32),
          col.varchar('hukou_city', 32),
          col.varchar('hukou_county', 32),
          col.date('moved_in_on'),
          col.bool('residence_permit', false),
          col.varchar('consent_version', 32, true),
          col.instant('consent_at', true),
          col.instant('last_confirmed_at', true),
          col.instant('last_active_at'),
          col.instant('archived_at', true),
          col.instant('created_at'),
          col.instant('updated_at'),
        ],
        indices: [new TableIndex({ name: 'ix_family_jurisdiction', columnNames: ['jurisdiction_id'] })],
      }),
    )
    await q.createTable(
      new Table({
        name: 'guardian',
        columns: [
          col.id(),
          col.int('family_id'),
          col.int('identity_id', true),
          col.varchar('name', 64),
          col.varchar('relation', 24),
          col.varchar('mobile', 16, true),
          { ...col.varchar('language', 8), default: "'zh-CN'" },
          col.instant('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_guardian_family', columnNames: ['family_id'] }),
          new TableIndex({ name: 'uq_guardian_identity', columnNames: ['identity_id'], isUnique: true }),
        ],
      }),
    )
    await q.createTable(
      new Table({
        name: 'child',
        columns: [
          col.id(),
          col.int('family_id'),
          col.varchar('name', 64),
          col.varchar('sex', 8),
          col.date('birth_date'),
          col.varchar('school_stage', 16),
          col.varchar('school_name', 128, true),
          col.text('id_number_enc', true),
          col.varchar('id_number_hash', 64, true),
          col.text('situations'),
          col.bool('disability_certified', false),
          col.instant('archived_at', true),
          col.instant('created_at'),
          col.instant('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_child_family', columnNames: ['family_id'] }),
          new TableIndex({ name: 'ix_child_id_number_hash', columnNames: ['id_number_hash'] }),
        ],
      }),
    )
    await q.createTable(
      new Table({
        name: 'key_case',
        columns: [
          col.id(),
          col.int('child_id'),
          col.int('family_id'),
          col.varchar('jurisdiction_id', 32),
          col.varchar('district', 64, true),
          col.varchar('street', 64, true),
          col.varchar('community', 128, true),
          col.text('reasons'),
          col.int('contact_every_days', true),
          col.int('visit_every_days', true),
          col.date('next_contact_due', true),
          col.date('next_visit_due', true),
          { ...col.varchar('risk_level', 16), default: "'green'" },
          { ...col.varchar('status', 16), default: "'open'" },
          col.instant('opened_at'),
          col.instant('closed_at', true),
        ],
        indices: [
          new TableIndex({ name: 'ix_key_case_child', columnNames: ['child_id'] }),
          new TableIndex({ name: 'ix_key_case_family', columnNames: ['family_id'] }),
          new TableIndex({ name: 'ix_key_case_due', columnNames: ['status', 'next_contact_due'] }),
        ],
      }),
    )
    await q.createTable(
      new Table({
        name: 'registry_stats',
        columns: [
          col.id(),
          col.varchar('jurisdiction_id', 32),
          { ...col.int('families_erased'), default: 0 },
          { ...col.int('children_erased'), default: 0 },
          { ...col.int('key_cases_erased'), default: 0 },
          { ...col.int('consents_withdrawn'), default: 0 },
          { ...col.int('families_archived'), default: 0 },
          { ...col.int('children_archived'), default: 0 },
          col.instant('updated_at'),
        ],
        indices: [new TableIndex({ name: 'uq_registry_stats_jurisdiction', columnNames: ['jurisdiction_id'], isUnique: true })],
      }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['registry_stats', 'key_case', 'child', 'guardian', 'family']) await q.dropTable(t)
  }
}
