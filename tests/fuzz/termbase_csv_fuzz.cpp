// CSV, TSV and OmegaT term bases (core/src/io/termbase_csv.cpp), chosen by the first byte.
#define FUZZ_FORMAT(b)                          \
  ((b) % 3 == 0   ? termbridge::io::Format::csv \
   : (b) % 3 == 1 ? termbridge::io::Format::tsv \
                  : termbridge::io::Format::omegat_tsv)
#include "termbase_fuzz.inc"
