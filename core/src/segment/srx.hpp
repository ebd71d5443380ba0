#pragma once

// The SRX model as read from a file, and the regular-expression rewriting the engine uses.
// Private to core/src/segment.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "termbridge/base/error.hpp"

namespace termbridge::segment::detail {

struct SrxRule {
  bool is_break = true;
  std::string before;  // ICU regular expression, empty = matches anything
  std::string after;
  SourceLocation where;
};

struct SrxLanguageRule {
  std::string name;
  std::vector<SrxRule> rules;
};

struct SrxLanguageMap {
  std::string pattern;  // matched against the whole language code, ignoring case
  std::string rule_name;
  SourceLocation where;
};

struct SrxDocument {
  bool cascade = true;
  std::vector<SrxLanguageRule> language_rules;
  std::vector<SrxLanguageMap> maps;
};

// Parses SRX 2.0 (and the maps of SRX 1.0). Checks that every map names a rule set and that
// every expression compiles. Throws Error(parse) with file:line:col.
SrxDocument parse_srx(std::string_view xml, std::string_view source_name);

// Rewrites a regular expression so that its match length is bounded, for use in an ICU
// lookbehind: `*` becomes `{0,limit}`, `+` `{1,limit}`, `{n,}` `{n,max(n,limit)}`. Returns
// nullopt for constructs it does not understand (\Q...\E, free-spacing mode).
std::optional<std::string> bound_quantifiers(std::string_view regex, int limit);

// The text of core/data/srx/termbridge.srx (generated source).
std::string_view builtin_srx();

}  // namespace termbridge::segment::detail
