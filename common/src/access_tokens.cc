#include "dossier/common/access_tokens.h"

#include <openssl/crypto.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "dossier/common/hashing.h"
#include "dossier/common/logging.h"
#include "dossier/common/strings.h"

namespace dossier {
namespace {

constexpr size_t kMinTokenBytes = 16;
constexpr size_t kMaxTokenBytes = 512;
constexpr std::string_view kBearerPrefix = "Bearer ";

bool IsTokenCharacter(char c) { return c > ' ' && c < 0x7f; }

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
    std::string_view line = strings::Trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    size_t space = line.find_first_of(" \t");
    std::string_view scope_name = line.substr(0, space);
    std::string_view token = space == std::string_view::npos ? std::string_view() : strings::Trim(line.substr(space));
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
    tokens.entries_.push_back({Sha256(token), scope});
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
  auto presented = Sha256(authorization->substr(kBearerPrefix.size()));
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

TokenStore::TokenStore(AccessTokens fixed) : tokens_(std::make_shared<const AccessTokens>(std::move(fixed))) {}

std::optional<TokenStore::FileVersion> TokenStore::VersionOf(const std::string& path) {
  struct stat status {};
  if (stat(path.c_str(), &status) != 0) return std::nullopt;
  return FileVersion{static_cast<int64_t>(status.st_mtim.tv_sec) * 1'000'000'000 + status.st_mtim.tv_nsec,
                     static_cast<int64_t>(status.st_size), static_cast<uint64_t>(status.st_ino)};
}

absl::StatusOr<std::shared_ptr<TokenStore>> TokenStore::Watch(std::string path, std::chrono::milliseconds recheck) {
  auto version = VersionOf(path);
  auto tokens = AccessTokens::LoadFile(path);
  if (!tokens.ok()) return tokens.status();
  std::shared_ptr<TokenStore> store(new TokenStore());
  store->tokens_ = std::make_shared<const AccessTokens>(*std::move(tokens));
  store->path_ = std::move(path);
  store->recheck_ = recheck;
  store->next_check_ = std::chrono::steady_clock::now() + recheck;
  store->version_ = version;
  return store;
}

std::shared_ptr<const AccessTokens> TokenStore::Current() {
  std::lock_guard lock(mutex_);
  if (path_.empty()) return tokens_;
  auto now = std::chrono::steady_clock::now();
  if (now < next_check_) return tokens_;
  next_check_ = now + recheck_;
  auto version = VersionOf(path_);
  if (!version || version == version_) return tokens_;
  auto reread = AccessTokens::LoadFile(path_);
  version_ = version;  // a bad file is reported once, not on every call
  if (!reread.ok()) {
    Log(spdlog::level::err, "tokens_not_reloaded", {{"file", path_}, {"reason", reread.status().message()}});
    return tokens_;
  }
  tokens_ = std::make_shared<const AccessTokens>(*std::move(reread));
  Log(spdlog::level::info, "tokens_reloaded", {{"file", path_}});
  return tokens_;
}

}  // namespace dossier
