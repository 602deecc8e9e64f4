/** The staff console as a service: its router is served on the main port under /staff. */
import type { DomainContext } from '../domain/context'
import type { Stoppable } from '../app/services'
import { consoleRouter } from './console.router'

export function startStaffConsole(dctx: DomainContext): Stoppable {
  return { name: 'staff-console', stop: async () => {}, routers: [consoleRouter(dctx)] }
}
