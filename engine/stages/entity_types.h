#pragma once

#include "dossier/v1/entity.pb.h"
#include "engine/doc.h"

namespace dossier::engine {

/// Countries, cities, subdivisions, regions and facilities.
inline bool IsPlace(v1::EntityType type) {
  return type == v1::ENTITY_TYPE_COUNTRY || type == v1::ENTITY_TYPE_CITY || type == v1::ENTITY_TYPE_ADMIN_AREA ||
         type == v1::ENTITY_TYPE_REGION || type == v1::ENTITY_TYPE_FACILITY;
}

/// A place that is only a place: a country also acts ("Kenya agreed") and owns offices.
inline bool IsPlaceOtherThanCountry(v1::EntityType type) { return IsPlace(type) && type != v1::ENTITY_TYPE_COUNTRY; }

/// Entities in which a person can hold a role.
inline bool CanHoldOffices(v1::EntityType type) {
  return type == v1::ENTITY_TYPE_COUNTRY || type == v1::ENTITY_TYPE_ORGANIZATION || type == v1::ENTITY_TYPE_CITY ||
         type == v1::ENTITY_TYPE_ADMIN_AREA;
}

/// True when the cluster has this type and, unless `kind` is UNSPECIFIED, this organisation kind.
inline bool IsOfKind(const Cluster& cluster, v1::EntityType type, v1::OrganizationKind kind) {
  return cluster.type == type && (kind == v1::ORGANIZATION_KIND_UNSPECIFIED || cluster.organization_kind == kind);
}

}  // namespace dossier::engine
