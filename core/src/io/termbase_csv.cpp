// CSV, TSV and OmegaT glossary TSV term bases: reading, writing and editing in place. The text
// arrives decoded (termbase_io.cpp decodes it).

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>

#include "io/termbase_builder.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/io/termbase_io.hpp"
#include "termbridge/text/ascii.hpp"
#include "termbridge/text/decode.hpp"
#include "termbridge/text/normalize.hpp"

namespace termbridge::io {

namespace {

using glossary::TermBase;

struct Row {
  std::vector<std::string> fields;
  std::uint64_t line = 0;  // where the row starts
  std::size_t begin = 0;   // byte range of the row, its line end included
  std::size_t end = 0;
};

// Splits delimited text into rows by RFC 4180: fields may be quoted with '"', a quote inside
// a quoted field is doubled, quoted fields may hold separators and line ends. A quote inside
// an unquoted field is taken literally (as spreadsheets read it).
class RowReader {
 public:
  RowReader(std::string_view text, char sep, std::string_view name)
      : text_(text), sep_(sep), name_(name) {}

  // Fills row.fields; the strings of the previous row are reused, so reading a large file
  // allocates almost nothing per row.
  bool next(Row& row) {
    if (pos_ >= text_.size()) {
      row.fields.clear();
      return false;
    }
    row.line = line_;
    row.begin = pos_;
    std::size_t count = 0;
    auto next_field = [&]() -> std::string& {
      if (count == row.fields.size()) {
        row.fields.emplace_back();
      }
      std::string& field = row.fields[count++];
      field.clear();
      return field;
    };
    while (true) {
      if (pos_ < text_.size() && text_[pos_] == '"') {
        std::string& field = next_field();
        std::size_t open = pos_;
        std::uint64_t open_line = line_;
        ++pos_;
        while (true) {
          if (pos_ >= text_.size()) {
            throw Error(ErrorKind::parse, "unterminated quoted field; a '\"' is missing",
                        location(open, open_line));
          }
          char c = text_[pos_];
          if (c == '"') {
            if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
              field += '"';
              pos_ += 2;
              continue;
            }
            ++pos_;
            break;
          }
          if (c == '\n') {
            ++line_;
            line_start_ = pos_ + 1;
          }
          field += c;
          ++pos_;
        }
        if (pos_ < text_.size() && text_[pos_] != sep_ && text_[pos_] != '\n' &&
            text_[pos_] != '\r') {
          throw Error(ErrorKind::parse,
                      "unexpected text after a closing quote (expected a separator or the end "
                      "of the row; a quote inside a quoted field is written \"\")",
                      location(pos_, line_));
        }
      } else {
        std::size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != sep_ && text_[pos_] != '\n' &&
               text_[pos_] != '\r') {
          ++pos_;
        }
        next_field().assign(text_.data() + start, pos_ - start);
      }
      if (pos_ >= text_.size()) {
        row.fields.resize(count);
        row.end = pos_;
        return true;
      }
      char c = text_[pos_];
      if (c == sep_) {
        ++pos_;
        continue;
      }
      // A line end: LF, CRLF or a lone CR.
      ++pos_;
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') {
        ++pos_;
      }
      ++line_;
      line_start_ = pos_;
      row.fields.resize(count);
      row.end = pos_;
      return true;
    }
  }

  SourceLocation location(std::size_t offset, std::uint64_t line) const {
    std::uint64_t col = 1;
    std::size_t start = std::min(line_start_, offset);
    if (line != line_) {
      start = offset;
      while (start > 0 && text_[start - 1] != '\n') {
        --start;
      }
    }
    for (std::size_t i = start; i < offset; ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) {
        ++col;
      }
    }
    return SourceLocation{std::string(name_), line, col, offset};
  }

 private:
  std::string_view text_;
  char sep_;
  std::string_view name_;
  std::size_t pos_ = 0;
  std::uint64_t line_ = 1;
  std::size_t line_start_ = 0;
};

bool blank_row(const Row& row) {
  return std::all_of(row.fields.begin(), row.fields.end(),
                     [](const std::string& f) { return trim(f).empty(); });
}

// lang_note: a note on the concept in one language (a TBX langSet note), LANG_lang_note.
// description: another concept-level data category, a column "descrip:TYPE" (context ...).
enum class Field {
  id,
  term,
  note,
  definition,
  domain,
  status,
  type,
  pos,
  lang_note,
  description,
  term_extra,  // another term-level data category: a column "LANG:TYPE" (en:termId)
  ignored
};

constexpr std::string_view kDescripPrefix = "descrip:";

struct Column {
  Field field = Field::ignored;
  std::optional<LangTag> lang;  // for term columns and per-language attributes
  std::string type;             // for description columns
};

// The value of a term's other data category `type`, or null.
const std::string* extra_of(const glossary::Term& t, std::string_view type) {
  for (const auto& e : t.extra) {
    if (e.type == type) {
      return &e.text;
    }
  }
  return nullptr;
}

// The texts of the descriptions of one type, in order.
std::vector<const std::string*> descriptions_of(const glossary::Concept& c, std::string_view type) {
  std::vector<const std::string*> out;
  for (const auto& d : c.descriptions) {
    if (d.type == type) {
      out.push_back(&d.text);
    }
  }
  return out;
}

