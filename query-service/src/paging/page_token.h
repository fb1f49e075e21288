#pragma once

#include <absl/status/statusor.h>
#include <google/protobuf/message.h>

#include <string>
#include <string_view>
#include <vector>

namespace dossier::query {

/// Default and largest page sizes of every List/Search RPC.
inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;

/// 0 -> default, above the maximum -> the maximum, negative -> INVALID_ARGUMENT.
absl::StatusOr<int> ResolvePageSize(int32_t page_size);

/// Opaque page tokens: the keyset position of the last row served, bound to the request's
/// filters and signed with HMAC-SHA256 so a client can neither edit one nor reuse it with
/// other filters. Keys must match across replicas.
class PageTokenCodec {
 public:
  explicit PageTokenCodec(std::string key) : key_(std::move(key)) {}

  /// A token continuing after `keyset`, for `request` (its page_token and page_size fields
  /// are not part of the binding).
  std::string Encode(const google::protobuf::Message& request, const std::vector<std::string>& keyset) const;

  /// The keyset in the request's page_token; empty for the first page. INVALID_ARGUMENT for
  /// a malformed or tampered token, or one made with other filters.
  absl::StatusOr<std::vector<std::string>> Decode(const google::protobuf::Message& request,
                                                  std::string_view token) const;

 private:
  std::string Fingerprint(const google::protobuf::Message& request) const;
  std::string Sign(std::string_view payload) const;

  std::string key_;
};

}  // namespace dossier::query
