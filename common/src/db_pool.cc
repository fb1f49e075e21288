#include "dossier/common/db_pool.h"

#include <absl/strings/str_cat.h>

#include "dossier/common/logging.h"

namespace dossier {

DbPool::DbPool(std::string url, int size, ConnectionSetup setup)
    : url_(std::move(url)), size_(size), setup_(std::move(setup)) {}

DbPool::~DbPool() = default;

DbPool::Lease::Lease(DbPool* pool, std::unique_ptr<pqxx::connection> connection)
    : pool_(pool), connection_(std::move(connection)) {}

DbPool::Lease::Lease(Lease&& other) noexcept : pool_(other.pool_), connection_(std::move(other.connection_)) {}

DbPool::Lease::~Lease() {
  if (connection_) pool_->Return(std::move(connection_));
}

absl::StatusOr<DbPool::Lease> DbPool::Acquire(std::chrono::milliseconds wait) {
  std::unique_ptr<pqxx::connection> connection;
  {
    std::unique_lock lock(mutex_);
    auto can_take = [&] { return !idle_.empty() || open_count_ < size_; };
    if (!can_take()) {
      auto started = std::chrono::steady_clock::now();
      bool ready = available_.wait_for(lock, wait, can_take);
      wait_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      if (!ready) {
        ++timeouts_;
        return absl::ResourceExhaustedError("all database connections are busy, retry later");
      }
    }
    if (!idle_.empty()) {
      connection = std::move(idle_.back());
      idle_.pop_back();
      if (connection->is_open()) return Lease(this, std::move(connection));
      connection.reset();  // dropped while idle: replace below
    } else {
      ++open_count_;
    }
  }
  try {
    connection = std::make_unique<pqxx::connection>(url_);
    if (setup_) setup_(*connection);
    return Lease(this, std::move(connection));
  } catch (const std::exception& e) {
    {
      std::lock_guard lock(mutex_);
      --open_count_;
    }
    available_.notify_one();
    Log(spdlog::level::warn, "db_connect_failed", {{"error", e.what()}});
    return absl::UnavailableError("the database is unavailable, retry later");
  }
}

void DbPool::Return(std::unique_ptr<pqxx::connection> connection) {
  {
    std::lock_guard lock(mutex_);
    if (connection->is_open()) {
      idle_.push_back(std::move(connection));
    } else {
      --open_count_;  // broken: the next Acquire opens a fresh one
    }
  }
  available_.notify_one();
}

DbPool::Usage DbPool::usage() const {
  std::lock_guard lock(mutex_);
  return {size_, open_count_, open_count_ - static_cast<int>(idle_.size()), wait_seconds_, timeouts_};
}

absl::Status DbPool::Ping() {
  auto lease = Acquire(std::chrono::seconds(2));
  if (!lease.ok()) return lease.status();
  try {
    pqxx::nontransaction tx(**lease);
    tx.exec("SELECT 1");
    return absl::OkStatus();
  } catch (const std::exception& e) {
    return absl::UnavailableError(absl::StrCat("database ping failed: ", e.what()));
  }
}

}  // namespace dossier
