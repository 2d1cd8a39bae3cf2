#!/usr/bin/env bash
# Builds the real binaries the test harness runs (see testenv/README.md) into a
# cache outside the repo. Only what is missing or stale is built, so a warm run
# is a no-op. To add a component: write a build_<name> function and list it in
# COMPONENTS.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
command -v go >/dev/null || export PATH=/usr/local/go/bin:$PATH
export LC_ALL=C
# Read-only modules (go's default): a go.mod/go.sum that is not tidy fails the
# build instead of being rewritten in the work tree. No VCS stamping: the
# binaries come from module zips, not from this repo.
export GOFLAGS=-buildvcs=false

cache_root=${CTO_TESTENV_CACHE:-$HOME/.cache/cto-testenv}

# Each component has a directory of its own, keyed by its sources (go.mod,
# go.sum, *.go), so a new pin or an edited wrapper rebuilds that component
# into a fresh directory and leaves the others where they are. Must match
# componentKey() in testenv/paths.ts.
source_digest() {
  (cd "$here/$1" && find . -type f \( -name go.mod -o -name go.sum -o -name '*.go' \) -print0 \
    | sort -z | xargs -0 sha256sum)
}

component_dir() {
  if [[ -f "$here/$1/go.mod" ]]; then
    echo "$cache_root/$1/$(source_digest "$1" | sha256sum | cut -c1-16)"
  else
    echo "$cache_root/$1" # upstream: one folder per name@version inside
  fi
}

# What a build_<component> function returns when it had nothing to do.
readonly UP_TO_DATE=10

# What a component's binaries come from: its sources and its build function.
# A change of the build function alone (other link flags) rebuilds in place.
source_stamp() {
  {
    source_digest "$1"
    declare -f "build_$1"
  } | sha256sum | cut -c1-16
}

# up_to_date DIR BIN... — true when every BIN exists and was built from DIR as it is now.
up_to_date() {
  local dir=$1 bin; shift
  for bin in "$@"; do
    [[ -f "$bin_dir/$bin" ]] || { adopt_old_layout "$dir" "$@"; return; }
  done
  [[ "$(cat "$bin_dir/.stamp" 2>/dev/null)" == "$(source_stamp "$dir")" ]] || adopt_old_layout "$dir" "$@"
}

# The layout before per-component directories: $cache_root/<hash of every
# go.sum>/bin held all binaries, with a .stamp-<component> each (the same
# source_stamp as now). Binaries built there from the same sources and build
# function are hard-linked in instead of built again; the old directory stays
# usable by checkouts that still expect it. Remove once no such cache is left.
adopt_old_layout() {
  local dir=$1 stamp old bin; shift
  stamp=$(source_stamp "$dir")
  for old in "$cache_root"/????????????????/bin; do
    [[ "$(cat "$old/.stamp-$dir" 2>/dev/null)" == "$stamp" ]] || continue
    for bin in "$@"; do
      [[ -f "$old/$bin" ]] || continue 2
    done
    for bin in "$@"; do
      ln -f "$old/$bin" "$bin_dir/$bin" 2>/dev/null || cp -p "$old/$bin" "$bin_dir/$bin"
    done
    echo "$stamp" >"$bin_dir/.stamp"
    printf '(hard-linked from %s) ' "$old" >&3
    return 0
  done
  return 1
}

mark_built() {
  source_stamp "$1" >"$bin_dir/.stamp"
}

# go_build DIR PACKAGE... — builds packages of the module in testenv/DIR into
# the component's directory, with $extra_ldflags (if set) added to the linker flags.
go_build() {
  local dir=$1; shift
  (cd "$here/$dir" && go build -trimpath -ldflags "-s -w ${extra_ldflags:-}" -o "$bin_dir/" "$@")
}

# module_version DIR MODULE — the version of MODULE that testenv/DIR pins.
module_version() {
  (cd "$here/$1" && go list -m -f '{{.Version}}' "$2")
}

# module_dir DIR MODULE — where the module cache holds the version testenv/DIR pins. Downloaded
# first: on a new machine `go list -m` prints an empty Dir for a module no build has fetched yet.
module_dir() {
  (cd "$here/$1" && go mod download "$2" && go list -m -f '{{.Dir}}' "$2")
}

