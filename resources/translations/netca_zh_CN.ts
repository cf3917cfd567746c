<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivationWizard</name>
    <message>
        <source>Activate certificate</source>
        <translation>激活证书</translation>
    </message>
    <message>
        <source>Send code</source>
        <translation>发送验证码</translation>
    </message>
    <message>
        <source>Asking the RA about this key…</source>
        <translation>正在向 RA 查询这个 Key…</translation>
    </message>
    <message>
        <source>Sending the code…</source>
        <translation>正在发送验证码…</translation>
    </message>
</context>
<context>
    <name>AgreementPage</name>
    <message>
        <source>If you encrypted files to the old certificate, decrypt them first. The old encryption key is kept on the USB key, labelled archived, and never deleted; the old signing key is removed once the new certificate is installed.</source>
        <translation>温馨提醒：若曾用原证书加密过文件，请先解密这些文件。原加密密钥会保留在 USB Key 中并标记为已归档，不会删除；原签名密钥在新证书安装成功后删除。</translation>
    </message>
    <message>
        <source>I have read this warning</source>
        <translation>我已知晓上述提醒</translation>
    </message>
    <message>
        <source>I have read and accept “{title}”</source>
        <translation>我已阅读并同意《{title}》</translation>
    </message>
</context>
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
        <source>SM2 (Chinese national standard)</source>
        <translation>SM2（国密）</translation>
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
    <name>CertificateOverview</name>
    <message>
        <source>This key was prepared for you at an acceptance point. To use it, confirm with an SMS code sent to your organisation&apos;s handler and set your own PIN.</source>
        <translation>这个 Key 已由受理点为您制作。使用前请输入发送给单位经办人的短信验证码，并设置您自己的密码。</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>持有人</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Key serial</source>
        <translation>Key 序列号</translation>
    </message>
    <message>
        <source>Handler&apos;s mobile</source>
        <translation>经办人手机</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>asking the RA…</source>
        <translation>正在查询 RA…</translation>
    </message>
    <message>
        <source>The code will be sent to {phone}.</source>
        <translation>验证码将发送至 {phone}。</translation>
    </message>
    <message>
        <source>The re-check of your documents is not finished; the key cannot be activated yet. Please try again later.</source>
        <translation>资料复审尚未完成，暂不能激活。请稍后再试。</translation>
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
        <source>Algorithm</source>
        <translation>算法</translation>
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
    <name>CodePage</name>
    <message>
        <source>6-digit code</source>
        <translation>6 位数字验证码</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>At an acceptance point, the staff member signed in may authorise instead.</source>
        <translation>在受理点办理时，也可由已登录的工作人员授权。</translation>
    </message>
    <message>
        <source>Authorised by acceptance-point staff</source>
        <translation>受理点工作人员授权</translation>
    </message>
    <message>
        <source>Authorised by acceptance-point staff ({name})</source>
        <translation>受理点工作人员授权（{name}）</translation>
    </message>
    <message>
        <source>A code was sent by SMS to {phone}. Enter it within 5 minutes.</source>
        <translation>验证码已通过短信发送至 {phone}，请在 5 分钟内输入。</translation>
    </message>
    <message>
        <source>{n} tries left</source>
        <translation>还可尝试 {n} 次</translation>
    </message>
    <message>
        <source>Resend ({n} s)</source>
        <translation>重新发送（{n} 秒）</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>Something went wrong in netca-client.</source>
        <translation>netca-client 出现了意外错误。</translation>
    </message>
    <message>
        <source>What was running has stopped; nothing else was changed. You can close the window it happened in and try again. If it happens again, copy the details below and send them to your support contact.</source>
        <translation>正在进行的操作已停止，其他内容均未改动。您可以关闭出错的窗口后重试。如果再次出现，请复制下面的详情，发送给为您提供服务的技术支持人员。</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详情</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Details copied.</source>
        <translation>详情已复制。</translation>
    </message>
</context>
<context>
    <name>Desktop</name>
    <message>
        <source>Could not check for updates: {error}</source>
        <translation>无法检查更新：{error}</translation>
    </message>
    <message>
        <source>The update address is not HTTPS; nothing was fetched.</source>
        <translation>更新地址不是 HTTPS，未获取任何内容。</translation>
    </message>
    <message>
        <source>The update server could not be reached safely: {detail}</source>
        <translation>无法安全连接更新服务器：{detail}</translation>
    </message>
    <message>
        <source>The release list is not valid ({detail}); nothing is offered.</source>
        <translation>更新列表无效（{detail}），不提供更新。</translation>
    </message>
    <message>
        <source>The release list is not signed by the netca-client release key. Nothing is offered: it may have been tampered with.</source>
        <translation>更新列表的签名不是 netca-client 发布密钥所签，可能已被篡改，不提供更新。</translation>
    </message>
    <message>
        <source>The release list is for another product; nothing is offered.</source>
        <translation>更新列表属于其他产品，不提供更新。</translation>
    </message>
    <message>
        <source>The release list offers version {offered}, older than the installed {current}. Going back is refused.</source>
        <translation>更新列表提供的版本 {offered} 比已安装的 {current} 旧，拒绝降级。</translation>
    </message>
    <message>
        <source>The downloaded file has the wrong size ({detail}); it was deleted.</source>
        <translation>下载的文件大小不对（{detail}），已删除。</translation>
    </message>
    <message>
        <source>The downloaded file does not match the signed release list (SHA-256); it was deleted and will not be opened.</source>
        <translation>下载的文件与已签名的更新列表不一致（SHA-256），已删除，不会打开。</translation>
    </message>
    <message>
        <source>Update refused: {detail}</source>
        <translation>已拒绝更新：{detail}</translation>
    </message>
</context>
<context>
    <name>DesktopOptionsBox</name>
    <message>
        <source>Desktop</source>
        <translation>桌面</translation>
    </message>
    <message>
        <source>Start netca-client when I log in</source>
        <translation>登录时启动 netca-client</translation>
    </message>
    <message>
        <source>Check for updates</source>
        <translation>检查更新</translation>
    </message>
    <message>
        <source>Update check is off: no release list is configured.</source>
        <translation>未配置更新列表，更新检查已关闭。</translation>
    </message>
    <message>
        <source>Could not change start at login: {error}</source>
        <translation>无法更改登录时启动：{error}</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>netca-client is up to date.</source>
        <translation>netca-client 已是最新版本。</translation>
    </message>
    <message>
        <source>Version {version} is available.</source>
        <translation>有新版本 {version}。</translation>
    </message>