std::optional<Field> concept_field(std::string_view name) {
  static const std::map<std::string_view, Field> kNames = {
      {"id", Field::id},
      {"concept", Field::id},
      {"concept_id", Field::id},
      {"note", Field::note},
      {"notes", Field::note},
      {"comment", Field::note},
      {"definition", Field::definition},
      {"domain", Field::domain},
      {"subject", Field::domain},
      {"subjectfield", Field::domain},
      {"status", Field::status},
      {"type", Field::type},
      {"termtype", Field::type},
      {"pos", Field::pos},
      {"partofspeech", Field::pos},
      {"part_of_speech", Field::pos},
  };
  auto it = kNames.find(name);
  if (it == kNames.end()) {
    return std::nullopt;
  }
  return it->second;
}

// A language column: a well-formed BCP 47 tag whose language is a 2- or 3-letter code (5- to
// 8-letter language subtags are reserved and unused, so "english" is a mistake, not a tag).
std::optional<LangTag> language_column(std::string_view name) {
  auto tag = LangTag::try_parse(name);
  if (!tag) {
    return std::nullopt;
  }
  auto lang = tag->language();
  if (lang.size() < 2 || lang.size() > 3) {
    return std::nullopt;
  }
  return tag;
}

std::vector<Column> parse_header(const Row& header, const RowReader& reader,
                                 std::string_view name) {
  std::vector<Column> cols;
  bool has_lang = false;
  std::map<std::string, std::size_t> seen;
  // "id" is also Indonesian. When another column names the concept id (concept, concept_id),
  // a column "id" is that language: the writer names the id column so for such a term base.
  bool id_named_otherwise = false;
  for (const auto& field : header.fields) {
    std::string key = text::ascii_lower(trim(field));
    id_named_otherwise |= key == "concept" || key == "concept_id" || key == "concept-id";
  }
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string raw(trim(header.fields[i]));
    std::string key = text::ascii_lower(raw);
    for (char& c : key) {
      if (c == '-' || c == ' ') {
        c = '_';
      }
    }
    SourceLocation where{std::string(name), header.line, 0};
    Column col;
    if (key.empty()) {
      // An unnamed column is tolerated when it is empty in every row (spreadsheets add them).
      col.field = Field::ignored;
    } else if (key.size() > kDescripPrefix.size() &&
               key.compare(0, kDescripPrefix.size(), kDescripPrefix) == 0) {
      col.field = Field::description;
      col.type = raw.substr(kDescripPrefix.size());
    } else if (auto colon = raw.find(':'); colon != std::string::npos && colon + 1 < raw.size() &&
                                           language_column(raw.substr(0, colon))) {
      col.field = Field::term_extra;
      col.lang = language_column(raw.substr(0, colon));
      col.type = raw.substr(colon + 1);
    } else if (key == "id" && id_named_otherwise) {
      col.field = Field::term;
      col.lang = language_column(raw);
      has_lang = true;
    } else if (auto f = concept_field(key)) {
      col.field = *f;
    } else {
      // Per-language attribute first (en_status, ko_type, en_pos, ko_note): "en_type" would
      // also parse as a language tag with a script subtag.
      auto us = raw.rfind('_');
      std::optional<Field> attr;
      std::optional<LangTag> attr_lang;
      constexpr std::string_view kLangNote = "_lang_note";
      if (key.size() > kLangNote.size() &&
          key.compare(key.size() - kLangNote.size(), kLangNote.size(), kLangNote) == 0) {
        attr = Field::lang_note;
        attr_lang = language_column(raw.substr(0, raw.size() - kLangNote.size()));
      } else if (us != std::string::npos) {
        attr = concept_field(text::ascii_lower(raw.substr(us + 1)));
        attr_lang = language_column(raw.substr(0, us));
      }
      if (attr && attr_lang &&
          (*attr == Field::status || *attr == Field::type || *attr == Field::pos ||
           *attr == Field::note || *attr == Field::definition || *attr == Field::lang_note)) {
        col.field = *attr;
        col.lang = attr_lang;
      } else if (auto tag = language_column(raw)) {
        col.field = Field::term;
        col.lang = tag;
        has_lang = true;
      } else {
        throw Error(ErrorKind::parse,
                    "unknown column " + quoted(raw) +
                        " in the header (expected id, a language tag such as en, ko or en-US, "
                        "note, definition, domain, status, type, pos, or LANG_status, "
                        "LANG_type, LANG_pos, LANG_note, LANG_definition, LANG_lang_note, "
                        "descrip:TYPE, LANG:TYPE; an OmegaT glossary has no header: "
                        "read it as omegat-tsv with a source and target language)",
                    where);
      }
    }
    if (col.field != Field::ignored) {
      std::string canon = std::to_string(static_cast<int>(col.field)) + "/" +
                          (col.lang ? col.lang->str() : std::string()) + "/" + col.type;
      if (seen.count(canon)) {
        throw Error(ErrorKind::parse,
                    "column " + quoted(raw) + " appears twice in the header (columns " +
                        std::to_string(seen[canon] + 1) + " and " + std::to_string(i + 1) + ")",
                    where);
      }
      seen[canon] = i;
    }
    cols.push_back(std::move(col));
  }
  (void)reader;
  if (!has_lang) {
    throw Error(ErrorKind::parse,
                "the header names no language column (expected columns such as id,en,ko)",
                SourceLocation{std::string(name), header.line, 1});
  }
  return cols;
}

