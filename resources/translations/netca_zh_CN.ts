<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CertificateDetailsView</name>
    <message>
        <source>Holder</source>
        <translation>持有者</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Certificate kind</source>
        <translation>证书类型</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>颁发者</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256 指纹</translation>
    </message>
    <message>
        <source>Organisation certificate</source>
        <translation>单位证书</translation>
    </message>
    <message>
        <source>Employee certificate</source>
        <translation>单位员工证书</translation>
    </message>
    <message>
        <source>Personal certificate</source>
        <translation>个人证书</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Signing</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>加密</translation>
    </message>
    <message>
        <source>Signing and encryption</source>
        <translation>签名和加密</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
</context>
<context>
    <name>CertificatesPage</name>
    <message>
        <source>My certificates</source>
        <translation>我的证书</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>持有者</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>Export certificate…</source>
        <translation>导出证书…</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Export certificate</source>
        <translation>导出证书</translation>
    </message>
    <message>
        <source>Certificate (*.cer *.pem)</source>
        <translation>证书 (*.cer *.pem)</translation>
    </message>
    <message>
        <source>Certificate saved to {path}</source>
        <translation>证书已保存到 {path}</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>tries left unknown</source>
        <translation>剩余次数未知</translation>
    </message>
    <message>
        <source>{n} tries left</source>
        <translation>还剩 {n} 次</translation>
    </message>
    <message>
        <source>At least 8 characters</source>
        <translation>至少 8 位</translation>
    </message>
    <message>
        <source>Mix at least three of: upper case, lower case, digits, symbols</source>
        <translation>至少包含大写字母、小写字母、数字、符号中的三类</translation>
    </message>
    <message>
        <source>Not the default PIN 12345678</source>
        <translation>不能是默认密码 12345678</translation>
    </message>
    <message>
        <source>Not the same as the current PIN</source>
        <translation>不能与当前密码相同</translation>
    </message>
    <message>
        <source>Longer than the key accepts</source>
        <translation>超过 Key 允许的长度</translation>
    </message>
    <message>
        <source>The key refused this PIN</source>
        <translation>Key 拒绝了此密码</translation>
    </message>
    <message>
        <source>No USB key driver was found. Install the driver of your key, or choose one in Settings.</source>
        <translation>找不到 USB Key 驱动。请安装 Key 的驱动，或在“设置”中指定。</translation>
    </message>
    <message>
        <source>No USB key found. Please plug in your key.</source>
        <translation>没有检测到 USB Key，请插入 Key。</translation>
    </message>
    <message>
        <source>The USB key was removed. Nothing was changed; plug it in and try again.</source>
        <translation>USB Key 已被拔出，操作未执行。请重新插入后再试。</translation>
    </message>
    <message>
        <source>This USB key has not been initialised yet.</source>
        <translation>此 USB Key 尚未初始化。</translation>
    </message>
    <message>
        <source>Wrong PIN. The key is now locked: use Forgot PIN to unlock it.</source>
        <translation>密码错误，Key 已被锁定。请使用“忘记密码”解锁。</translation>
    </message>
    <message>
        <source>Wrong PIN, {left}.</source>
        <translation>密码错误，{left}。</translation>
    </message>
    <message>
        <source>The PIN is locked after too many wrong tries. Use Forgot PIN to unlock it.</source>
        <translation>密码输错次数过多，已被锁定。请使用“忘记密码”解锁。</translation>
    </message>
    <message>
        <source>This is the final try. Confirm before entering the PIN.</source>
        <translation>这是最后一次机会，请确认后再输入密码。</translation>
    </message>
    <message>
        <source>The new PIN is not accepted: {reasons}</source>
        <translation>新密码不符合要求：{reasons}</translation>
    </message>
    <message>
        <source>The RA service cannot be reached. Check the network and the RA address in Settings.</source>
        <translation>无法连接 RA 服务。请检查网络和“设置”中的 RA 地址。</translation>
    </message>
    <message>
        <source>The RA service refused the request: {detail} ({code})</source>
        <translation>RA 服务拒绝了请求：{detail}（{code}）</translation>
    </message>
    <message>
        <source>The PDF is encrypted; open it, save it unencrypted, then sign it.</source>
        <translation>此 PDF 已加密。请先另存为未加密的文件，再签章。</translation>
    </message>
    <message>
        <source>The file is not a readable PDF (damaged, truncated or not a PDF).</source>
        <translation>文件不是可读取的 PDF（已损坏、不完整或不是 PDF）。</translation>
    </message>
    <message>
        <source>{path} already exists; it was not overwritten.</source>
        <translation>{path} 已存在，未覆盖。</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Page {page} does not exist; the PDF has {count} pages.</source>
        <translation>第 {page} 页不存在，此 PDF 共 {count} 页。</translation>
    </message>
    <message>
        <source>The keyword “{text}” was not found in the PDF.</source>
        <translation>PDF 中未找到关键字“{text}”。</translation>
    </message>
    <message>
        <source>The seal “{name}” is not bound to a certificate on this key.</source>
        <translation>印章“{name}”未绑定此 Key 中的证书。</translation>
    </message>
    <message>
        <source>Signing failed: {reason}</source>
        <translation>签章失败：{reason}</translation>
    </message>
    <message>
        <source>No seal named “{name}” on this key.</source>
        <translation>此 Key 中没有名为“{name}”的印章。</translation>
    </message>
    <message>
        <source>The seal on the key cannot be used: {detail}</source>
        <translation>Key 中的印章无法使用：{detail}</translation>
    </message>
    <message>
        <source>The RA service answered in a way the client does not understand.</source>
        <translation>RA 服务的应答无法识别。</translation>
    </message>
    <message>
        <source>The operation failed: {detail}</source>
        <translation>操作失败：{detail}</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>My keys</source>
        <translation>我的 USB Key</translation>
    </message>
    <message>
        <source>Plug in your USB key. It appears here as soon as it is detected.</source>
        <translation>请插入 USB Key，检测到后会立即显示在这里。</translation>
    </message>
