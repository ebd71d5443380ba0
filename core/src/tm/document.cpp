#include "termbridge/tm/document.hpp"

#include <algorithm>
#include <cstdint>
#include <map>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "termbridge/base/error.hpp"

namespace termbridge::tm {

namespace {

void append(Segment& out, const Segment& part) {
  std::size_t base = out.text.size();
  out.text += part.text;
  for (auto code : part.codes) {
    code.offset += base;
    out.codes.push_back(std::move(code));
  }
}

Segment join(const DocUnit& unit, std::string_view separator, bool target) {
  Segment out;
  bool first = true;
  for (const auto& seg : unit.segments) {
    const Segment& part = target ? seg.target : seg.source;
    if (!first) {
      out.text += separator;
    }
    first = false;
    append(out, part);
  }
  return out;
}

Variant variant(const LangTag& lang, const Segment& segment) {
  Variant v;
  v.lang = lang;
  v.segment = segment;
  return v;
}

// Two tags name the same language when one is the other or a more specific form of it.
bool compatible(const LangTag& a, const LangTag& b) {
  return a.empty() || b.empty() || a.matches(b) || b.matches(a);
}

constexpr std::string_view kDateProps[] = {"x-tmx-creationdate", "x-tmx-creationid",
                                           "x-tmx-changedate", "x-tmx-changeid"};
// The source and target language tags as a TMX file wrote them, when not canonical.
constexpr std::string_view kTagProps[] = {"x-tmx-source-tag", "x-tmx-target-tag"};

// Adds the variants of `other` (the same unit in another language pair) to `into` when it
// has the same source and only languages `into` lacks; false (nothing changed) otherwise.
bool merge_languages(TranslationUnit& into, const TranslationUnit& other) {
  if (into.variants.empty() || other.variants.empty() ||
      !(into.variants[0].segment == other.variants[0].segment)) {
    return false;
  }
  for (std::size_t i = 1; i < other.variants.size(); ++i) {
    for (const auto& v : into.variants) {
      if (v.lang == other.variants[i].lang) {
        return false;
      }
    }
  }
  into.variants.insert(into.variants.end(), other.variants.begin() + 1, other.variants.end());
  return true;
}

// Gives the source and target variants (the first two) their tags as written.
void restore_tags(const std::vector<Prop>& props, TranslationUnit& tu) {
  for (const auto& prop : props) {
    for (std::size_t i = 0; i < 2; ++i) {
      if (prop.type == kTagProps[i] && i < tu.variants.size()) {
        auto tag = LangTag::try_parse(prop.value);
        auto& v = tu.variants[i];
        if (tag && tag->language() == v.lang.language()) {
          v.lang = *tag;
          if (tag->str() != prop.value) {
            v.attrs.push_back({"xml:lang", prop.value});
          }
        }
      }
    }
  }
}

}  // namespace

std::string_view state_name(SegmentState state) {
  switch (state) {
    case SegmentState::initial:
      return "initial";
    case SegmentState::translated:
      return "translated";
    case SegmentState::needs_review:
      return "needs-review";
    case SegmentState::reviewed:
      return "reviewed";
    case SegmentState::final:
      return "final";
  }
  return "initial";
}

std::string target_text(const DocUnit& unit, std::string_view separator) {
  return join(unit, separator, true).text;
}

Segment join_source(const DocUnit& unit, std::string_view separator) {
  return join(unit, separator, false);
}

Segment join_target(const DocUnit& unit, std::string_view separator) {
  return join(unit, separator, true);
}

const LangTag& source_lang(const Document& document, const DocFile& file) {
  return file.src_lang.empty() ? document.src_lang : file.src_lang;
}

const LangTag& target_lang(const Document& document, const DocFile& file) {
  return file.tgt_lang.empty() ? document.tgt_lang : file.tgt_lang;
}

std::size_t select_pair(Document& document, const LangTag& src, const LangTag& tgt) {
  std::vector<std::pair<LangTag, LangTag>> pairs;  // in the order of the files
  for (const auto& file : document.files) {
    std::pair<LangTag, LangTag> p{source_lang(document, file), target_lang(document, file)};
    if (std::find(pairs.begin(), pairs.end(), p) == pairs.end()) {
      pairs.push_back(std::move(p));
    }
  }
  if (pairs.empty()) {
    pairs.emplace_back(document.src_lang, document.tgt_lang);
  }
  auto name = [](const std::pair<LangTag, LangTag>& p) {
    return (p.first.empty() ? std::string("?") : p.first.str()) + " -> " +
           (p.second.empty() ? std::string("?") : p.second.str());
  };
  std::vector<const std::pair<LangTag, LangTag>*> hits;
  for (const auto& p : pairs) {
    if (compatible(p.first, src) && compatible(p.second, tgt)) {
      hits.push_back(&p);
    }
  }
  if (hits.size() != 1) {
    std::string found;
    for (const auto& p : pairs) {
      found += (found.empty() ? "" : ", ") + name(p);
    }
    std::string asked = name({src, tgt});
    throw Error(ErrorKind::invalid_argument,
                hits.empty() ? "no file is in the language pair " + quoted(asked) +
                                   "; the document holds " + found
                             : "the document holds several language pairs (" + found +
                                   "); pick one with --src-lang and --tgt-lang");
  }
  const auto chosen = *hits.front();
  std::size_t dropped = 0;
  std::vector<DocFile> kept;
  for (auto& file : document.files) {
    if (source_lang(document, file) == chosen.first &&
        target_lang(document, file) == chosen.second) {
      file.src_lang = {};
      file.tgt_lang = {};
      kept.push_back(std::move(file));
    } else {
      ++dropped;
    }
  }
  document.files = std::move(kept);
  document.src_lang = chosen.first;
  document.tgt_lang = chosen.second.empty() ? tgt : chosen.second;
  return dropped;
}

bool has_text(const Segment& segment) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(segment.text.data());
  const auto n = static_cast<std::int32_t>(segment.text.size());
  std::int32_t i = 0;
  while (i < n) {
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    // A byte that is not UTF-8 is not white space either.
    if (c < 0 || !u_isUWhiteSpace(c)) {
      return true;
    }
  }
  return false;
}

