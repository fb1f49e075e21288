#pragma once

#include "engine/doc.h"
#include "engine/extraction.h"

namespace dossier::engine {

/// The facts of an analysed Doc: one entity per cluster with its cross-article key, mentions,
/// events with their merge keys, relationships (each sentence's in text order, then the
/// article-wide ones), roles and sentences. A name read as two types in different sentences
/// ("in Cabo Delgado", "Cabo Delgado was ...") becomes one entity, the reading with the
/// strongest mention winning.
Extraction Resolve(const Doc& doc);

}  // namespace dossier::engine
