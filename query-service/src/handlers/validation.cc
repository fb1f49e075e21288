#include "handlers/validation.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>

#include "dossier/common/ids.h"
#include "dossier/common/store_types.h"
#include "dossier/common/strings.h"

namespace dossier::query {

absl::StatusOr<std::vector<int>> EnumFilter(std::string_view field, const google::protobuf::RepeatedField<int>& values,
                                            const google::protobuf::EnumDescriptor* descriptor) {
  std::vector<int> result;
  for (int i = 0; i < values.size(); ++i) {
    if (values[i] == 0 || !descriptor->FindValueByNumber(values[i])) {
      return absl::InvalidArgumentError(
          strings::Cat(field, "[", i, "] is not a ", descriptor->name(), " value: ", values[i]));
    }
    result.push_back(values[i]);
  }
  return result;
}

absl::Status CheckConfidence(std::string_view field, double value) {
  if (!(value >= 0 && value <= 1)) {
    return absl::InvalidArgumentError(strings::Cat(field, " must be between 0 and 1, got ", value));
  }
  return absl::OkStatus();
}

absl::StatusOr<TimeBounds> ReadTimeRange(std::string_view field, bool has_range, const v1::TimeRange& range) {
  using google::protobuf::util::TimeUtil;
  TimeBounds bounds;
  if (!has_range) return bounds;
  for (auto [name, has, time] :
       {std::tuple{"start", range.has_start(), &range.start()}, std::tuple{"end", range.has_end(), &range.end()}}) {
    if (has && (time->seconds() < TimeUtil::kTimestampMinSeconds || time->seconds() > TimeUtil::kTimestampMaxSeconds ||
                time->nanos() < 0 || time->nanos() > 999999999)) {
      return absl::InvalidArgumentError(strings::Cat(field, ".", name, " is not a valid timestamp"));
    }
  }
  if (range.has_start() && range.has_end() && range.end() <= range.start()) {
    return absl::InvalidArgumentError(strings::Cat(field, ".end must be after ", field, ".start"));
  }
  if (range.has_start()) bounds.from = store::TimestampParam(&range.start());
  if (range.has_end()) bounds.to = store::TimestampParam(&range.end());
  return bounds;
}

absl::StatusOr<PageRequest> ReadPage(const google::protobuf::Message& request, int32_t page_size,
                                     const std::string& page_token, const PageTokenCodec& tokens) {
  auto size = ResolvePageSize(page_size);
  if (!size.ok()) return size.status();
  auto after = tokens.Decode(request, page_token);
  if (!after.ok()) return after.status();
  return PageRequest{std::move(*after), *size};
}

absl::StatusOr<std::optional<int64_t>> OptionalIdFilter(std::string_view field, std::string_view value) {
  if (value.empty()) return std::optional<int64_t>();
  auto id = ParseId(field, value);
  if (!id.ok()) return id.status();
  return std::optional<int64_t>(*id);
}

absl::StatusOr<int> CountOption(std::string_view field, int32_t value, int default_value, int max) {
  if (value < 0) return absl::InvalidArgumentError(strings::Cat(field, " must not be negative, got ", value));
  if (value == 0) return default_value;
  return std::min<int>(value, max);
}

absl::StatusOr<int> DistanceOption(std::string_view field, int32_t value, int default_value, int max) {
  if (value == 0) return default_value;
  if (value < 1 || value > max) {
    return absl::InvalidArgumentError(
        strings::Cat(field, " must be between 1 and ", max, " (0 means ", default_value, "), got ", value));
  }
  return value;
}

}  // namespace dossier::query