std::vector<TranslationUnit> to_translation_units(const Document& document) {
  std::vector<TranslationUnit> out;
  // A unit in several languages is written to XLIFF 1.2 as one <file> per target language,
  // with the same unit id and source: such units from different files become one again.
  // Key: id, source language and source text -> index in `out` and the file it came from.
  std::map<std::string, std::pair<std::size_t, std::size_t>> seen;
  std::size_t file_no = 0;
  for (const auto& file : document.files) {
    ++file_no;
    const LangTag& src_lang = source_lang(document, file);
    const LangTag& tgt_lang = target_lang(document, file);
    for (const auto& unit : file.units) {
      for (const auto& seg : unit.segments) {
        // A unit in more languages than the pair is kept even where the pair's target is
        // empty: its other languages are translations.
        bool others = !unit.others.empty() && unit.segments.size() == 1 && is_translatable(seg);
        if (!is_translated(seg) && !others) {
          continue;
        }
        TranslationUnit tu;
        tu.id = unit.id;
        if (unit.segments.size() > 1) {
          tu.id += "#" + seg.id;
        }
        Variant src = variant(src_lang, seg.source);
        Variant tgt = variant(tgt_lang, seg.target);
        for (const auto& note : unit.notes) {
          switch (note.about) {
            case Note::About::unit:
              tu.notes.push_back(note.text);
              break;
            case Note::About::source:
              src.notes.push_back(note.text);
              break;
            case Note::About::target:
              tgt.notes.push_back(note.text);
              break;
          }
        }
        for (const auto& prop : unit.props) {
          if (prop.type == kDateProps[0]) {
            tu.creation_date = prop.value;
          } else if (prop.type == kDateProps[1]) {
            tu.creation_id = prop.value;
          } else if (prop.type == kDateProps[2]) {
            tu.change_date = prop.value;
          } else if (prop.type == kDateProps[3]) {
            tu.change_id = prop.value;
          } else if (prop.type == kTagProps[0] || prop.type == kTagProps[1]) {
            continue;  // see restore_tags
          } else {
            tu.props.push_back(prop);
          }
        }
        tu.variants.push_back(std::move(src));
        if (has_text(tgt.segment)) {
          tu.variants.push_back(std::move(tgt));
        }
        tu.variants.insert(tu.variants.end(), unit.others.begin(), unit.others.end());
        restore_tags(unit.props, tu);
        if (document.files.size() > 1) {
          std::string key =
              tu.id + '\0' + tu.variants[0].lang.str() + '\0' + tu.variants[0].segment.text;
          auto [it, fresh] = seen.try_emplace(key, out.size(), file_no);
          if (!fresh && it->second.second != file_no &&
              merge_languages(out[it->second.first], tu)) {
            continue;
          }
        }
        out.push_back(std::move(tu));
      }
    }
  }
  return out;
}

