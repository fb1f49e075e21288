#pragma once

#include <string>

#include "engine/doc.h"

namespace dossier::engine {

/// The key that identifies a cluster's entity across articles: its type and gazetteer id
/// ("country:NE", "city:2440485", "admin_area:MZ-P"), else its type and folded name
/// ("person:salif kone").
std::string EntityKey(const Cluster& cluster);

}  // namespace dossier::engine
