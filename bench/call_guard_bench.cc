// What the CallGuard costs each call: a request id, the optional token check, metrics and
// the access log, around a body that does nothing. Run with stderr to /dev/null:
//   build/bench/call_guard_bench 2>/dev/null
#include <benchmark/benchmark.h>
#include <spdlog/spdlog.h>

#include "dossier/common/call_guard.h"
#include "dossier/common/logging.h"

namespace dossier {
namespace {

enum Feature : int { kMetrics = 1, kAccessLog = 2, kTokens = 4 };

void BM_CallGuardUnary(benchmark::State& state) {
  int features = static_cast<int>(state.range(0));
  static const bool logging_ready = [] {
    InitLogging("call-guard-bench", "info", LogFormat::kJson);
    return true;
  }();
  benchmark::DoNotOptimize(logging_ready);
  spdlog::set_level(features & kAccessLog ? spdlog::level::info : spdlog::level::warn);
  CallPolicy policy{"dossier.v1.BenchService"};
  if (features & kTokens) {
    // No token is sent, so this measures the refusal path: digest and compare of a
    // missing header are skipped; see BM_AuthorizeToken for the digest itself.
    policy.tokens = std::make_shared<TokenStore>(*AccessTokens::Parse("read bench-token-0123456789\n", "bench"));
    policy.required_scope = TokenScope::kRead;
  }
  Metrics metrics;
  CallGuard guard(policy, features & kMetrics ? &metrics : nullptr);
  for (auto _ : state) {
    grpc::ServerContext context;
    grpc::Status status = guard.Unary(&context, "GetEntity", [](const CallGuard::Call& call) {
      benchmark::DoNotOptimize(call.deadline());
      return grpc::Status::OK;
    });
    benchmark::DoNotOptimize(status);
  }
  state.SetLabel(std::string(features & kMetrics ? "metrics " : "") + (features & kAccessLog ? "access-log " : "") +
                 (features & kTokens ? "token-refused" : ""));
}
BENCHMARK(BM_CallGuardUnary)->Arg(0)->Arg(kMetrics)->Arg(kAccessLog)->Arg(kMetrics | kAccessLog)->Arg(kTokens);

// The token check of an authorized call: SHA-256 of the presented token and a
// constant-time compare with each of 4 configured tokens.
void BM_AuthorizeToken(benchmark::State& state) {
  auto tokens = AccessTokens::Parse(
      "ingest ingest-token-0123456789\nread read-token-0123456789\nread read-token-abcdefghij\n"
      "read read-token-klmnopqrst\n",
      "bench");
  for (auto _ : state) {
    benchmark::DoNotOptimize(tokens->Authorize("Bearer read-token-klmnopqrst", TokenScope::kRead));
  }
}
BENCHMARK(BM_AuthorizeToken);

}  // namespace
}  // namespace dossier

BENCHMARK_MAIN();
