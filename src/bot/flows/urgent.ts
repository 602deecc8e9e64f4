// placeholder until routing lands (replaced below)
import type { Turn } from '../dialogue/turn'
export async function checkUrgent(_turn: Turn): Promise<boolean> {
  return false
}
