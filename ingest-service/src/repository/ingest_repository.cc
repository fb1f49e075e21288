#include "repository/ingest_repository.h"

#include <absl/strings/str_cat.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "dossier/common/ids.h"
#include "dossier/common/store_types.h"
#include "dossier/common/transaction.h"

namespace dossier::ingest {
namespace {

using nlohmann::json;

// --- SQL: one statement per constant, parameters always bound. ---

constexpr const char* kInsertArticle = R"sql(
INSERT INTO articles (url, canonical_url, source, title, authors, published_at, language,
                      clean_text, content_hash, raw_content, content_format, stripped_blocks,
                      quality_flags, sentence_count, extractor_version, minhash, minhash_bands)
SELECT $1, $2, $3, $4, ARRAY(SELECT jsonb_array_elements_text($5::jsonb)), $6::timestamptz, $7,
       $8, $9, $10, $11, $12::jsonb, $13::smallint[], $14, $15, $16::bigint[], $17::bigint[]
ON CONFLICT DO NOTHING
RETURNING id)sql";

// Earlier articles sharing an LSH band with the new one: candidates for its story.
constexpr const char* kStoryCandidates = R"sql(
SELECT a.id, a.story_id, a.minhash FROM articles a
WHERE a.minhash_bands && $1::bigint[] AND a.id <> $2
ORDER BY a.id LIMIT 50)sql";

constexpr const char* kSetStory = "UPDATE articles SET story_id = $2 WHERE id = $1";

constexpr const char* kFindDuplicate = R"sql(
SELECT a.id FROM articles a WHERE a.canonical_url = $1 OR a.content_hash = $2
ORDER BY a.id LIMIT 1)sql";

constexpr const char* kUpsertEntities = R"sql(
INSERT INTO entities (canonical_key, type, organization_kind, canonical_name, external_ids,
                      first_seen, last_seen)
SELECT e.key, e.type, e.kind, e.name, e.external_ids, $2::timestamptz, $2::timestamptz
FROM jsonb_to_recordset($1::jsonb) AS e(key text, type smallint, kind smallint, name text,
                                        external_ids jsonb)
ORDER BY e.key
ON CONFLICT (canonical_key) DO UPDATE
  SET first_seen = LEAST(entities.first_seen, EXCLUDED.first_seen),
      last_seen = GREATEST(entities.last_seen, EXCLUDED.last_seen)
RETURNING id, canonical_key)sql";

constexpr const char* kInsertAliases = R"sql(
INSERT INTO entity_aliases (entity_id, alias, alias_norm)
SELECT DISTINCT ON (x.entity_id, lower(x.alias)) x.entity_id, x.alias, lower(x.alias)
FROM jsonb_to_recordset($1::jsonb) AS x(entity_id bigint, alias text)
ORDER BY x.entity_id, lower(x.alias)
ON CONFLICT DO NOTHING)sql";

constexpr const char* kInsertMentions = R"sql(
INSERT INTO mentions (entity_id, article_id, text, sentence_index, start_offset, end_offset,
                      sentence, confidence, extractor_version)
SELECT m.entity_id, $2, m.text, m.sentence_index, m.start_offset, m.end_offset, m.sentence,
       m.confidence, $3
FROM jsonb_to_recordset($1::jsonb) AS m(entity_id bigint, text text, sentence_index int,
                                        start_offset int, end_offset int, sentence text,
                                        confidence real))sql";

constexpr const char* kAddEntityCounts = R"sql(
UPDATE entities e SET mention_count = e.mention_count + c.mentions,
                      article_count = e.article_count + 1
FROM jsonb_to_recordset($1::jsonb) AS c(entity_id bigint, mentions bigint)
WHERE e.id = c.entity_id)sql";

constexpr const char* kInsertRoles = R"sql(
INSERT INTO entity_roles (entity_id, title, organization_entity_id, article_id, seen_at)
SELECT r.entity_id, r.title, r.organization_entity_id, $2, $3::timestamptz
FROM jsonb_to_recordset($1::jsonb) AS r(entity_id bigint, title text, organization_entity_id bigint)
ON CONFLICT DO NOTHING)sql";

