#include "cli.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <iterator>
#include <new>
#include <optional>
#include <random>
#include <sstream>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include "termbridge/base/error.hpp"
#include "termbridge/text/decode.hpp"

namespace termbridge::cli {

namespace {

constexpr std::string_view kVersion = "0.1.0";

const OptionSpec kHelpOption{"help", 'h', "", "show this help and exit"};
const OptionSpec kQuietOption{"quiet", 'q', "", "no progress bar and no warnings on stderr"};
const OptionSpec kMaxLineOption{
    "max-line", 0, "BYTES",
    "the longest line, XML tag or TMX unit read (default 64M; suffixes K, M, G): "
    "a longer one is an error, so no input makes memory grow without bound"};
const OptionSpec kMaxInputOption{
    "max-input", 0, "BYTES",
    "the largest file read whole: XLIFF, TBX, term bases, text not in UTF-8 (default 1G)"};
const OptionSpec kEncodingOption{
    "encoding", 0, "E",
    "text input encoding: auto (BOM, else UTF-8, else a guess: UTF-16 or CP949, with a note), "
    "or cp949, euc-kr, utf-16le, windows-1252, ... (XML files follow their declaration)"};

}  // namespace

std::uint64_t parse_size(std::string_view option, const std::string& value) {
  std::size_t i = 0;
  std::uint64_t n = 0;
  bool overflow = false;
  while (i < value.size() && value[i] >= '0' && value[i] <= '9') {
    overflow = overflow || n > (UINT64_MAX - 9) / 10;
    n = n * 10 + static_cast<std::uint64_t>(value[i] - '0');
    ++i;
  }
  std::string unit;
  for (char c : value.substr(i)) {
    unit += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  int shift = -1;
  if (unit.empty() || unit == "b") {
    shift = 0;
  } else if (unit == "k" || unit == "kb" || unit == "kib") {
    shift = 10;
  } else if (unit == "m" || unit == "mb" || unit == "mib") {
    shift = 20;
  } else if (unit == "g" || unit == "gb" || unit == "gib") {
    shift = 30;
  }
  if (i == 0 || shift < 0 || overflow || n == 0 || n > (UINT64_MAX >> shift >> 1)) {
    throw UsageError("--" + std::string(option) +
                     " expects a size in bytes such as 64M or 1G, not " +
                     termbridge::quoted(value));
  }
  return n << shift;
}

namespace {

// The commands that read text files take --encoding, given here once so that they all
// take it the same way (Context::encoding).
bool reads_text(std::string_view full_name) {
  for (std::string_view name :
       {"segment", "normalize", "terms find", "terms annotate", "align", "convert", "qa",
        "tm import", "tm lookup", "pretranslate", "merge"}) {
    if (full_name == name) {
      return true;
    }
  }
  return false;
}

Context default_context;
const Context* running = &default_context;

std::string full_name(const std::vector<const Command*>& path) {
  std::string name;
  for (const auto* c : path) {
    if (!name.empty()) {
      name += ' ';
    }
    name += c->name;
  }
  return name;
}

std::string usage_line(const std::vector<const Command*>& path) {
  const Command& c = *path.back();
  std::string out = "usage: termbridge " + full_name(path);
  if (!c.subcommands.empty()) {
    out += " COMMAND [ARGS...]";
  } else if (!c.usage.empty()) {
    out += ' ';
    out += c.usage;
  }
  return out;
}

void print_options(std::ostream& out, const std::vector<OptionSpec>& options) {
  std::vector<OptionSpec> all = options;
  all.push_back(kQuietOption);
  all.push_back(kMaxLineOption);
  all.push_back(kMaxInputOption);
  all.push_back(kHelpOption);
  std::vector<std::string> heads;
  std::size_t width = 0;
  for (const auto& o : all) {
    std::string head = o.short_name ? std::string("-") + o.short_name + ", " : "    ";
    head += "--" + std::string(o.name);
    if (!o.value_name.empty()) {
      head += ' ' + std::string(o.value_name);
    }
    width = std::max(width, head.size());
    heads.push_back(std::move(head));
  }
  out << "\noptions:\n";
  for (std::size_t i = 0; i < all.size(); ++i) {
    out << "  " << heads[i] << std::string(width - heads[i].size() + 2, ' ') << all[i].help << '\n';
  }
}

void print_help(std::ostream& out, const std::vector<const Command*>& path) {
  const Command& c = *path.back();
  out << usage_line(path) << "\n\n" << c.summary << '\n';
  if (!c.subcommands.empty()) {
    out << "\ncommands:\n";
    std::size_t width = 0;
    for (const auto& s : c.subcommands) {
      width = std::max(width, s.name.size());
    }
    for (const auto& s : c.subcommands) {
      out << "  " << s.name << std::string(width - s.name.size() + 2, ' ') << s.summary << '\n';
    }
    out << "\nRun 'termbridge " << full_name(path) << " COMMAND --help' for a command's options.\n";
    return;
  }
  print_options(out, c.options);
  if (!c.description.empty()) {
    out << '\n' << c.description;
    if (c.description.back() != '\n') {
      out << '\n';
    }
  }
}

void print_top_help(std::ostream& out, const std::vector<Command>& table) {
  out << "usage: termbridge COMMAND [ARGS...]\n\n"
         "Korean-English terminology, segmentation, alignment and translation memory for\n"
         "defense and security texts.\n\ncommands:\n";
  std::size_t width = 0;
  for (const auto& c : table) {
    width = std::max(width, c.name.size());
  }
  for (const auto& c : table) {
    out << "  " << c.name << std::string(width - c.name.size() + 2, ' ') << c.summary << '\n';
  }
  out << "\nRun 'termbridge COMMAND --help' for a command's options; 'termbridge --version' for\n"
         "the version. Exit status: 0 done, 1 done with findings, 2 error.\n";
}

const Command* find_command(const std::vector<Command>& table, std::string_view name) {
  for (const auto& c : table) {
    if (c.name == name) {
      return &c;
    }
  }
  return nullptr;
}

std::string names_of(const std::vector<Command>& table) {
  std::string out;
  for (const auto& c : table) {
    out += out.empty() ? "" : ", ";
    out += c.name;
  }
  return out;
}

bool stderr_is_tty() {
  return ::isatty(STDERR_FILENO) == 1;
}

}  // namespace

bool Args::flag(std::string_view name) const {
  return std::any_of(options_.begin(), options_.end(),
                     [&](const auto& o) { return o.first == name; });
}

std::optional<std::string> Args::value(std::string_view name) const {
  for (auto it = options_.rbegin(); it != options_.rend(); ++it) {
    if (it->first == name) {
      return it->second;
    }
  }
  return std::nullopt;
}

std::string Args::value_or(std::string_view name, std::string_view fallback) const {
  auto v = value(name);
  return v ? *v : std::string(fallback);
}

std::vector<std::string> Args::values(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& o : options_) {
    if (o.first == name) {
      out.push_back(o.second);
    }
  }
  return out;
}

Args parse_args(const Command& command, const std::vector<std::string>& argv) {
  Args args;
  std::vector<OptionSpec> all = command.options;
  all.push_back(kQuietOption);
  all.push_back(kMaxLineOption);
  all.push_back(kMaxInputOption);
  all.push_back(kHelpOption);
  auto find_long = [&](std::string_view name) -> const OptionSpec* {
    for (const auto& o : all) {
      if (o.name == name) {
        return &o;
      }
    }
    return nullptr;
  };
  auto find_short = [&](char c) -> const OptionSpec* {
    for (const auto& o : all) {
      if (o.short_name == c) {
        return &o;
      }
    }
    return nullptr;
  };
  auto add = [&](const OptionSpec& spec, std::string value) {
    if (!spec.repeatable && spec.name != "help" && spec.name != "quiet" && args.value(spec.name) &&
        !spec.value_name.empty()) {
      throw UsageError("option --" + std::string(spec.name) + " given twice");
    }
    args.options_.emplace_back(std::string(spec.name), std::move(value));
  };
  bool only_positionals = false;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (only_positionals || a == "-" || a.size() < 2 || a[0] != '-') {
      args.positionals_.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positionals = true;
      continue;
    }
    if (a[1] == '-') {
      std::string name = a.substr(2);
      std::optional<std::string> inline_value;
      if (auto eq = name.find('='); eq != std::string::npos) {
        inline_value = name.substr(eq + 1);
        name.resize(eq);
      }
      const OptionSpec* spec = find_long(name);
      if (!spec) {
        throw UsageError("unknown option --" + name);
      }
      if (spec->value_name.empty()) {
        if (inline_value) {
          throw UsageError("option --" + name + " takes no value");
        }
        add(*spec, "");
      } else if (inline_value) {
        add(*spec, *inline_value);
      } else {
        if (i + 1 >= argv.size()) {
          throw UsageError("option --" + name + " needs a value (" + std::string(spec->value_name) +
                           ")");
        }
        add(*spec, argv[++i]);
      }
      continue;
    }
    // Short options, possibly bundled: -qo FILE, -oFILE.
    for (std::size_t k = 1; k < a.size(); ++k) {
      const OptionSpec* spec = find_short(a[k]);
      if (!spec) {
        throw UsageError(std::string("unknown option -") + a[k]);
      }
      if (spec->value_name.empty()) {
        add(*spec, "");
        continue;
      }
      if (k + 1 < a.size()) {
        add(*spec, a.substr(k + 1));
      } else if (i + 1 < argv.size()) {
        add(*spec, argv[++i]);
      } else {
        throw UsageError(std::string("option -") + a[k] + " needs a value (" +
                         std::string(spec->value_name) + ")");
      }
      break;
    }
  }
  return args;
}

