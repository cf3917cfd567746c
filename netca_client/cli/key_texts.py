"""CLI texts about several keys and modules, seal trust, diagnostics and the demo profile.

Kept beside cli/i18n.py's table (which merges them) so that each area's words stay together.
"""

from __future__ import annotations

ZH = "zh_CN"
EN = "en"

KEY_TEXTS: dict[str, dict[str, str]] = {
    # several keys, several modules
    "key-heading": {
        ZH: "{label}（序列号 {serial}，{module}）",
        EN: "{label} (serial {serial}, {module})",
    },
    "pin-state-tries": {ZH: "{state}，{tries}", EN: "{state}, {tries}"},
    "key-pin-state": {ZH: "{heading}：{state}", EN: "{heading}: {state}"},
    "awaiting-activation": {ZH: "等待激活（激活证书）", EN: "awaiting activation (netca activate)"},
    "keys-module-failures": {
        ZH: "另有 {n} 个 PKCS#11 驱动无法使用，运行 netca diagnostics 查看原因。",
        EN: "{n} more PKCS#11 driver(s) could not be used; run netca diagnostics to see why.",
    },
    "err-key-not-found-named": {
        ZH: "找不到序列号或名称为“{wanted}”的 USB Key。",
        EN: "No USB key found ({wanted}).",
    },
    "err-key-ambiguous": {
        ZH: "插着 {n} 个 USB Key，请用 --key 指定其一（序列号或名称）：\n{keys}",
        EN: "{n} USB keys are plugged in; choose one with --key (serial or name):\n{keys}",
    },
    "err-key-ambiguous-named": {
        ZH: "有 {n} 个 USB Key 名为“{wanted}”，请用序列号指定（--key 序列号）：\n{keys}",
        EN: "{n} USB keys are named '{wanted}'; choose one by serial (--key SERIAL):\n{keys}",
    },
    "err-seal-on-keys": {
        ZH: "印章“{name}”在 {n} 个 USB Key 中都有，请用 --key 指定其一：\n{keys}",
        EN: "The seal '{name}' is on {n} USB keys; choose one with --key:\n{keys}",
    },
    "err-seal-nowhere": {
        ZH: "已插入的 USB Key 中都没有名为“{name}”的印章。",
        EN: "None of the USB keys plugged in holds a seal named '{name}'.",
    },
    "key-candidate": {
        ZH: "  {label}\t序列号 {serial}\t{module}",
        EN: "  {label}\tserial {serial}\t{module}",
    },
    "purpose-signing": {ZH: "签名", EN: "signing"},
    "purpose-encryption": {ZH: "加密", EN: "encryption"},
    "purpose-both": {ZH: "签名和加密", EN: "signing and encryption"},
    "purpose-unknown": {ZH: "用途未知", EN: "purpose unknown"},
    "org-code": {ZH: "统一社会信用代码 {code}", EN: "org. code {code}"},
    "issuer": {ZH: "签发者 {name}", EN: "issued by {name}"},
    # seal verdicts: untrusted is not invalid
    "seal-verdict-untrusted": {ZH: "无法确认可信", EN: "not trusted here"},
    "seal-verdict-because": {ZH: "{verdict}（{reasons}）", EN: "{verdict} ({reasons})"},
    "list-separator": {ZH: "；", EN: "; "},
    "seal-advice-untrusted": {
        ZH: "制章者的根证书不在本机信任列表中。印章本身完好；如确认来源可靠，"
        "可用 --trust 根证书.pem 或在配置文件 trust_files 中加入该根证书。",
        EN: "The seal maker's root is not among the roots trusted here. The seal itself is "
        "intact; if you trust its source, add the root with --trust ROOT.pem or to "
        "trust_files in the settings file.",
    },
    "seal-advice-indeterminate": {
        ZH: "本机无法验证这种签名算法（如 SM2），请用支持国密的工具核验。",
        EN: "This signature algorithm (SM2, say) cannot be checked here; use an SM2-capable "
        "verifier.",
    },
    # diagnostics
    "diag-title": {ZH: "netca-client {version} 诊断报告", EN: "netca-client {version} diagnostics"},
    "diag-system": {
        ZH: "系统：{platform}，Python {python}",
        EN: "System: {platform}, Python {python}",
    },
    "diag-config": {ZH: "配置文件：{path}", EN: "Settings file: {path}"},
    "diag-registry": {ZH: "驱动列表：{path}", EN: "Driver registry: {path}"},
    "diag-modules": {ZH: "已加载的驱动（{n} 个）：", EN: "Drivers loaded ({n}):"},
    "diag-module": {
        ZH: "  {path}（{keys} 个 Key）\n    型号 {model}，{manufacturer} {description} {version}\n"
        "    SHA-256 {sha256}",
        EN: "  {path} ({keys} keys)\n    model {model}, {manufacturer} {description} {version}\n"
        "    SHA-256 {sha256}",
    },
    "diag-failures": {ZH: "无法使用的驱动（{n} 个）：", EN: "Drivers not usable ({n}):"},
    "diag-failure": {ZH: "  {path}：{reason}", EN: "  {path}: {reason}"},
    "diag-keys": {
        ZH: "USB Key（{n} 个，序列号已部分隐藏）：",
        EN: "USB keys ({n}, serials partly hidden):",
    },
    "diag-key": {
        ZH: "  {label}\t序列号 {serial}\t{module} 插槽 {slot}\t{model}\n    能力：{capabilities}",
        EN: "  {label}\tserial {serial}\t{module} slot {slot}\t{model}\n"
        "    capabilities: {capabilities}",
    },
    "diag-ra-ok": {ZH: "RA 服务：{url} 可以连接（{detail}）", EN: "RA: {url} answers ({detail})"},
    "diag-ra-bad": {
        ZH: "RA 服务：{url} 无法连接：{detail}",
        EN: "RA: {url} does not answer: {detail}",
    },
    "diag-none": {ZH: "  （无）", EN: "  (none)"},
    # failures outside our error tree
    "err-os": {ZH: "文件或系统错误：{detail}", EN: "File or system error: {detail}"},
    "err-bug": {
        ZH: "程序内部错误（{kind}）：{detail}。加 -v 重新运行可看到详细信息，请报告此问题。",
        EN: "Internal error ({kind}): {detail}. Run again with -v for details, and please "
        "report it.",
    },
    "demo-missing": {
        ZH: "演示环境需要 RA 组件：pip install '.[ra]'（{detail}）",
        EN: "The demo needs the RA parts: pip install '.[ra]' ({detail})",
    },
}