// The id of a row. With an id column, its cell. Without one (a ko,en sheet as people keep
// glossaries in Excel), the row's first term in column order, NFC, with each run of white
// space made one '-': "핵 실험" -> "핵-실험". So ids stay the same when rows are added,
// removed or moved, and rows with the same first term are synonyms of one concept.
std::string row_id(const Row& row, const std::vector<Column>& cols,
                   std::optional<std::size_t> id_col) {
  if (id_col) {
    return std::string(trim(row.fields[*id_col]));
  }
  for (std::size_t i = 0; i < cols.size() && i < row.fields.size(); ++i) {
    if (cols[i].field != Field::term) {
      continue;
    }
    std::string_view value = trim(row.fields[i]);
    if (value.empty()) {
      continue;
    }
    std::string id;
    bool space = false;
    for (char ch : text::normalize(value, text::NormalForm::nfc)) {
      if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
        space = true;
        continue;
      }
      if (space) {
        id += '-';
        space = false;
      }
      id += ch;
    }
    return id;
  }
  return {};
}

}  // namespace

TermBase read_delimited(std::string_view text, char sep, std::string_view name,
                        const TermBaseReadOptions& options) {
  RowReader reader(text, sep, name);
  TermBaseBuilder builder(options);
  Row row;
  bool have_header = false;
  std::vector<Column> cols;
  std::optional<std::size_t> id_col;
  SourceLocation where{std::string(name), 0, 1};
  while (reader.next(row)) {
    if (blank_row(row)) {
      continue;
    }
    if (!have_header) {
      cols = parse_header(row, reader, name);
      for (std::size_t i = 0; i < cols.size(); ++i) {
        if (cols[i].field == Field::id) {
          id_col = i;
        }
      }
      have_header = true;
      continue;
    }
    where.line = row.line;
    if (row.fields.size() != cols.size()) {
      builder.bad(where, "row has " + std::to_string(row.fields.size()) + " fields, the header " +
                             std::to_string(cols.size()) +
                             " (a separator inside a value needs quotes); row skipped");
      continue;
    }
    std::string id = row_id(row, cols, id_col);
    if (id.empty()) {
      builder.bad(where, id_col ? "row has no id; row skipped" : "row has no term; row skipped");
      continue;
    }
    std::size_t c = builder.concept_index(id);
    for (const auto& col : cols) {
      if (col.field == Field::term) {
        builder.touch_language(c, *col.lang);
      }
    }
    // Row-wide attributes, then per-language ones, applied to the row's terms.
    std::string status_all, type_all, pos_all;
    std::map<LangTag, std::string> status_of, type_of, pos_of, note_of;
    std::map<LangTag, std::vector<glossary::Description>> extra_of_lang;
    for (std::size_t i = 0; i < cols.size(); ++i) {
      std::string value(trim(row.fields[i]));
      const Column& col = cols[i];
      switch (col.field) {
        case Field::note:
          if (col.lang) {
            note_of[*col.lang] = value;
          } else {
            builder.add_note(c, value);
          }
          break;
        case Field::definition:
          if (col.lang) {
            builder.set_language_definition(c, *col.lang, value, where);
          } else {
            builder.set_definition(c, value, where);
          }
          break;
        case Field::lang_note:
          builder.add_language_note(c, *col.lang, value);
          break;
        case Field::description:
          builder.add_description(c, col.type, value);
          break;
        case Field::term_extra:
          if (!value.empty()) {
            extra_of_lang[*col.lang].push_back({col.type, value, {}});
          }
          break;
        case Field::domain:
          builder.set_domain(c, value, where);
          break;
        case Field::status:
          (col.lang ? status_of[*col.lang] : status_all) = value;
          break;
        case Field::type:
          (col.lang ? type_of[*col.lang] : type_all) = value;
          break;
        case Field::pos:
          (col.lang ? pos_of[*col.lang] : pos_all) = value;
          break;
        default:
          break;
      }
    }
    for (std::size_t i = 0; i < cols.size(); ++i) {
      if (cols[i].field != Field::term) {
        continue;
      }
      std::string value(trim(row.fields[i]));
      if (value.empty()) {
        continue;
      }
      const LangTag& lang = *cols[i].lang;
      glossary::Term term;
      term.text = text::normalize(value, text::NormalForm::nfc);
      term.lang = lang;
      std::string st = status_of.count(lang) ? status_of[lang] : status_all;
      std::string ty = type_of.count(lang) ? type_of[lang] : type_all;
      if (auto s = glossary::parse_term_status(st)) {
        term.status = *s;
      } else {
        builder.bad(where, "unknown status " + quoted(st) + " for term " + quoted(term.text) +
                               " (expected preferred, admitted, deprecated or forbidden)");
      }
      if (auto t = glossary::parse_term_type(ty)) {
        term.type = *t;
      } else {
        builder.bad(where, "unknown type " + quoted(ty) + " for term " + quoted(term.text) +
                               " (expected fullForm, acronym, abbreviation, shortForm or "
                               "variant)");
      }
      term.part_of_speech = pos_of.count(lang) ? pos_of[lang] : pos_all;
      term.note = note_of.count(lang) ? note_of[lang] : std::string();
      if (auto it = extra_of_lang.find(lang); it != extra_of_lang.end()) {
        term.extra = it->second;
      }
      builder.add_term(c, std::move(term), where);
    }
  }
  return builder.finish();
}

