#include "dossier/common/call_guard.h"

#include <absl/strings/str_cat.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <random>

#include "dossier/common/logging.h"
#include "dossier/common/status.h"
#include "dossier/common/strings.h"

namespace dossier {
namespace {

std::optional<std::string_view> HeaderOf(const grpc::ServerContext* context, std::string_view name) {
  auto found = context->client_metadata().find(grpc::string_ref(name.data(), name.size()));
  if (found == context->client_metadata().end()) return std::nullopt;
  return std::string_view(found->second.data(), found->second.size());
}

}  // namespace

std::string RequestIdOf(const grpc::ServerContext* context) {
  constexpr size_t kMaxRequestIdBytes = 64;
  auto sent = HeaderOf(context, "x-request-id");
  bool usable = sent && !sent->empty() && sent->size() <= kMaxRequestIdBytes &&
                std::all_of(sent->begin(), sent->end(),
                            [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; });
  if (usable) return std::string(*sent);
  thread_local std::mt19937_64 random(std::random_device{}());
  return absl::StrCat(absl::Hex(random(), absl::kZeroPad16));
}

absl::StatusOr<CallPolicy> CallPolicyFrom(const ServiceConfig& config, std::string service, TokenScope scope,
                                          bool required) {
  CallPolicy policy;
  policy.service = std::move(service);
  policy.default_deadline = std::chrono::seconds(config.default_deadline_seconds);
  if (config.tokens_file.empty()) {
    if (required && !config.allow_unauthenticated) {
      return absl::FailedPreconditionError(
          strings::Cat(policy.service,
                       " needs bearer tokens: set --tokens-file (DOSSIER_TOKENS_FILE) to a file with a "
                       "line `",
                       ScopeName(scope), " <token>`, or pass --allow-unauthenticated on a private test setup"));
    }
    return policy;
  }
  auto tokens = TokenStore::Watch(config.tokens_file, std::chrono::seconds(config.tokens_reload_seconds));
  if (!tokens.ok()) return tokens.status();
  if (required || (*tokens)->Current()->HasScope(scope)) policy.required_scope = scope;
  policy.tokens = *std::move(tokens);
  return policy;
}

Deadline CallGuard::Call::deadline() const {
  if (client_deadline_) return client_deadline_;
  return (streaming_ ? std::chrono::system_clock::now() : started_) + default_deadline_;
}

CallGuard::CallGuard(CallPolicy policy, Metrics* metrics) : policy_(std::move(policy)), metrics_(metrics) {}

grpc::Status CallGuard::Run(grpc::ServerContext* context, std::string_view method, bool streaming,
                            const Body& body) const {
  auto started = std::chrono::steady_clock::now();
  Call call;
  call.request_id_ = RequestIdOf(context);
  call.started_ = std::chrono::system_clock::now();
  call.default_deadline_ = policy_.default_deadline;
  call.streaming_ = streaming;
  if (context->deadline() != std::chrono::system_clock::time_point::max()) call.client_deadline_ = context->deadline();
  context->AddInitialMetadata("x-request-id", call.request_id_);

  grpc::Status status;
  absl::Status authorized = absl::OkStatus();
  if (policy_.tokens && policy_.required_scope) {
    authorized = policy_.tokens->Current()->Authorize(HeaderOf(context, "authorization"), *policy_.required_scope);
  }
  if (!authorized.ok()) {
    status = ToGrpcStatus(authorized);
  } else {
    std::string escaped;
    try {
      status = body(call);
    } catch (const std::exception& e) {
      escaped = e.what();
    } catch (...) {
      escaped = "an exception that is not a std::exception";
    }
    if (!escaped.empty()) {
      Log(spdlog::level::err, "rpc_failed", {{"method", method}, {"request_id", call.request_id_}, {"error", escaped}});
      status = grpc::Status(grpc::StatusCode::INTERNAL,
                            strings::Cat("internal error in ", method, " (request id ", call.request_id_,
                                         "); it was logged, and the service goes on serving"));
    }
  }
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  if (metrics_) metrics_->CountRpc(policy_.service, method, status.error_code(), took);
  auto level = status.error_code() == grpc::StatusCode::INTERNAL ? spdlog::level::err : spdlog::level::info;
  auto code = absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code()));
  double ms = std::round(took.count() * 1e4) / 10;
  std::string error = status.error_message();
  Log(level, "rpc",
      {{"grpc_service", policy_.service},
       {"method", method},
       {"request_id", call.request_id_},
       {"code", code},
       {"ms", ms},
       {"peer", context->peer()},
       {"error", status.ok() ? nlohmann::ordered_json() : nlohmann::ordered_json(error)}});
  return status;
}

}  // namespace dossier