// Event ids must become visible in id order: a watcher reads "events after the last id I
// sent", so an id committed after a higher one would be skipped. Storing transactions take
// this lock before their first event and keep it until they commit.
constexpr const char* kLockEventOrder = "SELECT pg_advisory_xact_lock(7306120001)";

constexpr const char* kUpsertEvents = R"sql(
INSERT INTO events (merge_key, type, cameo_code, trigger_text, time_start, time_end,
                    time_granularity, time_resolution, time_text, location_entity_id, modality,
                    attributed_to, confidence, first_reported_at, last_reported_at)
SELECT e.merge_key, e.type, e.cameo_code, e.trigger_text, e.time_start, e.time_end,
       e.time_granularity, e.time_resolution, e.time_text, e.location_entity_id, e.modality,
       e.attributed_to, e.confidence, $2::timestamptz, $2::timestamptz
FROM jsonb_to_recordset($1::jsonb) AS e(merge_key text, type smallint, cameo_code text,
       trigger_text text, time_start timestamptz, time_end timestamptz,
       time_granularity smallint, time_resolution smallint, time_text text,
       location_entity_id bigint, modality smallint, attributed_to text, confidence real)
ORDER BY e.merge_key
ON CONFLICT (merge_key) DO UPDATE
  SET confidence = GREATEST(events.confidence, EXCLUDED.confidence),
      first_reported_at = LEAST(events.first_reported_at, EXCLUDED.first_reported_at),
      last_reported_at = GREATEST(events.last_reported_at, EXCLUDED.last_reported_at)
RETURNING id, merge_key)sql";

constexpr const char* kInsertParticipants = R"sql(
INSERT INTO event_participants (event_id, entity_id, role, text, event_time)
SELECT p.event_id, p.entity_id, p.role, p.text, e.time_start
FROM jsonb_to_recordset($1::jsonb) AS p(event_id bigint, entity_id bigint, role smallint, text text)
JOIN events e ON e.id = p.event_id
ON CONFLICT DO NOTHING)sql";

constexpr const char* kInsertEvidence = R"sql(
INSERT INTO evidence (article_id, event_id, relationship_id, sentence_index, start_offset,
                      end_offset, sentence, confidence, extractor_version)
SELECT $2, x.event_id, x.relationship_id, x.sentence_index, x.start_offset, x.end_offset,
       x.sentence, x.confidence, $3
FROM jsonb_to_recordset($1::jsonb) AS x(event_id bigint, relationship_id bigint,
       sentence_index int, start_offset int, end_offset int, sentence text, confidence real))sql";

constexpr const char* kUpsertRelationships = R"sql(
INSERT INTO relationships (subject_entity_id, predicate, object_entity_id, role_title,
                           valid_from, valid_to, confidence, first_seen, last_seen)
SELECT r.subject_entity_id, r.predicate, r.object_entity_id, r.role_title,
       $2::timestamptz, $2::timestamptz, r.confidence, $2::timestamptz, $2::timestamptz
FROM jsonb_to_recordset($1::jsonb) AS r(subject_entity_id bigint, predicate smallint,
       object_entity_id bigint, role_title text, confidence real)
ORDER BY 1, 2, 3, 4
ON CONFLICT (subject_entity_id, predicate, object_entity_id, role_title) DO UPDATE
  SET valid_from = LEAST(relationships.valid_from, EXCLUDED.valid_from),
      valid_to = GREATEST(relationships.valid_to, EXCLUDED.valid_to),
      first_seen = LEAST(relationships.first_seen, EXCLUDED.first_seen),
      last_seen = GREATEST(relationships.last_seen, EXCLUDED.last_seen),
      confidence = GREATEST(relationships.confidence, EXCLUDED.confidence)
RETURNING id, subject_entity_id, predicate, object_entity_id, role_title)sql";

