/**
 * Data other modules hold about a family (needs, bookings, conversations …). Each module pushes its
 * eraser and exporter here from its own code (e.g. at the bottom of its service file):
 *
 *   import { familyDataErasers, familyDataExporters } from '../registry/family-data'
 *   familyDataErasers.push(async (ctx, familyId) => { await ctx.db.repo(Need).delete({ familyId }) })
 *   familyDataExporters.push(async (ctx, familyId) => ({ needs: await listNeeds(ctx, familyId) }))
 *
 * The registry calls every eraser when a family is erased (on request, or after the retention
 * period) and merges every exporter's object into the family's JSON export.
 */
import type { DomainContext } from '../context'

export type FamilyDataEraser = (ctx: DomainContext, familyId: number) => Promise<void>
export type FamilyDataExporter = (ctx: DomainContext, familyId: number) => Promise<Record<string, unknown>>

export const familyDataErasers: FamilyDataEraser[] = []
export const familyDataExporters: FamilyDataExporter[] = []
