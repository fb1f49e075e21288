-- Dossier store, version 1: articles and the facts extracted from them, each fact with
-- evidence (article + UTF-8 byte offsets into the article's clean text).
-- Enum columns hold the numeric values of the dossier.v1 proto enums.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE articles (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url               text NOT NULL,
  canonical_url     text NOT NULL UNIQUE,
  source            text NOT NULL,
  title             text NOT NULL DEFAULT '',
  authors           text[] NOT NULL DEFAULT '{}',
  published_at      timestamptz,
  language          text NOT NULL DEFAULT '',
  clean_text        text NOT NULL,
  content_hash      text NOT NULL UNIQUE,
  raw_content       text NOT NULL,
  content_format    smallint NOT NULL,
  story_id          bigint,
  stripped_blocks   jsonb NOT NULL DEFAULT '[]',
  quality_flags     smallint[] NOT NULL DEFAULT '{}',
  sentence_count    integer NOT NULL DEFAULT 0,
  extractor_version text NOT NULL,
  ingested_at       timestamptz NOT NULL DEFAULT now(),
  search_vector     tsvector GENERATED ALWAYS AS (
                      setweight(to_tsvector('english', title), 'A') ||
                      setweight(to_tsvector('english', clean_text), 'B')) STORED
);
CREATE INDEX articles_published_idx ON articles (published_at, id);
CREATE INDEX articles_story_idx ON articles (story_id);
CREATE INDEX articles_search_idx ON articles USING gin (search_vector);
CREATE INDEX articles_extractor_idx ON articles (extractor_version);

CREATE TABLE entities (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- type + normalized name or external code, e.g. "country:NE", "person:salif kone":
  -- the same key in two articles is the same entity.
  canonical_key     text NOT NULL UNIQUE,
  type              smallint NOT NULL,
  organization_kind smallint NOT NULL DEFAULT 0,
  canonical_name    text NOT NULL,
  external_ids      jsonb NOT NULL DEFAULT '[]',
  mention_count     bigint NOT NULL DEFAULT 0,
  article_count     bigint NOT NULL DEFAULT 0,
  first_seen        timestamptz,
  last_seen         timestamptz
);
CREATE INDEX entities_type_idx ON entities (type);

CREATE TABLE entity_aliases (
  entity_id  bigint NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  alias      text NOT NULL,
  -- lower-cased alias, for prefix and similarity search
  alias_norm text NOT NULL,
  PRIMARY KEY (entity_id, alias_norm)
);
CREATE INDEX entity_aliases_prefix_idx ON entity_aliases (alias_norm text_pattern_ops);
CREATE INDEX entity_aliases_trgm_idx ON entity_aliases USING gin (alias_norm gin_trgm_ops);

CREATE TABLE mentions (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entity_id         bigint NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  article_id        bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  text              text NOT NULL,
  sentence_index    integer NOT NULL,
  start_offset      integer NOT NULL,
  end_offset        integer NOT NULL,
  sentence          text NOT NULL,
  confidence        real NOT NULL,
  extractor_version text NOT NULL,
  CHECK (0 <= start_offset AND start_offset < end_offset),
  CHECK (confidence BETWEEN 0 AND 1)
);
CREATE INDEX mentions_entity_idx ON mentions (entity_id, id);
CREATE INDEX mentions_article_idx ON mentions (article_id, start_offset);

-- Roles an entity was seen holding, with the publication dates that attest them.
CREATE TABLE entity_roles (
  entity_id              bigint NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  title                  text NOT NULL,
  organization_entity_id bigint REFERENCES entities (id) ON DELETE SET NULL,
  article_id             bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  seen_at                timestamptz,
  PRIMARY KEY (entity_id, title, article_id)
);
CREATE INDEX entity_roles_article_idx ON entity_roles (article_id);

CREATE TABLE events (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- type + participants + day: reports of the same event attach to one row.
  merge_key          text NOT NULL UNIQUE,
  type               smallint NOT NULL,
  cameo_code         text NOT NULL,
  trigger_text       text NOT NULL,
  time_start         timestamptz,
  time_end           timestamptz,
  time_granularity   smallint NOT NULL DEFAULT 0,
  time_resolution    smallint NOT NULL DEFAULT 0,
  time_text          text NOT NULL DEFAULT '',
  time_ongoing       boolean NOT NULL DEFAULT false,
  location_entity_id bigint REFERENCES entities (id) ON DELETE SET NULL,
  modality           smallint NOT NULL,
  attributed_to      text NOT NULL DEFAULT '',
  confidence         real NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  source_count       integer NOT NULL DEFAULT 0,
  report_count       integer NOT NULL DEFAULT 0,
  first_reported_at  timestamptz,
  last_reported_at   timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_time_idx ON events (time_start, id);
CREATE INDEX events_type_idx ON events (type, time_start, id);
CREATE INDEX events_cameo_idx ON events (cameo_code text_pattern_ops);
CREATE INDEX events_location_idx ON events (location_entity_id);

CREATE TABLE event_participants (
  event_id  bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  entity_id bigint NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  role      smallint NOT NULL,
  text      text NOT NULL DEFAULT '',
  PRIMARY KEY (event_id, entity_id, role)
);
CREATE INDEX event_participants_entity_idx ON event_participants (entity_id, role, event_id);

CREATE TABLE relationships (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subject_entity_id bigint NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  predicate         smallint NOT NULL,
  object_entity_id  bigint NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  role_title        text NOT NULL DEFAULT '',
  valid_from        timestamptz,
  valid_to          timestamptz,
  confidence        real NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  source_count      integer NOT NULL DEFAULT 0,
  first_seen        timestamptz,
  last_seen         timestamptz,
  UNIQUE (subject_entity_id, predicate, object_entity_id, role_title)
);
CREATE INDEX relationships_object_idx ON relationships (object_entity_id, predicate);

-- Evidence for events and relationships (mentions carry their own).
CREATE TABLE evidence (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id        bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  event_id          bigint REFERENCES events (id) ON DELETE CASCADE,
  relationship_id   bigint REFERENCES relationships (id) ON DELETE CASCADE,
  sentence_index    integer NOT NULL,
  start_offset      integer NOT NULL,
  end_offset        integer NOT NULL,
  sentence          text NOT NULL,
  confidence        real NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  extractor_version text NOT NULL,
  CHECK ((event_id IS NULL) <> (relationship_id IS NULL)),
  CHECK (0 <= start_offset AND start_offset < end_offset)
);
CREATE INDEX evidence_event_idx ON evidence (event_id) WHERE event_id IS NOT NULL;
CREATE INDEX evidence_relationship_idx ON evidence (relationship_id) WHERE relationship_id IS NOT NULL;
CREATE INDEX evidence_article_idx ON evidence (article_id);
