import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'

/** A registered family: where it lives now, where it is registered (户籍地), its consent. Owned by src/domain/registry. */
@Entity('family')
@Index('ix_family_jurisdiction', ['jurisdictionId'])
export class Family {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  /**
   * Jurisdiction id of the checklist file that serves the family (src/content/checklists/<id>.json):
   * its city or county, or, for a place without its own list, its province's file or `national`.
   */
  @Column({ type: 'varchar', length: 32, name: 'jurisdiction_id' })
  jurisdictionId!: string

  /** Where the family lives when that place has no list of its own: `<province>.<city>` (`shanxi.taiyuan`); null otherwise. */
  @Column({ type: 'varchar', length: 64, name: 'place_id', nullable: true })
  placeId!: string | null

  /** That city (or county) as the family named it (太原); null with a list of its own. */
  @Column({ type: 'varchar', length: 32, name: 'place_city', nullable: true })
  placeCity!: string | null

  /** District or county where it lives now (区/县), free text. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  district!: string | null

  /** Street or township (街道/乡镇), free text. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  street!: string | null

  /** Community or village (社区/村), free text. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  community!: string | null

  @Column({ type: 'varchar', length: 32, name: 'hukou_province' })
  hukouProvince!: string

  @Column({ type: 'varchar', length: 32, name: 'hukou_city' })
  hukouCity!: string

  @Column({ type: 'varchar', length: 32, name: 'hukou_county' })
  hukouCounty!: string

  /** YYYY-MM-DD the family moved to where it lives now. */
  @Column({ type: 'varchar', length: 10, name: 'moved_in_on' })
  movedInOn!: string

  @Column({ type: 'boolean', name: 'residence_permit', default: false })
  residencePermit!: boolean

  /** Version of the privacy notice a guardian accepted; null: no consent (no child data may be kept). */
  @Column({ type: 'varchar', length: 32, name: 'consent_version', nullable: true })
  consentVersion!: string | null

  @Column({ type: 'datetime', name: 'consent_at', nullable: true })
  consentAt!: Date | null

  /** When a guardian last confirmed the family's data (信息更新). */
  @Column({ type: 'datetime', name: 'last_confirmed_at', nullable: true })
  lastConfirmedAt!: Date | null

  /** Last time a guardian used the service (for archiving silent families). */
  @Column({ type: 'datetime', name: 'last_active_at' })
  lastActiveAt!: Date

  @Column({ type: 'datetime', name: 'archived_at', nullable: true })
  archivedAt!: Date | null

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date

  @Column({ type: 'datetime', name: 'updated_at' })
  updatedAt!: Date
}
