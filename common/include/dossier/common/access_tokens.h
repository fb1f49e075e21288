#pragma once

#include <absl/status/status.h>
#include <absl/status/statusor.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
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

/// The tokens a service accepts now. Read from a file, they are read again when the file
/// changes (a Kubernetes Secret update swaps it), looked at no more often than every
/// `recheck`; a changed file that no longer parses keeps the tokens read before, and says
/// why in the log. Thread-safe.
class TokenStore {
 public:
  /// Tokens that never change.
  explicit TokenStore(AccessTokens fixed);
  /// Reads `path` now (an error if it cannot be read or parsed) and watches it.
  static absl::StatusOr<std::shared_ptr<TokenStore>> Watch(std::string path, std::chrono::milliseconds recheck);

  std::shared_ptr<const AccessTokens> Current();

 private:
  struct FileVersion {
    int64_t modified_ns = 0;
    int64_t size = 0;
    uint64_t inode = 0;
    bool operator==(const FileVersion&) const = default;
  };
  static std::optional<FileVersion> VersionOf(const std::string& path);
  TokenStore() = default;

  std::mutex mutex_;
  std::shared_ptr<const AccessTokens> tokens_;
  std::string path_;  // empty: fixed tokens
  std::chrono::milliseconds recheck_{};
  std::chrono::steady_clock::time_point next_check_;
  std::optional<FileVersion> version_;
};

}  // namespace dossier
