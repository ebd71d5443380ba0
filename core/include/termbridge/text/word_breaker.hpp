#pragma once

// Word boundaries of languages written without spaces between words (Japanese, Chinese,
// Thai, Lao, Khmer, Burmese), found by ICU's word break iterator and its dictionaries:
// 朝鲜|发展|核武器, 核協議|グループ|の|会合 (boundaries as ICU's dictionary gives them).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace termbridge::text {

// True for the language subtags whose words ICU finds by dictionary: ja, zh, yue, th, lo,
// km, my.
bool segments_by_dictionary(std::string_view language);

class WordBreaker {  // not thread-safe: one per thread
 public:
  // The break rules of `language` (a subtag such as "ja"; empty for the root rules).
  // Throws Error(invalid_argument) when ICU cannot create them.
  explicit WordBreaker(std::string_view language);
  ~WordBreaker();
  WordBreaker(WordBreaker&&) noexcept;
  WordBreaker& operator=(WordBreaker&&) noexcept;

  // Marks the word boundaries of valid UTF-8 text: `at` is resized to utf8.size() + 1 and
  // at[k] is 1 when byte offset k is a boundary (0 and the end always are), else 0.
  // Spaces and punctuation are words of their own, so their edges are boundaries too.
  void boundaries(std::string_view utf8, std::vector<std::uint8_t>& at);

  const std::string& language() const noexcept { return language_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string language_;
};

}  // namespace termbridge::text
