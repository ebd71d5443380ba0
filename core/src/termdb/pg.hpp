#pragma once

// Thin RAII over libpq for the term base: a connection, results, text parameters, array
// literals, and one place that turns a failed command into termbridge::Error naming the URI
// (without its password). The memory has its own (tm/pg_util.hpp), fitted to its COPY and
// binary reads; private headers stay in their module (docs/DESIGN.md).

#include <cstdint>
#include <libpq-fe.h>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace termbridge::termdb::pg {

// A parameter in text form; nullopt is SQL NULL.
using Param = std::optional<std::string>;

class Result {
 public:
  Result() = default;
  explicit Result(PGresult* r) : r_(r) {}
  ~Result() { PQclear(r_); }
  Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  Result& operator=(Result&& o) noexcept;
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;

  const PGresult* get() const { return r_; }
  int rows() const { return PQntuples(r_); }
  // Rows an UPDATE, INSERT or DELETE touched.
  std::int64_t affected() const;
  std::string_view text(int row, int col) const {
    return {PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col))};
  }
  std::int64_t int64(int row, int col) const;
  // A text[] column, element by element.
  std::vector<std::string> array(int row, int col) const;

 private:
  PGresult* r_ = nullptr;
};

class Conn {
 public:
  // Connects; throws Error(io) naming the redacted URI when the server cannot be reached or
  // refuses the connection.
  explicit Conn(const std::string& uri);
  ~Conn();
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  const std::string& where() const { return where_; }

  // Runs SQL (several statements allowed when there are no parameters); throws on failure.
  Result exec(const std::string& sql, const std::vector<Param>& params = {});
  // Like exec, but a failure gives its SQLSTATE in `state` instead of a throw (empty: done).
  Result try_exec(const std::string& sql, const std::vector<Param>& params, std::string& state);
  void rollback() noexcept;

  [[noreturn]] void fail(const PGresult* r, std::string_view what) const;

 private:
  PGresult* run(const std::string& sql, const std::vector<Param>& params);
  PGconn* c_ = nullptr;
  std::string where_;
};

// A transaction: BEGIN (or `begin`) now, ROLLBACK unless commit() was called.
class Txn {
 public:
  explicit Txn(Conn& c, const std::string& begin = "BEGIN") : c_(c) { c_.exec(begin); }
  ~Txn() {
    if (!done_) {
      c_.rollback();
    }
  }
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;
  void commit() {
    c_.exec("COMMIT");
    done_ = true;
  }

 private:
  Conn& c_;
  bool done_ = false;
};

// The literal of a text[] parameter: {"a","b \"c\""}; every element quoted.
std::string array_literal(const std::vector<std::string>& items);

}  // namespace termbridge::termdb::pg
