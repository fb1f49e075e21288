#include "repository/fact_rows.h"

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "dossier/common/store_types.h"
#include "dossier/common/strings.h"

namespace dossier::query::rows {
namespace {

// Evidence per fact in responses; the counts say how many reports exist in all.
constexpr int kMaxEvidencePerFact = 20;

// Each loader reads its facts, with everything nested in them, in one statement: nested
// lists come as JSON columns, so a page costs one round trip however many facts it holds.
// The facts come back in the order of the ids asked for.

// The fragments of EntityStatement: an entity row (table alias `e`), its aliases, its roles.
constexpr const char* kEntityColumns = R"sql(
e.id, e.type, e.organization_kind, e.canonical_name, e.external_ids::text, e.mention_count, e.article_count,
(extract(epoch FROM e.first_seen) * 1000000)::bigint, (extract(epoch FROM e.last_seen) * 1000000)::bigint)sql";
constexpr const char* kEntityAliases = R"sql(
(SELECT json_agg(a.alias ORDER BY a.alias_norm) FROM entity_aliases a WHERE a.entity_id = e.id))sql";
constexpr const char* kEntityRoles = R"sql(
(SELECT json_agg(json_build_object('title', r.title, 'organization', r.organization, 'from', r.first_seen,
                                   'to', r.last_seen, 'sources', r.sources) ORDER BY r.first_seen, r.title)
 FROM (SELECT r.title, max(r.organization_entity_id) AS organization,
              (extract(epoch FROM min(r.seen_at)) * 1000000)::bigint AS first_seen,
              (extract(epoch FROM max(r.seen_at)) * 1000000)::bigint AS last_seen,
              count(DISTINCT r.article_id) AS sources
       FROM entity_roles r WHERE r.entity_id = e.id GROUP BY r.title) r))sql";

constexpr const char* kEntitiesByIds = R"sql(
SELECT {columns},
       CASE WHEN $2 THEN {aliases} END, CASE WHEN $2 THEN {roles} END
FROM unnest($1::bigint[]) WITH ORDINALITY AS u(id, n) JOIN entities e ON e.id = u.id
ORDER BY u.n)sql";

// An evidence row (alias x) as JSON.
constexpr const char* kEvidenceJson = R"sql(
json_build_object('article_id', x.article_id, 'sentence_index', x.sentence_index, 'start', x.start_offset,
                  'end', x.end_offset, 'sentence', x.sentence, 'confidence', x.confidence,
                  'extractor_version', x.extractor_version))sql";

constexpr const char* kEventsByIds = R"sql(
SELECT e.id, e.type, e.cameo_code, e.trigger_text,
       (extract(epoch FROM e.time_start) * 1000000)::bigint,
       (extract(epoch FROM e.time_end) * 1000000)::bigint, e.time_granularity, e.time_resolution,
       e.time_text, e.time_ongoing, e.location_entity_id, e.modality, e.attributed_to, e.confidence,
       e.source_count, e.report_count, (extract(epoch FROM e.first_reported_at) * 1000000)::bigint,
       (extract(epoch FROM e.last_reported_at) * 1000000)::bigint,
       (SELECT json_agg(json_build_object('entity_id', p.entity_id, 'role', p.role, 'name', n.canonical_name,
                                          'text', p.text) ORDER BY p.role, p.entity_id)
        FROM event_participants p JOIN entities n ON n.id = p.entity_id WHERE p.event_id = e.id),
       (SELECT json_agg({evidence} ORDER BY x.id)
        FROM (SELECT * FROM evidence x WHERE x.event_id = e.id ORDER BY x.id LIMIT $2) x)
FROM unnest($1::bigint[]) WITH ORDINALITY AS u(id, n) JOIN events e ON e.id = u.id
ORDER BY u.n)sql";

constexpr const char* kRelationshipsByIds = R"sql(
SELECT r.id, r.subject_entity_id, s.canonical_name, r.predicate, r.object_entity_id, o.canonical_name,
       r.role_title, (extract(epoch FROM r.valid_from) * 1000000)::bigint,
       (extract(epoch FROM r.valid_to) * 1000000)::bigint, r.confidence, r.source_count,
       (extract(epoch FROM r.first_seen) * 1000000)::bigint,
       (extract(epoch FROM r.last_seen) * 1000000)::bigint,
       (SELECT json_agg({evidence} ORDER BY x.id)
        FROM (SELECT * FROM evidence x WHERE x.relationship_id = r.id ORDER BY x.id LIMIT $2) x)