</context>
<context>
    <name>DetailsPage</name>
    <message>
        <source>Renew for</source>
        <translation>续期年限</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID card number</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>E-invoice</source>
        <translation>电子发票</translation>
    </message>
    <message>
        <source>Invoice title</source>
        <translation>发票抬头</translation>
    </message>
    <message>
        <source>Taxpayer ID</source>
        <translation>纳税人识别号</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>or mobile</source>
        <translation>或手机号码</translation>
    </message>
    <message>
        <source>{n} years</source>
        <translation>{n} 年</translation>
    </message>
    <message>
        <source>Enter the handler&apos;s name.</source>
        <translation>请填写经办人姓名。</translation>
    </message>
    <message>
        <source>The handler&apos;s ID card number has 18 characters.</source>
        <translation>经办人身份证号码应为 18 位。</translation>
    </message>
    <message>
        <source>The handler&apos;s mobile number has 11 digits and starts with 1.</source>
        <translation>经办人手机号码应为以 1 开头的 11 位数字。</translation>
    </message>
    <message>
        <source>Enter the invoice title.</source>
        <translation>请填写发票抬头。</translation>
    </message>
    <message>
        <source>The taxpayer ID has 15 to 20 letters and digits.</source>
        <translation>纳税人识别号应为 15 到 20 位字母或数字。</translation>
    </message>
    <message>
        <source>The email address is not valid.</source>
        <translation>邮箱地址格式不正确。</translation>
    </message>
    <message>
        <source>The invoice mobile number has 11 digits and starts with 1.</source>
        <translation>接收发票的手机号码应为以 1 开头的 11 位数字。</translation>
    </message>
    <message>
        <source>Give an email address or a mobile number for the e-invoice.</source>
        <translation>请填写接收电子发票的邮箱或手机号码。</translation>
    </message>
    <message>
        <source>Fee: {amount}</source>
        <translation>费用：{amount}</translation>
    </message>
</context>
<context>
    <name>DiagnosticsReport</name>
    <message>
        <source>netca-client {version} on {platform} (Python {python})</source>
        <translation>netca-client {version}，系统 {platform}（Python {python}）</translation>
    </message>
    <message>
        <source>Settings file: {path}</source>
        <translation>配置文件：{path}</translation>
    </message>
    <message>
        <source>Driver registry: {path}</source>
        <translation>驱动列表：{path}</translation>
    </message>
    <message>
        <source>PKCS#11 drivers in use ({n})</source>
        <translation>正在使用的 PKCS#11 驱动（{n} 个）</translation>
    </message>
    <message>
        <source>{n} key(s)</source>
        <translation>{n} 个 Key</translation>
    </message>
    <message>
        <source>model {model}; {manufacturer} {description}, version {version}</source>
        <translation>型号 {model}；{manufacturer} {description}，版本 {version}</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>PKCS#11 drivers not usable ({n})</source>
        <translation>无法使用的 PKCS#11 驱动（{n} 个）</translation>
    </message>
    <message>
        <source>reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>USB keys ({n}; serial numbers partly hidden)</source>
        <translation>USB Key（{n} 个，序列号已部分隐藏）</translation>
    </message>
    <message>
        <source>{label}, serial {serial}, through {module} (slot {slot})</source>
        <translation>{label}，序列号 {serial}，驱动 {module}（插槽 {slot}）</translation>
    </message>
    <message>
        <source>model {model}; capabilities: {capabilities}</source>
        <translation>型号 {model}；能力：{capabilities}</translation>
    </message>
    <message>
        <source>PIN: {state}, tries left {tries}</source>
        <translation>密码：{state}，剩余次数 {tries}</translation>
    </message>
    <message>
        <source>RA {url}: answers ({detail})</source>
        <translation>RA {url}：可以连接（{detail}）</translation>
    </message>
    <message>
        <source>RA {url}: does not answer ({detail})</source>
        <translation>RA {url}：无法连接（{detail}）</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>final try</source>
        <translation>最后一次机会</translation>
    </message>
    <message>
        <source>wrong PIN entered before</source>
        <translation>曾输错</translation>
    </message>
    <message>
        <source>must be changed</source>
        <translation>需修改密码</translation>
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
        <source>Several USB keys fit ({keys}); choose the key to use.</source>
        <translation>有多个 USB Key 符合（{keys}），请选择要使用的 Key。</translation>
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
        <source>Sign in as acceptance-point staff first (or sign in again: the session expired).</source>
        <translation>请先以受理点工作人员身份登录（登录已过期时请重新登录）。</translation>
    </message>
    <message>
        <source>This USB key is not blank (it holds certificates, keys or data); use a new key.</source>
        <translation>这个 USB Key 不是空白 Key（已有证书、密钥或数据），请换一个新 Key。</translation>
    </message>
    <message>
        <source>This is not the key of this job: plug in key {expected}.</source>
        <translation>插入的不是这项业务的 Key，请插入序列号为 {expected} 的 Key。</translation>
    </message>
    <message>
        <source>The key cannot be reset online. Please bring the key to an acceptance point.</source>
        <translation>这个 Key 无法在线重置密码，请携带证书到受理点处理。</translation>
    </message>
    <message>
        <source>The {algorithm} key on this USB key cannot be used here; nothing was signed. ({reason})</source>
        <translation>这把 USB Key 上的 {algorithm} 密钥不能在这里使用，未作任何签名。（{reason}）</translation>
    </message>
    <message>
        <source>This computer&apos;s OpenSSL has no SM2 (国密): SM2 signatures can be neither made nor checked here. ({reason})</source>
        <translation>本机的 OpenSSL 不支持国密 SM2，无法制作或验证 SM2 签名。（{reason}）</translation>
    </message>
    <message>
        <source>The RA service answered in a way the client does not understand.</source>
        <translation>RA 服务的应答无法识别。</translation>
    </message>
    <message>
        <source>The operation failed: {detail}</source>
        <translation>操作失败：{detail}</translation>
    </message>
    <message>
        <source>Wrong code, {n} tries left.</source>
        <translation>验证码错误，还可尝试 {n} 次。</translation>
    </message>
    <message>
        <source>{name} is larger than 5 MB.</source>
        <translation>{name} 超过 5 MB，不能上传。</translation>
    </message>
    <message>
        <source>{name} is not a JPG, PNG or PDF file.</source>
        <translation>{name} 不是 JPG、PNG 或 PDF 文件。</translation>
    </message>
    <message>
        <source>{name} cannot be read: {reason}</source>
        <translation>无法读取 {name}：{reason}</translation>
    </message>
    <message>
        <source>Wrong code.</source>
        <translation>验证码错误。</translation>
    </message>
    <message>
        <source>The code has expired. Send a new code and enter that one.</source>
        <translation>验证码已过期，请重新发送并输入新的验证码。</translation>
    </message>
    <message>
        <source>Too many wrong codes. Please start a new request.</source>
        <translation>验证码错误次数过多，请重新申请。</translation>
    </message>
    <message>
        <source>Too many requests in a short time. Please wait and try again.</source>
        <translation>操作过于频繁，请稍后再试。</translation>
    </message>
    <message>
        <source>The SMS could not be sent. Please try again later.</source>
        <translation>短信发送失败，请稍后再试。</translation>
    </message>
    <message>
        <source>The re-check of your documents is not finished; the key cannot be activated yet.</source>
        <translation>资料复审尚未完成，暂不能激活。</translation>
    </message>
    <message>
        <source>The RA has no record of this key. Only keys issued at an acceptance point can be activated or unlocked online.</source>
        <translation>RA 中没有这个 Key 的登记信息。只有受理点发放的 Key 才能在线激活或解锁。</translation>
    </message>
    <message>
        <source>This key is already registered for another certificate.</source>
        <translation>这个 Key 已登记用于其他证书。</translation>
    </message>
    <message>
        <source>The key&apos;s state at the RA does not allow this.</source>
        <translation>这个 Key 在 RA 中的状态不允许此操作。</translation>
    </message>
    <message>
        <source>This key is already activated.</source>
        <translation>这个 Key 已经激活。</translation>
    </message>
    <message>
        <source>The RA does not know this request any more. Please start again.</source>
        <translation>RA 中已找不到这项申请，请重新开始。</translation>
    </message>
    <message>
        <source>The request has moved on meanwhile. Please start again.</source>
        <translation>申请状态已发生变化，请重新开始。</translation>
    </message>
    <message>
        <source>The RA refused the file: only JPG, PNG and PDF files are accepted.</source>
        <translation>RA 拒绝了文件：只接受 JPG、PNG 和 PDF 文件。</translation>
    </message>
    <message>
        <source>The RA refused the file: at most 5 MB per file.</source>
        <translation>RA 拒绝了文件：每个文件不能超过 5 MB。</translation>
    </message>
    <message>
        <source>Not signed in: wrong user name or password, or the session expired.</source>
        <translation>未能登录：用户名或密码错误，或登录已过期。</translation>
    </message>
    <message>
        <source>No order with this number.</source>
        <translation>没有这个业务单号。</translation>
    </message>
    <message>
        <source>The order&apos;s state does not allow this step.</source>
        <translation>业务单当前的状态不允许此操作。</translation>
    </message>
