#pragma once

#include <absl/status/status.h>

#include <string>

#include "engine/extractor.h"

namespace dossier::eval {

/// Trigger and argument recall on GENEVA (../shared/corpora/events/geneva, OneIE JSON
/// lines) for the event types we share with it: Attack, Hostile_encounter, Killing and
/// Terrorism (our attack, fight, assault, abduct and mass-violence types), Arrest,
/// Sign_agreement, Traveling and Arriving (visit), Protest, Request (appeal, demand) and
/// Statement. Each sentence (its tokens joined by spaces) is extracted as an article. A gold
/// trigger is found when one of our events of a mapped type has its trigger on the gold
/// trigger's words; a gold argument of a found event when a participant of that event
/// overlaps its words. Prints recall per GENEVA type and in all.
absl::Status ScoreGeneva(const std::string& path, const engine::Extractor& extractor);

}  // namespace dossier::eval
