#pragma once

#include <google/protobuf/descriptor.h>

#include <optional>
#include <string>
#include <string_view>

// Short labels for dossier.v1 enum values, as people type and read them: EVENT_TYPE_MEET is
// "meet", RELATIONSHIP_PREDICATE_HOLDS_ROLE is "holds_role".
namespace dossier {

/// The prefix every value name of the enum carries ("EVENT_TYPE_"); each of our enums has
/// PREFIX_UNSPECIFIED as zero.
std::string EnumPrefix(const google::protobuf::EnumDescriptor* descriptor);

/// The lower-case label of a value; the number itself for a value the enum does not know.
std::string EnumLabel(const google::protobuf::EnumDescriptor* descriptor, int value);

/// The value a label names ("meet", "holds-role"); nullopt if none or UNSPECIFIED.
std::optional<int> ParseEnumLabel(const google::protobuf::EnumDescriptor* descriptor, std::string_view label);

}  // namespace dossier
