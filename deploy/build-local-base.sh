#!/usr/bin/env bash
# A stand-in for the image's base (eclipse-temurin:25-jre-alpine) for machines that reach a Debian
# mirror but no container registry: a Debian minbase root filesystem plus a JRE linked from the
# local JDK (21 or newer), imported into the local Docker engine. Used to build and try the image
# here; production images use the official base.
#
# The JRE holds every runtime module of the JDK (what a Temurin JRE holds), not only what jdeps
# finds in the jar today, so the stand-in fails where the real base would and nowhere else.
# busybox provides `wget` as on Alpine, for the image's health check.
#
# Usage (as root, with debootstrap installed and a Docker engine running):
#   deploy/build-local-base.sh [tag]        # default tag: waymark-base:local
# Environment: JAVA_HOME (else .ci/find-jdk.sh), DEBIAN_MIRROR (default http://deb.debian.org/debian),
# DEBIAN_SUITE (default bookworm).
set -euo pipefail
tag="${1:-waymark-base:local}"
root_dir="$(cd "$(dirname "$0")/.." && pwd)"
if [[ -z "${JAVA_HOME:-}" ]]; then
  # shellcheck source=/dev/null
  source "$root_dir/.ci/find-jdk.sh"
fi
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
suite="${DEBIAN_SUITE:-bookworm}"
[[ $EUID -eq 0 ]] || { echo "run as root (debootstrap)" >&2; exit 2; }
command -v debootstrap > /dev/null || { echo "apt-get install debootstrap" >&2; exit 2; }
docker info > /dev/null || { echo "no Docker engine answering" >&2; exit 2; }

work="$(mktemp -d /tmp/waymark-base.XXXXXX)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"

debootstrap --variant=minbase --include=busybox "$suite" "$rootfs" "$mirror" > "$work/debootstrap.log" \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
ln -s /bin/busybox "$rootfs/usr/local/bin/wget"

# The JDK's modules minus development and diagnostic tools: roughly a JRE.
tools='jdk.compiler|jdk.editpad|jdk.graal.compiler|jdk.graal.compiler.management|jdk.hotspot.agent|jdk.internal.ed|jdk.internal.jvmstat|jdk.internal.le|jdk.internal.md|jdk.internal.opt|jdk.jartool|jdk.javadoc|jdk.jcmd|jdk.jconsole|jdk.jdeps|jdk.jdi|jdk.jlink|jdk.jpackage|jdk.jshell|jdk.jstatd'
modules="$("$JAVA_HOME/bin/java" --list-modules | sed 's/@.*//' | grep -Exv "$tools" | paste -sd, -)"
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$rootfs/opt/java/openjdk"

# What an image does not need: package caches, documentation, locales.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
  "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/*

# The same JAVA_HOME and PATH as the Temurin images.
tar -C "$rootfs" --numeric-owner -c . | docker import \
  --change 'ENV JAVA_HOME=/opt/java/openjdk' \
  --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["/bin/sh"]' - "$tag" > /dev/null
echo "$tag: $(docker run --rm --network none "$tag" java -version 2>&1 | head -1)"
