#!/usr/bin/env bash
# Installs everything ResearchKit needs on a Debian machine and builds it. Idempotent: a second run
# only checks. Used by scripts/main.sh and scripts/test.sh; safe to run on its own.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
log() { printf '[setup] %s\n' "$*" >&2; }

# 0. The .NET 10 SDK is the one prerequisite Debian does not package.
# (No `cmd | grep -q` or `awk '{...; exit}'` pipelines here: an early-exiting reader makes the writer die of SIGPIPE,
# and under pipefail that status 141 fails the script.)
sdks="$(command -v dotnet >/dev/null 2>&1 && dotnet --list-sdks 2>/dev/null || true)"
if ! grep -q '^10\.' <<<"$sdks"; then
  echo "[setup] ResearchKit needs the .NET 10 SDK (dotnet on PATH): https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
  exit 1
fi

# 1. Debian packages. Python packages belong to /usr/bin/python3 (a different python3 may come first on PATH).
apt_packages=(libfftw3-single3 libfftw3-double3 libopenblas0-pthread chromium fonts-dejavu-core nodejs npm
              python3-numpy python3-scipy python3-pil python3-nbformat python3-nbclient python3-nbconvert jupyter-client
              python3-torch)
missing=()
for p in "${apt_packages[@]}"; do
  # npm/node may come from elsewhere (e.g. NodeSource); only install Debian's when the command is missing.
  case "$p" in nodejs) command -v node >/dev/null 2>&1 && continue ;; npm) command -v npm >/dev/null 2>&1 && continue ;; esac
  status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. plotly.js, pinned; figures are drawn with it (in Chromium for PNGs, and in every saved HTML figure).
plotly_version="3.7.0"
plotly_js=".deps/node_modules/plotly.js-dist-min/plotly.min.js"
if [ ! -f "$plotly_js" ] || ! grep -q "\"version\": \"$plotly_version\"" .deps/node_modules/plotly.js-dist-min/package.json 2>/dev/null; then
  log "installing plotly.js-dist-min@$plotly_version"
  mkdir -p .deps
  npm install --prefix .deps --no-save --no-package-lock --loglevel=error "plotly.js-dist-min@$plotly_version" >/dev/null
fi

# 3. The .NET build (Release: debug builds run experiment loops 2-3x slower). Restore first, so TorchSharp's native
#    library can be fixed before the build copies it (step 3b).
log "restoring NuGet packages"
dotnet restore ResearchKit.sln -v q >/dev/null || { dotnet restore ResearchKit.sln -v q; exit 1; }
# The local tools pinned in .config/dotnet-tools.json (dotnet-interactive, whose Jupyter kernel runs the notebooks);
# a no-op once they are in the NuGet cache.
dotnet tool restore >/dev/null || { dotnet tool restore; exit 1; }

# 3b. TorchSharp 0.107's libLibTorchSharp.so asks for GLIBCXX_3.4.32 for one symbol it never calls; Debian 12's
#     libstdc++ stops at 3.4.30, so the loader refuses it. Mark that one version need weak (scripts/weaken_glibcxx.py),
#     in the NuGet cache (where builds and notebooks copy it from) and in every copy already made, only where the
#     system libstdc++ lacks the version.
nuget_root="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')"
libstdcxx="$(/sbin/ldconfig -p | awk '/libstdc\+\+\.so\.6 .*x86-64/ && !found {print $NF; found=1}')"
if [ -n "$libstdcxx" ] && ! grep -qa 'GLIBCXX_3\.4\.32' "$libstdcxx"; then
  while IFS= read -r lib; do
    out="$(/usr/bin/python3 scripts/weaken_glibcxx.py "$lib")" || { echo "[setup] could not fix $lib (see above)" >&2; exit 1; }
    case "$out" in *": patched"*) log "marked GLIBCXX_3.4.32 weak in $lib" ;; esac
  done < <(find "$nuget_root/torchsharp" artifacts -name libLibTorchSharp.so 2>/dev/null)
fi

log "building (Release)"
dotnet build ResearchKit.sln -c Release --no-restore -nologo -v q -clp:ErrorsOnly >/dev/null || { dotnet build ResearchKit.sln -c Release --no-restore -nologo -v q -clp:ErrorsOnly; exit 1; }

