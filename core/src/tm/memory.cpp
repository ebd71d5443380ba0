#include "termbridge/tm/memory.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <filesystem>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "termbridge/base/error.hpp"
#include "tm/backend.hpp"
#include "tm/memory_common.hpp"
#include "tm/sqlite_util.hpp"

namespace termbridge::tm {

using namespace detail;  // the helpers shared with the PostgreSQL memory

namespace {

// Schema version 2. `tokens.data` holds a unit's source token hashes (uint32 little endian)
// so exact scoring never re-tokenizes; it is a table apart from the texts so that scoring
// (and a linear scan) reads a fifth of the bytes. `postings.data` is the index entry list
// of one token: per unit, varint(id - previous id) and one byte min(token count, 255), ids
// ascending, so candidates can be ranked by length without reading anything else.
// A part (a sentence pair inside a unit; version 1 had none) is a row of `units` with
// `part_of` = its unit's id: it takes an id from the same sequence, so the index, the
// scoring and the loading of matches treat it as a unit; everything that counts, exports or
// removes units skips it.
constexpr const char* kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE units(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  src_lang TEXT NOT NULL,
  tgt_lang TEXT NOT NULL,
  hash INTEGER NOT NULL,
  src_text TEXT NOT NULL,
  tgt_text TEXT NOT NULL,
  creation_date TEXT NOT NULL,
  creation_id TEXT,
  change_date TEXT NOT NULL,
  change_id TEXT,
  document TEXT,
  align_score REAL,
  props TEXT,
  notes TEXT,
  part_of INTEGER);
CREATE TABLE pairs(
  id INTEGER PRIMARY KEY,
  src_lang TEXT NOT NULL,
  tgt_lang TEXT NOT NULL,
  UNIQUE(src_lang, tgt_lang));
CREATE TABLE tokens(
  id INTEGER PRIMARY KEY,
  pair INTEGER NOT NULL,
  len INTEGER NOT NULL,
  data BLOB NOT NULL);
CREATE TABLE postings(
  token INTEGER PRIMARY KEY,
  df INTEGER NOT NULL,
  last_id INTEGER NOT NULL,
  data BLOB NOT NULL);
)sql";

constexpr const char* kUnitIndexes =
    "CREATE UNIQUE INDEX units_hash ON units(hash); "
    "CREATE INDEX units_document ON units(document); "
    "CREATE INDEX units_part ON units(part_of) WHERE part_of IS NOT NULL;";
constexpr const char* kDropUnitIndexes =
    "DROP INDEX units_hash; DROP INDEX units_document; DROP INDEX units_part;";

// Version 1 to 2, in a write transaction.
constexpr const char* kUpgrade1 =
    "ALTER TABLE units ADD COLUMN part_of INTEGER; "
    "CREATE INDEX units_part ON units(part_of) WHERE part_of IS NOT NULL; "
    "PRAGMA user_version=2;";

// Content hashes seen in a bulk import: open addressing over one vector (0 marks a free
// slot, so the hash 0 is kept apart).
class HashSet {
 public:
  bool contains(std::uint64_t h) const {
    if (h == 0) {
      return zero_;
    }
    if (table_.empty()) {
      return false;
    }
    const std::size_t mask = table_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(h) & mask;; i = (i + 1) & mask) {
      if (table_[i] == h) {
        return true;
      }
      if (table_[i] == 0) {
        return false;
      }
    }
  }
  // False when `h` was there already.
  bool insert(std::uint64_t h) {
    if (h == 0) {
      return !std::exchange(zero_, true);
    }
    if ((size_ + 1) * 2 > table_.size()) {
      grow();
    }
    const std::size_t mask = table_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(h) & mask;; i = (i + 1) & mask) {
      if (table_[i] == h) {
        return false;
      }
      if (table_[i] == 0) {
        table_[i] = h;
        ++size_;
        return true;
      }
    }
  }

 private:
  void grow() {
    std::vector<std::uint64_t> old(std::max<std::size_t>(1 << 16, table_.size() * 2), 0);
    old.swap(table_);
    const std::size_t mask = table_.size() - 1;
    for (std::uint64_t h : old) {
      if (h != 0) {
        std::size_t i = static_cast<std::size_t>(h) & mask;
        while (table_[i] != 0) {
          i = (i + 1) & mask;
        }
        table_[i] = h;
      }
    }
  }
  std::vector<std::uint64_t> table_;
  std::size_t size_ = 0;
  bool zero_ = false;
};

// Stores a unit's (or a part's) source tokens and adds them to the postings built.
template <typename Mode>
void store_tokens(sql::Stmt& ins_tokens, PostingBuilder& postings, std::int64_t id,
                  std::int64_t pair, std::string_view source, Mode mode) {
  auto tokens = token_hashes(source, mode);
  std::string blob = encode_tokens(tokens);
  ins_tokens.bind(1, id);
  ins_tokens.bind(2, pair);
  ins_tokens.bind(3, static_cast<std::int64_t>(tokens.size()));
  ins_tokens.bind_blob(4, blob.data(), blob.size());
  ins_tokens.exec();
  auto len = static_cast<std::uint8_t>(std::min<std::size_t>(tokens.size(), 255));
  for (std::uint32_t t : tokens) {
    postings.add(t, id, len);
  }
}

}  // namespace