void Context::warn(std::string_view message) const {
  if (!quiet) {
    std::cerr << "termbridge " << command << ": warning: " << message << '\n';
  }
}

void Context::note(std::string_view message) const {
  if (!quiet) {
    std::cerr << "termbridge " << command << ": note: " << message << '\n';
  }
}

const Context& running_context() {
  return *running;
}

int dispatch(const std::vector<Command>& table, int argc, char** argv) {
  std::vector<std::string> rest(argv + 1, argv + argc);
  if (rest.empty()) {
    std::cerr << "usage: termbridge COMMAND [ARGS...]\n"
              << "Run 'termbridge --help' for the list of commands.\n";
    return kExitError;
  }
  if (rest[0] == "--help" || rest[0] == "-h" || rest[0] == "help") {
    if (rest[0] == "help" && rest.size() > 1) {
      rest.erase(rest.begin());
      rest.push_back("--help");
    } else {
      print_top_help(std::cout, table);
      return kExitOk;
    }
  }
  if (rest[0] == "--version" || rest[0] == "-V") {
    std::cout << "termbridge " << kVersion << '\n';
    return kExitOk;
  }
  std::vector<const Command*> path;
  const std::vector<Command>* level = &table;
  std::size_t used = 0;
  while (used < rest.size()) {
    const Command* c = find_command(*level, rest[used]);
    if (!c) {
      if (path.empty()) {
        std::cerr << "termbridge: error: unknown command " << termbridge::quoted(rest[used])
                  << " (commands: " << names_of(table) << ")\n";
      } else {
        if (rest[used] == "--help" || rest[used] == "-h") {
          print_help(std::cout, path);
          return kExitOk;
        }
        std::cerr << "termbridge " << full_name(path) << ": error: unknown command "
                  << termbridge::quoted(rest[used]) << " (commands: " << names_of(*level) << ")\n";
        std::cerr << usage_line(path) << '\n';
      }
      return kExitError;
    }
    path.push_back(c);
    ++used;
    if (c->subcommands.empty()) {
      break;
    }
    level = &c->subcommands;
  }
  Context ctx;
  ctx.command = full_name(path);
  Command with_encoding = *path.back();
  if (reads_text(ctx.command)) {
    with_encoding.options.push_back(kEncodingOption);
    path.back() = &with_encoding;
  }
  const Command& cmd = *path.back();
  if (!cmd.subcommands.empty()) {
    std::cerr << usage_line(path) << "\nRun 'termbridge " << ctx.command
              << " --help' for the list of commands.\n";
    return kExitError;
  }
  std::vector<std::string> cmd_args(rest.begin() + static_cast<std::ptrdiff_t>(used), rest.end());
  const std::string prefix = "termbridge " + ctx.command + ": ";
  try {
    Args args = parse_args(cmd, cmd_args);
    if (args.flag("help")) {
      print_help(std::cout, path);
      return kExitOk;
    }
    ctx.quiet = args.flag("quiet");
    ctx.encoding = args.value_or("encoding", "auto");
    text::ReadLimits limits;
    if (auto v = args.value("max-line")) {
      limits.max_line = parse_size("max-line", *v);
    }
    if (auto v = args.value("max-input")) {
      limits.max_input = parse_size("max-input", *v);
    }
    text::set_read_limits(limits);
    if (!text::is_known_encoding(ctx.encoding)) {
      throw UsageError("unknown encoding " + termbridge::quoted(ctx.encoding) +
                       " for --encoding (auto, utf-8, utf-16le, cp949, euc-kr, windows-1252, "
                       "or another name ICU knows)");
    }
    running = &ctx;
    struct Restore {
      ~Restore() { running = &default_context; }
    } restore;
    for (const auto& spec : cmd.options) {
      if (spec.name == "tm" || spec.name == "glossary") {
        std::string what =
            spec.name == "tm" ? "the memory given with " : "the glossary given with ";
        if (spec.short_name != 0) {
          what += std::string("-") + spec.short_name + "/";
        }
        what += "--" + std::string(spec.name);
        for (const auto& v : args.values(spec.name)) {
          register_input(v, what);
        }
      }
    }
    return cmd.run(args, ctx);
  } catch (const UsageError& e) {
    std::cerr << prefix << "error: " << e.what() << '\n' << usage_line(path) << '\n';
  } catch (const termbridge::Error& e) {
    std::cerr << prefix << "error: " << e.what() << '\n';
  } catch (const std::bad_alloc&) {
    std::cerr << prefix << "error: out of memory\n";
  } catch (const std::exception& e) {
    std::cerr << prefix << "internal error: " << e.what() << '\n';
  }
  return kExitError;
}

