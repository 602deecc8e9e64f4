// placeholder until tickets land (replaced below)
import type { Flow } from '../dialogue/flow'
import type { Turn } from '../dialogue/turn'
export const humanFlow: Flow = {
  name: 'human',
  async start(turn: Turn) {
    turn.say('human.sent')
  },
  async ask() {},
  async handle(turn: Turn) {
    turn.say('human.sent')
  },
}
