/** Every conversation flow, by the name stored in the conversation state. */
import type { Flow } from '../dialogue/flow'
import { welcomeFlow } from './welcome'
import { menuFlow } from './menu'
import { humanFlow } from './human'

export { welcomeFlow, menuFlow, humanFlow }

export const flows: Flow[] = [welcomeFlow, menuFlow, humanFlow]
