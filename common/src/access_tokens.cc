#include "dossier/common/access_tokens.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "dossier/common/strings.h"

namespace dossier {
namespace {

constexpr size_t kMinTokenBytes = 16;
constexpr size_t kMaxTokenBytes = 512;
constexpr std::string_view kBearerPrefix = "Bearer ";

std::array<unsigned char, 32> DigestOf(std::string_view token) {
  std::array<unsigned char, 32> digest{};
  unsigned int length = 0;
  EVP_Digest(token.data(), token.size(), digest.data(), &length, EVP_sha256(), nullptr);
  return digest;
}

bool IsTokenCharacter(char c) { return c > ' ' && c < 0x7f; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string_view ScopeName(TokenScope scope) { return scope == TokenScope::kIngest ? "ingest" : "read"; }

absl::StatusOr<AccessTokens> AccessTokens::LoadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError(strings::Cat("cannot read the tokens file ", path));
  std::stringstream text;
  text << file.rdbuf();
  return Parse(text.str(), path);
}

absl::StatusOr<AccessTokens> AccessTokens::Parse(std::string_view text, std::string_view origin) {
  AccessTokens tokens;
  int line_number = 0;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = Trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    size_t space = line.find_first_of(" \t");
    std::string_view scope_name = line.substr(0, space);
    std::string_view token = space == std::string_view::npos ? std::string_view() : Trim(line.substr(space));
    auto where = [&] { return strings::Cat(origin, " line ", line_number, ": "); };
    TokenScope scope;
    if (scope_name == "ingest") {
      scope = TokenScope::kIngest;
    } else if (scope_name == "read") {
      scope = TokenScope::kRead;
    } else {
      return absl::InvalidArgumentError(
          strings::Cat(where(), "expected `ingest <token>` or `read <token>`, the scope comes first"));
    }
    bool printable = std::all_of(token.begin(), token.end(), IsTokenCharacter);
    if (token.size() < kMinTokenBytes || token.size() > kMaxTokenBytes || !printable) {
      return absl::InvalidArgumentError(strings::Cat(where(), "a token is ", kMinTokenBytes, " to ", kMaxTokenBytes,
                                                     " printable characters without spaces (try `openssl rand "
                                                     "-hex 32`)"));
    }
    tokens.entries_.push_back({DigestOf(token), scope});
  }
  if (tokens.entries_.empty()) return absl::InvalidArgumentError(strings::Cat(origin, " holds no token"));
  return tokens;
}

bool AccessTokens::HasScope(TokenScope scope) const {
  return std::any_of(entries_.begin(), entries_.end(), [&](const Entry& entry) { return entry.scope == scope; });
}

absl::Status AccessTokens::Authorize(std::optional<std::string_view> authorization, TokenScope required) const {
  if (!authorization) {
    return absl::UnauthenticatedError(strings::Cat("this call needs a bearer token with scope ", ScopeName(required),
                                                   ": send the header `authorization: Bearer <token>`"));
  }
  if (authorization->substr(0, kBearerPrefix.size()) != kBearerPrefix) {
    return absl::UnauthenticatedError("the authorization header must read `Bearer <token>`");
  }
  auto presented = DigestOf(authorization->substr(kBearerPrefix.size()));
  // Every entry is compared, match or not, so the time taken does not say which matched.
  const Entry* match = nullptr;
  for (const Entry& entry : entries_) {
    if (CRYPTO_memcmp(presented.data(), entry.digest.data(), presented.size()) == 0) match = &entry;
  }
  if (match == nullptr) return absl::UnauthenticatedError("the bearer token is not one this service accepts");
  bool allowed = match->scope == required || match->scope == TokenScope::kIngest;
  if (!allowed) {
    return absl::PermissionDeniedError(
        strings::Cat("this token has scope ", ScopeName(match->scope), "; the call needs ", ScopeName(required)));
  }
  return absl::OkStatus();
}

}  // namespace dossier
