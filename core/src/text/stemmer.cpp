#include "termbridge/text/stemmer.hpp"

#include <cstdint>
#include <libstemmer.h>
#include <string>

#include <unicode/utf8.h>

#include "termbridge/base/error.hpp"

namespace termbridge::text {

namespace {

// The Snowball algorithm name for a language subtag; libstemmer knows the ISO 639 codes
// itself except Norwegian's written standards. English's is Porter's successor and would
// stem any subtag "en" given; callers decide whether they want it.
std::string algorithm_of(std::string_view language) {
  std::string lower;
  for (char c : language) {
    lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  if (lower == "nb" || lower == "nn") {
    return "no";
  }
  return lower;
}

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};
using StemmerPtr = std::unique_ptr<sb_stemmer, StemmerDeleter>;

StemmerPtr open(std::string_view language) {
  std::string name = algorithm_of(language);
  if (name.empty() || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos) {
    return nullptr;
  }
  return StemmerPtr(sb_stemmer_new(name.c_str(), "UTF_8"));
}

bool is_vowel(UChar32 c) {
  switch (c) {
    case U'a':
    case U'e':
    case U'i':
    case U'o':
    case U'u':
    case U'á':
    case U'é':
    case U'í':
    case U'ó':
    case U'ú':
    case U'â':
    case U'ê':
    case U'ô':
    case U'ã':
    case U'õ':
    case U'à':
      return true;
    default:
      return false;
  }
}

// The code point that ends utf8[0, end).
UChar32 last_char(std::string_view utf8, std::size_t end) {
  auto i = static_cast<std::int32_t>(end);
  UChar32 c = 0;
  U8_PREV(reinterpret_cast<const std::uint8_t*>(utf8.data()), 0, i, c);
  return c;
}

// Snowball's Spanish and Portuguese stemmers leave a short word's plural alone and read
// some singulars as infinitives (armas stays armas while arma is arma; nuclear gives nucl,
// nucleares nuclear), so the plural ending is taken off first: -es after a consonant, -s
// after a vowel.
std::string_view strip_plural(std::string_view word) {
  if (word.size() < 4 || word.back() != 's') {
    return word;
  }
  UChar32 before_s = last_char(word, word.size() - 1);
  if (before_s == U'e' && word.size() >= 5) {
    UChar32 before_es = last_char(word, word.size() - 2);
    if (before_es > 0 && !is_vowel(before_es)) {
      return word.substr(0, word.size() - 2);
    }
  }
  return is_vowel(before_s) ? word.substr(0, word.size() - 1) : word;
}

}  // namespace

bool has_stemmer(std::string_view language) {
  return open(language) != nullptr;
}

struct Stemmer::Impl {
  StemmerPtr stemmer;
  bool plural_first = false;  // strip_plural before stemming
};

Stemmer::Stemmer(std::string_view language)
    : impl_(std::make_unique<Impl>()), language_(algorithm_of(language)) {
  impl_->stemmer = open(language);
  if (!impl_->stemmer) {
    throw Error(ErrorKind::invalid_argument,
                "no Snowball stemmer for language '" + std::string(language) + "'");
  }
  impl_->plural_first = language_ == "es" || language_ == "pt";
}

Stemmer::~Stemmer() = default;
Stemmer::Stemmer(Stemmer&&) noexcept = default;
Stemmer& Stemmer::operator=(Stemmer&&) noexcept = default;

std::string_view Stemmer::stem(std::string_view word) {
  if (impl_->plural_first) {
    word = strip_plural(word);
  }
  const sb_symbol* out =
      sb_stemmer_stem(impl_->stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                      static_cast<int>(word.size()));
  if (out == nullptr) {
    throw Error(ErrorKind::invalid_argument, "out of memory while stemming a word");
  }
  return std::string_view(reinterpret_cast<const char*>(out),
                          static_cast<std::size_t>(sb_stemmer_length(impl_->stemmer.get())));
}

}  // namespace termbridge::text
