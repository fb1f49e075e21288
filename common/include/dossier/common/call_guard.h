#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "dossier/common/access_tokens.h"
#include "dossier/common/config.h"
#include "dossier/common/metrics.h"
#include "dossier/common/transaction.h"

namespace dossier {

/// The rules every RPC of one service is held to.
struct CallPolicy {
  /// Full service name, e.g. "dossier.v1.IngestService", for metrics and logs.
  std::string service;
  /// The tokens the service accepts; null accepts every caller.
  std::shared_ptr<TokenStore> tokens;
  /// The scope a call's token must allow; nullopt accepts every caller.
  std::optional<TokenScope> required_scope;
  /// Bounds the database work of a call whose client set no deadline (for a stream: of
  /// each message it handles).
  std::chrono::milliseconds default_deadline = std::chrono::seconds(30);
};

/// What every handler of a service runs through: the bearer token check, a request id
/// (returned in the `x-request-id` response header), the deadline, one access log line and
/// the per-method metrics. Health and reflection do not pass through it and stay open.
class CallGuard {
 public:
  /// `metrics` may be null (no metrics); it must outlive the guard.
  CallGuard(CallPolicy policy, Metrics* metrics);

  /// One call in progress, as a handler sees it.
  class Call {
   public:
    const std::string& request_id() const { return request_id_; }
    /// The client's deadline, or else the policy's default: counted from the call's start
    /// for a unary call, from now for a message of a stream.
    Deadline deadline() const;

   private:
    friend class CallGuard;
    std::string request_id_;
    Deadline client_deadline_;
    std::chrono::system_clock::time_point started_;
    std::chrono::milliseconds default_deadline_{};
    bool streaming_ = false;
  };

  using Body = std::function<grpc::Status(const Call&)>;

  /// Runs a unary handler's body once the caller is authorized. An exception that escapes
  /// the body is a bug, never the caller's fault: it is logged with the method and the
  /// request id, the client gets INTERNAL naming that id, and the server keeps serving.
  /// (gRPC would answer UNKNOWN, "Unexpected error in RPC handling", and log nothing.)
  grpc::Status Unary(grpc::ServerContext* context, std::string_view method, const Body& body) const {
    return Run(context, method, /*streaming=*/false, body);
  }
  /// The same for a streaming handler.
  grpc::Status Streaming(grpc::ServerContext* context, std::string_view method, const Body& body) const {
    return Run(context, method, /*streaming=*/true, body);
  }

  const CallPolicy& policy() const { return policy_; }

 private:
  grpc::Status Run(grpc::ServerContext* context, std::string_view method, bool streaming, const Body& body) const;

  const CallPolicy policy_;
  Metrics* const metrics_;
};

/// The policy `config` sets for a service whose calls need `scope`: its default deadline,
/// and the tokens of config.tokens_file, watched for changes. Without a tokens file a service
/// whose tokens are `required` refuses to start unless config.allow_unauthenticated; an
/// optional scope is enforced only when the file holds a token of exactly that scope at start.
absl::StatusOr<CallPolicy> CallPolicyFrom(const ServiceConfig& config, std::string service, TokenScope scope,
                                          bool required);

/// The call's request id: the client's `x-request-id` header when it sent a usable one (up
/// to 64 letters, digits, '-' or '_'), else a fresh random one.
std::string RequestIdOf(const grpc::ServerContext* context);

}  // namespace dossier
