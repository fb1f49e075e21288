#pragma once

#include <cstdint>
#include <pqxx/pqxx>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/v1/entity.pb.h"
#include "dossier/v1/event.pb.h"
#include "dossier/v1/relationship.pb.h"

// Reading facts by id, shared by every query that returns them. Internal to the repository.
namespace dossier::query::rows {

/// The columns of an entity row (table alias `e`) as EntityFromRow reads them, then its
/// aliases and its roles (JSON arrays; NULL reads as none).
inline constexpr const char* kEntityColumns = R"sql(
e.id, e.type, e.organization_kind, e.canonical_name, e.external_ids::text, e.mention_count, e.article_count,
(extract(epoch FROM e.first_seen) * 1000000)::bigint, (extract(epoch FROM e.last_seen) * 1000000)::bigint)sql";
inline constexpr const char* kEntityAliases = R"sql(
(SELECT json_agg(a.alias ORDER BY a.alias_norm) FROM entity_aliases a WHERE a.entity_id = e.id))sql";
inline constexpr const char* kEntityRoles = R"sql(
(SELECT json_agg(json_build_object('title', r.title, 'organization', r.organization, 'from', r.first_seen,
                                   'to', r.last_seen, 'sources', r.sources) ORDER BY r.first_seen, r.title)
 FROM (SELECT r.title, max(r.organization_entity_id) AS organization,
              (extract(epoch FROM min(r.seen_at)) * 1000000)::bigint AS first_seen,
              (extract(epoch FROM max(r.seen_at)) * 1000000)::bigint AS last_seen,
              count(DISTINCT r.article_id) AS sources
       FROM entity_roles r WHERE r.entity_id = e.id GROUP BY r.title) r))sql";

/// `sql` with {columns}, {aliases} and {roles} replaced by the fragments above.
std::string EntityStatement(std::string_view sql);

/// An entity from the columns above (the first 11 of the row).
v1::Entity EntityFromRow(const pqxx::row& row);

/// Entities in the order of `ids` (unknown ids skipped); with_details adds aliases and roles.
std::vector<v1::Entity> LoadEntities(pqxx::transaction_base& tx, const std::vector<int64_t>& ids, bool with_details);

/// Events in the order of `ids`, with participants and evidence.
std::vector<v1::Event> LoadEvents(pqxx::transaction_base& tx, const std::vector<int64_t>& ids);

/// Relationships in the order of `ids`, with evidence.
std::vector<v1::Relationship> LoadRelationships(pqxx::transaction_base& tx, const std::vector<int64_t>& ids);

/// Reads a mention row selected with the columns of "list_mentions".
v1::Mention MentionFromRow(const pqxx::row& row);

/// Prepares the statements above.
void PrepareFactStatements(pqxx::connection& connection);

}  // namespace dossier::query::rows
