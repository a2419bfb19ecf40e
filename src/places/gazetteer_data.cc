// The generated gazetteer (tools/gen_gazetteer.py, about 11 MB), embedded
// with the assembler's .incbin: a byte-array source of that size takes the
// compiler minutes and gigabytes, .incbin takes nothing. CMake passes the
// file's path as KHALDUN_GAZETTEER_FILE and recompiles this file when the
// gazetteer changes (OBJECT_DEPENDS). ELF targets only (Linux), which is
// what khaldun builds on.
#include <string_view>

#include "places/gazetteer.h"

#ifndef KHALDUN_GAZETTEER_FILE
#error "KHALDUN_GAZETTEER_FILE must name the generated gazetteer (see CMakeLists.txt)"
#endif

// The symbols are hidden so that the references below need no GOT entry
// in position-independent code; a trailing NUL keeps the end in bounds.
asm(".pushsection .rodata.khaldun_gazetteer,\"a\",@progbits\n"
    ".balign 16\n"
    ".hidden khaldun_gazetteer_begin\n"
    ".hidden khaldun_gazetteer_end\n"
    "khaldun_gazetteer_begin:\n"
    ".incbin \"" KHALDUN_GAZETTEER_FILE
    "\"\n"
    "khaldun_gazetteer_end:\n"
    ".byte 0\n"
    ".popsection\n");

extern "C" {
__attribute__((visibility("hidden"))) extern const char khaldun_gazetteer_begin[];
__attribute__((visibility("hidden"))) extern const char khaldun_gazetteer_end[];
}

namespace khaldun::places {

std::string_view GazetteerBytes() {
  return std::string_view(
      khaldun_gazetteer_begin,
      static_cast<std::size_t>(khaldun_gazetteer_end - khaldun_gazetteer_begin));
}

}  // namespace khaldun::places
