#include "dossier/common/ids.h"

#include <fmt/format.h>

#include <charconv>

namespace dossier {

absl::StatusOr<int64_t> ParseId(std::string_view field, std::string_view value) {
  if (value.empty()) return absl::InvalidArgumentError(fmt::format("{} is required", field));
  int64_t id = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), id);
  if (error != std::errc() || end != value.data() + value.size() || id <= 0) {
    return absl::InvalidArgumentError(
        fmt::format("{} must be a positive decimal id, got \"{}\"", field, value.substr(0, 64)));
  }
  return id;
}

absl::StatusOr<int64_t> ParseOptionalId(std::string_view field, std::string_view value) {
  if (value.empty()) return int64_t{0};
  return ParseId(field, value);
}

std::string FormatId(int64_t id) { return std::to_string(id); }

}  // namespace dossier
