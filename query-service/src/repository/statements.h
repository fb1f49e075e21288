#pragma once

#include <absl/status/status.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/common/store_types.h"

// Internal to the repository: each resource file prepares its own statements.
namespace dossier::query {

void PrepareArticleStatements(pqxx::connection& connection);
void PrepareEntityStatements(pqxx::connection& connection);
void PrepareEventStatements(pqxx::connection& connection);
void PrepareGraphStatements(pqxx::connection& connection);
void PrepareTimelineStatements(pqxx::connection& connection);
void PrepareRelationshipStatements(pqxx::connection& connection);
void PrepareStatsStatements(pqxx::connection& connection);

/// NOT_FOUND unless entity `id` exists; `field` (the request field that named it, may be
/// empty) starts the message when given.
absl::Status CheckEntityExists(pqxx::transaction_base& tx, int64_t id, std::string_view field = "");

/// An int[] parameter (enum filters); empty means "no filter" in our SQL.
inline std::string IntArrayParam(const std::vector<int>& values) {
  return store::BigintArrayParam(std::vector<int64_t>(values.begin(), values.end()));
}

/// Keyset part `index` of a page request, or NULL on the first page.
inline std::optional<std::string> KeysetParam(const std::vector<std::string>& after, size_t index) {
  if (index >= after.size()) return std::nullopt;
  return after[index];
}

/// Rows belonging to this page: queries fetch one row more than the page to learn whether
/// another page follows.
inline size_t RowsOnPage(const pqxx::result& rows, int page_size) {
  return std::min(rows.size(), static_cast<size_t>(page_size));
}

/// The keyset to continue after this page (the given columns of its last row), or empty
/// when no row follows it.
inline std::vector<std::string> NextKeyset(const pqxx::result& rows, int page_size,
                                           std::initializer_list<int> columns) {
  if (rows.size() <= static_cast<size_t>(page_size)) return {};
  std::vector<std::string> keyset;
  for (int column : columns) keyset.push_back(rows[page_size - 1][column].as<std::string>());
  return keyset;
}

}  // namespace dossier::query
