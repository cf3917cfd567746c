"""CLI texts of seal applications (申请印章, 变更印章, 修改资料, 安装印章): Chinese, English."""

from __future__ import annotations

# ruff: noqa: E501 - Chinese texts are kept on one line each

ZH = "zh_CN"
EN = "en"

SEAL_ORDER_TEXTS: dict[str, dict[str, str]] = {
    "seal-order-opened": {
        ZH: "已提交印章申请，业务单号 {order}（查询码见 `netca seal status`）。",
        EN: "Seal application opened, order {order} (query code: `netca seal status`).",
    },
    "seal-form-saved": {
        ZH: "电子印章申请表已保存到 {path}：打印后在三个方框内各盖一次实体印章，彩色扫描后用 --scan 上传。",
        EN: "Application form saved to {path}: print it, stamp each of the three boxes once "
        "with the physical seal, scan it in colour and upload it with --scan.",
    },
    "seal-scan-uploaded": {
        ZH: "已上传 {name}（{size} 字节）",
        EN: "Uploaded {name} ({size} bytes)",
    },
    "seal-step-upload": {
        ZH: "请上传盖章后的申请表扫描件并提交：netca seal submit --scan 文件",
        EN: "Upload the scan of the stamped form and submit: netca seal submit --scan FILE",
    },
    "seal-step-review": {
        ZH: "审核中。审核通过后运行 netca seal install 安装印章；审核期间可用 netca seal edit 修改资料。",
        EN: "Under review. Once approved, run `netca seal install`; to correct the application "
        "meanwhile, `netca seal edit`.",
    },
    "seal-step-install": {
        ZH: "印章待安装：运行 netca seal install。",
        EN: "The seal is waiting to be installed: run `netca seal install`.",
    },
    "seal-installed": {
        ZH: "印章安装成功！{name}（印章标识 {seal_id}）已写入密钥并通过验证。",
        EN: "Seal installed: {name} (seal id {seal_id}) is on the key and verified.",
    },
    "seal-replaced": {
        ZH: "旧印章 {old} 已在新印章验证通过后删除。",
        EN: "The old seal {old} was removed after the new one verified.",
    },
    "seal-rejected": {
        ZH: "印章申请已被驳回：{reason}",
        EN: "The seal application was rejected: {reason}",
    },
    "seal-cancelled": {ZH: "该印章申请已撤销。", EN: "The seal application was withdrawn."},
    "seal-completed": {ZH: "该印章已安装。", EN: "The seal is installed already."},
    "seal-status": {
        ZH: "业务单号 {order} · {business} · {state} · 第 {revision} 版 · {name}",
        EN: "Order {order} · {business} · {state} · revision {revision} · {name}",
    },
    "seal-query-code": {
        ZH: "查询码（业务查询用）：{token}",
        EN: "Query code (order query): {token}",
    },
    "seal-no-application": {
        ZH: "此密钥没有进行中的印章申请。",
        EN: "No seal application is open for this key.",
    },
    "seal-application-open": {
        ZH: "此密钥已有进行中的印章申请 {order}：请用 netca seal status 查看。",
        EN: "This key has an open seal application {order}: see `netca seal status`.",
    },
    "seal-change-which": {
        ZH: "密钥中有多枚印章：请用 --replaces 指定要变更的印章标识。",
        EN: "The key holds several seals: name the one to change with --replaces SEAL_ID.",
    },
    "seal-change-none": {
        ZH: "密钥中没有印章，请用 netca seal apply 申请印章。",
        EN: "The key holds no seal: apply for one with `netca seal apply`.",
    },
    "seal-state-materials_required": {ZH: "待上传盖章扫描件", EN: "waiting for the scans"},
    "seal-state-under_review": {ZH: "审核中", EN: "under review"},
    "seal-state-rejected": {ZH: "已驳回", EN: "rejected"},
    "seal-state-approved": {ZH: "印章待安装", EN: "approved, waiting to be installed"},
    "seal-state-installed": {ZH: "已安装", EN: "installed"},
    "seal-state-cancelled": {ZH: "已撤销", EN: "withdrawn"},
}