// ---- input and output ----

void register_input(const std::string& path, std::string what) {
  if (path.empty() || path == "-") {
    return;
  }
  running_context().inputs.emplace_back(path, std::move(what));
}

Input::Input(const std::string& path) {
  if (path.empty() || path == "-") {
    name_ = "<stdin>";
    in_ = &std::cin;
    return;
  }
  name_ = path;
  register_input(path, "an input of this command");
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    throw Error(ErrorKind::io, "cannot open " + termbridge::quoted(path) + ": no such file");
  }
  if (std::filesystem::is_directory(status)) {
    throw Error(ErrorKind::io, "cannot read " + termbridge::quoted(path) + ": is a directory");
  }
  file_ = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*file_) {
    throw Error(ErrorKind::io,
                "cannot open " + termbridge::quoted(path) + ": " + std::strerror(errno));
  }
  if (std::filesystem::is_regular_file(status)) {
    size_ = static_cast<std::uint64_t>(std::filesystem::file_size(path, ec));
  }
  in_ = file_.get();
}

std::string read_all(const std::string& path, std::string_view encoding) {
  Input in(path);
  return text::read_whole(in.stream(), in.name(), {}, encoding);
}

std::string read_head(std::istream& in, const std::string& name, std::size_t n) {
  std::string head(n, '\0');
  in.read(head.data(), static_cast<std::streamsize>(n));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    throw Error(ErrorKind::io, "cannot read " + termbridge::quoted(name));
  }
  in.clear();
  // A NUL byte where no UTF-16 or UTF-32 is seen: binary data, or /dev/zero. Said here, at
  // its position, rather than "cannot tell the format".
  text::check_no_nul(head, name, running_context().encoding);
  return head;
}

