"""`netca sign` and `netca verify` as a user runs them: a separate process, the vkey module,
the PIN on standard input, Chinese messages by default and JSON for scripts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.pdf.conftest import LABEL, ORG, PIN, PdfWorld
from tests.pdf.documents import snapshot, tender
from tests.pdf.validators import pdfsig_valid


def _netca(world: PdfWorld, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NETCA_VKEY_DIR": str(world.vkeys.state_dir), "NETCA_LANG": "zh_CN"}
    return subprocess.run(
        [sys.executable, "-m", "netca_client.cli", "--module", world.vkeys.module, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )


def test_sign_by_keyword_then_verify_as_json(pdf_world: PdfWorld, tmp_path: Path) -> None:
    source = tender(tmp_path / "投标函.pdf", pages=2, keyword_lines=[2])
    before = snapshot([source])
    target = tmp_path / "已盖章.pdf"
    trust = pdf_world.root_pem(tmp_path)

    done = _netca(
        pdf_world,
        "sign",
        "--key",
        LABEL,
        str(source),
        "-o",
        str(target),
        "--seal",
        ORG,
        "--keyword",
        "盖章",
        "--trust",
        str(trust),
        "--pin-stdin",
        stdin=PIN + "\n",
    )
    assert done.returncode == 0, done.stderr
    assert "已签章" in done.stdout
    assert "注意" not in done.stderr  # the seal checks as valid with the RA root trusted
    assert pdfsig_valid(target)
    assert snapshot([source]) == before

    checked = _netca(pdf_world, "verify", str(target), "--json", "--trust", str(trust))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    report = json.loads(checked.stdout)
    [signature] = report["signatures"]
    assert report["verdict"] == "valid"
    assert signature["signer_cn"] == "张三"
    assert signature["page"] == 2
    assert signature["seal_png_base64"]

    human = _netca(pdf_world, "verify", str(target), "--trust", str(trust))
    assert "结论：有效" in human.stdout
    assert "签署人：张三（广州测试科技有限公司）" in human.stdout


def test_cross_page_batch_into_a_directory_and_an_untrusted_verify(
    pdf_world: PdfWorld, tmp_path: Path
) -> None:
    sources = [tender(tmp_path / f"{i}.pdf", pages=5) for i in range(3)]
    out = tmp_path / "out"
    done = _netca(
        pdf_world,
        "sign",
        "--key",
        LABEL,
        *map(str, sources),
        "-o",
        str(out),
        "--seal",
        ORG,
        "--cross-page",
        "--pages",
        "1-5",
        "--pin-stdin",
        stdin=PIN + "\n",
    )
    assert done.returncode == 0, done.stderr
    assert "共 3 个文件，成功 3 个，失败 0 个。" in done.stdout
    # No --trust: the RA's seal maker is not trusted here, and the user is told so.
    warning = "注意：印章“广州测试科技有限公司”的校验结果为无法确认可信（制章者不受信任）"
    assert warning in done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["0.pdf", "1.pdf", "2.pdf"]
    # Without the RA root the signature is intact but not trusted: exit status 1.
    checked = _netca(pdf_world, "verify", str(out / "0.pdf"))
    assert checked.returncode == 1
    assert "证书：不受信任" in checked.stdout


def test_a_wrong_pin_and_a_non_pdf_give_clear_messages_and_no_output(
    pdf_world: PdfWorld, tmp_path: Path
) -> None:
    source = tender(tmp_path / "in.pdf")
    target = tmp_path / "out.pdf"
    done = _netca(
        pdf_world,
        "sign",
        "--key",
        LABEL,
        str(source),
        "-o",
        str(target),
        "--seal",
        ORG,
        "--page",
        "1",
        "--at",
        "300,300",
        "--pin-stdin",
        stdin="Wrong-Pin-0\n",
    )
    assert done.returncode == 4, done.stderr
    assert "密码错误" in done.stderr
    assert not target.exists()

    text = tmp_path / "notes.pdf"
    text.write_text("hello", encoding="utf-8")
    done = _netca(
        pdf_world,
        "sign",
        "--key",
        LABEL,
        str(text),
        "-o",
        str(target),
        "--seal",
        ORG,
        "--page",
        "1",
        "--at",
        "300,300",
        "--pin-stdin",
        stdin=PIN + "\n",
    )
    assert done.returncode == 8
    assert "不是可读取的 PDF 文件" in done.stderr
    assert not target.exists()


def test_sign_needs_a_placement(pdf_world: PdfWorld, tmp_path: Path) -> None:
    source = tender(tmp_path / "in.pdf")
    done = _netca(
        pdf_world, "sign", "--key", LABEL, str(source), "-o", str(tmp_path / "o.pdf"), "--seal", ORG
    )
    assert done.returncode == 2
    assert "请指定盖章位置" in done.stderr
