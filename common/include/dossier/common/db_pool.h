#pragma once

#include <absl/status/status.h>
#include <absl/status/statusor.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace dossier {

/// A fixed-size pool of PostgreSQL connections (libpqxx has none). A connection is used by
/// one thread at a time through a Lease; a connection found broken is dropped and replaced
/// by a fresh one on the next Acquire, so the pool heals after a database restart.
class DbPool {
 public:
  /// Called on every new connection, e.g. to prepare statements.
  using ConnectionSetup = std::function<void(pqxx::connection&)>;

  DbPool(std::string url, int size, ConnectionSetup setup = {});
  DbPool(const DbPool&) = delete;
  DbPool& operator=(const DbPool&) = delete;
  ~DbPool();

  /// Exclusive use of one connection; returns it to the pool when destroyed.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    pqxx::connection& operator*() { return *connection_; }
    pqxx::connection* operator->() { return connection_.get(); }

   private:
    friend class DbPool;
    Lease(DbPool* pool, std::unique_ptr<pqxx::connection> connection);
    DbPool* pool_;
    std::unique_ptr<pqxx::connection> connection_;
  };

  /// Waits up to `wait` for a connection. UNAVAILABLE when the database cannot be reached,
  /// RESOURCE_EXHAUSTED when every connection stays busy.
  absl::StatusOr<Lease> Acquire(std::chrono::milliseconds wait = std::chrono::seconds(5));

  /// Runs `SELECT 1` on a pooled connection.
  absl::Status Ping();

  const std::string& url() const { return url_; }

  /// What the pool is doing, for metrics.
  struct Usage {
    int size = 0;             // most connections it opens
    int open = 0;             // idle plus leased
    int in_use = 0;           // leased
    double wait_seconds = 0;  // total time Acquire waited for a free connection
    uint64_t timeouts = 0;    // Acquire calls that found every connection busy
  };
  Usage usage() const;

 private:
  void Return(std::unique_ptr<pqxx::connection> connection);

  const std::string url_;
  const int size_;
  const ConnectionSetup setup_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  int open_count_ = 0;  // idle plus leased
  double wait_seconds_ = 0;
  uint64_t timeouts_ = 0;
};

}  // namespace dossier
