// termbridge terms: spotting glossary terms in running text (find, annotate).

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/base/lang.hpp"
#include "termbridge/glossary/matcher.hpp"
#include "termbridge/glossary/termbase.hpp"
#include "termbridge/io/termbase_io.hpp"
#include "termbridge/text/decode.hpp"
#include "termbridge/text/script.hpp"

namespace termbridge::cli {

namespace {

constexpr std::size_t kPad = 16;  // see Labels

// Each concept's id and translation side by side, each followed by at least kPad readable
// bytes, so that Out::copy_padded can copy them in whole 16-byte steps. A hit reads one
// record and its bytes, at random places in a large glossary, so they are prefetched.
class Labels {
 public:
  void add(std::string_view id, std::string_view translation) {
    Record r{static_cast<std::uint32_t>(id.size()), static_cast<std::uint32_t>(translation.size()),
             bytes_.size()};
    bytes_.append(id);
    bytes_.append(kPad, '\0');
    bytes_.append(translation);
    bytes_.append(kPad, '\0');
    records_.push_back(r);
  }
  std::string_view id(std::size_t concept_index) const {
    const Record& r = records_[concept_index];
    return std::string_view(bytes_.data() + r.at, r.id);
  }
  std::string_view translation(std::size_t concept_index) const {
    const Record& r = records_[concept_index];
    return std::string_view(bytes_.data() + r.at + r.id + kPad, r.translation);
  }
  void prefetch_record(std::size_t concept_index) const {
    __builtin_prefetch(&records_[concept_index]);
  }
  void prefetch_bytes(std::size_t concept_index) const {
    __builtin_prefetch(bytes_.data() + records_[concept_index].at);
  }

 private:
  struct Record {
    std::uint32_t id;
    std::uint32_t translation;
    std::size_t at;
  };
  std::string bytes_;
  std::vector<Record> records_;
};

// One language of the text: its matcher, and the translations shown for its hits.
struct Side {
  LangTag lang;
  LangTag tgt;  // the language of the translations shown; empty when the glossary has none
  std::unique_ptr<glossary::TermMatcher> matcher;
  Labels labels;  // by concept index; the translation "" when there is none
};

struct Setup {
  glossary::TermBase termbase;
  std::vector<Side> sides;  // one, or with --lang auto one per language of the glossary
  bool auto_lang = false;
  // text::guess_language's answers and the side each stands for, looked up once.
  std::vector<std::pair<std::string, const Side*>> guesses;
};

Side make_side(const glossary::TermBase& tb, LangTag lang, const Args& args,
               const glossary::MatchOptions& options) {
  Side side;
  side.lang = std::move(lang);
  if (auto tgt = args.value("tgt-lang")) {
    side.tgt = LangTag::parse(*tgt);
  }
  if (side.tgt.empty() || side.tgt.matches(side.lang)) {
    side.tgt = {};
    for (const auto& l : tb.languages()) {
      if (!l.matches(side.lang) && !side.lang.matches(l)) {
        side.tgt = l;
        break;
      }
    }
  }
  side.matcher = std::make_unique<glossary::TermMatcher>(tb, side.lang, options);
  // Looked up once per concept, not once per hit: a corpus has millions of hits.
  for (const auto& c : tb.concepts()) {
    const glossary::Term* t = side.tgt.empty() ? nullptr : c.preferred(side.tgt);
    side.labels.add(c.id, t ? std::string_view(t->text) : std::string_view());
  }
  return side;
}

const Side* side_for(const Setup& s, const LangTag& guess) {
  for (const auto& side : s.sides) {
    if (side.lang.matches(guess) || guess.matches(side.lang)) {
      return &side;
    }
  }
  return nullptr;
}

Setup load(const Args& args) {
  auto glossary_path = args.value("glossary");
  if (!glossary_path) {
    throw UsageError("missing --glossary FILE");
  }
  auto lang_name = args.value("lang");
  if (!lang_name) {
    throw UsageError("missing --lang (the language of the text, e.g. ko or en, or auto)");
  }
  Setup s;
  s.termbase = read_glossary_at(*glossary_path, args.value_or("glossary-format", ""));
  glossary::MatchOptions options;
  options.longest_match_only = !args.flag("all");
  options.fold_case = !args.flag("case-sensitive");
  options.english_verb_forms = args.flag("verb-forms");
  if (*lang_name == "auto") {
    s.auto_lang = true;
    // Each language's index built on its own core: for a large glossary that is most of the
    // start-up.
    std::vector<std::future<Side>> built;
    for (const auto& l : s.termbase.languages()) {
      built.push_back(std::async(std::launch::async,
                                 [&, l] { return make_side(s.termbase, l, args, options); }));
    }
    for (auto& b : built) {
      s.sides.push_back(b.get());
    }
    if (s.sides.empty()) {
      throw UsageError("--lang auto: the glossary " + termbridge::quoted(*glossary_path) +
                       " has no terms");
    }
    for (const char* guess : {"und", "ko", "en", "ja", "zh"}) {
      s.guesses.emplace_back(guess, side_for(s, LangTag::parse(guess)));
    }
  } else {
    s.sides.push_back(make_side(s.termbase, LangTag::parse(*lang_name), args, options));
  }
  return s;
}

// The side a line is matched with: its own with one language; with --lang auto the one of
// the language its letters say (text::guess_language), none for a language the glossary
// does not hold or a line without letters.
const Side* side_of(const Setup& s, std::string_view line) {
  if (!s.auto_lang) {
    return &s.sides.front();
  }
  std::string guess = text::guess_language(line);
  for (const auto& [g, side] : s.guesses) {
    if (g == guess) {
      return side;
    }
  }
  return side_for(s, LangTag::parse(guess));
}

// Output of one batch: written by pointer into room made beforehand, since a corpus gives
// millions of short fields.
class Out {
 public:
  // At least `n` writable bytes at the returned pointer; commit() says how many were written.
  char* room(std::size_t n) {
    if (size_ + n > cap_) {
      grow(size_ + n);
    }
    return data_.get() + size_;
  }
  void commit(char* end) { size_ = static_cast<std::size_t>(end - data_.get()); }
  void append(std::string_view s) { commit(copy(room(s.size()), s)); }
  void reserve(std::size_t n) {
    if (n > cap_) {
      grow(n);
    }
  }
  std::string_view view() const { return std::string_view(data_.get(), size_); }

