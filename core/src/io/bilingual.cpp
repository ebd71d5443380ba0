#include "termbridge/io/bilingual.hpp"

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
    fields.back() += '\n';
    line = std::move(more);
    i = 0;
  }
}

}  // namespace

BilingualLangs read_bilingual(std::istream& in, const std::string& name, Format format,
                              const std::function<void(tm::TranslationUnit&&)>& consumer,
                              BilingualReadOptions options) {
  text::LineReader reader(in, name, std::string_view(options.encoding));
  if (options.on_sniffed) {
    reader.on_sniffed(options.on_sniffed);
  }
  BilingualLangs langs{options.src_lang, options.tgt_lang};
  std::vector<std::string> fields;
  std::string line;
  auto next = [&]() {
    if (format == Format::csv) {
      return read_csv_record(reader, fields);
    }
    if (!reader.next(line)) {
      return false;
    }
    fields = split_tsv(line);
    return true;
  };
  auto where = [&]() { return SourceLocation{name, reader.line_number(), 0}; };
  bool first = true;
  std::uint64_t row = 0;
  while (next()) {
    if (fields.size() == 1 && fields[0].empty()) {
      continue;  // blank line
    }
    if (first && format != Format::omegat_tsv) {
      first = false;
      auto s = fields.size() >= 2 ? LangTag::try_parse(fields[0]) : std::nullopt;
      auto t = fields.size() >= 2 ? LangTag::try_parse(fields[1]) : std::nullopt;
      if (s && t) {
        if (langs.src.empty()) {
          langs.src = *s;
        }
        if (langs.tgt.empty()) {
          langs.tgt = *t;
        }
        continue;
      }
      if (langs.src.empty() || langs.tgt.empty()) {
        throw Error(ErrorKind::parse,
                    "expected a header of two language tags (e.g. \"ko<TAB>en\"), found " +
                        quoted(fields[0]) + "; or give --src-lang and --tgt-lang",
                    where());
      }
    }
    first = false;
    if (langs.src.empty() || langs.tgt.empty()) {
      throw Error(
          ErrorKind::invalid_argument,
          "the languages of " + quoted(name) + " are not known; give --src-lang and --tgt-lang");
    }
    ++row;
    if (fields.size() < 2) {
      std::string message =
          "row has " + std::to_string(fields.size()) + " field; expected source and target";
      if (options.on_bad_entry == OnBadEntry::fail) {
        throw Error(ErrorKind::parse, message, where());
      }
      if (options.on_bad_entry == OnBadEntry::warn && options.diagnostics != nullptr) {
        options.diagnostics->warn(where(), message + "; skipped");
      }
      continue;
    }
    tm::TranslationUnit unit;
    unit.id = std::to_string(row);
    unit.variants.push_back({langs.src, {std::move(fields[0]), {}}, {}, {}, {}});
    unit.variants.push_back({langs.tgt, {std::move(fields[1]), {}}, {}, {}, {}});
    if (fields.size() > 2 && !fields[2].empty()) {
      unit.notes.push_back(std::move(fields[2]));
    }
    consumer(std::move(unit));
  }
  return langs;
}

BilingualWriter::BilingualWriter(std::ostream& out, Format format, LangTag src, LangTag tgt)
    : out_(out), format_(format), src_(std::move(src)), tgt_(std::move(tgt)) {
  if (format_ != Format::omegat_tsv) {
    field(src_.str());
    out_ << (format_ == Format::csv ? ',' : '\t');
    field(tgt_.str());
    out_ << '\n';
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
  out_ << '\n';
  return true;
}

}  // namespace termbridge::io
