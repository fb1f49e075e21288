#pragma once

#include <string>
#include <string_view>

namespace dossier {

/// Lower-case hex of `bytes`.
std::string HexEncode(std::string_view bytes);

/// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

}  // namespace dossier
