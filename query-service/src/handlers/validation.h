#pragma once

#include <absl/status/statusor.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/repeated_field.h>
#include <grpcpp/grpcpp.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/common/server.h"
#include "paging/page_token.h"
#include "repository/query_repository.h"

// Request checks shared by the query handlers. Every error is INVALID_ARGUMENT naming the
// field, so a client can fix its request.
namespace dossier::query {

/// Enum values of a repeated filter; unknown values and the UNSPECIFIED zero are errors.
absl::StatusOr<std::vector<int>> EnumFilter(std::string_view field, const google::protobuf::RepeatedField<int>& values,
                                            const google::protobuf::EnumDescriptor* descriptor);

/// A confidence threshold in [0, 1].
absl::Status CheckConfidence(std::string_view field, double value);

/// Bounds of a time range as timestamptz parameters; start must be before end.
struct TimeBounds {
  std::optional<std::string> from;
  std::optional<std::string> to;
};
absl::StatusOr<TimeBounds> ReadTimeRange(std::string_view field, bool has_range, const v1::TimeRange& range);

/// The page a List/Search request asks for (size and decoded token).
absl::StatusOr<PageRequest> ReadPage(const google::protobuf::Message& request, int32_t page_size,
                                     const std::string& page_token, const PageTokenCodec& tokens);

/// A "how many" option: 0 takes `default_value`, a negative value is an error, a value
/// above `max` is clamped to it (as page_size is).
absl::StatusOr<int> CountOption(std::string_view field, int32_t value, int default_value, int max);

/// A "how far" option (depth, hops): 0 takes `default_value`, anything outside 1..max is an
/// error, since a clamped walk would answer a different question.
absl::StatusOr<int> DistanceOption(std::string_view field, int32_t value, int default_value, int max);

/// An optional id filter: empty is nullopt, anything else must be a valid id.
absl::StatusOr<std::optional<int64_t>> OptionalIdFilter(std::string_view field, std::string_view value);

}  // namespace dossier::query