TermBase read_omegat(std::string_view text, std::string_view name,
                     const TermBaseReadOptions& options) {
  if (options.src_lang.empty() || options.tgt_lang.empty()) {
    throw Error(ErrorKind::invalid_argument,
                "an OmegaT glossary has no header: name its source and target languages "
                "(--src-lang and --tgt-lang)");
  }
  LangTag src = LangTag::parse(options.src_lang);
  LangTag tgt = LangTag::parse(options.tgt_lang);
  TermBaseBuilder builder(options);
  std::uint64_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    std::string_view line(text.data() + pos, (end == std::string::npos ? text.size() : end) - pos);
    pos = end == std::string::npos ? text.size() : end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    // OmegaT skips comment lines and blank lines.
    if (trim(line).empty() || line.front() == '#') {
      continue;
    }
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
      auto tab = line.find('\t', start);
      fields.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
      if (tab == std::string_view::npos) {
        break;
      }
      start = tab + 1;
    }
    SourceLocation where{std::string(name), line_no, 1};
    if (fields.size() < 2 || trim(fields[0]).empty()) {
      builder.bad(where, "expected source<TAB>target[<TAB>comment]; line skipped");
      continue;
    }
    std::size_t c = builder.concept_index("omegat-" + std::to_string(line_no));
    glossary::Term s;
    s.text = text::normalize(trim(fields[0]), text::NormalForm::nfc);
    s.lang = src;
    builder.add_term(c, std::move(s), where);
    if (!trim(fields[1]).empty()) {
      glossary::Term t;
      t.text = text::normalize(trim(fields[1]), text::NormalForm::nfc);
      t.lang = tgt;
      builder.add_term(c, std::move(t), where);
    }
    if (fields.size() > 2) {
      builder.add_note(c, std::string(trim(fields[2])));
    }
  }
  return builder.finish();
}

// ---- writing ----

namespace {

void write_field(std::ostream& out, std::string_view value, char sep) {
  bool quote = false;
  if (sep == ',') {
    quote = value.find_first_of(",\"\r\n") != std::string_view::npos;
  } else {
    quote = value.find_first_of("\t\r\n") != std::string_view::npos ||
            (!value.empty() && value.front() == '"');
  }
  if (!quote) {
    out << value;
    return;
  }
  out << '"';
  for (char c : value) {
    if (c == '"') {
      out << '"';
    }
    out << c;
  }
  out << '"';
}

}  // namespace