ReplayBuf::int_type ReplayBuf::underflow() {
  if (gptr() < egptr()) {
    return traits_type::to_int_type(*gptr());
  }
  std::streamsize n = rest_->sgetn(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  if (n <= 0) {
    return traits_type::eof();
  }
  setg(buf_.data(), buf_.data(), buf_.data() + n);
  return traits_type::to_int_type(*gptr());
}

std::string head_for_sniffing(std::string_view data) {
  std::string head(data.substr(0, 4096));
  if (head.size() >= 2 &&
      (head.compare(0, 2, "\xFF\xFE") == 0 || head.compare(0, 2, "\xFE\xFF") == 0)) {
    std::string narrow;
    for (std::size_t i = 2; i + 1 < head.size(); i += 2) {
      narrow += head[i] == '\0' ? head[i + 1] : head[i];
    }
    return narrow;
  }
  return head;
}

namespace {

// The identity of an existing file, through symlinks.
std::optional<std::pair<dev_t, ino_t>> file_id(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return std::nullopt;
  }
  return std::make_pair(st.st_dev, st.st_ino);
}

// The temporary files of the Outputs alive now, for the signal handler: a SIGINT, SIGTERM,
// SIGHUP or SIGPIPE while writing would otherwise leave them beside the target. Plain slots
// of atomic pointers, because the handler may only read and unlink.
constexpr std::size_t kTempSlots = 64;
std::array<std::atomic<const char*>, kTempSlots> temp_files{};

extern "C" void remove_temp_files_and_die(int sig) {
  for (auto& slot : temp_files) {
    if (const char* p = slot.load()) {
      ::unlink(p);
    }
  }
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

void watch_temp_file(const char* path) {
  static const bool installed = [] {
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) {
      struct sigaction old {};
      // A signal the caller ignores (nohup) stays ignored.
      if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_DFL) {
        struct sigaction act {};
        act.sa_handler = remove_temp_files_and_die;
        sigemptyset(&act.sa_mask);
        ::sigaction(sig, &act, nullptr);
      }
    }
    return true;
  }();
  (void)installed;
  for (auto& slot : temp_files) {
    const char* empty = nullptr;
    if (slot.compare_exchange_strong(empty, path)) {
      return;
    }
  }
}

