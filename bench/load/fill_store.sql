-- Fills an empty, migrated Dossier store with a synthetic graph for load benchmarks:
-- :events events, and in proportion (as issue 4 sizes them for 1M events) events/10
-- articles, events/20 entities, 2 x events mentions, 0.3 x events relationships.
--   psql "$URL" -v events=1000000 -f bench/load/fill_store.sql
-- Entities are picked with a skew (id = N * r^2, r uniform): a few are in thousands of
-- events, as countries and big armed groups are, most in a handful. Names are built from
-- syllables so that prefix and fuzzy name search have realistic text to work on.
\set ON_ERROR_STOP on
\set articles (:events / 10)
\set entities (:events / 20)
\set mentions (:events * 2)
\set relationships (:events * 3 / 10)

BEGIN;
SET LOCAL synchronous_commit = off;
-- Nobody watches a fill: a million notifications would only be queued and dropped.
ALTER TABLE events DISABLE TRIGGER events_notify_stored;

CREATE TEMP TABLE syllables (part int, n int, word text);
INSERT INTO syllables
SELECT 1, ordinality, word FROM unnest(ARRAY['Ama','Kofi','Salif','Awa','Moussa','Efua','Ines','Tariq','Leyla','Ravi',
  'Nadia','Omar','Yaw','Fatou','Karim','Sofia','Jonas','Mei','Ana','Idris','Lina','Bako','Zara','Tomas','Hana',
  'Diego','Aisha','Emre','Noor','Paulo']) WITH ORDINALITY AS t(word, ordinality)
UNION ALL
SELECT 2, ordinality, word FROM unnest(ARRAY['Boateng','Kone','Mensah','Traore','Diallo','Sani','Okafor','Haddad',
  'Aliyev','Nkosi','Silva','Costa','Yilmaz','Rahman','Osei','Keita','Moreno','Duarte','Petrov','Novak','Quispe',
  'Tanaka','Rossi','Hassan','Abebe','Banda','Phiri','Mwangi','Otieno','Sarr','Faye','Ndiaye','Cisse','Toure','Bah',
  'Kamara','Jallow','Camara','Sow','Barry']) WITH ORDINALITY AS t(word, ordinality)
UNION ALL
SELECT 3, ordinality, word FROM unnest(ARRAY['Front','Movement','Group','Holdings','Alliance','Council','Brigade',
  'Union','Partners','Institute','Agency','Ministry','Bank','Party','League','Network','Trust','Forum','Authority',
  'Coalition','Mining','Energy','Shipping','Telecom','Media','Press','Airways','Foods','Motors','Capital','Logistics',
  'Cement','Textiles','Pharma','Security','Guard','Watch','Relief','Works','Resources','Harbour','Rail','Water',
  'Grain','Cotton']) WITH ORDINALITY AS t(word, ordinality);

-- Articles: short English bodies (the search vector is generated from them).
INSERT INTO articles (url, canonical_url, source, title, published_at, language, clean_text, content_hash,
                      raw_content, content_format, sentence_count, extractor_version)
SELECT 'https://bench.example/a/' || i, 'https://bench.example/a/' || i, 'Bench Wire ' || (i % 40),
       'Report ' || i || ' on talks, clashes and trade',
       timestamptz '2024-01-01 00:00:00+00' + random() * interval '730 days', 'en',
       'Officials met on Monday to discuss border security and trade. Fighters attacked a convoy near the '
         || 'river, witnesses said. Report number ' || i || '.',
       md5('bench-article-' || i), '', 2, 2, 'bench'
FROM generate_series(1, :articles) AS i;

-- Entities: persons, organisations and places (type numbers are dossier.v1.EntityType).
INSERT INTO entities (canonical_key, type, organization_kind, canonical_name)
SELECT 'bench:' || i,
       CASE WHEN i % 10 < 5 THEN 1 WHEN i % 10 < 8 THEN 2 WHEN i % 10 = 8 THEN 5 ELSE 4 END,
       CASE WHEN i % 10 BETWEEN 5 AND 7 THEN 1 + i % 7 ELSE 0 END,
       CASE WHEN i % 10 < 5
            THEN g.word || ' ' || f.word || CASE WHEN i > 1200 THEN ' ' || (i / 1200) ELSE '' END
            ELSE f.word || ' ' || k.word || CASE WHEN i > 1800 THEN ' ' || (i / 1800) ELSE '' END END
