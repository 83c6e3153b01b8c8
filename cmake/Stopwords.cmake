# Script mode: reads Lingua::StopWords modules (IN_DIR/*.pm) and writes OUT, a C++ file with
# one entry per language: {"en", "a about above ..."}.
file(GLOB modules ${IN_DIR}/*.pm)
list(SORT modules)
set(body "")
foreach(pm ${modules})
  get_filename_component(code ${pm} NAME_WE)
  string(TOLOWER ${code} code)
  file(READ ${pm} text)
  string(REGEX MATCH "sub _stopwords[^(]*qw\\(([^)]*)\\)" m "${text}")
  if(NOT m)
    continue()
  endif()
  string(REGEX REPLACE "[ \t\r\n]+" " " words "${CMAKE_MATCH_1}")
  string(STRIP "${words}" words)
  string(APPEND body "  {\"${code}\", \"${words}\"},\n")
endforeach()
file(WRITE ${OUT} "// Generated from Lingua::StopWords; do not edit.\n"
  "#include \"text/stopwords_data.h\"\n"
  "namespace newsweave::text {\n"
  "const StopwordList kStopwordLists[] = {\n${body}};\n"
  "const int kStopwordListCount = sizeof(kStopwordLists) / sizeof(kStopwordLists[0]);\n"
  "}  // namespace newsweave::text\n")
