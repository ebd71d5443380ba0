#pragma once

// The translation memory: bilingual units in an embedded SQLite database file, with a token
// index for fuzzy lookup.
//
// One file holds everything: units (languages, texts, dates, origin, a content hash against
// duplicates) and an inverted index from token to the units whose source holds it. A lookup
// reads the index entries of the query's rarest tokens, ranks the candidates they name and
// scores the best of them exactly, so it never scans the memory.
//
// A unit whose two sides each hold several sentences ("A. B." <-> "A'. B'.") may carry parts:
// the sentence pairs found inside it at import (see PartSplitter). Parts are indexed and
// found like units, and a match says which unit it is a part of; they are not units:
// exports, counts and removal by document see units only.
//
// Safety: the schema version is checked on open (a file that is not a memory, or one written
// by a newer termbridge, is an error and is left untouched); the database runs in WAL mode
// with a busy timeout, so a second writer waits and then fails clearly; an import is one
// transaction, so an error part-way leaves the memory as it was (the parts found inside its
// units follow in short transactions of their own). A read-only open of a memory whose
// writer was killed first lets SQLite recover it (roll back the unfinished import), when the
// file is writable.
//
//   tm::TranslationMemory memory("news.tm.sqlite");
//   auto matches = memory.lookup("한미 양국은 핵협의그룹 회의를 열었다.", {.src_lang = ko,
//   .tgt_lang = en});

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "termbridge/base/lang.hpp"
#include "termbridge/tm/fuzzy.hpp"
#include "termbridge/tm/unit.hpp"

namespace termbridge::tm {

namespace detail {
class MemoryBackend;
}

// True for a memory that is a PostgreSQL database rather than a file: a postgresql:// (or
// postgres://) URI, as libpq reads it, e.g.
// postgresql://translator@db.example/tm or postgresql:///tm?host=/run/postgresql.
bool is_database_uri(std::string_view location);

// True for a memory served by `termbridge serve`: http://HOST:PORT. Such a memory offers
// lookup, import and stats (what pretranslate and merge --update-tm use); export and
// removal are refused (they run where the memory is).
bool is_http_uri(std::string_view location);

struct OpenOptions {
  bool create = true;           // create the file (and schema) when it does not exist
  bool read_only = false;       // open for lookups only
  int busy_timeout_ms = 10000;  // how long a writer waits for another writer to finish
  // For an http:// memory: the server's access token; empty takes $TERMBRIDGE_TOKEN.
  std::string token = {};
  KoreanTokens korean_tokens = KoreanTokens::particles;  // for a new memory only; an
                                                         // existing one keeps its own
};

// A sentence pair found inside a unit.
struct UnitPart {
  std::string source;  // one or two sentences of the unit's source
  std::string target;  // their translation, from the unit's target
  double score = 0;    // the aligner's confidence, 0-1 (stored as the part's align score)
};

// Finds the sentence pairs inside a unit from its source and target text; empty when it holds
// none worth storing (one sentence on a side, or no confident pair). job::UnitSplitter is the
// one termbridge uses (the tm module cannot segment or align by itself).
using PartSplitter =
    std::function<std::vector<UnitPart>(const LangTag& src_lang, std::string_view source,
                                        const LangTag& tgt_lang, std::string_view target)>;

struct ImportOptions {
  LangTag src_lang;  // the variant taken as source; required
  LangTag tgt_lang;  // the variant taken as target; required
  // Origin recorded on units that do not carry one (TMX prop x-document / x-align-score).
  std::string document;
  std::optional<double> align_score;
  // Called now and then with the number of units read so far (for a progress bar).
  std::function<void(std::uint64_t)> on_progress;
  // Called for a unit stored with less than it carried (an x-align-score that is not a
  // number): the unit's number in the order read, from 1, and what happened.
  std::function<void(std::uint64_t unit, const std::string& message)> on_warning;
  // When set, the units stored by this import, and those stored before without being split
  // (by an import without a splitter, or by an older termbridge), are split into parts:
  // after the units are committed, outside the write lock, the parts written in short
  // transactions of their own (an error there leaves the units stored and the rest of the
  // splitting to the next import).
  PartSplitter split;
  // With `split`: false when a unit (source, target) surely gives no parts, which spares it
  // the splitter; unset, every unit is split. Asked of every unit as it is stored, inside the
  // import's transaction, so it must be cheap (job::UnitSplitter::may_split).
  std::function<bool(std::string_view source, std::string_view target)> may_split;
  // Called now and then while splitting with the units split so far and how many there are.
  std::function<void(std::uint64_t, std::uint64_t)> on_split_progress;
};

struct ImportResult {
  std::uint64_t added = 0;       // new units stored
  std::uint64_t duplicates = 0;  // same languages and texts as a stored unit; not stored again
  std::uint64_t skipped = 0;     // without a non-empty source or target variant
  std::uint64_t split = 0;       // units split into parts (new ones and older ones)
  std::uint64_t parts = 0;       // parts stored
};

// A pull source of units: fills `unit` and returns true, or returns false at the end. An
// exception thrown from it aborts the import, which then changes nothing.
using UnitSource = std::function<bool(TranslationUnit& unit)>;

struct LookupOptions {
  LangTag src_lang;             // only units with this source language (empty: any)
  LangTag tgt_lang;             // only units with this target language (empty: any)
  std::size_t max_results = 5;  // top k
  double threshold = 70.0;      // lowest match percentage returned
  // Candidates scored exactly, after ranking by shared index tokens. More finds the best
  // match more often on memories with many near-duplicates, at some cost in time.
  std::size_t candidates = 200;
  bool with_diff = true;  // fill MemoryMatch::diff
};

struct MemoryMatch {
  std::int64_t id = 0;         // the unit's (or the part's) id in the memory
  std::int64_t part_of = 0;    // for a part, the id of its unit; 0 for a unit
  double score = 0;            // match percentage, 0-100 (see fuzzy_score)
  TranslationUnit unit;        // variants: source, then target
  std::string source;          // the source text (as in unit.variants[0])
  std::string target;          // the target text (as in unit.variants[1])
  std::vector<DiffPart> diff;  // query vs source, when LookupOptions::with_diff
};

struct MemoryStats {
  std::uint64_t units = 0;
  std::uint64_t parts = 0;         // sentence pairs found inside units (not counted as units)
  std::uint64_t index_tokens = 0;  // distinct tokens in the index
  std::uint64_t file_bytes = 0;    // size of the database file (without the WAL)
  int schema_version = 0;
  KoreanTokens korean_tokens = KoreanTokens::particles;
  struct Pair {
    std::string src_lang, tgt_lang;
    std::uint64_t units = 0;
  };
  std::vector<Pair> language_pairs;
  struct Origin {
    std::string document;
    std::uint64_t units = 0;
  };
  std::vector<Origin> documents;  // the most frequent first
};

struct ExportFilter {
  LangTag src_lang;      // empty: any
  LangTag tgt_lang;      // empty: any
  std::string document;  // empty: any
};

class TranslationMemory {
 public:
  // 2: units may carry parts (a v1 memory is brought to 2 when opened for writing, and read
  // as it is when opened read-only).
  static constexpr int kSchemaVersion = 2;

