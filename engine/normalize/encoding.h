#pragma once

#include <string>
#include <string_view>

namespace dossier::engine {

/// A page's bytes as UTF-8, whatever they were written in. The encoding is, in this order:
/// a byte-order mark; UTF-8 when the bytes are valid UTF-8; the charset the page declares
/// (`<meta charset>` or `http-equiv` Content-Type in its first 4 KB; "iso-8859-1" is read as
/// windows-1252, as browsers do); else ICU's guess. Bytes the encoding cannot map become
/// U+FFFD; nothing is rejected.
std::string ToUtf8(std::string_view bytes);

}  // namespace dossier::engine
