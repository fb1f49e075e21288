#pragma once

#include <google/protobuf/message.h>
#include <google/protobuf/timestamp.pb.h>
#include <grpcpp/grpcpp.h>

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/common/enum_labels.h"

namespace dossierctl {

using dossier::EnumLabel;
using dossier::ParseEnumLabel;

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

/// Prints a failed call as "error: CODE: message" and returns the exit code for it.
int ReportError(const grpc::Status& status);

}  // namespace dossierctl