void unwatch_temp_file(const char* path) {
  for (auto& slot : temp_files) {
    const char* mine = path;
    if (slot.compare_exchange_strong(mine, nullptr)) {
      return;
    }
  }
}

// A stream buffer writing to a file descriptor, so that an Output can write an O_TMPFILE
// file, which has no name to open an ofstream on. Keeps the errno of a failed write for the
// message (a full disk says so).
class FdBuf : public std::streambuf {
 public:
  explicit FdBuf(int fd) : fd_(fd) { setp(buf_.data(), buf_.data() + buf_.size()); }
  int error() const noexcept { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) {
      return traits_type::eof();
    }
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (n <= epptr() - pptr()) {
      std::memcpy(pptr(), s, static_cast<std::size_t>(n));
      pbump(static_cast<int>(n));
      return n;
    }
    // Larger than the room left: the buffered bytes, then these straight to the file.
    if (!drain() || !write_all(s, static_cast<std::size_t>(n))) {
      return 0;
    }
    return n;
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    bool ok = write_all(pbase(), static_cast<std::size_t>(pptr() - pbase()));
    setp(buf_.data(), buf_.data() + buf_.size());
    return ok;
  }
  bool write_all(const char* p, std::size_t n) {
    while (n > 0 && error_ == 0) {
      ssize_t w = ::write(fd_, p, n);
      if (w < 0) {
        if (errno != EINTR) {
          error_ = errno;
        }
        continue;
      }
      p += w;
      n -= static_cast<std::size_t>(w);
    }
    return error_ == 0;
  }
  int fd_;
  int error_ = 0;
  std::array<char, 1 << 16> buf_{};
};

// The start of a temporary file's name ".NAME.tmp.PID.XXXXXX", up to the PID.
std::string temp_prefix(const std::string& name) {
  return "." + name + ".tmp.";
}

