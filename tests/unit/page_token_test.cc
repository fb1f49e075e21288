#include "paging/page_token.h"

#include <gtest/gtest.h>

#include "dossier/v1/query_service.pb.h"

namespace dossier::query {
namespace {

TEST(PageToken, RoundTripsKeysetForTheSameFilters) {
  PageTokenCodec codec("key");
  v1::SearchEntitiesRequest request;
  request.set_query("kone");
  std::string token = codec.Encode(request, {"2.5", "42"});
  request.set_page_token(token);
  request.set_page_size(7);  // page size is not part of the binding
  auto keyset = codec.Decode(request, token);
  ASSERT_TRUE(keyset.ok()) << keyset.status();
  EXPECT_EQ(*keyset, (std::vector<std::string>{"2.5", "42"}));
}

TEST(PageToken, RejectsOtherFiltersTamperingAndOtherKeys) {
  PageTokenCodec codec("key");
  v1::SearchEntitiesRequest request;
  request.set_query("kone");
  std::string token = codec.Encode(request, {"1", "2"});

  v1::SearchEntitiesRequest other = request;
  other.set_query("boateng");
  EXPECT_EQ(codec.Decode(other, token).status().code(), absl::StatusCode::kInvalidArgument);

  std::string tampered = token;
  tampered[3] = tampered[3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(codec.Decode(request, tampered).status().code(), absl::StatusCode::kInvalidArgument);

  EXPECT_EQ(PageTokenCodec("other-key").Decode(request, token).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(codec.Decode(request, "not-a-token").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(codec.Decode(request, "")->empty());
}

TEST(PageToken, TokensDoNotCrossRpcs) {
  PageTokenCodec codec("key");
  v1::ListMentionsRequest mentions;
  std::string token = codec.Encode(mentions, {"5"});
  v1::ListRelationshipsRequest relationships;
  EXPECT_FALSE(codec.Decode(relationships, token).ok());
}

TEST(ResolvePageSize, DefaultsClampsAndRejectsNegative) {
  EXPECT_EQ(*ResolvePageSize(0), kDefaultPageSize);
  EXPECT_EQ(*ResolvePageSize(7), 7);
  EXPECT_EQ(*ResolvePageSize(5000), kMaxPageSize);
  EXPECT_EQ(ResolvePageSize(-1).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace dossier::query
