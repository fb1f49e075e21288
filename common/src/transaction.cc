#include "dossier/common/transaction.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "dossier/common/status.h"

namespace dossier {
namespace {

// Milliseconds left before the deadline, or nullopt without one. The statement timeout
// makes PostgreSQL cancel the query itself instead of working for a caller who left.
std::optional<int64_t> MillisecondsLeft(Deadline deadline) {
  if (!deadline) return std::nullopt;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - std::chrono::system_clock::now());
  return std::max<int64_t>(left.count(), 0);
}

absl::Status RunOnce(DbPool& pool, TxMode mode, std::optional<int64_t> timeout_ms, std::string_view what,
                     const std::function<absl::Status(pqxx::transaction_base&)>& body) {
  auto lease = pool.Acquire();
  if (!lease.ok()) return lease.status();
  std::unique_ptr<pqxx::transaction_base> tx;
  if (mode == TxMode::kReadOnly) {
    tx = std::make_unique<pqxx::read_transaction>(**lease);
  } else {
    tx = std::make_unique<pqxx::work>(**lease);
  }
  if (timeout_ms) {
    tx->exec_params("SELECT set_config('statement_timeout', $1, true)",
                    std::to_string(std::max<int64_t>(*timeout_ms, 1)));
  }
  absl::Status status = body(*tx);
  if (status.ok()) tx->commit();
  return status;
}

}  // namespace

absl::Status RunTransaction(DbPool& pool, TxMode mode, Deadline deadline, std::string_view what,
                            const std::function<absl::Status(pqxx::transaction_base&)>& body) {
  for (int attempt = 0;; ++attempt) {
    auto timeout_ms = MillisecondsLeft(deadline);
    if (timeout_ms && *timeout_ms == 0) {
      return absl::DeadlineExceededError(fmt::format("{}: the call's deadline passed", what));
    }
    try {
      return RunOnce(pool, mode, timeout_ms, what, body);
    } catch (const pqxx::in_doubt_error&) {
      return DatabaseErrorToStatus(std::current_exception(), what);
    } catch (const pqxx::broken_connection&) {
      if (attempt > 0) return DatabaseErrorToStatus(std::current_exception(), what);
      // A pooled connection died (e.g. the server restarted): one retry on a fresh one.
    } catch (...) {
      return DatabaseErrorToStatus(std::current_exception(), what);
    }
  }
}

}  // namespace dossier
