#pragma once

// The command table and what every command shares: argument parsing, input and output
// files, messages and the progress bar. Commands live in cli/commands/, one file each.

#include <array>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace termbridge::cli {

constexpr int kExitOk = 0;        // done, nothing to report
constexpr int kExitFindings = 1;  // done, findings reported
constexpr int kExitError = 2;     // any error, usage errors included

// A mistake in the command line; main prints it with the command's usage line.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string_view name;        // long name without dashes: "output"
  char short_name = 0;          // 'o', or 0
  std::string_view value_name;  // "FILE" for an option taking a value, empty for a flag
  std::string_view help;
  bool repeatable = false;  // may be given several times
};

class Args {
 public:
  bool flag(std::string_view name) const;
  // The last value given for an option, if any.
  std::optional<std::string> value(std::string_view name) const;
  std::string value_or(std::string_view name, std::string_view fallback) const;
  std::vector<std::string> values(std::string_view name) const;
  const std::vector<std::string>& positionals() const noexcept { return positionals_; }

 private:
  friend Args parse_args(const struct Command& command, const std::vector<std::string>& argv);
  std::vector<std::pair<std::string, std::string>> options_;  // name, value ("" for flags)
  std::vector<std::string> positionals_;
};

// What a running command may use besides its arguments.
struct Context {
  std::string command;  // "segment", "glossary convert"
  bool quiet = false;   // --quiet: no progress, no warnings
  // --encoding of the commands that read text: a name for text::decode_text, or "auto".
  std::string encoding = "auto";
  // Prints "termbridge CMD: warning: MESSAGE" unless quiet.
  void warn(std::string_view message) const;
  // Prints "termbridge CMD: note: MESSAGE" unless quiet.
  void note(std::string_view message) const;
  // The files the command reads (path, how messages name it), so that no Output replaces
  // one of them: see register_input.
  mutable std::vector<std::pair<std::string, std::string>> inputs;
};

// The context of the command running now (a default one outside dispatch), for shared
// helpers that are called without one.
const Context& running_context();

struct Command {
  std::string_view name;
  std::string_view summary;  // one line, for the command list
  std::string_view usage;    // the arguments, after "termbridge NAME "
  std::vector<OptionSpec> options;
  std::string_view description;  // paragraphs after the usage in --help, with an example
  int (*run)(const Args&, const Context&) = nullptr;
  std::vector<Command> subcommands;  // for "glossary convert" and the like
};

// "64M", "1G", "512K", "1000": a size in bytes (K, M, G are powers of 1024, any case, an
// optional "iB" or "B" after them). Throws UsageError naming the option.
std::uint64_t parse_size(std::string_view option, const std::string& value);

// Parses a command's arguments (after its name) by its option table. Throws UsageError.
Args parse_args(const Command& command, const std::vector<std::string>& argv);

// Runs the command line against a table; prints help, usage and errors; returns the exit code.
int dispatch(const std::vector<Command>& table, int argc, char** argv);

// ---- input and output ----

// Names a file the running command reads, so that an Output onto the same file (same
// device and inode, through symlinks) is refused before the input is lost. `what` names it
// in the message: "the memory given with --tm". Every file Input registers itself; dispatch
// registers --tm and --glossary; "-" and "" (stdin) are not files and are skipped.
void register_input(const std::string& path, std::string what);

// An input named on the command line: a file, or stdin for "-" or no name. Errors name it.
class Input {
 public:
  explicit Input(const std::string& path);
  std::istream& stream() { return *in_; }
  // The name for messages: the path, or "<stdin>".
  const std::string& name() const noexcept { return name_; }
  // The file size when known (for progress), else 0.
  std::uint64_t size() const noexcept { return size_; }

 private:
  std::string name_;
  std::unique_ptr<std::ifstream> file_;
  std::istream* in_ = nullptr;
  std::uint64_t size_ = 0;
};

// Reads a whole input as bytes, within --max-input; a NUL byte in what cannot be UTF-16 or
// UTF-32 (by its head, or `encoding` when one is named) is an error as soon as it is read.
std::string read_all(const std::string& path, std::string_view encoding = "auto");

// Reads up to `n` bytes from the start of a stream, to sniff its format; Error(io) naming
// `name` when the stream fails, Error(unicode) at a NUL byte (text::check_no_nul).
std::string read_head(std::istream& in, const std::string& name, std::size_t n = 4096);

