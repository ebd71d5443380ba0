#pragma once

// Word stems by the Snowball stemmers (libstemmer): "Atomwaffen" and "Atomwaffe" both give
// "atomwaff", "ядерного" and "ядерное" both "ядерн". A stem is a key for comparing words of
// one language, not a word to show.

#include <memory>
#include <string>
#include <string_view>

namespace termbridge::text {

// True when Snowball has a stemmer for the language subtag (de, fr, es, ru, pt, it, nl, sv,
// tr, ...; nb and nn take Norwegian's). Case does not matter; empty is false.
bool has_stemmer(std::string_view language);

class Stemmer {  // not thread-safe: one per thread
 public:
  // Throws Error(invalid_argument) when has_stemmer(language) is false.
  explicit Stemmer(std::string_view language);
  ~Stemmer();
  Stemmer(Stemmer&&) noexcept;
  Stemmer& operator=(Stemmer&&) noexcept;

  // The stem of one word of valid, case-folded UTF-8 (letters and digits, no spaces). The
  // view is valid until the next call.
  std::string_view stem(std::string_view word);

  const std::string& language() const noexcept { return language_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string language_;
};

}  // namespace termbridge::text