// Independent sources: articles of one story (rewrites, syndicated copies) count once.
constexpr const char* kRefreshEventCounts = R"sql(
UPDATE events e SET report_count = c.reports, source_count = c.sources
FROM (SELECT x.event_id, count(DISTINCT x.article_id) AS reports,
             count(DISTINCT coalesce(a.story_id, a.id)) AS sources
      FROM evidence x JOIN articles a ON a.id = x.article_id
      WHERE x.event_id = ANY($1::bigint[]) GROUP BY x.event_id) c
WHERE e.id = c.event_id)sql";

constexpr const char* kRefreshRelationshipCounts = R"sql(
UPDATE relationships r SET source_count = c.sources
FROM (SELECT x.relationship_id, count(DISTINCT coalesce(a.story_id, a.id)) AS sources
      FROM evidence x JOIN articles a ON a.id = x.article_id
      WHERE x.relationship_id = ANY($1::bigint[]) GROUP BY x.relationship_id) c
WHERE r.id = c.relationship_id)sql";

constexpr const char* kArticleEntityIds = "SELECT DISTINCT entity_id FROM mentions WHERE article_id = $1";
constexpr const char* kArticleEventIds =
    "SELECT DISTINCT event_id FROM evidence WHERE article_id = $1 AND event_id IS NOT NULL";
constexpr const char* kArticleRelationshipIds =
    "SELECT DISTINCT relationship_id FROM evidence WHERE article_id = $1 AND relationship_id IS NOT NULL";
constexpr const char* kLockArticle = "SELECT id FROM articles WHERE id = $1 FOR UPDATE";
constexpr const char* kDeleteArticleMentions = "DELETE FROM mentions WHERE article_id = $1";
constexpr const char* kDeleteArticleEvidence = "DELETE FROM evidence WHERE article_id = $1";
constexpr const char* kDeleteArticleRoles = "DELETE FROM entity_roles WHERE article_id = $1";
constexpr const char* kDeleteArticle = "DELETE FROM articles WHERE id = $1";

constexpr const char* kDeleteUnsupportedEvents = R"sql(
DELETE FROM events e WHERE e.id = ANY($1::bigint[])
  AND NOT EXISTS (SELECT 1 FROM evidence x WHERE x.event_id = e.id))sql";
constexpr const char* kDeleteUnsupportedRelationships = R"sql(
DELETE FROM relationships r WHERE r.id = ANY($1::bigint[])
  AND NOT EXISTS (SELECT 1 FROM evidence x WHERE x.relationship_id = r.id))sql";
constexpr const char* kRefreshEntityCounts = R"sql(
UPDATE entities e SET mention_count = (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id),
                      article_count = (SELECT count(DISTINCT m.article_id) FROM mentions m
                                       WHERE m.entity_id = e.id)
WHERE e.id = ANY($1::bigint[]))sql";
constexpr const char* kDeleteUnmentionedEntities = R"sql(
DELETE FROM entities e WHERE e.id = ANY($1::bigint[]) AND e.mention_count = 0
  AND NOT EXISTS (SELECT 1 FROM event_participants p WHERE p.entity_id = e.id)
  AND NOT EXISTS (SELECT 1 FROM relationships r
                  WHERE r.subject_entity_id = e.id OR r.object_entity_id = e.id))sql";

constexpr const char* kUpdateArticleText = R"sql(
UPDATE articles SET clean_text = $2, content_hash = $3, title = $4, language = $5,
                    stripped_blocks = $6::jsonb, quality_flags = $7::smallint[],
                    sentence_count = $8, extractor_version = $9, minhash = $10::bigint[],
                    minhash_bands = $11::bigint[]
WHERE id = $1)sql";

constexpr const char* kSelectRawByIds = R"sql(
SELECT a.id, a.url, a.raw_content, a.content_format, a.source,
       to_char(a.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), a.title
FROM articles a WHERE a.id = ANY($1::bigint[]) ORDER BY a.id)sql";
constexpr const char* kSelectRawOutdated = R"sql(
SELECT a.id, a.url, a.raw_content, a.content_format, a.source,
       to_char(a.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), a.title
