#pragma once

#include <cstdint>
#include <vector>

#include "engine/normalize/article.h"

namespace dossier::bench {

/// A deterministic corpus of news-style articles for the engine benchmarks: wire-style
/// sentences about named people, countries, cities and organisations (meetings, attacks,
/// statements, aid, sanctions, dates), with the page furniture real pages carry (share bars,
/// "See also" lists, comment sections; navigation, scripts and JSON-LD in HTML). The same
/// seed gives the same corpus; no text is copied from anywhere.
std::vector<engine::RawDocument> GenerateCorpus(size_t articles, bool html, uint64_t seed = 2026);

}  // namespace dossier::bench
