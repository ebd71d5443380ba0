#pragma once

// Language tags (BCP 47) as termbridge uses them: compared case-insensitively, written in
// canonical case ("ko", "en-US", "zh-Hant-TW").

#include <optional>
#include <string>
#include <string_view>

namespace termbridge {

class LangTag {
 public:
  LangTag() = default;

  // Parses a BCP 47 tag; also accepts "_" as separator ("en_US", as Java tools write).
  // Throws Error(invalid_argument) naming the tag when it is not well-formed.
  static LangTag parse(std::string_view tag);
  // Like parse() but returns nullopt instead of throwing.
  static std::optional<LangTag> try_parse(std::string_view tag);

  // The canonical form: language lower case, script title case, region upper case.
  const std::string& str() const noexcept { return tag_; }
  // The primary language subtag: "en" for "en-US".
  std::string_view language() const;
  bool empty() const noexcept { return tag_.empty(); }
  // True when this tag is `other` or a more specific form of it ("en-US" matches "en").
  bool matches(const LangTag& other) const;

  friend bool operator==(const LangTag&, const LangTag&) = default;
  friend auto operator<=>(const LangTag&, const LangTag&) = default;

 private:
  explicit LangTag(std::string tag) : tag_(std::move(tag)) {}
  std::string tag_;
};

// True for the languages whose sentences follow one another without a space (Japanese,
// Chinese, Thai): what joins a paragraph's sentences back together.
bool joins_without_space(const LangTag& lang);

}  // namespace termbridge