FROM articles a WHERE a.extractor_version <> $1 ORDER BY a.id LIMIT $2)sql";
constexpr const char* kCountOutdated = "SELECT count(*) FROM articles WHERE extractor_version <> $1";

std::string SelectArticleSql() {
  return absl::StrCat("SELECT ", store::kArticleColumns, " FROM articles a WHERE a.id = $1");
}

json StrippedBlocksJson(const engine::NormalizedArticle& article) {
  json blocks = json::array();
  for (const auto& block : article.stripped_blocks) {
    blocks.push_back({{"reason", block.reason}, {"length", block.length}, {"preview", block.preview}});
  }
  return blocks;
}

std::string QualityFlagsParam(const engine::NormalizedArticle& article) {
  std::vector<int64_t> flags(article.quality_flags.begin(), article.quality_flags.end());
  return store::BigintArrayParam(flags);
}

std::string SentenceText(const engine::NormalizedArticle& article, const engine::Extraction& facts,
                         const engine::TextSpan& span) {
  const auto& sentence = facts.sentences.at(span.sentence);
  return article.clean_text.substr(sentence.start, sentence.end - sentence.start);
}

json EvidenceRow(const engine::NormalizedArticle& article, const engine::Extraction& facts,
                 const engine::TextSpan& span, double confidence) {
  return {{"sentence_index", span.sentence},
          {"start_offset", span.start},
          {"end_offset", span.end},
          {"sentence", SentenceText(article, facts, span)},
          {"confidence", confidence}};
}

// NULL for an empty signature (a body too short to sign) so it never matches a band.
std::optional<std::string> SignatureParam(const std::vector<int64_t>& values) {
  if (values.empty()) return std::nullopt;
  return store::BigintArrayParam(values);
}

// The story a new article joins: that of the earliest article whose body is estimated at
// least kSameStoryJaccard similar (a rewrite or syndicated copy), else its own.
int64_t ChooseStory(pqxx::transaction_base& tx, int64_t article_id, const engine::StorySignature& signature) {
  if (signature.bands.empty()) return article_id;
  for (const auto& row : tx.exec_prepared("story_candidates", store::BigintArrayParam(signature.bands), article_id)) {
    if (engine::EstimatedJaccard(signature.minhashes, store::ReadBigintArray(row[2])) >= engine::kSameStoryJaccard) {
      return row[1].is_null() ? row[0].as<int64_t>() : row[1].as<int64_t>();
    }
  }
  return article_id;
}

