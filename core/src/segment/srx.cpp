#include "segment/srx.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <set>

#include <pugixml.hpp>
#include <unicode/regex.h>
#include <unicode/utf8.h>

#include "termbridge/text/script.hpp"

namespace termbridge::segment::detail {

namespace {

std::string_view local_name(const char* name) {
  std::string_view n(name);
  auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node parent, std::string_view name) {
  for (auto c : parent.children()) {
    if (c.type() == pugi::node_element && local_name(c.name()) == name) {
      return c;
    }
  }
  return {};
}

SourceLocation location_at(std::string_view xml, std::string_view source_name,
                           std::ptrdiff_t offset) {
  SourceLocation where;
  where.file = std::string(source_name);
  if (offset < 0) {
    return where;
  }
  auto end = std::min(static_cast<std::size_t>(offset), xml.size());
  auto line_start = xml.rfind('\n', end == 0 ? 0 : end - 1);
  line_start = (line_start == std::string_view::npos || end == 0) ? 0 : line_start + 1;
  std::uint64_t line = 1;
  for (std::size_t i = 0; i < line_start; ++i) {
    line += xml[i] == '\n' ? 1u : 0u;
  }
  where.line = line;
  where.column = text::count_code_points(xml.substr(line_start, end - line_start)) + 1;
  where.byte_offset = end;
  return where;
}

// Throws Error(parse) when `regex` is not a valid ICU regular expression.
void check_regex(const std::string& regex, const SourceLocation& where, const char* what) {
  UParseError parse_error{};
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexPattern> p(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(regex), 0, parse_error, status));
  if (U_FAILURE(status)) {
    throw Error(ErrorKind::parse,
                std::string("invalid regular expression in <") + what + "> " + quoted(regex) +
                    ": " + u_errorName(status) + " at offset " + std::to_string(parse_error.offset),
                where);
  }
}

}  // namespace

SrxDocument parse_srx(std::string_view xml, std::string_view source_name) {
  pugi::xml_document doc;
  auto result =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!result) {
    throw Error(ErrorKind::parse, std::string("malformed XML: ") + result.description(),
                location_at(xml, source_name, result.offset));
  }
  auto at = [&](pugi::xml_node n) { return location_at(xml, source_name, n.offset_debug()); };
  auto root = doc.document_element();
  if (local_name(root.name()) != "srx") {
    throw Error(ErrorKind::parse,
                "expected <srx> root element, found <" + std::string(root.name()) +
                    ">; is this an SRX segmentation rules file?",
                at(root));
  }
  SrxDocument out;
  auto header = child(root, "header");
  if (header) {
    // SRX 2.0 keeps cascade in the header; "yes" when absent, as the standard says.
    out.cascade = std::string_view(header.attribute("cascade").as_string("yes")) != "no";
  }
  auto body = child(root, "body");
  auto language_rules = child(body, "languagerules");
  if (!body || !language_rules) {
    throw Error(ErrorKind::parse, "missing <body><languagerules> in SRX file", at(root));
  }
  std::set<std::string, std::less<>> names;
  for (auto lr : language_rules.children()) {
    if (lr.type() != pugi::node_element || local_name(lr.name()) != "languagerule") {
      continue;
    }
    SrxLanguageRule set;
    set.name = lr.attribute("languagerulename").as_string();
    if (set.name.empty()) {
      throw Error(ErrorKind::parse, "<languagerule> without languagerulename", at(lr));
    }
    for (auto r : lr.children()) {
      if (r.type() != pugi::node_element || local_name(r.name()) != "rule") {
        continue;
      }
      SrxRule rule;
      std::string_view brk = r.attribute("break").as_string("yes");
      if (brk != "yes" && brk != "no") {
        throw Error(ErrorKind::parse, "break=" + quoted(brk) + " (expected yes or no)", at(r));
      }
      rule.is_break = brk == "yes";
      rule.before = child(r, "beforebreak").child_value();
      rule.after = child(r, "afterbreak").child_value();
      rule.where = at(r);
      check_regex(rule.before, rule.where, "beforebreak");
      check_regex(rule.after, rule.where, "afterbreak");
      set.rules.push_back(std::move(rule));
    }
    names.insert(set.name);
    out.language_rules.push_back(std::move(set));
  }
  auto maprules = child(body, "maprules");
  if (!maprules) {
    throw Error(ErrorKind::parse, "missing <maprules> in SRX file", at(body));
  }
  // SRX 2.0 lists <languagemap> in <maprules>; SRX 1.0 wraps them in <maprule>.
  auto read_map = [&](pugi::xml_node m) {
    SrxLanguageMap map;
    map.pattern = m.attribute("languagepattern").as_string();
    map.rule_name = m.attribute("languagerulename").as_string();
    map.where = at(m);
    if (!names.contains(map.rule_name)) {
      throw Error(ErrorKind::parse,
                  "<languagemap> names rule set " + quoted(map.rule_name) +
                      ", which no <languagerule> defines",
                  map.where);
    }
    check_regex(map.pattern, map.where, "languagemap languagepattern");
    out.maps.push_back(std::move(map));
  };
  for (auto m : maprules.children()) {
    if (m.type() != pugi::node_element) {
      continue;
    }
    if (local_name(m.name()) == "languagemap") {
      read_map(m);
    } else if (local_name(m.name()) == "maprule") {
      for (auto mm : m.children()) {
        if (mm.type() == pugi::node_element && local_name(mm.name()) == "languagemap") {
          read_map(mm);
        }
      }
    }
  }
  return out;
}

