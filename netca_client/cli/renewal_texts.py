"""Texts of `netca renew` and `netca install` (证书续期, 证书安装), Chinese and English."""

from __future__ import annotations

ZH = "zh_CN"
EN = "en"

RENEWAL_TEXTS: dict[str, dict[str, str]] = {
    "renew-offer": {
        ZH: "{holder}（证书 {serial}，{date} 到期）：可在线续期，{profile}，每年 {fee}。",
        EN: "{holder} (certificate {serial}, expires {date}): renewable online, {profile}, "
        "{fee} a year.",
    },
    "renew-refused-expired": {
        ZH: "证书已于 {date} 过期，不能在线续期："
        "请携带 USB Key 和申请材料到受理点办理，或邮寄办理。",
        EN: "The certificate expired on {date} and cannot be renewed online: renew it at an "
        "acceptance point or by mail, with the USB key and the application materials.",
    },
    "renew-refused-revoked": {
        ZH: "证书已被吊销，不能续期：请到受理点重新申请证书。",
        EN: "The certificate is revoked and cannot be renewed: apply for a new one at an "
        "acceptance point.",
    },
    "renew-refused-too_early": {
        ZH: "证书 {date} 到期，到期前 {n} 天内（{start} 起）才可在线续期。",
        EN: "The certificate expires on {date}; it can be renewed online within {n} days "
        "before that (from {start}).",
    },
    "renew-refused-not_online": {
        ZH: "该项目不支持在线续期（证书 {date} 到期）：请到受理点或邮寄办理。",
        EN: "This service does not renew online (the certificate expires on {date}): renew "
        "at an acceptance point or by mail.",
    },
    "renew-refused-unknown_certificate": {
        ZH: "RA 没有这张证书的记录，不能在线续期：请到受理点办理。",
        EN: "The RA has no record of this certificate: renew it at an acceptance point.",
    },
    "renew-refused-in_progress": {
        ZH: "这张证书已有一笔已缴费的续期业务，请先安装：netca install。",
        EN: "This certificate has a paid renewal already: install it with `netca install`.",
    },
    "renew-agreement": {ZH: "《{title}》", EN: "“{title}”"},
    "renew-agreement-needed": {
        ZH: "续期前须同意服务协议并确认加密提醒：加上 --accept-agreement。",
        EN: "Renewal needs the service agreement accepted and the encryption warning "
        "acknowledged: add --accept-agreement.",
    },
    "renew-encryption-warning": {
        ZH: "温馨提醒：若曾用原证书加密过文件，请先解密这些文件；原加密密钥会保留并标记为已归档。",
        EN: "If you encrypted files to the old certificate, decrypt them first; the old "
        "encryption key is kept on the key, labelled archived.",
    },
    "renew-fee": {
        ZH: "续期 {years} 年，费用 {amount}（{n} 张证书）。",
        EN: "Renewal for {years} years: {amount} ({n} certificates).",
    },
    "prompt-key-pin": {ZH: "“{name}”的密码", EN: "PIN of “{name}”"},
    "renew-ordered": {
        ZH: "已提交续期，业务单号 {order}，金额 {amount}。",
        EN: "Renewal ordered: order {order}, {amount}.",
    },
    "renew-review": {
        ZH: "业务审核中：审核通过后运行 netca install 缴费并安装。",
        EN: "Under review: once approved, run `netca install` to pay and install.",
    },
    "renew-pay-online": {
        ZH: "请用手机扫码或打开链接支付 {amount}：\n{url}",
        EN: "Pay {amount} by scanning the code or opening the link:\n{url}",
    },
    "renew-pay-bank": {
        ZH: "已登记对公转账，等待受理点核对到账。到账后运行 netca install 安装证书。",
        EN: "Bank transfer reported; staff confirm it against the statement. Then run "
        "`netca install`.",
    },
    "renew-bank-needs": {
        ZH: "对公转账需填写 --payer-account（付款账号）、--payer-name（付款户名）和 "
        "--transfer-date（转账日期，YYYY-MM-DD）。",
        EN: "--pay bank-transfer needs --payer-account, --payer-name and --transfer-date "
        "(YYYY-MM-DD).",
    },
    "renew-waiting-payment": {
        ZH: "等待支付确认…",
        EN: "Waiting for the payment to be confirmed…",
    },
    "renew-still-waiting": {
        ZH: "尚未确认到账：稍后运行 netca install 继续（业务可在“业务查询”中查看）。",
        EN: "Not confirmed yet: run `netca install` later to go on (see the order under "
        "Order query).",
    },
    "renew-pay-needs": {
        ZH: "待缴费：加上 --pay simulated 在线支付，或 --pay bank-transfer 并填写转账信息。",
        EN: "Awaiting payment: add --pay simulated, or --pay bank-transfer with the transfer "
        "details.",
    },
    "renew-plug": {
        ZH: "证书已签发，待安装：请插入 USB Key {serial} 后运行 netca install。",
        EN: "Issued, waiting to be installed: plug in USB key {serial} and run `netca install`.",
    },
    "renew-installed": {
        ZH: "证书安装成功：新证书 {serial}，有效期至 {date}。{archived}",
        EN: "Certificate installed: new certificate {serial}, valid until {date}. {archived}",
    },
    "renew-archived": {
        ZH: "原密钥可用于解密，已保留并标记为已归档。",
        EN: "The old key can decrypt: it was kept and labelled archived.",
    },
    "renew-sign-again": {
        ZH: "上次续期申请未提交成功，请重新运行 netca renew。",
        EN: "The last renewal request was not sent; run `netca renew` again.",
    },
    "renew-stopped-cancelled": {ZH: "业务已取消。", EN: "The order was cancelled."},
    "renew-stopped-rejected": {
        ZH: "续期申请被驳回：{reason}",
        EN: "The renewal was rejected: {reason}",
    },
    "renew-stopped-done": {
        ZH: "新证书已在别处安装。",
        EN: "The new certificate was installed elsewhere.",
    },
    "renew-stopped-other": {ZH: "续期无法继续。", EN: "The renewal cannot go on."},
    "nothing-to-install": {ZH: "没有待安装的证书。", EN: "No certificate waits to be installed."},
    "renew-no-certificate": {
        ZH: "Key“{name}”中没有可续期的签名证书。",
        EN: "Key “{name}” holds no signing certificate to renew.",
    },
}