  static char* copy(char* to, std::string_view s) {
    if (!s.empty()) {
      std::memcpy(to, s.data(), s.size());
    }
    return to + s.size();
  }
  // `s` readable and `to` writable kPad bytes past the end of `s`: whole 16-byte moves, no
  // call per field.
  static char* copy_padded(char* to, std::string_view s) {
    for (std::size_t k = 0; k < s.size(); k += kPad) {
      std::memcpy(to + k, s.data() + k, kPad);
    }
    return to + s.size();
  }
  static char* number(char* to, std::uint64_t n) { return std::to_chars(to, to + 20, n).ptr; }

 private:
  void grow(std::size_t need) {
    std::size_t cap = std::max<std::size_t>(need, cap_ * 2);
    auto data = std::make_unique_for_overwrite<char[]>(cap);
    if (size_ > 0) {
      std::memcpy(data.get(), data_.get(), size_);
    }
    data_ = std::move(data);
    cap_ = cap;
  }
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t cap_ = 0;
};

// Code points in a span of UTF-8 (bytes that do not continue a character), eight bytes at a
// time: offsets are counted for every hit.
std::size_t code_points(const char* p, const char* e) {
  std::size_t n = 0;
  for (; e - p >= 8; p += 8) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, 8);
    std::uint64_t cont = (w & ~(w << 1) & 0x8080808080808080ULL) >> 7;  // 10xxxxxx
    n += 8 - ((cont * 0x0101010101010101ULL) >> 56);
  }
  for (; p < e; ++p) {
    n += (static_cast<unsigned char>(*p) & 0xC0) != 0x80;
  }
  return n;
}

// Code-point offsets into one line, for hits in order of their start.
class LineCounter {
 public:
  explicit LineCounter(std::string_view line) : line_(line) {}
  std::size_t at(std::size_t byte) {
    if (byte < byte_) {
      byte_ = 0;
      cps_ = 0;
    }
    cps_ += code_points(line_.data() + byte_, line_.data() + byte);
    byte_ = byte;
    return cps_;
  }

 private:
  std::string_view line_;
  std::size_t byte_ = 0;
  std::size_t cps_ = 0;
};