// Writes every fact of one article (already stored as `article_id`) and returns counts.
v1::FactCounts StoreFacts(pqxx::transaction_base& tx, int64_t article_id, const engine::NormalizedArticle& article,
                          const engine::Extraction& facts) {
  v1::FactCounts counts;
  const std::string& version = facts.extractor_version;
  // Undated articles count as seen when ingested.
  auto seen_at = store::TimestampParam(article.published_at);
  if (!seen_at)
    seen_at =
        tx.exec1("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")[0].as<std::string>();

  // Entities: keys -> ids.
  json entity_rows = json::array();
  for (const auto& entity : facts.entities) {
    json external = json::array();
    for (const auto& [scheme, value] : entity.external_ids) external.push_back({{"scheme", scheme}, {"value", value}});
    entity_rows.push_back({{"key", entity.key},
                           {"type", entity.type},
                           {"kind", entity.organization_kind},
                           {"name", entity.name},
                           {"external_ids", external}});
  }
  std::map<std::string, int64_t> id_by_key;
  if (!facts.entities.empty()) {
    for (const auto& row : tx.exec_prepared("upsert_entities", entity_rows.dump(), seen_at)) {
      id_by_key[row[1].as<std::string>()] = row[0].as<int64_t>();
    }
  }
  auto entity_id = [&](size_t index) { return id_by_key.at(facts.entities.at(index).key); };

  json alias_rows = json::array();
  for (size_t i = 0; i < facts.entities.size(); ++i) {
    alias_rows.push_back({{"entity_id", entity_id(i)}, {"alias", facts.entities[i].name}});
    for (const auto& alias : facts.entities[i].aliases)
      alias_rows.push_back({{"entity_id", entity_id(i)}, {"alias", alias}});
  }
  json mention_rows = json::array();
  std::map<int64_t, int64_t> mentions_per_entity;
  for (const auto& mention : facts.mentions) {
    std::string text = article.clean_text.substr(mention.span.start, mention.span.end - mention.span.start);
    if (facts.entities[mention.entity].type != v1::ENTITY_TYPE_COUNTRY) {
      alias_rows.push_back({{"entity_id", entity_id(mention.entity)}, {"alias", text}});
    }
    json row = EvidenceRow(article, facts, mention.span, mention.confidence);
    row["entity_id"] = entity_id(mention.entity);
    row["text"] = text;
    mention_rows.push_back(std::move(row));
    ++mentions_per_entity[entity_id(mention.entity)];
  }
  if (!alias_rows.empty()) tx.exec_prepared("insert_aliases", alias_rows.dump());
  if (!mention_rows.empty()) {
    tx.exec_prepared("insert_mentions", mention_rows.dump(), article_id, version);
    json count_rows = json::array();
    for (const auto& [id, n] : mentions_per_entity) count_rows.push_back({{"entity_id", id}, {"mentions", n}});
    tx.exec_prepared("add_entity_counts", count_rows.dump());
  }
  counts.set_entities(static_cast<int32_t>(facts.entities.size()));
  counts.set_mentions(static_cast<int32_t>(facts.mentions.size()));

  json role_rows = json::array();
  for (const auto& role : facts.roles) {
    json row = {{"entity_id", entity_id(role.entity)}, {"title", role.title}};
    row["organization_entity_id"] = role.organization ? json(entity_id(*role.organization)) : json(nullptr);
    role_rows.push_back(std::move(row));
  }
  if (!role_rows.empty()) tx.exec_prepared("insert_roles", role_rows.dump(), article_id, seen_at);

  // Events: one row per merge key; every report of it adds evidence.
  json event_rows = json::array();
  std::set<std::string> seen_keys;
  for (const auto& event : facts.events) {
    if (!seen_keys.insert(event.merge_key).second) continue;
    event_rows.push_back({{"merge_key", event.merge_key},
                          {"type", event.type},
                          {"cameo_code", event.cameo_code},
                          {"trigger_text", event.trigger_text},
                          {"time_start", store::TimestampParam(event.time.start).value_or("")},
                          {"time_end", store::TimestampParam(event.time.end).value_or("")},
                          {"time_granularity", event.time.granularity},
                          {"time_resolution", event.time.resolution},
                          {"time_text", event.time.text},
                          {"location_entity_id", event.location ? json(entity_id(*event.location)) : json(nullptr)},
                          {"modality", event.modality},
                          {"attributed_to", event.attributed_to},
                          {"confidence", event.confidence}});
    if (!event.time.start) {
      event_rows.back()["time_start"] = nullptr;
      event_rows.back()["time_end"] = nullptr;
    }
  }
  std::map<std::string, int64_t> event_id_by_key;
  if (!event_rows.empty()) {
    tx.exec_prepared("lock_event_order");
    for (const auto& row : tx.exec_prepared("upsert_events", event_rows.dump(), seen_at)) {
      event_id_by_key[row[1].as<std::string>()] = row[0].as<int64_t>();
    }
  }
  json participant_rows = json::array();
  json evidence_rows = json::array();
  for (const auto& event : facts.events) {
    int64_t id = event_id_by_key.at(event.merge_key);
    for (const auto& participant : event.participants) {
      participant_rows.push_back({{"event_id", id},
                                  {"entity_id", entity_id(participant.entity)},
                                  {"role", participant.role},
                                  {"text", participant.text}});
    }
    json row = EvidenceRow(article, facts, event.span, event.confidence);
    row["event_id"] = id;
    row["relationship_id"] = nullptr;
    evidence_rows.push_back(std::move(row));
  }
  counts.set_events(static_cast<int32_t>(event_id_by_key.size()));

  // Relationships: one row per (subject, predicate, object, role title).
  using RelationshipKey = std::tuple<int64_t, int, int64_t, std::string>;
  json relationship_rows = json::array();
  std::set<RelationshipKey> relationship_keys;
  for (const auto& relation : facts.relationships) {
    RelationshipKey key{entity_id(relation.subject), relation.predicate, entity_id(relation.object),
                        relation.role_title};
    if (!relationship_keys.insert(key).second) continue;
    relationship_rows.push_back({{"subject_entity_id", std::get<0>(key)},
                                 {"predicate", std::get<1>(key)},
                                 {"object_entity_id", std::get<2>(key)},
                                 {"role_title", std::get<3>(key)},
                                 {"confidence", relation.confidence}});
  }
  std::map<RelationshipKey, int64_t> relationship_id_by_key;
  if (!relationship_rows.empty()) {
    for (const auto& row : tx.exec_prepared("upsert_relationships", relationship_rows.dump(), seen_at)) {
      relationship_id_by_key[{row[1].as<int64_t>(), row[2].as<int>(), row[3].as<int64_t>(), row[4].as<std::string>()}] =
          row[0].as<int64_t>();
    }
  }
  for (const auto& relation : facts.relationships) {
    RelationshipKey key{entity_id(relation.subject), relation.predicate, entity_id(relation.object),
                        relation.role_title};
    json row = EvidenceRow(article, facts, relation.span, relation.confidence);
    row["event_id"] = nullptr;
    row["relationship_id"] = relationship_id_by_key.at(key);
    evidence_rows.push_back(std::move(row));
  }
  counts.set_relationships(static_cast<int32_t>(relationship_id_by_key.size()));

  if (!participant_rows.empty()) tx.exec_prepared("insert_participants", participant_rows.dump());
  if (!evidence_rows.empty()) tx.exec_prepared("insert_evidence", evidence_rows.dump(), article_id, version);
  std::vector<int64_t> event_ids, relationship_ids;
  for (const auto& [key, id] : event_id_by_key) event_ids.push_back(id);
  for (const auto& [key, id] : relationship_id_by_key) relationship_ids.push_back(id);
  if (!event_ids.empty()) tx.exec_prepared("refresh_event_counts", store::BigintArrayParam(event_ids));
  if (!relationship_ids.empty()) {
    tx.exec_prepared("refresh_relationship_counts", store::BigintArrayParam(relationship_ids));
  }
  return counts;
}

