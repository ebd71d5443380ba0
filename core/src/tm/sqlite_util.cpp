#include "tm/sqlite_util.hpp"

namespace termbridge::tm::sql {

void fail(sqlite3* db, int rc, std::string_view what, const std::string& path) {
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    throw Error(ErrorKind::io, "translation memory " + termbridge::quoted(path) +
                                   " is locked by another writer; try again when it has "
                                   "finished (" +
                                   detail + ")");
  }
  if (primary == SQLITE_NOTADB) {
    throw Error(ErrorKind::parse,
                termbridge::quoted(path) + " is not a translation memory (not an SQLite database)");
  }
  if (primary == SQLITE_CORRUPT) {
    throw Error(ErrorKind::parse,
                "translation memory " + termbridge::quoted(path) + " is damaged: " + detail);
  }
  if (primary == SQLITE_FULL) {
    throw Error(ErrorKind::io, "cannot write translation memory " + termbridge::quoted(path) +
                                   ": disk full (" + detail + ")");
  }
  throw Error(ErrorKind::io, "translation memory " + termbridge::quoted(path) + ": " +
                                 std::string(what) + ": " + detail);
}

Stmt::Stmt(sqlite3* db, std::string_view sql, const std::string& path) : db_(db), path_(path) {
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &st_, nullptr);
  if (rc != SQLITE_OK) {
    fail(db, rc, "prepare", path_);
  }
}

Stmt::~Stmt() {
  sqlite3_finalize(st_);
}

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(st_);
    db_ = o.db_;
    st_ = o.st_;
    path_ = std::move(o.path_);
    o.st_ = nullptr;
  }
  return *this;
}

void Stmt::bind(int i, std::int64_t v) {
  sqlite3_bind_int64(st_, i, v);
}
void Stmt::bind(int i, double v) {
  sqlite3_bind_double(st_, i, v);
}
void Stmt::bind(int i, std::string_view v, bool copy) {
  sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()),
                    copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
}
void Stmt::bind_blob(int i, const void* data, std::size_t size, bool copy) {
  sqlite3_bind_blob(st_, i, size == 0 ? "" : data, static_cast<int>(size),
                    copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
}
void Stmt::bind_null(int i) {
  sqlite3_bind_null(st_, i);
}

bool Stmt::step() {
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  sqlite3_reset(st_);
  fail(db_, rc, "query", path_);
}

void Stmt::exec() {
  while (step()) {
  }
  reset();
}

void Stmt::reset() {
  sqlite3_reset(st_);
  sqlite3_clear_bindings(st_);
}

std::string_view Stmt::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, col));
  int n = sqlite3_column_bytes(st_, col);
  return p == nullptr ? std::string_view() : std::string_view(p, static_cast<std::size_t>(n));
}

std::string_view Stmt::blob(int col) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(st_, col));
  int n = sqlite3_column_bytes(st_, col);
  return p == nullptr ? std::string_view() : std::string_view(p, static_cast<std::size_t>(n));
}

void exec(sqlite3* db, const char* sql, const std::string& path) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    sqlite3_free(err);
    fail(db, rc, "statement failed", path);
  }
}

}  // namespace termbridge::tm::sql
