#if TB_HAVE_POSTGRESQL

#include "termdb/pg.hpp"

#include <cstdlib>

#include "termbridge/base/error.hpp"
#include "termbridge/termdb/store.hpp"

namespace termbridge::termdb::pg {

namespace {

// libpq's messages end in a newline and may run over several lines: one line for
// termbridge's "error: ..." form.
std::string one_line(const char* message) {
  std::string out;
  for (const char* p = message; p != nullptr && *p != '\0'; ++p) {
    if (*p == '\n' || *p == '\t') {
      if (!out.empty() && out.back() != ' ') {
        out += ' ';
      }
    } else {
      out += *p;
    }
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

void ignore_notice(void*, const char*) {}

bool ok(const PGresult* r) {
  if (r == nullptr) {
    return false;
  }
  auto status = PQresultStatus(r);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

}  // namespace

Result& Result::operator=(Result&& o) noexcept {
  if (this != &o) {
    PQclear(r_);
    r_ = o.r_;
    o.r_ = nullptr;
  }
  return *this;
}

std::int64_t Result::affected() const {
  return std::strtoll(PQcmdTuples(const_cast<PGresult*>(r_)), nullptr, 10);
}

std::int64_t Result::int64(int row, int col) const {
  return std::strtoll(PQgetvalue(r_, row, col), nullptr, 10);
}

std::vector<std::string> Result::array(int row, int col) const {
  // The server's output form of a one-dimensional text[]: {a,"b c",""}; an element is quoted
  // when it is empty or holds a space, comma, quote, backslash or brace, with \ escaping " and
  // \ inside quotes. termbridge stores no NULL elements.
  std::string_view v = text(row, col);
  std::vector<std::string> out;
  if (v.size() < 2 || v.front() != '{' || v.back() != '}') {
    return out;
  }
  v = v.substr(1, v.size() - 2);
  std::size_t i = 0;
  while (i < v.size()) {
    std::string item;
    if (v[i] == '"') {
      for (++i; i < v.size() && v[i] != '"'; ++i) {
        if (v[i] == '\\' && i + 1 < v.size()) {
          ++i;
        }
        item += v[i];
      }
      ++i;  // the closing quote
    } else {
      while (i < v.size() && v[i] != ',') {
        item += v[i++];
      }
    }
    out.push_back(std::move(item));
    if (i < v.size() && v[i] == ',') {
      ++i;
    }
  }
  return out;
}

Conn::Conn(const std::string& uri) : where_(redact_uri(uri)) {
  c_ = PQconnectdb(uri.c_str());
  if (c_ == nullptr) {
    throw Error(ErrorKind::io,
                "cannot connect to term base " + termbridge::quoted(where_) + ": out of memory");
  }
  if (PQstatus(c_) != CONNECTION_OK) {
    std::string message = one_line(PQerrorMessage(c_));
    PQfinish(c_);
    c_ = nullptr;
    throw Error(ErrorKind::io,
                "cannot connect to term base " + termbridge::quoted(where_) + ": " + message);
  }
  // Notices ("relation ... already exists, skipping") would go to stderr otherwise.
  PQsetNoticeProcessor(c_, ignore_notice, nullptr);
}

Conn::~Conn() {
  if (c_ != nullptr) {
    PQfinish(c_);
  }
}

PGresult* Conn::run(const std::string& sql, const std::vector<Param>& params) {
  if (params.empty()) {
    return PQexec(c_, sql.c_str());
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) {
    values.push_back(p ? p->c_str() : nullptr);
  }
  return PQexecParams(c_, sql.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                      nullptr, nullptr, 0);
}

Result Conn::exec(const std::string& sql, const std::vector<Param>& params) {
  Result r(run(sql, params));
  if (!ok(r.get())) {
    fail(r.get(), "a command failed");
  }
  return r;
}

Result Conn::try_exec(const std::string& sql, const std::vector<Param>& params,
                      std::string& state) {
  Result r(run(sql, params));
  state.clear();
  if (ok(r.get())) {
    return r;
  }
  const char* s = r.get() != nullptr ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
  if (s == nullptr) {
    fail(r.get(), "a command failed");
  }
  state = s;
  return r;
}

void Conn::rollback() noexcept {
  PQclear(PQexec(c_, "ROLLBACK"));
}

void Conn::fail(const PGresult* r, std::string_view what) const {
  const char* message = r != nullptr ? PQresultErrorMessage(r) : "";
  if (message == nullptr || *message == '\0') {
    message = PQerrorMessage(c_);
  }
  std::string detail = one_line(message);
  if (detail.empty()) {
    detail = std::string(what);
  }
  throw Error(ErrorKind::io, "term base " + termbridge::quoted(where_) + ": " + detail);
}

std::string array_literal(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const auto& s : items) {
    if (out.size() > 1) {
      out += ',';
    }
    out += '"';
    for (char c : s) {
      if (c == '"' || c == '\\') {
        out += '\\';
      }
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

}  // namespace termbridge::termdb::pg

#endif  // TB_HAVE_POSTGRESQL
