#include "repository/fact_rows.h"

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "dossier/common/store_types.h"

namespace dossier::query::rows {
namespace {

// Evidence per fact in responses; the counts say how many reports exist in all.
constexpr int kMaxEvidencePerFact = 20;

constexpr const char* kEntitiesByIds = R"sql(
SELECT e.id, e.type, e.organization_kind, e.canonical_name, e.external_ids::text, e.mention_count,
       e.article_count, (extract(epoch FROM e.first_seen) * 1000000)::bigint,
       (extract(epoch FROM e.last_seen) * 1000000)::bigint
FROM entities e WHERE e.id = ANY($1::bigint[]))sql";

constexpr const char* kAliasesByEntityIds = R"sql(
SELECT a.entity_id, a.alias FROM entity_aliases a
WHERE a.entity_id = ANY($1::bigint[]) ORDER BY a.entity_id, a.alias_norm)sql";

constexpr const char* kRolesByEntityIds = R"sql(
SELECT r.entity_id, r.title, max(r.organization_entity_id),
       (extract(epoch FROM min(r.seen_at)) * 1000000)::bigint,
       (extract(epoch FROM max(r.seen_at)) * 1000000)::bigint, count(DISTINCT r.article_id)
FROM entity_roles r WHERE r.entity_id = ANY($1::bigint[])
GROUP BY r.entity_id, r.title
ORDER BY r.entity_id, min(r.seen_at), r.title)sql";

constexpr const char* kEventsByIds = R"sql(
SELECT e.id, e.type, e.cameo_code, e.trigger_text,
       (extract(epoch FROM e.time_start) * 1000000)::bigint,
       (extract(epoch FROM e.time_end) * 1000000)::bigint, e.time_granularity, e.time_resolution,
       e.time_text, e.time_ongoing, e.location_entity_id, e.modality, e.attributed_to, e.confidence,
       e.source_count, e.report_count, (extract(epoch FROM e.first_reported_at) * 1000000)::bigint,
       (extract(epoch FROM e.last_reported_at) * 1000000)::bigint
FROM events e WHERE e.id = ANY($1::bigint[]))sql";

constexpr const char* kParticipantsByEventIds = R"sql(
SELECT p.event_id, p.entity_id, p.role, n.canonical_name, p.text
FROM event_participants p JOIN entities n ON n.id = p.entity_id
WHERE p.event_id = ANY($1::bigint[]) ORDER BY p.event_id, p.role, p.entity_id)sql";

constexpr const char* kEvidenceByEventIds = R"sql(
SELECT x.event_id, x.article_id, x.sentence_index, x.start_offset, x.end_offset, x.sentence,
       x.confidence, x.extractor_version
FROM (SELECT x.*, row_number() OVER (PARTITION BY x.event_id ORDER BY x.id) AS n
      FROM evidence x WHERE x.event_id = ANY($1::bigint[])) x
WHERE x.n <= $2 ORDER BY x.event_id, x.id)sql";

constexpr const char* kRelationshipsByIds = R"sql(
SELECT r.id, r.subject_entity_id, s.canonical_name, r.predicate, r.object_entity_id, o.canonical_name,
       r.role_title, (extract(epoch FROM r.valid_from) * 1000000)::bigint,
       (extract(epoch FROM r.valid_to) * 1000000)::bigint, r.confidence, r.source_count,
       (extract(epoch FROM r.first_seen) * 1000000)::bigint,
       (extract(epoch FROM r.last_seen) * 1000000)::bigint
FROM relationships r JOIN entities s ON s.id = r.subject_entity_id
JOIN entities o ON o.id = r.object_entity_id
WHERE r.id = ANY($1::bigint[]))sql";

constexpr const char* kEvidenceByRelationshipIds = R"sql(
SELECT x.relationship_id, x.article_id, x.sentence_index, x.start_offset, x.end_offset, x.sentence,
       x.confidence, x.extractor_version
FROM (SELECT x.*, row_number() OVER (PARTITION BY x.relationship_id ORDER BY x.id) AS n
      FROM evidence x WHERE x.relationship_id = ANY($1::bigint[])) x
WHERE x.n <= $2 ORDER BY x.relationship_id, x.id)sql";

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

// Orders `by_id` as `ids`, skipping ids that were not found.
template <typename T>
std::vector<T> InOrder(const std::vector<int64_t>& ids, std::unordered_map<int64_t, T>& by_id) {
  std::vector<T> ordered;
  ordered.reserve(ids.size());
  for (int64_t id : ids) {
    auto it = by_id.find(id);
    if (it != by_id.end()) ordered.push_back(std::move(it->second));
  }
  return ordered;
}

}  // namespace