# 3c. Jupyter kernelspec ".net-csharp" for dotnet-interactive's kernel, in the repository's own Jupyter data folder
#     (.deps/jupyter; use it with JUPYTER_PATH=$PWD/.deps/jupyter). Its argv is absolute (this dotnet, the restored
#     tool's dll in the NuGet cache), so Jupyter needs no PATH change. Rewritten only when it differs.
interactive_version="$(/usr/bin/python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["tools"]["microsoft.dotnet-interactive"]["version"])' .config/dotnet-tools.json)"
interactive_dll="$nuget_root/microsoft.dotnet-interactive/$interactive_version/tools/net10.0/any/Microsoft.DotNet.Interactive.App.dll"
[ -f "$interactive_dll" ] || { echo "[setup] dotnet tool restore left no $interactive_dll" >&2; exit 1; }
kernelspec="$(/usr/bin/python3 scripts/write_kernelspec.py .deps/jupyter/kernels/.net-csharp "$(command -v dotnet)" "$interactive_dll")"
[ -z "$kernelspec" ] || log "$kernelspec"

# 3d. The kit as a NuGet package in a local feed, .deps/feed, carrying its .NET Interactive extension
#     (lib/ResearchKit/Display/extension.dib), for notebooks on dotnet-interactive's kernel:
#     #i "nuget: <repo>/.deps/feed" then #r "nuget: ResearchKit, <version in .deps/feed/researchkit.version>".
#     NuGet's cache keeps the first package of a version, so the version changes with the library's dll, which names
#     the commit it was built at (the SDK puts it in its informational version): 0.1.0-g<commit>, plus
#     .dirty-<hash of the library sources' uncommitted changes> when there are some.
#     Packed from this build (--no-build), only when that version is not in the feed yet.
lib_sources=(lib/ResearchKit lib/Shared Directory.Build.props Directory.Packages.props)
if git rev-parse --git-dir >/dev/null 2>&1; then
  kit_version="0.1.0-g$(git rev-parse --short=10 HEAD)"
  if [ -n "$(git status --porcelain --untracked-files=all -- "${lib_sources[@]}")" ]; then
    dirty="$({ git diff HEAD --binary -- "${lib_sources[@]}"
               git ls-files -z --others --exclude-standard -- "${lib_sources[@]}" | xargs -0r sha256sum; } | sha256sum)"
    kit_version="$kit_version.dirty-${dirty:0:10}"
  fi
else  # not a git checkout: the sources' own hash
  sources="$(find "${lib_sources[@]}" -type f -not -path '*/bin/*' -not -path '*/obj/*' -print0 | sort -z | xargs -0 sha256sum | sha256sum)"
  kit_version="0.1.0-src-${sources:0:10}"
fi
feed=.deps/feed
if [ ! -f "$feed/ResearchKit.$kit_version.nupkg" ] || [ "$(cat "$feed/researchkit.version" 2>/dev/null)" != "$kit_version" ]; then
  log "packing ResearchKit $kit_version into $feed"
  pack=(dotnet pack lib/ResearchKit/ResearchKit.csproj -c Release --no-build --no-restore -nologo -v q -o "$feed" -p:Version="$kit_version")
  "${pack[@]}" >/dev/null || { "${pack[@]}"; exit 1; }
  find "$feed" -maxdepth 1 -name 'ResearchKit.*.nupkg' ! -name "ResearchKit.$kit_version.nupkg" -delete
  printf '%s\n' "$kit_version" > "$feed/researchkit.version.tmp" && mv "$feed/researchkit.version.tmp" "$feed/researchkit.version"
fi
#     The NuGet cache is shared by every clone on the machine, and two clones of one commit build two different dlls
#     (the build embeds its own path) under one version: a package the cache took from another clone's feed is
#     evicted, so the notebooks' restore takes this clone's (the worker refuses another build: StaleKitPackage).
cached_kit="$nuget_root/researchkit/${kit_version,,}"
if [ -d "$cached_kit" ] && ! cmp -s "$feed/ResearchKit.$kit_version.nupkg" "$cached_kit/researchkit.${kit_version,,}.nupkg"; then
  log "evicting ResearchKit $kit_version from the NuGet cache (another clone's build of this version)"
  rm -rf "$cached_kit"
fi

# 4. Data: CamVid under the data folder, checksums verified.
bash data-scripts/camvid.sh
