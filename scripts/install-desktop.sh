#!/usr/bin/env bash
# Installs Parallax's desktop entry and icons for the current user, so it shows up in the
# application menu with its icon. Safe to run again: it overwrites its own files only.
#
# Usage: scripts/install-desktop.sh [--binary PATH | --build] [--uninstall]
#   --binary PATH  also install this parallax binary into ~/.local/bin
#   --build        build the release binary first (cargo build --release) and install it
#   --uninstall    remove everything this script installs
set -euo pipefail

repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
bin_dir="$HOME/.local/bin"
applications_dir="$data_home/applications"
icons_dir="$data_home/icons/hicolor"
icon_sizes=(32 64 128 256 512)

binary=""
build=false
uninstall=false

usage() {
    sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --binary)
            [[ $# -ge 2 ]] || { echo "error: --binary needs a path" >&2; exit 2; }
            binary="$2"
            shift 2
            ;;
        --build)
            build=true
            shift
            ;;
        --uninstall)
            uninstall=true
            shift
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            echo "error: unknown argument: $1" >&2
            usage >&2
            exit 2
            ;;
    esac
done

refresh_caches() {
    # Both tools are optional: menus pick up changes on their own, just later.
    if command -v update-desktop-database > /dev/null 2>&1; then
        update-desktop-database --quiet "$applications_dir" || true
    fi
    if command -v gtk-update-icon-cache > /dev/null 2>&1; then
        gtk-update-icon-cache --quiet --ignore-theme-index "$icons_dir" || true
    fi
}

if [[ "$uninstall" == true ]]; then
    rm -f "$applications_dir/parallax.desktop"
    for size in "${icon_sizes[@]}"; do
        rm -f "$icons_dir/${size}x${size}/apps/parallax.png"
    done
    rm -f "$icons_dir/scalable/apps/parallax.svg"
    rm -f "$bin_dir/parallax"
    refresh_caches
    echo "Removed Parallax's desktop entry, icons and ~/.local/bin/parallax."
    exit 0
fi

if [[ "$build" == true ]]; then
    (cd "$repo_dir" && cargo build --release)
    binary="${CARGO_TARGET_DIR:-$repo_dir/target}/release/parallax"
fi

if [[ -n "$binary" ]]; then
    [[ -x "$binary" ]] || { echo "error: $binary is not an executable file" >&2; exit 1; }
    install -D -m 0755 "$binary" "$bin_dir/parallax"
    echo "Installed $bin_dir/parallax"
    case ":$PATH:" in
        *":$bin_dir:"*) ;;
        *) echo "note: $bin_dir is not on your PATH; add it so the menu entry can start parallax" ;;
    esac
fi

install -D -m 0644 "$repo_dir/assets/parallax.desktop" "$applications_dir/parallax.desktop"
for size in "${icon_sizes[@]}"; do
    install -D -m 0644 "$repo_dir/assets/icons/$size.png" "$icons_dir/${size}x${size}/apps/parallax.png"
done
install -D -m 0644 "$repo_dir/assets/icon.svg" "$icons_dir/scalable/apps/parallax.svg"
refresh_caches
echo "Installed $applications_dir/parallax.desktop and icons under $icons_dir"