std::vector<v1::Entity> LoadEntities(pqxx::transaction_base& tx, const std::vector<int64_t>& ids, bool with_details) {
  if (ids.empty()) return {};
  std::string id_array = store::BigintArrayParam(ids);
  std::unordered_map<int64_t, v1::Entity> by_id;
  for (const auto& row : tx.exec_prepared("entities_by_ids", id_array)) {
    v1::Entity entity;
    entity.set_id(row[0].as<std::string>());
    entity.set_type(static_cast<v1::EntityType>(row[1].as<int>()));
    entity.set_organization_kind(static_cast<v1::OrganizationKind>(row[2].as<int>()));
    entity.set_canonical_name(row[3].as<std::string>());
    for (const auto& external : nlohmann::json::parse(row[4].as<std::string>())) {
      auto* out = entity.add_external_ids();
      out->set_scheme(external.value("scheme", ""));
      out->set_value(external.value("value", ""));
    }
    entity.set_mention_count(row[5].as<int64_t>());
    entity.set_article_count(row[6].as<int64_t>());
    store::ReadMicros(row[7], entity.mutable_first_seen());
    store::ReadMicros(row[8], entity.mutable_last_seen());
    by_id.emplace(row[0].as<int64_t>(), std::move(entity));
  }
  if (with_details) {
    for (const auto& row : tx.exec_prepared("aliases_by_entity_ids", id_array)) {
      auto& entity = by_id.at(row[0].as<int64_t>());
      std::string alias = row[1].as<std::string>();
      if (alias != entity.canonical_name()) entity.add_aliases(std::move(alias));
    }
    for (const auto& row : tx.exec_prepared("roles_by_entity_ids", id_array)) {
      auto* role = by_id.at(row[0].as<int64_t>()).add_roles();
      role->set_title(row[1].as<std::string>());
      if (!row[2].is_null()) role->set_organization_entity_id(row[2].as<std::string>());
      store::ReadMicros(row[3], role->mutable_valid_from());
      store::ReadMicros(row[4], role->mutable_valid_to());
      role->set_source_count(row[5].as<int32_t>());
    }
  }
  return InOrder(ids, by_id);
}

std::vector<v1::Event> LoadEvents(pqxx::transaction_base& tx, const std::vector<int64_t>& ids) {
  if (ids.empty()) return {};
  std::string id_array = store::BigintArrayParam(ids);
  std::unordered_map<int64_t, v1::Event> by_id;
  for (const auto& row : tx.exec_prepared("events_by_ids", id_array)) {
    v1::Event event;
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
    by_id.emplace(row[0].as<int64_t>(), std::move(event));
  }
  for (const auto& row : tx.exec_prepared("participants_by_event_ids", id_array)) {
    auto* participant = by_id.at(row[0].as<int64_t>()).add_participants();
    participant->set_entity_id(row[1].as<std::string>());
    participant->set_role(static_cast<v1::ParticipantRole>(row[2].as<int>()));
    participant->set_entity_name(row[3].as<std::string>());
    participant->set_text(row[4].as<std::string>());
  }
  for (const auto& row : tx.exec_prepared("evidence_by_event_ids", id_array, kMaxEvidencePerFact)) {
    ReadEvidence(row, 1, by_id.at(row[0].as<int64_t>()).add_evidence());
  }
  return InOrder(ids, by_id);
}

std::vector<v1::Relationship> LoadRelationships(pqxx::transaction_base& tx, const std::vector<int64_t>& ids) {
  if (ids.empty()) return {};
  std::string id_array = store::BigintArrayParam(ids);
  std::unordered_map<int64_t, v1::Relationship> by_id;
  for (const auto& row : tx.exec_prepared("relationships_by_ids", id_array)) {
    v1::Relationship relationship;
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
    by_id.emplace(row[0].as<int64_t>(), std::move(relationship));
  }
  for (const auto& row : tx.exec_prepared("evidence_by_relationship_ids", id_array, kMaxEvidencePerFact)) {
    ReadEvidence(row, 1, by_id.at(row[0].as<int64_t>()).add_evidence());
  }
  return InOrder(ids, by_id);
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
  connection.prepare("entities_by_ids", kEntitiesByIds);
  connection.prepare("aliases_by_entity_ids", kAliasesByEntityIds);
  connection.prepare("roles_by_entity_ids", kRolesByEntityIds);
  connection.prepare("events_by_ids", kEventsByIds);
  connection.prepare("participants_by_event_ids", kParticipantsByEventIds);
  connection.prepare("evidence_by_event_ids", kEvidenceByEventIds);
  connection.prepare("relationships_by_ids", kRelationshipsByIds);
  connection.prepare("evidence_by_relationship_ids", kEvidenceByRelationshipIds);
}

}  // namespace dossier::query::rows
