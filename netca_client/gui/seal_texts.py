"""Seal application texts that 主页, 我的印章 and the launcher share."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from netca_client.core.workflows.seal_record import SealAction, SealJob
from netca_client.core.workflows.steps import StepKind

translate = QCoreApplication.translate


def seal_state_text(job: SealJob) -> str:
    """Where a seal application stands, in a few words, for 主页 and 我的印章."""
    if not job.answered:
        return translate("SealState", "Seal application unfinished")
    step = job.next_step()
    match step.kind:
        case StepKind.UPLOAD_MATERIALS:
            return translate("SealState", "Seal application: upload the stamped form")
        case StepKind.WAIT_FOR_REVIEW:
            return translate("SealState", "Seal application under review")
        case StepKind.INSTALL:
            return translate("SealState", "Seal waiting to be installed")
        case StepKind.FAILED if step.detail:
            return translate("SealState", "Seal application rejected: {reason}").format(
                reason=step.detail
            )
        case StepKind.FAILED:
            return translate("SealState", "Seal application ended")
    return translate("SealState", "Seal installed")


def seal_action_text(action: SealAction) -> str:
    texts = {
        SealAction.APPLY: translate("SealAction", "Apply for a seal"),
        SealAction.CHANGE: translate("SealAction", "Change seal"),
        SealAction.CONTINUE: translate("SealAction", "Continue seal application"),
        SealAction.EDIT: translate("SealAction", "Edit details"),
        SealAction.INSTALL: translate("SealAction", "Install seal"),
    }
    return texts[action]