</context>
<context>
    <name>HandlerForm</name>
    <message>
        <source>18 characters; the last may be X</source>
        <translation>18 位，最后一位可以是 X</translation>
    </message>
    <message>
        <source>11-digit mobile number</source>
        <translation>11 位手机号</translation>
    </message>
    <message>
        <source>Handler&apos;s name</source>
        <translation>经办人姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Enter the handler (经办人) of your organisation. If they are the handler on record for this key, an SMS code goes to the mobile on record. If your organisation has a new handler, say so below: the application materials are then reviewed at the acceptance point first.</source>
        <translation>请填写单位经办人的信息。如果是这个 Key 登记的经办人，验证码将发送到登记的手机号；如果单位已更换经办人，请在下方选择，申请材料将先由受理点审核。</translation>
    </message>
    <message>
        <source>The handler on record: send an SMS code to their mobile</source>
        <translation>经办人未更换：向登记的经办人手机发送验证码</translation>
    </message>
    <message>
        <source>The handler changed: upload materials for staff review</source>
        <translation>经办人已更换：上传申请材料，由受理点审核</translation>
    </message>
    <message>
        <source>The name contains invisible or control characters.</source>
        <translation>姓名中含有不可见字符或控制字符。</translation>
    </message>
    <message>
        <source>An ID number has 17 digits and then a digit or X.</source>
        <translation>身份证号应为 17 位数字加 1 位数字或 X。</translation>
    </message>
    <message>
        <source>A mobile number has 11 digits and starts with 13 to 19.</source>
        <translation>手机号应为 11 位数字，以 13 至 19 开头。</translation>
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
        <extracomment>what the journal says about a renewal of this key: &quot;install&quot;, &quot;under_way&quot; or &quot;&quot;</extracomment>
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
        <source>Awaiting activation</source>
        <translation>待激活</translation>
    </message>
    <message>
        <source>Final PIN try</source>
        <translation>仅剩最后一次机会</translation>
    </message>
    <message>
        <source>Certificate to install</source>
        <translation>证书待安装</translation>
    </message>
    <message>
        <source>Renewal under way</source>
        <translation>续期办理中</translation>
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
        <source>Install certificate</source>
        <translation>安装证书</translation>
    </message>
    <message>
        <source>Continue renewal</source>
        <translation>继续续期</translation>
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
    <name>KeyPinPage</name>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>KeyRequestWizard</name>
    <message>
        <source>Enter the SMS code</source>
        <translation>输入短信验证码</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Choose the PIN you will use with this key. Nobody else knows it, and nobody can look it up for you: keep it safe.</source>
        <translation>请设置这个 Key 的密码。只有您知道这个密码，任何人都无法替您查询，请妥善保管。</translation>
    </message>
    <message>
        <source>Set a new PIN</source>
        <translation>设置新密码</translation>
    </message>
    <message>
        <source>Set PIN</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <source>Cannot continue</source>
        <translation>无法继续</translation>
    </message>
    <message>
        <source>Plug in the key</source>
        <translation>请插入 Key</translation>
    </message>
    <message>
        <source>Plug in the USB key with serial {serial} to continue.</source>
        <translation>请插入序列号为 {serial} 的 USB Key 以继续。</translation>
    </message>
    <message>
        <source>Asking the RA how far the request got…</source>
        <translation>正在向 RA 查询申请进度…</translation>
    </message>
    <message>
        <source>The acceptance point rejected the materials.</source>
        <translation>受理点未通过申请材料的审核。</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>This request is already completed.</source>
        <translation>这项申请已经完成。</translation>
    </message>
    <message>
        <source>This request is over (too many wrong codes, or it expired).</source>
        <translation>这项申请已失效（验证码错误次数过多，或已过期）。</translation>
    </message>
    <message>
        <source>Close this window and start again.</source>
        <translation>请关闭本窗口后重新开始。</translation>
    </message>
    <message>
        <source>The RA asks for application materials.</source>
        <translation>RA 要求提交申请材料。</translation>
    </message>
    <message>
        <source>Submitted for review. Once approved, an SMS code goes to the mobile number you gave. You may close this window and continue later from &apos;Unfinished jobs&apos; on the home page.</source>
        <translation>已提交审核，审核通过后会向您填写的手机号发送验证码；可关闭本窗口，稍后在主页“未完成的业务”中继续。</translation>
    </message>
    <message>
        <source>Still under review.</source>
        <translation>仍在审核中。</translation>
    </message>
    <message>
        <source>Asking the RA…</source>
        <translation>正在查询 RA…</translation>
    </message>
    <message>
        <source>The last attempt did not finish. A new code was sent; enter it to complete.</source>
        <translation>上次操作未完成。已重新发送验证码，请输入新的验证码以完成操作。</translation>
    </message>
    <message>
        <source>Sending a new code…</source>
        <translation>正在重新发送验证码…</translation>
    </message>
    <message>
        <source>Checking the code…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <source>Plug in the USB key with serial {serial}.</source>
        <translation>请插入序列号为 {serial} 的 USB Key。</translation>
    </message>
    <message>
        <source>Setting the PIN on the key… do not unplug it.</source>
        <translation>正在设置密码…请勿拔出 Key。</translation>
    </message>
    <message>
        <source>Activation succeeded, {tries}.</source>
        <translation>激活成功，{tries}。</translation>
    </message>
    <message>
        <source>Unlock succeeded, {tries}.</source>
        <translation>解锁成功，{tries}。</translation>
    </message>
    <message>
        <source>Use the new PIN from now on.</source>
        <translation>今后请使用新密码。</translation>
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
        <source>Seal installation for key “{label}”</source>
        <translation>为 Key“{label}”安装印章</translation>
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
    <name>MaterialsPage</name>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>larger than 5 MB: will be refused</source>
        <translation>超过 5 MB，无法上传</translation>
    </message>
    <message>
        <source>not JPG, PNG or PDF: will be refused</source>
        <translation>不是 JPG、PNG 或 PDF，无法上传</translation>
    </message>
    <message>
        <source>Your organisation has a new handler. Upload the application materials (the unlock application with the organisation&apos;s seal and the new handler&apos;s ID card): JPG, PNG or PDF, at most 5 MB each. Staff at the acceptance point review them.</source>
        <translation>单位已更换经办人。请上传申请材料（加盖单位公章的解锁申请表和新经办人的身份证）：JPG、PNG 或 PDF，每个不超过 5 MB，由受理点工作人员审核。</translation>
    </message>
    <message>
        <source>At most {n} files per application.</source>
        <translation>每次申请最多上传 {n} 个文件。</translation>
    </message>
