#include "termbridge/io/bilingual.hpp"

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "termbridge/base/error.hpp"
#include "termbridge/text/decode.hpp"

namespace termbridge::io {

namespace {

std::vector<std::string> split_tsv(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    auto tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) {
      return out;
    }
    start = tab + 1;
  }
}

// One CSV record, which may span several lines when a quoted field holds a line break.
// Returns false at the end of the input.
bool read_csv_record(text::LineReader& reader, std::vector<std::string>& fields) {
  std::string line;
  if (!reader.next(line)) {
    return false;
  }
  fields.assign(1, {});
  bool quoted_field = false;
  std::size_t i = 0;
  const std::uint64_t first_line = reader.line_number();
  std::uint64_t record_bytes = line.size();
  while (true) {
    for (; i < line.size(); ++i) {
      char c = line[i];
      if (quoted_field) {
        if (c == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            fields.back() += '"';
            ++i;
          } else {
            quoted_field = false;
          }
        } else {
          fields.back() += c;
        }
      } else if (c == '"' && fields.back().empty()) {
        quoted_field = true;
      } else if (c == ',') {
        fields.emplace_back();
      } else {
        fields.back() += c;
      }
    }
    if (!quoted_field) {
      return true;
    }
    std::string more;
    if (!reader.next(more)) {
      throw Error(ErrorKind::parse, "quoted CSV field not closed at the end of the file",
                  SourceLocation{reader.source_name(), reader.line_number(), 0});
    }
    // A quote never closed must not gather the rest of an endless input into one record.
    record_bytes += more.size() + 1;
    if (record_bytes > text::read_limits().max_line) {
      throw Error(ErrorKind::parse,
                  "CSV record longer than the limit of " +
                      text::format_size(text::read_limits().max_line) +
                      " (a quoted field not closed?); --max-line raises it",
                  SourceLocation{reader.source_name(), first_line, 1});
    }
    fields.back() += '\n';
    line = std::move(more);
    i = 0;
  }
}

}  // namespace

bool is_alignment_score(const std::string& v) {
  if (v.empty()) {
    return false;
  }
  char* end = nullptr;
  std::strtod(v.c_str(), &end);
  return end != nullptr && *end == '\0';
}

struct BilingualReader::Impl {
  Impl(std::istream& in, std::string n, Format f, BilingualReadOptions o)
      : name(std::move(n)),
        format(f),
        options(std::move(o)),
        reader(in, name, std::string_view(options.encoding)) {}

  std::string name;
  Format format;
  BilingualReadOptions options;
  text::LineReader reader;
  BilingualLangs langs;
  std::vector<std::string> fields;
  std::string line;
  bool pending = false;       // `fields` holds the first row, which was not a header
  bool swap = false;          // the header names the languages the other way round
  bool score_column = false;  // the header names a third column "score"
  // A header of three language tags or more ("ko<TAB>en<TAB>ja"): the languages of all the
  // columns, in order; each row is then a unit in all of them. Empty for a bilingual table.
  std::vector<LangTag> columns;
  std::uint64_t row = 0;

  // The next row that is not blank into `fields`; false at the end.
  bool next_row() {
    while (true) {
      if (format == Format::csv) {
        if (!read_csv_record(reader, fields)) {
          return false;
        }
      } else {
        if (!reader.next(line)) {
          return false;
        }
        fields = split_tsv(line);
      }
      if (!(fields.size() == 1 && fields[0].empty())) {
        return true;
      }
    }
  }

  SourceLocation where() const { return SourceLocation{name, reader.line_number(), 0}; }