// A stream buffer that gives back bytes already taken from a stream (its head, read to sniff
// the format) and then the rest of that stream, so a pipe or a huge file is sniffed without
// being read whole.
class ReplayBuf : public std::streambuf {
 public:
  ReplayBuf(std::string head, std::streambuf* rest) : head_(std::move(head)), rest_(rest) {
    setg(head_.data(), head_.data(), head_.data() + head_.size());
  }

 protected:
  int_type underflow() override;

 private:
  std::string head_;
  std::streambuf* rest_;
  std::array<char, 1 << 16> buf_{};
};

// The first bytes of a file's data for io::sniff_format; UTF-16 markup is narrowed to its
// ASCII bytes so the root element can be seen.
std::string head_for_sniffing(std::string_view data);

// An output: stdout for "-" or an empty name, else a file written atomically. The data goes
// to a temporary file in the target's directory; commit() flushes, fsyncs and renames it over
// the target, then fsyncs the directory. On Linux the temporary file has no name until
// commit() (O_TMPFILE), so a SIGKILL before that leaves nothing behind; elsewhere, or where
// the file system lacks O_TMPFILE, it is ".NAME.tmp.PID.XXXXXX", removed on errors and on
// SIGINT/SIGTERM/SIGHUP/SIGPIPE, and by the next Output of the same target once process PID
// is gone (a SIGKILL cannot be caught). Without commit() (an error was thrown) an existing
// target is left untouched. A target that is a symlink is followed: the real file is
// replaced and the link stays. An existing target keeps its mode (and owner, as root).
// A target that is one of the registered inputs is refused (Error, before anything is
// written, and again before the rename) unless it is `edited`, the file an in-place edit
// reads and rewrites.
class Output {
 public:
  explicit Output(const std::string& path, const std::string& edited = {});
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  std::ostream& stream() { return *out_; }
  void commit();
  bool is_stdout() const noexcept { return file_ == nullptr; }

 private:
  void check_not_an_input() const;
  void name_temp_file();
  std::string path_;       // as given, for messages
  std::string real_path_;  // the file renamed over: path_ with symlinks followed
  std::string edited_;
  std::string dir_;       // real_path_'s directory
  std::string tmp_path_;  // the temporary file's name, once it has one
  int fd_ = -1;           // the file written: the temporary file, or a device written in place
  bool unnamed_ = false;  // fd_ is an O_TMPFILE file, not yet linked into dir_
  std::unique_ptr<std::streambuf> buf_;
  std::unique_ptr<std::ostream> file_;  // over buf_; null for stdout
  std::ostream* out_ = nullptr;
  bool committed_ = false;
  bool keep_mode_ = false;  // the target existed: give the new file its mode and owner
  unsigned mode_ = 0;
  unsigned uid_ = 0;
  unsigned gid_ = 0;
};

// An exclusive advisory lock (flock) on an existing file for a read-modify-write of it, so
// that two editors of one file do not lose an edit: the second waits until the first has
// renamed its result over the file, then reads that. Waits up to `timeout`, then throws
// Error naming the file. "-" takes no lock.
class FileLock {
 public:
  explicit FileLock(const std::string& path,
                    std::chrono::milliseconds timeout = std::chrono::seconds(10));
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

// A count with its noun in the right number: counted(1, "segment") is "1 segment",
// counted(2, "segment") "2 segments", counted(0, "entry", "entries") "0 entries".
std::string counted(std::uint64_t n, std::string_view noun, std::string_view plural = {});

// A progress bar on stderr, drawn only when stderr is a terminal and not quiet. With a
// total it is a bar with a percentage; without one (stdin, whose size is not known) it
// counts: bytes as "12.5 MB read, 40.1 MB/s", items as "120 segments".
class Progress {
 public:
  enum class Count {
    bytes,  // `done` and `total` are bytes of input
    items,  // files, paragraphs, queries: named by `noun` ("file", "query")
  };
  Progress(const Context& ctx, std::string label, std::uint64_t total, Count count = Count::bytes,
           std::string noun = {});
  ~Progress();
  // Sets the amount done (bytes, units); redraws at most ten times a second.
  void update(std::uint64_t done);
  void finish();

 private:
  void draw(std::uint64_t done, std::int64_t now_ms);
  bool enabled_;
  std::string label_;
  std::uint64_t total_;
  Count count_;
  std::string noun_;
  std::int64_t start_ms_ = 0;
  std::int64_t last_draw_ms_ = 0;
  bool drawn_ = false;
};

}  // namespace termbridge::cli