</context>
<context>
    <name>KeyCard</name>
    <message>
        <source>Blank key</source>
        <translation>空白 Key</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>No certificate on this key</source>
        <translation>此 Key 中没有证书</translation>
    </message>
    <message>
        <source>Serial {serial}</source>
        <translation>序列号 {serial}</translation>
    </message>
    <message>
        <source>certificate valid for {n} more days</source>
        <translation>证书剩余 {n} 天</translation>
    </message>
    <message>
        <source>certificate expired</source>
        <translation>证书已过期</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Final PIN try</source>
        <translation>仅剩最后一次机会</translation>
    </message>
    <message>
        <source>Not activated</source>
        <translation>未激活</translation>
    </message>
    <message>
        <source>Certificate expired</source>
        <translation>证书已过期</translation>
    </message>
    <message>
        <source>Expires in {n} days</source>
        <translation>{n} 天后到期</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>激活证书</translation>
    </message>
    <message>
        <source>Forgot PIN</source>
        <translation>忘记密码</translation>
    </message>
    <message>
        <source>Renew</source>
        <translation>证书续期</translation>
    </message>
    <message>
        <source>Verify PIN</source>
        <translation>验证密码</translation>
    </message>
    <message>
        <source>Change PIN</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>印章</translation>
    </message>
