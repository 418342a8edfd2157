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
`]

/** Child tables first, so a wipe never trips a foreign key. */
export const TOCO_TABLES = [
  'toco_orders', 'toco_products', 'toco_store_tokens', 'toco_store_authorizations', 'toco_stores', 'toco_partners'
] as const
