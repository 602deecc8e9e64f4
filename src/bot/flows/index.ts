/** Every conversation flow, by the name stored in the conversation state. */
import type { Flow } from '../dialogue/flow'
import { welcomeFlow } from './welcome'
import { menuFlow } from './menu'
import { humanFlow } from './human'
import { registerFlow } from './register'

export { welcomeFlow, menuFlow, humanFlow, registerFlow }

export const flows: Flow[] = [welcomeFlow, menuFlow, humanFlow, registerFlow]