// Writes the hits of one line (or of one part of a long line: `counter` then carries over)
// to `out`. `line` is readable kPad bytes past its end. Called from several threads at once:
// it must only read shared state.
using Formatter =
    std::function<void(const Side* side, std::uint64_t line_no, std::string_view line,
                       std::span<const glossary::TermSpan> hits, LineCounter& counter, Out& out)>;

// Lines of the input side by side in one buffer (one allocation a batch, not one a line),
// kPad bytes of padding after the last.
struct Batch {
  std::string text;
  std::vector<std::size_t> ends;  // line i is [ends[i - 1], ends[i]) (from 0)
  std::vector<std::uint64_t> numbers;

  std::size_t size() const { return ends.size(); }
  std::string_view line(std::size_t i) const {
    std::size_t b = i == 0 ? 0 : ends[i - 1];
    return std::string_view(text).substr(b, ends[i] - b);
  }
};

// Matches and formats one batch: lines of one language are matched together, a few dozen at
// a time (one setup of the matcher for each), and written in input order.
Out run_batch(const Setup& setup, const Batch& b, const Formatter& format) {
  constexpr std::size_t kWalk = 64;
  const std::size_t count = b.size();
  std::vector<const Side*> sides(count);
  for (std::size_t i = 0; i < count; ++i) {
    sides[i] = side_of(setup, b.line(i));
  }
  std::vector<glossary::TermSpan> all;
  std::vector<std::pair<std::size_t, std::size_t>> range(count);  // of each line in `all`
  std::vector<glossary::TermSpan> found;
  std::vector<std::size_t> ends;
  std::vector<std::string_view> views;
  std::vector<std::size_t> where;
  for (const auto& side : setup.sides) {
    for (std::size_t i = 0; i <= count; ++i) {
      if (i < count && sides[i] == &side) {
        views.push_back(b.line(i));
        where.push_back(i);
      }
      if (views.size() == kWalk || (i == count && !views.empty())) {
        side.matcher->find_spans(views, found, ends);
        for (std::size_t k = 0, from = 0; k < where.size(); from = ends[k], ++k) {
          range[where[k]] = {all.size() + from, all.size() + ends[k]};
        }
        all.insert(all.end(), found.begin(), found.end());
        views.clear();
        where.clear();
      }
    }
  }
  auto hits_of = [&](std::size_t i) {
    return std::span<const glossary::TermSpan>(all.data() + range[i].first,
                                               range[i].second - range[i].first);
  };
  // The labels of a line's hits are read two lines ahead: first their records, then (a line
  // later, the record in cache) their bytes.
  auto prefetch = [&](std::size_t i, bool bytes) {
    if (i < count && sides[i] != nullptr) {
      for (const auto& h : hits_of(i)) {
        if (bytes) {
          sides[i]->labels.prefetch_bytes(h.concept_index);
        } else {
          sides[i]->labels.prefetch_record(h.concept_index);
        }
      }
    }
  };
  prefetch(0, false);
  prefetch(1, false);
  prefetch(0, true);
  Out out;
  out.reserve(b.text.size() * 2 + 4096);  // a glossary of the text's own words writes more
  for (std::size_t i = 0; i < count; ++i) {
    prefetch(i + 2, false);
    prefetch(i + 1, true);
    std::string_view line = b.line(i);
    LineCounter counter(line);
    format(sides[i], b.numbers[i], line, hits_of(i), counter, out);
  }
  return out;
}

// Threads that stay for the whole run: each keeps its matcher buffers (thread-local) warm
// from batch to batch.
class Workers {
 public:
  explicit Workers(std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      threads_.emplace_back([this] { work(); });
    }
  }
  ~Workers() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) {
      t.join();
    }
  }
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;

  std::future<Out> submit(std::packaged_task<Out()> task) {
    std::future<Out> f = task.get_future();
    {
      std::lock_guard lock(mutex_);
      tasks_.push_back(std::move(task));
    }
    ready_.notify_one();
    return f;
  }

 private:
  void work() {
    for (;;) {
      std::packaged_task<Out()> task;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return stop_ || !tasks_.empty(); });
        if (tasks_.empty()) {
          return;
        }
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();  // an exception goes to the future
    }
  }
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::packaged_task<Out()>> tasks_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

