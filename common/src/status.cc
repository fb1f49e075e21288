#include "dossier/common/status.h"

#include <fmt/format.h>

#include <pqxx/pqxx>
#include <string>

#include "dossier/common/logging.h"

namespace dossier {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()));
}

absl::Status DatabaseErrorToStatus(std::exception_ptr error, std::string_view what) {
  try {
    std::rethrow_exception(error);
  } catch (const pqxx::broken_connection& e) {
    Log(spdlog::level::warn, "db_unavailable", {{"op", what}, {"error", e.what()}});
    return absl::UnavailableError(fmt::format("{}: the database is unavailable, retry later", what));
  } catch (const pqxx::sql_error& e) {
    // 57014: query_canceled, which statement_timeout raises.
    if (e.sqlstate() == "57014") {
      return absl::DeadlineExceededError(
          fmt::format("{}: the call's deadline passed and the query was cancelled", what));
    }
    Log(spdlog::level::err, "db_error", {{"op", what}, {"sqlstate", e.sqlstate()}, {"error", e.what()}});
    if (e.sqlstate().rfind("08", 0) == 0 || e.sqlstate().rfind("57P", 0) == 0) {
      return absl::UnavailableError(fmt::format("{}: the database is unavailable, retry later", what));
    }
    return absl::InternalError(fmt::format("{}: database error (SQLSTATE {})", what, e.sqlstate()));
  } catch (const std::exception& e) {
    Log(spdlog::level::err, "db_error", {{"op", what}, {"error", e.what()}});
    return absl::InternalError(fmt::format("{}: {}", what, e.what()));
  }
}

}  // namespace dossier
