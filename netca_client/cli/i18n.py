"""CLI texts in Chinese (default) and English; the language follows NETCA_LANG or the locale."""

from __future__ import annotations

import os

from netca_client.cli.key_texts import KEY_TEXTS
from netca_client.cli.renewal_texts import RENEWAL_TEXTS
from netca_client.cli.seal_texts import SEAL_ORDER_TEXTS

ZH = "zh_CN"
EN = "en"

_TEXTS: dict[str, dict[str, str]] = {
    "no-keys": {ZH: "没有检测到 USB Key。", EN: "No USB key detected."},
    "blank-key": {ZH: "未初始化", EN: "blank"},
    "pin-ok": {ZH: "正常", EN: "ok"},
    "pin-locked": {ZH: "已锁定", EN: "locked"},
    "pin-final-try": {ZH: "最后一次机会", EN: "final try"},
    "pin-count-low": {ZH: "曾输错", EN: "wrong PIN entered before"},
    "pin-to-be-changed": {ZH: "需修改密码", EN: "PIN must be changed"},
    "tries-left": {ZH: "还剩 {n} 次", EN: "{n} tries left"},
    "tries-unknown": {ZH: "剩余次数未知", EN: "tries left unknown"},
    "no-certs": {ZH: "此 Key 中没有证书。", EN: "No certificates on this key."},
    "no-seals": {ZH: "此 Key 中没有印章。", EN: "No seals on this key."},
    "days-left": {ZH: "剩余 {n} 天", EN: "{n} days left"},
    "expired": {ZH: "已过期 {n} 天", EN: "expired {n} days ago"},
    "prompt-old-pin": {ZH: "当前密码", EN: "Current PIN"},
    "prompt-new-pin": {ZH: "新密码", EN: "New PIN"},
    "prompt-repeat-pin": {ZH: "再次输入新密码", EN: "Repeat the new PIN"},
    "pins-differ": {ZH: "两次输入的新密码不一致。", EN: "The two new PINs differ."},
    "pin-changed": {ZH: "密码已修改。", EN: "PIN changed."},
    "final-try-confirm": {
        ZH: "这是最后一次机会：再输错一次 Key 将被锁定。确定继续？",
        EN: "This is the final try: one more wrong PIN locks the key. Continue?",
    },
    "stdin-needs-lines": {
        ZH: "--pin-stdin 需要 {n} 行输入（{what}）。",
        EN: "--pin-stdin needs {n} lines on standard input ({what}).",
    },
    "watching": {
        ZH: "正在监视 USB Key 插拔（Ctrl+C 退出）…",
        EN: "Watching for USB keys (Ctrl+C to stop)…",
    },
    "inserted": {ZH: "插入", EN: "inserted"},
    "removed": {ZH: "拔出", EN: "removed"},
    # seals
    "seal-kind-organisation": {ZH: "单位印章", EN: "organisation seal"},
    "seal-kind-personal": {ZH: "个人印章", EN: "personal seal"},
    "seal-kind-legal-representative": {ZH: "法定代表人名章", EN: "legal representative seal"},
    "seal-kind-contract": {ZH: "合同专用章", EN: "contract seal"},
    "seal-kind-finance": {ZH: "财务专用章", EN: "finance seal"},
    "seal-kind-invoice": {ZH: "发票专用章", EN: "invoice seal"},
    "seal-kind-other": {ZH: "其他印章", EN: "other seal"},
    "seal-valid-range": {ZH: "{start} 至 {end}", EN: "{start} to {end}"},
    "seal-verdict-valid": {ZH: "有效", EN: "valid"},
    "seal-verdict-indeterminate": {ZH: "无法完全验证", EN: "not fully verifiable"},
    "seal-verdict-invalid": {ZH: "无效", EN: "invalid"},
    "seal-verdict-unreadable": {ZH: "无法读取", EN: "unreadable"},
    "seal-problem-signature-invalid": {
        ZH: "制章签名不正确（印章可能被篡改）",
        EN: "the maker's signature does not match (the seal may have been altered)",
    },
    "seal-problem-signature-not-verifiable": {
        ZH: "SM2 等签名本程序无法验证",
        EN: "signature (SM2 or similar) not verifiable here",
    },
    "seal-problem-maker-untrusted": {
        ZH: "制章者不受信任",
        EN: "the seal maker is not trusted",
    },
    "seal-problem-maker-not-verifiable": {
        ZH: "制章者证书链无法验证",
        EN: "the seal maker's chain is not verifiable here",
    },
    "seal-problem-maker-cert-unreadable": {
        ZH: "制章者证书无法读取",
        EN: "the seal maker's certificate is unreadable",
    },
    "seal-problem-not-yet-valid": {ZH: "印章尚未生效", EN: "the seal is not valid yet"},
    "seal-problem-expired": {ZH: "印章已过期", EN: "the seal has expired"},
    "seal-problem-holder-not-listed": {
        ZH: "此 Key 中的证书无权使用该印章",
        EN: "no certificate on this key may use the seal",
    },
    "seal-problem-picture-broken": {ZH: "印章图片已损坏", EN: "the seal picture is broken"},
    "seal-exported": {
        ZH: "印章“{name}”的图片已保存到 {path}。",
        EN: "The picture of seal '{name}' was saved to {path}.",
    },
    "seal-written": {
        ZH: "印章已写入 Key：{label}（{size} 字节）。",
        EN: "Seal written to the key: {label} ({size} bytes).",
    },
    "seal-deleted": {
        ZH: "已从 Key 删除 {n} 个印章：{label}。",
        EN: "Deleted {n} seal(s) from the key: {label}.",
    },
    "file-exists": {
        ZH: "{path} 已存在；如需覆盖请加 --force。",
        EN: "{path} exists; add --force to replace it.",
    },
    "prompt-pin": {ZH: "密码", EN: "PIN"},
    # errors
    "err-driver-missing": {
        ZH: "找不到可用的 PKCS#11 驱动（已查找：{where}）。请安装 Key 驱动或用 --module 指定。",
        EN: "No usable PKCS#11 driver (searched: {where}). Install the key's driver "
        "or name it with --module.",
    },
    "err-key-not-found": {ZH: "找不到 USB Key{what}。", EN: "No USB key found{what}."},
    "err-key-removed": {
        ZH: "USB Key 已被拔出，操作未完成。",
        EN: "The USB key was removed; nothing was completed.",
    },
    "err-key-blank": {
        ZH: "此 USB Key 尚未初始化。",
        EN: "This USB key has not been initialised.",
    },
    "err-pin-incorrect": {ZH: "密码错误，{left}。", EN: "Wrong PIN, {left}."},
    "err-pin-incorrect-now-locked": {
        ZH: "密码错误，Key 已被锁定。请使用“忘记密码”解锁。",
        EN: "Wrong PIN; the key is now locked. Use 'forgot PIN' to unlock it.",
    },
    "err-pin-locked": {
        ZH: "密码已锁定（连续输错次数过多）。请使用“忘记密码”解锁。",
        EN: "The PIN is locked after too many wrong tries. Use 'forgot PIN' to unlock it.",
    },
    "err-final-try": {
        ZH: "已取消：这是最后一次机会，未确认。",
        EN: "Cancelled: final try not confirmed.",
    },
    "err-policy": {ZH: "新密码不符合要求：{reasons}", EN: "The new PIN is not accepted: {reasons}"},
    "policy-too-short": {ZH: "至少 8 位", EN: "at least 8 characters"},
    "policy-too-few-classes": {
        ZH: "需混合大写字母、小写字母、数字、符号中的至少三类",
        EN: "mix at least three of upper case, lower case, digits and symbols",
    },
    "policy-is-default": {ZH: "不能使用默认密码 12345678", EN: "not the default 12345678"},
    "policy-same-as-old": {ZH: "不能与原密码相同", EN: "not the same as the old PIN"},
    "policy-too-long": {ZH: "超过 Key 允许的长度", EN: "longer than the key accepts"},
    "policy-rejected-by-key": {ZH: "Key 拒绝了该密码", EN: "the key refused it"},
    "err-not-logged-in": {ZH: "需要先输入密码。", EN: "A PIN login is needed first."},
    "err-token": {ZH: "USB Key 操作失败：{detail}", EN: "USB key operation failed: {detail}"},
    "err-key-algorithm": {
        ZH: "这把 USB Key 上的 {algorithm} 密钥不能在这里使用，未作任何签名：{reason}",
        EN: "The {algorithm} key on this USB key cannot be used here; nothing was signed: {reason}",
    },
    "err-sm2-unavailable": {
        ZH: "本机的 OpenSSL 不支持国密 SM2，无法制作或验证 SM2 签名：{reason}",
        EN: "This computer's OpenSSL has no SM2: SM2 signatures can be neither made nor "
        "checked here: {reason}",
    },
    "err-ra-unavailable": {
        ZH: "无法连接 RA 服务：{detail}",
        EN: "The RA service cannot be reached: {detail}",
    },
    "err-ra-rejected": {
        ZH: "RA 服务拒绝了请求（{code}）：{detail}",
        EN: "The RA service refused the request ({code}): {detail}",
    },
    "err-ra-protocol": {
        ZH: "RA 服务的应答无法识别：{detail}",
        EN: "The RA service answered in a way the client does not understand: {detail}",
    },
    "err-config": {ZH: "配置错误：{detail}", EN: "Configuration error: {detail}"},
    "err-generic": {ZH: "错误：{detail}", EN: "Error: {detail}"},
    "cancelled": {ZH: "已取消。", EN: "Cancelled."},
    # PDF stamping and verification (netca sign / netca verify)
    "err-pdf-unreadable": {
        ZH: "不是可读取的 PDF 文件（已损坏、不完整或不是 PDF）：{detail}",
        EN: "Not a readable PDF (damaged, truncated or not a PDF): {detail}",
    },
    "err-pdf-encrypted": {
        ZH: "PDF 已加密，不能签章：{detail}",
        EN: "The PDF is encrypted and cannot be stamped: {detail}",
    },
    "err-pdf-output-exists": {
        ZH: "输出文件已存在或就是输入文件，未覆盖：{path}",
        EN: "The output exists or is an input file; not overwritten: {path}",
    },
    "err-pdf-page": {
        ZH: "文档没有第 {page} 页（共 {count} 页）。",
        EN: "The document has no page {page} ({count} pages).",
    },
    "err-pdf-keyword": {
        ZH: "文档中找不到关键字“{text}”。",
        EN: "The keyword '{text}' is not in the document.",
    },
    "err-pdf-seal-not-bound": {
        ZH: "印章“{name}”不属于此 Key 上的签名证书。",
        EN: "The seal '{name}' is not bound to a signing certificate on this key.",
    },
    "err-pdf-write": {
        ZH: "无法写入 {path}：{reason}",
        EN: "Cannot write {path}: {reason}",
    },
    "err-pdf-signing": {ZH: "签章失败：{detail}", EN: "Stamping failed: {detail}"},
    "pdf-needs-placement": {
        ZH: "请指定盖章位置：--page 和 --at、--keyword 或 --cross-page。",
        EN: "Say where to stamp: --page with --at, --keyword, or --cross-page.",
    },
    "pdf-bad-at": {
        ZH: "--at 应为 X,Y（单位：点）：{value}",
        EN: "--at takes X,Y in points: {value}",
    },
    "pdf-bad-pages": {
        ZH: "--pages 应为页码或范围，如 1-5 或 1,3,5：{value}",
        EN: "--pages takes pages or ranges such as 1-5 or 1,3,5: {value}",
    },
    "pdf-output-dir": {
        ZH: "签多个文件时 -o 必须是目录：{path}",
        EN: "With several files, -o must be a directory: {path}",
    },
    "pdf-seal-warning": {
        ZH: "注意：印章“{name}”的校验结果为{verdict}；仍用它签章。",
        EN: "Note: the seal '{name}' checks as {verdict}; stamping with it anyway.",
    },
    "pdf-signed": {
        ZH: "已签章：{source} → {target}（{n} 处印章，{level}）",
        EN: "Stamped: {source} → {target} ({n} stamps, {level})",
    },
    "pdf-failed": {ZH: "未签章：{source}：{reason}", EN: "Not stamped: {source}: {reason}"},
    "pdf-summary": {
        ZH: "共 {total} 个文件，成功 {ok} 个，失败 {failed} 个。",
        EN: "{total} files: {ok} stamped, {failed} failed.",
    },
    "verify-unsigned": {ZH: "此 PDF 没有签名。", EN: "This PDF has no signature."},
    "verify-signature": {ZH: "签名 {n}：{field}", EN: "Signature {n}: {field}"},
    "verify-page": {ZH: "（第 {page} 页）", EN: " (page {page})"},
    "verify-signer": {ZH: "签署人：{cn}（{org}）", EN: "Signer: {cn} ({org})"},
    "verify-signing-time": {
        ZH: "签署时间（本机）：{time}",
        EN: "Signing time (signer's clock): {time}",
    },
    "verify-timestamp": {
        ZH: "时间戳：{time}，{tsa}，{state}",
        EN: "Time-stamp: {time}, {tsa}, {state}",
    },
    "verify-no-timestamp": {ZH: "时间戳：无", EN: "Time-stamp: none"},
    "verify-integrity-ok": {
        ZH: "完整性：签名后签署内容未被修改",
        EN: "Integrity: signed content unchanged",
    },
    "verify-integrity-bad": {
        ZH: "完整性：签署内容已被篡改",
        EN: "Integrity: signed content altered",
    },
    "verify-trusted": {ZH: "证书：受信任", EN: "Certificate: trusted"},
    "verify-untrusted": {
        ZH: "证书：不受信任（根证书未知）",
        EN: "Certificate: not trusted (unknown root)",
    },
    "verify-revocation-good": {
        ZH: "吊销状态：未吊销（文件内嵌 OCSP/CRL）",
        EN: "Revocation: not revoked (embedded OCSP/CRL)",
    },
    "verify-revocation-revoked": {ZH: "吊销状态：已吊销", EN: "Revocation: revoked"},
    "verify-revocation-not_checked": {
        ZH: "吊销状态：未检查（文件内无吊销信息）",
        EN: "Revocation: not checked (no revocation data in the file)",
    },
    "verify-revocation-failed": {
        ZH: "吊销状态：内嵌吊销信息无法证实证书有效",
        EN: "Revocation: embedded data does not confirm the certificate",
    },
    "verify-whole": {ZH: "范围：覆盖整个文档", EN: "Coverage: the whole document"},
    "verify-partial": {
        ZH: "范围：签名后文档有追加内容",
        EN: "Coverage: the document was extended after signing",
    },
    "verify-change": {ZH: "签名后修改：{change}", EN: "Changed after signing: {change}"},
    "verify-later-signatures": {
        ZH: "之后又有 {n} 个签名（不算修改）",
        EN: "{n} later signature(s) (not a change)",
    },
    "verify-level": {ZH: "级别：{level}", EN: "Level: {level}"},
    "verify-verdict": {ZH: "结论：{verdict}", EN: "Verdict: {verdict}"},
    "verify-ok": {ZH: "有效", EN: "valid"},
    "verify-bad": {ZH: "无效", EN: "invalid"},
    "verdict-valid": {ZH: "有效", EN: "valid"},
    "verdict-changed": {
        ZH: "签名有效，但签名后文档被修改",
        EN: "signature valid, but the document was changed after signing",
    },
    "verdict-indeterminate": {ZH: "无法完全验证", EN: "not fully verifiable"},
    "verdict-invalid": {ZH: "无效", EN: "invalid"},
    "verdict-unsigned": {ZH: "未签名", EN: "unsigned"},
    "err-seal-unreadable": {
        ZH: "不是可读取的印章（GB/T 38540 / GM/T 0031）：{detail}",
        EN: "Not a readable seal (GB/T 38540 / GM/T 0031): {detail}",
    },
    "err-seal-not-found": {
        ZH: "此 Key 中没有名为“{name}”的印章。",
        EN: "No seal named '{name}' on this key.",
    },
    "err-seal-ambiguous": {
        ZH: "有多个印章名为“{name}”，请用印章编号指定：{ids}",
        EN: "Several seals are named '{name}'; name one by its seal id: {ids}",
    },
    "err-seal-not-verified": {
        ZH: "印章写入后读回校验失败，已撤销写入，原印章未动：{detail}",
        EN: "The seal did not read back intact and was removed; the old seal is untouched: "
        "{detail}",
    },
    # --- key jobs: activation, unlock, provisioning (issue 8) ---
    "stdin-ended": {
        ZH: "标准输入已结束，缺少：{what}",
        EN: "Standard input ended; still needed: {what}",
    },
    "prompt-code": {ZH: "短信验证码（6 位）", EN: "SMS code (6 digits)"},
    "prompt-staff-username": {ZH: "受理点工作人员用户名", EN: "Staff user name"},
    "prompt-staff-password": {ZH: "受理点工作人员密码", EN: "Staff password"},
    "prompt-factory-so-pin": {
        ZH: "Key 出厂管理员口令（SO PIN）",
        EN: "The key's factory SO PIN",
    },
    "staff-login-needed": {
        ZH: "需要受理点工作人员登录。",
        EN: "An acceptance-point staff member must sign in.",
    },
    "staff-signed-in": {
        ZH: "已登录：{name}（有效期至 {until}）",
        EN: "Signed in: {name} (until {until})",
    },
    "staff-signed-out": {ZH: "已退出登录。", EN: "Signed out."},
    "staff-no-keyring": {
        ZH: "本机没有系统密钥环：登录状态不会保存，下次命令需要重新登录。",
        EN: "No OS keyring here: the session is not kept; the next command asks again.",
    },
    "code-sent": {
        ZH: "验证码已发送至经办人手机 {phone}。",
        EN: "A code was sent to the handler's phone {phone}.",
    },
    "input-invalid": {ZH: "{option}：{rule}", EN: "{option}: {rule}"},
    "rule-id-number": {
        ZH: "应为 18 位居民身份证号码（最后一位可为 X）",
        EN: "must be an 18-character resident ID number (the last may be X)",
    },
    "rule-mobile": {
        ZH: "应为 11 位中国大陆手机号码（1 开头）",
        EN: "must be an 11-digit mainland China mobile number starting with 1",
    },
    "rule-account": {
        ZH: "应为 4 至 40 位账号（数字，可含空格和短横线）",
        EN: "must be an account number of 4 to 40 digits (spaces and dashes allowed)",
    },
    "rule-date": {ZH: "应为日期，如 2026-11-30", EN: "must be a date such as 2026-11-30"},
    "rule-email": {ZH: "不是有效的电子邮箱地址", EN: "is not a valid email address"},
    "rule-tax-id": {
        ZH: "应为 15 至 20 位纳税人识别号（数字和大写字母）",
        EN: "must be a taxpayer number of 15 to 20 digits and capital letters",
    },
    "rule-seal-size": {
        ZH: "印章尺寸应在 {low} 至 {high} 毫米之间",
        EN: "the seal size must be {low} to {high} mm",
    },
    "rule-text": {
        ZH: "不能为空或过长，且不能含控制字符",
        EN: "must not be empty or too long, nor hold control characters",
    },
    "code-format": {
        ZH: "验证码是 {n} 位数字，请重新输入（本次不计入尝试次数）。",
        EN: "The code is {n} digits; enter it again (this does not count as a try).",
    },
    "code-wrong": {
        ZH: "验证码错误，还可尝试 {n} 次。",
        EN: "Wrong code; {n} tries left.",
    },
    "activation-about": {
        ZH: "证书持有人：{holder}（{org}），经办人手机：{phone}",
        EN: "Holder: {holder} ({org}); handler's phone: {phone}",
    },
    "key-activated": {
        ZH: "激活成功：新密码已生效，还剩 {tries} 次。",
        EN: "Activated: the new PIN is set; {tries} tries left.",
    },
    "key-unlocked": {
        ZH: "解锁成功：新密码已生效，还剩 {tries} 次。",
        EN: "Unlocked: the new PIN is set; {tries} tries left.",
    },
    "handler-changed-uploading": {
        ZH: "经办人已更换：正在上传申请材料。",
        EN: "The handler changed: uploading the materials.",
    },
    "handler-changed-needs-materials": {
        ZH: "经办人已更换时（--handler-changed）须用 --material 上传申请材料；"
        "经办人未更换时不上传材料，验证码发给登记的经办人。",
        EN: "With a new handler (--handler-changed) upload the materials with --material; "
        "without it no materials are uploaded and the code goes to the handler on record.",
    },
    "material-uploaded": {
        ZH: "已上传：{name}（{size} 字节）",
        EN: "Uploaded: {name} ({size} bytes)",
    },
    "materials-required": {
        ZH: "经办人已更换：请用 --handler-changed --material 上传申请材料"
        "（jpg/png/pdf，每个不超过 5 MB）后提交审核。",
        EN: "The handler changed: upload the application materials with --handler-changed "
        "--material (jpg/png/pdf, at most 5 MB each) for staff review.",
    },
    "under-review": {
        ZH: "申请材料审核中。审核通过后会向您填写的手机号发送验证码，届时运行 netca resume。",
        EN: "The materials are under review. Once approved a code is sent to the phone you "
        "gave; then run netca resume.",
    },
    "review-rejected": {
        ZH: "申请未通过审核：{reason}",
        EN: "The application was rejected: {reason}",
    },
    "request-over": {
        ZH: "本次申请已结束（{state}），请重新申请。",
        EN: "This request is over ({state}); start again.",
    },
    "request-already-completed": {
        ZH: "这个申请已经完成。",
        EN: "This request is already completed.",
    },
    "request-unexpected": {
        ZH: "RA 要求上传申请材料，但激活不需要材料：请联系受理点。",
        EN: "The RA asks for application materials, which an activation never needs: "
        "contact the acceptance point.",
    },
    "request-failed": {ZH: "验证码错误次数过多", EN: "too many wrong codes"},
    "request-expired": {ZH: "已过期", EN: "expired"},
    "resume-needs-code": {
        ZH: "上次操作在中途中断，为安全起见需要重新验证短信验证码。",
        EN: "The last attempt stopped half-way; for safety a new SMS code is needed.",
    },
    "resume-provision": {
        ZH: "业务单 {order} 的制证未完成：请受理点工作人员再次运行 netca staff provision {order}。",
        EN: "Provisioning for order {order} is unfinished: staff run netca staff provision "
        "{order} again.",
    },
    "nothing-to-resume": {ZH: "没有未完成的业务。", EN: "Nothing left to finish."},
    "resuming": {ZH: "继续未完成的{kind}：{name}", EN: "Finishing the {kind} of {name}"},
    "job-activate": {ZH: "激活", EN: "activation"},
    "job-unlock": {ZH: "解锁", EN: "unlock"},
    "order-no-format": {ZH: "业务单号是 17 位数字", EN: "An order number is 17 digits"},
    "provision-ticket": {ZH: "向 RA 领取制证信息…", EN: "Getting the provisioning ticket…"},
    "provision-so_pin": {ZH: "设置管理员口令…", EN: "Setting the SO PIN…"},
    "provision-user_pin": {ZH: "设置随机初始密码…", EN: "Setting a random user PIN…"},
    "provision-key_pair": {ZH: "在 Key 内生成密钥对…", EN: "Generating the key pair on the key…"},
    "provision-certificate": {ZH: "申请签发证书…", EN: "Requesting the certificate…"},
    "provision-install": {ZH: "写入证书…", EN: "Installing the certificate…"},
    "provision-register": {ZH: "向 RA 登记 Key…", EN: "Registering the key with the RA…"},
    "provision-done": {ZH: "完成。", EN: "Done."},
    "provisioned": {
        ZH: "制证完成：{name} 已写入 {holder} 的证书（序列号 {serial}），等待持有人激活。",
        EN: "Provisioned: {name} holds the certificate of {holder} (serial {serial}); it awaits "
        "activation by the holder.",
    },
    "err-staff-login": {
        ZH: "需要受理点工作人员登录（netca staff login）。",
        EN: "An acceptance-point staff member must sign in (netca staff login).",
    },
    "err-key-not-blank": {
        ZH: "这个 Key 不是空白 Key（已有{what}），不能用于制证。",
        EN: "This key is not blank (it holds {what}); it cannot be provisioned.",
    },
    "err-wrong-key": {
        ZH: "插入的 Key（{found}）不是本业务的 Key（{expected}）。",
        EN: "The key plugged in ({found}) is not this job's key ({expected}).",
    },
    "err-so-pin-unusable": {
        ZH: "RA 下发的管理员口令无法打开此 Key，为避免锁死已停止。请携带 Key 到受理点处理。",
        EN: "The SO PIN from the RA does not open this key; stopped to avoid locking it. "
        "Take the key to an acceptance point.",
    },
    "err-material": {
        ZH: "不能上传 {path}：{reason}",
        EN: "Cannot upload {path}: {reason}",
    },
    "material-too-large": {ZH: "文件超过 5 MB", EN: "larger than 5 MB"},
    "material-not-jpg-png-pdf": {
        ZH: "文件内容不是 jpg、png 或 pdf",
        EN: "the content is not jpg, png or pdf",
    },
    "ra-otp_invalid": {ZH: "验证码错误。", EN: "Wrong code."},
    "ra-otp_expired": {ZH: "验证码已过期，请重新获取。", EN: "The code expired; get a new one."},
    "ra-otp_locked": {
        ZH: "验证码错误次数过多，本次申请已作废，请重新申请。",
        EN: "Too many wrong codes; this request is void. Start again.",
    },
    "ra-rate_limited": {
        ZH: "发送过于频繁，请稍后再试。",
        EN: "Too many requests; try again later.",
    },
    "ra-activation_not_allowed": {
        ZH: "此 Key 暂不能激活：资料复审尚未完成，或已激活。",
        EN: "This key cannot be activated now: the re-check is not done, or it is active.",
    },
    "ra-key_not_registered": {
        ZH: "RA 中没有这个 Key 的登记信息。",
        EN: "The RA has no record of this key.",
    },
    "ra-key_state_conflict": {
        ZH: "此 Key 当前状态不支持该操作（例如尚未激活）。",
        EN: "The key's state does not allow this (for example, it is not activated yet).",
    },
    "ra-key_activated": {
        ZH: "Key 已激活，不能退回。",
        EN: "The key is activated and cannot be returned.",
    },
    "ra-key_already_registered": {
        ZH: "这个 Key 已登记给另一个业务单，不能再次制证。",
        EN: "This key is already registered to another order; it cannot be provisioned again.",
    },
}


_TEXTS.update(KEY_TEXTS)
_TEXTS.update(SEAL_ORDER_TEXTS)
_TEXTS.update(RENEWAL_TEXTS)


def language() -> str:
    """zh_CN unless NETCA_LANG or the locale asks for English."""
    for var in ("NETCA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            if value.lower().startswith("en"):
                return EN
            if value.lower().startswith("zh"):
                return ZH
            if var == "NETCA_LANG":
                break
    return ZH


def known(key: str) -> bool:
    """Whether a text exists for ``key`` (for codes that come from elsewhere)."""
    return key in _TEXTS


def t(key: str, **fields: object) -> str:
    texts = _TEXTS[key]
    return texts.get(language(), texts[ZH]).format(**fields)
