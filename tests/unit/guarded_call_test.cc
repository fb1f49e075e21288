#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>

#include "dossier/common/server.h"

namespace dossier {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

// A handler body's own status passes through untouched.
TEST(GuardedCallTest, PassesTheBodysStatusThrough) {
  grpc::ServerContext context;
  grpc::Status status = GuardedCall(
      &context, "GetEntity", [] { return grpc::Status(grpc::StatusCode::NOT_FOUND, "entity 7 does not exist"); });
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "entity 7 does not exist");
}

// An exception that escapes is INTERNAL with the RPC's name and a request id to quote, not
// gRPC's UNKNOWN "Unexpected error in RPC handling".
TEST(GuardedCallTest, AnEscapingExceptionIsInternalWithARequestId) {
  grpc::ServerContext context;
  grpc::Status status = GuardedCall(&context, "IngestArticle", []() -> grpc::Status {
    throw std::runtime_error("[json.exception.type_error.302] type must be string, but is array");
  });
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_THAT(status.error_message(), MatchesRegex("internal error in IngestArticle \\(request id [0-9a-f]{16}\\).*"));
  grpc::ServerContext other;
  grpc::Status thrown_int = GuardedCall(&other, "ListEvents", []() -> grpc::Status { throw 42; });
  EXPECT_EQ(thrown_int.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_THAT(thrown_int.error_message(), HasSubstr("ListEvents"));
}

TEST(GuardedCallTest, FreshRequestIdsDiffer) {
  grpc::ServerContext first, second;
  EXPECT_NE(RequestIdOf(&first), RequestIdOf(&second));
  EXPECT_EQ(RequestIdOf(&first).size(), 16u);
}

}  // namespace
}  // namespace dossier