// Removes the temporary files of target NAME in DIR whose writer process is gone: a SIGKILL
// (or a power cut) between naming the file and renaming it leaves one, and nothing else ever
// would remove it. A file of a live process, or one whose name has no PID (an older
// termbridge), is left alone.
void remove_stale_temp_files(const std::string& dir, const std::string& name) {
  const std::string prefix = temp_prefix(name);
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string file = it->path().filename().string();
    if (file.compare(0, prefix.size(), prefix) != 0) {
      continue;
    }
    const std::string rest = file.substr(prefix.size());
    const auto dot = rest.find('.');
    if (dot == 0 || dot == std::string::npos || dot > 9 ||
        rest.find_first_not_of("0123456789") != dot) {
      continue;
    }
    const auto pid = static_cast<pid_t>(std::stol(rest.substr(0, dot)));
    if (pid > 0 && pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH) {
      ::unlink(it->path().c_str());
    }
  }
}

// A fresh name ".NAME.tmp.PID.XXXXXX" in DIR (not created).
std::string temp_name(const std::string& dir, const std::string& name) {
  static constexpr std::string_view kChars =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  static std::atomic<unsigned> counter{0};
  std::random_device random;
  std::string suffix;
  unsigned r = random() ^ (counter++ * 2654435761U);
  for (int i = 0; i < 6; ++i) {
    suffix += kChars[r % kChars.size()];
    r = r / static_cast<unsigned>(kChars.size()) ^ random();
  }
  return dir + "/" + temp_prefix(name) + std::to_string(::getpid()) + "." + suffix;
}

// True where an Output's temporary file must be a named one from the start. Setting
// TERMBRIDGE_TEST_NAMED_TEMP in the environment makes the tests take the path of file
// systems without O_TMPFILE.
bool named_temp_only() {
#ifdef O_TMPFILE
  static const bool named =
      std::getenv("TERMBRIDGE_TEST_NAMED_TEMP") != nullptr || ::access("/proc/self/fd", X_OK) != 0;
  return named;
#else
  return true;
#endif
}

std::string io_message(const std::string& path, int err) {
  return "cannot write " + termbridge::quoted(path) + ": " + std::strerror(err);
}

}  // namespace

Output::Output(const std::string& path, const std::string& edited)
    : path_(path), real_path_(path), edited_(edited) {
  if (path.empty() || path == "-") {
    out_ = &std::cout;
    return;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw Error(ErrorKind::io, "cannot write " + termbridge::quoted(path) + ": is a directory");
  }
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec)) {
    // A device or pipe (-o /dev/null, -o /dev/stdout) is written in place: renaming a
    // temporary file over it would replace the device with a plain file.
    fd_ = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd_ < 0) {
      throw Error(ErrorKind::io, io_message(path, errno));
    }
    buf_ = std::make_unique<FdBuf>(fd_);
    file_ = std::make_unique<std::ostream>(buf_.get());
    out_ = file_.get();
    return;
  }
  check_not_an_input();
  // Renaming over a symlink would replace it with a plain file: write the file it names,
  // even one that does not exist yet.
  std::filesystem::path real(path);
  for (int hops = 0; std::filesystem::is_symlink(std::filesystem::symlink_status(real, ec));
       ++hops) {
    auto next = std::filesystem::read_symlink(real, ec);
    if (ec || hops == 40) {
      throw Error(ErrorKind::io, "cannot write " + termbridge::quoted(path) +
                                     ": cannot follow the symlink" +
                                     (ec ? ": " + ec.message() : std::string()));
    }
    real = next.is_absolute() ? next : real.parent_path() / next;
  }
  real_path_ = real.string();
  struct stat st {};
  if (::stat(real_path_.c_str(), &st) == 0) {
    keep_mode_ = true;
    mode_ = st.st_mode & 07777;
    uid_ = st.st_uid;
    gid_ = st.st_gid;
  }
  const std::string name = real.filename().string();
  dir_ = real.parent_path().empty() ? std::string(".") : real.parent_path().string();
  remove_stale_temp_files(dir_, name);
