#if TB_HAVE_POSTGRESQL

#include "tm/pg_util.hpp"

#include <algorithm>
#include <cstdlib>

#include "tm/backend.hpp"

namespace termbridge::tm::pg {

namespace {

// libpq's messages end in a newline and may run over several lines ("...failed: ...\n\tIs
// the server running locally...?"): one line for termbridge's "error: ..." form.
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

}  // namespace

Result& Result::operator=(Result&& o) noexcept {
  if (this != &o) {
    PQclear(r_);
    r_ = o.r_;
    o.r_ = nullptr;
  }
  return *this;
}

std::int64_t Result::int64(int row, int col) const {
  return std::strtoll(PQgetvalue(r_, row, col), nullptr, 10);
}

double Result::real(int row, int col) const {
  return std::strtod(PQgetvalue(r_, row, col), nullptr);
}

std::int64_t Result::binary_int(int row, int col) const {
  // Network byte order, of 2, 4 or 8 bytes.
  std::string_view v = text(row, col);
  std::uint64_t u = 0;
  for (char c : v) {
    u = u << 8U | static_cast<unsigned char>(c);
  }
  switch (v.size()) {
    case 2:
      return static_cast<std::int16_t>(u);
    case 4:
      return static_cast<std::int32_t>(u);
    default:
      return static_cast<std::int64_t>(u);
  }
}

std::string Result::bytes(int row, int col) const {
  std::size_t size = 0;
  unsigned char* raw =
      PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(r_, row, col)), &size);
  if (raw == nullptr) {
    throw Error(ErrorKind::io, "out of memory decoding a bytea value");
  }
  std::string out(reinterpret_cast<const char*>(raw), size);
  PQfreemem(raw);
  return out;
}

Conn::Conn(const std::string& uri) : where_(detail::redact_uri(uri)) {
  c_ = PQconnectdb(uri.c_str());
  if (c_ == nullptr) {
    throw Error(ErrorKind::io, "cannot connect to translation memory " +
                                   termbridge::quoted(where_) + ": out of memory");
  }
  if (PQstatus(c_) != CONNECTION_OK) {
    std::string message = one_line(PQerrorMessage(c_));
    PQfinish(c_);
    c_ = nullptr;
    throw Error(ErrorKind::io, "cannot connect to translation memory " +
                                   termbridge::quoted(where_) + ": " + message);
  }
  // Notices ("relation ... already exists, skipping") would go to stderr otherwise.
  PQsetNoticeProcessor(c_, ignore_notice, nullptr);
}

Conn::~Conn() {
  if (c_ != nullptr) {
    PQfinish(c_);
  }
}

PGresult* Conn::run(const std::string& sql, const std::vector<Param>& params, int format) {
  if (params.empty() && format == 0) {
    return PQexec(c_, sql.c_str());
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) {
    values.push_back(p ? p->c_str() : nullptr);
  }
  return PQexecParams(c_, sql.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                      nullptr, nullptr, format);
}

namespace {

bool ok(const PGresult* r) {
  if (r == nullptr) {
    return false;
  }
  auto status = PQresultStatus(r);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN;
}

}  // namespace

Result Conn::exec(const std::string& sql, const std::vector<Param>& params) {
  Result r(run(sql, params));
  if (!ok(r.get())) {
    fail(r.get(), "a command failed");
  }
  return r;
}

Result Conn::exec_binary(const std::string& sql, const std::vector<Param>& params) {
  Result r(run(sql, params, 1));
  if (!ok(r.get())) {
    fail(r.get(), "a command failed");
  }
  return r;
}

std::string Conn::try_exec(const std::string& sql, const std::vector<Param>& params) {
  Result r(run(sql, params));
  if (ok(r.get())) {
    return {};
  }
  const char* state = r.get() != nullptr ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
  if (state == nullptr) {
    fail(r.get(), "a command failed");
  }
  return state;
}

void Conn::copy_in(const std::string& sql, std::string_view data) {
  Result start(PQexec(c_, sql.c_str()));
  if (start.get() == nullptr || PQresultStatus(start.get()) != PGRES_COPY_IN) {
    fail(start.get(), "cannot start a copy");
  }
  // In pieces: PQputCopyData takes an int size.
  constexpr std::size_t kPiece = std::size_t{1} << 20;
  for (std::size_t at = 0; at < data.size(); at += kPiece) {
    std::size_t n = std::min(kPiece, data.size() - at);
    if (PQputCopyData(c_, data.data() + at, static_cast<int>(n)) != 1) {
      fail(nullptr, "cannot send a copy");
    }
  }
  if (PQputCopyEnd(c_, nullptr) != 1) {
    fail(nullptr, "cannot end a copy");
  }
  while (PGresult* raw = PQgetResult(c_)) {
    Result r(raw);
    if (!ok(raw)) {
      fail(raw, "a copy failed");
    }
  }
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
  throw Error(ErrorKind::io, "translation memory " + termbridge::quoted(where_) + ": " + detail);
}

void copy_field(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

void copy_bytea(std::string& out, std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\\\x";
  for (char c : bytes) {
    auto b = static_cast<unsigned char>(c);
    out += kHex[b >> 4U];
    out += kHex[b & 15U];
  }
}

}  // namespace termbridge::tm::pg

#endif  // TB_HAVE_POSTGRESQL
