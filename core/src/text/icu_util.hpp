#pragma once

// ICU error handling and conversions, private to core/src. ICU types stop here.

#include <string>
#include <string_view>

#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include "termbridge/base/error.hpp"

namespace termbridge::text {

// Throws Error(invalid_argument) when an ICU call failed. `what` says what was being done.
inline void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) {
    throw Error(ErrorKind::invalid_argument, std::string(what) + ": " + u_errorName(status));
  }
}

inline icu::UnicodeString to_unicode(std::string_view utf8) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

inline std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace termbridge::text
