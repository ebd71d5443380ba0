#pragma once

// One function per top-level command, each defined in cli/commands/<name>.cpp.

#include "cli.hpp"

namespace termbridge::cli {

Command normalize_command();
Command align_command();
Command segment_command();
Command convert_command();
Command validate_command();

}  // namespace termbridge::cli
