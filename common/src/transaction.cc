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

// Sets a session variable unless the connection already has that value (libpqxx
// remembers what it set, so the check is free after the first call).
void EnsureSessionVariable(pqxx::connection& connection, const std::string& name, const std::string& value) {
  if (connection.get_variable(name) != value) connection.set_variable(name, value);
}

// Whether a session statement timeout of `current` (as SHOW prints it) serves a call with
// `wanted_ms` left (0: no deadline): never earlier than the deadline, at most 10% + 20 ms
// later, so calls with similar deadlines share one setting.
bool TimeoutFits(const std::string& current, int64_t wanted_ms) {
  if (current.empty() || !std::all_of(current.begin(), current.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;  // a unit ("10s") or other form we did not set
  }
  int64_t current_ms = std::stoll(current);
  if (wanted_ms == 0) return current_ms == 0;
  return current_ms >= wanted_ms && current_ms <= wanted_ms + wanted_ms / 10 + 20;
}

absl::Status RunOnce(DbPool& pool, TxMode mode, std::optional<int64_t> timeout_ms, std::string_view what,
                     const std::function<absl::Status(pqxx::transaction_base&)>& body) {
  auto lease = pool.Acquire();
  if (!lease.ok()) return lease.status();
  pqxx::connection& connection = **lease;
  int64_t wanted_ms = timeout_ms ? std::max<int64_t>(*timeout_ms, 1) : 0;
  if (!TimeoutFits(connection.get_variable("statement_timeout"), wanted_ms)) {
    connection.set_variable("statement_timeout", std::to_string(wanted_ms));
  }
  // BEGIN READ ONLY guards kReadOnly; a single read has no BEGIN, so its session is read-only.
  EnsureSessionVariable(connection, "default_transaction_read_only", mode == TxMode::kAutocommitRead ? "on" : "off");
  std::unique_ptr<pqxx::transaction_base> tx;
  switch (mode) {
    case TxMode::kReadOnly:
      tx = std::make_unique<pqxx::read_transaction>(connection);
      break;
    case TxMode::kReadWrite:
      tx = std::make_unique<pqxx::work>(connection);
      break;
    case TxMode::kAutocommitRead:
      tx = std::make_unique<pqxx::nontransaction>(connection);
      break;
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
