/**
 * Toco tables. A store is bound while it has an authorization row; unbinding deletes the
 * authorization and revokes the tokens but keeps the store (it still belongs to its partner,
 * which is how a second unbind can answer STORE_021 instead of STORE_020).
 */
export const TOCO_MIGRATIONS: readonly string[] = [`
CREATE TABLE toco_partners (
  client_id   TEXT PRIMARY KEY,
  secret_key  TEXT NOT NULL,
  name        TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE toco_stores (
  store_client_id   TEXT PRIMARY KEY,
  partner_client_id TEXT NOT NULL REFERENCES toco_partners (client_id),
  name              TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
) STRICT;

CREATE TABLE toco_store_authorizations (
  store_client_id   TEXT PRIMARY KEY REFERENCES toco_stores (store_client_id),
  partner_client_id TEXT NOT NULL REFERENCES toco_partners (client_id),
  granted_at        TEXT NOT NULL
) STRICT;

CREATE TABLE toco_store_tokens (
  token           TEXT PRIMARY KEY,
  store_client_id TEXT NOT NULL REFERENCES toco_stores (store_client_id),
  issued_at       TEXT NOT NULL,
  revoked_at      TEXT
) STRICT;
CREATE INDEX toco_store_tokens_by_store ON toco_store_tokens (store_client_id);

CREATE TABLE toco_products (
  id              TEXT PRIMARY KEY,
  store_client_id TEXT NOT NULL REFERENCES toco_stores (store_client_id),
  external_id     TEXT NOT NULL,
  name            TEXT NOT NULL,
  sku             TEXT,
  price           INTEGER NOT NULL,
  stock           INTEGER NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  deleted_at      TEXT
) STRICT;
CREATE INDEX toco_products_by_store ON toco_products (store_client_id);

CREATE TABLE toco_orders (
  id              TEXT PRIMARY KEY,
  store_client_id TEXT NOT NULL REFERENCES toco_stores (store_client_id),
  invoice_number  TEXT NOT NULL UNIQUE,
  status          TEXT NOT NULL,
  total           INTEGER NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX toco_orders_by_store ON toco_orders (store_client_id);
`, `
-- Second wave: onboarding, warehouses, variants, product details, order details, async batches.
ALTER TABLE toco_store_tokens ADD COLUMN expires_at TEXT;

CREATE TABLE toco_warehouses (
  client_id       TEXT PRIMARY KEY,
  store_client_id TEXT NOT NULL REFERENCES toco_stores (store_client_id),
  name            TEXT NOT NULL,
  created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX toco_warehouses_by_store ON toco_warehouses (store_client_id);

ALTER TABLE toco_products ADD COLUMN special_price INTEGER;
ALTER TABLE toco_products ADD COLUMN is_archived INTEGER NOT NULL DEFAULT 0;
ALTER TABLE toco_products ADD COLUMN is_verified INTEGER NOT NULL DEFAULT 0;
-- The §4.1 fields nothing filters on (description, weight, photos…), as one JSON object.
ALTER TABLE toco_products ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
CREATE INDEX toco_products_live ON toco_products (store_client_id, deleted_at, created_at);
CREATE INDEX toco_products_by_external_id ON toco_products (store_client_id, external_id);
CREATE INDEX toco_products_by_sku ON toco_products (store_client_id, sku);

CREATE TABLE toco_product_variants (
  id            TEXT PRIMARY KEY,
  product_id    TEXT NOT NULL REFERENCES toco_products (id),
  sku           TEXT NOT NULL,
  name          TEXT NOT NULL,
  price         INTEGER NOT NULL,
  special_price INTEGER,
  stock         INTEGER NOT NULL,
  is_active     INTEGER NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX toco_product_variants_by_product ON toco_product_variants (product_id);
CREATE INDEX toco_product_variants_by_sku ON toco_product_variants (sku);

-- Stock of a simple product or of a variant (item_id) in one warehouse.
CREATE TABLE toco_stock_levels (
  item_id             TEXT NOT NULL,
  warehouse_client_id TEXT NOT NULL REFERENCES toco_warehouses (client_id),
  stock               INTEGER NOT NULL,
  PRIMARY KEY (item_id, warehouse_client_id)
) STRICT;

-- Items, buyer, payment and delivery as given by the fixtures (JSON).
ALTER TABLE toco_orders ADD COLUMN details TEXT NOT NULL DEFAULT '{}';

CREATE TABLE toco_onboard_sessions (
  id                TEXT PRIMARY KEY,
  partner_client_id TEXT NOT NULL REFERENCES toco_partners (client_id),
  redirect_uri      TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  expires_at        TEXT NOT NULL,
  completed_at      TEXT,
  store_client_id   TEXT REFERENCES toco_stores (store_client_id)
) STRICT;
CREATE INDEX toco_onboard_sessions_by_partner ON toco_onboard_sessions (partner_client_id);

-- An accepted bulk request: its rows (input and outcome, JSON) apply once due_at has passed.
CREATE TABLE toco_batches (
  id              TEXT PRIMARY KEY,
  request_id      TEXT NOT NULL,
  store_client_id TEXT NOT NULL REFERENCES toco_stores (store_client_id),
  kind            TEXT NOT NULL,
  status          TEXT NOT NULL,
  accepted_at     TEXT NOT NULL,
  due_at          TEXT NOT NULL,
  applied_at      TEXT,
  rows            TEXT NOT NULL
) STRICT;
CREATE INDEX toco_batches_due ON toco_batches (status, due_at);
CREATE INDEX toco_batches_by_store ON toco_batches (store_client_id);
`, `
-- Third wave: products with variants through the API (option groups, each variant's options).
-- JSON [{name, options: [string]}] of a product with variants; '[]' for a simple product.
ALTER TABLE toco_products ADD COLUMN option_groups TEXT NOT NULL DEFAULT '[]';
-- JSON [{name, value}]: the variant's value in each option group.
ALTER TABLE toco_product_variants ADD COLUMN options TEXT NOT NULL DEFAULT '[]';
`, `
-- Third wave: where a partner's webhooks go (fixtures or /__admin/toco/partners/{id}/webhook; upstream documents no registration call).
ALTER TABLE toco_partners ADD COLUMN webhook_url TEXT;
`, `
-- Live products by creation time, as a partial index: a soft delete drops the product's entry
-- instead of moving it to the deleted end of the old (store, deleted_at, created_at) index,
-- where the growing run of deleted entries split a page every few deletes.
DROP INDEX toco_products_live;
CREATE INDEX toco_products_live ON toco_products (store_client_id, created_at) WHERE deleted_at IS NULL;
`]

/** Child tables first, so a wipe never trips a foreign key. */
export const TOCO_TABLES = [
  'toco_batches', 'toco_onboard_sessions', 'toco_stock_levels', 'toco_product_variants', 'toco_orders', 'toco_products',
  'toco_warehouses', 'toco_store_tokens', 'toco_store_authorizations', 'toco_stores', 'toco_partners'
] as const
