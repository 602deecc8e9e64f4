import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'
import { col } from './columns'

/**
 * Families in places without their own list (family.place_id, family.place_city) and several
 * guardians per family: the privacy notice a joining guardian confirmed (guardian.notice_*), joining
 * codes (family_join_code, only a keyed hash kept) and tries at them (family_join_attempt, rate limit).
 */
export class RegistryPlacesGuardians1764000010000 implements MigrationInterface {
  name = 'RegistryPlacesGuardians1764000010000'

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('family', [new TableColumn(col.varchar('place_id', 64, true)), new TableColumn(col.varchar('place_city', 32, true))])
    await q.addColumns('guardian', [new TableColumn(col.varchar('notice_version', 32, true)), new TableColumn(col.instant('notice_at', true))])
    await q.createTable(
      new Table({
        name: 'family_join_code',
        columns: [col.id(), col.int('family_id'), col.int('guardian_id'), col.varchar('code_hash', 64), col.instant('expires_at'), col.instant('created_at')],
        indices: [
          new TableIndex({ name: 'ix_family_join_code_family', columnNames: ['family_id'] }),
          new TableIndex({ name: 'uq_family_join_code_hash', columnNames: ['code_hash'], isUnique: true }),
        ],
      }),
    )
    await q.createTable(
      new Table({
        name: 'family_join_attempt',
        columns: [col.id(), col.int('identity_id'), col.bool('ok', false), col.instant('at')],
        indices: [
          new TableIndex({ name: 'ix_family_join_attempt_identity', columnNames: ['identity_id', 'at'] }),
          new TableIndex({ name: 'ix_family_join_attempt_at', columnNames: ['at'] }),
        ],
      }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('family_join_attempt')
    await q.dropTable('family_join_code')
    await q.dropColumns('guardian', ['notice_version', 'notice_at'])
    await q.dropColumns('family', ['place_id', 'place_city'])
  }
}