#ifdef O_TMPFILE
  if (!named_temp_only()) {
    fd_ = ::open(dir_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    // A file system or kernel without O_TMPFILE says so in one of these ways; then the
    // temporary file gets a name at once.
    if (fd_ < 0 && errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) {
      throw Error(ErrorKind::io, io_message(path, errno));
    }
    unnamed_ = fd_ >= 0;
  }
#endif
  if (fd_ < 0) {
    std::string templ = temp_name(dir_, name);
    templ.replace(templ.size() - 6, 6, "XXXXXX");
    std::vector<char> buf(templ.begin(), templ.end());
    buf.push_back('\0');
    fd_ = ::mkstemp(buf.data());
    if (fd_ < 0) {
      throw Error(ErrorKind::io, io_message(path, errno));
    }
    ::fcntl(fd_, F_SETFD, FD_CLOEXEC);
    tmp_path_ = buf.data();
    watch_temp_file(tmp_path_.c_str());
  }
  buf_ = std::make_unique<FdBuf>(fd_);
  file_ = std::make_unique<std::ostream>(buf_.get());
  out_ = file_.get();
}

void Output::check_not_an_input() const {
  auto target = file_id(path_);
  if (!target) {
    return;
  }
  if (!edited_.empty() && file_id(edited_) == target) {
    return;
  }
  for (const auto& [input, what] : running_context().inputs) {
    if (file_id(input) == target) {
      std::string message = "output " + termbridge::quoted(path_) + " is " + what;
      if (input != path_) {
        message += " (" + termbridge::quoted(input) + ")";
      }
      throw Error(ErrorKind::invalid_argument, message + "; choose another output");
    }
  }
}

Output::~Output() {
  if (!committed_ && !tmp_path_.empty()) {
    ::unlink(tmp_path_.c_str());
  }
  if (!tmp_path_.empty()) {
    unwatch_temp_file(tmp_path_.c_str());
  }
  // An unnamed temporary file vanishes with its descriptor.
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

// Links the O_TMPFILE file into the directory under a temporary name, to be renamed over the
// target: link() cannot replace an existing file. Only a SIGKILL in the moment between the
// two leaves the name, for the next writer to remove (the PID is in it).
void Output::name_temp_file() {
  const std::string proc = "/proc/self/fd/" + std::to_string(fd_);
  const std::string name = std::filesystem::path(real_path_).filename().string();
  for (int attempt = 0;; ++attempt) {
    tmp_path_ = temp_name(dir_, name);
    watch_temp_file(tmp_path_.c_str());
    if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, tmp_path_.c_str(), AT_SYMLINK_FOLLOW) == 0) {
      unnamed_ = false;
      return;
    }
    int err = errno;
    unwatch_temp_file(tmp_path_.c_str());
    tmp_path_.clear();
    if (err != EEXIST || attempt == 100) {
      throw Error(ErrorKind::io, io_message(path_, err));
    }
  }
}

void Output::commit() {
  if (!file_) {
    std::cout.flush();
    if (!std::cout) {
      throw Error(ErrorKind::io, "cannot write to standard output");
    }
    return;
  }
  file_->flush();
  const int write_error = static_cast<FdBuf*>(buf_.get())->error();
  if (!*file_ || write_error != 0) {
    // The destructor removes the temporary file.
    throw Error(ErrorKind::io, io_message(path_, write_error != 0 ? write_error : EIO));
  }
  if (tmp_path_.empty() && !unnamed_) {
    // A device written in place.
    committed_ = true;
    return;
  }
  // Again: an input opened after this output was made must not be replaced either.
  check_not_an_input();
  if (keep_mode_) {
    // The file replaced keeps its owner and mode; only root may give a file away, others
    // keep at least the group when they belong to it. chown clears set-id bits: chmod after.
    if (::geteuid() == 0) {
      (void)::fchown(fd_, uid_, gid_);
    } else {
      (void)::fchown(fd_, static_cast<uid_t>(-1), gid_);
    }
    ::fchmod(fd_, static_cast<mode_t>(mode_));
  } else {
    // The temporary file is 0600; give the result the usual mode a new file gets.
    mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd_, 0666 & ~mask);
  }
  if (::fsync(fd_) != 0) {
    throw Error(ErrorKind::io, io_message(path_, errno));
  }
  if (unnamed_) {
    name_temp_file();
  }
  if (std::rename(tmp_path_.c_str(), real_path_.c_str()) != 0) {
    throw Error(ErrorKind::io, io_message(path_, errno));
  }
  committed_ = true;
  // The rename itself survives a power cut only once the directory is on disk. It is done
  // either way, so a directory that cannot be synced (some file systems refuse) is no error.
  int dir = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    (void)::fsync(dir);
    ::close(dir);
  }
}

