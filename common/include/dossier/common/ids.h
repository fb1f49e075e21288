#pragma once

#include <absl/status/statusor.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace dossier {

/// Parses the decimal id a client sent in `field`. Empty, non-numeric, zero or negative ids
/// are INVALID_ARGUMENT naming the field.
absl::StatusOr<int64_t> ParseId(std::string_view field, std::string_view value);

/// Parses an optional id filter: empty gives 0 (no filter).
absl::StatusOr<int64_t> ParseOptionalId(std::string_view field, std::string_view value);

/// Formats a database id for the API.
std::string FormatId(int64_t id);

}  // namespace dossier
