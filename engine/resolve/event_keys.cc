#include "engine/resolve/event_keys.h"

#include <algorithm>
#include <chrono>

#include "dossier/common/strings.h"

namespace dossier::engine {

std::string EventMergeKey(const ExtractedEvent& event, const std::vector<ExtractedEntity>& entities) {
  std::vector<std::string> parts;
  for (const auto& participant : event.participants) {
    parts.push_back(std::to_string(static_cast<int>(participant.role)) + "=" + entities[participant.entity].key);
  }
  std::sort(parts.begin(), parts.end());
  std::string day = "undated";
  if (event.time.start) {
    auto days = std::chrono::floor<std::chrono::days>(*event.time.start).time_since_epoch().count();
    day = std::to_string(days);
  }
  return std::to_string(static_cast<int>(event.type)) + "|" + std::to_string(static_cast<int>(event.modality)) + "|" +
         strings::Join(parts, ",") + "|" + day;
}

}  // namespace dossier::engine
