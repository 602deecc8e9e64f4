/** The router's public surface (issue 4). */
export { routeMessage, choicesFor, MIN_SCORE, ASK_BELOW, type RouteResult, type RouteAlternative, type RouteOptions } from './router'
export { assessUrgency, type Urgency } from './urgency'
export { serviceLabel, askText } from './labels'
