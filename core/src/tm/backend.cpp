#include "tm/backend.hpp"

#include "termbridge/tm/memory.hpp"

namespace termbridge::tm {

bool is_database_uri(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string detail::redact_uri(std::string_view uri) {
  std::string out;
  std::size_t scheme = uri.find("://");
  if (scheme == std::string_view::npos) {
    return std::string(uri);
  }
  std::size_t start = scheme + 3;
  std::size_t end = uri.find_first_of("/?", start);
  if (end == std::string_view::npos) {
    end = uri.size();
  }
  std::string_view authority = uri.substr(start, end - start);
  out.append(uri.substr(0, start));
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view user = authority.substr(0, at);
    out.append(user.substr(0, user.find(':')));
    out.append(authority.substr(at));
  } else {
    out.append(authority);
  }
  std::size_t query = uri.find('?', end);
  out.append(uri.substr(end, (query == std::string_view::npos ? uri.size() : query) - end));
  if (query == std::string_view::npos) {
    return out;
  }
  // Parameters but password=...
  std::string_view rest = uri.substr(query + 1);
  char sep = '?';
  while (!rest.empty()) {
    std::size_t amp = rest.find('&');
    std::string_view param = rest.substr(0, amp);
    if (!param.starts_with("password=")) {
      out += sep;
      out.append(param);
      sep = '&';
    }
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
  }
  return out;
}

bool is_http_uri(std::string_view location) {
  return location.starts_with("http://");
}

TranslationMemory::TranslationMemory(const std::string& path, OpenOptions options)
    : backend_(is_database_uri(path) ? detail::open_postgresql(path, options)
               : is_http_uri(path)   ? detail::open_http(path, options)
                                     : detail::open_sqlite(path, options)) {}

TranslationMemory::~TranslationMemory() = default;
TranslationMemory::TranslationMemory(TranslationMemory&&) noexcept = default;
TranslationMemory& TranslationMemory::operator=(TranslationMemory&&) noexcept = default;

const std::string& TranslationMemory::path() const noexcept {
  return backend_->path();
}
KoreanTokens TranslationMemory::korean_tokens() const noexcept {
  return backend_->korean_tokens();
}
ImportResult TranslationMemory::import_units(const UnitSource& next, const ImportOptions& options) {
  return backend_->import_units(next, options);
}
std::uint64_t TranslationMemory::export_units(
    const std::function<void(const TranslationUnit&)>& sink, const ExportFilter& filter) const {
  return backend_->export_units(sink, filter);
}
std::vector<MemoryMatch> TranslationMemory::lookup(std::string_view query,
                                                   const LookupOptions& options) const {
  return backend_->lookup(query, options);
}
std::vector<MemoryMatch> TranslationMemory::lookup_linear(std::string_view query,
                                                          const LookupOptions& options) const {
  return backend_->lookup_linear(query, options);
}
std::uint64_t TranslationMemory::remove_ids(const std::vector<std::int64_t>& ids) {
  return backend_->remove_ids(ids);
}
std::uint64_t TranslationMemory::remove_document(std::string_view document) {
  return backend_->remove_document(document);
}
MemoryStats TranslationMemory::stats() const {
  return backend_->stats();
}
std::vector<std::pair<std::string, std::string>> TranslationMemory::language_pairs() const {
  return backend_->language_pairs();
}

}  // namespace termbridge::tm
