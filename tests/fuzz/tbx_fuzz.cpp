// TBX v2 and v3 (read by their root element, whatever tbx2/tbx3 says).
#define FUZZ_FORMAT(b) ((b)&1 ? termbridge::io::Format::tbx2 : termbridge::io::Format::tbx3)
#include "termbase_fuzz.inc"