// Removes an article's mentions, evidence and roles, then every fact left without support.
v1::FactCounts RemoveArticleFacts(pqxx::transaction_base& tx, int64_t article_id) {
  std::string entities =
      store::BigintArrayParam(store::FirstColumnIds(tx.exec_prepared("article_entity_ids", article_id)));
  std::string events =
      store::BigintArrayParam(store::FirstColumnIds(tx.exec_prepared("article_event_ids", article_id)));
  std::string relationships =
      store::BigintArrayParam(store::FirstColumnIds(tx.exec_prepared("article_relationship_ids", article_id)));
  v1::FactCounts removed;
  removed.set_mentions(static_cast<int32_t>(tx.exec_prepared("delete_article_mentions", article_id).affected_rows()));
  tx.exec_prepared("delete_article_evidence", article_id);
  tx.exec_prepared("delete_article_roles", article_id);
  removed.set_events(static_cast<int32_t>(tx.exec_prepared("delete_unsupported_events", events).affected_rows()));
  removed.set_relationships(
      static_cast<int32_t>(tx.exec_prepared("delete_unsupported_relationships", relationships).affected_rows()));
  tx.exec_prepared("refresh_event_counts", events);
  tx.exec_prepared("refresh_relationship_counts", relationships);
  tx.exec_prepared("refresh_entity_counts", entities);
  removed.set_entities(static_cast<int32_t>(tx.exec_prepared("delete_unmentioned_entities", entities).affected_rows()));
  return removed;
}

}  // namespace

