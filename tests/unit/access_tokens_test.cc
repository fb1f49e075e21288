#include "dossier/common/access_tokens.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

namespace dossier {
namespace {

using ::testing::HasSubstr;

constexpr const char* kTokensFile =
    "# rotated on the 1st\n"
    "ingest ingest-token-0123456789\n"
    "\n"
    "read   read-token-0123456789  \n"
    "read read-token-next-0123456789\n";

AccessTokens Tokens() {
  auto tokens = AccessTokens::Parse(kTokensFile, "tokens");
  EXPECT_TRUE(tokens.ok()) << tokens.status();
  return *tokens;
}

TEST(AccessTokensTest, AKnownTokenWithTheRightScopeIsAccepted) {
  AccessTokens tokens = Tokens();
  EXPECT_TRUE(tokens.Authorize("Bearer ingest-token-0123456789", TokenScope::kIngest).ok());
  EXPECT_TRUE(tokens.Authorize("Bearer read-token-0123456789", TokenScope::kRead).ok());
  // Both read tokens work while one replaces the other.
  EXPECT_TRUE(tokens.Authorize("Bearer read-token-next-0123456789", TokenScope::kRead).ok());
  // An ingest token may read too.
  EXPECT_TRUE(tokens.Authorize("Bearer ingest-token-0123456789", TokenScope::kRead).ok());
}

TEST(AccessTokensTest, AReadTokenMayNotIngest) {
  absl::Status status = Tokens().Authorize("Bearer read-token-0123456789", TokenScope::kIngest);
  EXPECT_TRUE(absl::IsPermissionDenied(status)) << status;
  EXPECT_THAT(status.message(), HasSubstr("scope read"));
}

TEST(AccessTokensTest, MissingMalformedOrUnknownTokensAreUnauthenticated) {
  AccessTokens tokens = Tokens();
  for (std::optional<std::string_view> header :
       {std::optional<std::string_view>(), std::optional<std::string_view>("ingest-token-0123456789"),
        std::optional<std::string_view>("Basic aW5nZXN0OnRva2Vu"), std::optional<std::string_view>("Bearer "),
        std::optional<std::string_view>("Bearer ingest-token-012345678"),
        std::optional<std::string_view>("Bearer ingest-token-01234567890")}) {
    absl::Status status = tokens.Authorize(header, TokenScope::kRead);
    EXPECT_TRUE(absl::IsUnauthenticated(status)) << (header ? *header : "(none)") << ": " << status;
  }
}

TEST(AccessTokensTest, BadFilesAreRefusedWithTheLineToFix) {
  auto no_scope = AccessTokens::Parse("ingest-token-0123456789\n", "tokens");
  EXPECT_THAT(no_scope.status().message(), HasSubstr("tokens line 1: expected `ingest <token>`"));
  auto short_token = AccessTokens::Parse("# header\nread abc\n", "tokens");
  EXPECT_THAT(short_token.status().message(), HasSubstr("tokens line 2: a token is 16 to 512"));
  auto spaced = AccessTokens::Parse("read two words-0123456789abcdef\n", "tokens");
  EXPECT_FALSE(spaced.ok());
  auto empty = AccessTokens::Parse("# nothing yet\n", "tokens");
  EXPECT_THAT(empty.status().message(), HasSubstr("holds no token"));
  EXPECT_TRUE(absl::IsNotFound(AccessTokens::LoadFile("/nonexistent/tokens").status()));
}

TEST(AccessTokensTest, HasScopeIsExact) {
  auto ingest_only = AccessTokens::Parse("ingest ingest-token-0123456789\n", "tokens");
  ASSERT_TRUE(ingest_only.ok());
  EXPECT_TRUE(ingest_only->HasScope(TokenScope::kIngest));
  EXPECT_FALSE(ingest_only->HasScope(TokenScope::kRead));
}

// A rotated Secret lands as a new file under the same name: the next check reads it; a
// broken one keeps the tokens that work.
TEST(TokenStoreTest, AChangedFileIsReadAgainAndABrokenOneIgnored) {
  std::string path = ::testing::TempDir() + "/dossier-tokens-" + std::to_string(getpid());
  auto write = [&](const std::string& text) {
    std::string next = path + ".next";
    std::ofstream(next) << text;
    std::rename(next.c_str(), path.c_str());
  };
  write("read first-token-0123456789\n");
  auto store = TokenStore::Watch(path, std::chrono::milliseconds(0));
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_TRUE((*store)->Current()->Authorize("Bearer first-token-0123456789", TokenScope::kRead).ok());

  write("read second-token-0123456789\n");
  auto rotated = (*store)->Current();
  EXPECT_TRUE(rotated->Authorize("Bearer second-token-0123456789", TokenScope::kRead).ok());
  EXPECT_TRUE(absl::IsUnauthenticated(rotated->Authorize("Bearer first-token-0123456789", TokenScope::kRead)));

  write("read short\n");
  EXPECT_TRUE((*store)->Current()->Authorize("Bearer second-token-0123456789", TokenScope::kRead).ok());
  std::remove(path.c_str());
  EXPECT_TRUE((*store)->Current()->Authorize("Bearer second-token-0123456789", TokenScope::kRead).ok());
}

TEST(TokenStoreTest, ChecksNoMoreOftenThanAsked) {
  std::string path = ::testing::TempDir() + "/dossier-tokens-slow-" + std::to_string(getpid());
  std::ofstream(path) << "read first-token-0123456789\n";
  auto store = TokenStore::Watch(path, std::chrono::hours(1));
  ASSERT_TRUE(store.ok()) << store.status();
  std::ofstream(path, std::ios::trunc) << "read second-token-0123456789-longer\n";
  EXPECT_TRUE((*store)->Current()->Authorize("Bearer first-token-0123456789", TokenScope::kRead).ok());
  std::remove(path.c_str());
}

}  // namespace
}  // namespace dossier
