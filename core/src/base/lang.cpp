#include "termbridge/base/lang.hpp"

#include <cctype>
#include <vector>

#include "termbridge/base/error.hpp"

namespace termbridge {

namespace {

bool all_of(std::string_view s, int (*pred)(int)) {
  for (char c : s) {
    if (!pred(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

// Well-formedness after RFC 5646 section 2.1, without the registry: language, then
// optional script, region, variants, extensions and private use.
std::optional<std::string> canonical(std::string_view tag) {
  if (tag.empty() || tag.size() > 64) {
    return std::nullopt;
  }
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= tag.size(); ++i) {
    if (i == tag.size() || tag[i] == '-' || tag[i] == '_') {
      if (i == start) {
        return std::nullopt;
      }
      parts.push_back(tag.substr(start, i - start));
      start = i + 1;
    }
  }
  for (auto p : parts) {
    if (p.size() > 8 || !all_of(p, isalnum)) {
      return std::nullopt;
    }
  }
  std::string out;
  std::size_t i = 0;
  auto lang = parts[0];
  if (lower(lang) == "x" || lower(lang) == "i") {
    // Private-use or grandfathered: keep as written, lower case.
    std::string all = lower(tag);
    for (char& c : all) {
      if (c == '_') {
        c = '-';
      }
    }
    return all;
  }
  if (lang.size() < 2 || lang.size() > 8 || lang.size() == 4 || !all_of(lang, isalpha)) {
    return std::nullopt;
  }
  out = lower(lang);
  ++i;
  // Extended language subtags (up to three of 3 letters), e.g. zh-yue.
  for (int ext = 0; ext < 3 && i < parts.size() && parts[i].size() == 3 &&
                    all_of(parts[i], isalpha) && lang.size() <= 3;
       ++ext, ++i) {
    out += '-' + lower(parts[i]);
  }
  if (i < parts.size() && parts[i].size() == 4 && all_of(parts[i], isalpha)) {
    std::string script = lower(parts[i]);
    script[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(script[0])));
    out += '-' + script;
    ++i;
  }
  if (i < parts.size() && ((parts[i].size() == 2 && all_of(parts[i], isalpha)) ||
                           (parts[i].size() == 3 && all_of(parts[i], isdigit)))) {
    out += '-' + upper(parts[i]);
    ++i;
  }
  for (; i < parts.size(); ++i) {
    auto p = parts[i];
    bool variant =
        (p.size() >= 5) || (p.size() == 4 && std::isdigit(static_cast<unsigned char>(p[0])));
    if (p.size() == 1) {
      // Extension or private use: the rest is taken as is, in lower case.
      if (i + 1 >= parts.size()) {
        return std::nullopt;
      }
      for (; i < parts.size(); ++i) {
        out += '-' + lower(parts[i]);
      }
      break;
    }
    if (!variant) {
      return std::nullopt;
    }
    out += '-' + lower(p);
  }
  return out;
}

}  // namespace

LangTag LangTag::parse(std::string_view tag) {
  auto c = canonical(tag);
  if (!c) {
    throw Error(ErrorKind::invalid_argument,
                "bad language tag " + quoted(tag) + " (expected a BCP 47 tag such as ko, en-US)");
  }
  return LangTag(std::move(*c));
}

std::optional<LangTag> LangTag::try_parse(std::string_view tag) {
  auto c = canonical(tag);
  if (!c) {
    return std::nullopt;
  }
  return LangTag(std::move(*c));
}

std::string_view LangTag::language() const {
  std::string_view s = tag_;
  return s.substr(0, s.find('-'));
}

bool joins_without_space(const LangTag& lang) {
  const std::string_view l = lang.language();
  return l == "ja" || l == "zh" || l == "th";
}

bool LangTag::matches(const LangTag& other) const {
  if (other.tag_.size() > tag_.size()) {
    return false;
  }
  if (tag_.compare(0, other.tag_.size(), other.tag_) != 0) {
    return false;
  }
  return tag_.size() == other.tag_.size() || tag_[other.tag_.size()] == '-';
}

}  // namespace termbridge