void write_delimited(const TermBase& tb, std::ostream& out, char sep) {
  const char* eol = sep == ',' ? "\r\n" : "\n";
  auto langs = tb.languages();
  bool any_domain = false, any_def = false, any_note = false;
  struct LangAttrs {
    bool type = false, status = false, pos = false, note = false, definition = false,
         lang_note = false;
  };
  // Per-language definitions and notes may be in a language with no term.
  for (const auto& c : tb.concepts()) {
    for (const auto& info : c.languages) {
      if (!std::binary_search(langs.begin(), langs.end(), info.lang)) {
        langs.insert(std::lower_bound(langs.begin(), langs.end(), info.lang), info.lang);
      }
    }
  }
  // A header needs a language column to be read back: a term base without terms (a TBX
  // with an empty body) gets its declared language, else English.
  if (langs.empty()) {
    auto declared = LangTag::try_parse(tb.source_lang);
    langs.push_back(declared ? *declared : LangTag::parse("en"));
  }
  // A header column is read as a language only with a 2-3 letter language subtag (longer
  // names are other columns); TBX allows longer ones ("trkeis"): refuse rather than write
  // a header that cannot be read back.
  bool indonesian = false;
  for (const auto& l : langs) {
    indonesian |= text::ascii_lower(l.str()) == "id";
    // "pos" (a language code too) would be read as the part-of-speech column.
    if (text::ascii_lower(l.str()) != "id" && concept_field(text::ascii_lower(l.str()))) {
      throw Error(ErrorKind::invalid_argument,
                  "language " + quoted(l.str()) +
                      " cannot be a CSV/TSV column: the name is a column of its own; write TBX "
                      "instead");
    }
    if (!language_column(l.str())) {
      throw Error(ErrorKind::invalid_argument,
                  "language " + quoted(l.str()) +
                      " cannot be a CSV/TSV column (a column takes a language of 2 or 3 "
                      "letters, such as en, ko or en-US); write TBX instead");
    }
  }
  std::vector<LangAttrs> attrs(langs.size());
  std::vector<std::vector<std::string>> extra_types(langs.size());  // per language, in order
  auto lang_index = [&](const LangTag& lang) {
    return static_cast<std::size_t>(std::lower_bound(langs.begin(), langs.end(), lang) -
                                    langs.begin());
  };
  for (const auto& c : tb.concepts()) {
    any_domain |= !c.domain.empty();
    any_def |= !c.definition.empty();
    any_note |= !c.notes.empty();
    for (const auto& info : c.languages) {
      attrs[lang_index(info.lang)].definition |= !info.definition.empty();
      attrs[lang_index(info.lang)].lang_note |= !info.notes.empty();
    }
    for (const auto& t : c.terms) {
      auto li = static_cast<std::size_t>(std::lower_bound(langs.begin(), langs.end(), t.lang) -
                                         langs.begin());
      attrs[li].type |= t.type != glossary::TermType::unspecified;
      attrs[li].status |= t.status != glossary::TermStatus::unspecified;
      attrs[li].pos |= !t.part_of_speech.empty();
      attrs[li].note |= !t.note.empty();
      for (const auto& e : t.extra) {
        auto& types = extra_types[li];
        if (std::find(types.begin(), types.end(), e.type) == types.end()) {
          types.push_back(e.type);
        }
      }
    }
  }
  // With Indonesian ("id") among the languages, the id column is named concept_id.
  std::vector<std::string> header = {indonesian ? "concept_id" : "id"};
  for (const auto& l : langs) {
    header.push_back(l.str());
  }
  for (std::size_t i = 0; i < langs.size(); ++i) {
    const std::string& l = langs[i].str();
    if (attrs[i].type) {
      header.push_back(l + "_type");
    }
    if (attrs[i].status) {
      header.push_back(l + "_status");
    }
    if (attrs[i].pos) {
      header.push_back(l + "_pos");
    }
    if (attrs[i].note) {
      header.push_back(l + "_note");
    }
    for (const auto& type : extra_types[i]) {
      header.push_back(l + ":" + type);
    }
    if (attrs[i].definition) {
      header.push_back(l + "_definition");
    }
    if (attrs[i].lang_note) {
      header.push_back(l + "_lang_note");
    }
  }
  if (any_domain) {
    header.push_back("domain");
  }
  if (any_def) {
    header.push_back("definition");
  }
  if (any_note) {
    header.push_back("note");
  }
  std::vector<std::string> description_types;
  for (const auto& c : tb.concepts()) {
    for (const auto& d : c.descriptions) {
      if (std::find(description_types.begin(), description_types.end(), d.type) ==
          description_types.end()) {
        description_types.push_back(d.type);
      }
    }
  }
  for (const auto& type : description_types) {
    header.push_back(std::string(kDescripPrefix) + type);
  }
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (i) {
      out << sep;
    }
    write_field(out, header[i], sep);
  }
  out << eol;

  for (const auto& c : tb.concepts()) {
    std::vector<std::vector<const glossary::Term*>> by_lang(langs.size());
    for (const auto& t : c.terms) {
      auto li = static_cast<std::size_t>(std::lower_bound(langs.begin(), langs.end(), t.lang) -
                                         langs.begin());
      by_lang[li].push_back(&t);
    }
    std::size_t rows = std::max<std::size_t>(1, c.notes.size());
    for (const auto& v : by_lang) {
      rows = std::max(rows, v.size());
    }
    for (const auto& info : c.languages) {
      rows = std::max(rows, info.notes.size());
    }
    std::vector<std::vector<const std::string*>> described;
    for (const auto& type : description_types) {
      described.push_back(descriptions_of(c, type));
      rows = std::max(rows, described.back().size());
    }
    for (std::size_t r = 0; r < rows; ++r) {
      std::vector<std::string> cells = {c.id};
      auto term_at = [&](std::size_t li) -> const glossary::Term* {
        return r < by_lang[li].size() ? by_lang[li][r] : nullptr;
      };
      for (std::size_t li = 0; li < langs.size(); ++li) {
        const auto* t = term_at(li);
        cells.push_back(t ? t->text : "");
      }
      for (std::size_t li = 0; li < langs.size(); ++li) {
        const auto* t = term_at(li);
        if (attrs[li].type) {
          cells.push_back(t ? std::string(glossary::to_string(t->type)) : "");
        }
        if (attrs[li].status) {
          cells.push_back(t ? std::string(glossary::to_string(t->status)) : "");
        }
        if (attrs[li].pos) {
          cells.push_back(t ? t->part_of_speech : "");
        }
        if (attrs[li].note) {
          cells.push_back(t ? t->note : "");
        }
        for (const auto& type : extra_types[li]) {
          const std::string* v = t ? extra_of(*t, type) : nullptr;
          cells.push_back(v ? *v : "");
        }
        const auto* info = c.language_info(langs[li]);
        if (attrs[li].definition) {
          cells.push_back(info && r == 0 ? info->definition : "");
        }
        if (attrs[li].lang_note) {
          cells.push_back(info && r < info->notes.size() ? info->notes[r] : "");
        }
      }
      if (any_domain) {
        cells.push_back(r == 0 ? c.domain : "");
      }
      if (any_def) {
        cells.push_back(r == 0 ? c.definition : "");
      }
      if (any_note) {
        cells.push_back(r < c.notes.size() ? c.notes[r] : "");
      }
      for (const auto& texts : described) {
        cells.push_back(r < texts.size() ? *texts[r] : "");
      }
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) {
          out << sep;
        }
        write_field(out, cells[i], sep);
      }
      out << eol;
    }
  }
}

namespace {

std::string one_line(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') {
      c = ' ';
    }
  }
  return out;
}

}  // namespace

