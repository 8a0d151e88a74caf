-- claimgraph's database schema: the one place it is declared.
-- Bump SCHEMA_VERSION in store/schema.py and add a migration there when this changes.

CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Unaltered original bytes, content-addressed.
CREATE TABLE IF NOT EXISTS originals (
  sha256     TEXT PRIMARY KEY,
  size       INTEGER NOT NULL,
  media_type TEXT,
  data       BLOB NOT NULL,
  first_seen TEXT NOT NULL
);

-- Every place a copy of an original was found: the same bytes twice are one original, two locations.
CREATE TABLE IF NOT EXISTS locations (
  id          INTEGER PRIMARY KEY,
  sha256      TEXT NOT NULL REFERENCES originals(sha256),
  uri         TEXT NOT NULL,
  kind        TEXT NOT NULL,
  captured_at TEXT NOT NULL,
  container   TEXT,
  UNIQUE (sha256, uri)
);
CREATE INDEX IF NOT EXISTS locations_sha ON locations(sha256);

-- One document per original (derived: rebuilt by `reprocess`).
CREATE TABLE IF NOT EXISTS documents (
  id          INTEGER PRIMARY KEY,
  sha256      TEXT NOT NULL UNIQUE REFERENCES originals(sha256),
  source      TEXT NOT NULL,
  format      TEXT,
  title       TEXT,
  author      TEXT,
  publisher   TEXT,
  published   TEXT,
  url         TEXT,
  language    TEXT,
  text        TEXT NOT NULL,
  encoding    TEXT,
  bom         INTEGER NOT NULL DEFAULT 0,
  offsets     BLOB NOT NULL,      -- int32 array: clean text index -> decoded original index
  flags       TEXT NOT NULL,      -- JSON list of {kind, span, detail}
  extraction  TEXT NOT NULL,      -- the full Extraction JSON, as `claimgraph extract` prints it
  pipeline    TEXT NOT NULL,      -- version key: a different key means reprocess
  processed_at TEXT NOT NULL
);
-- By publisher with the facet columns, so a publisher's facets read no document row (each holds
-- its text); schema 7, replacing documents_publisher(publisher).
CREATE INDEX IF NOT EXISTS documents_by_publisher ON documents(publisher, published, format);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
-- Listings filter and count documents by these without reading their rows (which hold the text).
CREATE INDEX IF NOT EXISTS documents_facts ON documents(published, publisher, format);
-- Paging with OFFSET walks documents in id order; the table's own b-tree holds whole rows (text,
-- extraction), so skipping 50,000 of them read hundreds of MB (260 ms, bench/bench_web.py).
-- SQLite walks this narrow index on the same key instead (1 ms).
CREATE INDEX IF NOT EXISTS documents_id ON documents(id);