FROM unnest($1::bigint[]) WITH ORDINALITY AS u(id, n) JOIN relationships r ON r.id = u.id
JOIN entities s ON s.id = r.subject_entity_id
JOIN entities o ON o.id = r.object_entity_id
ORDER BY u.n)sql";

// A statement with its {placeholders} (SQL fragments, never values) filled in.
std::string Expand(std::string sql, std::initializer_list<std::pair<std::string_view, std::string_view>> fragments) {
  for (const auto& [name, fragment] : fragments) {
    std::string placeholder = strings::Cat("{", name, "}");
    for (size_t at = sql.find(placeholder); at != std::string::npos; at = sql.find(placeholder, at + fragment.size())) {
      sql.replace(at, placeholder.size(), fragment);
    }
  }
  return sql;
}

// Evidence columns start at `first` in the row: article, sentence, start, end, sentence
// text, confidence, extractor version.
void ReadEvidence(const pqxx::row& row, int first, v1::Evidence* evidence) {
  evidence->set_article_id(row[first].as<std::string>());
  evidence->set_sentence_index(row[first + 1].as<int32_t>());
  evidence->set_start_offset(row[first + 2].as<int64_t>());
  evidence->set_end_offset(row[first + 3].as<int64_t>());
  evidence->set_sentence(row[first + 4].as<std::string>());
  evidence->set_confidence(row[first + 5].as<double>());
  evidence->set_extractor_version(row[first + 6].as<std::string>());
}

// The elements of a JSON array column (json_agg gives NULL for no rows).
nlohmann::json JsonArray(const pqxx::field& field) {
  if (field.is_null()) return nlohmann::json::array();
  return nlohmann::json::parse(field.c_str());
}

void ReadMicros(const nlohmann::json& value, google::protobuf::Timestamp* out) {
  if (!value.is_null()) store::MicrosToTimestamp(value.get<int64_t>(), out);
}

void ReadEvidenceList(const pqxx::field& field, google::protobuf::RepeatedPtrField<v1::Evidence>* out) {
  for (const auto& item : JsonArray(field)) {
    auto* evidence = out->Add();
    evidence->set_article_id(std::to_string(item.at("article_id").get<int64_t>()));
    evidence->set_sentence_index(item.at("sentence_index").get<int32_t>());
    evidence->set_start_offset(item.at("start").get<int64_t>());
    evidence->set_end_offset(item.at("end").get<int64_t>());
    evidence->set_sentence(item.at("sentence").get<std::string>());
    evidence->set_confidence(item.at("confidence").get<double>());
    evidence->set_extractor_version(item.at("extractor_version").get<std::string>());
  }
}

}  // namespace

v1::Entity EntityFromRow(const pqxx::row& row) {
  v1::Entity entity;
  entity.set_id(row[0].as<std::string>());
  entity.set_type(static_cast<v1::EntityType>(row[1].as<int>()));
  entity.set_organization_kind(static_cast<v1::OrganizationKind>(row[2].as<int>()));
  entity.set_canonical_name(row[3].as<std::string>());
  for (const auto& external : nlohmann::json::parse(row[4].c_str())) {
    auto* out = entity.add_external_ids();
    out->set_scheme(external.value("scheme", ""));
    out->set_value(external.value("value", ""));
  }
  entity.set_mention_count(row[5].as<int64_t>());
  entity.set_article_count(row[6].as<int64_t>());
  store::ReadMicros(row[7], entity.mutable_first_seen());
  store::ReadMicros(row[8], entity.mutable_last_seen());
  for (const auto& item : JsonArray(row[9])) {
    auto alias = item.get<std::string>();
    if (alias != entity.canonical_name()) entity.add_aliases(std::move(alias));
  }
  for (const auto& item : JsonArray(row[10])) {
    auto* role = entity.add_roles();
    role->set_title(item.at("title").get<std::string>());
    if (!item.at("organization").is_null()) {
      role->set_organization_entity_id(std::to_string(item.at("organization").get<int64_t>()));
    }
    ReadMicros(item.at("from"), role->mutable_valid_from());
    ReadMicros(item.at("to"), role->mutable_valid_to());
    role->set_source_count(item.at("sources").get<int32_t>());
  }
  return entity;
}

std::string EntityStatement(std::string_view sql) {
  return Expand(std::string(sql), {{"columns", kEntityColumns}, {"aliases", kEntityAliases}, {"roles", kEntityRoles}});
}