FileLock::FileLock(const std::string& path, std::chrono::milliseconds timeout) {
  if (path.empty() || path == "-") {
    return;
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      // A missing file is reported by whoever reads it next, with its usual message.
      return;
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) {
      // The lock is on the inode; an editor that held it may have renamed a new file over
      // the path meanwhile. Then lock that one instead.
      struct stat held {};
      if (::fstat(fd_, &held) == 0 && file_id(path) == std::make_pair(held.st_dev, held.st_ino)) {
        return;
      }
      ::close(fd_);
      fd_ = -1;
      continue;
    }
    int err = errno;
    ::close(fd_);
    fd_ = -1;
    if (err != EWOULDBLOCK && err != EINTR) {
      throw Error(ErrorKind::io,
                  "cannot lock " + termbridge::quoted(path) + ": " + std::strerror(err));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      throw Error(ErrorKind::io,
                  termbridge::quoted(path) + " is being changed by another program (locked for " +
                      std::to_string(timeout.count() / 1000) + " s); try again when it is done");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

FileLock::~FileLock() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

std::string counted(std::uint64_t n, std::string_view noun, std::string_view plural) {
  std::string out = std::to_string(n) + ' ';
  if (n == 1) {
    out += noun;
  } else if (!plural.empty()) {
    out += plural;
  } else {
    out += noun;
    out += 's';
  }
  return out;
}

namespace {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Progress::Progress(const Context& ctx, std::string label, std::uint64_t total, Count count,
                   std::string noun)
    : enabled_(!ctx.quiet && stderr_is_tty()),
      label_(std::move(label)),
      total_(total),
      count_(count),
      noun_(std::move(noun)),
      start_ms_(now_ms()) {}

Progress::~Progress() {
  finish();
}

void Progress::update(std::uint64_t done) {
  if (!enabled_) {
    return;
  }
  const std::int64_t now = now_ms();
  if (drawn_ && now - last_draw_ms_ < 100) {
    return;
  }
  last_draw_ms_ = now;
  draw(done, now);
}

void Progress::draw(std::uint64_t done, std::int64_t now) {
  constexpr int kWidth = 30;
  constexpr double kMB = 1e6;
  char line[256];
  const double seconds = static_cast<double>(now - start_ms_) / 1000.0;
  if (total_ > 0) {
    double f = std::min(1.0, static_cast<double>(done) / static_cast<double>(total_));
    int fill = static_cast<int>(f * kWidth);
    std::string bar(static_cast<std::size_t>(fill), '#');
    bar.resize(kWidth, '.');
    std::string of = count_ == Count::items
                         ? " " + std::to_string(done) + "/" + counted(total_, noun_)
                         : std::string();
    std::snprintf(line, sizeof line, "\r%s [%s] %3d%%%s", label_.c_str(), bar.c_str(),
                  static_cast<int>(f * 100), of.c_str());
  } else if (count_ == Count::bytes) {
    // Standard input has no size to show a share of: what was read and how fast, so a
    // stalled producer shows as a falling rate. The first tenth of a second gives no rate.
    const double mb = static_cast<double>(done) / kMB;
    if (seconds >= 0.1) {
      std::snprintf(line, sizeof line, "\r%s %.1f MB read, %.1f MB/s\033[K", label_.c_str(), mb,
                    mb / seconds);
    } else {
      std::snprintf(line, sizeof line, "\r%s %.1f MB read\033[K", label_.c_str(), mb);
    }
  } else {
    std::snprintf(line, sizeof line, "\r%s %s\033[K", label_.c_str(), counted(done, noun_).c_str());
  }
  std::cerr << line << std::flush;
  drawn_ = true;
}

void Progress::finish() {
  if (enabled_ && drawn_) {
    std::cerr << "\r\033[K" << std::flush;
    drawn_ = false;
  }
}

}  // namespace termbridge::cli
