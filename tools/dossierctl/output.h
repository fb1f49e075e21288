#pragma once

#include <google/protobuf/message.h>
#include <google/protobuf/timestamp.pb.h>
#include <grpcpp/grpcpp.h>

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dossierctl {

/// Rows of text printed as aligned columns under a header.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : rows_{std::move(header)} {}
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void Print(std::ostream& out) const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

/// The proto3 JSON mapping of `message`, indented.
std::string ToJson(const google::protobuf::Message& message);

/// "2025-03-12" (or "2025-03-12T08:30:00Z" with time), "-" when unset.
std::string FormatTime(const google::protobuf::Timestamp& time, bool with_time = false);

/// An enum value without its type prefix, lower case: EVENT_TYPE_MEET -> "meet".
std::string EnumLabel(const google::protobuf::EnumDescriptor* descriptor, int value);

/// "EVENT_TYPE_" for EventType: the prefix every value name carries.
std::string EnumPrefix(const google::protobuf::EnumDescriptor* descriptor);

/// The value a label names ("meet" -> EVENT_TYPE_MEET); nullopt if none (or UNSPECIFIED).
std::optional<int> ParseEnumLabel(const google::protobuf::EnumDescriptor* descriptor, std::string_view label);

/// Prints a failed call as "error: CODE: message" and returns the exit code for it.
int ReportError(const grpc::Status& status);

}  // namespace dossierctl
