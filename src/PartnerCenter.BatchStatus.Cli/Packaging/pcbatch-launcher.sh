#!/bin/sh
# pcbatch, as the Linux x64 tool package installs it. The native executable pcbatch beside this file (compiled ahead of time:
# it starts in a fraction of the time) runs where the C library can run it: glibc 2.@GLIBC_MINOR@ or later, the glibc it
# was linked against. Elsewhere (an older glibc, or musl as on Alpine), or when PCBATCH_FRAMEWORK_DEPENDENT=1, the
# framework-dependent build in managed/ runs on the .NET runtime, as on any other platform.
here=$(readlink -f "$0") && here=${here%/*}
if [ "${PCBATCH_FRAMEWORK_DEPENDENT:-}" != 1 ]; then
  libc=$(getconf GNU_LIBC_VERSION 2>/dev/null) || libc=
  case $libc in
    "glibc 2."*)
      minor=${libc#glibc 2.}
      minor=${minor%%[!0-9]*}
      if [ -n "$minor" ] && [ "$minor" -ge @GLIBC_MINOR@ ]; then
        exec "$here/pcbatch" "$@"
      fi
      ;;
  esac
fi
if [ -n "${DOTNET_ROOT:-}" ] && [ -x "$DOTNET_ROOT/dotnet" ]; then
  exec "$DOTNET_ROOT/dotnet" "$here/managed/pcbatch.dll" "$@"
fi
exec dotnet "$here/managed/pcbatch.dll" "$@"