// What the input reader hands on: a batch of lines, or one long line to be matched in parts,
// or the error that stopped the reading (after the lines before it).
struct Chunk {
  Batch batch;
  std::string long_line;  // with in_parts, a line over kLongLine, alone
  std::uint64_t long_line_no = 0;
  std::exception_ptr error;
};

constexpr std::size_t kBatchBytes = std::size_t{1} << 20;
constexpr std::size_t kLongLine = std::size_t{1} << 20;

// Reads the input files on a thread of its own, a few batches ahead: reading and checking
// the text overlaps the matching, and with files (not a terminal or pipe, which may wait for
// a writer) also the loading of the glossary, when the second core has nothing else to do.
class ReadAhead {
 public:
  ReadAhead(const Args& args, const Context& ctx, bool in_parts)
      : files_(args.positionals()), ctx_(ctx), in_parts_(in_parts) {
    if (files_.empty()) {
      files_.push_back("-");
    }
  }
  ~ReadAhead() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) {
      thread_.join();
    }
  }
  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;

  // Starts reading now when every input is a regular file; else next() starts it.
  void start_early() {
    bool files = std::all_of(files_.begin(), files_.end(), [](const std::string& f) {
      std::error_code ec;
      return f != "-" && std::filesystem::is_regular_file(f, ec);
    });
    if (files) {
      start();
    }
  }

  // The next chunk in input order; false after the last. A chunk with an error ends it.
  bool next(Chunk& out) {
    start();
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return !queue_.empty() || done_; });
    if (queue_.empty()) {
      return false;
    }
    out = std::move(queue_.front());
    queue_.pop_front();
    changed_.notify_all();
    return true;
  }

 private:
  static constexpr std::size_t kAhead = 4;  // chunks waiting: a few megabytes

  void start() {
    if (!thread_.joinable() && !started_) {
      started_ = true;
      thread_ = std::thread([this] { run(); });
    }
  }
  // False when the reading is to stop (the consumer is gone).
  bool push(Chunk&& chunk) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return stop_ || queue_.size() < kAhead; });
    if (stop_) {
      return false;
    }
    queue_.push_back(std::move(chunk));
    changed_.notify_all();
    return true;
  }
  void run() {
    Chunk chunk;
    auto flush = [&] {
      if (chunk.batch.ends.empty()) {
        return true;
      }
      chunk.batch.text.append(kPad, '\0');
      bool more = push(std::move(chunk));
      chunk = Chunk{};
      chunk.batch.text.reserve(kBatchBytes + kLongLine + kPad);
      return more;
    };
    try {
      std::string line;
      for (const auto& path : files_) {
        Input in(path);
        text::LineReader reader = open_lines(in, ctx_);  // checked UTF-8, within --max-line
        Progress progress(ctx_, "terms", in.size());
        while (reader.next(line)) {
          if (in_parts_ && line.size() > kLongLine) {
            Chunk alone;
            alone.long_line = std::move(line);
            alone.long_line_no = reader.line_number();
            if (!flush() || !push(std::move(alone))) {
              return;
            }
            progress.update(reader.bytes_read());
            continue;
          }
          Batch& batch = chunk.batch;
          batch.text.append(line);
          batch.ends.push_back(batch.text.size());
          batch.numbers.push_back(reader.line_number());
          if (batch.text.size() >= kBatchBytes) {
            if (!flush()) {
              return;
            }
            progress.update(reader.bytes_read());
          }
        }
        progress.update(reader.bytes_read());
      }
      flush();
    } catch (...) {
      // The lines before a bad one are written first; then the error.
      if (flush()) {
        Chunk error;
        error.error = std::current_exception();
        push(std::move(error));
      }
    }
    std::lock_guard lock(mutex_);
    done_ = true;
    changed_.notify_all();
  }

  std::vector<std::string> files_;
  const Context& ctx_;
  bool in_parts_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Chunk> queue_;
  bool stop_ = false;
  bool done_ = false;
  bool started_ = false;
  std::thread thread_;
};

