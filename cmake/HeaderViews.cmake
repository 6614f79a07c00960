# Include views: what each library lets its users include (issue 11, item 3).
#
# A header is included by a path that starts with its library's name ("twin/plant.h",
# "render/scene_view.h", "app/main_window.h") wherever in the library it lives: render and app
# keep their files in rooms (render/scene/, app/docks/, ...). As Qt's own include/QtCore/ does,
# the build tree holds for each library one or two views, folders in which its headers appear
# under that name as symbolic links to the source files. A library exports the view of its public
# headers only: a header outside it cannot be included by a user at all, so the compiler, not a
# review, keeps app away from render's private headers (F3D's library/public and private split).

# takt_header_view(VIEW PREFIX DIR...): ${PROJECT_BINARY_DIR}/include/VIEW/PREFIX/NAME.h links to
# DIR/NAME.h for every header of each DIR (not recursive); TAKT_VIEW_DIR is set to
# ${PROJECT_BINARY_DIR}/include/VIEW, the folder to add to include directories. Two headers of one
# name in a view are an error. A header added to a DIR joins the view at the next build
# (CONFIGURE_DEPENDS).
function(takt_header_view view prefix)
  set(root ${PROJECT_BINARY_DIR}/include/${view})
  set(folder ${root}/${prefix})
  file(MAKE_DIRECTORY ${folder})
  # Links from an earlier configure go first (a header may have moved to another room). Only the
  # links are removed, never what they point to.
  file(GLOB old LIST_DIRECTORIES false ${folder}/*)
  foreach(link ${old})
    if(IS_SYMLINK ${link})
      file(REMOVE ${link})
    endif()
  endforeach()
  foreach(dir ${ARGN})
    file(GLOB headers CONFIGURE_DEPENDS ${dir}/*.h)
    foreach(header ${headers})
      get_filename_component(name ${header} NAME)
      if(IS_SYMLINK ${folder}/${name})
        file(READ_SYMLINK ${folder}/${name} first)
        message(FATAL_ERROR "${prefix}/${name} names two headers: ${first} and ${header}")
      endif()
      file(CREATE_LINK ${header} ${folder}/${name} SYMBOLIC)
    endforeach()
  endforeach()
  set(TAKT_VIEW_DIR ${root} PARENT_SCOPE)
endfunction()

# takt_folder_view(VIEW PREFIX DIR): ${PROJECT_BINARY_DIR}/include/VIEW/PREFIX links to the folder
# DIR as a whole (its subfolders included: "twin/live/decoder.h"); sets TAKT_VIEW_DIR as above.
function(takt_folder_view view prefix dir)
  set(root ${PROJECT_BINARY_DIR}/include/${view})
  file(MAKE_DIRECTORY ${root})
  if(IS_SYMLINK ${root}/${prefix})
    file(READ_SYMLINK ${root}/${prefix} target)
    if(NOT target STREQUAL dir)
      file(REMOVE ${root}/${prefix}) # the link alone, not the folder it points to
    endif()
  elseif(EXISTS ${root}/${prefix})
    message(FATAL_ERROR "${root}/${prefix} is in the way of a view (remove it)")
  endif()
  if(NOT IS_SYMLINK ${root}/${prefix})
    file(CREATE_LINK ${dir} ${root}/${prefix} SYMBOLIC)
  endif()
  set(TAKT_VIEW_DIR ${root} PARENT_SCOPE)
endfunction()
