#include "repository/statements.h"

#include "repository/fact_rows.h"
#include "repository/query_repository.h"

namespace dossier::query {

void PrepareQueryStatements(pqxx::connection& connection) {
  // Every query here reads a page or a few rows: compiling one with JIT (which the planner
  // picks when it overestimates a filter) costs more than running it.
  connection.set_variable("jit", "off");
  rows::PrepareFactStatements(connection);
  PrepareArticleStatements(connection);
  PrepareEntityStatements(connection);
  PrepareEventStatements(connection);
  PrepareGraphStatements(connection);
  PrepareTimelineStatements(connection);
  PrepareRelationshipStatements(connection);
  PrepareStatsStatements(connection);
}

}  // namespace dossier::query
