#pragma once

#include <string>
#include <vector>

#include "engine/extraction.h"

namespace dossier::engine {

/// The key reports of one event share across articles: its type, modality, participants
/// (role and entity key) and day.
std::string EventMergeKey(const ExtractedEvent& event, const std::vector<ExtractedEntity>& entities);

}  // namespace dossier::engine