FROM generate_series(1, :entities) AS i
JOIN syllables g ON g.part = 1 AND g.n = 1 + i % 30
JOIN syllables f ON f.part = 2 AND f.n = 1 + (i / 30) % 40
JOIN syllables k ON k.part = 3 AND k.n = 1 + (i / 7) % 45;

INSERT INTO entity_aliases (entity_id, alias, alias_norm)
SELECT id, canonical_name, lower(canonical_name) FROM entities;
-- A surname alias for one person in three.
INSERT INTO entity_aliases (entity_id, alias, alias_norm)
SELECT id, split_part(canonical_name, ' ', 2), lower(split_part(canonical_name, ' ', 2))
FROM entities WHERE type = 1 AND id % 3 = 0
ON CONFLICT DO NOTHING;

INSERT INTO mentions (entity_id, article_id, text, sentence_index, start_offset, end_offset, sentence, confidence,
                      extractor_version)
SELECT 1 + floor((:entities - 1) * random() ^ 2)::bigint, 1 + floor((:articles - 1) * random())::bigint,
       'Name', 0, 10, 14, 'Officials met on Monday to discuss border security and trade.', 0.9, 'bench'
FROM generate_series(1, :mentions);

UPDATE entities e SET mention_count = m.mentions, article_count = m.articles, first_seen = m.first_seen,
                      last_seen = m.last_seen
FROM (SELECT m.entity_id, count(*) AS mentions, count(DISTINCT m.article_id) AS articles,
             min(a.published_at) AS first_seen, max(a.published_at) AS last_seen
      FROM mentions m JOIN articles a ON a.id = m.article_id GROUP BY m.entity_id) AS m
WHERE e.id = m.entity_id;

-- Events with an agent and a target (skewed), a city or subdivision as location, and one
-- piece of evidence each.
INSERT INTO events (merge_key, type, cameo_code, trigger_text, time_start, time_end, time_granularity,
                    time_resolution, location_entity_id, modality, confidence, source_count, report_count,
                    first_reported_at, last_reported_at)
SELECT 'bench:' || i, t.type, CASE WHEN t.type >= 30 THEN '19' || (t.type % 10) ELSE '0' || (1 + t.type % 9) END,
       'met', d.day, d.day + interval '1 day', 1, 1,
       (1 + floor((:entities / 10 - 1) * random())::bigint) * 10 - 1, 1 + i % 4, 0.5 + random() / 2,
       1 + i % 3, 1 + i % 5, d.day, d.day
FROM generate_series(1, :events) AS i,
     LATERAL (SELECT 1 + (i::bigint * 7919) % 39 AS type) AS t,
     LATERAL (SELECT date_trunc('day', timestamptz '2024-01-01 00:00:00+00' + random() * interval '730 days'
                                       + i * interval '0 s') AS day) AS d;

INSERT INTO event_participants (event_id, entity_id, role, text, event_time)
SELECT id, 1 + floor((:entities - 1) * random() ^ 2)::bigint, 1, 'Agent', time_start FROM events
UNION ALL
SELECT id, 1 + floor((:entities - 1) * random() ^ 2)::bigint, 2, 'Target', time_start FROM events
ON CONFLICT DO NOTHING;

INSERT INTO evidence (article_id, event_id, sentence_index, start_offset, end_offset, sentence, confidence,
                      extractor_version)
SELECT 1 + floor((:articles - 1) * random())::bigint, id, 0, 0, 9, 'Officials met on Monday.', 0.8, 'bench'
FROM events;

INSERT INTO relationships (subject_entity_id, predicate, object_entity_id, confidence, source_count, first_seen,
                           last_seen)
SELECT s, 1 + (i * 31) % 13, o, 0.5 + random() / 2, 1 + i % 4, timestamptz '2024-06-01 00:00:00+00',
       timestamptz '2025-06-01 00:00:00+00'
FROM generate_series(1, :relationships) AS i,
     LATERAL (SELECT 1 + floor((:entities - 1) * random() ^ 2)::bigint + i * 0 AS s,
                     1 + floor((:entities - 1) * random() ^ 2)::bigint + i * 0 AS o) AS ends
WHERE s <> o
ON CONFLICT DO NOTHING;

INSERT INTO evidence (article_id, relationship_id, sentence_index, start_offset, end_offset, sentence, confidence,
                      extractor_version)
SELECT 1 + floor((:articles - 1) * random())::bigint, id, 0, 0, 9, 'Officials met on Monday.', 0.8, 'bench'
FROM relationships;

ALTER TABLE events ENABLE TRIGGER events_notify_stored;
COMMIT;
VACUUM ANALYZE;
