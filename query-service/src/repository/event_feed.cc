#include "repository/event_feed.h"

#include <pqxx/pqxx>

#include "dossier/common/logging.h"

namespace dossier::query {
namespace {

constexpr const char* kChannel = "dossier_events";

class Receiver final : public pqxx::notification_receiver {
 public:
  Receiver(pqxx::connection& connection, std::function<void()> on_notify)
      : pqxx::notification_receiver(connection, kChannel), on_notify_(std::move(on_notify)) {}
  void operator()(const std::string&, int) override { on_notify_(); }

 private:
  std::function<void()> on_notify_;
};

}  // namespace

EventFeed::EventFeed(std::string database_url)
    : database_url_(std::move(database_url)), listener_([this] { Listen(); }) {}

EventFeed::~EventFeed() {
  stopping_ = true;
  listener_.join();
}

uint64_t EventFeed::Generation() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

uint64_t EventFeed::WaitForChange(uint64_t seen, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return generation_ != seen; });
  return generation_;
}

void EventFeed::Bump() {
  {
    std::lock_guard lock(mutex_);
    ++generation_;
  }
  changed_.notify_all();
}

void EventFeed::Listen() {
  bool was_down = false;
  while (!stopping_) {
    try {
      pqxx::connection connection(database_url_);
      Receiver receiver(connection, [this] { Bump(); });
      if (was_down) Log(spdlog::level::info, "event_feed_reconnected");
      was_down = false;
      Bump();  // whatever was stored while nobody listened is new to the watchers
      // Short waits, so the destructor is never kept long.
      while (!stopping_) connection.await_notification(0, 250'000);
    } catch (const std::exception& e) {
      if (!was_down) Log(spdlog::level::warn, "event_feed_down", {{"error", e.what()}});
      was_down = true;
      for (int i = 0; i < 4 && !stopping_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
  }
}

}  // namespace dossier::query