build_kube() {
  up_to_date kube kube-apiserver kube-controller-manager kube-scheduler kubectl && return $UP_TO_DATE
  # Upstream stamps the version at link time (hack/lib/version.sh); without it
  # /version says v0.0.0-master, which trips anything that checks versions.
  local version major minor pkg
  version=$(module_version kube k8s.io/kubernetes)
  IFS=. read -r major minor _ <<<"${version#v}"
  local extra_ldflags=""
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    extra_ldflags+=" -X $pkg.gitVersion=$version -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
  done
  go_build kube ./kube-apiserver ./kube-controller-manager ./kube-scheduler ./kubectl
  mark_built kube
}

# The kwok binary ships no stages of its own (kwokctl injects them); take the
# upstream "fast" node and pod stages of the pinned version as its --config.
build_kwok() {
  up_to_date kwok kwok kwok-stages.yaml && return $UP_TO_DATE
  go_build kwok sigs.k8s.io/kwok/cmd/kwok
  local src
  src=$(module_dir kwok sigs.k8s.io/kwok)/kustomize/stage
  local stage
  for stage in node/fast/node-initialize node/heartbeat/node-heartbeat \
    pod/fast/pod-ready pod/fast/pod-complete pod/fast/pod-delete; do
    echo '---'
    cat "$src/$stage.yaml"
  done >"$bin_dir/kwok-stages.yaml"
  mark_built kwok
}

# Link flags as upstream's Makefile sets them: without them `helm template`
# renders for Kubernetes v1.20 and charts' kubeVersion constraints fail.
build_helm() {
  up_to_date helm helm && return $UP_TO_DATE
  local version client_go k8s_minor
  version=$(module_version helm helm.sh/helm/v3)
  client_go=$(module_version helm k8s.io/client-go)
  IFS=. read -r _ k8s_minor _ <<<"${client_go#v}"
  local extra_ldflags="-X helm.sh/helm/v3/internal/version.version=$version -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
  local pkg
  for pkg in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
    extra_ldflags+=" -X $pkg.k8sVersionMajor=1 -X $pkg.k8sVersionMinor=$k8s_minor"
  done
  go_build helm helm.sh/helm/v3/cmd/helm
  mark_built helm
}

build_talosctl() {
  up_to_date talosctl talosctl && return $UP_TO_DATE
  go_build talosctl github.com/siderolabs/talos/cmd/talosctl
  mark_built talosctl
}

# Our own simulator of Talos nodes (testenv/talos-node-sim), driven by the real talosctl.
build_talos-node-sim() {
  up_to_date talos-node-sim talos-node-sim && return $UP_TO_DATE
  go_build talos-node-sim .
  mark_built talos-node-sim
}

# Built rather than taken from Debian (3.4): kube-apiserver 1.36 turns off
# consistent reads from its watch cache and streaming lists on etcd < 3.4.31,
# and Talos 1.13 clusters run etcd 3.6.
build_etcd() {
  up_to_date etcd etcd && return $UP_TO_DATE
  (cd "$here/etcd" && go build -trimpath -ldflags "-s -w" -o "$bin_dir/etcd" go.etcd.io/etcd/server/v3)
  mark_built etcd
}

# spec_defaults FIELD... — "FIELD VALUE" lines: the schema default of each spec
# field (spec.talos.version), cto's own pin. One node start for all of them.
spec_defaults() {
  node -e '
    const schema = require(process.argv[1]);
    for (const f of process.argv.slice(2)) console.log(f, f.split(".").reduce((n, k) => n.properties[k], schema).default);
  ' "$here/../schema/cluster.schema.json" "$@"
}

# Files of upstream releases, as testenv/upstream/modules lists them. A
# module version never changes, so a folder whose .stamp names the same
# module and paths is complete.
build_upstream() {
  local list=$here/upstream/modules name module version paths json dir dest tmp path fetched=0 field value
  local -A pinned
  while read -r field value; do
    pinned[$field]=$value
  done < <(spec_defaults $(awk '$3 ~ /^spec\./ { print $3 }' "$list"))
  while read -r name module version paths; do
    [[ -z "$name" || "$name" == '#'* ]] && continue
    [[ "$version" == spec.* ]] && version=${pinned[$version]}
    [[ "$version" == v* ]] || version=v$version
    dest="$bin_dir/$name@$version"
    [[ "$(cat "$dest/.stamp" 2>/dev/null)" == "$module $paths" ]] && continue
    json=$(go mod download -json "$module@$version") || { echo "$json"; return 1; }
    dir=$(sed -n 's/^\t"Dir": "\(.*\)",$/\1/p' <<<"$json")
    tmp="$dest.tmp"
    rm -rf "$tmp" && mkdir -p "$tmp"
    for path in $paths; do
      cp -R "$dir/$path" "$tmp/"
    done
    chmod -R u+w "$tmp" # the module cache is read-only
    echo "$module $paths" >"$tmp/.stamp"
    rm -rf "$dest" && mv "$tmp" "$dest"
    fetched=$((fetched + 1))
  done <"$list"
  ((fetched > 0)) || return $UP_TO_DATE
}

