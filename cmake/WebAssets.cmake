# Script mode: writes OUT, a C++ file that defines newsweave::server::FindWebAsset (declared in
# src/server/web_assets.h) over the files NAMES (comma-separated) of directory DIR. Each file
# is served as /NAME, index.html also as /; the content type follows the extension.
string(REPLACE "," ";" names "${NAMES}")
set(chunk "")
string(REPEAT "\\\\x[0-9a-f][0-9a-f]" 24 chunk_re)
set(arrays "")
set(assets "")
set(paths "")
set(index 0)
foreach(name ${names})
  file(READ ${DIR}/${name} hex HEX)
  string(LENGTH "${hex}" hexlen)
  math(EXPR size "${hexlen} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" escaped "${hex}")
  string(REGEX REPLACE "(${chunk_re})" "\\1\"\n    \"" escaped "${escaped}")
  get_filename_component(ext ${name} LAST_EXT)
  if(ext STREQUAL ".html")
    set(type "text/html; charset=utf-8")
  elseif(ext STREQUAL ".js")
    set(type "text/javascript; charset=utf-8")
  elseif(ext STREQUAL ".css")
    set(type "text/css; charset=utf-8")
  elseif(ext STREQUAL ".svg")
    set(type "image/svg+xml")
  else()
    set(type "application/octet-stream")
  endif()
  string(APPEND arrays "// ${name}, ${size} bytes\nconstexpr char kAsset${index}[] =\n    \"${escaped}\";\n")
  string(APPEND assets "    {\"${type}\", std::string_view(kAsset${index}, ${size})},\n")
  string(APPEND paths "    {\"/${name}\", ${index}},\n")
  if(name STREQUAL "index.html")
    string(APPEND paths "    {\"/\", ${index}},\n")
  endif()
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE ${OUT}.tmp "// Generated from ${DIR} by cmake/WebAssets.cmake; do not edit.\n"
  "#include \"server/web_assets.h\"\n\n"
  "namespace newsweave::server {\nnamespace {\n\n${arrays}\n"
  "constexpr WebAsset kAssets[] = {\n${assets}};\n\n"
  "struct PathEntry {\n  std::string_view path;\n  int asset;\n};\n"
  "constexpr PathEntry kPaths[] = {\n${paths}};\n\n}  // namespace\n\n"
  "const WebAsset* FindWebAsset(std::string_view path) {\n"
  "  for (const PathEntry& entry : kPaths) {\n"
  "    if (entry.path == path) return &kAssets[entry.asset];\n  }\n  return nullptr;\n}\n\n"
  "}  // namespace newsweave::server\n")
# Only touch OUT when it changes, so an unchanged page does not rebuild the server.
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.tmp)
