# Sourced by the install and consumer tests: installs the build tree
# $build into $dest (meson install --destdir) and points PATH, pkg-config,
# CMake and the dynamic linker at the staged prefix, $staged.  Needs
# $build, $dest, $prefix and $libdir (meson's options, libdir relative).
stage_install() {
	meson install -C "$build" --no-rebuild --destdir "$dest" --quiet \
		>"$dest.install.log" 2>&1 || { cat "$dest.install.log"; exit 1; }
	staged=$dest$prefix
	PATH=$staged/bin:$PATH
	PKG_CONFIG_PATH=$staged/$libdir/pkgconfig
	# asyncc.pc names the configured prefix (unless built with
	# -Dpkgconfig.relocatable=true): the sysroot maps it into $dest.
	PKG_CONFIG_SYSROOT_DIR=$dest
	CMAKE_PREFIX_PATH=$staged
	LD_LIBRARY_PATH=$staged/$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
	export PATH PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR CMAKE_PREFIX_PATH LD_LIBRARY_PATH
	unset PKG_CONFIG_LIBDIR
	# the staged translator, not one installed on the system
	[ "$(command -v asyncc)" = "$staged/bin/asyncc" ] ||
		{ echo "asyncc on PATH is $(command -v asyncc), not the staged one"; exit 1; }
}