</context>
<context>
    <name>KeyTrayIcon</name>
    <message>
        <source>Open netca-client</source>
        <translation>打开 netca-client</translation>
    </message>
    <message>
        <source>My certificates</source>
        <translation>我的证书</translation>
    </message>
    <message>
        <source>My seals</source>
        <translation>我的印章</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>Later</name>
    <message>
        <source>later version</source>
        <translation>后续版本</translation>
    </message>
    <message>
        <source>Coming in a later version of netca-client.</source>
        <translation>将在 netca-client 后续版本中提供。</translation>
    </message>
    <message>
        <source>“{feature}” is coming in a later version. Until then, please use an acceptance point (受理点).</source>
        <translation>“{feature}”将在后续版本中提供。在此之前，请到受理点办理。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>netca-client security client</source>
        <translation>netca-client 安全客户端</translation>
    </message>
    <message>
        <source>PDF signing</source>
        <translation>PDF签章</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>主页</translation>
    </message>
    <message>
        <source>My certificates</source>
        <translation>我的证书</translation>
    </message>
    <message>
        <source>My seals</source>
        <translation>我的印章</translation>
    </message>
    <message>
        <source>Order query</source>
        <translation>业务查询</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>USB key “{label}” plugged in</source>
        <translation>USB Key“{label}”已插入</translation>
    </message>
    <message>
        <source>USB key plugged in</source>
        <translation>USB Key 已插入</translation>
    </message>
    <message>
        <source>USB key “{label}” removed</source>
        <translation>USB Key“{label}”已拔出</translation>
    </message>
    <message>
        <source>USB key removed</source>
        <translation>USB Key 已拔出</translation>
    </message>
    <message>
        <source>Seal expiring</source>
        <translation>印章即将到期</translation>
    </message>
    <message>
        <source>The seal {name} expires in {n} days.</source>
        <translation>印章“{name}”将在 {n} 天后到期。</translation>
    </message>
    <message>
        <source>The certificate of {holder} expires in {n} days.</source>
        <translation>{holder} 的证书将在 {n} 天后到期。</translation>
    </message>
    <message>
        <source>Certificate expiring</source>
        <translation>证书即将到期</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <source>Order query</source>
        <translation>业务查询</translation>
    </message>
    <message>
        <source>17-digit order number, e.g. 00202009200000485</source>
        <translation>17 位业务单号，例如 00202009200000485</translation>
    </message>
    <message>
        <source>Query code given with the order</source>
        <translation>查询码（随业务单发放）</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>An order number has 17 digits.</source>
        <translation>业务单号为 17 位数字。</translation>
    </message>
    <message>
        <source>Enter the query code given with the order.</source>
        <translation>请输入随业务单发放的查询码。</translation>
    </message>
    <message>
        <source>No RA address is set. Enter it in Settings.</source>
        <translation>尚未设置 RA 地址，请在“设置”中填写。</translation>
    </message>
    <message>
        <source>Querying…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>业务单号</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>业务类型</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>持有人</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>{amount} (paid {paid})</source>
        <translation>{amount}（已缴 {paid}）</translation>
    </message>
    <message>
        <source>History</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Awaiting payment</source>
        <translation>待缴费</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已缴费</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已签发</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>已安装</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>New certificate</source>
        <translation>新申请</translation>
    </message>
    <message>
        <source>Renewal</source>
        <translation>续期</translation>
    </message>
    <message>
        <source>Change of details</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Replacement</source>
        <translation>补办</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Seal application</source>
        <translation>印章申请</translation>
    </message>
    <message>
        <source>Seal change</source>
        <translation>印章变更</translation>
    </message>
</context>
<context>
    <name>PdfSignPage</name>
    <message>
        <source>PDF signing</source>
        <translation>PDF签章</translation>
    </message>
    <message>
        <source>Open PDFs…</source>
        <translation>打开 PDF…</translation>
    </message>
    <message>
        <source>Seal</source>
        <translation>印章</translation>
    </message>
    <message>
        <source>Click on the page</source>
        <translation>在页面上点击</translation>
    </message>
    <message>
        <source>By keyword</source>
        <translation>按关键字</translation>
    </message>
    <message>
        <source>Cross-page seal</source>
        <translation>骑缝章</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>盖章方式</translation>
    </message>
    <message>
        <source>(Seal)</source>
        <translation>（盖章）</translation>
    </message>
    <message>
        <source>First hit</source>
        <translation>第一处</translation>
    </message>
    <message>
        <source>Last hit</source>
        <translation>最后一处</translation>
    </message>
    <message>
        <source>Every hit</source>
        <translation>每一处</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>关键字</translation>
    </message>
    <message>
        <source>All pages, or e.g. 1-5</source>
        <translation>全部页，或如 1-5</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页码</translation>
    </message>
    <message>
        <source>Signature level</source>
        <translation>签名级别</translation>
    </message>
    <message>
        <source>Next to each PDF</source>
        <translation>与原 PDF 相同的文件夹</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>签章</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <source>Open PDFs</source>
        <translation>打开 PDF</translation>
    </message>
    <message>
        <source>Page {n} of {total}</source>
        <translation>第 {n} 页，共 {total} 页</translation>
    </message>
    <message>
        <source>Seal placed on page {n}.</source>
        <translation>印章已放在第 {n} 页。</translation>
    </message>
    <message>
        <source>Nothing to stamp: the keyword was not found.</source>
        <translation>没有可盖章的位置：未找到关键字。</translation>
    </message>
    <message>
        <source>{n} stamps on pages {pages}.</source>
        <translation>共 {n} 处印章，位于第 {pages} 页。</translation>
    </message>
    <message>
        <source>Open the PDFs to sign first.</source>
        <translation>请先打开要签章的 PDF。</translation>
    </message>
    <message>
        <source>Plug in a key that holds a seal.</source>
        <translation>请插入存有印章的 USB Key。</translation>
    </message>
    <message>
        <source>Click on the page where the seal goes.</source>
        <translation>请在页面上点击盖章的位置。</translation>
    </message>
    <message>
        <source>Cancelling after the current file…</source>
        <translation>当前文件完成后取消…</translation>
    </message>
    <message>
        <source>Signing {name}…</source>
        <translation>正在签章 {name}…</translation>
    </message>
    <message>
        <source>not signed</source>
        <translation>未签章</translation>
    </message>
    <message>
        <source>{ok} of {total} PDFs signed.</source>
        <translation>已签章 {ok} 个 PDF，共 {total} 个。</translation>
    </message>