</context>
<context>
    <name>NewPinPage</name>
    <message>
        <source>New PIN</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat new PIN</source>
        <translation>再次输入新密码</translation>
    </message>
</context>
<context>
    <name>OfferPage</name>
    <message>
        <source>Holder</source>
        <translation>证书持有人</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Certificate serial</source>
        <translation>证书序列号</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期日期</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>审核方式</translation>
    </message>
    <message>
        <source>{date} ({n} days left)</source>
        <translation>{date}（剩余 {n} 天）</translation>
    </message>
    <message>
        <source>{date} (expired)</source>
        <translation>{date}（已过期）</translation>
    </message>
    <message>
        <source>asking the RA…</source>
        <translation>正在查询 RA…</translation>
    </message>
    <message>
        <source>{fee} a year</source>
        <translation>每年 {fee}</translation>
    </message>
    <message>
        <source>reviewed by staff</source>
        <translation>人工审核</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动审核</translation>
    </message>
    <message>
        <source>The old certificate is revoked as soon as the new one is issued.</source>
        <translation>新证书签发后，原证书即被吊销。</translation>
    </message>
    <message>
        <source>The old certificate stays usable until the new one is installed.</source>
        <translation>新证书安装成功前，原证书仍可正常使用。</translation>
    </message>
    <message>
        <source>This certificate can be renewed online. {revoke}</source>
        <translation>该证书可在线续期。{revoke}</translation>
    </message>
</context>
<context>
    <name>OrderPage</name>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>17-digit order number</source>
        <translation>17 位业务单号</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Certificate for</source>
        <translation>证书主体</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Order state</source>
        <translation>业务状态</translation>
    </message>
    <message>
        <source>Blank key</source>
        <translation>空白 Key</translation>
    </message>
    <message>
        <source>Factory SO PIN (development vkey keys: 87654321)</source>
        <translation>出厂管理员口令（开发用 vkey 为 87654321）</translation>
    </message>
    <message>
        <source>Factory SO PIN</source>
        <translation>出厂管理员口令</translation>
    </message>
    <message>
        <source>Plug in a blank key: it appears in the list above.</source>
        <translation>请插入空白 Key，它会出现在上面的列表中。</translation>
    </message>
    <message>
        <source>Signed in as {name} ({username}) until {time}.</source>
        <translation>已登录：{name}（{username}），有效至 {time}。</translation>
    </message>
    <message>
        <source>Not needed: the key already has the SO PIN from the RA</source>
        <translation>不需要：Key 已设置 RA 下发的管理员口令</translation>
    </message>
</context>
<context>
    <name>OrderState</name>
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
        <source>Re-checked</source>
        <translation>已复审</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
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
    <name>OutputClashDialog</name>
    <message>
        <source>Output files exist</source>
        <translation>输出文件已存在</translation>
    </message>
    <message>
        <source>{n} signed file(s) would replace existing files:</source>
        <translation>有 {n} 个签章后的文件会覆盖已有文件：</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>……另有 {n} 个</translation>
    </message>
    <message>
        <source>Save under new names</source>
        <translation>另存为新文件名</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>覆盖</translation>
    </message>
</context>
<context>
    <name>PayPage</name>
    <message>
        <source>Pay online (scan a QR code with your phone)</source>
        <translation>在线支付（手机扫码）</translation>
    </message>
    <message>
        <source>Bank transfer (staff confirm it against the statement)</source>
        <translation>对公转账（受理点核对到账后确认）</translation>
    </message>
    <message>
        <source>The transfer you made</source>
        <translation>转账信息</translation>
    </message>
    <message>
        <source>Paid from account</source>
        <translation>付款账号</translation>
    </message>
    <message>
        <source>Payer name</source>
        <translation>付款户名</translation>
    </message>
    <message>
        <source>Transfer date</source>
        <translation>转账日期</translation>
    </message>
    <message>
        <source>Order {order}: {amount} to pay</source>
        <translation>业务单号 {order}：待缴费 {amount}</translation>
    </message>
</context>
<context>
    <name>PaymentWaitPage</name>
    <message>
        <source>Scan the code with your phone to pay {amount}.</source>
        <translation>请用手机扫描二维码支付 {amount}。</translation>
    </message>
    <message>
        <source>The client checks the payment by itself. You may close this window: the order is kept, and the renewal goes on from the home page.</source>
        <translation>客户端会自动查询支付结果。您也可以关闭本窗口：业务会保留，之后可在主页继续办理。</translation>
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
        <source>Nothing was signed.</source>
        <translation>未签章任何文件。</translation>
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
        <source>{name}: {n} signatures; checking the changes after them…</source>
        <translation>{name}：{n} 个签名；正在检查签名之后的修改…</translation>
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
    <name>PendingJobs</name>
    <message>
        <source>Activate certificate</source>
        <translation>激活证书</translation>
    </message>
    <message>
        <source>Forgot PIN</source>
        <translation>忘记密码</translation>
    </message>
    <message>
        <source>Provision a key for order {order}</source>
        <translation>为业务单 {order} 制作 Key</translation>
    </message>
    <message>
        <source>Install the renewed certificate</source>
        <translation>安装续期证书</translation>
    </message>
    <message>
        <source>Renew certificate, order {order}</source>
        <translation>证书续期，业务单号 {order}</translation>
    </message>
    <message>
        <source>Renew certificate</source>
        <translation>证书续期</translation>
    </message>
    <message>
        <source>Change seal, order {order}</source>
        <translation>变更印章，业务单号 {order}</translation>
    </message>
    <message>
        <source>Apply for a seal, order {order}</source>
        <translation>申请印章，业务单号 {order}</translation>
    </message>
    <message>
        <source>{what} · key {serial} · started {time}</source>
        <translation>{what} · Key {serial} · 开始于 {time}</translation>
    </message>
    <message>
        <source>Seal application {order}: {state}</source>
        <extracomment>{key serial: &quot;install&quot; | &quot;under_way&quot;} for the renewals of the journal (主页 cards)</extracomment>
        <translation>印章申请 {order}：{state}</translation>
    </message>
</context>
<context>
    <name>PendingJobsBanner</name>
    <message>
        <source>Unfinished jobs</source>
        <translation>有未完成的业务</translation>
    </message>
    <message>
        <source>An earlier job did not finish. Continue it to complete it safely.</source>
        <translation>之前的业务没有完成，请继续办理以安全地完成它。</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Nothing on the key was changed yet: drop this job and start again.</source>
        <translation>Key 上尚未做任何改动：放弃这项业务，之后可重新办理。</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
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
Unlock it with Forgot PIN: an SMS code goes to your organisation&apos;s handler.</source>
        <translation>Key“{label}”的密码输错次数过多，已被锁定。
请使用“忘记密码”解锁：验证码将发送到单位经办人的手机。</translation>
    </message>
    <message>
        <source>Forgot PIN</source>
        <translation>忘记密码</translation>
    </message>
