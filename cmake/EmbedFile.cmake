# Script mode: writes OUT, a C++ file defining `const char* const SYMBOL` (the bytes of IN,
# NUL-terminated) and `const std::size_t SYMBOL_size`.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR size "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE ${OUT} "// Generated from ${IN}; do not edit.\n#include <cstddef>\n"
  "static const unsigned char ${SYMBOL}_bytes[] = {${bytes} 0};\n"
  "extern const char* const ${SYMBOL};\nextern const std::size_t ${SYMBOL}_size;\n"
  "const char* const ${SYMBOL} = reinterpret_cast<const char*>(${SYMBOL}_bytes);\n"
  "const std::size_t ${SYMBOL}_size = ${size};\n")
