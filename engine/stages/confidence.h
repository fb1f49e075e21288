#pragma once

// The confidence the stages give what they find, by how they found it.
namespace dossier::engine {

// Mentions.
inline constexpr double kCountryConfidence = 0.95;
inline constexpr double kTitledPersonConfidence = 0.9;
inline constexpr double kKeywordOrganizationConfidence = 0.85;
inline constexpr double kCoreferenceConfidence = 0.8;
inline constexpr double kDemonymConfidence = 0.7;
inline constexpr double kRecognizedNameConfidence = 0.7;
inline constexpr double kGazetteerCityConfidence = 0.85;

// Relationships inferred from the whole article or known from the gazetteers.
inline constexpr double kInferredOfficeConfidence = 0.5;
inline constexpr double kGazetteerFactConfidence = 0.6;

}  // namespace dossier::engine
