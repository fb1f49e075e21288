#pragma once

#include <absl/status/statusor.h>

#include <chrono>
#include <optional>
#include <string_view>

namespace dossier::engine {

/// Parses a publication date: RFC 3339 ("2025-03-12T08:30:00Z", "...+01:00") or a calendar
/// day ("2025-03-12", taken as midnight UTC). INVALID_ARGUMENT naming `field` for anything
/// else, for dates before 1900 and for dates more than a day in the future.
absl::StatusOr<std::chrono::sys_seconds> ParsePublicationDate(std::string_view field, std::string_view text);

/// Like ParsePublicationDate but for dates found in page metadata: nullopt when unusable.
std::optional<std::chrono::sys_seconds> ParseMetadataDate(std::string_view text);

}  // namespace dossier::engine
