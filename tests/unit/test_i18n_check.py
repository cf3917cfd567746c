"""The translation check fails the build on stale files and dropped placeholders."""

from __future__ import annotations

import shutil
from pathlib import Path

from tools.i18n_check import check

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "translations"
GUI = ROOT / "netca_client" / "gui"


def test_committed_translations_are_current_and_complete() -> None:
    assert check(TS_DIR, GUI) == []


def test_a_dropped_placeholder_is_reported(tmp_path: Path) -> None:
    shutil.copy(TS_DIR / "netca_zh_CN.ts", tmp_path / "netca_zh_CN.ts")
    ts = tmp_path / "netca_zh_CN.ts"
    ts.write_text(
        ts.read_text(encoding="utf-8").replace("还剩 {n} 次", "还剩几次"), encoding="utf-8"
    )
    problems = check(tmp_path, GUI)
    assert any("placeholders differ" in p and "{n} tries left" in p for p in problems)


def test_a_new_source_text_makes_the_file_stale(tmp_path: Path) -> None:
    gui = tmp_path / "gui"
    shutil.copytree(GUI, gui, ignore=shutil.ignore_patterns("__pycache__"))
    page = gui / "pages" / "tools.py"
    page.write_text(page.read_text().replace('self.tr("Tools")', 'self.tr("Tools and more")'))
    problems = check(TS_DIR, gui)
    assert any("new text not in the file" in p and "Tools and more" in p for p in problems)
    assert any("no longer in the sources" in p for p in problems)


def test_english_left_in_the_chinese_file_is_reported(tmp_path: Path) -> None:
    shutil.copy(TS_DIR / "netca_zh_CN.ts", tmp_path / "netca_zh_CN.ts")
    ts = tmp_path / "netca_zh_CN.ts"
    ts.write_text(
        ts.read_text(encoding="utf-8").replace(">修改密码<", ">Change PIN<"), encoding="utf-8"
    )
    problems = check(tmp_path, GUI)
    assert any("untranslated (English kept)" in p and "Change PIN" in p for p in problems)
