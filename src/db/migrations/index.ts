/** Every migration, in order. Add a new migration class at the end (timestamps keep the order). */
import { Foundation1764000000000 } from './1764000000000-Foundation'
import { Registry1764000001000 } from './1764000001000-Registry'
import { Bot1764000004000 } from './1764000004000-Bot'

import { Staff1764000003000 } from './1764000003000-Staff'
import { Booking1764000002000 } from './1764000002000-Booking'
import { ScaleIndexes1764000009000 } from './1764000009000-ScaleIndexes'
import { RegistryPlacesGuardians1764000010000 } from './1764000010000-RegistryPlacesGuardians'
import { ScaleIndexes21764000012000 } from './1764000012000-ScaleIndexes2'

export const migrations = [Foundation1764000000000, Registry1764000001000, Bot1764000004000, Staff1764000003000, Booking1764000002000, ScaleIndexes1764000009000, RegistryPlacesGuardians1764000010000, ScaleIndexes21764000012000]
