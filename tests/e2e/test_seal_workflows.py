"""Issue 18 end to end: a seal applied for, edited under review, approved in headless Chromium,
installed, stamped; a change killed between write and verify; a rejection — through vkey keys,
the live RA over HTTP and the `netca` CLI in its own processes."""

# ruff: noqa: F811 - pytest fixtures imported from other test modules are parameters here

from __future__ import annotations

import hashlib
import io
import subprocess
from pathlib import Path

import pytest
import requests
from cryptography import x509
from PIL import Image, ImageChops, ImageFilter
from selenium import webdriver
from selenium.webdriver.common.by import By

from netca_client.core.seals import key_seals, load_seal_trust
from netca_client.core.seals.objects import SealVerdict
from netca_demo.seal_scan import Scan, stamp_scan
from netca_ra.services.seal_form import SAMPLE_BOXES_MM
from tests.e2e.test_key_workflows import (  # noqa: F401 - the module's fixtures
    FACTORY_SO_PIN,
    World,
    monkeypatch_module,
    paid_order,
    provisioned,
    world,
)
from tests.ra import helpers
from tests.ra.servers import STAFF_PASSWORD
from tests.ra.test_console_browser import (  # noqa: F401 - the Chromium fixtures
    Shot,
    _login,
    _wait_for_state,
    browser,
    shot,
)

pytestmark = pytest.mark.slow
PIN = "Zhang-San-2026!"
ORG = "广州示例科技有限公司"
HANDLER_ARGS = ["--handler-name", "张三", "--id-number", "44010119900101123X",
                "--mobile", "13800138000"]  # fmt: skip


@pytest.fixture(scope="module")
def active(world: World, provisioned) -> str:
    """Key A, re-checked and activated with PIN (its certificate issued by the RA)."""
    order_no = provisioned.order["order"]["order_no"]
    requests.post(f"{world.ra.api}/staff/orders/{order_no}/recheck",
                  headers=world.bearer("reviewer1"), timeout=10)  # fmt: skip
    status = requests.get(f"{world.ra.api}/keys/{provisioned.serial}", timeout=10).json()
    if status["state"] != "active":
        done = world.netca("activate", "--key", provisioned.serial, "--stdin",
                           answers=[world.code_for(provisioned.phone), PIN])  # fmt: skip
        assert done.returncode == 0, done.stdout
    return str(provisioned.serial)


def _seals(world: World, serial: str) -> list:  # type: ignore[type-arg]
    trust = load_seal_trust(extra_files=[world.ra.data_dir / "ca" / "root.crt.pem",
                                         world.ra.data_dir / "ca" / "issuing.crt.pem"])  # fmt: skip
    with world.library.open(world.key(serial)) as session:
        return key_seals(session, trust=trust)


def _scan(world: World, form: Path, *, seed: int = 18) -> Scan:
    return stamp_scan(form.read_bytes(), organisation=ORG, boxes_mm=SAMPLE_BOXES_MM, seed=seed)


def _order_no(out: str) -> str:
    import re

    found = re.search(r"\b(\d{17})\b", out)
    assert found, out
    return found.group(1)


def _approve_in_chromium(
    driver: webdriver.Chrome,
    world: World,
    order_no: str,
    shot: Shot,
) -> None:
    _login(driver, world.ra, "reviewer1", STAFF_PASSWORD)
    driver.get(f"{world.ra.base_url}/console/seal-orders/{order_no}")
    assert 'id="proposal"' in driver.page_source, driver.page_source[-3000:]
    image = driver.find_element(By.ID, "proposal")
    assert driver.execute_script("return arguments[0].naturalWidth", image) > 100
    shot(driver, "seal-review")  # NETCA_RA_SCREENSHOTS=docs/screenshots keeps it
    driver.find_element(By.ID, "approve").click()
    driver.switch_to.alert.accept()
    _wait_for_state(driver, "印章待安装")


def _red_kept(picture: bytes, scan: Scan) -> tuple[float, float]:
    """(share of the stamp's full-ink pixels the picture keeps, share of the picture's
    non-ink area that is not transparent), against the best-matching sample of the scan."""
    alpha = Image.open(io.BytesIO(picture)).getchannel("A")
    best = (0.0, 1.0)
    for sample in scan.samples:
        truth = sample.mask.crop(sample.mask.getbbox())
        seen = alpha.crop(alpha.point(lambda v: 255 if v > 64 else 0).getbbox())
        seen = seen.resize(truth.size, Image.Resampling.LANCZOS)
        opaque = seen.point(lambda v: 255 if v > 64 else 0).filter(ImageFilter.MaxFilter(5))
        ink = truth.histogram()[255]
        kept = ImageChops.darker(truth, opaque).histogram()[255] / ink
        outside = truth.filter(ImageFilter.MaxFilter(7)).point(lambda v: 0 if v else 255)
        stray = ImageChops.darker(outside, seen.point(lambda v: 255 if v > 32 else 0))
        stray_share = stray.histogram()[255] / max(1, outside.histogram()[255])
        best = max(best, (kept, stray_share))
    return best