</context>
<context>
    <name>PdfVerifyPage</name>
    <message>
        <source>Verify</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Open a signed PDF…</source>
        <translation>打开已签章的 PDF…</translation>
    </message>
    <message>
        <source>Or drop a PDF here.</source>
        <translation>或将 PDF 拖到这里。</translation>
    </message>
    <message>
        <source>Open a signed PDF</source>
        <translation>打开已签章的 PDF</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>正在验证 {name}…</translation>
    </message>
    <message>
        <source>{name} has no signature.</source>
        <translation>{name} 没有签名。</translation>
    </message>
    <message>
        <source>{name}: {n} signatures</source>
        <translation>{name}：{n} 个签名</translation>
    </message>
</context>
<context>
    <name>PinChangeDialog</name>
    <message>
        <source>Change PIN</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Change the PIN of key “{label}”.</source>
        <translation>修改 Key“{label}”的密码。</translation>
    </message>
    <message>
        <source>Current PIN</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat new PIN</source>
        <translation>确认新密码</translation>
    </message>
    <message>
        <source>Both new PINs match</source>
        <translation>两次输入的新密码一致</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>I understand: this is the final try, one more wrong PIN locks the key.</source>
        <translation>我知道：这是最后一次机会，再输错一次 Key 将被锁定。</translation>
    </message>
</context>
<context>
    <name>PinEntryDialog</name>
    <message>
        <source>Enter PIN</source>
        <translation>输入密码</translation>
    </message>
    <message>
        <source>Enter the PIN of key “{label}”.</source>
        <translation>请输入 Key“{label}”的密码。</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>PinFlows</name>
    <message>
        <source>Forgot PIN</source>
        <translation>忘记密码</translation>
    </message>
    <message>
        <source>The PIN is correct.</source>
        <translation>密码正确。</translation>
    </message>
    <message>
        <source>The PIN was changed.</source>
        <translation>密码已修改。</translation>
    </message>
</context>
<context>
    <name>PinLockedDialog</name>
    <message>
        <source>Key locked</source>
        <translation>Key 已锁定</translation>
    </message>
    <message>
        <source>The PIN of key “{label}” is locked after too many wrong tries.
Unlock it with Forgot PIN: an SMS code goes to your organisation's handler.</source>
        <translation>Key“{label}”的密码输错次数过多，已被锁定。
请使用“忘记密码”解锁：验证码将发送到单位经办人的手机。</translation>
    </message>
    <message>
        <source>Forgot PIN</source>
        <translation>忘记密码</translation>
    </message>
</context>
<context>
    <name>SealCard</name>
    <message>
        <source>(picture cannot be shown)</source>
        <translation>（无法显示图片）</translation>
    </message>
    <message>
        <source>On key {key}</source>
        <translation>位于 Key {key}</translation>
    </message>
    <message>
        <source>Valid {start} to {end}</source>
        <translation>有效期 {start} 至 {end}</translation>
    </message>
    <message>
        <source>the seal has expired</source>
        <translation>印章已过期</translation>
    </message>
    <message>
        <source>the seal is not valid yet</source>
        <translation>印章尚未生效</translation>
    </message>
    <message>
        <source>not issued for the certificates on this key</source>
        <translation>不是为此 Key 中的证书制作的</translation>
    </message>
    <message>
        <source>its maker is not trusted</source>
        <translation>制章者不受信任</translation>
    </message>
    <message>
        <source>its maker certificate cannot be read</source>
        <translation>制章者证书无法读取</translation>
    </message>
    <message>
        <source>its maker cannot be checked here</source>
        <translation>无法验证制章者</translation>
    </message>
    <message>
        <source>the seal was altered after it was made</source>
        <translation>印章制作后被篡改</translation>
    </message>
    <message>
        <source>SM2 signature not verifiable here</source>
        <translation>本机无法验证 SM2 签名</translation>
    </message>
    <message>
        <source>its picture is damaged</source>
        <translation>印章图片已损坏</translation>
    </message>
    <message>
        <source>Valid seal</source>
        <translation>印章有效</translation>
    </message>
    <message>
        <source>Cannot be checked: {reasons}</source>
        <translation>无法验证：{reasons}</translation>
    </message>
    <message>
        <source>Not valid: {reasons}</source>
        <translation>印章无效：{reasons}</translation>
    </message>
    <message>
        <source>Seal data is damaged</source>
        <translation>印章数据已损坏</translation>
    </message>
