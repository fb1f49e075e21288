#include "dossier/common/call_guard.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

namespace dossier {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

CallGuard OpenGuard(Metrics* metrics = nullptr) { return CallGuard(CallPolicy{"dossier.v1.TestService"}, metrics); }

// A handler body's own status passes through untouched.
TEST(CallGuardTest, PassesTheBodysStatusThrough) {
  grpc::ServerContext context;
  grpc::Status status = OpenGuard().Unary(&context, "GetEntity", [](const CallGuard::Call&) {
    return grpc::Status(grpc::StatusCode::NOT_FOUND, "entity 7 does not exist");
  });
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "entity 7 does not exist");
}

// An exception that escapes is INTERNAL with the RPC's name and a request id to quote, not
// gRPC's UNKNOWN "Unexpected error in RPC handling".
TEST(CallGuardTest, AnEscapingExceptionIsInternalWithARequestId) {
  CallGuard guard = OpenGuard();
  grpc::ServerContext context;
  grpc::Status status = guard.Unary(&context, "IngestArticle", [](const CallGuard::Call&) -> grpc::Status {
    throw std::runtime_error("[json.exception.type_error.302] type must be string, but is array");
  });
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_THAT(status.error_message(), MatchesRegex("internal error in IngestArticle \\(request id [0-9a-f]{16}\\).*"));
  grpc::ServerContext other;
  grpc::Status thrown_int = guard.Unary(&other, "ListEvents", [](const CallGuard::Call&) -> grpc::Status { throw 42; });
  EXPECT_EQ(thrown_int.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_THAT(thrown_int.error_message(), HasSubstr("ListEvents"));
}

TEST(CallGuardTest, FreshRequestIdsDiffer) {
  grpc::ServerContext first, second;
  EXPECT_NE(RequestIdOf(&first), RequestIdOf(&second));
  EXPECT_EQ(RequestIdOf(&first).size(), 16u);
}

// Without a client deadline a unary call's database work is bounded from the call's start,
// each message of a stream from when it is handled.
TEST(CallGuardTest, ACallWithoutClientDeadlineGetsThePolicysDefault) {
  CallPolicy policy{"dossier.v1.TestService"};
  policy.default_deadline = std::chrono::seconds(7);
  CallGuard guard(policy, nullptr);
  grpc::ServerContext unary_context, stream_context;
  Deadline unary, first_message, later_message;
  auto before = std::chrono::system_clock::now();
  guard.Unary(&unary_context, "GetEvent", [&](const CallGuard::Call& call) {
    unary = call.deadline();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(call.deadline(), unary);
    return grpc::Status::OK;
  });
  guard.Streaming(&stream_context, "IngestArticles", [&](const CallGuard::Call& call) {
    first_message = call.deadline();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    later_message = call.deadline();
    return grpc::Status::OK;
  });
  ASSERT_TRUE(unary && first_message && later_message);
  EXPECT_GE(*unary, before + std::chrono::seconds(7));
  EXPECT_LT(*unary, std::chrono::system_clock::now() + std::chrono::seconds(7));
  EXPECT_GE(*later_message - *first_message, std::chrono::milliseconds(20));
}

// A call without a token never reaches the handler of a service that asks for one.
TEST(CallGuardTest, ACallWithoutTokenIsUnauthenticatedAndTheBodyNeverRuns) {
  CallPolicy policy{"dossier.v1.IngestService"};
  auto tokens = AccessTokens::Parse("ingest 0123456789abcdef0123\n", "test");
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  policy.tokens = std::make_shared<TokenStore>(*tokens);
  policy.required_scope = TokenScope::kIngest;
  Metrics metrics;
  CallGuard guard(policy, &metrics);
  grpc::ServerContext context;
  bool ran = false;
  grpc::Status status = guard.Unary(&context, "IngestArticle", [&](const CallGuard::Call&) {
    ran = true;
    return grpc::Status::OK;
  });
  EXPECT_FALSE(ran);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(status.error_message(), HasSubstr("authorization: Bearer"));
  EXPECT_THAT(metrics.Scrape(),
              HasSubstr("dossier_rpc_requests_total{code=\"UNAUTHENTICATED\",method=\"IngestArticle\","
                        "service=\"dossier.v1.IngestService\"} 1"));
}

TEST(CallGuardTest, EveryCallIsCountedByMethodAndCodeAndTimed) {
  Metrics metrics;
  CallGuard guard = OpenGuard(&metrics);
  for (int i = 0; i < 3; ++i) {
    grpc::ServerContext context;
    guard.Unary(&context, "GetEvent", [](const CallGuard::Call&) { return grpc::Status::OK; });
  }
  grpc::ServerContext context;
  guard.Unary(&context, "GetEvent",
              [](const CallGuard::Call&) { return grpc::Status(grpc::StatusCode::NOT_FOUND, "no such event"); });
  std::string scraped = metrics.Scrape();
  EXPECT_THAT(scraped, HasSubstr("dossier_rpc_requests_total{code=\"OK\",method=\"GetEvent\",service=\"dossier.v1."
                                 "TestService\"} 3"));
  EXPECT_THAT(scraped, HasSubstr("dossier_rpc_requests_total{code=\"NOT_FOUND\",method=\"GetEvent\",service="
                                 "\"dossier.v1.TestService\"} 1"));
  EXPECT_THAT(scraped, HasSubstr("dossier_rpc_duration_seconds_count{method=\"GetEvent\",service=\"dossier.v1."
                                 "TestService\"} 4"));
}

}  // namespace
}  // namespace dossier
