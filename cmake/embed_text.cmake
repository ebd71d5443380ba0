# Writes a C++ source defining `std::string_view NAMESPACE::SYMBOL()` that returns the contents
# of INPUT, so data files are compiled into the library and need no lookup at run time.
# Usage: cmake -DINPUT=file -DOUTPUT=file.cpp -DNAMESPACE=ns -DSYMBOL=name -P embed_text.cmake
file(READ ${INPUT} content HEX)
string(LENGTH "${content}" hex_length)
math(EXPR size "${hex_length} / 2")
# Bytes as a char array initialiser: avoids raw-string delimiter clashes and length limits.
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
string(REGEX REPLACE "((('\\\\x[0-9a-f][0-9a-f]',)){16})" "\\1\n" bytes "${bytes}")
file(WRITE ${OUTPUT}.tmp
"// Generated from ${INPUT} by cmake/embed_text.cmake; do not edit.\n"
"#include <string_view>\n\n"
"namespace ${NAMESPACE} {\n\n"
"namespace {\nconstexpr char kData[] = {\n${bytes}'\\0'};\n}  // namespace\n\n"
"std::string_view ${SYMBOL}() { return std::string_view(kData, ${size}); }\n\n"
"}  // namespace ${NAMESPACE}\n")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)
