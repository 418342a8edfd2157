/**
 * The outbox every API writes its events to, in the same transaction as the state change that
 * caused them (mock_events: one row, its targets resolved then), so an acknowledged change is
 * never left without its event, after a crash too. Off the request path the deliverer expands an
 * event into one delivery per target (mock_deliveries) and works the deliveries whose next_at has
 * come on the mock clock.
 */
export const WEBHOOK_MIGRATIONS: readonly string[] = [`
CREATE TABLE mock_events (
  seq        INTEGER PRIMARY KEY,
  api        TEXT NOT NULL,
  event      TEXT NOT NULL,
  store      TEXT,
  -- The raw body with the delivery id still to fill in (see outbox.ts).
  template   TEXT NOT NULL,
  -- JSON [{url, subscription}]: the subscribed endpoints at the time of the change.
  targets    TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expanded   INTEGER NOT NULL DEFAULT 0 CHECK (expanded IN (0, 1))
) STRICT;
CREATE INDEX mock_events_unexpanded ON mock_events (seq) WHERE expanded = 0;

CREATE TABLE mock_deliveries (
  event_seq    INTEGER REFERENCES mock_events (seq),
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
CREATE INDEX mock_deliveries_by_event ON mock_deliveries (event_seq);

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
`, `
-- Redeliveries asked for: one asked while an attempt is in flight must not be settled away by it.
ALTER TABLE mock_deliveries ADD COLUMN redelivered INTEGER NOT NULL DEFAULT 0;
`, `
-- The due deliveries per receiver: each gets its share of the deliverer's slots without a scan of another's backlog.
CREATE INDEX mock_deliveries_due_by_target ON mock_deliveries (target, next_at) WHERE status = 'pending';
`]

export const WEBHOOK_TABLES = ['mock_delivery_attempts', 'mock_deliveries', 'mock_events'] as const