void PrepareIngestStatements(pqxx::connection& connection) {
  connection.prepare("insert_article", kInsertArticle);
  connection.prepare("story_candidates", kStoryCandidates);
  connection.prepare("set_story", kSetStory);
  connection.prepare("find_duplicate", kFindDuplicate);
  connection.prepare("select_article", SelectArticleSql());
  connection.prepare("upsert_entities", kUpsertEntities);
  connection.prepare("insert_aliases", kInsertAliases);
  connection.prepare("insert_mentions", kInsertMentions);
  connection.prepare("add_entity_counts", kAddEntityCounts);
  connection.prepare("insert_roles", kInsertRoles);
  connection.prepare("lock_event_order", kLockEventOrder);
  connection.prepare("upsert_events", kUpsertEvents);
  connection.prepare("insert_participants", kInsertParticipants);
  connection.prepare("insert_evidence", kInsertEvidence);
  connection.prepare("upsert_relationships", kUpsertRelationships);
  connection.prepare("refresh_event_counts", kRefreshEventCounts);
  connection.prepare("refresh_relationship_counts", kRefreshRelationshipCounts);
  connection.prepare("article_entity_ids", kArticleEntityIds);
  connection.prepare("article_event_ids", kArticleEventIds);
  connection.prepare("article_relationship_ids", kArticleRelationshipIds);
  connection.prepare("lock_article", kLockArticle);
  connection.prepare("delete_article_mentions", kDeleteArticleMentions);
  connection.prepare("delete_article_evidence", kDeleteArticleEvidence);
  connection.prepare("delete_article_roles", kDeleteArticleRoles);
  connection.prepare("delete_article", kDeleteArticle);
  connection.prepare("delete_unsupported_events", kDeleteUnsupportedEvents);
  connection.prepare("delete_unsupported_relationships", kDeleteUnsupportedRelationships);
  connection.prepare("refresh_entity_counts", kRefreshEntityCounts);
  connection.prepare("delete_unmentioned_entities", kDeleteUnmentionedEntities);
  connection.prepare("update_article_text", kUpdateArticleText);
  connection.prepare("select_raw_by_ids", kSelectRawByIds);
  connection.prepare("select_raw_outdated", kSelectRawOutdated);
  connection.prepare("count_outdated", kCountOutdated);
}

absl::StatusOr<StoreResult> IngestRepository::StoreArticle(const engine::RawDocument& raw,
                                                           const engine::NormalizedArticle& article,
                                                           const engine::Extraction& facts, Deadline deadline) {
  auto body = [&](pqxx::transaction_base& tx) -> absl::StatusOr<StoreResult> {
    StoreResult result;
    json authors = article.authors;
    auto inserted = tx.exec_prepared(
        "insert_article", article.url, article.canonical_url, article.source, article.title, authors.dump(),
        store::TimestampParam(article.published_at), article.language, article.clean_text, article.content_hash,
        raw.content, static_cast<int>(article.format), StrippedBlocksJson(article).dump(), QualityFlagsParam(article),
        static_cast<int>(facts.sentences.size()), facts.extractor_version,
        SignatureParam(article.story_signature.minhashes), SignatureParam(article.story_signature.bands));
    int64_t id = 0;
    if (inserted.empty()) {
      // Same canonical URL or same clean text: idempotent, report what is stored.
      id = tx.exec_prepared1("find_duplicate", article.canonical_url, article.content_hash)[0].as<int64_t>();
      result.duplicate = true;
    } else {
      id = inserted[0][0].as<int64_t>();
      tx.exec_prepared("set_story", id, ChooseStory(tx, id, article.story_signature));
      result.facts = StoreFacts(tx, id, article, facts);
    }
    store::ArticleFromRow(tx.exec_prepared1("select_article", id), &result.article);
    return result;
  };
  return RunTransactionWithResult(pool_, TxMode::kReadWrite, deadline, "storing the article", body);
}

