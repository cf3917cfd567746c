"""The demo's words, Chinese first and English second (NETCA_LANG or the locale, as `netca`)."""

from __future__ import annotations

from netca_client.cli.i18n import EN, ZH, language

_TEXTS: dict[str, dict[str, str]] = {
    "preparing-first": {
        ZH: "正在创建演示环境（第一次运行约需半分钟）…",
        EN: "Creating the demo world (the first run takes about half a minute)…",
    },
    "preparing": {ZH: "正在启动演示环境…", EN: "Starting the demo world…"},
    "title": {ZH: "演示环境（目录 {root}）", EN: "The demo world (directory {root})"},
    "ra": {ZH: "RA 服务：{url}（本演示自己的 RA）", EN: "RA: {url} (this demo's own RA)"},
    "staff": {
        ZH: "受理点登录：{path}（用户名 admin）",
        EN: "RA staff login: {path} (user admin)",
    },
    "sms": {
        ZH: "短信验证码：{url}/console/sms（用受理点账号登录）",
        EN: "SMS codes: {url}/console/sms (sign in with the staff login)",
    },
    "profile": {
        ZH: "客户端配置：{path}（RA、时间戳、受信任根证书、Key 驱动）",
        EN: "Client profile: {path} (RA, time stamps, trusted roots, key driver)",
    },
    "use-cli": {
        ZH: '命令行使用本演示：先运行 eval "$({netca} demo env)"，再运行 {netca} keys 等命令',
        EN: 'Use the demo from a shell: eval "$({netca} demo env)", then {netca} keys and so on',
    },
    "keys": {
        ZH: "演示 Key（名称、密码、当前状态）：",
        EN: "Demo keys (name, PIN, state now):",
    },
    "key-line": {ZH: "  {label}\t{pin}\t{what}；{state}", EN: "  {label}\t{pin}\t{what}; {state}"},
    "what-org": {
        ZH: "单位证书（RSA-2048，2 年）和单位印章",
        EN: "organisation certificate (RSA-2048, 2 years) and the organisation seal",
    },
    "what-employee": {
        ZH: "员工证书（EC P-256）{days} 天后到期：会提醒续期",
        EN: "employee certificate (EC P-256) expiring in {days} days: renewal reminder",
    },
    "what-locked": {
        ZH: "在受理点制证并由客户端激活，之后输错 10 次密码",
        EN: "provisioned at the counter, activated by the client, then 10 wrong PINs",
    },
    "what-pending": {
        ZH: "在受理点制证并复审，等待持有人激活",
        EN: "provisioned at the counter and re-checked, awaiting the holder's activation",
    },
    "pin-none": {ZH: "（尚未设置）", EN: "(none yet)"},
    "pin-own": {ZH: "（持有人自设）", EN: "(the holder's own)"},
    "state-ok": {ZH: "密码正常，还剩 {n} 次", EN: "PIN ok, {n} tries left"},
    "state-low": {ZH: "曾输错密码，还剩 {n} 次", EN: "wrong PINs entered, {n} tries left"},
    "state-locked": {
        ZH: "已锁定：用“忘记密码”解锁",
        EN: "locked: 忘记密码 (forgot PIN) unlocks it",
    },
    "state-awaiting": {
        ZH: "等待激活：用“激活证书”设置密码",
        EN: "awaiting activation: 激活证书 (activate) sets the PIN",
    },
    "state-unplugged": {ZH: "未插入", EN: "unplugged"},
    "state-unknown": {ZH: "状态无法读取", EN: "state cannot be read"},
    "handler": {
        ZH: "经办人：{name} / {id_number} / {mobile}（激活证书、忘记密码时填写）",
        EN: "Handler: {name} / {id_number} / {mobile} (for 激活证书 and 忘记密码)",
    },
    "plug": {
        ZH: "插拔 Key（先运行上面的 eval）：{vkey} unplug 张三；{vkey} plug 张三",
        EN: "Plug and unplug keys (after the eval above): {vkey} unplug 张三; {vkey} plug 张三",
    },
    "headless": {
        ZH: "没有显示器：窗口运行在看不见的虚拟显示器上。窗口画面每 {n} 秒保存到 {path}，"
        "用图片查看器打开即可查看；要操作窗口，请在有桌面的电脑上运行 make demo"
        "（或用 ssh -X 登录后运行）。",
        EN: "No display: the window runs on an invisible virtual display. A picture of it is "
        "saved to {path} every {n} s; open it with an image viewer. To use the window, run "
        "make demo on a computer with a desktop (or over ssh -X).",
    },
    "web-login": {
        ZH: "网页登录演示：{url}（在浏览器中打开，用 USB Key 登录）",
        EN: "Web login demo: {url} (open it in a browser and log in with a USB key)",
    },
    "ready": {
        ZH: "演示环境已就绪，按 Ctrl+C 结束。",
        EN: "The demo is ready; press Ctrl+C to end it.",
    },
    "ready-gui": {
        ZH: "演示环境已就绪，关闭窗口即结束。",
        EN: "The demo is ready; closing the window ends it.",
    },
    # errors
    "err-port-taken": {
        ZH: "本演示的 RA 端口 {port} 正被另一个程序占用"
        "（另一个 netca demo 正在使用目录 {root}？）。请先结束它，或用 --reset 重建演示环境。",
        EN: "This demo's RA port {port} is held by another program (is another netca demo "
        "using {root}?). Stop it, or rebuild the demo world with --reset.",
    },
    "err-port-taken-new": {
        ZH: "端口 {port} 已被占用；去掉 --port 让演示自己选择空闲端口。",
        EN: "Port {port} is taken; leave out --port and the demo picks a free one.",
    },
    "err-port-fixed": {
        ZH: "这个演示环境的 RA 端口是 {port}（证书中写有该地址），不能改为 {wanted}；"
        "如需更换，请加 --reset 重建。",
        EN: "This demo world's RA port is {port} (its certificates name it), not {wanted}; "
        "add --reset to rebuild it on another port.",
    },
    "err-no-port": {ZH: "找不到空闲端口。", EN: "No free port."},
    "err-ra-exited": {
        ZH: "演示 RA 启动失败（退出码 {code}），原因见上面的输出。",
        EN: "The demo RA failed to start (exit {code}); see its output above.",
    },
    "err-rp-exited": {
        ZH: "演示网站启动失败（退出码 {code}），原因见上面的输出。",
        EN: "The demo web site failed to start (exit {code}); see its output above.",
    },
    "err-rp-silent": {
        ZH: "演示网站在 30 秒内没有应答。",
        EN: "The demo web site did not answer within 30 s.",
    },
    "err-ra-silent": {
        ZH: "演示 RA 在 60 秒内没有应答。",
        EN: "The demo RA did not answer within 60 s.",
    },
    "err-no-profile": {
        ZH: "还没有演示环境（{path} 不存在）：请先运行 netca demo。",
        EN: "There is no demo world yet ({path} is missing): run netca demo first.",
    },
    "warn-ra-down": {
        ZH: "# 注意：演示 RA（{url}）当前没有运行；用 netca demo --no-gui 启动它。",
        EN: "# Note: the demo RA ({url}) is not running now; start it with netca demo --no-gui.",
    },
}


def t(key: str, **fields: object) -> str:
    texts = _TEXTS[key]
    return texts.get(language(), texts[ZH]).format(**fields)


__all__ = ["EN", "ZH", "t"]