std::vector<v1::Entity> LoadEntities(pqxx::transaction_base& tx, const std::vector<int64_t>& ids, bool with_details) {
  if (ids.empty()) return {};
  std::vector<v1::Entity> entities;
  for (const auto& row : tx.exec_prepared("entities_by_ids", store::BigintArrayParam(ids), with_details)) {
    entities.push_back(EntityFromRow(row));
  }
  return entities;
}

std::vector<v1::Event> LoadEvents(pqxx::transaction_base& tx, const std::vector<int64_t>& ids) {
  if (ids.empty()) return {};
  std::vector<v1::Event> events;
  for (const auto& row : tx.exec_prepared("events_by_ids", store::BigintArrayParam(ids), kMaxEvidencePerFact)) {
    v1::Event& event = events.emplace_back();
    event.set_id(row[0].as<std::string>());
    event.set_type(static_cast<v1::EventType>(row[1].as<int>()));
    event.set_cameo_code(row[2].as<std::string>());
    event.set_trigger_text(row[3].as<std::string>());
    auto* time = event.mutable_time();
    store::ReadMicros(row[4], time->mutable_start());
    store::ReadMicros(row[5], time->mutable_end());
    time->set_granularity(static_cast<v1::TimeGranularity>(row[6].as<int>()));
    time->set_resolution(static_cast<v1::TimeResolution>(row[7].as<int>()));
    time->set_text(row[8].as<std::string>());
    time->set_ongoing(row[9].as<bool>());
    if (!row[10].is_null()) event.set_location_entity_id(row[10].as<std::string>());
    event.set_modality(static_cast<v1::Modality>(row[11].as<int>()));
    event.set_attributed_to(row[12].as<std::string>());
    event.set_confidence(row[13].as<double>());
    event.set_source_count(row[14].as<int32_t>());
    event.set_report_count(row[15].as<int32_t>());
    store::ReadMicros(row[16], event.mutable_first_reported_at());
    store::ReadMicros(row[17], event.mutable_last_reported_at());
    for (const auto& item : JsonArray(row[18])) {
      auto* participant = event.add_participants();
      participant->set_entity_id(std::to_string(item.at("entity_id").get<int64_t>()));
      participant->set_role(static_cast<v1::ParticipantRole>(item.at("role").get<int>()));
      participant->set_entity_name(item.at("name").get<std::string>());
      participant->set_text(item.at("text").get<std::string>());
    }
    ReadEvidenceList(row[19], event.mutable_evidence());
  }
  return events;
}

std::vector<v1::Relationship> LoadRelationships(pqxx::transaction_base& tx, const std::vector<int64_t>& ids) {
  if (ids.empty()) return {};
  std::vector<v1::Relationship> relationships;
  for (const auto& row : tx.exec_prepared("relationships_by_ids", store::BigintArrayParam(ids), kMaxEvidencePerFact)) {
    v1::Relationship& relationship = relationships.emplace_back();
    relationship.set_id(row[0].as<std::string>());
    relationship.set_subject_entity_id(row[1].as<std::string>());
    relationship.set_subject_name(row[2].as<std::string>());
    relationship.set_predicate(static_cast<v1::RelationshipPredicate>(row[3].as<int>()));
    relationship.set_object_entity_id(row[4].as<std::string>());
    relationship.set_object_name(row[5].as<std::string>());
    relationship.set_role_title(row[6].as<std::string>());
    store::ReadMicros(row[7], relationship.mutable_valid_from());
    store::ReadMicros(row[8], relationship.mutable_valid_to());
    relationship.set_confidence(row[9].as<double>());
    relationship.set_source_count(row[10].as<int32_t>());
    store::ReadMicros(row[11], relationship.mutable_first_seen());
    store::ReadMicros(row[12], relationship.mutable_last_seen());
    ReadEvidenceList(row[13], relationship.mutable_evidence());
  }
  return relationships;
}

v1::Mention MentionFromRow(const pqxx::row& row) {
  v1::Mention mention;
  mention.set_id(row[0].as<std::string>());
  mention.set_entity_id(row[1].as<std::string>());
  mention.set_text(row[2].as<std::string>());
  ReadEvidence(row, 3, mention.mutable_evidence());
  return mention;
}

void PrepareFactStatements(pqxx::connection& connection) {
  connection.prepare("entities_by_ids", EntityStatement(kEntitiesByIds));
  connection.prepare("events_by_ids", Expand(kEventsByIds, {{"evidence", kEvidenceJson}}));
  connection.prepare("relationships_by_ids", Expand(kRelationshipsByIds, {{"evidence", kEvidenceJson}}));
}

}  // namespace dossier::query::rows