</context>
<context>
    <name>PinPolicyChecklist</name>
    <message>
        <source>Both new PINs match</source>
        <translation>两次输入的新密码一致</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <source>Do not unplug the key while it is being prepared.</source>
        <translation>制作过程中请勿拔出 Key。</translation>
    </message>
    <message>
        <source>Get the key&apos;s SO PIN from the RA</source>
        <translation>从 RA 获取这个 Key 的管理员口令</translation>
    </message>
    <message>
        <source>Set the SO PIN</source>
        <translation>设置管理员口令</translation>
    </message>
    <message>
        <source>Set a random user PIN</source>
        <translation>设置随机用户密码</translation>
    </message>
    <message>
        <source>Generate the key pair on the key</source>
        <translation>在 Key 内生成密钥对</translation>
    </message>
    <message>
        <source>Have the certificate issued</source>
        <translation>申请签发证书</translation>
    </message>
    <message>
        <source>Install the certificate</source>
        <translation>安装证书</translation>
    </message>
    <message>
        <source>Register the key with the RA</source>
        <translation>在 RA 登记 Key</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>ProvisioningWizard</name>
    <message>
        <source>Acceptance point mode</source>
        <translation>受理点模式</translation>
    </message>
    <message>
        <source>Staff sign-in</source>
        <translation>工作人员登录</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Provision a key</source>
        <translation>制作 Key</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Preparing the key</source>
        <translation>正在制作 Key</translation>
    </message>
    <message>
        <source>Provision another key</source>
        <translation>继续制作下一个 Key</translation>
    </message>
    <message>
        <source>Key ready</source>
        <translation>Key 制作完成</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Reading the stored sign-in…</source>
        <translation>正在读取登录状态…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation>正在退出登录…</translation>
    </message>
    <message>
        <source>An order number has 17 digits.</source>
        <translation>业务单号为 17 位数字。</translation>
    </message>
    <message>
        <source>Looking up the order…</source>
        <translation>正在查询业务单…</translation>
    </message>
    <message>
        <source>Preparing the key…</source>
        <translation>正在制作 Key…</translation>
    </message>
    <message>
        <source>The key of {holder} is ready and awaits activation by its holder.</source>
        <translation>{holder} 的 Key 已制作完成，等待持有人激活。</translation>
    </message>
    <message>
        <source>Order {order} · key {key} · certificate serial {serial}</source>
        <translation>业务单 {order} · Key {key} · 证书序列号 {serial}</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <extracomment>Qt&apos;s own texts that Qt&apos;s qtbase_zh_CN.qm (PySide6 6.11) leaves untranslated; our .ts translates them in Qt&apos;s context, and our translator is asked first.</extracomment>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>Renewal</name>
    <message>
        <source>The certificate expired on {date}. An expired certificate cannot be renewed online: renew it at an acceptance point, or by mail, with the USB key and the application materials.</source>
        <translation>证书已于 {date} 过期，过期证书不能在线续期：请携带 USB Key 和申请材料到受理点办理，或邮寄办理。</translation>
    </message>
    <message>
        <source>The certificate is revoked and cannot be renewed. Apply for a new certificate at an acceptance point.</source>
        <translation>证书已被吊销，不能续期：请到受理点重新申请证书。</translation>
    </message>
    <message>
        <source>The certificate expires on {date}. It can be renewed online within {n} days before that, from {start}.</source>
        <translation>证书 {date} 到期，到期前 {n} 天内（{start} 起）才可在线续期。</translation>
    </message>
    <message>
        <source>This service is not renewed online (the certificate expires on {date}): renew it at an acceptance point or by mail.</source>
        <translation>该服务项目不支持在线续期（证书 {date} 到期）：请到受理点或邮寄办理。</translation>
    </message>
    <message>
        <source>A paid renewal of this certificate is under way: install it from the home page (Install certificate).</source>
        <translation>这张证书已有一笔已缴费的续期业务：请在主页点击“安装证书”完成安装。</translation>
    </message>
    <message>
        <source>The RA has no record of this certificate, so it cannot be renewed online: renew it at an acceptance point.</source>
        <translation>RA 没有这张证书的记录，不能在线续期：请到受理点办理。</translation>
    </message>
</context>
<context>
    <name>RenewalWizard</name>
    <message>
        <source>Renew certificate</source>
        <extracomment>seconds between questions to the RA while a payment or a review is pending: 1, 2, 4 … 15</extracomment>
        <translation>证书续期</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Service agreement</source>
        <translation>服务协议</translation>
    </message>
    <message>
        <source>Years, handler and invoice</source>
        <translation>续期年限、经办人和发票</translation>
    </message>
    <message>
        <source>Enter the PIN of the key. A new key pair is made on the key; the renewal request is signed by it and proven by your current certificate&apos;s key.</source>
        <translation>请输入 USB Key 密码。将在 Key 中生成新的密钥对，续期申请由新密钥签名，并由当前证书的密钥证明持有。</translation>
    </message>
    <message>
        <source>Sign the renewal request</source>
        <translation>签署续期申请</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>缴费</translation>
    </message>
    <message>
        <source>Waiting for the payment</source>
        <translation>等待支付</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Renewal under way</source>
        <translation>续期办理中</translation>
    </message>
    <message>
        <source>The new certificate is issued. Enter the PIN to write it to the key. Your current certificate stays usable until the new one is written and checked.</source>
        <translation>新证书已签发。请输入密码，将新证书写入 USB Key。新证书写入并校验成功前，当前证书仍可正常使用。</translation>
    </message>
    <message>
        <source>Install certificate</source>
        <translation>安装证书</translation>
    </message>
    <message>
        <source>Install</source>
        <translation>安装</translation>
    </message>
    <message>
        <source>Plug in the key</source>
        <translation>请插入 USB Key</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Cannot continue</source>
        <translation>无法继续</translation>
    </message>
    <message>
        <source>Online renewal is not possible</source>
        <translation>不能在线续期</translation>
    </message>
    <message>
        <source>Order {order} · {years} years · {amount}</source>
        <translation>业务单号 {order} · {years} 年 · {amount}</translation>
    </message>
    <message>
        <source>{years} years · {amount}</source>
        <translation>{years} 年 · {amount}</translation>
    </message>
    <message>
        <source>This key holds no certificate to renew.</source>
        <translation>这个 USB Key 中没有可续期的证书。</translation>
    </message>
    <message>
        <source>Asking the RA about this certificate…</source>
        <translation>正在向 RA 查询这张证书…</translation>
    </message>
    <message>
        <source>{holder}, certificate {serial}, expires {date}</source>
        <translation>{holder}，证书 {serial}，{date} 到期</translation>
    </message>
    <message>
        <source>Making a new key pair and sending the request… do not unplug the key.</source>
        <translation>正在生成新密钥对并提交申请…请勿拔出 USB Key。</translation>
    </message>
    <message>
        <source>The key was unplugged. Your current certificate is still usable; plug the key in again and continue from the home page.</source>
        <translation>USB Key 已拔出。当前证书仍可正常使用；请重新插入 Key，在主页继续办理。</translation>
    </message>
    <message>
        <source>Plug in the USB key with serial {serial}.</source>
        <translation>请插入序列号为 {serial} 的 USB Key。</translation>
    </message>
    <message>
        <source>Asking the RA how far the renewal got…</source>
        <translation>正在向 RA 查询续期进度…</translation>
    </message>
    <message>
        <source>The RA could not be asked about the renewal.</source>
        <translation>无法向 RA 查询续期业务。</translation>
    </message>
    <message>
        <source>Starting again…</source>
        <translation>重新开始…</translation>
    </message>
    <message>
        <source>The renewal is being reviewed by staff.</source>
        <translation>续期申请正在人工审核中。</translation>
    </message>
    <message>
        <source>Once approved you can pay here. You may close this window.</source>
        <translation>审核通过后可在此缴费。您可以关闭本窗口。</translation>
    </message>
    <message>
        <source>Paid. The RA is issuing the new certificate…</source>
        <translation>已缴费，RA 正在签发新证书…</translation>
    </message>
    <message>
        <source>Bank transfer reported: waiting for the acceptance point to confirm it.</source>
        <translation>已登记对公转账，等待受理点核对到账。</translation>
    </message>
    <message>
        <source>Staff check the transfer against the bank statement. You may close this window; the certificate installs from the home page once it is confirmed.</source>
        <translation>受理点将根据银行流水核对转账。您可以关闭本窗口；确认到账后可在主页安装证书。</translation>
    </message>
    <message>
        <source>Waiting for the payment to be confirmed…</source>
        <translation>等待支付确认…</translation>
    </message>
    <message>
        <source>You may close this window; the renewal goes on from the home page.</source>
        <translation>您可以关闭本窗口；之后可在主页继续办理续期。</translation>
    </message>
    <message>
        <source>Starting the payment…</source>
        <translation>正在发起支付…</translation>
    </message>
    <message>
        <source>The new certificate is issued and waits to be installed. Plug in the USB key with serial {serial}.</source>
        <translation>新证书已签发，待安装。请插入序列号为 {serial} 的 USB Key。</translation>
    </message>
    <message>
        <source>Writing the new certificate to the key… do not unplug it.</source>
        <translation>正在将新证书写入 USB Key…请勿拔出。</translation>
    </message>
    <message>
        <source>New certificate {serial}, valid until {date}.</source>
        <translation>新证书 {serial}，有效期至 {date}。</translation>
    </message>
    <message>
        <source>The old key can decrypt: it was kept on the key, labelled archived.</source>
        <translation>原密钥可用于解密，已保留在 Key 中并标记为已归档。</translation>
    </message>
    <message>
        <source>The certificate was renewed and installed.</source>
        <translation>证书续期成功，新证书已安装。</translation>
    </message>
    <message>
        <source>The renewal order was cancelled.</source>
        <translation>续期业务已取消。</translation>
    </message>
    <message>
        <source>The renewal was rejected.</source>
        <translation>续期申请被驳回。</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>The new certificate was already installed elsewhere.</source>
        <translation>新证书已在其他电脑上安装。</translation>
    </message>
    <message>
        <source>The renewal cannot go on.</source>
        <translation>续期无法继续。</translation>
    </message>
