#include "engine/normalize/dates.h"

#include <absl/strings/str_cat.h>
#include <absl/strings/strip.h>
#include <absl/time/time.h>

#include "dossier/common/strings.h"

namespace dossier::engine {

absl::StatusOr<std::chrono::sys_seconds> ParsePublicationDate(std::string_view field, std::string_view text) {
  std::string trimmed(strings::Trim(text));
  absl::Time parsed;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, trimmed, &parsed, &error) &&
      !absl::ParseTime("%Y-%m-%d", trimmed, absl::UTCTimeZone(), &parsed, &error)) {
    return absl::InvalidArgumentError(strings::Cat(
        field, " must be RFC 3339 (2025-03-12T08:30:00Z) or a day (2025-03-12), got \"", trimmed.substr(0, 64), "\""));
  }
  if (parsed < absl::FromCivil(absl::CivilDay(1900, 1, 1), absl::UTCTimeZone()) ||
      parsed > absl::Now() + absl::Hours(24)) {
    return absl::InvalidArgumentError(
        strings::Cat(field, " is out of range (before 1900 or in the future): \"", trimmed, "\""));
  }
  return std::chrono::sys_seconds(std::chrono::seconds(absl::ToUnixSeconds(parsed)));
}

std::optional<std::chrono::sys_seconds> ParseMetadataDate(std::string_view text) {
  auto parsed = ParsePublicationDate("metadata date", text);
  if (parsed.ok()) return *parsed;
  // Metadata often carries a full timestamp without a zone offset.
  absl::Time time;
  std::string trimmed(strings::Trim(text));
  if (absl::ParseTime("%Y-%m-%dT%H:%M:%S", trimmed, absl::UTCTimeZone(), &time, nullptr)) {
    return std::chrono::sys_seconds(std::chrono::seconds(absl::ToUnixSeconds(time)));
  }
  return std::nullopt;
}

}  // namespace dossier::engine