absl::StatusOr<v1::FactCounts> IngestRepository::DeleteArticle(int64_t article_id, Deadline deadline) {
  auto body = [&](pqxx::transaction_base& tx) -> absl::StatusOr<v1::FactCounts> {
    if (tx.exec_prepared("lock_article", article_id).empty()) {
      return absl::NotFoundError(absl::StrCat("article ", article_id, " does not exist"));
    }
    v1::FactCounts removed = RemoveArticleFacts(tx, article_id);
    tx.exec_prepared("delete_article", article_id);
    return removed;
  };
  return RunTransactionWithResult(pool_, TxMode::kReadWrite, deadline, "deleting the article", body);
}

absl::StatusOr<std::vector<StoredRawArticle>> IngestRepository::ArticlesToReprocess(const std::vector<int64_t>& ids,
                                                                                    int limit,
                                                                                    std::string_view current_version,
                                                                                    Deadline deadline) {
  auto body = [&](pqxx::transaction_base& tx) -> absl::StatusOr<std::vector<StoredRawArticle>> {
    std::vector<StoredRawArticle> articles;
    pqxx::result rows = ids.empty() ? tx.exec_prepared("select_raw_outdated", std::string(current_version), limit)
                                    : tx.exec_prepared("select_raw_by_ids", store::BigintArrayParam(ids));
    for (const auto& row : rows) {
      StoredRawArticle stored;
      stored.id = row[0].as<int64_t>();
      stored.raw.url = row[1].as<std::string>();
      stored.raw.content = row[2].as<std::string>();
      stored.raw.format = static_cast<v1::ContentFormat>(row[3].as<int>());
      stored.raw.source = row[4].as<std::string>();
      if (!row[5].is_null()) stored.raw.published = row[5].as<std::string>();
      stored.raw.title = row[6].as<std::string>();
      articles.push_back(std::move(stored));
    }
    if (!ids.empty() && articles.size() != std::set<int64_t>(ids.begin(), ids.end()).size()) {
      std::set<int64_t> found;
      for (const auto& article : articles) found.insert(article.id);
      for (int64_t id : ids) {
        if (!found.count(id)) return absl::NotFoundError(absl::StrCat("article ", id, " does not exist"));
      }
    }
    return articles;
  };
  return RunTransactionWithResult(pool_, TxMode::kReadOnly, deadline, "loading articles to reprocess", body);
}

absl::Status IngestRepository::ReplaceArticleFacts(int64_t article_id, const engine::NormalizedArticle& article,
                                                   const engine::Extraction& facts, Deadline deadline) {
  return RunTransaction(pool_, TxMode::kReadWrite, deadline, "reprocessing the article",
                        [&](pqxx::transaction_base& tx) {
                          if (tx.exec_prepared("lock_article", article_id).empty()) {
                            return absl::NotFoundError(absl::StrCat("article ", article_id, " does not exist"));
                          }
                          RemoveArticleFacts(tx, article_id);
                          tx.exec_prepared("update_article_text", article_id, article.clean_text, article.content_hash,
                                           article.title, article.language, StrippedBlocksJson(article).dump(),
                                           QualityFlagsParam(article), static_cast<int>(facts.sentences.size()),
                                           facts.extractor_version, SignatureParam(article.story_signature.minhashes),
                                           SignatureParam(article.story_signature.bands));
                          StoreFacts(tx, article_id, article, facts);
                          return absl::OkStatus();
                        });
}

absl::StatusOr<int64_t> IngestRepository::CountOutdated(std::string_view current_version, Deadline deadline) {
  auto body = [&](pqxx::transaction_base& tx) -> absl::StatusOr<int64_t> {
    return tx.exec_prepared1("count_outdated", std::string(current_version))[0].as<int64_t>();
  };
  return RunTransactionWithResult(pool_, TxMode::kReadOnly, deadline, "counting outdated articles", body);
}

}  // namespace dossier::ingest
