import { TOCO_TABLES_V1 } from '../apis/toco/schema.js'
import { WAFFO_TABLES_V1 } from '../apis/waffo/schema.js'

/**
 * Migration N (1-based) brings PRAGMA user_version from N-1 to N. Append, never edit:
 * a file database created by an older version is upgraded in place at boot.
 */
export const MIGRATIONS: readonly string[] = [
  TOCO_TABLES_V1 + WAFFO_TABLES_V1
]
