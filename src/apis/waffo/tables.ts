/**
 * Waffo tables. Stores are soft-deleted (deleted_at); a store is reachable only through a
 * membership, which carries the merchant's role on it.
 */
export const WAFFO_MIGRATIONS: readonly string[] = [`
CREATE TABLE waffo_merchants (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  email      TEXT,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE waffo_api_keys (
  id             INTEGER PRIMARY KEY,
  merchant_id    TEXT NOT NULL REFERENCES waffo_merchants (id),
  nickname       TEXT NOT NULL,
  public_key_pem TEXT NOT NULL,
  environment    TEXT NOT NULL CHECK (environment IN ('test', 'prod')),
  created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX waffo_api_keys_by_merchant ON waffo_api_keys (merchant_id);

CREATE TABLE waffo_stores (
  id                    TEXT PRIMARY KEY,
  name                  TEXT NOT NULL,
  status                TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'suspended')),
  logo                  TEXT,
  support_email         TEXT,
  website               TEXT,
  slug                  TEXT,
  prod_enabled          INTEGER NOT NULL CHECK (prod_enabled IN (0, 1)),
  notification_settings TEXT,
  checkout_settings     TEXT,
  deleted_at            TEXT,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL
) STRICT;

CREATE TABLE waffo_store_members (
  store_id    TEXT NOT NULL REFERENCES waffo_stores (id),
  merchant_id TEXT NOT NULL REFERENCES waffo_merchants (id),
  role        TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
  created_at  TEXT NOT NULL,
  PRIMARY KEY (store_id, merchant_id)
) STRICT;

CREATE TABLE waffo_products (
  id          TEXT PRIMARY KEY,
  store_id    TEXT NOT NULL REFERENCES waffo_stores (id),
  type        TEXT NOT NULL CHECK (type IN ('onetime', 'subscription')),
  name        TEXT NOT NULL,
  test_status TEXT NOT NULL CHECK (test_status IN ('active', 'inactive')),
  prod_status TEXT NOT NULL CHECK (prod_status IN ('active', 'inactive')),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX waffo_products_by_store ON waffo_products (store_id);

CREATE TABLE waffo_orders (
  id         TEXT PRIMARY KEY,
  store_id   TEXT NOT NULL REFERENCES waffo_stores (id),
  product_id TEXT REFERENCES waffo_products (id),
  type       TEXT NOT NULL CHECK (type IN ('onetime', 'subscription')),
  status     TEXT NOT NULL CHECK (
    (type = 'onetime' AND status IN ('pending', 'completed', 'canceled')) OR
    (type = 'subscription' AND status IN ('pending', 'active', 'canceling', 'past_due', 'closed', 'canceled', 'expired'))
  ),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX waffo_orders_by_store ON waffo_orders (store_id);

CREATE TABLE waffo_kyb_tickets (
  id         TEXT PRIMARY KEY,
  store_id   TEXT NOT NULL REFERENCES waffo_stores (id),
  status     TEXT NOT NULL CHECK (status IN (
    'pending', 'under_review', 'approved', 'rejected', 'returned', 'processing', 'succeeded', 'failed', 'cancelled'
  )),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX waffo_kyb_tickets_by_store ON waffo_kyb_tickets (store_id);

CREATE TABLE waffo_sender_bindings (
  id         INTEGER PRIMARY KEY,
  store_id   TEXT NOT NULL REFERENCES waffo_stores (id),
  kind       TEXT NOT NULL CHECK (kind IN ('email', 'domain')),
  value      TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (store_id, kind, value)
) STRICT;
`, `
-- Second wave: product versions per environment, order details, the period end a cancel waits for.
-- A product's content (name, description, prices, …) is JSON; the test version is what
-- update-product writes, the prod version what publish-product copied (NULL: never published).
ALTER TABLE waffo_products ADD COLUMN test_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE waffo_products ADD COLUMN test_content TEXT NOT NULL DEFAULT '{}';
ALTER TABLE waffo_products ADD COLUMN prod_version INTEGER;
ALTER TABLE waffo_products ADD COLUMN prod_content TEXT;

ALTER TABLE waffo_orders ADD COLUMN buyer_email TEXT;
ALTER TABLE waffo_orders ADD COLUMN currency TEXT;
ALTER TABLE waffo_orders ADD COLUMN amount TEXT;
ALTER TABLE waffo_orders ADD COLUMN current_period_end TEXT;
ALTER TABLE waffo_orders ADD COLUMN canceled_at TEXT;
-- Set when a past_due subscription was canceled: reactivate-order refuses it.
ALTER TABLE waffo_orders ADD COLUMN unpaid_balance INTEGER NOT NULL DEFAULT 0 CHECK (unpaid_balance IN (0, 1));
-- The tick looks only at canceling subscriptions, by period end.
CREATE INDEX waffo_orders_canceling ON waffo_orders (current_period_end) WHERE status = 'canceling';
CREATE INDEX waffo_store_members_by_merchant ON waffo_store_members (merchant_id);
`, `
-- Third wave: a store's webhook endpoints (add/update/remove-webhook; GraphQL Store.storeWebhooks).
-- events is a JSON array of event types; the id is a UUID, not a Short ID.
CREATE TABLE waffo_webhooks (
  id         TEXT PRIMARY KEY,
  store_id   TEXT NOT NULL REFERENCES waffo_stores (id),
  channel    TEXT NOT NULL CHECK (channel IN ('http', 'feishu', 'discord', 'telegram', 'slack')),
  url        TEXT NOT NULL,
  events     TEXT NOT NULL,
  test_mode  INTEGER NOT NULL CHECK (test_mode IN (0, 1)),
  secret     TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX waffo_webhooks_by_store ON waffo_webhooks (store_id);
-- The environment an order lives in: its events carry it as mode, and only webhooks of that mode get them.
ALTER TABLE waffo_orders ADD COLUMN mode TEXT NOT NULL DEFAULT 'test' CHECK (mode IN ('test', 'prod'));
`, `
-- Fourth wave: X-Idempotency-Key answers, per merchant (kept 24 h of mock time), and
-- subscription product groups (UUID ids, hard-deleted; a test and a prod copy like products).
CREATE TABLE waffo_idempotency_keys (
  merchant_id  TEXT NOT NULL,
  key          TEXT NOT NULL,
  -- sha256 of METHOD, path and raw body: the same key with another request is refused.
  request_hash TEXT NOT NULL,
  status       INTEGER NOT NULL,
  content_type TEXT,
  body         TEXT NOT NULL,
  -- Mock time, epoch ms.
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (merchant_id, key)
) STRICT;

CREATE TABLE waffo_product_groups (
  id          TEXT PRIMARY KEY,
  store_id    TEXT NOT NULL REFERENCES waffo_stores (id),
  environment TEXT NOT NULL CHECK (environment IN ('test', 'prod')),
  name        TEXT NOT NULL,
  description TEXT,
  -- JSON {sharedTrial, selfServicePlanChange}, both always present.
  rules       TEXT NOT NULL,
  -- JSON array of subscription product ids, in the order given.
  product_ids TEXT NOT NULL,
  -- A prod group: the test group publish-group copied it from (publish upserts by it).
  published_from TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (store_id, environment, name)
) STRICT;
CREATE INDEX waffo_product_groups_by_store ON waffo_product_groups (store_id);
`, `
-- Fourth wave: purchases. A checkout session freezes the product version and price it was opened
-- with (its id is a UUID); paying it makes the order and a payment (PAY_). Orders bought through
-- checkout keep the snapshot, the billing detail and the card outcome renewals will meet.
CREATE TABLE waffo_checkout_sessions (
  id                  TEXT PRIMARY KEY,
  store_id            TEXT NOT NULL REFERENCES waffo_stores (id),
  product_id          TEXT NOT NULL REFERENCES waffo_products (id),
  mode                TEXT NOT NULL CHECK (mode IN ('test', 'prod')),
  product_version     INTEGER NOT NULL,
  currency            TEXT NOT NULL,
  price_snapshot      TEXT NOT NULL,
  trial_days          INTEGER,
  buyer_email         TEXT,
  billing_detail      TEXT,
  success_url         TEXT,
  metadata            TEXT NOT NULL,
  external_id         TEXT,
  order_id            TEXT REFERENCES waffo_orders (id),
  paid_at             TEXT,
  created_at          TEXT NOT NULL,
  expires_at          TEXT NOT NULL
) STRICT;
CREATE INDEX waffo_checkout_sessions_by_store ON waffo_checkout_sessions (store_id);

CREATE TABLE waffo_payments (
  id         TEXT PRIMARY KEY,
  order_id   TEXT NOT NULL REFERENCES waffo_orders (id),
  store_id   TEXT NOT NULL REFERENCES waffo_stores (id),
  mode       TEXT NOT NULL CHECK (mode IN ('test', 'prod')),
  status     TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'canceled')),
  amount     TEXT NOT NULL,
  currency   TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX waffo_payments_by_order ON waffo_payments (order_id);

ALTER TABLE waffo_orders ADD COLUMN current_period_start TEXT;
ALTER TABLE waffo_orders ADD COLUMN price_snapshot TEXT;
ALTER TABLE waffo_orders ADD COLUMN billing_detail TEXT;
ALTER TABLE waffo_orders ADD COLUMN product_version INTEGER;
ALTER TABLE waffo_orders ADD COLUMN billing_period TEXT;
-- The card renewals are charged on: success, or decline (a declined test card, or the admin helper).
ALTER TABLE waffo_orders ADD COLUMN card_outcome TEXT NOT NULL DEFAULT 'success' CHECK (card_outcome IN ('success', 'decline'));
`, `
-- Plan changes: a session with an origin order changes that subscription's plan instead of
-- selling a new one, now or at its period end; change_due is what confirming it charges.
ALTER TABLE waffo_checkout_sessions ADD COLUMN origin_order_id TEXT REFERENCES waffo_orders (id);
ALTER TABLE waffo_checkout_sessions ADD COLUMN change_timing TEXT CHECK (change_timing IN ('immediate', 'next_period'));
ALTER TABLE waffo_checkout_sessions ADD COLUMN change_due TEXT;
-- The paid next_period session whose plan the next renewal applies (no foreign key: the wipe
-- deletes sessions before orders).
ALTER TABLE waffo_orders ADD COLUMN scheduled_change TEXT;
`, `
-- Refunds: a buyer's refund ticket (TKT_) against a payment, moved by hand (the control plane, as
-- upstream's reviewers do); a settled ticket writes a refund (REF_). Only the current version of
-- a ticket is kept (version_number counts resubmits). Amounts are display strings.
CREATE TABLE waffo_refund_tickets (
  id                 TEXT PRIMARY KEY,
  store_id           TEXT NOT NULL REFERENCES waffo_stores (id),
  payment_id         TEXT NOT NULL REFERENCES waffo_payments (id),
  mode               TEXT NOT NULL CHECK (mode IN ('test', 'prod')),
  status             TEXT NOT NULL CHECK (status IN (
    'pending', 'under_review', 'approved', 'rejected', 'returned', 'processing', 'succeeded', 'failed', 'cancelled'
  )),
  submitter_id       TEXT NOT NULL,
  version_number     INTEGER NOT NULL,
  current_version_id TEXT NOT NULL,
  reason             TEXT NOT NULL,
  amount             TEXT NOT NULL,
  currency           TEXT NOT NULL,
  reviewer_id        TEXT,
  reviewed_at        TEXT,
  review_note        TEXT,
  reject_reason      TEXT,
  executed_at        TEXT,
  metadata           TEXT NOT NULL,
  external_id        TEXT,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
) STRICT;
CREATE INDEX waffo_refund_tickets_by_payment ON waffo_refund_tickets (payment_id);
CREATE INDEX waffo_refund_tickets_by_store ON waffo_refund_tickets (store_id);

CREATE TABLE waffo_refunds (
  id                 TEXT PRIMARY KEY,
  ticket_id          TEXT NOT NULL REFERENCES waffo_refund_tickets (id),
  payment_id         TEXT NOT NULL REFERENCES waffo_payments (id),
  store_id           TEXT NOT NULL REFERENCES waffo_stores (id),
  mode               TEXT NOT NULL CHECK (mode IN ('test', 'prod')),
  status             TEXT NOT NULL CHECK (status IN ('succeeded', 'failed')),
  amount             TEXT NOT NULL,
  currency           TEXT NOT NULL,
  reason             TEXT NOT NULL,
  order_external_id  TEXT,
  ticket_external_id TEXT,
  created_at         TEXT NOT NULL
) STRICT;
CREATE INDEX waffo_refunds_by_payment ON waffo_refunds (payment_id);
CREATE INDEX waffo_refunds_by_store ON waffo_refunds (store_id);
`, `
-- The renewal due-check reads the earliest period end of the active subscriptions: from this
-- index, not a scan of every order (it runs after every write).
CREATE INDEX waffo_orders_renewing ON waffo_orders (current_period_end)
  WHERE status = 'active' AND type = 'subscription' AND billing_period IS NOT NULL;
`, `
-- X-Idempotency-Key answers are per merchant and environment: a prod call must not replay what
-- the same key answered in test (the environments' data are isolated). A 24-hour replay cache,
-- so an older file database simply forgets what it held.
DROP TABLE waffo_idempotency_keys;
CREATE TABLE waffo_idempotency_keys (
  merchant_id  TEXT NOT NULL,
  environment  TEXT NOT NULL CHECK (environment IN ('test', 'prod')),
  key          TEXT NOT NULL,
  -- sha256 of METHOD, path and raw body: the same key with another request is refused.
  request_hash TEXT NOT NULL,
  status       INTEGER NOT NULL,
  content_type TEXT,
  body         TEXT NOT NULL,
  -- Mock time, epoch ms.
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (merchant_id, environment, key)
) STRICT;
`, `
-- The buyer an order is bound to: the identity of the session token that opened or paid its checkout
-- (authenticated checkout: "the order is bound to the buyerIdentity you provide", whatever email the
-- form takes). NULL: anonymous checkout, and the buyer is whoever's identity is its buyerEmail.
ALTER TABLE waffo_checkout_sessions ADD COLUMN buyer_identity TEXT;
ALTER TABLE waffo_orders ADD COLUMN buyer_identity TEXT;
`]

/** Child tables first, so a wipe never trips a foreign key. */
export const WAFFO_TABLES = [
  'waffo_refunds', 'waffo_refund_tickets', 'waffo_idempotency_keys', 'waffo_product_groups', 'waffo_webhooks', 'waffo_sender_bindings', 'waffo_kyb_tickets', 'waffo_payments', 'waffo_checkout_sessions', 'waffo_orders', 'waffo_products',
  'waffo_store_members', 'waffo_stores', 'waffo_api_keys', 'waffo_merchants'
] as const
