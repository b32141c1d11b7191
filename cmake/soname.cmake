# soname.cmake — the SONAME of a library pkg-config found, for the
# libraries chiso loads only when needed (engine/support/dynlib.h):
# chiso_soname(OUT PREFIX NAME) reads ${PREFIX}_LINK_LIBRARIES, takes the
# file whose name holds NAME, and sets OUT to its DT_SONAME
# ("libxlsxwriter.so.4"), the name dlopen() will be given at run time.
find_program(CHISO_READELF NAMES readelf ${CMAKE_READELF} REQUIRED)
function(chiso_soname out prefix name)
  set(file "")
  foreach(lib IN LISTS ${prefix}_LINK_LIBRARIES)
    get_filename_component(base "${lib}" NAME)
    if(base MATCHES "${name}")
      set(file "${lib}")
      break()
    endif()
  endforeach()
  if(NOT file)
    message(FATAL_ERROR "no ${name} library among ${prefix}_LINK_LIBRARIES: ${${prefix}_LINK_LIBRARIES}")
  endif()
  execute_process(COMMAND ${CHISO_READELF} -d "${file}" OUTPUT_VARIABLE dynamic RESULT_VARIABLE rc)
  string(REGEX MATCH "Library soname: \\[([^]]+)\\]" found "${dynamic}")
  if(NOT rc EQUAL 0 OR NOT CMAKE_MATCH_1)
    message(FATAL_ERROR "cannot read the SONAME of ${file}")
  endif()
  set(${out} "${CMAKE_MATCH_1}" PARENT_SCOPE)
  message(STATUS "${name}: loaded when needed, as ${CMAKE_MATCH_1}")
endfunction()

# chiso_deb_depends(OUT PREFIX NAME): the Debian package that holds that
# library file, as a Depends entry ("libxlsxwriter4 (>= 1.1.4)"), since
# dpkg-shlibdeps cannot see a library opened with dlopen(). Empty where
# dpkg-query is missing (not a Debian system: no .deb is made there).
find_program(CHISO_DPKG_QUERY dpkg-query)
function(chiso_deb_depends out prefix name)
  set(${out} "" PARENT_SCOPE)
  if(NOT CHISO_DPKG_QUERY)
    return()
  endif()
  foreach(lib IN LISTS ${prefix}_LINK_LIBRARIES)
    get_filename_component(base "${lib}" NAME)
    if(base MATCHES "${name}")
      file(REAL_PATH "${lib}" real)
      break()
    endif()
  endforeach()
  execute_process(COMMAND ${CHISO_DPKG_QUERY} -S "${real}" OUTPUT_VARIABLE owner RESULT_VARIABLE rc ERROR_QUIET)
  if(NOT rc EQUAL 0)
    # merged /usr: the file may be registered under /lib rather than /usr/lib
    string(REGEX REPLACE "^/usr/lib/" "/lib/" real "${real}")
    execute_process(COMMAND ${CHISO_DPKG_QUERY} -S "${real}" OUTPUT_VARIABLE owner RESULT_VARIABLE rc ERROR_QUIET)
  endif()
  if(rc EQUAL 0 AND owner MATCHES "^([^:, ]+)")
    set(package "${CMAKE_MATCH_1}")
    # at least the upstream version built against (pkg-config's may differ:
    # xlsxwriter.pc says 4 for 1.1.4)
    execute_process(COMMAND ${CHISO_DPKG_QUERY} -W -f=\${Version} "${package}" OUTPUT_VARIABLE version ERROR_QUIET)
    string(REGEX REPLACE "-[^-]*$" "" version "${version}")
    if(version)
      set(${out} "${package} (>= ${version})" PARENT_SCOPE)
    else()
      set(${out} "${package}" PARENT_SCOPE)
    endif()
  endif()
endfunction()