bool to_doc_unit(const TranslationUnit& tu, const LangTag& src, const LangTag& tgt, DocUnit& out) {
  // Trados writes srclang="EN-GB" over EN-US units: a variant of the same language serves.
  const Variant* s = tu.find_language(src);
  if (s == nullptr) {
    return false;
  }
  const Variant* t = tgt.empty() ? nullptr : tu.find_language(tgt);
  if (t == s) {
    t = nullptr;
  }
  out = DocUnit{};
  out.id = tu.id;
  DocSegment seg;
  seg.source = s->segment;
  if (t != nullptr && !t->segment.empty()) {
    seg.target = t->segment;
    seg.state = SegmentState::translated;
  }
  out.segments.push_back(std::move(seg));
  for (const auto& n : tu.notes) {
    out.notes.push_back(Note{n, Note::About::unit, {}});
  }
  for (const auto& n : s->notes) {
    out.notes.push_back(Note{n, Note::About::source, {}});
  }
  if (t != nullptr) {
    for (const auto& n : t->notes) {
      out.notes.push_back(Note{n, Note::About::target, {}});
    }
  }
  const std::string* dates[] = {&tu.creation_date, &tu.creation_id, &tu.change_date, &tu.change_id};
  for (std::size_t i = 0; i < 4; ++i) {
    if (!dates[i]->empty()) {
      out.props.push_back(Prop{std::string(kDateProps[i]), *dates[i]});
    }
  }
  out.props.insert(out.props.end(), tu.props.begin(), tu.props.end());
  // Language tags as the file wrote them ("en_US"), which XLIFF's srcLang cannot hold.
  const Variant* pair[] = {s, t};
  for (std::size_t i = 0; i < 2; ++i) {
    if (pair[i] == nullptr) {
      continue;
    }
    std::string written = pair[i]->lang.str();
    for (const auto& a : pair[i]->attrs) {
      if (a.type == "xml:lang") {
        written = a.value;
      }
    }
    if (written != (i == 0 ? src : tgt).str()) {
      out.props.push_back(Prop{std::string(kTagProps[i]), written});
    }
  }
  for (const auto& v : tu.variants) {
    if (&v != s && &v != t) {
      out.others.push_back(v);
    }
  }
  return true;
}

Document from_translation_units(const std::vector<TranslationUnit>& units, const LangTag& src,
                                const LangTag& tgt, std::string original) {
  Document doc;
  doc.src_lang = src;
  doc.tgt_lang = tgt;
  DocFile file;
  file.id = "f1";
  file.original = std::move(original);
  for (const auto& tu : units) {
    DocUnit unit;
    if (to_doc_unit(tu, src, tgt, unit)) {
      if (unit.id.empty()) {
        unit.id = std::to_string(file.units.size() + 1);
      }
      file.units.push_back(std::move(unit));
    }
  }
  doc.files.push_back(std::move(file));
  return doc;
}

}  // namespace termbridge::tm
