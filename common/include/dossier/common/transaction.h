#pragma once

#include <absl/status/status.h>
#include <absl/status/statusor.h>

#include <chrono>
#include <functional>
#include <optional>
#include <pqxx/pqxx>
#include <string_view>
#include <type_traits>

#include "dossier/common/db_pool.h"

namespace dossier {

/// When a call must be done by; nullopt when the client set no deadline.
using Deadline = std::optional<std::chrono::system_clock::time_point>;

/// Whether a transaction may write, and whether it needs a transaction block at all.
enum class TxMode {
  kReadOnly,
  kReadWrite,
  /// Reads without a transaction block (no BEGIN/COMMIT round trips) in a read-only
  /// session: each statement sees its own snapshot, so for bodies of one statement, or
  /// whose later statements tolerate a row that vanished after an earlier one.
  kAutocommitRead,
};

/// Runs `body` in one transaction on a pooled connection and commits it. The statement
/// timeout follows the call's deadline, so a cancelled call cancels its SQL: it is a
/// session setting changed only when the deadline moves out of its tolerance (it may fire
/// up to 10% + 20 ms after the deadline, never before), which saves a round trip per call.
/// A connection dropped before commit is retried once on a fresh one (bodies must be
/// idempotent). `what` names the operation in error messages.
absl::Status RunTransaction(DbPool& pool, TxMode mode, Deadline deadline, std::string_view what,
                            const std::function<absl::Status(pqxx::transaction_base&)>& body);

/// RunTransaction for a body that produces a value: `body(tx)` returns absl::StatusOr<T>.
template <typename Body>
auto RunTransactionWithResult(DbPool& pool, TxMode mode, Deadline deadline, std::string_view what, Body&& body)
    -> std::invoke_result_t<Body, pqxx::transaction_base&> {
  using Result = std::invoke_result_t<Body, pqxx::transaction_base&>;
  std::optional<typename Result::value_type> value;
  absl::Status status = RunTransaction(pool, mode, deadline, what, [&](pqxx::transaction_base& tx) {
    Result result = body(tx);
    if (!result.ok()) return result.status();
    value = std::move(*result);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return std::move(*value);
}

}  // namespace dossier