namespace {

// Resets a cached statement when a scope ends, also by an exception.
struct Resetter {
  sql::Stmt& s;
  explicit Resetter(sql::Stmt& st) : s(st) {}
  Resetter(const Resetter&) = delete;
  Resetter& operator=(const Resetter&) = delete;
  ~Resetter() { s.reset(); }
};

// The columns read_unit reads; a v1 memory opened read-only has no part_of column.
constexpr const char* kUnitColumns =
    "src_lang, tgt_lang, src_text, tgt_text, creation_date, creation_id, change_date, "
    "change_id, document, align_score, props, notes, part_of";
constexpr const char* kUnitColumnsV1 =
    "src_lang, tgt_lang, src_text, tgt_text, creation_date, creation_id, change_date, "
    "change_id, document, align_score, props, notes, NULL";

// A unit from the row of `q` whose columns `col`.. are kUnitColumns.
void read_unit(const sql::Stmt& q, int col, MemoryMatch& match) {
  auto& u = match.unit;
  u.id = std::to_string(match.id);
  u.creation_date = q.text(col + 4);
  u.creation_id = q.text(col + 5);
  u.change_date = q.text(col + 6);
  u.change_id = q.text(col + 7);
  if (!q.is_null(col + 8)) {
    u.props.push_back({"x-document", std::string(q.text(col + 8))});
  }
  if (!q.is_null(col + 9)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", q.real(col + 9));
    u.props.push_back({"x-align-score", buf});
  }
  for (auto& rec : split_records(q.text(col + 10))) {
    if (rec.size() == 2) {
      u.props.push_back({rec[0], rec[1]});
    }
  }
  for (auto& rec : split_records(q.text(col + 11))) {
    if (!rec.empty()) {
      u.notes.push_back(rec[0]);
    }
  }
  match.part_of = q.is_null(col + 12) ? 0 : q.int64(col + 12);
  Variant src, tgt;
  src.lang = LangTag::parse(q.text(col));
  tgt.lang = LangTag::parse(q.text(col + 1));
  src.segment.text = q.text(col + 2);
  tgt.segment.text = q.text(col + 3);
  match.source = src.segment.text;
  match.target = tgt.segment.text;
  u.variants.push_back(std::move(src));
  u.variants.push_back(std::move(tgt));
}

// A writer killed part-way leaves a hot rollback journal (a bulk import) or a WAL that may
// need recovery. Rolling a journal back takes write access, which a read-only connection
// lacks: it failed with "attempt to write a readonly database" until the next writer came. So when
// such a file is there, open read-write once and read, which rolls the journal back or recovers the
// WAL exactly as the next writer would (only what was committed stays), and close again. SQLite
// decides whether the journal is hot (no writer alive holds the lock), so a live import is left
// alone and waited for as usual. Without write access (a read-only file or directory) nothing is
// tried; the read-only open then fails as before, with SQLite's message. SQLITE_OPEN_READONLY with
// immutable=1 or nolock would read past the journal: committed data could be missing and
// half-written pages seen.
void recover(const std::string& path, int busy_timeout_ms) {
  std::error_code ec;
  const bool journal = std::filesystem::exists(path + "-journal", ec);
  const auto wal_size = std::filesystem::file_size(path + "-wal", ec);
  if (!journal && (ec || wal_size == 0)) {
    return;
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) ==
          SQLITE_OK &&
      sqlite3_db_readonly(db, "main") == 0) {
    sqlite3_busy_timeout(db, busy_timeout_ms);
    // Errors are left to the read-only open that follows, which reports them by file.
    sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
  }
  sqlite3_close_v2(db);
}

}  // namespace

// The memory in one SQLite file.
class SqliteMemory final : public detail::MemoryBackend {
 public:
  static constexpr int kSchemaVersion = TranslationMemory::kSchemaVersion;
  SqliteMemory(const std::string& path, const OpenOptions& options);
  ~SqliteMemory() override;

  const std::string& path() const noexcept override;
  KoreanTokens korean_tokens() const noexcept override;
  ImportResult import_units(const UnitSource& next, const ImportOptions& options) override;
  std::uint64_t export_units(const std::function<void(const TranslationUnit&)>& sink,
                             const ExportFilter& filter) const override;
  std::vector<MemoryMatch> lookup(std::string_view query,
                                  const LookupOptions& options) const override;
  std::vector<MemoryMatch> lookup_linear(std::string_view query,
                                         const LookupOptions& options) const override;
  std::uint64_t remove_ids(const std::vector<std::int64_t>& ids) override;
  std::uint64_t remove_document(std::string_view document) override;
  MemoryStats stats() const override;
  std::vector<std::pair<std::string, std::string>> language_pairs() const override;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

struct SqliteMemory::Impl {
  std::string path;
  sqlite3* db = nullptr;
  KoreanTokens mode = KoreanTokens::particles;
  bool read_only = false;
  bool has_parts = true;  // the schema has units.part_of (false: a v1 memory read-only)
  int busy_timeout_ms = 10000;
  // Statements of the lookup path, prepared once per connection: preparing costs more than
  // running them.
  mutable sql::Stmt load_q, source_q, df_q, data_q, row_q, pairs_q;
  // Per unit id: query tokens it shares (high byte) and its token count (low byte), for
  // the lookup under way; zero again after each lookup, so only touched ids are cleared.
  mutable std::vector<std::uint16_t> slots;

  ~Impl() {
    if (db != nullptr) {
      sqlite3_close_v2(db);
    }
  }

  sql::Stmt stmt(std::string_view text) const { return sql::Stmt(db, text, path); }
  sql::Stmt& cached(sql::Stmt& s, std::string_view text) const {
    if (!s) {
      s = stmt(text);
    }
    return s;
  }

  void begin_write() {
    if (read_only) {
      throw Error(ErrorKind::invalid_argument,
                  "translation memory " + termbridge::quoted(path) + " was opened read-only");
    }
    sql::exec(db, "BEGIN IMMEDIATE", path);
  }
  void rollback() noexcept { sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr); }

  const char* unit_columns() const { return has_parts ? kUnitColumns : kUnitColumnsV1; }
  // SQL that keeps units and leaves parts out.
  const char* units_only() const { return has_parts ? "part_of IS NULL" : "1"; }

  bool units_empty() const {
    sql::Stmt any = stmt("SELECT 1 FROM units LIMIT 1");
    return !any.step();
  }