void write_omegat(const TermBase& tb, std::ostream& out, const TermBaseWriteOptions& options) {
  auto langs = tb.languages();
  LangTag src, tgt;
  if (!options.src_lang.empty()) {
    src = LangTag::parse(options.src_lang);
  } else if (!langs.empty()) {
    src = langs[0];
  }
  if (!options.tgt_lang.empty()) {
    tgt = LangTag::parse(options.tgt_lang);
  } else {
    for (const auto& l : langs) {
      if (l != src) {
        tgt = l;
        break;
      }
    }
  }
  if (src.empty() || tgt.empty()) {
    if (tb.empty()) {
      return;
    }
    throw Error(ErrorKind::invalid_argument,
                "an OmegaT glossary needs two languages; name them with --src-lang and "
                "--tgt-lang");
  }
  for (const auto& c : tb.concepts()) {
    const auto* target = c.preferred(tgt);
    std::string comment;
    for (const auto& n : c.notes) {
      comment += comment.empty() ? "" : "; ";
      comment += n;
    }
    for (const auto* s : c.terms_in(src)) {
      if (s->status == glossary::TermStatus::deprecated ||
          s->status == glossary::TermStatus::forbidden) {
        continue;
      }
      // OmegaT reads a line starting with '#' as a comment, and has no way to escape it.
      if (!s->text.empty() && s->text.front() == '#') {
        throw Error(ErrorKind::invalid_argument,
                    "term " + quoted(s->text) + " of concept " + quoted(c.id) +
                        " starts with '#', which OmegaT reads as a comment line");
      }
      out << one_line(s->text) << '\t' << (target ? one_line(target->text) : "");
      if (!comment.empty()) {
        out << '\t' << one_line(comment);
      }
      out << '\n';
    }
  }
}

