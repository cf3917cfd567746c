"""The key-request wizards display what the workflow decides: every step the state machine
can name has its page; and 忘记密码's first page checks the handler by the protocol's own
rules, before anything is sent, and offers the two paths explicitly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from keyring.backends import fail
from PySide6.QtCore import QCoreApplication, QEvent

from netca_client.core.secrets import SecretStore
from netca_client.core.workflows.journal import JournalEntry
from netca_client.core.workflows.key_request_job import KeyRequestJob, PinResetResult
from netca_client.core.workflows.key_request_record import KeyRequestRecord, Progress
from netca_client.core.workflows.steps import StepKind
from netca_client.gui.key_service import KeyService
from netca_client.gui.wizards.unlock import UnlockWizard
from netca_client.gui.wizards.workflows import KeyWorkflows
from netca_protocol import UnlockPath
from netca_protocol.limits import MOBILE_PATTERN, matches
from netca_protocol.models import KeyRequestOut, KeyRequestPurpose, KeyRequestState
from tests.support.vkey import VkeyWorld

NAME, ID_NUMBER = "张三", "44010119900101123X"


@pytest.fixture
def wizard(qtbot, zh_cn, vkeys: VkeyWorld) -> Iterator[UnlockWizard]:  # type: ignore[no-untyped-def]
    """The unlock wizard on its first page, its key not plugged in, and an RA address where
    nothing answers (nothing on these pages needs an answer)."""
    service = KeyService(vkeys.module, poll_interval=0.3)
    with qtbot.waitSignal(service.library_loaded, timeout=10000):
        service.start()
    pool = ThreadPoolExecutor(max_workers=1)
    workflows = KeyWorkflows(
        service, pool, ra_url="http://127.0.0.1:9", secrets=SecretStore(backend=fail.Keyring())
    )
    wizard = UnlockWizard(workflows, "TK-UNLOCK")
    wizard.begin()
    wizard.show()
    yield wizard
    pool.shutdown()
    service.stop()
    # These have no parent: delete them here, on the GUI thread. Left to the garbage
    # collector, they could be destroyed on whichever thread happens to collect them.
    for obj in (wizard, workflows, service):
        obj.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _type(wizard: UnlockWizard, *, name: str = NAME, id_number: str = ID_NUMBER, mobile: str):
    form = wizard.handler_form
    form.name_edit.setText(name)
    form.id_edit.setText(id_number)
    form.mobile_edit.setText(mobile)


def test_a_mobile_the_protocol_refuses_shows_its_rule_and_no_exception(
    wizard: UnlockWizard,
) -> None:
    assert not matches(MOBILE_PATTERN, "12012345678")  # 11 digits, but no 12x numbers
    _type(wizard, mobile="12012345678")  # each keystroke runs the page's ready check
    form = wizard.handler_form
    assert form.handler() is None
    assert not wizard.next_button.isEnabled()
    assert form.problems_label.isVisible()
    assert form.problems_label.text() == "手机号应为 11 位数字，以 13 至 19 开头。"

    form.mobile_edit.setText("1201234567")  # still typing: not judged yet
    assert not form.problems_label.isVisible()
    form.mobile_edit.setText("13912345678")
    assert not form.problems_label.isVisible()
    assert wizard.next_button.isEnabled()
    handler = form.handler()
    assert handler is not None
    assert (handler.name, handler.id_number, handler.mobile) == (NAME, ID_NUMBER, "13912345678")


def test_a_name_with_invisible_characters_is_named_not_sent(wizard: UnlockWizard) -> None:
    _type(wizard, name="张\u200b三", mobile="13912345678")
    assert wizard.handler_form.handler() is None
    assert not wizard.next_button.isEnabled()
    assert wizard.handler_form.problems_label.text() == "姓名中含有不可见字符或控制字符。"


def test_the_two_paths_are_offered_and_the_handler_on_record_is_the_default(
    wizard: UnlockWizard,
) -> None:
    form = wizard.handler_form
    assert wizard.heading.text() == "忘记密码：填写经办人信息"
    assert form.on_record.text() == "经办人未更换：向登记的经办人手机发送验证码"
    assert form.changed_handler.text() == "经办人已更换：上传申请材料，由受理点审核"
    assert form.on_record.isChecked()
    assert form.path() is UnlockPath.HANDLER_ON_RECORD
    form.changed_handler.click()
    assert form.path() is UnlockPath.HANDLER_CHANGED
    assert not form.on_record.isChecked()


# --- every step has its page -----------------------------------------------------------------

S = KeyRequestState
UNLOCK = KeyRequestPurpose.UNLOCK


def _job(state: KeyRequestState | None, *, progress: Progress = Progress.REQUESTED, **flags):  # type: ignore[no-untyped-def]
    entry = JournalEntry("e", "unlock", "TK-UNLOCK", "http://127.0.0.1:9", progress.value, "t", "t")
    record = KeyRequestRecord(
        UNLOCK, progress, idempotency="k", request_id="0" * 32, request_secret="s" * 43
    )
    out = None
    if state is not None:
        out = KeyRequestOut(
            request_id="0" * 32, key_serial="TK-UNLOCK", purpose=UNLOCK, state=state,
            sent_to="139****5678", attempts_left=4, review_reason="申请表未盖公章",
            expires_at=dt.datetime.now(dt.UTC),
        )  # fmt: skip
    return KeyRequestJob(entry, record, request=out, **flags)


DONE = PinResetResult("TK-UNLOCK", UNLOCK, so_pin_version=3, tries_left=10, max_tries=10)

#: (the job, its step, the page the wizard shows, the text it shows there)
SHOWN = [
    (_job(S.OTP_SENT), StepKind.ENTER_CODE, "code", "验证码已通过短信发送至 139****5678"),
    (
        _job(S.OTP_SENT, code_refused=True, code_requested=True),
        StepKind.ENTER_CODE,
        "handler",  # the code page stays as it was; the refusal is the error line
        "验证码错误，还可尝试 4 次。",
    ),
    (_job(S.SO_PIN_RELEASED), StepKind.NEW_CODE, "code", "无法连接 RA 服务"),  # resend first
    (_job(S.AUTHORISED), StepKind.SET_PIN, "pin", ""),
    (_job(S.MATERIALS_REQUIRED), StepKind.UPLOAD_MATERIALS, "materials", ""),
    (_job(S.UNDER_REVIEW), StepKind.WAIT_FOR_REVIEW, "waiting", "已提交审核"),
    # Confirming needs the key: without it plugged in, the wizard says so.
    (_job(None, progress=Progress.ROTATED), StepKind.CONFIRM_ONLY, "handler", "TK-UNLOCK"),
    (_job(None, progress=Progress.ROTATED, result=DONE), StepKind.DONE, "done", "解锁成功"),
    (_job(S.REJECTED), StepKind.FAILED, "stop", "原因：申请表未盖公章"),
    (_job(S.FAILED), StepKind.FAILED, "stop", "验证码错误次数过多"),
    (_job(S.EXPIRED), StepKind.FAILED, "stop", "请关闭本窗口后重新开始。"),
    (_job(S.COMPLETED), StepKind.FAILED, "stop", "这项申请已经完成。"),
]


#: 证书续期's own steps: a key request never reaches them (the renewal wizard shows them,
#: tests/gui/test_renewal_wizard.py)
RENEWAL_ONLY = {StepKind.ENTER_PIN, StepKind.PAY, StepKind.WAIT_FOR_PAYMENT, StepKind.INSTALL}


def test_the_table_covers_every_step() -> None:
    assert {kind for _, kind, _, _ in SHOWN} == set(StepKind) - RENEWAL_ONLY


@pytest.mark.parametrize(("job", "kind", "page", "text"), SHOWN, ids=lambda v: str(v)[:40])
def test_the_wizard_shows_the_page_of_each_step(  # type: ignore[no-untyped-def]
    qtbot, wizard: UnlockWizard, job: KeyRequestJob, kind: StepKind, page: str, text: str
) -> None:
    assert job.next_step().kind is kind
    finished: list[bool] = []
    wizard.finished_job.connect(lambda: finished.append(True))
    wizard.show_job(job)
    qtbot.waitUntil(lambda: not wizard.busy, timeout=10000)
    assert wizard.current == page
    shown = " ".join(
        label.text()
        for label in (
            wizard.error_label,
            wizard.code_page.sent_to,
            wizard.waiting_page.text,
            wizard.stop_page.text,
            wizard.stop_page.detail,
            wizard.done_page.text,
        )
        if label.isVisibleTo(wizard)
    )
    assert text in shown
    assert finished == ([True] if job.next_step().over else [])
