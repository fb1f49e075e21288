# embed_files(TARGET name NAMESPACE ns FILES f1 f2 ...)
# Compiles the files into a static library exposing
#   std::span<const ns::EmbeddedFile> ns::EmbeddedFiles();
# so binaries carry their SQL migrations and curated data with them (no data dir to ship).
function(embed_files)
  cmake_parse_arguments(ARG "" "TARGET;NAMESPACE" "FILES" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}_embedded.cc")
  # A ';' inside one COMMAND argument would split it: pass the list '|'-separated.
  string(REPLACE ";" "|" files_arg "${ARG_FILES}")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAMESPACE=${ARG_NAMESPACE}
            "-DFILES=${files_arg}" -P "${PROJECT_SOURCE_DIR}/cmake/embed_files_script.cmake"
    DEPENDS ${ARG_FILES} "${PROJECT_SOURCE_DIR}/cmake/embed_files_script.cmake"
    COMMENT "Embedding files into ${ARG_TARGET}"
    VERBATIM)
  add_library(${ARG_TARGET} STATIC "${out}")
  target_include_directories(${ARG_TARGET} PUBLIC "${PROJECT_SOURCE_DIR}/common/include")
endfunction()
