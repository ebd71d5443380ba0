#include "termbridge/io/units.hpp"

#include <optional>

#include "termbridge/base/error.hpp"
#include "termbridge/io/bilingual.hpp"

namespace termbridge::io {

bool is_xliff(Format format) {
  return format == Format::xliff12 || format == Format::xliff20 || format == Format::xliff21;
}

bool is_table(Format format) {
  return format == Format::tsv || format == Format::csv || format == Format::omegat_tsv;
}

bool is_unit_format(Format format) {
  return format == Format::tmx || is_xliff(format) || is_table(format);
}

XliffVersion xliff_version_of(Format format) {
  switch (format) {
    case Format::xliff12:
      return XliffVersion::v12;
    case Format::xliff20:
      return XliffVersion::v20;
    case Format::xliff21:
      return XliffVersion::v21;
    default:
      throw Error(ErrorKind::invalid_argument,
                  std::string(format_name(format)) + " is not an XLIFF format");
  }
}

namespace {

bool same_lang(const LangTag& a, const LangTag& b) {
  return a.matches(b) || b.matches(a);
}

// True when the unit has a variant tagged exactly `lang` besides its source.
bool has_target(const tm::TranslationUnit& unit, const LangTag& src, const LangTag& lang) {
  const tm::Variant* s = unit.find_language(src);
  for (const auto& v : unit.variants) {
    if (&v != s && v.lang == lang) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<LangTag> target_languages(const std::vector<tm::TranslationUnit>& units,
                                      const LangTag& src) {
  std::vector<LangTag> out;
  for (const auto& unit : units) {
    const tm::Variant* s = unit.find_language(src);
    for (const auto& v : unit.variants) {
      if (&v == s) {
        continue;
      }
      bool seen = false;
      for (const auto& l : out) {
        seen = seen || l == v.lang;
      }
      if (!seen) {
        out.push_back(v.lang);
      }
    }
  }
  return out;
}

// ---- reading ----

struct UnitReader::Impl {
  std::string name;
  Format format;
  LangTag src;
  LangTag tgt;
  std::unique_ptr<TmxReader> tmx;
  std::unique_ptr<BilingualReader> table;
  std::optional<tm::Document> document;
  XliffVersion version = XliffVersion::v12;
  std::vector<tm::TranslationUnit> units;  // XLIFF's, or the unit read ahead
  std::size_t next_unit = 0;
  std::uint64_t size = 0;  // XLIFF: bytes of the document

  bool pull(tm::TranslationUnit& unit) {
    if (next_unit < units.size()) {
      unit = std::move(units[next_unit++]);
      return true;
    }
    if (tmx) {
      return tmx->next(unit);
    }
    if (table) {
      return table->next(unit);
    }
    return false;
  }
};

UnitReader::UnitReader(std::istream& in, std::string name, Format format, UnitReadOptions options)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.name = std::move(name);
  m.format = format;
  if (format == Format::tmx) {
    TmxReadOptions o;
    o.keep_inline_codes = options.keep_inline_codes;
    o.on_bad_entry = options.on_bad_entry;
    o.diagnostics = options.diagnostics;
    m.tmx = std::make_unique<TmxReader>(in, m.name, o);
    m.src = m.tmx->header().source();
  } else if (is_xliff(format)) {
    XliffReadOptions o;
    o.keep_inline_codes = options.keep_inline_codes;
    o.on_bad_entry = options.on_bad_entry;
    o.diagnostics = options.diagnostics;
    m.document = read_xliff(in, m.name, o, &m.version);
    // An XLIFF 1.2 document in several language pairs (its files name their own) keeps
    // the one asked for; otherwise the options name the document's languages.
    bool several = false;
    for (const auto& f : m.document->files) {
      several = several || !f.src_lang.empty();
    }
    if (several && (!options.src_lang.empty() || !options.tgt_lang.empty())) {
      tm::select_pair(*m.document, options.src_lang, options.tgt_lang);
    }
    if (!options.src_lang.empty()) {
      m.document->src_lang = options.src_lang;
    }
    if (!options.tgt_lang.empty()) {
      m.document->tgt_lang = options.tgt_lang;
    }
    m.src = m.document->src_lang;
    m.tgt = m.document->tgt_lang;
    m.units = tm::to_translation_units(*m.document);
  } else if (is_table(format)) {
    BilingualReadOptions o;
    o.on_bad_entry = options.on_bad_entry;
    o.diagnostics = options.diagnostics;
    o.src_lang = options.src_lang;
    o.tgt_lang = options.tgt_lang;
    o.encoding = options.encoding;
    o.on_sniffed = options.on_sniffed;
    m.table = std::make_unique<BilingualReader>(in, m.name, format, std::move(o));
    m.src = m.table->langs().src;
    m.tgt = m.table->langs().tgt;
  } else {
    throw Error(ErrorKind::invalid_argument,
                quoted(m.name) + " is " + std::string(format_name(format)) +
                    ", which holds no translation units (tmx, xliff12, xliff20, xliff21, tsv, "
                    "csv or omegat-tsv)");
  }
  if (!options.src_lang.empty()) {
    m.src = options.src_lang;
  }
  if (!options.tgt_lang.empty()) {
    m.tgt = options.tgt_lang;
  }
  // Languages not declared: learn them from the first unit, kept for next(). A TMX reader
  // may take a variant of another region as the source (srclang en-GB over en-US units); it
  // puts that variant first, and its language is then the source.
  bool tmx_source = format == Format::tmx && options.src_lang.empty() && !m.src.empty();
  if ((m.src.empty() && options.learn_src_lang) || (!m.src.empty() && m.tgt.empty()) ||
      tmx_source) {
    tm::TranslationUnit first;
    if (m.pull(first)) {
      if (!first.variants.empty() && ((m.src.empty() && options.learn_src_lang) ||
                                      (tmx_source && first.find(m.src) == nullptr))) {
        m.src = first.variants[0].lang;
      }
      for (const auto& v : first.variants) {
        if (m.tgt.empty() && !m.src.empty() && !same_lang(v.lang, m.src)) {
          m.tgt = v.lang;
        }
      }
      m.units.insert(m.units.begin() + static_cast<std::ptrdiff_t>(m.next_unit), std::move(first));
    }
  }
}

UnitReader::~UnitReader() = default;

Format UnitReader::format() const noexcept {
  return impl_->format;
}

const std::string& UnitReader::name() const noexcept {
  return impl_->name;
}

const LangTag& UnitReader::src_lang() const noexcept {
  return impl_->src;
}

const LangTag& UnitReader::tgt_lang() const noexcept {
  return impl_->tgt;
}

const TmxHeader* UnitReader::tmx_header() const noexcept {
  return impl_->tmx ? &impl_->tmx->header() : nullptr;
}

const tm::Document* UnitReader::document() const noexcept {
  return impl_->document ? &*impl_->document : nullptr;
}

XliffVersion UnitReader::xliff_version() const noexcept {
  return impl_->version;
}

bool UnitReader::next(tm::TranslationUnit& unit) {
  return impl_->pull(unit);
}

std::uint64_t UnitReader::bytes_read() const noexcept {
  if (impl_->tmx) {
    return impl_->tmx->bytes_read();
  }
  if (impl_->table) {
    return impl_->table->bytes_read();
  }
  return 0;
}

// ---- writing ----

struct UnitWriter::Impl {
  std::ostream& out;
  Format format;
  UnitWriteOptions options;
  std::unique_ptr<TmxWriter> tmx;
  std::unique_ptr<BilingualWriter> table;  // made at the first unit (or at finish())
  std::vector<tm::TranslationUnit> units;  // XLIFF, written by finish()
  std::uint64_t written = 0;
  std::uint64_t left_out = 0;
  bool finished = false;

  Impl(std::ostream& o, Format f, UnitWriteOptions opts)
      : out(o), format(f), options(std::move(opts)) {}

  // A TSV whose first unit has an alignment score (align --format tsv --header, TMX prop
  // x-align-score) keeps the scores in a score column, so a conversion loses none of them.
  void open_table(const tm::TranslationUnit* first) {
    bool scored = false;
    if (first != nullptr && format == Format::tsv) {
      for (const auto& p : first->props) {
        scored = scored || (p.type == "x-align-score" && is_alignment_score(p.value));
      }
    }
    table =
        std::make_unique<BilingualWriter>(out, format, options.src_lang, options.tgt_lang, scored);
  }

  // The XLIFF document of the gathered units: one file per target language.
  tm::Document document() {
    std::vector<LangTag> targets = options.tgt_lang.empty()
                                       ? target_languages(units, options.src_lang)
                                       : std::vector<LangTag>{options.tgt_lang};
    if (targets.size() > 1 && format != Format::xliff12) {
      // XLIFF 2 holds one pair: the first, the other languages kept in tb:variants.
      std::string list;
      for (std::size_t k = 1; k < targets.size(); ++k) {
        list += (list.empty() ? "" : ", ") + targets[k].str();
      }
      if (options.diagnostics != nullptr) {
        SourceLocation where;
        where.file = options.original;
        options.diagnostics->warn(
            where, "the units are in " + std::to_string(targets.size()) +
                       " target languages; XLIFF " +
                       std::string(xliff_version_name(xliff_version_of(format))) +
                       " holds one pair: " + targets.front().str() + " is the target, " + list +
                       " kept in each unit's tb:variants (give --tgt-lang for another, or an "
                       "output name with {lang} for one file per language)");
      }
      targets.resize(1);
    }
    tm::Document doc;
    doc.src_lang = options.src_lang;
    doc.tgt_lang = targets.empty() ? LangTag() : targets.front();
    for (std::size_t k = 0; k < std::max<std::size_t>(targets.size(), 1); ++k) {
      tm::DocFile file;
      LangTag tgt = targets.empty() ? LangTag() : targets[k];
      file.id = targets.size() > 1 ? "f" + std::to_string(k + 1) : "f1";
      file.original = options.original;
      if (targets.size() > 1) {
        file.src_lang = options.src_lang;
        file.tgt_lang = tgt;
      }
      for (const auto& unit : units) {
        tm::DocUnit du;
        if (!tm::to_doc_unit(unit, options.src_lang, tgt, du)) {
          continue;
        }
        if (targets.size() > 1 && !has_target(unit, options.src_lang, tgt)) {
          continue;  // a unit without this language has nothing to translate in its file
        }
        if (targets.size() > 1) {
          du.others.clear();  // each of its other languages has a file of its own
        }
        if (du.id.empty()) {
          du.id = std::to_string(file.units.size() + 1);
        }
        file.units.push_back(std::move(du));
      }
      doc.files.push_back(std::move(file));
    }
    return doc;
  }
};

UnitWriter::UnitWriter(std::ostream& out, Format format, UnitWriteOptions options)
    : impl_(std::make_unique<Impl>(out, format, std::move(options))) {
  Impl& m = *impl_;
  if (format == Format::tmx) {
    TmxHeader header = m.options.tmx_header;
    if (header.src_lang.empty()) {
      header.src_lang = m.options.src_lang.str();
    }
    m.tmx = std::make_unique<TmxWriter>(out, std::move(header));
  } else if (is_table(format)) {
    if (m.options.src_lang.empty() || m.options.tgt_lang.empty()) {
      throw Error(ErrorKind::invalid_argument,
                  "the languages of the units are not known; give --src-lang and --tgt-lang");
    }
  } else if (is_xliff(format)) {
    if (m.options.src_lang.empty()) {
      throw Error(ErrorKind::invalid_argument,
                  "the source language of the units is not known; give --src-lang");
    }
  } else {
    throw Error(ErrorKind::invalid_argument,
                std::string(format_name(format)) +
                    " holds no translation units (tmx, xliff12, xliff20, xliff21, tsv, csv or "
                    "omegat-tsv)");
  }
}

UnitWriter::~UnitWriter() = default;

bool UnitWriter::write(const tm::TranslationUnit& unit) {
  Impl& m = *impl_;
  bool ok = true;
  if (m.tmx) {
    m.tmx->write(unit);
  } else if (is_table(m.format)) {
    if (!m.table) {
      m.open_table(&unit);
    }
    ok = m.table->write(unit);
  } else if (unit.find_language(m.options.src_lang) == nullptr) {
    ok = false;
  } else {
    m.units.push_back(unit);
  }
  ++(ok ? m.written : m.left_out);
  return ok;
}

void UnitWriter::write_document(const tm::Document& document) {
  Impl& m = *impl_;
  if (is_xliff(m.format)) {
    m.finished = true;
    write_xliff(m.out, document, xliff_version_of(m.format));
    m.out.flush();
    return;
  }
  for (const auto& unit : tm::to_translation_units(document)) {
    write(unit);
  }
}

void UnitWriter::finish() {
  Impl& m = *impl_;
  if (m.finished) {
    return;
  }
  m.finished = true;
  if (m.tmx) {
    m.tmx->finish();
  } else if (is_table(m.format) && !m.table) {
    m.open_table(nullptr);  // no unit: the header alone
  } else if (is_xliff(m.format)) {
    write_xliff(m.out, m.document(), xliff_version_of(m.format));
  }
  m.out.flush();
}

std::uint64_t UnitWriter::written() const noexcept {
  return impl_->written;
}

std::uint64_t UnitWriter::left_out() const noexcept {
  return impl_->left_out;
}

}  // namespace termbridge::io
