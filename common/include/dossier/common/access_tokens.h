#pragma once

#include <absl/status/status.h>
#include <absl/status/statusor.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dossier {

/// What a bearer token lets its holder do. An ingest token may also read.
enum class TokenScope { kRead, kIngest };

/// "read" or "ingest".
std::string_view ScopeName(TokenScope scope);

/// The bearer tokens a service accepts, each with its scope. Only SHA-256 digests are kept,
/// and a presented token is compared with every one of them in constant time, so neither
/// timing nor a memory dump gives a token away.
class AccessTokens {
 public:
  /// Reads a tokens file: one `<scope> <token>` per line, scope `ingest` or `read`; blank
  /// lines and lines starting with '#' are skipped. Tokens must be 16 to 512 printable
  /// ASCII characters. Several tokens per scope allow rotation without downtime.
  static absl::StatusOr<AccessTokens> LoadFile(const std::string& path);
  /// The same from the file's text (`origin` names it in errors).
  static absl::StatusOr<AccessTokens> Parse(std::string_view text, std::string_view origin);

  /// Whether any token has exactly `scope`.
  bool HasScope(TokenScope scope) const;

  /// Checks the value of a call's `authorization` header (nullopt when absent) against
  /// `required`: UNAUTHENTICATED when it is missing, malformed or unknown,
  /// PERMISSION_DENIED when the token is known but its scope does not allow `required`.
  absl::Status Authorize(std::optional<std::string_view> authorization, TokenScope required) const;

 private:
  struct Entry {
    std::array<unsigned char, 32> digest;
    TokenScope scope;
  };
  std::vector<Entry> entries_;
};

}  // namespace dossier
