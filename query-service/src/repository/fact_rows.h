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

/// `sql` with its entity placeholders filled in: {columns} (an entity row, table alias
/// `e`, as EntityFromRow reads it), {aliases} and {roles} (the entity's aliases and roles as
/// JSON arrays; NULL reads as none).
std::string EntityStatement(std::string_view sql);

/// An entity from the first 11 columns of the row: {columns}, then {aliases} and {roles}.
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
