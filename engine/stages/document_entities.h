#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/doc.h"

namespace dossier::engine {

/// The cluster of the gazetteer entry with this id ("iso3166-1-alpha2", "NE"), if the
/// article names it.
std::optional<size_t> FindGazetteerCluster(const Doc& doc, std::string_view scheme, std::string_view id);

/// ISO alpha-2 code of the country a gazetteer city or subdivision lies in; empty for
/// other clusters.
std::string GazetteerCountryOf(const Cluster& cluster);

/// The cluster of this type (and organisation kind, unless UNSPECIFIED) that the article
/// mentions most, if it dominates: at least three mentions and more than twice as many as
/// any other.
std::optional<size_t> DominantCluster(const Doc& doc, v1::EntityType type, v1::OrganizationKind kind);

/// The country the article is about. Mentions of its cities and subdivisions count for it
/// ("Asunción", "Chaco"), and the country of the dateline ("ASUNCIÓN, Paraguay —") wins
/// when no other country counts more.
std::optional<size_t> DominantCountry(const Doc& doc);

}  // namespace dossier::engine