namespace {

// The rows written for an edited concept, with each cell whose value the edit left as it was
// read (the same once NFC-normalized) given back in the file's own code points: the
// compatibility Hanja of a KS X 1001 sheet (U+F900 ...) name readings their unified twins do
// not, and a cell the user did not change should not change. Rows are matched by position.
std::string keep_cells(const std::string& rows, const std::vector<std::vector<std::string>>& old,
                       char sep, std::string_view eol, std::string_view name) {
  RowReader reader(rows, sep, name);
  Row row;
  std::ostringstream out;
  bool kept = false;
  for (std::size_t r = 0; reader.next(row); ++r) {
    for (std::size_t i = 0; i < row.fields.size(); ++i) {
      if (r < old.size() && i < old[r].size() && old[r][i] != row.fields[i] &&
          text::normalize(old[r][i], text::NormalForm::nfc) == row.fields[i]) {
        row.fields[i] = old[r][i];
        kept = true;
      }
      if (i) {
        out << sep;
      }
      write_field(out, row.fields[i], sep);
    }
    out << eol;
  }
  return kept ? out.str() : rows;
}

// The rows of `c` laid out by an existing header. Throws when the header cannot hold them.
// With `add` given, a missing column other than a language's is named there (once) instead,
// for the caller to add to the header; the rows returned are then incomplete.
std::string format_rows(const glossary::Concept& c, const std::vector<Column>& cols, char sep,
                        std::string_view eol, std::vector<std::string>* add = nullptr) {
  auto missing = [&](const std::string& what, const std::string& column = {}) {
    if (add && !column.empty()) {
      if (std::find(add->begin(), add->end(), column) == add->end()) {
        add->push_back(column);
      }
      return;
    }
    throw Error(ErrorKind::invalid_argument, "the file's header has no " + what +
                                                 " column for concept " + quoted(c.id) +
                                                 "; add it to the header first");
  };
  auto has_col = [&](Field f, const std::optional<LangTag>& lang) {
    return std::any_of(cols.begin(), cols.end(),
                       [&](const Column& col) { return col.field == f && col.lang == lang; });
  };
  std::map<LangTag, std::vector<const glossary::Term*>> by_lang;
  for (const auto& t : c.terms) {
    if (!has_col(Field::term, t.lang)) {
      missing(quoted(t.lang.str()));
    }
    by_lang[t.lang].push_back(&t);
  }
  std::size_t rows = 1;
  for (const auto& [lang, terms] : by_lang) {
    rows = std::max(rows, terms.size());
  }
  if (!c.notes.empty()) {
    if (!has_col(Field::note, std::nullopt)) {
      missing("'note'", "note");
    }
    rows = std::max(rows, c.notes.size());
  }
  if (!c.domain.empty() && !has_col(Field::domain, std::nullopt)) {
    missing("'domain'", "domain");
  }
  if (!c.definition.empty() && !has_col(Field::definition, std::nullopt)) {
    missing("'definition'", "definition");
  }
  for (const auto& d : c.descriptions) {
    bool have = std::any_of(cols.begin(), cols.end(), [&](const Column& col) {
      return col.field == Field::description && col.type == d.type;
    });
    if (!have) {
      missing(quoted(std::string(kDescripPrefix) + d.type), std::string(kDescripPrefix) + d.type);
    }
    rows = std::max(rows, descriptions_of(c, d.type).size());
  }
  for (const auto& info : c.languages) {
    if (!info.definition.empty() && !has_col(Field::definition, info.lang)) {
      missing(quoted(info.lang.str() + "_definition"), info.lang.str() + "_definition");
    }
    if (!info.notes.empty() && !has_col(Field::lang_note, info.lang)) {
      missing(quoted(info.lang.str() + "_lang_note"), info.lang.str() + "_lang_note");
    }
    rows = std::max(rows, info.notes.size());
  }
  // Without an id column, rows belong together by their first term (see row_id): every row
  // repeats it, in the first term column the concept fills, which needs it to be that
  // language's only term.
  std::optional<std::size_t> key_col;
  if (!has_col(Field::id, std::nullopt)) {
    for (std::size_t i = 0; i < cols.size() && !key_col; ++i) {
      if (cols[i].field == Field::term && by_lang.count(*cols[i].lang)) {
        key_col = i;
        if (by_lang[*cols[i].lang].size() > 1) {
          throw Error(ErrorKind::invalid_argument,
                      "the file has no id column, so a concept's rows are tied by their " +
                          cols[i].lang->str() + " term, and concept " + quoted(c.id) +
                          " would have two; add an id column to keep synonyms in " +
                          cols[i].lang->str());
        }
      }
    }
  }
  std::ostringstream out;
  for (std::size_t r = 0; r < rows; ++r) {
    auto term_at = [&](const LangTag& lang) -> const glossary::Term* {
      auto it = by_lang.find(lang);
      return it != by_lang.end() && r < it->second.size() ? it->second[r] : nullptr;
    };
    // Which attributes of which terms this row's cells take, to find ones with no column.
    std::map<const glossary::Term*, int> placed;  // bit 1 status, 2 type, 4 pos, 8 note
    std::vector<std::string> cells;
    for (const auto& col : cols) {
      std::string v;
      auto row_wide = [&](int bit, auto get) {
        for (const auto& [lang, terms] : by_lang) {
          const auto* t = term_at(lang);
          if (!t || has_col(col.field, lang)) {
            continue;
          }
          std::string tv = get(*t);
          if (!v.empty() && !tv.empty() && tv != v) {
            throw Error(ErrorKind::invalid_argument,
                        "concept " + quoted(c.id) + ": the terms of row " + std::to_string(r + 1) +
                            " need different values in the shared '" +
                            (bit == 1   ? "status"
                             : bit == 2 ? "type"
                                        : "pos") +
                            "' column; add per-language columns such as en_status");
          }
          if (v.empty()) {
            v = tv;
          }
          placed[t] |= bit;
        }
      };
      auto status = [](const glossary::Term& t) {
        return std::string(glossary::to_string(t.status));
      };
      auto type = [](const glossary::Term& t) { return std::string(glossary::to_string(t.type)); };
      auto pos = [](const glossary::Term& t) { return t.part_of_speech; };
      switch (col.field) {
        case Field::id:
          v = c.id;
          break;
        case Field::term:
          if (const auto* t = term_at(*col.lang)) {
            v = t->text;
          }
          break;
        case Field::note:
          if (col.lang) {
            if (const auto* t = term_at(*col.lang)) {
              v = t->note;
              placed[t] |= 8;
            }
          } else if (r < c.notes.size()) {
            v = c.notes[r];
          }
          break;
        case Field::definition:
          if (col.lang) {
            const auto* info = c.language_info(*col.lang);
            v = info && r == 0 ? info->definition : "";
          } else {
            v = r == 0 ? c.definition : "";
          }
          break;
        case Field::lang_note:
          if (const auto* info = c.language_info(*col.lang); info && r < info->notes.size()) {
            v = info->notes[r];
          }
          break;
        case Field::description:
          if (auto texts = descriptions_of(c, col.type); r < texts.size()) {
            v = *texts[r];
          }
          break;
        case Field::term_extra:
          if (const auto* t = term_at(*col.lang)) {
            if (const std::string* e = extra_of(*t, col.type)) {
              v = *e;
            }
          }
          break;
        case Field::domain:
          v = r == 0 ? c.domain : "";
          break;
        case Field::status:
        case Field::type:
        case Field::pos: {
          int bit = col.field == Field::status ? 1 : col.field == Field::type ? 2 : 4;
          auto get = [&](const glossary::Term& t) {
            return bit == 1 ? status(t) : bit == 2 ? type(t) : pos(t);
          };
          if (col.lang) {
            if (const auto* t = term_at(*col.lang)) {
              v = get(*t);
              placed[t] |= bit;
            }
          } else {
            row_wide(bit, get);
          }
          break;
        }
        default:
          break;
      }
      cells.push_back(std::move(v));
    }
    for (const auto& [lang, terms] : by_lang) {
      const auto* t = term_at(lang);
      if (!t) {
        continue;
      }
      int have = placed[t];
      if (t->status != glossary::TermStatus::unspecified && !(have & 1)) {
        missing("status (" + lang.str() + "_status)", lang.str() + "_status");
      }
      if (t->type != glossary::TermType::unspecified && !(have & 2)) {
        missing("type (" + lang.str() + "_type)", lang.str() + "_type");
      }
      if (!t->part_of_speech.empty() && !(have & 4)) {
        missing("part-of-speech (" + lang.str() + "_pos)", lang.str() + "_pos");
      }
      if (!t->note.empty() && !(have & 8)) {
        missing("term note (" + lang.str() + "_note)", lang.str() + "_note");
      }
      for (const auto& e : t->extra) {
        // `want`, not the structured binding itself: clang 14 cannot capture those.
        bool have_col = std::any_of(cols.begin(), cols.end(), [&, &want = lang](const Column& col) {
          return col.field == Field::term_extra && col.lang == want && col.type == e.type;
        });
        if (!have_col) {
          missing(quoted(lang.str() + ":" + e.type), lang.str() + ":" + e.type);
        }
      }
    }
    if (key_col && cells[*key_col].empty()) {
      cells[*key_col] = by_lang[*cols[*key_col].lang].front()->text;
    }
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) {
        out << sep;
      }
      write_field(out, cells[i], sep);
    }
    out << eol;
  }
  return out.str();
}

}  // namespace

