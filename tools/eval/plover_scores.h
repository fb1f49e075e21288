#pragma once

#include <absl/status/status.h>

#include <string>

#include "engine/extractor.h"
#include "engine/lexicon/lexicon.h"

namespace dossier::eval {

/// Scores events on the PLOVER gold-standard records (../shared/corpora/events/plover): each
/// record's sentence is extracted as an article; our events' CAMEO codes are mapped to PLOVER
/// categories with the CAMEO2PLOVER table beside the file (the code, else its root); a
/// participant names a gold actor when its country has the actor's ISO alpha-3 code or its
/// name or words share a word with the actor's text. Prints precision, recall and F1 for the
/// category alone, with the source (our agent), and with source and target (our target or
/// co-participant; records without a target need none). With `verbose`, every record with
/// its sentence, gold actors and our events.
///
/// The records have no split: odd record numbers are the dev part (rules are tuned looking
/// at them), even ones the test part (only reported).
enum class PloverPart { kAll, kDev, kTest };
absl::Status ScorePlover(const std::string& path, const engine::Extractor& extractor, const engine::Lexicon& lexicon,
                         PloverPart part, bool verbose);

}  // namespace dossier::eval