# Argo CD's health-check Lua runtime (gopher-lua at Argo CD's pin), to run the checks cto writes into argocd-cm.
build_argocd-health-lua() {
  up_to_date argocd-health-lua argocd-health-lua && return $UP_TO_DATE
  go_build argocd-health-lua .
  mark_built argocd-health-lua
}

# Checks the GitHub Actions example (examples/ci/cto-plan.yml) in test/ci/workflow.test.ts.
build_actionlint() {
  up_to_date actionlint actionlint && return $UP_TO_DATE
  go_build actionlint github.com/rhysd/actionlint/cmd/actionlint
  mark_built actionlint
}

# Argo CD's cmd is one multi-call binary (cmd/main.go dispatches on argv[0] or
# ARGOCD_BINARY_NAME); like upstream's image (Dockerfile), the component names
# are symlinks to it. Argo CD 3.6 needs Go >= 1.27: GOTOOLCHAIN=auto lets go
# fetch the release named by go.mod's toolchain line from the module proxy
# (golang.org/toolchain) when the machine's Go is older. The version link flag
# is upstream's (Makefile LDFLAGS), else it calls itself 99.99.99. Beside it:
# the install manifest of the same module (the CRDs the controller is built
# against) and the repo server's git wrapper scripts. Its cache is Debian's redis-server, installed here when missing.
build_argocd() {
  command -v redis-server >/dev/null || apt_install redis-server
  up_to_date argocd argocd argocd-application-controller argocd-repo-server argocd-install.yaml git-verify-wrapper.sh && return $UP_TO_DATE
  local version
  version=$(GOTOOLCHAIN=auto module_version argocd github.com/argoproj/argo-cd/v3)
  local src
  src=$(GOTOOLCHAIN=auto module_dir argocd github.com/argoproj/argo-cd/v3)
  install -m 644 "$src/manifests/install.yaml" "$bin_dir/argocd-install.yaml"
  # The repo server runs these from PATH (the image copies them to /usr/local/bin).
  install -m 755 "$src/hack/git-verify-wrapper.sh" "$src/hack/gpg-wrapper.sh" "$bin_dir/"
  (cd "$here/argocd" && GOTOOLCHAIN=auto CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X github.com/argoproj/argo-cd/v3/common.version=${version#v}" \
    -o "$bin_dir/argocd" github.com/argoproj/argo-cd/v3/cmd)
  local name
  for name in argocd-application-controller argocd-repo-server; do
    ln -sfn argocd "$bin_dir/$name"
  done
  mark_built argocd
}

apt_install() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "$1 is missing: install the Debian package ($*) with apt-get" >&2
    return 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" ||
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"; }
}

COMPONENTS=(etcd kube kwok helm talosctl talos-node-sim upstream argocd-health-lua actionlint argocd)

exec 3>&1 # the status line, past a build function's captured output
build_log=$(mktemp)
trap 'rm -f "$build_log"' EXIT
total_start=$SECONDS
for component in "${COMPONENTS[@]}"; do
  start=$SECONDS
  bin_dir=$(component_dir "$component")
  mkdir -p "$bin_dir"
  printf '[testenv] %s: ' "$component"
  # In a subshell outside any || list, with errexit on inside it, so that a build function stops
  # at its first failing command instead of carrying on to mark_built (the parent's set +e alone
  # would be inherited: a cold machine's Argo CD build once marked itself built without its manifest).
  set +e
  (set -e; "build_$component") >"$build_log" 2>&1
  status=$?
  set -e
  case $status in
    0) echo "built in $((SECONDS - start)) s" ;;
    "$UP_TO_DATE") echo "up to date" ;;
    *)
      echo "FAILED (exit $status)"
      cat "$build_log" >&2
      exit "$status"
      ;;
  esac
done
echo "[testenv] done in $((SECONDS - total_start)) s"
echo "[testenv] cache: $cache_root/<component>/<key>"
