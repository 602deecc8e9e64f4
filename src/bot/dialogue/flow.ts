/** A conversation flow: a small state machine over `Turn` (steps are strings kept in the database). */
import type { Turn } from './turn'

export interface Flow {
  /** Name stored in bot_conversation.flow. */
  name: string
  /** Starts the flow (the parent chose it from the menu or said something that leads here). */
  start(turn: Turn, input?: string): Promise<void>
  /** Handles a message while the flow is at `turn.state.step`. */
  handle(turn: Turn): Promise<void>
  /** Asks the current step's question again (after "back", a language change, a restart). */
  ask(turn: Turn): Promise<void>
}
