"""The diagnostics report (core.diagnostics.collect) in words, for the 工具 page and the bundle."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def report_text(report: dict[str, Any]) -> str:
    """Sections a help desk reads: system, drivers loaded and not, keys, the RA."""
    lines = [
        translate(
            "DiagnosticsReport", "netca-client {version} on {platform} (Python {python})"
        ).format(
            version=report["netca_client"], platform=report["platform"], python=report["python"]
        ),
        translate("DiagnosticsReport", "Settings file: {path}").format(
            path=report.get("config") or "-"
        ),
        translate("DiagnosticsReport", "Driver registry: {path}").format(path=report["registry"]),
        "",
        translate("DiagnosticsReport", "PKCS#11 drivers in use ({n})").format(
            n=len(report["modules"])
        ),
    ]
    for module in report["modules"]:
        keys = translate("DiagnosticsReport", "{n} key(s)").format(n=module.get("keys", 0))
        lines.append(f"  • {module['path']} ({keys})")
        lines.append(
            "    "
            + translate(
                "DiagnosticsReport",
                "model {model}; {manufacturer} {description}, version {version}",
            ).format(
                model=module["model"] or translate("DiagnosticsReport", "unknown"),
                manufacturer=module["manufacturer"] or "",
                description=module["description"] or "",
                version=module["library_version"] or "-",
            )
        )
        lines.append("    SHA-256 " + (module["sha256"] or "-"))
    failures = report["module_failures"]
    lines += [
        "",
        translate("DiagnosticsReport", "PKCS#11 drivers not usable ({n})").format(n=len(failures)),
    ]
    for failure in failures:
        lines.append(f"  • {failure['path']}")
        lines.append(
            "    "
            + translate("DiagnosticsReport", "reason: {reason}").format(reason=failure["reason"])
        )
    if report.get("module_error"):
        lines.append("  " + report["module_error"])
    keys = report["keys"]
    lines += [
        "",
        translate("DiagnosticsReport", "USB keys ({n}; serial numbers partly hidden)").format(
            n=len(keys)
        ),
    ]
    for key in keys:
        if "error" in key:
            lines.append("  " + key["error"])
            continue
        lines.append(
            "  • "
            + translate(
                "DiagnosticsReport", "{label}, serial {serial}, through {module} (slot {slot})"
            ).format(
                label=key["label"] or "-",
                serial=key["serial"] or "-",
                module=key["module"],
                slot=key["slot"],
            )
        )
        lines.append(
            "    "
            + translate("DiagnosticsReport", "model {model}; capabilities: {capabilities}").format(
                model=key["registry_model"] or key["model"],
                capabilities=", ".join(key["capabilities"]) or "-",
            )
        )
        pin = key.get("pin") or {}
        if "state" in pin:
            tries = "-" if pin["tries_left"] is None else pin["tries_left"]
            state = _pin_states().get(pin["state"], pin["state"])
            lines.append(
                "    "
                + translate("DiagnosticsReport", "PIN: {state}, tries left {tries}").format(
                    state=state, tries=tries
                )
            )
    ra = report.get("ra")
    if ra:
        lines.append("")
        text = (
            translate("DiagnosticsReport", "RA {url}: answers ({detail})")
            if ra["reachable"]
            else translate("DiagnosticsReport", "RA {url}: does not answer ({detail})")
        )
        lines.append(text.format(url=ra["url"], detail=ra["detail"]))
    return "\n".join(lines)


def _pin_states() -> dict[str, str]:
    return {
        "ok": translate("DiagnosticsReport", "normal"),
        "locked": translate("DiagnosticsReport", "locked"),
        "final-try": translate("DiagnosticsReport", "final try"),
        "count-low": translate("DiagnosticsReport", "wrong PIN entered before"),
        "to-be-changed": translate("DiagnosticsReport", "must be changed"),
    }
