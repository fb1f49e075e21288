#include "engine/normalize/url.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace dossier::engine {
namespace {

using ::testing::HasSubstr;

TEST(CanonicalizeUrl, DropsTrackingParametersFragmentAndDefaultPort) {
  auto url =
      CanonicalizeUrl("article.url", "HTTPS://News.Example:443/a/b?utm_source=x&id=7&fbclid=abc&ref=home#comments");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(*url, "https://news.example/a/b?id=7");
}

TEST(CanonicalizeUrl, KeepsPathCaseAndAddsRootPath) {
  EXPECT_EQ(*CanonicalizeUrl("u", "http://example.org"), "http://example.org/");
  EXPECT_EQ(*CanonicalizeUrl("u", "http://example.org/Story/ABC"), "http://example.org/Story/ABC");
}

TEST(CanonicalizeUrl, RejectsNonHttpAndMalformedUrlsNamingTheField) {
  for (const char* bad :
       {"", "ftp://example.org/x", "example.org/x", "http:///x", "http://exa mple.org/", "https://user@example.org/"}) {
    auto url = CanonicalizeUrl("article.url", bad);
    ASSERT_FALSE(url.ok()) << bad;
    EXPECT_EQ(url.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(std::string(url.status().message()), HasSubstr("article.url")) << bad;
  }
}

TEST(HostOf, StripsWww) { EXPECT_EQ(HostOf("https://www.sahel.example/x"), "sahel.example"); }

}  // namespace
}  // namespace dossier::engine
