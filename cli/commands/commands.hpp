#pragma once

// One function per top-level command, each defined in cli/commands/<name>.cpp.

#include "cli.hpp"

namespace termbridge::cli {

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

}  // namespace termbridge::cli