</context>
<context>
    <name>SealAction</name>
    <message>
        <source>Apply for a seal</source>
        <translation>申请印章</translation>
    </message>
    <message>
        <source>Change seal</source>
        <translation>变更印章</translation>
    </message>
    <message>
        <source>Continue seal application</source>
        <translation>继续印章申请</translation>
    </message>
    <message>
        <source>Edit details</source>
        <translation>修改资料</translation>
    </message>
    <message>
        <source>Install seal</source>
        <translation>安装印章</translation>
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
        <source>Official seal (公章)</source>
        <translation>公章</translation>
    </message>
    <message>
        <source>Contract seal (合同专用章)</source>
        <translation>合同专用章</translation>
    </message>
    <message>
        <source>Finance seal (财务专用章)</source>
        <translation>财务专用章</translation>
    </message>
    <message>
        <source>Legal representative&apos;s seal (法人章)</source>
        <translation>法人章</translation>
    </message>
    <message>
        <source>Personal seal or signature</source>
        <translation>个人印章或签名</translation>
    </message>
    <message>
        <source>Invoice seal (发票专用章)</source>
        <translation>发票专用章</translation>
    </message>
    <message>
        <source>Other seal</source>
        <translation>其他印章</translation>
    </message>
    <message>
        <source>Maker: (certificate unreadable)</source>
        <translation>制章者：（证书无法读取）</translation>
    </message>
    <message>
        <source>Maker: {name}</source>
        <translation>制章者：{name}</translation>
    </message>
    <message>
        <source> (on this key)</source>
        <translation>（本密钥上）</translation>
    </message>
    <message>
        <source>For certificates: {names}</source>
        <translation>绑定证书：{names}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
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
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Valid seal</source>
        <translation>印章有效</translation>
    </message>
    <message>
        <source>Intact, but not trusted here: {reasons}. If you trust where it comes from, add its maker&apos;s root certificate to the trusted roots.</source>
        <translation>印章完好，但无法确认可信：{reasons}。如确认来源可靠，请把制章者的根证书加入“受信任的根证书”。</translation>
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
    <name>SealDetailsPage</name>
    <message>
        <source>As on the physical seal, e.g. 广州示例科技有限公司</source>
        <translation>与实物印章一致，例如 广州示例科技有限公司</translation>
    </message>
    <message>
        <source>Seal kind</source>
        <translation>印章类型</translation>
    </message>
    <message>
        <source>Seal name</source>
        <translation>印章名称</translation>
    </message>
    <message>
        <source>Seal size</source>
        <translation>印章尺寸</translation>
    </message>
    <message>
        <source>PIN (signs the application on the key)</source>
        <translation>密码（用密钥签署申请）</translation>
    </message>
    <message>
        <source>Official seal (公章)</source>
        <translation>公章</translation>
    </message>
    <message>
        <source>Contract seal (合同专用章)</source>
        <translation>合同专用章</translation>
    </message>
    <message>
        <source>The seal name contains invisible or control characters.</source>
        <translation>印章名称含有不可见字符或控制字符。</translation>
    </message>
</context>
<context>
    <name>SealFormPage</name>
    <message>
        <source>1. Save the seal application form (电子印章申请表) and print it.
2. Stamp it with the physical seal: three samples in each box, clear and complete.
3. Scan it in colour and add the scan here (JPG, PNG or PDF, at most 5 MB each), then submit.</source>
        <translation>1. 下载《电子印章申请表》并打印。
2. 用实物印章在采集框内盖章：每个框采集三个样本，印迹清晰完整。
3. 彩色扫描后在此添加扫描件（JPG、PNG 或 PDF，每个不超过 5 MB），然后提交申请。</translation>
    </message>
    <message>
        <source>Save application form…</source>
        <translation>下载申请表…</translation>
    </message>
    <message>
        <source>Add scans…</source>
        <translation>添加扫描件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Edit details</source>
        <translation>修改资料</translation>
    </message>
    <message>
        <source>Order {order} (revision {revision})</source>
        <translation>业务单号 {order}（第 {revision} 版资料）</translation>
    </message>
    <message>
        <source>Form saved to {path}</source>
        <translation>申请表已保存到 {path}</translation>
    </message>
    <message>
        <source>larger than 5 MB: will be refused</source>
        <translation>超过 5 MB，无法上传</translation>
    </message>
    <message>
        <source>not JPG, PNG or PDF: will be refused</source>
        <translation>不是 JPG、PNG 或 PDF，无法上传</translation>
    </message>
    <message>
        <source>At most {n} files per application.</source>
        <translation>每次申请最多上传 {n} 个文件。</translation>
    </message>
