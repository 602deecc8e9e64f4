/** Every entity, registered once. Add a new entity class here. */
import { Identity } from './identity.entity'
import { AuthSession } from './auth-session.entity'
import { OutboundMessage } from './outbound-message.entity'
import { JobRun } from './job-run.entity'
import { BotConversation } from './bot-conversation.entity'

export { BotConversation }
export { Identity, AuthSession, OutboundMessage, JobRun }

export const entities = [Identity, AuthSession, OutboundMessage, JobRun, BotConversation]
