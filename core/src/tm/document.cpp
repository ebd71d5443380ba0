#include "termbridge/tm/document.hpp"

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

constexpr std::string_view kDateProps[] = {"x-tmx-creationdate", "x-tmx-creationid",
                                           "x-tmx-changedate", "x-tmx-changeid"};

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

std::vector<TranslationUnit> to_translation_units(const Document& document) {
  std::vector<TranslationUnit> out;
  for (const auto& file : document.files) {
    for (const auto& unit : file.units) {
      for (const auto& seg : unit.segments) {
        if (seg.target.empty()) {
          continue;
        }
        TranslationUnit tu;
        tu.id = unit.id;
        if (unit.segments.size() > 1) {
          tu.id += "#" + seg.id;
        }
        Variant src{document.src_lang, seg.source, {}, {}};
        Variant tgt{document.tgt_lang, seg.target, {}, {}};
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
          } else {
            tu.props.push_back(prop);
          }
        }
        tu.variants.push_back(std::move(src));
        tu.variants.push_back(std::move(tgt));
        out.push_back(std::move(tu));
      }
    }
  }
  return out;
}

bool to_doc_unit(const TranslationUnit& tu, const LangTag& src, const LangTag& tgt, DocUnit& out) {
  const Variant* s = tu.find(src);
  if (s == nullptr) {
    return false;
  }
  const Variant* t = tu.find(tgt);
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
