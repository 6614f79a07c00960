# `cpack` in a build folder makes a Debian package of what `cmake --install` puts under the
# prefix: takt, its data in share/takt, the desktop files and the docs. Its run-time libraries
# are found by dpkg-shlibdeps (Debian: dpkg-dev); what it loads without linking is named here.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME takt)
set(CPACK_PACKAGE_VENDOR "The Takt developers")
set(CPACK_PACKAGE_CONTACT "The Takt developers <takt@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Digital twin for production lines")
set(CPACK_PACKAGE_DESCRIPTION "Takt binds a factory's CAD layout to the state of its production
line, live over MQTT or from a recorded shift, and shows on the 3D layout what each station is
doing, where the bottleneck sits and how each quality checkpoint performs. Ships a sample
electric vehicle assembly plant with an eight-hour shift.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# The binary is built with debug information (RelWithDebInfo); the package does without it.
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Qt's xcb platform plugin and Qt 3D's OpenGL renderer plugin come with libqt6gui6 and
# libqt63drender6, and libgl1 brings a driver (Mesa), so the linked libraries cover what is
# loaded at run time as well.
# ffmpeg encodes `takt video` clips (PNG frames without it); mosquitto is a broker for live feeds.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "ffmpeg, mosquitto")
include(CPack)
