#pragma once

#include <absl/status/status.h>
#include <grpcpp/support/status.h>

#include <exception>
#include <string_view>

namespace dossier {

/// Converts a domain status to the gRPC status sent to the client (codes map 1:1).
grpc::Status ToGrpcStatus(const absl::Status& status);

/// Maps an exception thrown while talking to PostgreSQL to a status: a dropped connection is
/// UNAVAILABLE, a cancelled statement (statement_timeout) DEADLINE_EXCEEDED, anything else
/// INTERNAL, logged with its SQLSTATE. `what` names the operation for the message.
absl::Status DatabaseErrorToStatus(std::exception_ptr error, std::string_view what);

}  // namespace dossier
