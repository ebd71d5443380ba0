#pragma once

// One function per top-level command, each defined in cli/commands/<name>.cpp.

#include <string>
#include <vector>

#include "cli.hpp"
#include "termbridge/glossary/termbase.hpp"
#include "termbridge/io/termbase_io.hpp"
#include "termbridge/lexicon/lexicon.hpp"
#include "termbridge/text/decode.hpp"

namespace termbridge::cli {

// Lines of a text input in the encoding of --encoding (Context::encoding); a guessed
// encoding is said once, as a note on stderr. `in` and `ctx` must outlive the reader.
text::LineReader open_lines(Input& in, const Context& ctx);

// The note open_lines prints when the encoding of `name` was guessed.
void note_sniffed(const Context& ctx, const std::string& name, const std::string& encoding);

// The paragraphs of an article (blank lines separate them), decoded by --encoding of the
// running command and checked.
std::vector<std::string> read_paragraphs(const std::string& path);

// A term base at `location`: a file in any term-base format (`format` names it when the name
// and content do not), or a postgresql:// URI (termdb::TermStore, read only; `format` and
// `options` do not apply).
glossary::TermBase read_glossary_at(const std::string& location, std::string_view format,
                                    const io::TermBaseReadOptions& options = {});

// A glossary in any term-base format, or at a postgresql:// URI; bad entries of a file are
// skipped with a warning each.
glossary::TermBase load_glossary(const std::string& path, const Context& ctx);

// The aligned units of files in any unit format (TMX, XLIFF, align's TSV, CSV; `format`
// names it when the name and content do not) and of memories, as source and target text;
// units without both languages are left out, a file with none is warned about.
std::vector<lexicon::UnitPair> read_aligned_units(const std::vector<std::string>& paths,
                                                  const std::vector<std::string>& memories,
                                                  const std::string& format, const LangTag& src,
                                                  const LangTag& tgt, const Context& ctx);

Command normalize_command();
Command terms_command();
Command convert_command();
Command validate_command();
Command qa_command();
Command pretranslate_command();
Command merge_command();
Command tm_command();
Command segment_command();
Command glossary_command();
Command align_command();
Command lexicon_command();
Command serve_command();

}  // namespace termbridge::cli
