/** Every conversation flow, by the name stored in the conversation state. */
import type { Flow } from '../dialogue/flow'
import { welcomeFlow } from './welcome'
import { menuFlow } from './menu'
import { humanFlow } from './human'
import { registerFlow } from './register'
import { helpFlow } from './help'
import { checklistFlow } from './checklist'
import { bookingFlow, bookingsFlow } from './booking'
import { joinFlow } from './join'

export { welcomeFlow, menuFlow, humanFlow, registerFlow, helpFlow, checklistFlow, bookingFlow, bookingsFlow, joinFlow }

export const flows: Flow[] = [welcomeFlow, menuFlow, humanFlow, registerFlow, helpFlow, checklistFlow, bookingFlow, bookingsFlow, joinFlow]
