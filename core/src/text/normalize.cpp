#include "termbridge/text/normalize.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

#include "termbridge/base/error.hpp"
#include "text/icu_util.hpp"

namespace termbridge::text {

namespace {

const icu::Normalizer2& instance(NormalForm form) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = nullptr;
  switch (form) {
    case NormalForm::nfc:
      n = icu::Normalizer2::getNFCInstance(status);
      break;
    case NormalForm::nfkc:
      n = icu::Normalizer2::getNFKCInstance(status);
      break;
    case NormalForm::nfkc_cf:
      n = icu::Normalizer2::getNFKCCasefoldInstance(status);
      break;
  }
  check(status, "loading the normalizer");
  return *n;
}

}  // namespace

// Quick check Yes (nothing composes with a character before it), combining class 0 (no
// reordering) and, for the key, unchanged by case folding.
StableChars::StableChars(NormalForm form) : bits_(0x10000 / 64, 0) {
  UProperty quick = form == NormalForm::nfc ? UCHAR_NFC_QUICK_CHECK : UCHAR_NFKC_QUICK_CHECK;
  for (UChar32 c = 0; c < 0x10000; ++c) {
    bool stable = u_getIntPropertyValue(c, quick) == UNORM_YES && u_getCombiningClass(c) == 0 &&
                  (form != NormalForm::nfkc_cf ||
                   !u_hasBinaryProperty(c, UCHAR_CHANGES_WHEN_NFKC_CASEFOLDED));
    if (stable) {
      bits_[static_cast<std::size_t>(c) >> 6] |= std::uint64_t{1} << (c & 63);
    }
  }
}

const StableChars& StableChars::of(NormalForm form) {
  static const StableChars nfc(NormalForm::nfc);
  static const StableChars nfkc(NormalForm::nfkc);
  static const StableChars nfkc_cf(NormalForm::nfkc_cf);
  switch (form) {
    case NormalForm::nfc:
      return nfc;
    case NormalForm::nfkc:
      return nfkc;
    case NormalForm::nfkc_cf:
      break;
  }
  return nfkc_cf;
}

bool is_normalized(std::string_view utf8, NormalForm form) {
  if (utf8.size() > static_cast<std::size_t>(INT32_MAX)) {
    return false;  // ICU's check takes an int32_t length; normalizing will tell
  }
  const auto& stable = StableChars::of(form);
  const auto* p = reinterpret_cast<const std::uint8_t*>(utf8.data());
  auto n = static_cast<std::int32_t>(utf8.size());
  std::int32_t i = 0;
  bool all_stable = true;
  while (all_stable && i < n) {
    UChar32 c = p[i];
    if (c < 0x80) {
      ++i;
    } else {
      U8_NEXT(p, i, n, c);
    }
    all_stable = c >= 0 && stable.has(static_cast<char32_t>(c));
  }
  if (all_stable) {
    return true;
  }
  UErrorCode status = U_ZERO_ERROR;
  bool yes = instance(form).isNormalizedUTF8(icu::StringPiece(utf8.data(), n), status);
  return U_SUCCESS(status) && yes;
}

NormalForm parse_normal_form(std::string_view name) {
  if (name == "nfc" || name == "NFC") {
    return NormalForm::nfc;
  }
  if (name == "nfkc" || name == "NFKC") {
    return NormalForm::nfkc;
  }
  if (name == "nfkc_cf" || name == "nfkc-cf" || name == "NFKC_CF" || name == "key") {
    return NormalForm::nfkc_cf;
  }
  throw Error(ErrorKind::invalid_argument,
              "unknown normal form " + quoted(name) + " (expected nfc, nfkc or nfkc_cf)");
}

std::string normalize(std::string_view utf8, NormalForm form) {
  if (is_normalized(utf8, form)) {
    return std::string(utf8);
  }
  const auto& n = instance(form);
  UErrorCode status = U_ZERO_ERROR;
  icu::StringPiece in(utf8.data(), static_cast<int32_t>(utf8.size()));
  std::string out;
  out.reserve(utf8.size());
  icu::StringByteSink<std::string> sink(&out);
  n.normalizeUTF8(0, in, sink, nullptr, status);
  check(status, "normalizing text");
  return out;
}

Normalized normalize_with_map(std::string_view utf8, NormalForm form) {
  if (utf8.size() >= UINT32_MAX) {
    throw Error(ErrorKind::invalid_argument, "text too long to normalize with a map (4 GiB)");
  }
  const auto& n = instance(form);
  UErrorCode status = U_ZERO_ERROR;
  icu::StringPiece in(utf8.data(), static_cast<int32_t>(utf8.size()));
  Normalized result;
  result.text.reserve(utf8.size());
  icu::StringByteSink<std::string> sink(&result.text);
  icu::Edits edits;
  n.normalizeUTF8(0, in, sink, &edits, status);
  check(status, "normalizing text");
  result.to_original.resize(result.text.size() + 1);
  auto it = edits.getFineIterator();
  while (it.next(status)) {
    auto src = static_cast<std::uint32_t>(it.sourceIndex());
    auto dst = static_cast<std::size_t>(it.destinationIndex());
    auto len = static_cast<std::size_t>(it.newLength());
    for (std::size_t k = 0; k < len; ++k) {
      result.to_original[dst + k] = it.hasChange() ? src : src + static_cast<std::uint32_t>(k);
    }
  }
  check(status, "mapping normalized text");
  result.to_original[result.text.size()] = static_cast<std::uint32_t>(utf8.size());
  return result;
}

Span Normalized::original_span(Span key_span) const {
  std::size_t end = key_span.end;
  // Walk to the end of a change: bytes of one change share their source offset.
  while (end > key_span.begin && end < text.size() && to_original[end] == to_original[end - 1]) {
    ++end;
  }
  return Span{to_original[key_span.begin], to_original[end]};
}

}  // namespace termbridge::text
