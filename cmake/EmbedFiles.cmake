# embed_files(TARGET name NAMESPACE ns [BINARY] FILES f1 f2 ...)
# Compiles the files into a static library exposing
#   std::span<const ns::EmbeddedFile> ns::EmbeddedFiles();
# so binaries carry their SQL migrations, curated data and trained models with them (no data
# dir to ship). Text files become raw string literals; BINARY files (trained models) go in
# with the assembler's .incbin instead, and the library also exposes
#   std::string_view ns::Digest();  // MD5 over all the files' contents, in order
function(embed_files)
  cmake_parse_arguments(ARG "BINARY" "TARGET;NAMESPACE" "FILES" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}_embedded.cc")
  set(script "${PROJECT_SOURCE_DIR}/cmake/embed_files_script.cmake")
  if(ARG_BINARY)
    set(script "${PROJECT_SOURCE_DIR}/cmake/embed_binary_files_script.cmake")
  endif()
  # A ';' inside one COMMAND argument would split it: pass the list '|'-separated.
  string(REPLACE ";" "|" files_arg "${ARG_FILES}")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAMESPACE=${ARG_NAMESPACE} -DSYMBOL=${ARG_TARGET}
            "-DFILES=${files_arg}" -P "${script}"
    DEPENDS ${ARG_FILES} "${script}"
    COMMENT "Embedding files into ${ARG_TARGET}"
    VERBATIM)
  add_library(${ARG_TARGET} STATIC "${out}")
  # .incbin reads the files when the object is assembled: rebuild it when they change.
  set_source_files_properties("${out}" PROPERTIES OBJECT_DEPENDS "${ARG_FILES}")
  target_include_directories(${ARG_TARGET} PUBLIC "${PROJECT_SOURCE_DIR}/common/include")
endfunction()