// Runs `format` over every input line, in input order, `header` first when there is a line.
// Batches of about a megabyte are matched on all cores while the next ones are read; at most
// one batch a core waits, so memory stays a few megabytes whatever the input. A line over a
// megabyte (read with `in_parts`) is matched alone, its hits written a batch at a time
// (find_in_batches), so that they need not all be held at once.
int each_line(const Args& args, ReadAhead& input, const Setup& setup, const Formatter& format,
              std::string_view header) {
  Output out(args.value_or("output", "-"));
  const std::size_t workers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
  std::deque<std::future<Out>> pending;
  bool any_line = false;
  auto write = [&](std::string_view text) {
    out.stream().write(text.data(), static_cast<std::streamsize>(text.size()));
  };
  auto write_front = [&] {
    Out text = pending.front().get();  // rethrows the batch's error, in order
    pending.pop_front();
    write(text.view());
  };
  auto drain = [&] {
    while (!pending.empty()) {
      write_front();
    }
  };
  Workers pool(workers);
  auto start = [&] {
    if (!any_line) {
      write(header);
      any_line = true;
    }
  };
  Chunk chunk;
  try {
    while (input.next(chunk)) {
      if (chunk.error) {
        drain();
        std::rethrow_exception(chunk.error);
      }
      start();
      if (chunk.batch.ends.empty()) {  // one long line
        drain();
        std::string& line = chunk.long_line;
        const Side* side = side_of(setup, line);
        const std::size_t size = line.size();
        line.append(kPad, '\0');
        const std::string_view text(line.data(), size);
        LineCounter counter(text);
        std::vector<glossary::TermSpan> spans;
        Out part;
        if (side) {
          side->matcher->find_in_batches(text, [&](std::vector<glossary::TermHit>& hits) {
            spans.clear();
            for (const auto& h : hits) {
              spans.push_back(glossary::TermSpan{h.span,
                                                 static_cast<std::uint32_t>(h.concept_index),
                                                 static_cast<std::uint32_t>(h.term_index)});
            }
            part = Out();
            format(side, chunk.long_line_no, text, spans, counter, part);
            write(part.view());
          });
        }
        continue;
      }
      pending.push_back(pool.submit(std::packaged_task<Out()>(
          [&setup, &format, b = std::move(chunk.batch)] { return run_batch(setup, b, format); })));
      while (pending.size() > workers) {
        write_front();
      }
    }
    drain();
  } catch (...) {
    // The batches before an error are written first; then the error.
    try {
      drain();
    } catch (...) {
    }
    throw;
  }
  out.commit();
  return kExitOk;
}

// As nlohmann::json(s).dump() writes a string (for the documented --jsonl layout): most
// strings need no escape and are copied as they are.
void append_json_string(Out& out, std::string_view s) {
  bool plain = std::none_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\';
  });
  if (!plain) {
    out.append(nlohmann::json(s).dump());
    return;
  }
  char* p = out.room(s.size() + 2);
  *p++ = '"';
  p = Out::copy(p, s);
  *p++ = '"';
  out.commit(p);
}

int run_find(const Args& args, const Context& ctx) {
  ReadAhead input(args, ctx, true);
  input.start_early();
  Setup setup = load(args);
  const bool jsonl = args.flag("jsonl");
  Formatter format = [jsonl](const Side* side, std::uint64_t line_no, std::string_view line,
                             std::span<const glossary::TermSpan> hits, LineCounter& counter,
                             Out& out) {
    if (hits.empty()) {
      return;
    }
    char number[24 + kPad];
    const std::string_view no(number,
                              static_cast<std::size_t>(Out::number(number, line_no) - number));
    for (const auto& hit : hits) {
      // Code points, as editors and the JSON consumers count them.
      const std::size_t start = counter.at(hit.span.begin);
      const std::size_t end =
          start + code_points(line.data() + hit.span.begin, line.data() + hit.span.end);
      const std::string_view surface = hit.span.of(line);
      const std::string_view id = side->labels.id(hit.concept_index);
      if (jsonl) {
        // The documented layout: keys in this order, ", " and ": ".
        out.append("{\"line\": ");
        char* p = out.room(3 * 20 + 32);
        p = Out::copy(p, no);
        p = Out::copy(p, ", \"start\": ");
        p = Out::number(p, start);
        p = Out::copy(p, ", \"end\": ");
        p = Out::number(p, end);
        p = Out::copy(p, ", \"text\": ");
        out.commit(p);
        append_json_string(out, surface);
        out.append(", \"concept\": ");
        append_json_string(out, id);
        out.append("}\n");
      } else {
        const std::string_view tr = side->labels.translation(hit.concept_index);
        char* p = out.room(3 * 20 + id.size() + surface.size() + tr.size() + 6 + kPad);
        p = Out::copy_padded(p, no);
        *p++ = '\t';
        p = Out::number(p, start);
        *p++ = '\t';
        p = Out::number(p, end);
        *p++ = '\t';
        p = Out::copy_padded(p, id);
        *p++ = '\t';
        p = Out::copy_padded(p, surface);
        *p++ = '\t';
        p = Out::copy_padded(p, tr);
        *p++ = '\n';
        out.commit(p);
      }
    }
  };
  return each_line(args, input, setup, format,
                   jsonl ? "" : "line\tstart\tend\tconcept\tsurface\ttranslation\n");
}

