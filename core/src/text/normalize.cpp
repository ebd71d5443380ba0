#include "termbridge/text/normalize.hpp"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>

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
  const auto& n = instance(form);
  UErrorCode status = U_ZERO_ERROR;
  icu::StringPiece in(utf8.data(), static_cast<int32_t>(utf8.size()));
  if (n.isNormalizedUTF8(in, status) && U_SUCCESS(status)) {
    return std::string(utf8);
  }
  status = U_ZERO_ERROR;
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