std::string edit_delimited(std::string_view data, char sep, std::string_view name,
                           std::string_view id, const glossary::Concept* replacement) {
  if (data.substr(0, 2) == "\xFF\xFE" || data.substr(0, 2) == "\xFE\xFF") {
    throw Error(ErrorKind::invalid_argument,
                "editing in place needs a UTF-8 file; convert " + quoted(name) + " first");
  }
  text::check_utf8(data, name);
  RowReader reader(data, sep, name);
  Row row;
  std::vector<Column> cols;
  bool have_header = false;
  std::optional<std::size_t> id_col;
  std::string eol = sep == ',' ? "\r\n" : "\n";
  std::vector<std::pair<std::size_t, std::size_t>> matches;  // byte ranges of the id's rows
  std::optional<std::size_t> sorted_at;                      // first row with a greater id
  bool sorted = true;
  std::string prev_id;
  std::size_t header_end = 0;
  std::pair<std::size_t, std::size_t> header_span;
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // every other non-blank row
  std::vector<std::vector<std::string>> old_rows;          // the cells of the id's rows
  while (reader.next(row)) {
    if (blank_row(row)) {
      continue;
    }
    if (!have_header) {
      std::string_view h = data.substr(row.begin, row.end - row.begin);
      if (h.size() >= 2 && h.substr(h.size() - 2) == "\r\n") {
        eol = "\r\n";
      } else if (!h.empty() && h.back() == '\n') {
        eol = "\n";
      }
      // A BOM belongs to the first field; drop it for the header check.
      if (!row.fields.empty() && row.fields[0].substr(0, 3) == "\xEF\xBB\xBF") {
        row.fields[0].erase(0, 3);
      }
      cols = parse_header(row, reader, name);
      for (std::size_t i = 0; i < cols.size(); ++i) {
        if (cols[i].field == Field::id) {
          id_col = i;
        }
      }
      have_header = true;
      header_span = {row.begin, row.end};
      header_end = row.end;
      continue;
    }
    spans.emplace_back(row.begin, row.end);
    if (id_col && row.fields.size() <= *id_col) {
      continue;
    }
    std::string rid = row_id(row, cols, id_col);
    if (rid == id) {
      matches.emplace_back(row.begin, row.end);
      old_rows.push_back(row.fields);
    }
    if (rid < prev_id) {
      sorted = false;
    }
    if (!sorted_at && rid > std::string(id)) {
      sorted_at = row.begin;
    }
    prev_id = rid;
  }
  if (!have_header) {
    throw Error(ErrorKind::invalid_argument, quoted(name) + " has no header row to edit");
  }
  if (replacement) {
    std::vector<std::string> add;
    format_rows(*replacement, cols, sep, eol, &add);
    if (!add.empty()) {
      // Columns at the end of the header, an empty cell for them at the end of every row;
      // then the edit proper, on a file that has the columns.
      std::string cells;
      for (const auto& column : add) {
        cells += sep;
        cells += column;
      }
      std::string empty(add.size(), sep);
      auto content_end = [&](std::size_t begin, std::size_t end) {
        while (end > begin && (data[end - 1] == '\n' || data[end - 1] == '\r')) {
          --end;
        }
        return end;
      };
      std::string widened;
      std::size_t copied = 0;
      auto widen = [&](std::pair<std::size_t, std::size_t> span, const std::string& tail) {
        std::size_t at = content_end(span.first, span.second);
        widened.append(data.substr(copied, at - copied));
        widened += tail;
        copied = at;
      };
      widen(header_span, cells);
      for (const auto& span : spans) {
        widen(span, empty);
      }
      widened.append(data.substr(copied));
      return edit_delimited(widened, sep, name, id, replacement);
    }
  }
  std::string rows = replacement ? format_rows(*replacement, cols, sep, eol) : "";
  std::string out;
  if (matches.empty()) {
    if (!replacement) {
      throw Error(ErrorKind::invalid_argument, "no concept " + quoted(id) + " in " + quoted(name));
    }
    if (!id_col) {
      // The new rows must name the concept the way the file will read it back.
      RowReader new_rows(rows, sep, name);
      Row first;
      new_rows.next(first);
      std::string derived = row_id(first, cols, id_col);
      if (derived != id) {
        throw Error(ErrorKind::invalid_argument,
                    quoted(name) + " has no id column: a concept is named by its first term, " +
                        "so this one would be " + quoted(derived) + ", not " + quoted(id) +
                        "; use that id, or add an id column");
      }
    }
    std::size_t at = sorted && sorted_at ? *sorted_at : data.size();
    out.assign(data.substr(0, at));
    if (at == data.size() && !out.empty() && out.back() != '\n' && out.back() != '\r') {
      out += eol;
    }
    if (header_end == data.size() && at == data.size() && out.back() != '\n') {
      out += eol;
    }
    out += rows;
    out.append(data.substr(at));
    return out;
  }
  rows = keep_cells(rows, old_rows, sep, eol, name);
  std::size_t pos = 0;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    out.append(data.substr(pos, matches[i].first - pos));
    if (i == 0) {
      out += rows;
    }
    pos = matches[i].second;
  }
  // A last row without a line end: the replacement brought one.
  out.append(data.substr(pos));
  return out;
}

}  // namespace termbridge::io
