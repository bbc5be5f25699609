# Installs convt as a CMake package: after find_package(convt CONFIG), every
# convt_add_library library is the imported target convt::<name>, and the
# tools are convt::convt-opt and convt::convt-run.

include(CMakePackageConfigHelpers)

# Debian's libMLIR and libLLVM are off the loader's path: the installed tools
# keep the directories they were linked from.
set_target_properties(convt-opt convt-run PROPERTIES
  INSTALL_RPATH_USE_LINK_PATH ON)
install(TARGETS convt-opt convt-run EXPORT convtTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

install(DIRECTORY include/convt include/convt-c
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h" PATTERN "*.td")
install(DIRECTORY ${PROJECT_BINARY_DIR}/include/convt
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.inc" PATTERN "CMakeFiles" EXCLUDE)

set(CONVT_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/convt)
install(EXPORT convtTargets NAMESPACE convt::
  DESTINATION ${CONVT_INSTALL_CMAKEDIR})

get_property(CONVT_LIBS GLOBAL PROPERTY CONVT_LIBS)
list(JOIN CONVT_LIBS " " CONVT_LIBS)
configure_package_config_file(cmake/convtConfig.cmake.in
  ${PROJECT_BINARY_DIR}/convtConfig.cmake
  INSTALL_DESTINATION ${CONVT_INSTALL_CMAKEDIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/convtConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/convtConfig.cmake
  ${PROJECT_BINARY_DIR}/convtConfigVersion.cmake
  DESTINATION ${CONVT_INSTALL_CMAKEDIR})