  void read_header() {
    langs = {options.src_lang, options.tgt_lang};
    bool given = !langs.src.empty() && !langs.tgt.empty();
    if (format == Format::omegat_tsv || !next_row()) {
      return;
    }
    auto s = fields.size() >= 2 ? LangTag::try_parse(fields[0]) : std::nullopt;
    auto t = fields.size() >= 2 ? LangTag::try_parse(fields[1]) : std::nullopt;
    bool named = fields.size() >= 2 && (fields[0] == "src" || fields[0] == "source") &&
                 (fields[1] == "tgt" || fields[1] == "target");
    if (named) {
      // As `termbridge align --format tsv` writes it: the languages are given.
      score_column = fields.size() >= 3 && fields[2] == "score";
      return;
    }
    if (s && t && fields.size() >= 3 && is_language_row(fields)) {
      for (const auto& f : fields) {
        columns.push_back(LangTag::parse(f));
      }
      langs.src = langs.src.empty() ? *s : langs.src;
      langs.tgt = langs.tgt.empty() ? *t : langs.tgt;
      return;
    }
    if (s && t && fields.size() <= 3) {
      // "ko<TAB>en<TAB>score" as align --format tsv writes it: the third column is a score.
      score_column = fields.size() == 3 && fields[2] == "score";
      if (!given) {
        langs.src = langs.src.empty() ? *s : langs.src;
        langs.tgt = langs.tgt.empty() ? *t : langs.tgt;
      } else {
        // Columns named the other way round from the languages asked for are swapped.
        swap = s->matches(langs.tgt) && t->matches(langs.src) && !s->matches(langs.src);
      }
      return;
    }
    pending = true;
  }

  void require_langs() const {
    if (langs.src.empty() || langs.tgt.empty()) {
      throw Error(ErrorKind::invalid_argument,
                  std::string(langs.src.empty() ? "--src-lang" : "--tgt-lang") +
                      " is required: the languages of " + quoted(name) +
                      " are not known (no header of two language tags, e.g. \"ko<TAB>en\"); "
                      "give --src-lang and --tgt-lang");
    }
  }

  bool is_number(const std::string& v) const { return is_alignment_score(v); }

  // Whether every field after the first two is a language tag of a two- or three-letter
  // language ("ja", "zh-Hant"; not "score", nor a word such as "notes" that BCP 47 would
  // allow), so that a table of three languages or more is read as one.
  static bool is_language_row(const std::vector<std::string>& header) {
    for (std::size_t i = 2; i < header.size(); ++i) {
      auto tag = LangTag::try_parse(header[i]);
      if (!tag || tag->language().size() > 3) {
        return false;
      }
    }
    return true;
  }

  // A row of a table of three languages or more: a variant per non-empty cell, the source
  // and target languages first.
  void multilingual_unit(tm::TranslationUnit& unit) {
    std::vector<tm::Variant> cells;
    for (std::size_t i = 0; i < columns.size() && i < fields.size(); ++i) {
      if (!fields[i].empty()) {
        cells.push_back({columns[i], {std::move(fields[i]), {}}, {}, {}, {}});
      }
    }
    for (const LangTag* lang : {&langs.src, &langs.tgt}) {
      auto it = std::find_if(cells.begin(), cells.end(),
                             [&](const tm::Variant& v) { return v.lang.matches(*lang); });
      if (it != cells.end()) {
        unit.variants.push_back(std::move(*it));
        cells.erase(it);
      }
    }
    for (auto& v : cells) {
      unit.variants.push_back(std::move(v));
    }
  }

  bool next(tm::TranslationUnit& unit) {
    while (true) {
      if (pending) {
        pending = false;
      } else if (!next_row()) {
        return false;
      }
      ++row;
      if (fields.size() < 2) {
        std::string message = format == Format::csv ? "row has 1 field; expected source and target"
                                                    : "expected source<TAB>target, found no tab";
        if (options.on_bad_entry == OnBadEntry::fail) {
          throw Error(ErrorKind::parse, message, where());
        }
        if (options.on_bad_entry == OnBadEntry::warn && options.diagnostics != nullptr) {
          options.diagnostics->warn(where(), message + "; skipped");
        }
        continue;
      }
      if (swap) {
        std::swap(fields[0], fields[1]);
      }
      unit = tm::TranslationUnit{};
      unit.id = std::to_string(row);
      if (!columns.empty()) {
        multilingual_unit(unit);
        return true;
      }
      unit.variants.push_back({langs.src, {std::move(fields[0]), {}}, {}, {}, {}});
      unit.variants.push_back({langs.tgt, {std::move(fields[1]), {}}, {}, {}, {}});
      if (fields.size() > 2 && !fields[2].empty()) {
        // A third TSV column is an alignment score when it is a number (align --format tsv);
        // else, and in CSV and OmegaT, a comment.
        if (format == Format::tsv && (score_column || is_number(fields[2]))) {
          if (!is_number(fields[2])) {
            SourceLocation at = where();
            at.column =
                unit.variants[0].segment.text.size() + unit.variants[1].segment.text.size() + 3;
            throw Error(
                ErrorKind::parse,
                "expected an alignment score in the third column, found " + quoted(fields[2]), at);
          }
          unit.props.push_back({"x-align-score", fields[2]});
        } else {
          unit.notes.push_back(std::move(fields[2]));
        }
      }
      return true;
    }
  }
};