</context>
<context>
    <name>SealsPage</name>
    <message>
        <source>My seals</source>
        <translation>我的印章</translation>
    </message>
    <message>
        <source>Apply for a seal</source>
        <translation>申请印章</translation>
    </message>
    <message>
        <source>Change a seal</source>
        <translation>变更印章</translation>
    </message>
    <message>
        <source>Install seal</source>
        <translation>安装印章</translation>
    </message>
    <message>
        <source>No seal on the plugged-in keys.</source>
        <translation>已插入的 Key 中没有印章。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>RA address</source>
        <translation>RA 地址</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Automatic (from the list of known keys)</source>
        <translation>自动（按已知 Key 型号查找）</translation>
    </message>
    <message>
        <source>PKCS#11 module</source>
        <translation>PKCS#11 驱动</translation>
    </message>
    <message>
        <source>Expiry reminders (days before)</source>
        <translation>到期提醒（提前天数）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Reminders must be whole numbers of days, separated by commas.</source>
        <translation>提醒天数须为整数，用逗号分隔。</translation>
    </message>
    <message>
        <source>Could not save the settings: {error}</source>
        <translation>无法保存设置：{error}</translation>
    </message>
    <message>
        <source>Saved to {path}. Language and module changes apply after a restart.</source>
        <translation>已保存到 {path}。语言和驱动的修改在重启后生效。</translation>
    </message>
</context>
<context>
    <name>SignatureCard</name>
    <message>
        <source>(no seal image)</source>
        <translation>（无印章图片）</translation>
    </message>
    <message>
        <source>Signed by {signer}</source>
        <translation>签署者：{signer}</translation>
    </message>
    <message>
        <source>Signing time: {time}</source>
        <translation>签署时间：{time}</translation>
    </message>
    <message>
        <source>Time-stamp: {time} ({tsa})</source>
        <translation>时间戳：{time}（{tsa}）</translation>
    </message>
    <message>
        <source>Valid: signed by the holder and unchanged since</source>
        <translation>有效：由持有者签署，签署后未被修改</translation>
    </message>
    <message>
        <source>Signature intact, but the document was changed afterwards</source>
        <translation>签名完好，但签署后文档被修改过</translation>
    </message>
    <message>
        <source>Intact, but the signer cannot be confirmed here</source>
        <translation>签名完好，但本机无法确认签署者</translation>
    </message>
    <message>
        <source>Not valid: the signed document was altered or the certificate revoked</source>
        <translation>无效：签署的内容被篡改或证书已吊销</translation>
    </message>
    <message>
        <source>integrity OK</source>
        <translation>完整性正常</translation>
    </message>
    <message>
        <source>integrity broken</source>
        <translation>完整性已破坏</translation>
    </message>
    <message>
        <source>signer trusted</source>
        <translation>签署者可信</translation>
    </message>
    <message>
        <source>signer not trusted here</source>
        <translation>本机不信任签署者</translation>
    </message>
    <message>
        <source>certificate not revoked</source>
        <translation>证书未吊销</translation>
    </message>
    <message>
        <source>certificate revoked</source>
        <translation>证书已吊销</translation>
    </message>
    <message>
        <source>revocation not checked</source>
        <translation>未检查吊销状态</translation>
    </message>
    <message>
        <source>revocation check failed</source>
        <translation>吊销检查失败</translation>
    </message>
    <message>
        <source>covers the whole document</source>
        <translation>覆盖整个文档</translation>
    </message>
    <message>
        <source>later changes: {changes}</source>
        <translation>签署后的修改：{changes}</translation>
    </message>
</context>
<context>
    <name>ToolsPage</name>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Diagnostics show the drivers and keys the client sees. Serials are partly hidden.</source>
        <translation>诊断信息列出客户端检测到的驱动和 Key，序列号已部分隐藏。</translation>
    </message>
    <message>
        <source>Run diagnostics</source>
        <translation>运行诊断</translation>
    </message>
    <message>
        <source>Export diagnostics bundle…</source>
        <translation>导出诊断包…</translation>
    </message>
    <message>
        <source>Export diagnostics</source>
        <translation>导出诊断信息</translation>
    </message>
</context>
</TS>