def test_apply_edit_approve_install_and_stamp(
    world: World,
    active: str,
    browser: webdriver.Chrome,
    shot: Shot,
    tmp_path: Path,
) -> None:
    form = tmp_path / "form.pdf"
    opened = world.netca("seal", "apply", "--key", active, "--pin-stdin", "--name", ORG,
                         "--kind", "official", *HANDLER_ARGS, "--form", str(form),
                         answers=[PIN])  # fmt: skip
    assert opened.returncode == 0, opened.stdout
    order_no = _order_no(opened.stdout)
    text = subprocess.run(["pdftotext", str(form), "-"], capture_output=True, text=True).stdout
    assert order_no in text
    assert "电子印章申请表" in text
    assert ORG in text
    first = tmp_path / "scan1.jpg"
    first.write_bytes(_scan(world, form).jpeg)
    submitted = world.netca("seal", "submit", "--key", active, "--scan", str(first))
    assert "审核中" in submitted.stdout, submitted.stdout
    # 修改资料 while under review: a contract seal now, a new form and scan
    form2 = tmp_path / "form2.pdf"
    edited = world.netca("seal", "edit", "--key", active, "--name", f"{ORG}合同专用章",
                         "--kind", "contract", *HANDLER_ARGS, "--form", str(form2))  # fmt: skip
    assert edited.returncode == 0, edited.stdout
    scan = _scan(world, form2, seed=7)
    second = tmp_path / "scan2.jpg"
    second.write_bytes(scan.jpeg)
    assert "审核中" in world.netca("seal", "submit", "--key", active, "--scan", str(second)).stdout
    _approve_in_chromium(browser, world, order_no, shot)
    status = world.netca("seal", "status", "--key", active)
    assert "印章待安装" in status.stdout
    installed = world.netca("seal", "install", "--key", active, "--pin-stdin", answers=[PIN])
    assert "印章安装成功" in installed.stdout, installed.stdout
    seals = _seals(world, active)
    assert len(seals) == 1
    seal = seals[0]
    assert seal.verdict == SealVerdict.VALID.value
    assert seal.name == f"{ORG}合同专用章"
    maker = requests.get(f"{world.ra.api}/ca/certificates", timeout=10).json()["seal_maker_pem"]
    assert seal.seal.maker_certificate == x509.load_pem_x509_certificate(maker.encode())
    assert any(a.on_key for a in seal.allowed)
    kept, stray = _red_kept(seal.picture_png(), scan)
    print(f"seal picture: {kept:.1%} of the stamp's ink kept, {stray:.2%} stray")
    assert kept >= 0.95, kept
    assert stray < 0.01, stray
    # a PDF stamped with it verifies in netca and in poppler
    source = Path(__file__).resolve().parents[2] / "netca_demo" / "samples" / "投标函.pdf"
    stamped = tmp_path / "stamped.pdf"
    signed = world.netca("sign", str(source), "-o", str(stamped), "--seal", seal.label,
                         "--key", active, "--page", "1", "--at", "300,300", "--pin-stdin",
                         "--trust", str(world.ra.data_dir / "ca" / "root.crt.pem"),
                         "--trust", str(world.ra.data_dir / "ca" / "issuing.crt.pem"),
                         answers=[PIN])  # fmt: skip
    assert signed.returncode == 0, signed.stdout
    verified = world.netca("verify", str(stamped), "--trust",
                           str(world.ra.data_dir / "ca" / "root.crt.pem"))  # fmt: skip
    assert verified.returncode == 0, verified.stdout
    pdfsig = subprocess.run(["pdfsig", str(stamped)], capture_output=True, text=True)
    assert "Signature is Valid" in pdfsig.stdout, pdfsig.stdout


def _change(world: World, serial: str, tmp_path: Path, name: str) -> str:
    form = tmp_path / f"{name}.pdf"
    opened = world.netca("seal", "change", "--key", serial, "--pin-stdin", "--name", name,
                         *HANDLER_ARGS, "--form", str(form), answers=[PIN])  # fmt: skip
    assert opened.returncode == 0, opened.stdout
    scan = tmp_path / f"{name}.jpg"
    scan.write_bytes(_scan(world, form).jpeg)
    assert "审核中" in world.netca("seal", "submit", "--key", serial, "--scan", str(scan)).stdout
    return _order_no(opened.stdout)


def test_a_change_killed_between_write_and_verify_leaves_one_valid_seal(
    world: World, active: str, tmp_path: Path
) -> None:
    before = _seals(world, active)
    assert len(before) == 1
    order_no = _change(world, active, tmp_path, "广州示例科技有限公司")
    reviewer = helpers.StaffBrowser(world.ra, "reviewer1")
    assert reviewer.post(f"/console/seal-orders/{order_no}/approve").status_code == 200
    killed = world.netca("seal", "install", "--key", active, "--pin-stdin", answers=[PIN],
                         env={"NETCA_FAULT_INJECT": "seal-after-write"})  # fmt: skip
    assert killed.returncode == -9
    between = _seals(world, active)
    assert len(between) == 2  # written, not yet verified: the old one is still there, usable
    old = next(s for s in between if s.seal.seal_id == before[0].seal.seal_id)
    assert old.verdict == SealVerdict.VALID.value
    resumed = world.netca("seal", "install", "--key", active, "--pin-stdin", answers=[PIN])
    assert "印章安装成功" in resumed.stdout, resumed.stdout
    after = _seals(world, active)
    assert len(after) == 1
    assert after[0].verdict == SealVerdict.VALID.value
    assert after[0].seal.seal_id != before[0].seal.seal_id
    assert hashlib.sha256(after[0].der).hexdigest() != hashlib.sha256(before[0].der).hexdigest()


def test_a_rejected_application_shows_the_reason(world: World, active: str, tmp_path: Path) -> None:
    order_no = _change(world, active, tmp_path, "广州示例科技有限公司财务")
    reviewer = helpers.StaffBrowser(world.ra, "reviewer1")
    reviewer.post(
        f"/console/seal-orders/{order_no}/reject", {"reason": "印章采集不清晰，请重新盖章"}
    )
    status = world.netca("seal", "status", "--key", active)
    assert "印章采集不清晰，请重新盖章" in status.stdout, status.stdout


@pytest.fixture(autouse=True)
def _chdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
