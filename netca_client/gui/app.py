"""`netca-client`: the desktop client's entry point."""

from __future__ import annotations

import sys


def main() -> int:
    # The main window is built in issue 6. Until then say so instead of pretending.
    print(
        "netca-client：桌面客户端尚在开发中，请先使用命令行 `netca --help`。\n"
        "netca-client: the desktop window is not built yet; use `netca --help` meanwhile.",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    sys.exit(main())
