#include "repository/statements.h"

#include "repository/fact_rows.h"
#include "repository/query_repository.h"

namespace dossier::query {

void PrepareQueryStatements(pqxx::connection& connection) {
  rows::PrepareFactStatements(connection);
  PrepareArticleStatements(connection);
  PrepareEntityStatements(connection);
  PrepareEventStatements(connection);
  PrepareGraphStatements(connection);
  PrepareTimelineStatements(connection);
  PrepareRelationshipStatements(connection);
}

}  // namespace dossier::query