</context>
<context>
    <name>SealState</name>
    <message>
        <source>Seal application unfinished</source>
        <translation>印章申请未完成</translation>
    </message>
    <message>
        <source>Seal application: upload the stamped form</source>
        <translation>印章申请：请上传盖章后的申请表</translation>
    </message>
    <message>
        <source>Seal application under review</source>
        <translation>印章申请审核中</translation>
    </message>
    <message>
        <source>Seal waiting to be installed</source>
        <translation>印章待安装</translation>
    </message>
    <message>
        <source>Seal application rejected: {reason}</source>
        <translation>印章申请未通过：{reason}</translation>
    </message>
    <message>
        <source>Seal application ended</source>
        <translation>印章申请已结束</translation>
    </message>
    <message>
        <source>Seal installed</source>
        <translation>印章已安装</translation>
    </message>
</context>
<context>
    <name>SealWizard</name>
    <message>
        <source>Seal details</source>
        <translation>印章资料</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>提交申请并下载申请表</translation>
    </message>
    <message>
        <source>Application form and scans</source>
        <translation>申请表与扫描件</translation>
    </message>
    <message>
        <source>Submit application</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Edit details</source>
        <translation>修改资料</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Install seal</source>
        <translation>安装印章</translation>
    </message>
    <message>
        <source>Seal installed</source>
        <translation>印章已安装</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Seal application</source>
        <translation>印章申请</translation>
    </message>
    <message>
        <source>Change seal</source>
        <translation>变更印章</translation>
    </message>
    <message>
        <source>Apply for a seal</source>
        <translation>申请印章</translation>
    </message>
    <message>
        <source>A changed seal replaces the seal on the key once the new one is installed and verified. Enter the new seal&apos;s details.</source>
        <translation>新印章安装并校验通过后才会替换密钥上的原印章。请填写新印章的资料。</translation>
    </message>
    <message>
        <source>Enter the seal&apos;s name exactly as on the physical seal, and the handler (经办人). The application is signed on the key with its signing certificate.</source>
        <translation>请按实物印章填写印章名称，并填写经办人信息。申请将用密钥中的签名证书签署。</translation>
    </message>
    <message>
        <source>Asking the RA…</source>
        <translation>正在查询 RA…</translation>
    </message>
    <message>
        <source>Under review (审核中). Order {order}.</source>
        <translation>审核中。业务单号 {order}。</translation>
    </message>
    <message>
        <source>Staff at the acceptance point check the stamped form. You may close this window: the application is listed under unfinished jobs. Until it is decided you may still edit the details.</source>
        <translation>受理点工作人员正在审核盖章后的申请表。您可以关闭此窗口，申请会列在“未完成的业务”中。审核结果出来之前仍可修改资料。</translation>
    </message>
    <message>
        <source>Seal waiting to be installed (印章待安装): {name}</source>
        <translation>印章待安装：{name}</translation>
    </message>
    <message>
        <source>Keep the key plugged in. The new seal is written to the key, read back and verified; a seal it replaces is removed only after that.</source>
        <translation>请保持密钥插入。新印章写入密钥后会读回并校验，校验通过后才删除被替换的原印章。</translation>
    </message>
    <message>
        <source>It replaced the previous seal.</source>
        <translation>已替换原印章。</translation>
    </message>
    <message>
        <source>Seal installed (印章安装成功): {name}</source>
        <translation>印章安装成功：{name}</translation>
    </message>
    <message>
        <source>Order query (业务查询): order {order}, query code {token}</source>
        <translation>业务查询：业务单号 {order}，查询码 {token}</translation>
    </message>
    <message>
        <source>The acceptance point rejected the seal application.</source>
        <translation>受理点未通过印章申请的审核。</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>The seal application was withdrawn.</source>
        <translation>印章申请已撤销。</translation>
    </message>
    <message>
        <source>This seal application is already finished.</source>
        <translation>该印章申请已经办结。</translation>
    </message>
    <message>
        <source>Still under review.</source>
        <translation>仍在审核中。</translation>
    </message>
    <message>
        <source>Correct the details. The earlier ones are kept in the application&apos;s history; then save the new form, stamp it and upload its scan again.</source>
        <translation>请修改资料。原资料会保留在申请记录中；修改后请重新下载申请表、盖章并上传扫描件。</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Plug in the key {serial} first.</source>
        <translation>请先插入密钥 {serial}。</translation>
    </message>
    <message>
        <source>Signing the application on the key and sending it…</source>
        <translation>正在用密钥签署申请并提交…</translation>
    </message>
    <message>
        <source>Save application form</source>
        <translation>保存申请表</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Downloading the form…</source>
        <translation>正在下载申请表…</translation>
    </message>
    <message>
        <source>Choose the scans of the stamped form</source>
        <translation>选择盖章后申请表的扫描件</translation>
    </message>
    <message>
        <source>Writing the seal to the key and verifying it…</source>
        <translation>正在把印章写入密钥并校验…</translation>
    </message>
</context>
<context>
    <name>SealsPage</name>
    <message>
        <source>My seals</source>
        <translation>我的印章</translation>
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
        <source>Settings file</source>
        <translation>配置文件</translation>
    </message>
    <message>
        <source>RA address</source>
        <translation>RA 地址</translation>
    </message>
    <message>
        <source>The RA&apos;s: {url}</source>
        <translation>使用 RA 的：{url}</translation>
    </message>
    <message>
        <source>Time-stamp service</source>
        <translation>时间戳服务</translation>
    </message>
    <message>
        <source>Only the built-in roots. One PEM file a line adds its roots.</source>
        <translation>仅内置根证书。每行填一个 PEM 文件，即信任其中的根证书。</translation>
    </message>
    <message>
        <source>Trusted roots</source>
        <translation>受信任的根证书</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>None: the drivers of known keys are found</source>
        <translation>无：自动查找已知 Key 的驱动</translation>
    </message>
    <message>
        <source>Additional PKCS#11 driver</source>
        <translation>附加 PKCS#11 驱动</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Drivers in use</source>
        <translation>正在使用的驱动</translation>
    </message>
    <message>
        <source>Virtual keys</source>
        <translation>虚拟 Key 目录</translation>
    </message>
    <message>
        <source>Saved to {path}. Changes apply after a restart.</source>
        <translation>已保存到 {path}。重新启动后生效。</translation>
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
        <source>{name} ({path})</source>
        <translation>{name}（{path}）</translation>
    </message>
    <message>
        <source>Not usable: {name}: {reason}</source>
        <translation>无法使用：{name}：{reason}</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Reminders must be whole numbers of days, separated by commas.</source>
        <translation>提醒天数须为整数，用逗号分隔。</translation>
    </message>
    <message>
        <source>Could not save the settings: {error}</source>
        <translation>无法保存设置：{error}</translation>
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
        <source>Signature intact; checking the changes made after it…</source>
        <translation>签名完好；正在检查签名之后的修改…</translation>
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
        <source>later changes: being analysed</source>
        <translation>签名后的修改：正在分析</translation>
    </message>
    <message>
        <source>later changes: {changes}</source>
        <translation>签署后的修改：{changes}</translation>
    </message>
