#include "termbridge/io/format.hpp"

#include <array>
#include <utility>

#include "termbridge/base/error.hpp"
#include "termbridge/text/ascii.hpp"

namespace termbridge::io {

namespace {

constexpr std::array<std::pair<std::string_view, Format>, 10> kNames = {{
    {"tmx", Format::tmx},
    {"xliff12", Format::xliff12},
    {"xliff20", Format::xliff20},
    {"xliff21", Format::xliff21},
    {"tsv", Format::tsv},
    {"csv", Format::csv},
    {"tbx2", Format::tbx2},
    {"tbx3", Format::tbx3},
    {"omegat-tsv", Format::omegat_tsv},
    {"srx", Format::srx},
}};

// The value of attribute `name` inside the tag text `tag`, or empty.
std::string_view attribute(std::string_view tag, std::string_view name) {
  std::size_t pos = 0;
  while ((pos = tag.find(name, pos)) != std::string_view::npos) {
    bool starts_word = pos == 0 || tag[pos - 1] == ' ' || tag[pos - 1] == '\t' ||
                       tag[pos - 1] == '\n' || tag[pos - 1] == '\r';
    std::size_t p = pos + name.size();
    while (p < tag.size() &&
           (tag[p] == ' ' || tag[p] == '\t' || tag[p] == '\n' || tag[p] == '\r')) {
      ++p;
    }
    if (starts_word && p < tag.size() && tag[p] == '=') {
      ++p;
      while (p < tag.size() &&
             (tag[p] == ' ' || tag[p] == '\t' || tag[p] == '\n' || tag[p] == '\r')) {
        ++p;
      }
      if (p < tag.size() && (tag[p] == '"' || tag[p] == '\'')) {
        char q = tag[p];
        auto end = tag.find(q, p + 1);
        if (end != std::string_view::npos) {
          return tag.substr(p + 1, end - p - 1);
        }
      }
    }
    pos += name.size();
  }
  return {};
}

// The first element's name and its start tag text, skipping the prolog, comments, DOCTYPE.
std::pair<std::string_view, std::string_view> root_element(std::string_view head) {
  std::size_t pos = 0;
  while ((pos = head.find('<', pos)) != std::string_view::npos) {
    if (pos + 1 >= head.size()) {
      break;
    }
    char c = head[pos + 1];
    if (c == '?' || c == '!') {
      if (head.compare(pos, 4, "<!--") == 0) {
        auto end = head.find("-->", pos);
        pos = end == std::string_view::npos ? head.size() : end + 3;
      } else {
        ++pos;
      }
      continue;
    }
    auto end = head.find('>', pos);
    std::string_view tag =
        head.substr(pos + 1, end == std::string_view::npos ? head.size() - pos - 1 : end - pos - 1);
    std::size_t name_end = 0;
    while (name_end < tag.size() && tag[name_end] != ' ' && tag[name_end] != '\t' &&
           tag[name_end] != '\n' && tag[name_end] != '\r' && tag[name_end] != '/') {
      ++name_end;
    }
    std::string_view name = tag.substr(0, name_end);
    if (auto colon = name.find(':'); colon != std::string_view::npos) {
      name = name.substr(colon + 1);
    }
    return {name, tag};
  }
  return {};
}

}  // namespace

std::string_view format_name(Format format) {
  for (const auto& [name, f] : kNames) {
    if (f == format) {
      return name;
    }
  }
  return "?";
}

Format parse_format(std::string_view name) {
  std::string n = text::ascii_lower(name);
  for (const auto& [known, f] : kNames) {
    if (n == known) {
      return f;
    }
  }
  if (n == "xliff" || n == "xlf" || n == "xliff1" || n == "xliff-1.2") {
    return Format::xliff12;
  }
  if (n == "xliff2" || n == "xliff-2.1") {
    return Format::xliff21;
  }
  if (n == "xliff-2.0") {
    return Format::xliff20;
  }
  if (n == "tbx") {
    return Format::tbx2;
  }
  if (n == "omegat" || n == "omegat_tsv") {
    return Format::omegat_tsv;
  }
  std::string all;
  for (const auto& [known, f] : kNames) {
    all += all.empty() ? "" : ", ";
    all += known;
  }
  throw Error(ErrorKind::invalid_argument,
              "unknown format " + quoted(name) + " (expected " + all + ")");
}

std::optional<Format> format_from_extension(std::string_view path) {
  auto slash = path.find_last_of('/');
  auto base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  auto dot = base.rfind('.');
  if (dot == std::string_view::npos) {
    return std::nullopt;
  }
  std::string ext = text::ascii_lower(base.substr(dot + 1));
  if (ext == "tmx") {
    return Format::tmx;
  }
  if (ext == "xlf" || ext == "xliff" || ext == "xlz") {
    return Format::xliff12;
  }
  if (ext == "xlf2") {
    return Format::xliff21;
  }
  if (ext == "tbx") {
    return Format::tbx2;
  }
  if (ext == "tsv" || ext == "tab" || ext == "txt" || ext == "utf8") {
    return Format::tsv;
  }
  if (ext == "csv") {
    return Format::csv;
  }
  if (ext == "srx") {
    return Format::srx;
  }
  return std::nullopt;
}

std::optional<Format> sniff_format(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") {
    head.remove_prefix(3);
  }
  auto [root, tag] = root_element(head);
  if (!root.empty()) {
    std::string r = text::ascii_lower(root);
    std::string_view version = attribute(tag, "version");
    if (r == "tmx") {
      return Format::tmx;
    }
    if (r == "xliff") {
      if (version.substr(0, 1) == "2") {
        return version == "2.0" ? Format::xliff20 : Format::xliff21;
      }
      return Format::xliff12;
    }
    if (r == "martif") {
      return Format::tbx2;
    }
    if (r == "tbx") {
      return Format::tbx3;
    }
    if (r == "srx") {
      return Format::srx;
    }
    return std::nullopt;
  }
  auto nl = head.find('\n');
  auto first = head.substr(0, nl);
  if (first.find('\t') != std::string_view::npos) {
    return Format::tsv;
  }
  if (first.find(',') != std::string_view::npos) {
    return Format::csv;
  }
  return std::nullopt;
}

Format input_format(std::string_view path, std::string_view head, std::string_view explicit_name) {
  if (!explicit_name.empty()) {
    return parse_format(explicit_name);
  }
  auto by_ext = format_from_extension(path);
  auto by_content = sniff_format(head);
  // XML content is decisive; for text formats the extension is (a .txt may hold TSV).
  if (by_content && *by_content != Format::tsv && *by_content != Format::csv) {
    return *by_content;
  }
  if (by_ext) {
    return *by_ext;
  }
  if (by_content) {
    return *by_content;
  }
  throw Error(ErrorKind::invalid_argument,
              "cannot tell the format of " + quoted(path) + "; name it with --from");
}

Format output_format(std::string_view path, std::string_view explicit_name) {
  if (!explicit_name.empty()) {
    return parse_format(explicit_name);
  }
  if (auto f = format_from_extension(path)) {
    return *f;
  }
  throw Error(ErrorKind::invalid_argument,
              "cannot tell the format to write from " + quoted(path) + "; name it with --to");
}

}  // namespace termbridge::io