  // Opens (or creates) the memory at `path`: an SQLite file, or a PostgreSQL database given
  // by a URI (is_database_uri), where it makes its tables (tm_*) in the first schema of the
  // search path. Throws Error(io) when the file cannot be opened or created or the server
  // cannot be reached, Error(parse) when it is not a termbridge memory or was written by a
  // newer schema version; nothing is written in those cases.
  explicit TranslationMemory(const std::string& path, OpenOptions options = {});
  ~TranslationMemory();
  TranslationMemory(TranslationMemory&&) noexcept;
  TranslationMemory& operator=(TranslationMemory&&) noexcept;

  // The path, or the URI without its password.
  const std::string& path() const noexcept;
  KoreanTokens korean_tokens() const noexcept;

  // Stores the units `next` yields, in one transaction: when `next` or the database throws,
  // the transaction is rolled back and the error rethrown. Units are stored bilingual
  // (options.src_lang -> options.tgt_lang); dates default to now. Throws Error(io) when
  // another writer holds the memory longer than the busy timeout. The parts pass
  // (options.split) follows the commit: an error there is thrown after the units are stored.
  ImportResult import_units(const UnitSource& next, const ImportOptions& options);

  // Calls `sink` for each stored unit matching `filter`, in id order; returns how many.
  // Parts are not exported: the units are given back as they were imported.
  // Units carry tuid = id, dates, and props x-document / x-align-score / stored props.
  std::uint64_t export_units(const std::function<void(const TranslationUnit&)>& sink,
                             const ExportFilter& filter = {}) const;

  // The best matches for `query` (best first, ties by id), through the index.
  std::vector<MemoryMatch> lookup(std::string_view query, const LookupOptions& options = {}) const;
  // The same with every stored unit scored: the reference the index is measured against.
  std::vector<MemoryMatch> lookup_linear(std::string_view query,
                                         const LookupOptions& options = {}) const;

  // Removes units by id, or all units of a document; returns how many were removed. The
  // index is updated in the same transaction. A unit's parts go with it; the id of a part
  // removes that part only (and counts it).
  std::uint64_t remove_ids(const std::vector<std::int64_t>& ids);
  std::uint64_t remove_document(std::string_view document);

  MemoryStats stats() const;
  // The language pairs (source, target) of the stored units, without counting them: cheap
  // on a large memory, unlike stats().
  std::vector<std::pair<std::string, std::string>> language_pairs() const;

 private:
  std::unique_ptr<detail::MemoryBackend> backend_;
};

// Where a concordance search looks for its phrase.
enum class ConcordanceSide { source, target, both };

// The units of `memory` (filtered as export_units filters) whose source, target or either
// holds `phrase`, compared on matching keys (text::match_key: NFKC, case folded), so that a
// phrase inside a word is found too (핵협의 in 핵협의그룹은, which the fuzzy index does not
// split there). Each hit goes to `sink` in id order; returns their number. A scan of the
// units: its time grows with the memory. A blank phrase finds nothing.
std::uint64_t concordance(const TranslationMemory& memory, std::string_view phrase,
                          ConcordanceSide side,
                          const std::function<void(const TranslationUnit&)>& sink,
                          const ExportFilter& filter = {});

}  // namespace termbridge::tm
