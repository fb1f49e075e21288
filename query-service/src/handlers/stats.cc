#include "dossier/common/status.h"
#include "handlers/query_service.h"

namespace dossier::query {

grpc::Status QueryServiceImpl::GetStoreStats(grpc::ServerContext* context, const v1::GetStoreStatsRequest* request,
                                             v1::GetStoreStatsResponse* response) {
  return calls_.Unary(context, "GetStoreStats", [&](const CallGuard::Call& call) -> grpc::Status {
    auto stats = repository_.GetStoreStats(call.deadline());
    if (!stats.ok()) return ToGrpcStatus(stats.status());
    *response = *std::move(stats);
    return grpc::Status::OK;
  });
}

}  // namespace dossier::query
