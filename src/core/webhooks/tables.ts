/**
 * The outbox every API writes its events to, in the same transaction as the state change that
 * caused them: one row per (event, target), so an acknowledged change is never left without its
 * delivery, after a crash too. The deliverer works the rows whose next_at has come on the mock clock.
 */
export const WEBHOOK_MIGRATIONS: readonly string[] = [`
CREATE TABLE mock_deliveries (
  id           TEXT PRIMARY KEY,
  api          TEXT NOT NULL,
  event        TEXT NOT NULL,
  store        TEXT,
  subscription TEXT,
  target       TEXT NOT NULL,
  payload      TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts     INTEGER NOT NULL DEFAULT 0,
  next_at      TEXT,
  signed_at    INTEGER,
  signature    TEXT,
  created_at   TEXT NOT NULL,
  finished_at  TEXT
) STRICT;
CREATE INDEX mock_deliveries_due ON mock_deliveries (next_at) WHERE status = 'pending';
CREATE INDEX mock_deliveries_by_created ON mock_deliveries (created_at);

CREATE TABLE mock_delivery_attempts (
  delivery_id TEXT NOT NULL REFERENCES mock_deliveries (id) ON DELETE CASCADE,
  n           INTEGER NOT NULL,
  at          TEXT NOT NULL,
  status      INTEGER,
  latency_ms  INTEGER NOT NULL,
  error       TEXT,
  response    TEXT,
  PRIMARY KEY (delivery_id, n)
) STRICT;
`]

export const WEBHOOK_TABLES = ['mock_delivery_attempts', 'mock_deliveries'] as const