int run_annotate(const Args& args, const Context& ctx) {
  ReadAhead input(args, ctx, false);
  input.start_early();
  Setup setup = load(args);  // longest first: annotate has no --all, annotations cannot overlap
  Formatter format = [](const Side* side, std::uint64_t, std::string_view line,
                        std::span<const glossary::TermSpan> hits, LineCounter&, Out& out) {
    std::size_t pos = 0;
    for (const auto& hit : hits) {
      out.append(line.substr(pos, hit.span.end - pos));
      std::string_view t = side->labels.translation(hit.concept_index);
      out.append("[");
      out.append(!t.empty() ? t : side->labels.id(hit.concept_index));
      out.append("]");
      pos = hit.span.end;
    }
    out.append(line.substr(pos));
    out.append("\n");
  };
  return each_line(args, input, setup, format, "");
}

std::vector<OptionSpec> common_options() {
  return {
      {"glossary", 'g', "GLOSSARY",
       "the term base (TBX, CSV, TSV; format by content or extension), or a postgresql:// URI"},
      {"glossary-format", 0, "F", "format of the term base when its extension does not say"},
      {"lang", 'l', "LANG",
       "language of the text (ko, en, ...), or auto: each line in the glossary language its "
       "letters say"},
      {"tgt-lang", 0, "LANG",
       "language of the translations shown (default: the glossary's other language)"},
      {"case-sensitive", 0, "", "do not fold case (acronyms are always matched in capitals)"},
      {"verb-forms", 0, "", "English: also match -ed/-ing forms of a term's last word"},
      {"output", 'o', "FILE", "write to FILE (atomically) instead of stdout"},
  };
}

}  // namespace

Command terms_command() {
  auto find_options = common_options();
  find_options.push_back({"jsonl", 0, "", "one JSON object per occurrence"});
  find_options.push_back({"all", 0, "", "report overlapping hits too, not only the longest"});
  return Command{
      "terms",
      "spot glossary terms in Korean or English text",
      "",
      {},
      "",
      nullptr,
      {
          Command{
              "find",
              "list every occurrence of a glossary term",
              "-g GLOSSARY --lang LANG|auto [--jsonl] [--all] [-o FILE] [FILE...]",
              find_options,
              "Reads FILEs (or stdin) line by line and lists each occurrence of a term of the\n"
              "glossary in language LANG: a TSV table (line, start, end, concept, surface,\n"
              "translation) or, with --jsonl, one object per occurrence:\n"
              "  {\"line\": N, \"start\": S, \"end\": E, \"text\": \"...\", \"concept\": \"ID\"}\n"
              "N is the 1-based line, S/E code-point offsets into it (end exclusive).\n"
              "Korean particles stay outside the span (국방부는 -> 국방부), spacing variants\n"
              "match (핵 실험), English plurals match (nuclear tests), acronyms match only in\n"
              "capitals and as whole words, and the longest match wins.\n\n"
              "example:\n"
              "  termbridge terms find -g defense.csv -l ko --jsonl news.ko.txt\n",
              run_find,
              {},
          },
          Command{
              "annotate",
              "print the text with each term followed by its translation",
              "-g GLOSSARY --lang LANG|auto [--tgt-lang LANG] [-o FILE] [FILE...]",
              common_options(),
              "Prints the text with each occurrence of a glossary term followed by the\n"
              "preferred translation in brackets (the concept id when there is none).\n\n"
              "example:\n"
              "  echo '핵협의그룹은 회의를 열었다' | termbridge terms annotate -g defense.csv -l "
              "ko\n"
              "  핵협의그룹[Nuclear Consultative Group]은 회의를 열었다\n",
              run_annotate,
              {},
          },
      },
  };
}

}  // namespace termbridge::cli
