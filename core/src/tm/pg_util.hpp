#pragma once

// Thin RAII over libpq for the PostgreSQL memory: a connection, results, text parameters,
// COPY, and one place that turns a failed command into termbridge::Error naming the URI
// (without its password).

#include <cstdint>
#include <libpq-fe.h>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "termbridge/base/error.hpp"

namespace termbridge::tm::pg {

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
  bool is_null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
  std::string_view text(int row, int col) const {
    return {PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col))};
  }
  std::int64_t int64(int row, int col) const;
  double real(int row, int col) const;
  // A bytea column (hex output) decoded to its bytes.
  std::string bytes(int row, int col) const;
  // Of a binary result (Conn::exec_binary): a bytea's bytes, an integer column's value.
  std::string_view raw(int row, int col) const { return text(row, col); }
  std::int64_t binary_int(int row, int col) const;

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
  // The same with the result in binary form: bytea values as they are, no hex to decode.
  Result exec_binary(const std::string& sql, const std::vector<Param>& params);
  // Like exec, but returns the failed result's SQLSTATE instead of throwing (empty: done).
  std::string try_exec(const std::string& sql, const std::vector<Param>& params = {});
  // COPY ... FROM STDIN with `data` in COPY's text format.
  void copy_in(const std::string& sql, std::string_view data);
  void rollback() noexcept;

  [[noreturn]] void fail(const PGresult* r, std::string_view what) const;

 private:
  PGresult* run(const std::string& sql, const std::vector<Param>& params, int format = 0);
  PGconn* c_ = nullptr;
  std::string where_;
};

// Appends `s` as a field of COPY's text format (backslash, tab, newline and carriage return
// escaped).
void copy_field(std::string& out, std::string_view s);
// A bytea value in COPY's text format: \\x and hex digits.
void copy_bytea(std::string& out, std::string_view bytes);
// An array literal of integers for a parameter: {1,2,3}.
template <typename Ints>
std::string int_array(const Ints& v) {
  std::string out = "{";
  for (const auto& x : v) {
    if (out.size() > 1) {
      out += ',';
    }
    out += std::to_string(x);
  }
  out += '}';
  return out;
}

}  // namespace termbridge::tm::pg