  // For an import into an empty memory that no other connection has open: a rollback
  // journal instead of the WAL, so the new pages are written once (not to the WAL and again
  // at the checkpoint). An interruption still rolls back: the journal holds the few pages
  // that existed before. synchronous=FULL meanwhile, as a rollback journal needs for that.
  // False (and nothing changed) when another connection has the file open.
  bool enter_bulk_journal() {
    if (!units_empty()) {
      return false;
    }
    // Without waiting: another connection open is the answer, not a lock to wait out.
    sqlite3_busy_timeout(db, 0);
    std::string journal;
    {
      sql::Stmt q;
      try {
        q = stmt("PRAGMA journal_mode=DELETE");
        if (q.step()) {
          journal = q.text(0);
        }
      } catch (const Error&) {
        journal.clear();
      }
    }
    sqlite3_busy_timeout(db, busy_timeout_ms);
    if (journal != "delete") {
      return false;
    }
    sqlite3_exec(db, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
    return true;
  }
  void leave_bulk_journal() noexcept {
    try_enter_wal();
    sqlite3_exec(db, "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr);
  }

  // Switches the file to WAL mode; the result code. SQLite does not call the busy handler
  // here: out of rollback-journal mode the switch upgrades a read transaction to a write
  // one, where waiting could deadlock, so it fails at once while another writer holds the
  // file (a bulk import). Waits here instead, up to the busy timeout like any other lock.
  int try_enter_wal() noexcept {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
    for (int pause_ms = 1;; pause_ms = std::min(pause_ms * 2, 50)) {
      int rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
      if ((rc & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() >= deadline) {
        return rc;
      }
      sqlite3_sleep(pause_ms);
    }
  }
  void enter_wal() {
    int rc = try_enter_wal();
    if (rc != SQLITE_OK) {
      sql::fail(db, rc, "switch to WAL mode", path);
    }
  }

  // One read transaction around a lookup: a consistent snapshot, and one file lock instead
  // of one per statement (which cost more than the lookup itself).
  class ReadTxn {
   public:
    explicit ReadTxn(const Impl& m) : db_(m.db) { sql::exec(db_, "BEGIN", m.path); }
    ~ReadTxn() { sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr); }
    ReadTxn(const ReadTxn&) = delete;
    ReadTxn& operator=(const ReadTxn&) = delete;

   private:
    sqlite3* db_;
  };

  MemoryMatch load(std::int64_t id, double score) const;

  std::string source_text(std::int64_t id) const {
    sql::Stmt& q = cached(source_q, "SELECT src_text FROM units WHERE id = ?");
    Resetter r{q};
    q.bind(1, id);
    return q.step() ? std::string(q.text(0)) : std::string();
  }

  // The id of a language pair, added when new (inside a write transaction).
  std::int64_t pair_id(const std::string& src, const std::string& tgt) {
    sql::Stmt get = stmt("SELECT id FROM pairs WHERE src_lang = ? AND tgt_lang = ?");
    get.bind(1, src);
    get.bind(2, tgt);
    if (get.step()) {
      return get.int64(0);
    }
    sql::Stmt put = stmt("INSERT INTO pairs(src_lang, tgt_lang) VALUES (?, ?)");
    put.bind(1, src);
    put.bind(2, tgt);
    put.exec();
    return sqlite3_last_insert_rowid(db);
  }

  // The ids of the language pairs a lookup accepts.
  std::unordered_set<std::int64_t> pairs_for(const LookupOptions& options) const {
    std::unordered_set<std::int64_t> ids;
    std::map<std::string, bool, std::less<>> src_cache, tgt_cache;
    sql::Stmt& q = cached(pairs_q, "SELECT id, src_lang, tgt_lang FROM pairs");
    Resetter r{q};
    while (q.step()) {
      if (lang_ok(options.src_lang, q.text(1), src_cache) &&
          lang_ok(options.tgt_lang, q.text(2), tgt_cache)) {
        ids.insert(q.int64(0));
      }
    }
    return ids;
  }
  std::vector<MemoryMatch> finish(std::string_view query,
                                  std::vector<std::pair<double, std::int64_t>>& top,
                                  const LookupOptions& options) const;
  void add_postings(PostingBuilder& built);
  // Where the parts pass of an import starts: read inside its write transaction.
  struct SplitPlan {
    std::int64_t from = 0;                // meta split_through: every unit up to it was looked at
    std::int64_t before = 0;              // the last id before the import
    std::int64_t last = 0;                // the last id after it
    std::vector<std::int64_t> new_units;  // units of the import that may hold parts
  };
  SplitPlan plan_split();
  void split_units(const ImportOptions& options, const SplitPlan& plan, ImportResult& result);
};

SqliteMemory::SqliteMemory(const std::string& path, const OpenOptions& options)
    : impl_(std::make_unique<Impl>()) {
  auto& m = *impl_;
  m.path = path;
  m.read_only = options.read_only;
  m.busy_timeout_ms = options.busy_timeout_ms;
  std::error_code ec;
  bool exists = std::filesystem::exists(path, ec);
  if (exists && std::filesystem::is_directory(path, ec)) {
    throw Error(ErrorKind::io,
                "cannot open translation memory " + termbridge::quoted(path) + ": is a directory");
  }
  if (!exists && (!options.create || options.read_only)) {
    throw Error(ErrorKind::io,
                "cannot open translation memory " + termbridge::quoted(path) + ": no such file");
  }
  if (options.read_only) {
    recover(path, options.busy_timeout_ms);
  }
  int flags = options.read_only ? SQLITE_OPEN_READONLY
                                : SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &m.db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = m.db != nullptr ? sqlite3_errmsg(m.db) : sqlite3_errstr(rc);
    throw Error(ErrorKind::io,
                "cannot open translation memory " + termbridge::quoted(path) + ": " + msg);
  }
  sqlite3_busy_timeout(m.db, options.busy_timeout_ms);
  sqlite3_extended_result_codes(m.db, 1);

  // Read before any write: a foreign or newer file must stay byte for byte as it was.
  auto version_of = [&] {
    sql::Stmt v = m.stmt("PRAGMA user_version");
    v.step();
    return static_cast<int>(v.int64(0));
  };
  // The version and the table count are read in one statement, so from one snapshot: read
  // apart, another process creating the memory could commit in between, and its new tables
  // without the version would look like a foreign database.
  int version = 0;
  std::int64_t tables = 0;
  {
    sql::Stmt v = m.stmt(
        "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM "
        "sqlite_master)");
    v.step();
    version = static_cast<int>(v.int64(0));
    tables = v.int64(1);
  }
  if (version > kSchemaVersion) {
    throw Error(ErrorKind::parse, "translation memory " + termbridge::quoted(path) +
                                      " has schema version " + std::to_string(version) +
                                      ", newer than this termbridge reads (" +
                                      std::to_string(kSchemaVersion) + "); use a newer termbridge");
  }
  if (version == 0 && tables > 0) {
    throw Error(ErrorKind::parse, termbridge::quoted(path) +
                                      " is an SQLite database but not a termbridge translation "
                                      "memory (no schema version)");
  }
  if (version == 0) {
    if (options.read_only) {
      throw Error(ErrorKind::parse, "translation memory " + termbridge::quoted(path) + " is empty");
    }
    // Larger pages: index entry lists of common tokens are long blobs.
    sql::exec(m.db, "PRAGMA page_size=16384", path);
    m.enter_wal();
    m.begin_write();
    try {
      // Another process may have created it while this one waited for the lock.
      if (version_of() == 0) {
        sql::exec(m.db, kSchema, path);
        sql::exec(m.db, kUnitIndexes, path);
        sql::Stmt meta = m.stmt("INSERT INTO meta(key, value) VALUES (?, ?)");
        meta.bind(1, std::string_view("korean_tokens"));
        meta.bind(2, to_string(options.korean_tokens));
        meta.exec();
        meta.bind(1, std::string_view("created"));
        std::string now = now_utc();
        meta.bind(2, now);
        meta.exec();
        sql::exec(m.db, ("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str(), path);
      }
      sql::exec(m.db, "COMMIT", path);
    } catch (...) {
      m.rollback();
      throw;
    }
  } else if (!options.read_only) {
    m.enter_wal();
    if (version < kSchemaVersion) {
      m.begin_write();
      try {
        // Another process may have upgraded it while this one waited for the lock.
        if (version_of() == 1) {
          sql::exec(m.db, kUpgrade1, path);
        }
        sql::exec(m.db, "COMMIT", path);
      } catch (...) {
        m.rollback();
        throw;
      }
    }
  } else {
    m.has_parts = version >= 2;
  }
  // Memory-mapped reads spare a copy per page on lookups (the mapping is read-only).
  sql::exec(m.db,
            "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY; "
            "PRAGMA mmap_size=4294967296",
            path);
  sql::Stmt mode = m.stmt("SELECT value FROM meta WHERE key='korean_tokens'");
  if (mode.step()) {
    m.mode = parse_korean_tokens(mode.text(0));
  }
}

SqliteMemory::~SqliteMemory() = default;

const std::string& SqliteMemory::path() const noexcept {
  return impl_->path;
}
KoreanTokens SqliteMemory::korean_tokens() const noexcept {
  return impl_->mode;
}

std::unique_ptr<detail::MemoryBackend> detail::open_sqlite(const std::string& path,
                                                           const OpenOptions& options) {
  return std::make_unique<SqliteMemory>(path, options);
}

void SqliteMemory::Impl::add_postings(PostingBuilder& built) {
  sql::Stmt get = stmt("SELECT df, last_id, data FROM postings WHERE token = ?");
  sql::Stmt put =
      stmt("INSERT OR REPLACE INTO postings(token, df, last_id, data) VALUES (?,?,?,?)");
  std::string merged;
  // In token order: the table's B-tree is then filled front to back.
  for (auto& list : built.sorted()) {
    const std::string& data = list.data;
    get.bind(1, static_cast<std::int64_t>(list.token));
    put.bind(1, static_cast<std::int64_t>(list.token));
    if (get.step()) {
      // The new list starts with a delta from 0; re-base its first id on the stored last id.
      std::int64_t old_last = get.int64(1);
      merged.assign(get.blob(2));
      std::size_t skip = 0;
      std::uint64_t first = 0;
      {
        const auto* p = reinterpret_cast<const unsigned char*>(data.data());
        int shift = 0;
        while ((p[skip] & 0x80) != 0) {
          first |= static_cast<std::uint64_t>(p[skip] & 0x7f) << shift;
          shift += 7;
          ++skip;
        }
        first |= static_cast<std::uint64_t>(p[skip]) << shift;
        ++skip;
      }
      put_varint(merged, first - static_cast<std::uint64_t>(old_last));
      merged.append(data, skip, std::string::npos);
      put.bind(2, get.int64(0) + static_cast<std::int64_t>(list.df));
      get.reset();
      put.bind(3, list.last);
      put.bind_blob(4, merged.data(), merged.size());
    } else {
      get.reset();
      put.bind(2, static_cast<std::int64_t>(list.df));
      put.bind(3, list.last);
      put.bind_blob(4, data.data(), data.size());
    }
    put.exec();
    std::string().swap(list.data);  // give the memory back as the lists are written
  }
}

SqliteMemory::Impl::SplitPlan SqliteMemory::Impl::plan_split() {
  SplitPlan plan;
  sql::Stmt through = stmt("SELECT value FROM meta WHERE key = 'split_through'");
  if (through.step()) {
    plan.from = std::stoll(std::string(through.text(0)));
  }
  sql::Stmt last = stmt("SELECT max(id) FROM units");
  if (last.step() && !last.is_null(0)) {
    plan.before = last.int64(0);
  }
  // Only parts after split_through (those of the last import): nothing to look at.
  sql::Stmt unit = stmt("SELECT 1 FROM units WHERE id > ? AND id <= ? AND part_of IS NULL LIMIT 1");
  unit.bind(1, plan.from);
  unit.bind(2, plan.before);
  if (!unit.step()) {
    plan.from = std::max(plan.from, plan.before);
  }
  return plan;
}

// The parts pass of an import, after its units were committed: the units stored after the
// last split (meta split_through) up to the import, then those of the import that may hold
// parts (ImportOptions::may_split, asked as they were stored). Units are read and split
// without the write lock; the parts are written in short transactions of a few thousand,
// each moving split_through on, so another writer waits for one of those only, and an
// interruption leaves the rest to the next import. Parts take ids after the units of their
// import, so those keep the ids an import without parts gives and the index lists stay in id
// order. Two imports splitting the same units store each part once (the hash is unique).
void SqliteMemory::Impl::split_units(const ImportOptions& options, const SplitPlan& plan,
                                     ImportResult& result) {
  struct Row {
    std::int64_t id = 0;
    std::string src_lang, tgt_lang, src, tgt, created, creator, changed, changer, document;
    bool has_creator = false, has_changer = false, has_document = false;
  };
  constexpr const char* kRowColumns =
      "id, src_lang, tgt_lang, src_text, tgt_text, creation_date, creation_id, change_date, "
      "change_id, document";
  auto read_row = [](sql::Stmt& q) {
    return Row{q.int64(0),
               std::string(q.text(1)),
               std::string(q.text(2)),
               std::string(q.text(3)),
               std::string(q.text(4)),
               std::string(q.text(5)),
               std::string(q.text(6)),
               std::string(q.text(7)),
               std::string(q.text(8)),
               std::string(q.text(9)),
               !q.is_null(6),
               !q.is_null(8),
               !q.is_null(9)};
  };
  std::uint64_t total = plan.new_units.size();
  if (plan.from < plan.before) {
    sql::Stmt q = stmt("SELECT count(*) FROM units WHERE id > ? AND id <= ? AND part_of IS NULL");
    q.bind(1, plan.from);
    q.bind(2, plan.before);
    q.step();
    total += static_cast<std::uint64_t>(q.int64(0));
  }
  struct Pending {
    const Row* row;
    UnitPart part;
  };
  std::deque<Row> rows;  // the units of the pending parts (a deque: pushes move none)
  std::vector<Pending> pending;
  std::size_t pending_bytes = 0;
  std::map<std::pair<std::string, std::string>, std::int64_t> pair_ids;
  // Writes the pending parts and moves split_through to `through`, in one short transaction.
  auto write = [&](std::int64_t through) {
    begin_write();
    try {
      sql::Stmt ins = stmt(
          "INSERT OR IGNORE INTO units(src_lang, tgt_lang, hash, src_text, tgt_text, "
          "creation_date, creation_id, change_date, change_id, document, align_score, props, "
          "notes, part_of) VALUES (?,?,?,?,?,?,?,?,?,?,?,NULL,NULL,?)");
      sql::Stmt ins_tokens = stmt("INSERT INTO tokens(id, pair, len, data) VALUES (?,?,?,?)");
      // The unit may have been removed meanwhile; a sentence pair stored as a unit needs no
      // part.
      sql::Stmt is_unit = stmt("SELECT 1 FROM units WHERE id = ? AND part_of IS NULL");
      sql::Stmt unit_hash = stmt("SELECT 1 FROM units WHERE hash = ? AND part_of IS NULL");
      PostingBuilder postings;
      std::int64_t checked = 0;
      bool alive = false, any = false;
      for (std::size_t k = 0; k < pending.size(); ++k) {
        const Row& row = *pending[k].row;
        const UnitPart& part = pending[k].part;
        if (row.id != checked) {
          result.split += any ? 1 : 0;
          any = false;
          checked = row.id;
          Resetter r{is_unit};
          is_unit.bind(1, row.id);
          alive = is_unit.step();
        }
        if (!alive) {
          continue;
        }
        {
          Resetter r{unit_hash};
          unit_hash.bind(1, content_hash(row.src_lang, row.tgt_lang, part.source, part.target));
          if (unit_hash.step()) {
            continue;
          }
        }
        std::int64_t& pair = pair_ids[{row.src_lang, row.tgt_lang}];
        if (pair == 0) {
          pair = pair_id(row.src_lang, row.tgt_lang);
        }
        ins.bind(1, row.src_lang);
        ins.bind(2, row.tgt_lang);
        ins.bind(3, part_hash(row.src_lang, row.tgt_lang, part.source, part.target));
        ins.bind(4, part.source);
        ins.bind(5, part.target);
        ins.bind(6, row.created);
        if (row.has_creator) {
          ins.bind(7, row.creator);
        } else {
          ins.bind_null(7);
        }
        ins.bind(8, row.changed);
        if (row.has_changer) {
          ins.bind(9, row.changer);
        } else {
          ins.bind_null(9);
        }
        if (row.has_document) {
          ins.bind(10, row.document);
        } else {
          ins.bind_null(10);
        }
        ins.bind(11, part.score);
        ins.bind(12, row.id);
        ins.exec();
        if (sqlite3_changes(db) == 0) {
          continue;  // the same pair inside another unit, stored once
        }
        store_tokens(ins_tokens, postings, sqlite3_last_insert_rowid(db), pair, part.source, mode);
        ++result.parts;
        any = true;
      }
      result.split += any ? 1 : 0;
      add_postings(postings);
      sql::Stmt get = stmt("SELECT value FROM meta WHERE key = 'split_through'");
      std::int64_t stored = get.step() ? std::stoll(std::string(get.text(0))) : 0;
      sql::Stmt put = stmt("INSERT OR REPLACE INTO meta(key, value) VALUES ('split_through', ?)");
      const std::string value = std::to_string(std::max(stored, through));  // bound, not copied
      put.bind(1, value);
      put.exec();
      sql::exec(db, "COMMIT", path);
    } catch (...) {
      rollback();
      throw;
    }
    pending.clear();
    rows.clear();
    pending_bytes = 0;
  };
  // A few thousand parts a transaction: short, and few enough rewrites of the index lists.
  constexpr std::size_t kPartsPerWrite = 8192;
  constexpr std::size_t kBytesPerWrite = std::size_t{32} << 20;
  std::uint64_t done = 0;
  std::int64_t through = plan.from;
  auto look_at = [&](Row row) {
    auto src_lang = LangTag::try_parse(row.src_lang);
    auto tgt_lang = LangTag::try_parse(row.tgt_lang);
    std::vector<UnitPart> parts;
    if (src_lang && tgt_lang) {
      parts = options.split(*src_lang, row.src, *tgt_lang, row.tgt);
    }
    std::erase_if(parts, [](const UnitPart& p) { return p.source.empty() || p.target.empty(); });
    through = std::max(through, row.id);
    if (!parts.empty()) {
      rows.push_back(std::move(row));
      for (UnitPart& part : parts) {
        pending_bytes += part.source.size() + part.target.size();
        pending.push_back(Pending{&rows.back(), std::move(part)});
      }
    }
    ++done;
    if (options.on_split_progress && done % 256 == 0) {
      options.on_split_progress(done, total);
    }
    if (pending.size() >= kPartsPerWrite || pending_bytes >= kBytesPerWrite) {
      write(through);
    }
  };
  // Units stored before without being split: read in batches, each a statement of its own.
  if (plan.from < plan.before) {
    sql::Stmt batch = stmt(std::string("SELECT ") + kRowColumns +
                           " FROM units WHERE id > ? AND id <= ? AND part_of IS NULL ORDER BY id "
                           "LIMIT 256");
    std::vector<Row> read;
    for (std::int64_t after = plan.from;;) {
      read.clear();
      batch.bind(1, after);
      batch.bind(2, plan.before);
      while (batch.step()) {
        read.push_back(read_row(batch));
      }
      batch.reset();
      if (read.empty()) {
        break;
      }
      after = read.back().id;
      for (Row& row : read) {
        if (!options.may_split || options.may_split(row.src, row.tgt)) {
          look_at(std::move(row));
        } else {
          through = std::max(through, row.id);
          ++done;
        }
      }
    }
  }
  // The import's own units that may hold parts.
  sql::Stmt one = stmt(std::string("SELECT ") + kRowColumns + " FROM units WHERE id = ?");
  for (std::int64_t id : plan.new_units) {
    one.bind(1, id);
    if (one.step()) {
      Row row = read_row(one);
      one.reset();
      look_at(std::move(row));
    } else {
      one.reset();  // removed meanwhile
      ++done;
    }
  }
  write(std::max(through, plan.last));
  if (options.on_split_progress) {
    options.on_split_progress(done, total);
  }
}

ImportResult SqliteMemory::import_units(const UnitSource& next, const ImportOptions& options) {
  auto& m = *impl_;
  if (options.src_lang.empty() || options.tgt_lang.empty()) {
    throw Error(ErrorKind::invalid_argument,
                "an import needs a source and a target language (e.g. ko and en)");
  }
  ImportResult result;
  Impl::SplitPlan plan;
  bool split = false;  // a parts pass follows the units' transaction
  const bool journal = !m.read_only && m.enter_bulk_journal();
  struct Restore {
    Impl& m;
    bool on;
    Restore(Impl& memory, bool switched) : m(memory), on(switched) {}
    Restore(const Restore&) = delete;
    Restore& operator=(const Restore&) = delete;
    ~Restore() { done(); }
    void done() {
      if (on) {
        m.leave_bulk_journal();
        on = false;
      }
    }
  } restore{m, journal};
  m.begin_write();
  try {
    // Into an empty memory, the indexes of the units table are dropped and built again at
    // the end (one sort instead of a B-tree insert per unit), and duplicates are caught in
    // memory. Inside the transaction, so an error restores them with everything else.
    const bool bulk = m.units_empty();
    if (bulk) {
      sql::exec(m.db, kDropUnitIndexes, m.path);
    }
    if (options.split) {
      plan = m.plan_split();
    }
    HashSet seen;
    sql::Stmt ins = m.stmt(std::string(bulk ? "INSERT" : "INSERT OR IGNORE") +
                           " INTO units(src_lang, tgt_lang, hash, src_text, tgt_text, "
                           "creation_date, creation_id, change_date, change_id, document, "
                           "align_score, props, notes, part_of) VALUES "
                           "(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    sql::Stmt ins_tokens = m.stmt("INSERT INTO tokens(id, pair, len, data) VALUES (?,?,?,?)");
    PostingBuilder postings;
    const std::string now = now_utc();
    const std::string src_lang = options.src_lang.str();
    const std::string tgt_lang = options.tgt_lang.str();
    std::int64_t pair = m.pair_id(src_lang, tgt_lang);
    std::string align_text;
    TranslationUnit unit;
    std::uint64_t read = 0;
    while (true) {
      unit = TranslationUnit{};
      if (!next(unit)) {
        break;
      }
      ++read;
      if (options.on_progress && read % 4096 == 0) {
        options.on_progress(read);
      }
      const Variant* src = unit.find(options.src_lang);
      const Variant* tgt = unit.find(options.tgt_lang);
      if (src == nullptr || tgt == nullptr || src == tgt || src->segment.text.empty() ||
          tgt->segment.text.empty()) {
        ++result.skipped;
        continue;
      }
      std::int64_t hash = content_hash(src_lang, tgt_lang, src->segment.text, tgt->segment.text);
      if (bulk && !seen.insert(static_cast<std::uint64_t>(hash))) {
        ++result.duplicates;
        continue;
      }
      const UnitFields f = unit_fields(unit, options, now, read);
      ins.bind(1, src_lang);
      ins.bind(2, tgt_lang);
      ins.bind(3, hash);
      ins.bind(4, src->segment.text);
      ins.bind(5, tgt->segment.text);
      ins.bind(6, f.created);
      if (unit.creation_id.empty()) {
        ins.bind_null(7);
      } else {
        ins.bind(7, unit.creation_id);
      }
      ins.bind(8, f.changed);
      if (unit.change_id.empty()) {
        ins.bind_null(9);
      } else {
        ins.bind(9, unit.change_id);
      }
      if (f.document.empty()) {
        ins.bind_null(10);
      } else {
        ins.bind(10, f.document);
      }
      if (f.has_score) {
        ins.bind(11, f.score);
      } else {
        ins.bind_null(11);
      }
      if (f.props.empty()) {
        ins.bind_null(12);
      } else {
        ins.bind(12, f.props);
      }
      if (f.notes.empty()) {
        ins.bind_null(13);
      } else {
        ins.bind(13, f.notes);
      }
      ins.bind_null(14);
      ins.exec();
      if (sqlite3_changes(m.db) == 0) {
        ++result.duplicates;
        continue;
      }
      ++result.added;
      const std::int64_t id = sqlite3_last_insert_rowid(m.db);
      store_tokens(ins_tokens, postings, id, pair, src->segment.text, m.mode);
      plan.last = id;
      if (options.split &&
          (!options.may_split || options.may_split(src->segment.text, tgt->segment.text))) {
        plan.new_units.push_back(id);
      }
    }
    if (options.split) {
      plan.last = std::max(plan.last, plan.before);
      split = plan.from < plan.before || !plan.new_units.empty();
      if (!split && plan.last > plan.from) {
        // Nothing to split: the import's units are looked at already.
        sql::Stmt put =
            m.stmt("INSERT OR REPLACE INTO meta(key, value) VALUES ('split_through', ?)");
        const std::string through = std::to_string(plan.last);  // bound, not copied
        put.bind(1, through);
        put.exec();
      }
    }
    m.add_postings(postings);
    if (bulk) {
      sql::exec(m.db, kUnitIndexes, m.path);
    }
    sql::exec(m.db, "COMMIT", m.path);
  } catch (...) {
    m.rollback();
    throw;
  }
  restore.done();  // the parts pass reads and writes beside other connections, in the WAL
  if (options.on_progress) {
    options.on_progress(result.added + result.duplicates + result.skipped);
  }
  if (split) {
    try {
      m.split_units(options, plan, result);
    } catch (const Error& e) {
      throw Error(e.kind(), std::to_string(result.added) + " units were stored in " +
                                termbridge::quoted(m.path) +
                                "; finding the sentence pairs inside them failed (the next import "
                                "looks again): " +
                                e.message());
    }
  }
  return result;
}

MemoryMatch SqliteMemory::Impl::load(std::int64_t id, double score) const {
  sql::Stmt& q =
      cached(load_q, std::string("SELECT ") + unit_columns() + " FROM units WHERE id = ?");
  Resetter r{q};
  q.bind(1, id);
  if (!q.step()) {
    throw Error(
        ErrorKind::invalid_argument,
        "no unit " + std::to_string(id) + " in translation memory " + termbridge::quoted(path));
  }
  MemoryMatch match;
  match.id = id;
  match.score = score;
  read_unit(q, 0, match);
  return match;
}

std::vector<MemoryMatch> SqliteMemory::Impl::finish(
    std::string_view query, std::vector<std::pair<double, std::int64_t>>& top,
    const LookupOptions& options) const {
  std::sort(top.begin(), top.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<MemoryMatch> out;
  for (const auto& [score, id] : top) {
    if (out.size() == options.max_results) {
      break;
    }
    MemoryMatch match = load(id, score);
    // A unit imported after a part with the same texts is stored too (nothing imported is
    // lost); the pair is offered once.
    bool repeated = std::any_of(out.begin(), out.end(), [&](const MemoryMatch& o) {
      return (o.part_of != 0 || match.part_of != 0) && o.source == match.source &&
             o.target == match.target;
    });
    if (repeated) {
      continue;
    }
    out.push_back(std::move(match));
    if (options.with_diff) {
      out.back().diff = diff(query, out.back().source, mode);
    }
  }
  return out;
}

std::vector<MemoryMatch> SqliteMemory::lookup(std::string_view query,
                                              const LookupOptions& options) const {
  auto& m = *impl_;
  Impl::ReadTxn txn(m);
  auto q = token_hashes(query, m.mode);
  if (q.empty() || options.max_results == 0) {
    return {};
  }
  const std::size_t n = q.size();
  // Plain variables, not a structured binding: clang 14 cannot capture those in a lambda.
  const auto bounds = length_bounds(n, options.threshold);
  const std::size_t lo = bounds.first;
  const std::size_t hi = bounds.second;

  // Distinct query tokens with their index frequencies, rarest first.
  std::vector<std::uint32_t> distinct = q;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  sql::Stmt& df_q = m.cached(m.df_q, "SELECT df FROM postings WHERE token = ?");
  std::vector<std::pair<std::int64_t, std::uint32_t>> grams;
  {
    Resetter r{df_q};
    for (std::uint32_t t : distinct) {
      df_q.bind(1, static_cast<std::int64_t>(t));
      if (df_q.step()) {
        grams.emplace_back(df_q.int64(0), t);
      }
      df_q.reset();
    }
  }
  if (grams.empty()) {
    return {};
  }
  std::sort(grams.begin(), grams.end());

  // Prefix filter: a unit reaching the threshold shares at least `need` tokens with the
  // query (distance <= (1 - t) * max(n, m) and m <= n / t), so it holds one of the
  // distinct.size() - need + 1 rarest ones. Only those create candidates; the rest, read
  // while the budget lasts, only add to the counts used for ranking.
  std::size_t prefix = std::min(prefix_tokens(n, distinct.size(), options.threshold), grams.size());

  sql::Stmt& data_q = m.cached(m.data_q, "SELECT data FROM postings WHERE token = ?");
  Resetter reset_data{data_q};
  auto read_list = [&data_q](std::uint32_t token, const auto& consume) {
    data_q.bind(1, static_cast<std::int64_t>(token));
    if (data_q.step()) {
      consume(data_q.blob(0));
    }
    data_q.reset();
  };
  bool complete = false;
  auto cands =
      index_candidates(grams, prefix, n, lo, hi, std::max(options.candidates, options.max_results),
                       m.slots, read_list, complete);

  auto pairs = m.pairs_for(options);
  sql::Stmt& row = m.cached(m.row_q, "SELECT pair, data FROM tokens WHERE id = ?");
  Resetter reset_row{row};
  Scorer scorer{
      [&m](std::int64_t id) { return m.source_text(id); }, query, TokenDistance(q), n, {}};
  std::vector<std::pair<double, std::int64_t>> top;
  TopScores best(options.max_results);
  // Repeated query tokens can match more often than the distinct count says.
  const std::size_t repeats = n - distinct.size();
  for (const auto& c : cands) {
    // Upper bounds on the score, to skip units that cannot enter the top k: the distance is
    // at least the length difference, and (with every count complete) at least the longer
    // length less the tokens the unit can share.
    if (c.len != 255) {
      double longest = static_cast<double>(std::max<std::size_t>(n, c.len));
      double bound = 100.0 * static_cast<double>(std::min<std::size_t>(n, c.len)) / longest;
      if (complete && c.shared < 255) {
        bound = std::min(bound, 100.0 * static_cast<double>(c.shared + repeats) / longest);
      }
      if (bound < options.threshold || best.excludes(bound)) {
        continue;
      }
    }
    row.bind(1, c.id);
    if (row.step() && pairs.count(row.int64(0)) != 0) {
      double s = scorer.score(c.id, row.blob(1));
      if (s >= options.threshold) {
        top.emplace_back(s, c.id);
        best.add(s);
      }
    }
    row.reset();
  }
  return m.finish(query, top, options);
}

std::vector<MemoryMatch> SqliteMemory::lookup_linear(std::string_view query,
                                                     const LookupOptions& options) const {
  auto& m = *impl_;
  Impl::ReadTxn txn(m);
  auto q = token_hashes(query, m.mode);
  if (q.empty() || options.max_results == 0) {
    return {};
  }
  auto [lo, hi] = length_bounds(q.size(), options.threshold);
  auto pairs = m.pairs_for(options);
  sql::Stmt all = m.stmt("SELECT id, pair, len, data FROM tokens");
  Scorer scorer{
      [&m](std::int64_t id) { return m.source_text(id); }, query, TokenDistance(q), q.size(), {}};
  std::vector<std::pair<double, std::int64_t>> top;
  while (all.step()) {
    auto len = static_cast<std::size_t>(all.int64(2));
    if (len < lo || len > hi || pairs.count(all.int64(1)) == 0) {
      continue;
    }
    double s = scorer.score(all.int64(0), all.blob(3));
    if (s >= options.threshold) {
      top.emplace_back(s, all.int64(0));
    }
  }
  return m.finish(query, top, options);
}

std::uint64_t SqliteMemory::export_units(const std::function<void(const TranslationUnit&)>& sink,
                                         const ExportFilter& filter) const {
  auto& m = *impl_;
  // One pass over the table in id order: memory stays flat whatever the size. Without the
  // memory map, which would keep every page of the file resident for the pass.
  sqlite3_exec(m.db, "PRAGMA mmap_size=0", nullptr, nullptr, nullptr);
  struct Remap {
    sqlite3* db;
    explicit Remap(sqlite3* d) : db(d) {}
    Remap(const Remap&) = delete;
    Remap& operator=(const Remap&) = delete;
    ~Remap() { sqlite3_exec(db, "PRAGMA mmap_size=4294967296", nullptr, nullptr, nullptr); }
  } remap(m.db);
  Impl::ReadTxn txn(m);
  std::string sql =
      std::string("SELECT id, ") + m.unit_columns() + " FROM units WHERE " + m.units_only();
  if (!filter.document.empty()) {
    sql += " AND document = ?";
  }
  sql += " ORDER BY id";
  sql::Stmt q = m.stmt(sql);
  if (!filter.document.empty()) {
    q.bind(1, filter.document);
  }
  std::map<std::string, bool, std::less<>> src_cache, tgt_cache;
  std::uint64_t count = 0;
  while (q.step()) {
    if (!lang_ok(filter.src_lang, q.text(1), src_cache) ||
        !lang_ok(filter.tgt_lang, q.text(2), tgt_cache)) {
      continue;
    }
    MemoryMatch unit;
    unit.id = q.int64(0);
    read_unit(q, 1, unit);
    sink(unit.unit);
    ++count;
  }
  return count;
}

std::uint64_t SqliteMemory::remove_ids(const std::vector<std::int64_t>& ids) {
  auto& m = *impl_;
  m.begin_write();
  std::uint64_t removed = 0;
  try {
    sql::Stmt get = m.stmt("SELECT data FROM tokens WHERE id = ?");
    sql::Stmt del = m.stmt("DELETE FROM units WHERE id = ?");
    // A unit's parts go with it.
    std::vector<std::int64_t> all = ids;
    {
      sql::Stmt parts = m.stmt("SELECT id FROM units WHERE part_of = ?");
      for (std::int64_t id : ids) {
        parts.bind(1, id);
        while (parts.step()) {
          all.push_back(parts.int64(0));
        }
        parts.reset();
      }
    }
    std::unordered_set<std::int64_t> asked(ids.begin(), ids.end());
    sql::Stmt del_tokens = m.stmt("DELETE FROM tokens WHERE id = ?");
    std::unordered_set<std::int64_t> gone;
    std::unordered_set<std::uint32_t> touched;
    std::vector<std::uint32_t> tokens;
    for (std::int64_t id : all) {
      get.bind(1, id);
      if (get.step()) {
        decode_tokens(get.blob(0), tokens);
        touched.insert(tokens.begin(), tokens.end());
        get.reset();
        del.bind(1, id);
        del.exec();
        del_tokens.bind(1, id);
        del_tokens.exec();
        gone.insert(id);
        removed += asked.count(id);
      } else {
        get.reset();
      }
    }
    sql::Stmt read = m.stmt("SELECT data FROM postings WHERE token = ?");
    sql::Stmt write = m.stmt("UPDATE postings SET df = ?, last_id = ?, data = ? WHERE token = ?");
    sql::Stmt drop = m.stmt("DELETE FROM postings WHERE token = ?");
    std::string kept;
    for (std::uint32_t t : touched) {
      read.bind(1, static_cast<std::int64_t>(t));
      if (!read.step()) {
        read.reset();
        continue;
      }
      kept.clear();
      std::int64_t prev = 0;
      std::int64_t df = 0;
      for_each_entry(read.blob(0), [&](std::int64_t id, std::uint8_t len) {
        if (gone.count(id) == 0) {
          put_varint(kept, static_cast<std::uint64_t>(id - prev));
          kept.push_back(static_cast<char>(len));
          prev = id;
          ++df;
        }
      });
      read.reset();
      if (df == 0) {
        drop.bind(1, static_cast<std::int64_t>(t));
        drop.exec();
      } else {
        write.bind(1, df);
        write.bind(2, prev);
        write.bind_blob(3, kept.data(), kept.size());
        write.bind(4, static_cast<std::int64_t>(t));
        write.exec();
      }
    }
    sql::exec(m.db, "COMMIT", m.path);
  } catch (...) {
    m.rollback();
    throw;
  }
  return removed;
}

std::uint64_t SqliteMemory::remove_document(std::string_view document) {
  std::vector<std::int64_t> ids;
  {
    sql::Stmt q = impl_->stmt(std::string("SELECT id FROM units WHERE document = ? AND ") +
                              impl_->units_only());
    q.bind(1, document);
    while (q.step()) {
      ids.push_back(q.int64(0));
    }
  }
  if (ids.empty()) {
    return 0;
  }
  return remove_ids(ids);
}

std::vector<std::pair<std::string, std::string>> SqliteMemory::language_pairs() const {
  auto& m = *impl_;
  Impl::ReadTxn txn(m);
  // A pair whose units were all removed stays in `pairs`; the first unit of a live one is
  // found at once.
  sql::Stmt q = m.stmt(
      "SELECT src_lang, tgt_lang FROM pairs p WHERE EXISTS (SELECT 1 FROM tokens t WHERE "
      "t.pair = p.id) ORDER BY id");
  std::vector<std::pair<std::string, std::string>> out;
  while (q.step()) {
    out.emplace_back(q.text(0), q.text(1));
  }
  return out;
}

MemoryStats SqliteMemory::stats() const {
  auto& m = *impl_;
  Impl::ReadTxn txn(m);
  MemoryStats s;
  s.schema_version = kSchemaVersion;
  s.korean_tokens = m.mode;
  {
    sql::Stmt q = m.stmt(std::string("SELECT count(*) FROM units WHERE ") + m.units_only());
    q.step();
    s.units = static_cast<std::uint64_t>(q.int64(0));
  }
  if (m.has_parts) {
    sql::Stmt q = m.stmt("SELECT count(*) FROM units WHERE part_of IS NOT NULL");
    q.step();
    s.parts = static_cast<std::uint64_t>(q.int64(0));
  }
  {
    sql::Stmt q = m.stmt("SELECT count(*) FROM postings");
    q.step();
    s.index_tokens = static_cast<std::uint64_t>(q.int64(0));
  }
  {
    sql::Stmt q =
        m.stmt("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
    q.step();
    s.file_bytes = static_cast<std::uint64_t>(q.int64(0));
  }
  {
    sql::Stmt q = m.stmt(std::string("SELECT src_lang, tgt_lang, count(*) FROM units WHERE ") +
                         m.units_only() +
                         " GROUP BY src_lang, tgt_lang ORDER BY count(*) DESC, src_lang, tgt_lang");
    while (q.step()) {
      s.language_pairs.push_back(
          {std::string(q.text(0)), std::string(q.text(1)), static_cast<std::uint64_t>(q.int64(2))});
    }
  }
  {
    sql::Stmt q =
        m.stmt(std::string("SELECT document, count(*) FROM units WHERE document IS NOT NULL AND ") +
               m.units_only() + " GROUP BY document ORDER BY count(*) DESC, document");
    while (q.step()) {
      s.documents.push_back({std::string(q.text(0)), static_cast<std::uint64_t>(q.int64(1))});
    }
  }
  return s;
}

}  // namespace termbridge::tm