BilingualReader::BilingualReader(std::istream& in, std::string name, Format format,
                                 BilingualReadOptions options)
    : impl_(std::make_unique<Impl>(in, std::move(name), format, std::move(options))) {
  if (impl_->options.on_sniffed) {
    impl_->reader.on_sniffed(impl_->options.on_sniffed);
  }
  impl_->read_header();
  impl_->require_langs();
}

BilingualReader::~BilingualReader() = default;

const BilingualLangs& BilingualReader::langs() const noexcept {
  return impl_->langs;
}

bool BilingualReader::next(tm::TranslationUnit& unit) {
  return impl_->next(unit);
}

std::uint64_t BilingualReader::bytes_read() const noexcept {
  return impl_->reader.bytes_read();
}

BilingualLangs read_bilingual(std::istream& in, const std::string& name, Format format,
                              const std::function<void(tm::TranslationUnit&&)>& consumer,
                              BilingualReadOptions options) {
  BilingualReader reader(in, name, format, std::move(options));
  tm::TranslationUnit unit;
  while (reader.next(unit)) {
    consumer(std::move(unit));
  }
  return reader.langs();
}

BilingualWriter::BilingualWriter(std::ostream& out, Format format, LangTag src, LangTag tgt,
                                 bool score_column)
    : out_(out),
      format_(format),
      src_(std::move(src)),
      tgt_(std::move(tgt)),
      score_column_(score_column && format == Format::tsv) {
  if (format_ != Format::omegat_tsv) {
    field(src_.str());
    out_ << (format_ == Format::csv ? ',' : '\t');
    field(tgt_.str());
    out_ << (score_column_ ? "\tscore\n" : "\n");
  }
}

void BilingualWriter::field(std::string_view value) {
  if (format_ == Format::csv) {
    if (value.find_first_of(",\"\n\r") == std::string_view::npos) {
      out_ << value;
      return;
    }
    out_ << '"';
    for (char c : value) {
      if (c == '"') {
        out_ << '"';
      }
      out_ << c;
    }
    out_ << '"';
    return;
  }
  for (char c : value) {
    out_ << ((c == '\t' || c == '\n' || c == '\r') ? ' ' : c);
  }
}

bool BilingualWriter::write(const tm::TranslationUnit& unit) {
  const auto* s = unit.find(src_);
  const auto* t = unit.find(tgt_);
  if (s == nullptr || t == nullptr) {
    return false;
  }
  const char sep = format_ == Format::csv ? ',' : '\t';
  field(s->segment.text);
  out_ << sep;
  field(t->segment.text);
  if (format_ == Format::omegat_tsv && !unit.notes.empty()) {
    out_ << sep;
    field(unit.notes.front());
  }
  if (score_column_) {
    out_ << sep;
    for (const auto& p : unit.props) {
      if (p.type == "x-align-score") {
        // A score the column cannot hold (a TMX prop "0.91[") is left out: read back, the
        // column would refuse it.
        if (is_alignment_score(p.value)) {
          field(p.value);
        }
        break;
      }
    }
  }
  out_ << '\n';
  return true;
}

}  // namespace termbridge::io
