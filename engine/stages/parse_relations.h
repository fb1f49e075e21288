#pragma once

#include <cstddef>

#include "engine/doc.h"

namespace dossier::engine {

/// Relationships one sentence's parse states between its named mentions:
/// - a noun in apposition or as a copula's predicate: "Mali, Burkina Faso and Niger, members
///   of the Alliance of Sahel States" (MEMBER_OF, for each conjunct), "JNIM, al-Qaeda's
///   affiliate in the Sahel" (AFFILIATED_WITH; also branch, wing, offshoot), "X is an ally
///   of Y" (ALLIED_WITH), "X, a partner of Y" (PARTNER_OF);
/// - a verb or adjective: "X is allied with Y", "X partnered with Y", "X operates in Y"
///   (OPERATES_IN, Y a place).
void AddRelationsFromParse(Doc& doc, size_t sentence);

}  // namespace dossier::engine
