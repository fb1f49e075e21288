#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace dossier::query {

/// Wakes WatchEvents calls when events are stored. One thread holds its own connection
/// (pooled connections cannot wait for notifications), LISTENs on "dossier_events" (see
/// migration 0003) and counts notifications; watchers wait for the count to change and then
/// read what is new. A lost connection is reopened every second, and each reconnect counts
/// as a change, since notifications sent meanwhile are lost. Notifications only wake
/// watchers: what a watcher sends is always read from the tables, so none is missed.
class EventFeed {
 public:
  explicit EventFeed(std::string database_url);
  EventFeed(const EventFeed&) = delete;
  EventFeed& operator=(const EventFeed&) = delete;
  ~EventFeed();

  /// The number of changes seen so far.
  uint64_t Generation() const;
  /// Waits until the generation differs from `seen` or `timeout` passes; returns it.
  uint64_t WaitForChange(uint64_t seen, std::chrono::milliseconds timeout) const;

 private:
  void Listen();
  void Bump();

  const std::string database_url_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  uint64_t generation_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread listener_;
};

}  // namespace dossier::query
