#include "engine/resolve/entity_keys.h"

#include <string_view>

#include "engine/normalize/text.h"

namespace dossier::engine {
namespace {

std::string_view TypeKeyName(v1::EntityType type) {
  switch (type) {
    case v1::ENTITY_TYPE_PERSON:
      return "person";
    case v1::ENTITY_TYPE_ORGANIZATION:
      return "organization";
    case v1::ENTITY_TYPE_COUNTRY:
      return "country";
    case v1::ENTITY_TYPE_ADMIN_AREA:
      return "admin_area";
    case v1::ENTITY_TYPE_CITY:
      return "city";
    case v1::ENTITY_TYPE_REGION:
      return "region";
    case v1::ENTITY_TYPE_FACILITY:
      return "facility";
    default:
      return "unknown";
  }
}

}  // namespace

std::string EntityKey(const Cluster& cluster) {
  std::string_view type = TypeKeyName(cluster.type);
  std::string id = cluster.gazetteer_ids.empty() ? FoldForMatching(cluster.name) : cluster.gazetteer_ids.front().second;
  std::string key;
  key.reserve(type.size() + 1 + id.size());
  key.append(type).append(":").append(id);
  return key;
}

}  // namespace dossier::engine
