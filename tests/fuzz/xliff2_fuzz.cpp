#include "xliff_fuzz.inc"
