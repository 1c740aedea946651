# Writes OUT, a C++ file defining `const std::vector<ketnoi::EmbeddedFile>& FUNC()` with every
# file of DIR matching GLOB as {name, content}, sorted by name. Used for templates and assets.
file(GLOB files "${DIR}/${GLOB}")
list(SORT files)
set(body "// Generated from ${DIR} — do not edit.\n#include \"core/embedded.h\"\nnamespace ketnoi {\nconst std::vector<EmbeddedFile>& ${FUNC}() {\n  static const std::vector<EmbeddedFile> kFiles = {\n")
foreach(f ${files})
  get_filename_component(name "${f}" NAME)
  file(READ "${f}" content)
  string(APPEND body "    {\"${name}\", R\"KETNOI_EMBED(${content})KETNOI_EMBED\"},\n")
endforeach()
string(APPEND body "  };\n  return kFiles;\n}\n}  // namespace ketnoi\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
