#include "dossier/common/enum_labels.h"

#include <cctype>

#include "dossier/common/strings.h"

namespace dossier {

std::string EnumPrefix(const google::protobuf::EnumDescriptor* descriptor) {
  std::string zero = descriptor->FindValueByNumber(0)->name();
  return zero.substr(0, zero.size() - std::string_view("UNSPECIFIED").size());
}

std::string EnumLabel(const google::protobuf::EnumDescriptor* descriptor, int value) {
  const auto* enum_value = descriptor->FindValueByNumber(value);
  if (!enum_value) return std::to_string(value);
  return strings::ToLowerAscii(std::string_view(enum_value->name()).substr(EnumPrefix(descriptor).size()));
}

std::optional<int> ParseEnumLabel(const google::protobuf::EnumDescriptor* descriptor, std::string_view label) {
  std::string name = EnumPrefix(descriptor);
  for (char c : label) name.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  const auto* value = descriptor->FindValueByName(name);
  if (!value || value->number() == 0) return std::nullopt;
  return value->number();
}

}  // namespace dossier
