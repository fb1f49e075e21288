#pragma once

#include <absl/status/status.h>

#include <string>

#include "engine/normalize/normalizer.h"

namespace dossier::eval {

/// How the normalizer copes with real pages in another charset: each WCXB page in `dir` is
/// re-encoded from UTF-8 into `charset` (characters it cannot hold become its substitute)
/// and normalized twice, once with its charset declaration rewritten to name `charset` and
/// once with every declaration removed (ICU's guess decides). Prints mean F1 of each
/// against the gold beside the UTF-8 original, and on how many pages each gives the same
/// words (WcxbTokens) as the original, counting apart the pages `charset` cannot hold whole.
absl::Status ScoreWcxbReencoded(const std::string& dir, const engine::Normalizer& normalizer,
                                const std::string& charset);

}  // namespace dossier::eval