std::optional<std::string> bound_quantifiers(std::string_view re, int limit) {
  const std::string k = std::to_string(limit);
  std::string out;
  out.reserve(re.size() + 16);
  bool after_quantifier = false;  // a following + or ? is a possessive/lazy modifier
  std::size_t i = 0;
  while (i < re.size()) {
    char c = re[i];
    if (c == '\\') {
      if (i + 1 >= re.size()) {
        return std::nullopt;
      }
      char e = re[i + 1];
      if (e == 'Q') {
        return std::nullopt;
      }
      std::size_t j = i + 2;
      if ((e == 'p' || e == 'P' || e == 'N' || e == 'x') && j < re.size() && re[j] == '{') {
        auto close = re.find('}', j);
        if (close == std::string_view::npos) {
          return std::nullopt;
        }
        j = close + 1;
      }
      out.append(re.substr(i, j - i));
      i = j;
      after_quantifier = false;
      continue;
    }
    if (c == '[') {
      // A set, possibly nested ([\p{L}&&[^a]]); quantifier characters inside are literal.
      int depth = 0;
      std::size_t j = i;
      do {
        if (re[j] == '\\') {
          j += 2;
          continue;
        }
        if (re[j] == '[') {
          ++depth;
        } else if (re[j] == ']') {
          --depth;
        }
        ++j;
      } while (j < re.size() && depth > 0);
      if (depth > 0) {
        return std::nullopt;
      }
      out.append(re.substr(i, j - i));
      i = j;
      after_quantifier = false;
      continue;
    }
    if (c == '(' && re.substr(i, 4) == "(?x)") {
      return std::nullopt;
    }
    if ((c == '*' || c == '+') && !after_quantifier) {
      out += c == '*' ? "{0," + k + "}" : "{1," + k + "}";
      after_quantifier = true;
      ++i;
      continue;
    }
    if (c == '{' && !after_quantifier) {
      auto close = re.find('}', i);
      if (close != std::string_view::npos) {
        auto body = re.substr(i + 1, close - i - 1);
        if (!body.empty() && body.back() == ',' &&
            body.find_first_not_of("0123456789,") == std::string_view::npos) {
          int n = std::stoi(std::string(body.substr(0, body.size() - 1)));
          out += "{" + std::to_string(n) + "," + std::to_string(std::max(n, limit)) + "}";
        } else {
          out.append(re.substr(i, close - i + 1));
        }
        i = close + 1;
        after_quantifier = true;
        continue;
      }
    }
    after_quantifier = (c == '?' && !after_quantifier && !out.empty() && out.back() != '(');
    out += c;
    ++i;
  }
  return out;
}

}  // namespace termbridge::segment::detail
