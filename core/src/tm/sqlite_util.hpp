#pragma once

// Thin RAII over the SQLite C API for the tm module: a connection, prepared statements and
// one check() that turns result codes into termbridge::Error.

#include <cstdint>
#include <string>
#include <string_view>

#include <sqlite3.h>

#include "termbridge/base/error.hpp"

namespace termbridge::tm::sql {

class Db;

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what, const std::string& path);

class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, std::string_view sql, const std::string& path);
  ~Stmt();
  Stmt(Stmt&& o) noexcept : db_(o.db_), st_(o.st_), path_(std::move(o.path_)) { o.st_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  explicit operator bool() const noexcept { return st_ != nullptr; }

  // Binds (1-based index). Text and blobs are copied only when `copy` is true.
  void bind(int i, std::int64_t v);
  void bind(int i, double v);
  void bind(int i, std::string_view v, bool copy = false);
  void bind_blob(int i, const void* data, std::size_t size, bool copy = false);
  void bind_null(int i);

  // Steps; true when a row is ready, false when done. Throws on errors.
  bool step();
  // Runs to completion and resets.
  void exec();
  void reset();

  std::int64_t int64(int col) const { return sqlite3_column_int64(st_, col); }
  double real(int col) const { return sqlite3_column_double(st_, col); }
  bool is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
  std::string_view text(int col) const;
  std::string_view blob(int col) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* st_ = nullptr;
  std::string path_;
};

// Runs SQL without results (several statements allowed).
void exec(sqlite3* db, const char* sql, const std::string& path);

}  // namespace termbridge::tm::sql
