# newsweave_embed(OUT_VAR SYMBOL FILE): generates a .cc file that defines
#   extern const char* const SYMBOL; extern const std::size_t SYMBOL_size;
# holding FILE's bytes, so data files ship inside the binary.
function(newsweave_embed out_var symbol file)
  set(out ${CMAKE_BINARY_DIR}/generated/${symbol}.cc)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${out} -DSYMBOL=${symbol}
            -P ${CMAKE_SOURCE_DIR}/cmake/EmbedFile.cmake
    DEPENDS ${file} ${CMAKE_SOURCE_DIR}/cmake/EmbedFile.cmake
    COMMENT "Embedding ${file}")
  set(${out_var} ${out} PARENT_SCOPE)
endfunction()