</context>
<context>
    <name>StaffSignInPage</name>
    <message>
        <source>Sign in with your acceptance-point staff account of the RA.</source>
        <translation>请使用您在 RA 的受理点工作人员账号登录。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>The session is kept in the system keyring until it expires.</source>
        <translation>登录状态保存在系统钥匙串中，直到过期。</translation>
    </message>
    <message>
        <source>No system keyring was found: the session is kept only until the client closes.</source>
        <translation>未找到系统钥匙串：登录状态只保存到客户端关闭。</translation>
    </message>
</context>
<context>
    <name>StepStrip</name>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>填写信息</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>签署</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>缴费</translation>
    </message>
    <message>
        <source>Install</source>
        <translation>安装</translation>
    </message>
</context>
<context>
    <name>ToolsPage</name>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Acceptance point mode</source>
        <translation>受理点模式</translation>
    </message>
    <message>
        <source>For acceptance-point staff: prepare blank keys for approved orders.</source>
        <translation>供受理点工作人员使用：为审核通过的业务制作空白 Key。</translation>
    </message>
    <message>
        <source>Diagnostics show the drivers and keys the client sees and whether the RA answers. Serial numbers are partly hidden; no PIN is ever in them.</source>
        <translation>诊断会列出客户端看到的驱动和 Key，以及能否连接 RA。序列号已部分隐藏，其中不含任何密码。</translation>
    </message>
    <message>
        <source>ZIP (*.zip)</source>
        <translation>ZIP 压缩包 (*.zip)</translation>
    </message>
    <message>
        <source>Could not save {path}: {error}</source>
        <translation>无法保存 {path}：{error}</translation>
    </message>
    <message>
        <source>Diagnostics saved to {path}</source>
        <translation>诊断信息已保存到 {path}</translation>
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
        <source>Running diagnostics…</source>
        <translation>正在诊断…</translation>
    </message>
    <message>
        <source>Export diagnostics</source>
        <translation>导出诊断信息</translation>
    </message>
</context>
<context>
    <name>UnlockWizard</name>
    <message>
        <source>Forgot PIN</source>
        <translation>忘记密码</translation>
    </message>
    <message>
        <source>Forgot PIN: who is the handler?</source>
        <translation>忘记密码：填写经办人信息</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Upload application materials</source>
        <translation>上传申请材料</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>Asking the RA…</source>
        <translation>正在查询 RA…</translation>
    </message>
    <message>
        <source>Choose application materials</source>
        <translation>选择申请材料</translation>
    </message>
</context>
<context>
    <name>UpdateOfferDialog</name>
    <message>
        <source>Update available</source>
        <translation>有可用更新</translation>
    </message>
    <message>
        <source>netca-client {version} is available (you have {current}).</source>
        <translation>netca-client 有新版本 {version}（当前版本 {current}）。</translation>
    </message>
    <message>
        <source>File: {name}, {size:.1f} MB. The release list is signed; the file is checked against its SHA-256 before it can be opened. Nothing is installed until you click Install.</source>
        <translation>文件：{name}，{size:.1f} MB。更新列表已签名；文件下载后先核对 SHA-256 才能打开。点击“安装”之前不会安装任何内容。</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Install</source>
        <translation>安装</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>Downloading and checking…</source>
        <translation>正在下载并校验…</translation>
    </message>
    <message>
        <source>Downloaded and checked (SHA-256 matches): {path}</source>
        <translation>已下载并校验（SHA-256 一致）：{path}</translation>
    </message>
</context>
<context>
    <name>WebBridgeBox</name>
    <message>
        <source>Web login</source>
        <translation>网页登录</translation>
    </message>
    <message>
        <source>Let web sites I allow use my USB key to log in and sign</source>
        <translation>允许我同意的网站使用 USB Key 登录和签名</translation>
    </message>
    <message>
        <source>Web site</source>
        <translation>网站</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>Set by</source>
        <translation>设置者</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>允许</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Listening on 127.0.0.1:{port} (this computer only).</source>
        <translation>正在 127.0.0.1:{port} 上服务（仅本机）。</translation>
    </message>
    <message>
        <source>Could not start: {error}</source>
        <translation>未能启动：{error}</translation>
    </message>
    <message>
        <source>Off: web sites cannot reach the key.</source>
        <translation>已关闭：网站无法使用 USB Key。</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>已允许</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>You</source>
        <translation>您</translation>
    </message>
    <message>
        <source>Not a web site address this client serves: use https://name (or http://localhost in development).</source>
        <translation>不是本客户端服务的网站地址：请使用 https://域名（开发时可用 http://localhost）。</translation>
    </message>
    <message>
        <source>Your administrator set this web site; it cannot be changed here.</source>
        <translation>该网站由管理员设置，不能在此更改。</translation>
    </message>
    <message>
        <source>Could not save the settings: {error}</source>
        <translation>未能保存设置：{error}</translation>
    </message>
</context>
<context>
    <name>WebConsentDialog</name>
    <message>
        <source>Web login</source>
        <translation>网页登录</translation>
    </message>
    <message>
        <source>Allow {origin} to use your USB key to log in?</source>
        <translation>允许 {origin} 使用您的 USB Key 登录？</translation>
    </message>
    <message>
        <source>The site will see the certificates on your keys (name, organisation, serial) and can ask for signatures. Each signature still needs your PIN, entered here in netca-client; the site never sees the PIN.
You can change this later in Settings → Web login.</source>
        <translation>该网站将能看到您 Key 上的证书（名称、单位、序列号），并可请求签名。每次签名仍需在网证通安全客户端中输入 PIN，网站看不到 PIN。
以后可在“设置 → 网页登录”中更改。</translation>
    </message>
    <message>
        <source>Allow once</source>
        <translation>允许一次</translation>
    </message>
    <message>
        <source>Always allow</source>
        <translation>始终允许</translation>
    </message>
    <message>
        <source>Never allow</source>
        <translation>始终拒绝</translation>
    </message>
</context>
<context>
    <name>WebSignDialog</name>
    <message>
        <source>Signature requested by a web site</source>
        <translation>网站请求签名</translation>
    </message>
    <message>
        <source>{origin} asks you to log in with your USB key.</source>
        <translation>{origin} 请求您使用 USB Key 登录。</translation>
    </message>
    <message>
        <source>{origin} asks you to sign data with your USB key.</source>
        <translation>{origin} 请求您使用 USB Key 签名数据。</translation>
    </message>
    <message>
        <source>Web site</source>
        <translation>网站</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Issued by {issuer} · serial {serial} · valid until {date}</source>
        <translation>颁发者 {issuer} · 序列号 {serial} · 有效期至 {date}</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>USB Key</translation>
    </message>
    <message>
        <source>Description (from the site)</source>
        <translation>说明（由网站提供）</translation>
    </message>
    <message>
        <source>SHA-256 of the data</source>
        <translation>数据的 SHA-256 摘要</translation>
    </message>
    <message>
        <source>What is signed:</source>
        <translation>签名内容：</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>签名</translation>
    </message>
</context>
<context>
    <name>WizardDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Images and PDF (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>图片和 PDF (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <source>Uploading {name} ({i} of {n})…</source>
        <translation>正在上传 {name}（第 {i} 个，共 {n} 个）…</translation>
    </message>
</context>
</TS>