-- Every processing step applied to a document, with the tool and its version.
CREATE TABLE IF NOT EXISTS processing_runs (
  id          INTEGER PRIMARY KEY,
  sha256      TEXT NOT NULL,
  step        TEXT NOT NULL,
  tool        TEXT NOT NULL,
  version     TEXT NOT NULL,
  detail      TEXT,
  at          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_sha ON processing_runs(sha256);

-- Inputs that failed, with the reason, so a batch's failures can be listed later: one row per
-- input and reason, however often a re-run meets it again.
CREATE TABLE IF NOT EXISTS errors (
  id        INTEGER PRIMARY KEY,
  input     TEXT NOT NULL,
  reason    TEXT NOT NULL,
  stage     TEXT NOT NULL,
  at        TEXT NOT NULL,            -- first seen
  last_seen TEXT NOT NULL,
  count     INTEGER NOT NULL DEFAULT 1,
  UNIQUE (input, reason)
);

-- Chain of custody (store/custody.py): every step applied to every original, append-only, each
-- entry hashing the one before it. Written in the transaction of the step it records.
CREATE TABLE IF NOT EXISTS custody (
  seq     INTEGER PRIMARY KEY,        -- the order of the chain, from 1
  prev    TEXT NOT NULL,              -- the previous entry's hash (64 zeros for the first)
  sha256  TEXT NOT NULL,              -- the original the step was applied to
  action  TEXT NOT NULL,              -- acquired | located | extracted | re-extracted | adopted
  actor   TEXT NOT NULL,              -- who ran it
  tool    TEXT NOT NULL,              -- with what, and which versions
  at      TEXT NOT NULL,
  detail  TEXT NOT NULL,              -- canonical JSON: where found, pipeline, steps, digests
  hash    TEXT NOT NULL               -- SHA-256 over every field above
);
CREATE INDEX IF NOT EXISTS custody_sha ON custody(sha256);
CREATE TRIGGER IF NOT EXISTS custody_no_update BEFORE UPDATE ON custody
BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS custody_no_delete BEFORE DELETE ON custody
BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS originals_unaltered BEFORE UPDATE ON originals
BEGIN SELECT RAISE(ABORT, 'originals are kept unaltered'); END;

CREATE TABLE IF NOT EXISTS entities (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  local_id    TEXT NOT NULL,
  name        TEXT NOT NULL,
  type        TEXT NOT NULL,
  aliases     TEXT NOT NULL,      -- JSON list
  roles       TEXT NOT NULL,      -- JSON list
  merges      TEXT NOT NULL,      -- JSON list of {alias, reason}
  n_mentions  INTEGER NOT NULL,
  UNIQUE (document_id, local_id)
);
CREATE INDEX IF NOT EXISTS entities_name ON entities(name);
CREATE INDEX IF NOT EXISTS entities_rank ON entities(n_mentions DESC, name);  -- Store.entities' order

CREATE TABLE IF NOT EXISTS mentions (
  entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  start     INTEGER NOT NULL,
  end       INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
-- An entity's page (store/entity_page.py) finds what names it from indexes, not rows: a name in
-- 10,000 documents read 10,000 rows of each table. No version step: the schema script adds them
-- when a database is next opened for writing; until then those pages read the rows, as before.
CREATE INDEX IF NOT EXISTS mentions_spans ON mentions(entity_id, start, end);

CREATE TABLE IF NOT EXISTS quotes (
  id             INTEGER PRIMARY KEY,
  document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  local_id       TEXT NOT NULL,
  kind           TEXT NOT NULL,
  text           TEXT NOT NULL,
  start          INTEGER NOT NULL,
  end            INTEGER NOT NULL,
  cue            TEXT,
  medium         TEXT,
  speaker_name   TEXT,
  speaker_text   TEXT,
  speaker_entity TEXT,            -- local entity id within the document
  speaker_method TEXT,
  reported_by    TEXT,
  method         TEXT,            -- how extract found it (Quote.method)
  confidence     REAL,            -- extract's estimate that the quote and its speaker are right
  publisher      TEXT,            -- the document's, copied: listings filter and count on them
  published      TEXT,            --   without reading a document row (which holds its text)
  UNIQUE (document_id, local_id)
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_name);
CREATE INDEX IF NOT EXISTS quotes_spoken ON quotes(document_id, speaker_entity);  -- as mentions_spans
-- A publisher or label filter reads the facet columns from the index alone (schema 7; it
-- replaced quotes_publisher(publisher, published), which read each kept row from the table).
CREATE INDEX IF NOT EXISTS quotes_by_publisher ON quotes(publisher, published, kind, speaker_name, confidence);
-- Every column listings filter and count on: a filtered count or facet reads this index only.
CREATE INDEX IF NOT EXISTS quotes_facts ON quotes(published, publisher, kind, speaker_name, confidence);

CREATE TABLE IF NOT EXISTS claims (
  id             INTEGER PRIMARY KEY,
  document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  local_id       TEXT NOT NULL,
  kind           TEXT NOT NULL,
  text           TEXT NOT NULL,
  start          INTEGER NOT NULL,
  end            INTEGER NOT NULL,
  value          REAL,
  low            REAL,
  high           REAL,
  qualifier      TEXT,
  counted        TEXT,
  event          TEXT,
  time           TEXT,
  time_inferred  INTEGER NOT NULL DEFAULT 0,
  place          TEXT,
  claimant_name  TEXT,
  claimant_entity TEXT,
  claimant_basis TEXT,
  bound          TEXT,            -- exact | lower | upper | approx | range | vague (extract.numbers)
  unit           TEXT,
  number_text    TEXT,            -- the words that state the number
  data           TEXT NOT NULL DEFAULT '{}',  -- the whole Claim record as JSON: every field extract knew
  method         TEXT,            -- how extract found it (Claim.method)
  confidence     REAL,            -- extract's estimate that the claim is right (also in data)
  publisher      TEXT,            -- the document's, copied (as in quotes)
  published      TEXT,
  UNIQUE (document_id, local_id)
);
CREATE INDEX IF NOT EXISTS claims_counted ON claims(counted);
CREATE INDEX IF NOT EXISTS claims_by_publisher ON claims(publisher, published, kind, claimant_name, counted, event,
                                                  confidence);  -- as quotes_by_publisher (schema 7)
CREATE INDEX IF NOT EXISTS claims_claimant ON claims(claimant_name);
CREATE INDEX IF NOT EXISTS claims_spans ON claims(document_id, start, end, claimant_entity);  -- as mentions_spans
CREATE INDEX IF NOT EXISTS claims_about ON claims(document_id, json_extract(data, '$.about'));  -- (its age, ...)
CREATE INDEX IF NOT EXISTS claims_facts ON claims(published, publisher, kind, claimant_name, counted, event, confidence);

-- Full-text search. External-content tables would save space but complicate deletes on
-- reprocess; these hold their own copy.
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(text, speaker, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5(text, counted, event, claimant, tokenize = 'unicode61 remove_diacritics 2');

-- How many documents, quotes and claims are stored, and of each facet value (store/tallies.py):
-- kept up to date by the writes that add and remove rows, so that an unfiltered listing's total
-- and facets are read, not counted, at any size. facet '' and value '' hold the listing's total.
CREATE TABLE IF NOT EXISTS facet_tallies (
  listing TEXT NOT NULL,
  facet   TEXT NOT NULL,
  value   TEXT NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY (listing, facet, value)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS facet_tallies_rank ON facet_tallies(listing, facet, n DESC, value);

-- The entities named inside each quote (a mention within its span), found when the quote is
-- written: who-said-what-about-whom reads these pairs instead of comparing every mention of
-- every entity of a document with each quote's span on each request.
CREATE TABLE IF NOT EXISTS quote_mentions (
  quote_id  INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
  entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  PRIMARY KEY (quote_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quote_mentions_entity ON quote_mentions(entity_id);

-- == resolve: across documents ==================================================================
-- Derived tables, rebuilt by a full resolve and added to by updates (ARCHITECTURE.md). A
-- `component` column holds the component the full run computed the row in (names or claims that
-- can only be joined with each other); rows an update made carry the component of what they
-- joined. The user's own records (judgements, publisher_labels, corrections) are keyed by names
-- and content, never by row ids, so they survive `reprocess`.

-- Work the derived tables still owe: written in the same transaction as the document write
-- that caused it, deleted in the transaction that finishes resolving it. kind: document (ref:
-- document id: its names and claims join what is stored), group / entity (ref: an id: it lost
-- members, make it again from the rest), node (ref: a node key a user judged), publisher (ref:
-- a publisher whose labels changed), claim-block (ref: a block whose size changed), full (a
-- whole rebuild).
CREATE TABLE IF NOT EXISTS resolve_pending (
  kind TEXT NOT NULL,
  ref  TEXT NOT NULL,
  PRIMARY KEY (kind, ref)
);

CREATE TABLE IF NOT EXISTS global_entities (
  id          INTEGER PRIMARY KEY,    -- kept across resolves while the key stays
  key         TEXT NOT NULL UNIQUE,   -- type class + normalised canonical name
  name        TEXT NOT NULL,
  type        TEXT NOT NULL,
  aliases     TEXT NOT NULL,          -- JSON list of every surface name
  roles       TEXT NOT NULL,          -- JSON list
  n_documents INTEGER NOT NULL,
  n_mentions  INTEGER NOT NULL,
  component   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS global_entities_name ON global_entities(name);
CREATE INDEX IF NOT EXISTS global_entities_component ON global_entities(component);
CREATE INDEX IF NOT EXISTS global_entities_rank ON global_entities(n_documents DESC, n_mentions DESC, name);

-- Which per-document entity belongs to which global entity.
CREATE TABLE IF NOT EXISTS entity_members (
  entity_id INTEGER PRIMARY KEY REFERENCES entities(id) ON DELETE CASCADE,
  global_id INTEGER NOT NULL REFERENCES global_entities(id) ON DELETE CASCADE,
  node      TEXT NOT NULL             -- the entity's node key (type class + folded name)
);
CREATE INDEX IF NOT EXISTS entity_members_global ON entity_members(global_id);
CREATE INDEX IF NOT EXISTS entity_members_node ON entity_members(node);

-- Entity nodes (one per type class and folded name, across documents) and the blocks they are
-- compared in: how a new document's names find the names they may join.
CREATE TABLE IF NOT EXISTS entity_nodes (
  key       TEXT PRIMARY KEY,
  global_id INTEGER,
  component INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS entity_nodes_component ON entity_nodes(component);
CREATE TABLE IF NOT EXISTS entity_blocks (
  block TEXT NOT NULL,
  node  TEXT NOT NULL,
  PRIMARY KEY (block, node)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entity_blocks_node ON entity_blocks(node);

-- Every pair of names the resolver joined (or was told to keep apart), with why.
CREATE TABLE IF NOT EXISTS entity_merges (
  id        INTEGER PRIMARY KEY,
  global_id INTEGER REFERENCES global_entities(id) ON DELETE SET NULL,
  name_a    TEXT NOT NULL,
  name_b    TEXT NOT NULL,
  key_a     TEXT NOT NULL,            -- stable keys: what judgements refer to
  key_b     TEXT NOT NULL,
  score     REAL NOT NULL,
  evidence  TEXT NOT NULL,
  status    TEXT NOT NULL,            -- auto | confirmed | rejected
  component INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS entity_merges_keys ON entity_merges(key_a, key_b);
CREATE INDEX IF NOT EXISTS entity_merges_component ON entity_merges(component);

-- A user's decisions on merges; never derived, never deleted by reprocess or resolve.
CREATE TABLE IF NOT EXISTS judgements (
  id       INTEGER PRIMARY KEY,
  kind     TEXT NOT NULL,             -- entity
  key_a    TEXT NOT NULL,             -- key_a < key_b
  key_b    TEXT NOT NULL,
  decision TEXT NOT NULL,             -- confirm | reject
  note     TEXT,
  at       TEXT NOT NULL,
  UNIQUE (kind, key_a, key_b)
);

-- People's corrections of what extraction found (a quote's speaker, a claim's value, claimant or
-- group), kept by content (the document's SHA-256 and the item's text), so that they survive
-- `reprocess`. The quotes and claims rows are the extraction with them applied (claimgraph.corrections);
-- the extraction JSON of a document stays what extract made.
CREATE TABLE IF NOT EXISTS corrections (
  id       INTEGER PRIMARY KEY,
  sha256   TEXT NOT NULL,             -- the document
  item     TEXT NOT NULL,             -- quote | claim
  anchor   TEXT NOT NULL,             -- the item's text as extracted: what finds it again
  field    TEXT NOT NULL,             -- speaker | value | claimant | group
  value    TEXT NOT NULL,             -- JSON: the right value
  note     TEXT,
  at       TEXT NOT NULL,
  author   TEXT,                      -- who corrected it
  UNIQUE (sha256, item, anchor, field)
);

-- Labels users give publishers (state media, opposition, rights group, wire ...). Nothing in
-- code assigns them.
CREATE TABLE IF NOT EXISTS publisher_labels (
  publisher TEXT NOT NULL,
  label     TEXT NOT NULL,
  origin    TEXT,                     -- cli | a file name
  at        TEXT NOT NULL,
  PRIMARY KEY (publisher, label)
);

-- Which outlet a document's story comes from: its own name, its copy cluster (near-identical
-- texts, found through MinHash bands) and the origin the cluster votes for.
CREATE TABLE IF NOT EXISTS document_origins (
  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  credit      TEXT,                   -- folded dateline credit or author: a publisher it may name
  own         TEXT NOT NULL,
  cluster     TEXT NOT NULL,          -- sha256 of the cluster's root document
  origin      TEXT NOT NULL,
  signature   BLOB                    -- MinHash of the opening words
);
CREATE INDEX IF NOT EXISTS document_origins_cluster ON document_origins(cluster);
CREATE INDEX IF NOT EXISTS document_origins_credit ON document_origins(credit);
CREATE TABLE IF NOT EXISTS copy_bands (
  band        TEXT NOT NULL,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  PRIMARY KEY (band, document_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS copy_bands_document ON copy_bands(document_id);

CREATE TABLE IF NOT EXISTS claim_groups (
  id                  INTEGER PRIMARY KEY,  -- kept across resolves while the group keeps its first claim
  key                 TEXT NOT NULL UNIQUE, -- sha256:local id of the group's first claim
  label               TEXT NOT NULL,
  counted             TEXT,
  event               TEXT,
  time                TEXT,
  place               TEXT,
  contradiction       INTEGER NOT NULL,
  independent_sources INTEGER NOT NULL,
  n_claims            INTEGER NOT NULL,
  component           INTEGER NOT NULL,
  data                TEXT NOT NULL,  -- the group in the contract's JSON shape
  summary             TEXT            -- the same without its claims: what listings of groups read
);
-- Most independently sourced first: what an editor should look at.
CREATE INDEX IF NOT EXISTS claim_groups_rank ON claim_groups(independent_sources DESC, n_claims DESC, label);
-- The front page's contested numbers and their count, without reading every group (schema 7).
CREATE INDEX IF NOT EXISTS claim_groups_contested ON claim_groups(contradiction, independent_sources DESC, n_claims DESC,
                                                                  label);
CREATE INDEX IF NOT EXISTS claim_groups_component ON claim_groups(component);

CREATE TABLE IF NOT EXISTS claim_members (
  claim_id  INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
  group_id  INTEGER NOT NULL REFERENCES claim_groups(id) ON DELETE CASCADE,
  component INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS claim_members_group ON claim_members(group_id);
CREATE INDEX IF NOT EXISTS claim_members_component ON claim_members(component);

-- What resolve read from each claim (classes, year, context vector) and the blocks it is
-- compared in; claimant name keys say which claims a change of entities touches.
CREATE TABLE IF NOT EXISTS claim_features (
  claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
  data     TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS claim_blocks (
  block    TEXT NOT NULL,
  claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  PRIMARY KEY (block, claim_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS claim_blocks_claim ON claim_blocks(claim_id);
CREATE TABLE IF NOT EXISTS claim_claimants (
  node     TEXT NOT NULL,
  claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  PRIMARY KEY (node, claim_id)
) WITHOUT ROWID;

-- What an update joins new documents on, kept so that it never reads the members of what it
-- joins (see resolve/claim_joins.py and resolve/entity_joins.py): a group's summed context, its
-- years and label words; an entity's names and counts summed over its rows; how many claims
-- each block holds (a block over the cap is not compared on).
CREATE TABLE IF NOT EXISTS claim_group_states (
  group_id INTEGER PRIMARY KEY REFERENCES claim_groups(id) ON DELETE CASCADE,
  data     TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS claim_block_sizes (
  block TEXT PRIMARY KEY,
  n     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entity_tallies (
  global_id INTEGER PRIMARY KEY REFERENCES global_entities(id) ON DELETE CASCADE,
  data      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entity_nodes_global ON entity_nodes(global_id);

-- Verdicts on claim groups: a person's own (`claimgraph verdict`, origin 'person') and those
-- fact-checkers published, imported from ClaimReview feeds (origin: the feed's file name). Kept
-- by content like corrections: the document, sentence and number of the claim a verdict is
-- anchored to, so that it follows that claim's group across `reprocess` and regrouping.
CREATE TABLE IF NOT EXISTS verdicts (
  id        INTEGER PRIMARY KEY,
  sha256    TEXT NOT NULL,             -- the anchor claim's document
  anchor    TEXT NOT NULL,             -- its sentence as extracted
  number    TEXT NOT NULL DEFAULT '',  -- its number as written (a sentence may state several)
  origin    TEXT NOT NULL,             -- person | the feed a published review came from
  ref       TEXT NOT NULL DEFAULT '',  -- a published review's URL or claim ('' for a person's verdict)
  verdict   TEXT NOT NULL,             -- the verdict in words ("False", "Accurate" ...)
  rating    REAL,                      -- on the scale from worst to best, where one was given
  best      REAL,
  worst     REAL,
  author    TEXT,                      -- who gave it
  claim     TEXT,                      -- the claim as the review words it (imports)
  url       TEXT,                      -- where the review is published (imports)
  published TEXT,                      -- when (imports)
  note      TEXT,
  at        TEXT NOT NULL,
  UNIQUE (sha256, anchor, number, origin, ref)
);
CREATE INDEX IF NOT EXISTS verdicts_anchor ON verdicts(sha256, anchor);
