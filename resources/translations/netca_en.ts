<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ActivationWizard</name>
    <message>
        <source>Activate certificate</source>
        <translation>Activate certificate</translation>
    </message>
    <message>
        <source>Send code</source>
        <translation>Send code</translation>
    </message>
    <message>
        <source>Asking the RA about this key…</source>
        <translation>Asking the RA about this key…</translation>
    </message>
    <message>
        <source>Sending the code…</source>
        <translation>Sending the code…</translation>
    </message>
</context>
<context>
    <name>AgreementPage</name>
    <message>
        <source>If you encrypted files to the old certificate, decrypt them first. The old encryption key is kept on the USB key, labelled archived, and never deleted; the old signing key is removed once the new certificate is installed.</source>
        <translation>If you encrypted files to the old certificate, decrypt them first. The old encryption key is kept on the USB key, labelled archived, and never deleted; the old signing key is removed once the new certificate is installed.</translation>
    </message>
    <message>
        <source>I have read this warning</source>
        <translation>I have read this warning</translation>
    </message>
    <message>
        <source>I have read and accept “{title}”</source>
        <translation>I have read and accept “{title}”</translation>
    </message>
</context>
<context>
    <name>CertificateDetailsView</name>
    <message>
        <source>Holder</source>
        <translation>Holder</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>Certificate kind</source>
        <translation>Certificate kind</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Serial number</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Days left</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256 fingerprint</translation>
    </message>
    <message>
        <source>SM2 (Chinese national standard)</source>
        <translation>SM2 (Chinese national standard)</translation>
    </message>
    <message>
        <source>Organisation certificate</source>
        <translation>Organisation certificate</translation>
    </message>
    <message>
        <source>Employee certificate</source>
        <translation>Employee certificate</translation>
    </message>
    <message>
        <source>Personal certificate</source>
        <translation>Personal certificate</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>Signing</source>
        <translation>Signing</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Encryption</translation>
    </message>
    <message>
        <source>Signing and encryption</source>
        <translation>Signing and encryption</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>expired</translation>
    </message>
</context>
<context>
    <name>CertificateOverview</name>
    <message>
        <source>This key was prepared for you at an acceptance point. To use it, confirm with an SMS code sent to your organisation&apos;s handler and set your own PIN.</source>
        <translation>This key was prepared for you at an acceptance point. To use it, confirm with an SMS code sent to your organisation&apos;s handler and set your own PIN.</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>Holder</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>Key serial</source>
        <translation>Key serial</translation>
    </message>
    <message>
        <source>Handler&apos;s mobile</source>
        <translation>Handler&apos;s mobile</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} to {end}</translation>
    </message>
    <message>
        <source>asking the RA…</source>
        <translation>asking the RA…</translation>
    </message>
    <message>
        <source>The code will be sent to {phone}.</source>
        <translation>The code will be sent to {phone}.</translation>
    </message>
    <message>
        <source>The re-check of your documents is not finished; the key cannot be activated yet. Please try again later.</source>
        <translation>The re-check of your documents is not finished; the key cannot be activated yet. Please try again later.</translation>
    </message>
</context>
<context>
    <name>CertificatesPage</name>
    <message>
        <source>My certificates</source>
        <translation>My certificates</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>Holder</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>Algorithm</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Days left</translation>
    </message>
    <message>
        <source>Export certificate…</source>
        <translation>Export certificate…</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>expired</translation>
    </message>
    <message>
        <source>Export certificate</source>
        <translation>Export certificate</translation>
    </message>
    <message>
        <source>Certificate (*.cer *.pem)</source>
        <translation>Certificate (*.cer *.pem)</translation>
    </message>
    <message>
        <source>Certificate saved to {path}</source>
        <translation>Certificate saved to {path}</translation>
    </message>
</context>
<context>
    <name>CodePage</name>
    <message>
        <source>6-digit code</source>
        <translation>6-digit code</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>Resend</translation>
    </message>
    <message>
        <source>At an acceptance point, the staff member signed in may authorise instead.</source>
        <translation>At an acceptance point, the staff member signed in may authorise instead.</translation>
    </message>
    <message>
        <source>Authorised by acceptance-point staff</source>
        <translation>Authorised by acceptance-point staff</translation>
    </message>
    <message>
        <source>Authorised by acceptance-point staff ({name})</source>
        <translation>Authorised by acceptance-point staff ({name})</translation>
    </message>
    <message>
        <source>A code was sent by SMS to {phone}. Enter it within 5 minutes.</source>
        <translation>A code was sent by SMS to {phone}. Enter it within 5 minutes.</translation>
    </message>
    <message>
        <source>{n} tries left</source>
        <translation>{n} tries left</translation>
    </message>
    <message>
        <source>Resend ({n} s)</source>
        <translation>Resend ({n} s)</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>Something went wrong in netca-client.</source>
        <translation>Something went wrong in netca-client.</translation>
    </message>
    <message>
        <source>What was running has stopped; nothing else was changed. You can close the window it happened in and try again. If it happens again, copy the details below and send them to your support contact.</source>
        <translation>What was running has stopped; nothing else was changed. You can close the window it happened in and try again. If it happens again, copy the details below and send them to your support contact.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Details copied.</source>
        <translation>Details copied.</translation>
    </message>
</context>
<context>
    <name>Desktop</name>
    <message>
        <source>Could not check for updates: {error}</source>
        <translation>Could not check for updates: {error}</translation>
    </message>
    <message>
        <source>The update address is not HTTPS; nothing was fetched.</source>
        <translation>The update address is not HTTPS; nothing was fetched.</translation>
    </message>
    <message>
        <source>The update server could not be reached safely: {detail}</source>
        <translation>The update server could not be reached safely: {detail}</translation>
    </message>
    <message>
        <source>The release list is not valid ({detail}); nothing is offered.</source>
        <translation>The release list is not valid ({detail}); nothing is offered.</translation>
    </message>
    <message>
        <source>The release list is not signed by the netca-client release key. Nothing is offered: it may have been tampered with.</source>
        <translation>The release list is not signed by the netca-client release key. Nothing is offered: it may have been tampered with.</translation>
    </message>
    <message>
        <source>The release list is for another product; nothing is offered.</source>
        <translation>The release list is for another product; nothing is offered.</translation>
    </message>
    <message>
        <source>The release list offers version {offered}, older than the installed {current}. Going back is refused.</source>
        <translation>The release list offers version {offered}, older than the installed {current}. Going back is refused.</translation>
    </message>
    <message>
        <source>The downloaded file has the wrong size ({detail}); it was deleted.</source>
        <translation>The downloaded file has the wrong size ({detail}); it was deleted.</translation>
    </message>
    <message>
        <source>The downloaded file does not match the signed release list (SHA-256); it was deleted and will not be opened.</source>
        <translation>The downloaded file does not match the signed release list (SHA-256); it was deleted and will not be opened.</translation>
    </message>
    <message>
        <source>Update refused: {detail}</source>
        <translation>Update refused: {detail}</translation>
    </message>
</context>
<context>
    <name>DesktopOptionsBox</name>
    <message>
        <source>Desktop</source>
        <translation>Desktop</translation>
    </message>
    <message>
        <source>Start netca-client when I log in</source>
        <translation>Start netca-client when I log in</translation>
    </message>
    <message>
        <source>Check for updates</source>
        <translation>Check for updates</translation>
    </message>
    <message>
        <source>Update check is off: no release list is configured.</source>
        <translation>Update check is off: no release list is configured.</translation>
    </message>
    <message>
        <source>Could not change start at login: {error}</source>
        <translation>Could not change start at login: {error}</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>netca-client is up to date.</source>
        <translation>netca-client is up to date.</translation>
    </message>
    <message>
        <source>Version {version} is available.</source>
        <translation>Version {version} is available.</translation>
    </message>
</context>
<context>
    <name>DetailsPage</name>
    <message>
        <source>Renew for</source>
        <translation>Renew for</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>Handler</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>ID card number</source>
        <translation>ID card number</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>E-invoice</source>
        <translation>E-invoice</translation>
    </message>
    <message>
        <source>Invoice title</source>
        <translation>Invoice title</translation>
    </message>
    <message>
        <source>Taxpayer ID</source>
        <translation>Taxpayer ID</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>or mobile</source>
        <translation>or mobile</translation>
    </message>
    <message>
        <source>{n} years</source>
        <translation>{n} years</translation>
    </message>
    <message>
        <source>Enter the handler&apos;s name.</source>
        <translation>Enter the handler&apos;s name.</translation>
    </message>
    <message>
        <source>The handler&apos;s ID card number has 18 characters.</source>
        <translation>The handler&apos;s ID card number has 18 characters.</translation>
    </message>
    <message>
        <source>The handler&apos;s mobile number has 11 digits and starts with 1.</source>
        <translation>The handler&apos;s mobile number has 11 digits and starts with 1.</translation>
    </message>
    <message>
        <source>Enter the invoice title.</source>
        <translation>Enter the invoice title.</translation>
    </message>
    <message>
        <source>The taxpayer ID has 15 to 20 letters and digits.</source>
        <translation>The taxpayer ID has 15 to 20 letters and digits.</translation>
    </message>
    <message>
        <source>The email address is not valid.</source>
        <translation>The email address is not valid.</translation>
    </message>
    <message>
        <source>The invoice mobile number has 11 digits and starts with 1.</source>
        <translation>The invoice mobile number has 11 digits and starts with 1.</translation>
    </message>
    <message>
        <source>Give an email address or a mobile number for the e-invoice.</source>
        <translation>Give an email address or a mobile number for the e-invoice.</translation>
    </message>
    <message>
        <source>Fee: {amount}</source>
        <translation>Fee: {amount}</translation>
    </message>
</context>
<context>
    <name>DiagnosticsReport</name>
    <message>
        <source>netca-client {version} on {platform} (Python {python})</source>
        <translation>netca-client {version} on {platform} (Python {python})</translation>
    </message>
    <message>
        <source>Settings file: {path}</source>
        <translation>Settings file: {path}</translation>
    </message>
    <message>
        <source>Driver registry: {path}</source>
        <translation>Driver registry: {path}</translation>
    </message>
    <message>
        <source>PKCS#11 drivers in use ({n})</source>
        <translation>PKCS#11 drivers in use ({n})</translation>
    </message>
    <message>
        <source>{n} key(s)</source>
        <translation>{n} key(s)</translation>
    </message>
    <message>
        <source>model {model}; {manufacturer} {description}, version {version}</source>
        <translation>model {model}; {manufacturer} {description}, version {version}</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>PKCS#11 drivers not usable ({n})</source>
        <translation>PKCS#11 drivers not usable ({n})</translation>
    </message>
    <message>
        <source>reason: {reason}</source>
        <translation>reason: {reason}</translation>
    </message>
    <message>
        <source>USB keys ({n}; serial numbers partly hidden)</source>
        <translation>USB keys ({n}; serial numbers partly hidden)</translation>
    </message>
    <message>
        <source>{label}, serial {serial}, through {module} (slot {slot})</source>
        <translation>{label}, serial {serial}, through {module} (slot {slot})</translation>
    </message>
    <message>
        <source>model {model}; capabilities: {capabilities}</source>
        <translation>model {model}; capabilities: {capabilities}</translation>
    </message>
    <message>
        <source>PIN: {state}, tries left {tries}</source>
        <translation>PIN: {state}, tries left {tries}</translation>
    </message>
    <message>
        <source>RA {url}: answers ({detail})</source>
        <translation>RA {url}: answers ({detail})</translation>
    </message>
    <message>
        <source>RA {url}: does not answer ({detail})</source>
        <translation>RA {url}: does not answer ({detail})</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>locked</translation>
    </message>
    <message>
        <source>final try</source>
        <translation>final try</translation>
    </message>
    <message>
        <source>wrong PIN entered before</source>
        <translation>wrong PIN entered before</translation>
    </message>
    <message>
        <source>must be changed</source>
        <translation>must be changed</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>tries left unknown</source>
        <translation>tries left unknown</translation>
    </message>
    <message>
        <source>{n} tries left</source>
        <translation>{n} tries left</translation>
    </message>
    <message>
        <source>At least 8 characters</source>
        <translation>At least 8 characters</translation>
    </message>
    <message>
        <source>Mix at least three of: upper case, lower case, digits, symbols</source>
        <translation>Mix at least three of: upper case, lower case, digits, symbols</translation>
    </message>
    <message>
        <source>Not the default PIN 12345678</source>
        <translation>Not the default PIN 12345678</translation>
    </message>
    <message>
        <source>Not the same as the current PIN</source>
        <translation>Not the same as the current PIN</translation>
    </message>
    <message>
        <source>Longer than the key accepts</source>
        <translation>Longer than the key accepts</translation>
    </message>
    <message>
        <source>The key refused this PIN</source>
        <translation>The key refused this PIN</translation>
    </message>
    <message>
        <source>No USB key driver was found. Install the driver of your key, or choose one in Settings.</source>
        <translation>No USB key driver was found. Install the driver of your key, or choose one in Settings.</translation>
    </message>
    <message>
        <source>Several USB keys fit ({keys}); choose the key to use.</source>
        <translation>Several USB keys fit ({keys}); choose the key to use.</translation>
    </message>
    <message>
        <source>No USB key found. Please plug in your key.</source>
        <translation>No USB key found. Please plug in your key.</translation>
    </message>
    <message>
        <source>The USB key was removed. Nothing was changed; plug it in and try again.</source>
        <translation>The USB key was removed. Nothing was changed; plug it in and try again.</translation>
    </message>
    <message>
        <source>This USB key has not been initialised yet.</source>
        <translation>This USB key has not been initialised yet.</translation>
    </message>
    <message>
        <source>Wrong PIN. The key is now locked: use Forgot PIN to unlock it.</source>
        <translation>Wrong PIN. The key is now locked: use Forgot PIN to unlock it.</translation>
    </message>
    <message>
        <source>Wrong PIN, {left}.</source>
        <translation>Wrong PIN, {left}.</translation>
    </message>
    <message>
        <source>The PIN is locked after too many wrong tries. Use Forgot PIN to unlock it.</source>
        <translation>The PIN is locked after too many wrong tries. Use Forgot PIN to unlock it.</translation>
    </message>
    <message>
        <source>This is the final try. Confirm before entering the PIN.</source>
        <translation>This is the final try. Confirm before entering the PIN.</translation>
    </message>
    <message>
        <source>The new PIN is not accepted: {reasons}</source>
        <translation>The new PIN is not accepted: {reasons}</translation>
    </message>
    <message>
        <source>The RA service cannot be reached. Check the network and the RA address in Settings.</source>
        <translation>The RA service cannot be reached. Check the network and the RA address in Settings.</translation>
    </message>
    <message>
        <source>The RA service refused the request: {detail} ({code})</source>
        <translation>The RA service refused the request: {detail} ({code})</translation>
    </message>
    <message>
        <source>The PDF is encrypted; open it, save it unencrypted, then sign it.</source>
        <translation>The PDF is encrypted; open it, save it unencrypted, then sign it.</translation>
    </message>
    <message>
        <source>The file is not a readable PDF (damaged, truncated or not a PDF).</source>
        <translation>The file is not a readable PDF (damaged, truncated or not a PDF).</translation>
    </message>
    <message>
        <source>{path} already exists; it was not overwritten.</source>
        <translation>{path} already exists; it was not overwritten.</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>Could not write {path}: {reason}</translation>
    </message>
    <message>
        <source>Page {page} does not exist; the PDF has {count} pages.</source>
        <translation>Page {page} does not exist; the PDF has {count} pages.</translation>
    </message>
    <message>
        <source>The keyword “{text}” was not found in the PDF.</source>
        <translation>The keyword “{text}” was not found in the PDF.</translation>
    </message>
    <message>
        <source>The seal “{name}” is not bound to a certificate on this key.</source>
        <translation>The seal “{name}” is not bound to a certificate on this key.</translation>
    </message>
    <message>
        <source>Signing failed: {reason}</source>
        <translation>Signing failed: {reason}</translation>
    </message>
    <message>
        <source>No seal named “{name}” on this key.</source>
        <translation>No seal named “{name}” on this key.</translation>
    </message>
    <message>
        <source>The seal on the key cannot be used: {detail}</source>
        <translation>The seal on the key cannot be used: {detail}</translation>
    </message>
    <message>
        <source>Sign in as acceptance-point staff first (or sign in again: the session expired).</source>
        <translation>Sign in as acceptance-point staff first (or sign in again: the session expired).</translation>
    </message>
    <message>
        <source>This USB key is not blank (it holds certificates, keys or data); use a new key.</source>
        <translation>This USB key is not blank (it holds certificates, keys or data); use a new key.</translation>
    </message>
    <message>
        <source>This is not the key of this job: plug in key {expected}.</source>
        <translation>This is not the key of this job: plug in key {expected}.</translation>
    </message>
    <message>
        <source>The key cannot be reset online. Please bring the key to an acceptance point.</source>
        <translation>The key cannot be reset online. Please bring the key to an acceptance point.</translation>
    </message>
    <message>
        <source>The {algorithm} key on this USB key cannot be used here; nothing was signed. ({reason})</source>
        <translation>The {algorithm} key on this USB key cannot be used here; nothing was signed. ({reason})</translation>
    </message>
    <message>
        <source>This computer&apos;s OpenSSL has no SM2 (国密): SM2 signatures can be neither made nor checked here. ({reason})</source>
        <translation>This computer&apos;s OpenSSL has no SM2 (国密): SM2 signatures can be neither made nor checked here. ({reason})</translation>
    </message>
    <message>
        <source>The RA service answered in a way the client does not understand.</source>
        <translation>The RA service answered in a way the client does not understand.</translation>
    </message>
    <message>
        <source>The operation failed: {detail}</source>
        <translation>The operation failed: {detail}</translation>
    </message>
    <message>
        <source>Wrong code, {n} tries left.</source>
        <translation>Wrong code, {n} tries left.</translation>
    </message>
    <message>
        <source>{name} is larger than 5 MB.</source>
        <translation>{name} is larger than 5 MB.</translation>
    </message>
    <message>
        <source>{name} is not a JPG, PNG or PDF file.</source>
        <translation>{name} is not a JPG, PNG or PDF file.</translation>
    </message>
    <message>
        <source>{name} cannot be read: {reason}</source>
        <translation>{name} cannot be read: {reason}</translation>
    </message>
    <message>
        <source>Wrong code.</source>
        <translation>Wrong code.</translation>
    </message>
    <message>
        <source>The code has expired. Send a new code and enter that one.</source>
        <translation>The code has expired. Send a new code and enter that one.</translation>
    </message>
    <message>
        <source>Too many wrong codes. Please start a new request.</source>
        <translation>Too many wrong codes. Please start a new request.</translation>
    </message>
    <message>
        <source>Too many requests in a short time. Please wait and try again.</source>
        <translation>Too many requests in a short time. Please wait and try again.</translation>
    </message>
    <message>
        <source>The SMS could not be sent. Please try again later.</source>
        <translation>The SMS could not be sent. Please try again later.</translation>
    </message>
    <message>
        <source>The re-check of your documents is not finished; the key cannot be activated yet.</source>
        <translation>The re-check of your documents is not finished; the key cannot be activated yet.</translation>
    </message>
    <message>
        <source>The RA has no record of this key. Only keys issued at an acceptance point can be activated or unlocked online.</source>
        <translation>The RA has no record of this key. Only keys issued at an acceptance point can be activated or unlocked online.</translation>
    </message>
    <message>
        <source>This key is already registered for another certificate.</source>
        <translation>This key is already registered for another certificate.</translation>
    </message>
    <message>
        <source>The key&apos;s state at the RA does not allow this.</source>
        <translation>The key&apos;s state at the RA does not allow this.</translation>
    </message>
    <message>
        <source>This key is already activated.</source>
        <translation>This key is already activated.</translation>
    </message>
    <message>
        <source>The RA does not know this request any more. Please start again.</source>
        <translation>The RA does not know this request any more. Please start again.</translation>
    </message>
    <message>
        <source>The request has moved on meanwhile. Please start again.</source>
        <translation>The request has moved on meanwhile. Please start again.</translation>
    </message>
    <message>
        <source>The RA refused the file: only JPG, PNG and PDF files are accepted.</source>
        <translation>The RA refused the file: only JPG, PNG and PDF files are accepted.</translation>
    </message>
    <message>
        <source>The RA refused the file: at most 5 MB per file.</source>
        <translation>The RA refused the file: at most 5 MB per file.</translation>
    </message>
    <message>
        <source>Not signed in: wrong user name or password, or the session expired.</source>
        <translation>Not signed in: wrong user name or password, or the session expired.</translation>
    </message>
    <message>
        <source>No order with this number.</source>
        <translation>No order with this number.</translation>
    </message>
    <message>
        <source>The order&apos;s state does not allow this step.</source>
        <translation>The order&apos;s state does not allow this step.</translation>
    </message>
</context>
<context>
    <name>HandlerForm</name>
    <message>
        <source>18 characters; the last may be X</source>
        <translation>18 characters; the last may be X</translation>
    </message>
    <message>
        <source>11-digit mobile number</source>
        <translation>11-digit mobile number</translation>
    </message>
    <message>
        <source>Handler&apos;s name</source>
        <translation>Handler&apos;s name</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>Enter the handler (经办人) of your organisation. If they are the handler on record for this key, an SMS code goes to the mobile on record. If your organisation has a new handler, say so below: the application materials are then reviewed at the acceptance point first.</source>
        <translation>Enter the handler (经办人) of your organisation. If they are the handler on record for this key, an SMS code goes to the mobile on record. If your organisation has a new handler, say so below: the application materials are then reviewed at the acceptance point first.</translation>
    </message>
    <message>
        <source>The handler on record: send an SMS code to their mobile</source>
        <translation>The handler on record: send an SMS code to their mobile</translation>
    </message>
    <message>
        <source>The handler changed: upload materials for staff review</source>
        <translation>The handler changed: upload materials for staff review</translation>
    </message>
    <message>
        <source>The name contains invisible or control characters.</source>
        <translation>The name contains invisible or control characters.</translation>
    </message>
    <message>
        <source>An ID number has 17 digits and then a digit or X.</source>
        <translation>An ID number has 17 digits and then a digit or X.</translation>
    </message>
    <message>
        <source>A mobile number has 11 digits and starts with 13 to 19.</source>
        <translation>A mobile number has 11 digits and starts with 13 to 19.</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>My keys</source>
        <translation>My keys</translation>
    </message>
    <message>
        <source>Plug in your USB key. It appears here as soon as it is detected.</source>
        <translation>Plug in your USB key. It appears here as soon as it is detected.</translation>
    </message>
</context>
<context>
    <name>KeyCard</name>
    <message>
        <source>Blank key</source>
        <translation>Blank key</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>No certificate on this key</source>
        <extracomment>what the journal says about a renewal of this key: &quot;install&quot;, &quot;under_way&quot; or &quot;&quot;</extracomment>
        <translation>No certificate on this key</translation>
    </message>
    <message>
        <source>Serial {serial}</source>
        <translation>Serial {serial}</translation>
    </message>
    <message>
        <source>certificate valid for {n} more days</source>
        <translation>certificate valid for {n} more days</translation>
    </message>
    <message>
        <source>certificate expired</source>
        <translation>certificate expired</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>Awaiting activation</source>
        <translation>Awaiting activation</translation>
    </message>
    <message>
        <source>Final PIN try</source>
        <translation>Final PIN try</translation>
    </message>
    <message>
        <source>Certificate to install</source>
        <translation>Certificate to install</translation>
    </message>
    <message>
        <source>Renewal under way</source>
        <translation>Renewal under way</translation>
    </message>
    <message>
        <source>Not activated</source>
        <translation>Not activated</translation>
    </message>
    <message>
        <source>Certificate expired</source>
        <translation>Certificate expired</translation>
    </message>
    <message>
        <source>Expires in {n} days</source>
        <translation>Expires in {n} days</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>Activate</translation>
    </message>
    <message>
        <source>Forgot PIN</source>
        <translation>Forgot PIN</translation>
    </message>
    <message>
        <source>Install certificate</source>
        <translation>Install certificate</translation>
    </message>
    <message>
        <source>Continue renewal</source>
        <translation>Continue renewal</translation>
    </message>
    <message>
        <source>Renew</source>
        <translation>Renew</translation>
    </message>
    <message>
        <source>Verify PIN</source>
        <translation>Verify PIN</translation>
    </message>
    <message>
        <source>Change PIN</source>
        <translation>Change PIN</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>Seals</translation>
    </message>
</context>
<context>
    <name>KeyPinPage</name>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
</context>
<context>
    <name>KeyRequestWizard</name>
    <message>
        <source>Enter the SMS code</source>
        <translation>Enter the SMS code</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>Choose the PIN you will use with this key. Nobody else knows it, and nobody can look it up for you: keep it safe.</source>
        <translation>Choose the PIN you will use with this key. Nobody else knows it, and nobody can look it up for you: keep it safe.</translation>
    </message>
    <message>
        <source>Set a new PIN</source>
        <translation>Set a new PIN</translation>
    </message>
    <message>
        <source>Set PIN</source>
        <translation>Set PIN</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>Under review</translation>
    </message>
    <message>
        <source>Cannot continue</source>
        <translation>Cannot continue</translation>
    </message>
    <message>
        <source>Plug in the key</source>
        <translation>Plug in the key</translation>
    </message>
    <message>
        <source>Plug in the USB key with serial {serial} to continue.</source>
        <translation>Plug in the USB key with serial {serial} to continue.</translation>
    </message>
    <message>
        <source>Asking the RA how far the request got…</source>
        <translation>Asking the RA how far the request got…</translation>
    </message>
    <message>
        <source>The acceptance point rejected the materials.</source>
        <translation>The acceptance point rejected the materials.</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Reason: {reason}</translation>
    </message>
    <message>
        <source>This request is already completed.</source>
        <translation>This request is already completed.</translation>
    </message>
    <message>
        <source>This request is over (too many wrong codes, or it expired).</source>
        <translation>This request is over (too many wrong codes, or it expired).</translation>
    </message>
    <message>
        <source>Close this window and start again.</source>
        <translation>Close this window and start again.</translation>
    </message>
    <message>
        <source>The RA asks for application materials.</source>
        <translation>The RA asks for application materials.</translation>
    </message>
    <message>
        <source>Submitted for review. Once approved, an SMS code goes to the mobile number you gave. You may close this window and continue later from &apos;Unfinished jobs&apos; on the home page.</source>
        <translation>Submitted for review. Once approved, an SMS code goes to the mobile number you gave. You may close this window and continue later from &apos;Unfinished jobs&apos; on the home page.</translation>
    </message>
    <message>
        <source>Still under review.</source>
        <translation>Still under review.</translation>
    </message>
    <message>
        <source>Asking the RA…</source>
        <translation>Asking the RA…</translation>
    </message>
    <message>
        <source>The last attempt did not finish. A new code was sent; enter it to complete.</source>
        <translation>The last attempt did not finish. A new code was sent; enter it to complete.</translation>
    </message>
    <message>
        <source>Sending a new code…</source>
        <translation>Sending a new code…</translation>
    </message>
    <message>
        <source>Checking the code…</source>
        <translation>Checking the code…</translation>
    </message>
    <message>
        <source>Plug in the USB key with serial {serial}.</source>
        <translation>Plug in the USB key with serial {serial}.</translation>
    </message>
    <message>
        <source>Setting the PIN on the key… do not unplug it.</source>
        <translation>Setting the PIN on the key… do not unplug it.</translation>
    </message>
    <message>
        <source>Activation succeeded, {tries}.</source>
        <translation>Activation succeeded, {tries}.</translation>
    </message>
    <message>
        <source>Unlock succeeded, {tries}.</source>
        <translation>Unlock succeeded, {tries}.</translation>
    </message>
    <message>
        <source>Use the new PIN from now on.</source>
        <translation>Use the new PIN from now on.</translation>
    </message>
</context>
<context>
    <name>KeyTrayIcon</name>
    <message>
        <source>Open netca-client</source>
        <translation>Open netca-client</translation>
    </message>
    <message>
        <source>My certificates</source>
        <translation>My certificates</translation>
    </message>
    <message>
        <source>My seals</source>
        <translation>My seals</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>Later</name>
    <message>
        <source>later version</source>
        <translation>later version</translation>
    </message>
    <message>
        <source>Coming in a later version of netca-client.</source>
        <translation>Coming in a later version of netca-client.</translation>
    </message>
    <message>
        <source>“{feature}” is coming in a later version. Until then, please use an acceptance point (受理点).</source>
        <translation>“{feature}” is coming in a later version. Until then, please use an acceptance point (受理点).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>netca-client security client</source>
        <translation>netca-client security client</translation>
    </message>
    <message>
        <source>PDF signing</source>
        <translation>PDF signing</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>My certificates</source>
        <translation>My certificates</translation>
    </message>
    <message>
        <source>My seals</source>
        <translation>My seals</translation>
    </message>
    <message>
        <source>Order query</source>
        <translation>Order query</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Tools</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Seal installation for key “{label}”</source>
        <translation>Seal installation for key “{label}”</translation>
    </message>
    <message>
        <source>USB key “{label}” plugged in</source>
        <translation>USB key “{label}” plugged in</translation>
    </message>
    <message>
        <source>USB key plugged in</source>
        <translation>USB key plugged in</translation>
    </message>
    <message>
        <source>USB key “{label}” removed</source>
        <translation>USB key “{label}” removed</translation>
    </message>
    <message>
        <source>USB key removed</source>
        <translation>USB key removed</translation>
    </message>
    <message>
        <source>Seal expiring</source>
        <translation>Seal expiring</translation>
    </message>
    <message>
        <source>The seal {name} expires in {n} days.</source>
        <translation>The seal {name} expires in {n} days.</translation>
    </message>
    <message>
        <source>The certificate of {holder} expires in {n} days.</source>
        <translation>The certificate of {holder} expires in {n} days.</translation>
    </message>
    <message>
        <source>Certificate expiring</source>
        <translation>Certificate expiring</translation>
    </message>
</context>
<context>
    <name>MaterialsPage</name>
    <message>
        <source>Add files…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>larger than 5 MB: will be refused</source>
        <translation>larger than 5 MB: will be refused</translation>
    </message>
    <message>
        <source>not JPG, PNG or PDF: will be refused</source>
        <translation>not JPG, PNG or PDF: will be refused</translation>
    </message>
    <message>
        <source>Your organisation has a new handler. Upload the application materials (the unlock application with the organisation&apos;s seal and the new handler&apos;s ID card): JPG, PNG or PDF, at most 5 MB each. Staff at the acceptance point review them.</source>
        <translation>Your organisation has a new handler. Upload the application materials (the unlock application with the organisation&apos;s seal and the new handler&apos;s ID card): JPG, PNG or PDF, at most 5 MB each. Staff at the acceptance point review them.</translation>
    </message>
    <message>
        <source>At most {n} files per application.</source>
        <translation>At most {n} files per application.</translation>
    </message>
</context>
<context>
    <name>NewPinPage</name>
    <message>
        <source>New PIN</source>
        <translation>New PIN</translation>
    </message>
    <message>
        <source>Repeat new PIN</source>
        <translation>Repeat new PIN</translation>
    </message>
</context>
<context>
    <name>OfferPage</name>
    <message>
        <source>Holder</source>
        <translation>Holder</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Certificate serial</source>
        <translation>Certificate serial</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expires</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Approval</translation>
    </message>
    <message>
        <source>{date} ({n} days left)</source>
        <translation>{date} ({n} days left)</translation>
    </message>
    <message>
        <source>{date} (expired)</source>
        <translation>{date} (expired)</translation>
    </message>
    <message>
        <source>asking the RA…</source>
        <translation>asking the RA…</translation>
    </message>
    <message>
        <source>{fee} a year</source>
        <translation>{fee} a year</translation>
    </message>
    <message>
        <source>reviewed by staff</source>
        <translation>reviewed by staff</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatic</translation>
    </message>
    <message>
        <source>The old certificate is revoked as soon as the new one is issued.</source>
        <translation>The old certificate is revoked as soon as the new one is issued.</translation>
    </message>
    <message>
        <source>The old certificate stays usable until the new one is installed.</source>
        <translation>The old certificate stays usable until the new one is installed.</translation>
    </message>
    <message>
        <source>This certificate can be renewed online. {revoke}</source>
        <translation>This certificate can be renewed online. {revoke}</translation>
    </message>
</context>
<context>
    <name>OrderPage</name>
    <message>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>17-digit order number</source>
        <translation>17-digit order number</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>Look up</translation>
    </message>
    <message>
        <source>Certificate for</source>
        <translation>Certificate for</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>Handler</translation>
    </message>
    <message>
        <source>Order state</source>
        <translation>Order state</translation>
    </message>
    <message>
        <source>Blank key</source>
        <translation>Blank key</translation>
    </message>
    <message>
        <source>Factory SO PIN (development vkey keys: 87654321)</source>
        <translation>Factory SO PIN (development vkey keys: 87654321)</translation>
    </message>
    <message>
        <source>Factory SO PIN</source>
        <translation>Factory SO PIN</translation>
    </message>
    <message>
        <source>Plug in a blank key: it appears in the list above.</source>
        <translation>Plug in a blank key: it appears in the list above.</translation>
    </message>
    <message>
        <source>Signed in as {name} ({username}) until {time}.</source>
        <translation>Signed in as {name} ({username}) until {time}.</translation>
    </message>
    <message>
        <source>Not needed: the key already has the SO PIN from the RA</source>
        <translation>Not needed: the key already has the SO PIN from the RA</translation>
    </message>
</context>
<context>
    <name>OrderState</name>
    <message>
        <source>Submitted</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>Under review</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Awaiting payment</source>
        <translation>Awaiting payment</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installed</translation>
    </message>
    <message>
        <source>Re-checked</source>
        <translation>Re-checked</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <source>Order query</source>
        <translation>Order query</translation>
    </message>
    <message>
        <source>17-digit order number, e.g. 00202009200000485</source>
        <translation>17-digit order number, e.g. 00202009200000485</translation>
    </message>
    <message>
        <source>Query code given with the order</source>
        <translation>Query code given with the order</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Query</translation>
    </message>
    <message>
        <source>An order number has 17 digits.</source>
        <translation>An order number has 17 digits.</translation>
    </message>
    <message>
        <source>Enter the query code given with the order.</source>
        <translation>Enter the query code given with the order.</translation>
    </message>
    <message>
        <source>No RA address is set. Enter it in Settings.</source>
        <translation>No RA address is set. Enter it in Settings.</translation>
    </message>
    <message>
        <source>Querying…</source>
        <translation>Querying…</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>Order number</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>Business</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>Holder</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>Handler</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>{amount} (paid {paid})</source>
        <translation>{amount} (paid {paid})</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>Under review</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Awaiting payment</source>
        <translation>Awaiting payment</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installed</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>New certificate</source>
        <translation>New certificate</translation>
    </message>
    <message>
        <source>Renewal</source>
        <translation>Renewal</translation>
    </message>
    <message>
        <source>Change of details</source>
        <translation>Change of details</translation>
    </message>
    <message>
        <source>Replacement</source>
        <translation>Replacement</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Seal application</source>
        <translation>Seal application</translation>
    </message>
    <message>
        <source>Seal change</source>
        <translation>Seal change</translation>
    </message>
</context>
<context>
    <name>OutputClashDialog</name>
    <message>
        <source>Output files exist</source>
        <translation>Output files exist</translation>
    </message>
    <message>
        <source>{n} signed file(s) would replace existing files:</source>
        <translation>{n} signed file(s) would replace existing files:</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… and {n} more</translation>
    </message>
    <message>
        <source>Save under new names</source>
        <translation>Save under new names</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Overwrite</translation>
    </message>
</context>
<context>
    <name>PayPage</name>
    <message>
        <source>Pay online (scan a QR code with your phone)</source>
        <translation>Pay online (scan a QR code with your phone)</translation>
    </message>
    <message>
        <source>Bank transfer (staff confirm it against the statement)</source>
        <translation>Bank transfer (staff confirm it against the statement)</translation>
    </message>
    <message>
        <source>The transfer you made</source>
        <translation>The transfer you made</translation>
    </message>
    <message>
        <source>Paid from account</source>
        <translation>Paid from account</translation>
    </message>
    <message>
        <source>Payer name</source>
        <translation>Payer name</translation>
    </message>
    <message>
        <source>Transfer date</source>
        <translation>Transfer date</translation>
    </message>
    <message>
        <source>Order {order}: {amount} to pay</source>
        <translation>Order {order}: {amount} to pay</translation>
    </message>
</context>
<context>
    <name>PaymentWaitPage</name>
    <message>
        <source>Scan the code with your phone to pay {amount}.</source>
        <translation>Scan the code with your phone to pay {amount}.</translation>
    </message>
    <message>
        <source>The client checks the payment by itself. You may close this window: the order is kept, and the renewal goes on from the home page.</source>
        <translation>The client checks the payment by itself. You may close this window: the order is kept, and the renewal goes on from the home page.</translation>
    </message>
</context>
<context>
    <name>PdfSignPage</name>
    <message>
        <source>PDF signing</source>
        <translation>PDF signing</translation>
    </message>
    <message>
        <source>Open PDFs…</source>
        <translation>Open PDFs…</translation>
    </message>
    <message>
        <source>Seal</source>
        <translation>Seal</translation>
    </message>
    <message>
        <source>Click on the page</source>
        <translation>Click on the page</translation>
    </message>
    <message>
        <source>By keyword</source>
        <translation>By keyword</translation>
    </message>
    <message>
        <source>Cross-page seal</source>
        <translation>Cross-page seal</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>Placement</translation>
    </message>
    <message>
        <source>(Seal)</source>
        <translation>(Seal)</translation>
    </message>
    <message>
        <source>First hit</source>
        <translation>First hit</translation>
    </message>
    <message>
        <source>Last hit</source>
        <translation>Last hit</translation>
    </message>
    <message>
        <source>Every hit</source>
        <translation>Every hit</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>Keyword</translation>
    </message>
    <message>
        <source>All pages, or e.g. 1-5</source>
        <translation>All pages, or e.g. 1-5</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Signature level</source>
        <translation>Signature level</translation>
    </message>
    <message>
        <source>Next to each PDF</source>
        <translation>Next to each PDF</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>Save to</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Sign</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v of %m</translation>
    </message>
    <message>
        <source>Open PDFs</source>
        <translation>Open PDFs</translation>
    </message>
    <message>
        <source>Page {n} of {total}</source>
        <translation>Page {n} of {total}</translation>
    </message>
    <message>
        <source>Seal placed on page {n}.</source>
        <translation>Seal placed on page {n}.</translation>
    </message>
    <message>
        <source>Nothing to stamp: the keyword was not found.</source>
        <translation>Nothing to stamp: the keyword was not found.</translation>
    </message>
    <message>
        <source>{n} stamps on pages {pages}.</source>
        <translation>{n} stamps on pages {pages}.</translation>
    </message>
    <message>
        <source>Open the PDFs to sign first.</source>
        <translation>Open the PDFs to sign first.</translation>
    </message>
    <message>
        <source>Plug in a key that holds a seal.</source>
        <translation>Plug in a key that holds a seal.</translation>
    </message>
    <message>
        <source>Click on the page where the seal goes.</source>
        <translation>Click on the page where the seal goes.</translation>
    </message>
    <message>
        <source>Nothing was signed.</source>
        <translation>Nothing was signed.</translation>
    </message>
    <message>
        <source>Cancelling after the current file…</source>
        <translation>Cancelling after the current file…</translation>
    </message>
    <message>
        <source>Signing {name}…</source>
        <translation>Signing {name}…</translation>
    </message>
    <message>
        <source>not signed</source>
        <translation>not signed</translation>
    </message>
    <message>
        <source>{ok} of {total} PDFs signed.</source>
        <translation>{ok} of {total} PDFs signed.</translation>
    </message>
</context>
<context>
    <name>PdfVerifyPage</name>
    <message>
        <source>Verify</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>Open a signed PDF…</source>
        <translation>Open a signed PDF…</translation>
    </message>
    <message>
        <source>Or drop a PDF here.</source>
        <translation>Or drop a PDF here.</translation>
    </message>
    <message>
        <source>Open a signed PDF</source>
        <translation>Open a signed PDF</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>Checking {name}…</translation>
    </message>
    <message>
        <source>{name}: {n} signatures; checking the changes after them…</source>
        <translation>{name}: {n} signatures; checking the changes after them…</translation>
    </message>
    <message>
        <source>{name} has no signature.</source>
        <translation>{name} has no signature.</translation>
    </message>
    <message>
        <source>{name}: {n} signatures</source>
        <translation>{name}: {n} signatures</translation>
    </message>
</context>
<context>
    <name>PendingJobs</name>
    <message>
        <source>Activate certificate</source>
        <translation>Activate certificate</translation>
    </message>
    <message>
        <source>Forgot PIN</source>
        <translation>Forgot PIN</translation>
    </message>
    <message>
        <source>Provision a key for order {order}</source>
        <translation>Provision a key for order {order}</translation>
    </message>
    <message>
        <source>Install the renewed certificate</source>
        <translation>Install the renewed certificate</translation>
    </message>
    <message>
        <source>Renew certificate, order {order}</source>
        <translation>Renew certificate, order {order}</translation>
    </message>
    <message>
        <source>Renew certificate</source>
        <translation>Renew certificate</translation>
    </message>
    <message>
        <source>Change seal, order {order}</source>
        <translation>Change seal, order {order}</translation>
    </message>
    <message>
        <source>Apply for a seal, order {order}</source>
        <translation>Apply for a seal, order {order}</translation>
    </message>
    <message>
        <source>{what} · key {serial} · started {time}</source>
        <translation>{what} · key {serial} · started {time}</translation>
    </message>
    <message>
        <source>Seal application {order}: {state}</source>
        <extracomment>{key serial: &quot;install&quot; | &quot;under_way&quot;} for the renewals of the journal (主页 cards)</extracomment>
        <translation>Seal application {order}: {state}</translation>
    </message>
</context>
<context>
    <name>PendingJobsBanner</name>
    <message>
        <source>Unfinished jobs</source>
        <translation>Unfinished jobs</translation>
    </message>
    <message>
        <source>An earlier job did not finish. Continue it to complete it safely.</source>
        <translation>An earlier job did not finish. Continue it to complete it safely.</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>Nothing on the key was changed yet: drop this job and start again.</source>
        <translation>Nothing on the key was changed yet: drop this job and start again.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>PinChangeDialog</name>
    <message>
        <source>Change PIN</source>
        <translation>Change PIN</translation>
    </message>
    <message>
        <source>Change the PIN of key “{label}”.</source>
        <translation>Change the PIN of key “{label}”.</translation>
    </message>
    <message>
        <source>Current PIN</source>
        <translation>Current PIN</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>New PIN</translation>
    </message>
    <message>
        <source>Repeat new PIN</source>
        <translation>Repeat new PIN</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>I understand: this is the final try, one more wrong PIN locks the key.</source>
        <translation>I understand: this is the final try, one more wrong PIN locks the key.</translation>
    </message>
</context>
<context>
    <name>PinEntryDialog</name>
    <message>
        <source>Enter PIN</source>
        <translation>Enter PIN</translation>
    </message>
    <message>
        <source>Enter the PIN of key “{label}”.</source>
        <translation>Enter the PIN of key “{label}”.</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
</context>
<context>
    <name>PinFlows</name>
    <message>
        <source>The PIN is correct.</source>
        <translation>The PIN is correct.</translation>
    </message>
    <message>
        <source>The PIN was changed.</source>
        <translation>The PIN was changed.</translation>
    </message>
</context>
<context>
    <name>PinLockedDialog</name>
    <message>
        <source>Key locked</source>
        <translation>Key locked</translation>
    </message>
    <message>
        <source>The PIN of key “{label}” is locked after too many wrong tries.
Unlock it with Forgot PIN: an SMS code goes to your organisation&apos;s handler.</source>
        <translation>The PIN of key “{label}” is locked after too many wrong tries.
Unlock it with Forgot PIN: an SMS code goes to your organisation&apos;s handler.</translation>
    </message>
    <message>
        <source>Forgot PIN</source>
        <translation>Forgot PIN</translation>
    </message>
</context>
<context>
    <name>PinPolicyChecklist</name>
    <message>
        <source>Both new PINs match</source>
        <translation>Both new PINs match</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <source>Do not unplug the key while it is being prepared.</source>
        <translation>Do not unplug the key while it is being prepared.</translation>
    </message>
    <message>
        <source>Get the key&apos;s SO PIN from the RA</source>
        <translation>Get the key&apos;s SO PIN from the RA</translation>
    </message>
    <message>
        <source>Set the SO PIN</source>
        <translation>Set the SO PIN</translation>
    </message>
    <message>
        <source>Set a random user PIN</source>
        <translation>Set a random user PIN</translation>
    </message>
    <message>
        <source>Generate the key pair on the key</source>
        <translation>Generate the key pair on the key</translation>
    </message>
    <message>
        <source>Have the certificate issued</source>
        <translation>Have the certificate issued</translation>
    </message>
    <message>
        <source>Install the certificate</source>
        <translation>Install the certificate</translation>
    </message>
    <message>
        <source>Register the key with the RA</source>
        <translation>Register the key with the RA</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>ProvisioningWizard</name>
    <message>
        <source>Acceptance point mode</source>
        <translation>Acceptance point mode</translation>
    </message>
    <message>
        <source>Staff sign-in</source>
        <translation>Staff sign-in</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Provision a key</source>
        <translation>Provision a key</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Preparing the key</source>
        <translation>Preparing the key</translation>
    </message>
    <message>
        <source>Provision another key</source>
        <translation>Provision another key</translation>
    </message>
    <message>
        <source>Key ready</source>
        <translation>Key ready</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Reading the stored sign-in…</source>
        <translation>Reading the stored sign-in…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation>Signing out…</translation>
    </message>
    <message>
        <source>An order number has 17 digits.</source>
        <translation>An order number has 17 digits.</translation>
    </message>
    <message>
        <source>Looking up the order…</source>
        <translation>Looking up the order…</translation>
    </message>
    <message>
        <source>Preparing the key…</source>
        <translation>Preparing the key…</translation>
    </message>
    <message>
        <source>The key of {holder} is ready and awaits activation by its holder.</source>
        <translation>The key of {holder} is ready and awaits activation by its holder.</translation>
    </message>
    <message>
        <source>Order {order} · key {key} · certificate serial {serial}</source>
        <translation>Order {order} · key {key} · certificate serial {serial}</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <extracomment>Qt&apos;s own texts that Qt&apos;s qtbase_zh_CN.qm (PySide6 6.11) leaves untranslated; our .ts translates them in Qt&apos;s context, and our translator is asked first.</extracomment>
        <translation>&amp;Look in:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Files of &amp;type:</translation>
    </message>
</context>
<context>
    <name>Renewal</name>
    <message>
        <source>The certificate expired on {date}. An expired certificate cannot be renewed online: renew it at an acceptance point, or by mail, with the USB key and the application materials.</source>
        <translation>The certificate expired on {date}. An expired certificate cannot be renewed online: renew it at an acceptance point, or by mail, with the USB key and the application materials.</translation>
    </message>
    <message>
        <source>The certificate is revoked and cannot be renewed. Apply for a new certificate at an acceptance point.</source>
        <translation>The certificate is revoked and cannot be renewed. Apply for a new certificate at an acceptance point.</translation>
    </message>
    <message>
        <source>The certificate expires on {date}. It can be renewed online within {n} days before that, from {start}.</source>
        <translation>The certificate expires on {date}. It can be renewed online within {n} days before that, from {start}.</translation>
    </message>
    <message>
        <source>This service is not renewed online (the certificate expires on {date}): renew it at an acceptance point or by mail.</source>
        <translation>This service is not renewed online (the certificate expires on {date}): renew it at an acceptance point or by mail.</translation>
    </message>
    <message>
        <source>A paid renewal of this certificate is under way: install it from the home page (Install certificate).</source>
        <translation>A paid renewal of this certificate is under way: install it from the home page (Install certificate).</translation>
    </message>
    <message>
        <source>The RA has no record of this certificate, so it cannot be renewed online: renew it at an acceptance point.</source>
        <translation>The RA has no record of this certificate, so it cannot be renewed online: renew it at an acceptance point.</translation>
    </message>
</context>
<context>
    <name>RenewalWizard</name>
    <message>
        <source>Renew certificate</source>
        <extracomment>seconds between questions to the RA while a payment or a review is pending: 1, 2, 4 … 15</extracomment>
        <translation>Renew certificate</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Service agreement</source>
        <translation>Service agreement</translation>
    </message>
    <message>
        <source>Years, handler and invoice</source>
        <translation>Years, handler and invoice</translation>
    </message>
    <message>
        <source>Enter the PIN of the key. A new key pair is made on the key; the renewal request is signed by it and proven by your current certificate&apos;s key.</source>
        <translation>Enter the PIN of the key. A new key pair is made on the key; the renewal request is signed by it and proven by your current certificate&apos;s key.</translation>
    </message>
    <message>
        <source>Sign the renewal request</source>
        <translation>Sign the renewal request</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>Pay</translation>
    </message>
    <message>
        <source>Waiting for the payment</source>
        <translation>Waiting for the payment</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Renewal under way</source>
        <translation>Renewal under way</translation>
    </message>
    <message>
        <source>The new certificate is issued. Enter the PIN to write it to the key. Your current certificate stays usable until the new one is written and checked.</source>
        <translation>The new certificate is issued. Enter the PIN to write it to the key. Your current certificate stays usable until the new one is written and checked.</translation>
    </message>
    <message>
        <source>Install certificate</source>
        <translation>Install certificate</translation>
    </message>
    <message>
        <source>Install</source>
        <translation>Install</translation>
    </message>
    <message>
        <source>Plug in the key</source>
        <translation>Plug in the key</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Cannot continue</source>
        <translation>Cannot continue</translation>
    </message>
    <message>
        <source>Online renewal is not possible</source>
        <translation>Online renewal is not possible</translation>
    </message>
    <message>
        <source>Order {order} · {years} years · {amount}</source>
        <translation>Order {order} · {years} years · {amount}</translation>
    </message>
    <message>
        <source>{years} years · {amount}</source>
        <translation>{years} years · {amount}</translation>
    </message>
    <message>
        <source>This key holds no certificate to renew.</source>
        <translation>This key holds no certificate to renew.</translation>
    </message>
    <message>
        <source>Asking the RA about this certificate…</source>
        <translation>Asking the RA about this certificate…</translation>
    </message>
    <message>
        <source>{holder}, certificate {serial}, expires {date}</source>
        <translation>{holder}, certificate {serial}, expires {date}</translation>
    </message>
    <message>
        <source>Making a new key pair and sending the request… do not unplug the key.</source>
        <translation>Making a new key pair and sending the request… do not unplug the key.</translation>
    </message>
    <message>
        <source>The key was unplugged. Your current certificate is still usable; plug the key in again and continue from the home page.</source>
        <translation>The key was unplugged. Your current certificate is still usable; plug the key in again and continue from the home page.</translation>
    </message>
    <message>
        <source>Plug in the USB key with serial {serial}.</source>
        <translation>Plug in the USB key with serial {serial}.</translation>
    </message>
    <message>
        <source>Asking the RA how far the renewal got…</source>
        <translation>Asking the RA how far the renewal got…</translation>
    </message>
    <message>
        <source>The RA could not be asked about the renewal.</source>
        <translation>The RA could not be asked about the renewal.</translation>
    </message>
    <message>
        <source>Starting again…</source>
        <translation>Starting again…</translation>
    </message>
    <message>
        <source>The renewal is being reviewed by staff.</source>
        <translation>The renewal is being reviewed by staff.</translation>
    </message>
    <message>
        <source>Once approved you can pay here. You may close this window.</source>
        <translation>Once approved you can pay here. You may close this window.</translation>
    </message>
    <message>
        <source>Paid. The RA is issuing the new certificate…</source>
        <translation>Paid. The RA is issuing the new certificate…</translation>
    </message>
    <message>
        <source>Bank transfer reported: waiting for the acceptance point to confirm it.</source>
        <translation>Bank transfer reported: waiting for the acceptance point to confirm it.</translation>
    </message>
    <message>
        <source>Staff check the transfer against the bank statement. You may close this window; the certificate installs from the home page once it is confirmed.</source>
        <translation>Staff check the transfer against the bank statement. You may close this window; the certificate installs from the home page once it is confirmed.</translation>
    </message>
    <message>
        <source>Waiting for the payment to be confirmed…</source>
        <translation>Waiting for the payment to be confirmed…</translation>
    </message>
    <message>
        <source>You may close this window; the renewal goes on from the home page.</source>
        <translation>You may close this window; the renewal goes on from the home page.</translation>
    </message>
    <message>
        <source>Starting the payment…</source>
        <translation>Starting the payment…</translation>
    </message>
    <message>
        <source>The new certificate is issued and waits to be installed. Plug in the USB key with serial {serial}.</source>
        <translation>The new certificate is issued and waits to be installed. Plug in the USB key with serial {serial}.</translation>
    </message>
    <message>
        <source>Writing the new certificate to the key… do not unplug it.</source>
        <translation>Writing the new certificate to the key… do not unplug it.</translation>
    </message>
    <message>
        <source>New certificate {serial}, valid until {date}.</source>
        <translation>New certificate {serial}, valid until {date}.</translation>
    </message>
    <message>
        <source>The old key can decrypt: it was kept on the key, labelled archived.</source>
        <translation>The old key can decrypt: it was kept on the key, labelled archived.</translation>
    </message>
    <message>
        <source>The certificate was renewed and installed.</source>
        <translation>The certificate was renewed and installed.</translation>
    </message>
    <message>
        <source>The renewal order was cancelled.</source>
        <translation>The renewal order was cancelled.</translation>
    </message>
    <message>
        <source>The renewal was rejected.</source>
        <translation>The renewal was rejected.</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Reason: {reason}</translation>
    </message>
    <message>
        <source>The new certificate was already installed elsewhere.</source>
        <translation>The new certificate was already installed elsewhere.</translation>
    </message>
    <message>
        <source>The renewal cannot go on.</source>
        <translation>The renewal cannot go on.</translation>
    </message>
</context>
<context>
    <name>SealAction</name>
    <message>
        <source>Apply for a seal</source>
        <translation>Apply for a seal</translation>
    </message>
    <message>
        <source>Change seal</source>
        <translation>Change seal</translation>
    </message>
    <message>
        <source>Continue seal application</source>
        <translation>Continue seal application</translation>
    </message>
    <message>
        <source>Edit details</source>
        <translation>Edit details</translation>
    </message>
    <message>
        <source>Install seal</source>
        <translation>Install seal</translation>
    </message>
</context>
<context>
    <name>SealCard</name>
    <message>
        <source>(picture cannot be shown)</source>
        <translation>(picture cannot be shown)</translation>
    </message>
    <message>
        <source>On key {key}</source>
        <translation>On key {key}</translation>
    </message>
    <message>
        <source>Valid {start} to {end}</source>
        <translation>Valid {start} to {end}</translation>
    </message>
    <message>
        <source>Official seal (公章)</source>
        <translation>Official seal (公章)</translation>
    </message>
    <message>
        <source>Contract seal (合同专用章)</source>
        <translation>Contract seal (合同专用章)</translation>
    </message>
    <message>
        <source>Finance seal (财务专用章)</source>
        <translation>Finance seal (财务专用章)</translation>
    </message>
    <message>
        <source>Legal representative&apos;s seal (法人章)</source>
        <translation>Legal representative&apos;s seal (法人章)</translation>
    </message>
    <message>
        <source>Personal seal or signature</source>
        <translation>Personal seal or signature</translation>
    </message>
    <message>
        <source>Invoice seal (发票专用章)</source>
        <translation>Invoice seal (发票专用章)</translation>
    </message>
    <message>
        <source>Other seal</source>
        <translation>Other seal</translation>
    </message>
    <message>
        <source>Maker: (certificate unreadable)</source>
        <translation>Maker: (certificate unreadable)</translation>
    </message>
    <message>
        <source>Maker: {name}</source>
        <translation>Maker: {name}</translation>
    </message>
    <message>
        <source> (on this key)</source>
        <translation> (on this key)</translation>
    </message>
    <message>
        <source>For certificates: {names}</source>
        <translation>For certificates: {names}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>the seal has expired</source>
        <translation>the seal has expired</translation>
    </message>
    <message>
        <source>the seal is not valid yet</source>
        <translation>the seal is not valid yet</translation>
    </message>
    <message>
        <source>not issued for the certificates on this key</source>
        <translation>not issued for the certificates on this key</translation>
    </message>
    <message>
        <source>its maker is not trusted</source>
        <translation>its maker is not trusted</translation>
    </message>
    <message>
        <source>its maker certificate cannot be read</source>
        <translation>its maker certificate cannot be read</translation>
    </message>
    <message>
        <source>its maker cannot be checked here</source>
        <translation>its maker cannot be checked here</translation>
    </message>
    <message>
        <source>the seal was altered after it was made</source>
        <translation>the seal was altered after it was made</translation>
    </message>
    <message>
        <source>SM2 signature not verifiable here</source>
        <translation>SM2 signature not verifiable here</translation>
    </message>
    <message>
        <source>its picture is damaged</source>
        <translation>its picture is damaged</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>Valid seal</source>
        <translation>Valid seal</translation>
    </message>
    <message>
        <source>Intact, but not trusted here: {reasons}. If you trust where it comes from, add its maker&apos;s root certificate to the trusted roots.</source>
        <translation>Intact, but not trusted here: {reasons}. If you trust where it comes from, add its maker&apos;s root certificate to the trusted roots.</translation>
    </message>
    <message>
        <source>Cannot be checked: {reasons}</source>
        <translation>Cannot be checked: {reasons}</translation>
    </message>
    <message>
        <source>Not valid: {reasons}</source>
        <translation>Not valid: {reasons}</translation>
    </message>
    <message>
        <source>Seal data is damaged</source>
        <translation>Seal data is damaged</translation>
    </message>
</context>
<context>
    <name>SealDetailsPage</name>
    <message>
        <source>As on the physical seal, e.g. 广州示例科技有限公司</source>
        <translation>As on the physical seal, e.g. 广州示例科技有限公司</translation>
    </message>
    <message>
        <source>Seal kind</source>
        <translation>Seal kind</translation>
    </message>
    <message>
        <source>Seal name</source>
        <translation>Seal name</translation>
    </message>
    <message>
        <source>Seal size</source>
        <translation>Seal size</translation>
    </message>
    <message>
        <source>PIN (signs the application on the key)</source>
        <translation>PIN (signs the application on the key)</translation>
    </message>
    <message>
        <source>Official seal (公章)</source>
        <translation>Official seal (公章)</translation>
    </message>
    <message>
        <source>Contract seal (合同专用章)</source>
        <translation>Contract seal (合同专用章)</translation>
    </message>
    <message>
        <source>The seal name contains invisible or control characters.</source>
        <translation>The seal name contains invisible or control characters.</translation>
    </message>
</context>
<context>
    <name>SealFormPage</name>
    <message>
        <source>1. Save the seal application form (电子印章申请表) and print it.
2. Stamp it with the physical seal: three samples in each box, clear and complete.
3. Scan it in colour and add the scan here (JPG, PNG or PDF, at most 5 MB each), then submit.</source>
        <translation>1. Save the seal application form (电子印章申请表) and print it.
2. Stamp it with the physical seal: three samples in each box, clear and complete.
3. Scan it in colour and add the scan here (JPG, PNG or PDF, at most 5 MB each), then submit.</translation>
    </message>
    <message>
        <source>Save application form…</source>
        <translation>Save application form…</translation>
    </message>
    <message>
        <source>Add scans…</source>
        <translation>Add scans…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Edit details</source>
        <translation>Edit details</translation>
    </message>
    <message>
        <source>Order {order} (revision {revision})</source>
        <translation>Order {order} (revision {revision})</translation>
    </message>
    <message>
        <source>Form saved to {path}</source>
        <translation>Form saved to {path}</translation>
    </message>
    <message>
        <source>larger than 5 MB: will be refused</source>
        <translation>larger than 5 MB: will be refused</translation>
    </message>
    <message>
        <source>not JPG, PNG or PDF: will be refused</source>
        <translation>not JPG, PNG or PDF: will be refused</translation>
    </message>
    <message>
        <source>At most {n} files per application.</source>
        <translation>At most {n} files per application.</translation>
    </message>
</context>
<context>
    <name>SealState</name>
    <message>
        <source>Seal application unfinished</source>
        <translation>Seal application unfinished</translation>
    </message>
    <message>
        <source>Seal application: upload the stamped form</source>
        <translation>Seal application: upload the stamped form</translation>
    </message>
    <message>
        <source>Seal application under review</source>
        <translation>Seal application under review</translation>
    </message>
    <message>
        <source>Seal waiting to be installed</source>
        <translation>Seal waiting to be installed</translation>
    </message>
    <message>
        <source>Seal application rejected: {reason}</source>
        <translation>Seal application rejected: {reason}</translation>
    </message>
    <message>
        <source>Seal application ended</source>
        <translation>Seal application ended</translation>
    </message>
    <message>
        <source>Seal installed</source>
        <translation>Seal installed</translation>
    </message>
</context>
<context>
    <name>SealWizard</name>
    <message>
        <source>Seal details</source>
        <translation>Seal details</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>Application form and scans</source>
        <translation>Application form and scans</translation>
    </message>
    <message>
        <source>Submit application</source>
        <translation>Submit application</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Edit details</source>
        <translation>Edit details</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>Under review</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Install seal</source>
        <translation>Install seal</translation>
    </message>
    <message>
        <source>Seal installed</source>
        <translation>Seal installed</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Seal application</source>
        <translation>Seal application</translation>
    </message>
    <message>
        <source>Change seal</source>
        <translation>Change seal</translation>
    </message>
    <message>
        <source>Apply for a seal</source>
        <translation>Apply for a seal</translation>
    </message>
    <message>
        <source>A changed seal replaces the seal on the key once the new one is installed and verified. Enter the new seal&apos;s details.</source>
        <translation>A changed seal replaces the seal on the key once the new one is installed and verified. Enter the new seal&apos;s details.</translation>
    </message>
    <message>
        <source>Enter the seal&apos;s name exactly as on the physical seal, and the handler (经办人). The application is signed on the key with its signing certificate.</source>
        <translation>Enter the seal&apos;s name exactly as on the physical seal, and the handler (经办人). The application is signed on the key with its signing certificate.</translation>
    </message>
    <message>
        <source>Asking the RA…</source>
        <translation>Asking the RA…</translation>
    </message>
    <message>
        <source>Under review (审核中). Order {order}.</source>
        <translation>Under review (审核中). Order {order}.</translation>
    </message>
    <message>
        <source>Staff at the acceptance point check the stamped form. You may close this window: the application is listed under unfinished jobs. Until it is decided you may still edit the details.</source>
        <translation>Staff at the acceptance point check the stamped form. You may close this window: the application is listed under unfinished jobs. Until it is decided you may still edit the details.</translation>
    </message>
    <message>
        <source>Seal waiting to be installed (印章待安装): {name}</source>
        <translation>Seal waiting to be installed (印章待安装): {name}</translation>
    </message>
    <message>
        <source>Keep the key plugged in. The new seal is written to the key, read back and verified; a seal it replaces is removed only after that.</source>
        <translation>Keep the key plugged in. The new seal is written to the key, read back and verified; a seal it replaces is removed only after that.</translation>
    </message>
    <message>
        <source>It replaced the previous seal.</source>
        <translation>It replaced the previous seal.</translation>
    </message>
    <message>
        <source>Seal installed (印章安装成功): {name}</source>
        <translation>Seal installed (印章安装成功): {name}</translation>
    </message>
    <message>
        <source>Order query (业务查询): order {order}, query code {token}</source>
        <translation>Order query (业务查询): order {order}, query code {token}</translation>
    </message>
    <message>
        <source>The acceptance point rejected the seal application.</source>
        <translation>The acceptance point rejected the seal application.</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Reason: {reason}</translation>
    </message>
    <message>
        <source>The seal application was withdrawn.</source>
        <translation>The seal application was withdrawn.</translation>
    </message>
    <message>
        <source>This seal application is already finished.</source>
        <translation>This seal application is already finished.</translation>
    </message>
    <message>
        <source>Still under review.</source>
        <translation>Still under review.</translation>
    </message>
    <message>
        <source>Correct the details. The earlier ones are kept in the application&apos;s history; then save the new form, stamp it and upload its scan again.</source>
        <translation>Correct the details. The earlier ones are kept in the application&apos;s history; then save the new form, stamp it and upload its scan again.</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Plug in the key {serial} first.</source>
        <translation>Plug in the key {serial} first.</translation>
    </message>
    <message>
        <source>Signing the application on the key and sending it…</source>
        <translation>Signing the application on the key and sending it…</translation>
    </message>
    <message>
        <source>Save application form</source>
        <translation>Save application form</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Downloading the form…</source>
        <translation>Downloading the form…</translation>
    </message>
    <message>
        <source>Choose the scans of the stamped form</source>
        <translation>Choose the scans of the stamped form</translation>
    </message>
    <message>
        <source>Writing the seal to the key and verifying it…</source>
        <translation>Writing the seal to the key and verifying it…</translation>
    </message>
</context>
<context>
    <name>SealsPage</name>
    <message>
        <source>My seals</source>
        <translation>My seals</translation>
    </message>
    <message>
        <source>No seal on the plugged-in keys.</source>
        <translation>No seal on the plugged-in keys.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Settings file</source>
        <translation>Settings file</translation>
    </message>
    <message>
        <source>RA address</source>
        <translation>RA address</translation>
    </message>
    <message>
        <source>The RA&apos;s: {url}</source>
        <translation>The RA&apos;s: {url}</translation>
    </message>
    <message>
        <source>Time-stamp service</source>
        <translation>Time-stamp service</translation>
    </message>
    <message>
        <source>Only the built-in roots. One PEM file a line adds its roots.</source>
        <translation>Only the built-in roots. One PEM file a line adds its roots.</translation>
    </message>
    <message>
        <source>Trusted roots</source>
        <translation>Trusted roots</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>None: the drivers of known keys are found</source>
        <translation>None: the drivers of known keys are found</translation>
    </message>
    <message>
        <source>Additional PKCS#11 driver</source>
        <translation>Additional PKCS#11 driver</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Drivers in use</source>
        <translation>Drivers in use</translation>
    </message>
    <message>
        <source>Virtual keys</source>
        <translation>Virtual keys</translation>
    </message>
    <message>
        <source>Saved to {path}. Changes apply after a restart.</source>
        <translation>Saved to {path}. Changes apply after a restart.</translation>
    </message>
    <message>
        <source>Expiry reminders (days before)</source>
        <translation>Expiry reminders (days before)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>{name} ({path})</source>
        <translation>{name} ({path})</translation>
    </message>
    <message>
        <source>Not usable: {name}: {reason}</source>
        <translation>Not usable: {name}: {reason}</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Reminders must be whole numbers of days, separated by commas.</source>
        <translation>Reminders must be whole numbers of days, separated by commas.</translation>
    </message>
    <message>
        <source>Could not save the settings: {error}</source>
        <translation>Could not save the settings: {error}</translation>
    </message>
</context>
<context>
    <name>SignatureCard</name>
    <message>
        <source>(no seal image)</source>
        <translation>(no seal image)</translation>
    </message>
    <message>
        <source>Signed by {signer}</source>
        <translation>Signed by {signer}</translation>
    </message>
    <message>
        <source>Signing time: {time}</source>
        <translation>Signing time: {time}</translation>
    </message>
    <message>
        <source>Time-stamp: {time} ({tsa})</source>
        <translation>Time-stamp: {time} ({tsa})</translation>
    </message>
    <message>
        <source>Valid: signed by the holder and unchanged since</source>
        <translation>Valid: signed by the holder and unchanged since</translation>
    </message>
    <message>
        <source>Signature intact, but the document was changed afterwards</source>
        <translation>Signature intact, but the document was changed afterwards</translation>
    </message>
    <message>
        <source>Intact, but the signer cannot be confirmed here</source>
        <translation>Intact, but the signer cannot be confirmed here</translation>
    </message>
    <message>
        <source>Not valid: the signed document was altered or the certificate revoked</source>
        <translation>Not valid: the signed document was altered or the certificate revoked</translation>
    </message>
    <message>
        <source>Signature intact; checking the changes made after it…</source>
        <translation>Signature intact; checking the changes made after it…</translation>
    </message>
    <message>
        <source>integrity OK</source>
        <translation>integrity OK</translation>
    </message>
    <message>
        <source>integrity broken</source>
        <translation>integrity broken</translation>
    </message>
    <message>
        <source>signer trusted</source>
        <translation>signer trusted</translation>
    </message>
    <message>
        <source>signer not trusted here</source>
        <translation>signer not trusted here</translation>
    </message>
    <message>
        <source>certificate not revoked</source>
        <translation>certificate not revoked</translation>
    </message>
    <message>
        <source>certificate revoked</source>
        <translation>certificate revoked</translation>
    </message>
    <message>
        <source>revocation not checked</source>
        <translation>revocation not checked</translation>
    </message>
    <message>
        <source>revocation check failed</source>
        <translation>revocation check failed</translation>
    </message>
    <message>
        <source>covers the whole document</source>
        <translation>covers the whole document</translation>
    </message>
    <message>
        <source>later changes: being analysed</source>
        <translation>later changes: being analysed</translation>
    </message>
    <message>
        <source>later changes: {changes}</source>
        <translation>later changes: {changes}</translation>
    </message>
</context>
<context>
    <name>StaffSignInPage</name>
    <message>
        <source>Sign in with your acceptance-point staff account of the RA.</source>
        <translation>Sign in with your acceptance-point staff account of the RA.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>The session is kept in the system keyring until it expires.</source>
        <translation>The session is kept in the system keyring until it expires.</translation>
    </message>
    <message>
        <source>No system keyring was found: the session is kept only until the client closes.</source>
        <translation>No system keyring was found: the session is kept only until the client closes.</translation>
    </message>
</context>
<context>
    <name>StepStrip</name>
    <message>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Sign</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>Pay</translation>
    </message>
    <message>
        <source>Install</source>
        <translation>Install</translation>
    </message>
</context>
<context>
    <name>ToolsPage</name>
    <message>
        <source>Tools</source>
        <translation>Tools</translation>
    </message>
    <message>
        <source>Acceptance point mode</source>
        <translation>Acceptance point mode</translation>
    </message>
    <message>
        <source>For acceptance-point staff: prepare blank keys for approved orders.</source>
        <translation>For acceptance-point staff: prepare blank keys for approved orders.</translation>
    </message>
    <message>
        <source>Diagnostics show the drivers and keys the client sees and whether the RA answers. Serial numbers are partly hidden; no PIN is ever in them.</source>
        <translation>Diagnostics show the drivers and keys the client sees and whether the RA answers. Serial numbers are partly hidden; no PIN is ever in them.</translation>
    </message>
    <message>
        <source>ZIP (*.zip)</source>
        <translation>ZIP (*.zip)</translation>
    </message>
    <message>
        <source>Could not save {path}: {error}</source>
        <translation>Could not save {path}: {error}</translation>
    </message>
    <message>
        <source>Diagnostics saved to {path}</source>
        <translation>Diagnostics saved to {path}</translation>
    </message>
    <message>
        <source>Run diagnostics</source>
        <translation>Run diagnostics</translation>
    </message>
    <message>
        <source>Export diagnostics bundle…</source>
        <translation>Export diagnostics bundle…</translation>
    </message>
    <message>
        <source>Running diagnostics…</source>
        <translation>Running diagnostics…</translation>
    </message>
    <message>
        <source>Export diagnostics</source>
        <translation>Export diagnostics</translation>
    </message>
</context>
<context>
    <name>UnlockWizard</name>
    <message>
        <source>Forgot PIN</source>
        <translation>Forgot PIN</translation>
    </message>
    <message>
        <source>Forgot PIN: who is the handler?</source>
        <translation>Forgot PIN: who is the handler?</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Upload application materials</source>
        <translation>Upload application materials</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>Submit for review</translation>
    </message>
    <message>
        <source>Asking the RA…</source>
        <translation>Asking the RA…</translation>
    </message>
    <message>
        <source>Choose application materials</source>
        <translation>Choose application materials</translation>
    </message>
</context>
<context>
    <name>UpdateOfferDialog</name>
    <message>
        <source>Update available</source>
        <translation>Update available</translation>
    </message>
    <message>
        <source>netca-client {version} is available (you have {current}).</source>
        <translation>netca-client {version} is available (you have {current}).</translation>
    </message>
    <message>
        <source>File: {name}, {size:.1f} MB. The release list is signed; the file is checked against its SHA-256 before it can be opened. Nothing is installed until you click Install.</source>
        <translation>File: {name}, {size:.1f} MB. The release list is signed; the file is checked against its SHA-256 before it can be opened. Nothing is installed until you click Install.</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>Install</source>
        <translation>Install</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>Downloading and checking…</source>
        <translation>Downloading and checking…</translation>
    </message>
    <message>
        <source>Downloaded and checked (SHA-256 matches): {path}</source>
        <translation>Downloaded and checked (SHA-256 matches): {path}</translation>
    </message>
</context>
<context>
    <name>WebBridgeBox</name>
    <message>
        <source>Web login</source>
        <translation>Web login</translation>
    </message>
    <message>
        <source>Let web sites I allow use my USB key to log in and sign</source>
        <translation>Let web sites I allow use my USB key to log in and sign</translation>
    </message>
    <message>
        <source>Web site</source>
        <translation>Web site</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Set by</source>
        <translation>Set by</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>Allow</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Forget</translation>
    </message>
    <message>
        <source>Listening on 127.0.0.1:{port} (this computer only).</source>
        <translation>Listening on 127.0.0.1:{port} (this computer only).</translation>
    </message>
    <message>
        <source>Could not start: {error}</source>
        <translation>Could not start: {error}</translation>
    </message>
    <message>
        <source>Off: web sites cannot reach the key.</source>
        <translation>Off: web sites cannot reach the key.</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>Allowed</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>You</source>
        <translation>You</translation>
    </message>
    <message>
        <source>Not a web site address this client serves: use https://name (or http://localhost in development).</source>
        <translation>Not a web site address this client serves: use https://name (or http://localhost in development).</translation>
    </message>
    <message>
        <source>Your administrator set this web site; it cannot be changed here.</source>
        <translation>Your administrator set this web site; it cannot be changed here.</translation>
    </message>
    <message>
        <source>Could not save the settings: {error}</source>
        <translation>Could not save the settings: {error}</translation>
    </message>
</context>
<context>
    <name>WebConsentDialog</name>
    <message>
        <source>Web login</source>
        <translation>Web login</translation>
    </message>
    <message>
        <source>Allow {origin} to use your USB key to log in?</source>
        <translation>Allow {origin} to use your USB key to log in?</translation>
    </message>
    <message>
        <source>The site will see the certificates on your keys (name, organisation, serial) and can ask for signatures. Each signature still needs your PIN, entered here in netca-client; the site never sees the PIN.
You can change this later in Settings → Web login.</source>
        <translation>The site will see the certificates on your keys (name, organisation, serial) and can ask for signatures. Each signature still needs your PIN, entered here in netca-client; the site never sees the PIN.
You can change this later in Settings → Web login.</translation>
    </message>
    <message>
        <source>Allow once</source>
        <translation>Allow once</translation>
    </message>
    <message>
        <source>Always allow</source>
        <translation>Always allow</translation>
    </message>
    <message>
        <source>Never allow</source>
        <translation>Never allow</translation>
    </message>
</context>
<context>
    <name>WebSignDialog</name>
    <message>
        <source>Signature requested by a web site</source>
        <translation>Signature requested by a web site</translation>
    </message>
    <message>
        <source>{origin} asks you to log in with your USB key.</source>
        <translation>{origin} asks you to log in with your USB key.</translation>
    </message>
    <message>
        <source>{origin} asks you to sign data with your USB key.</source>
        <translation>{origin} asks you to sign data with your USB key.</translation>
    </message>
    <message>
        <source>Web site</source>
        <translation>Web site</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>Issued by {issuer} · serial {serial} · valid until {date}</source>
        <translation>Issued by {issuer} · serial {serial} · valid until {date}</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Description (from the site)</source>
        <translation>Description (from the site)</translation>
    </message>
    <message>
        <source>SHA-256 of the data</source>
        <translation>SHA-256 of the data</translation>
    </message>
    <message>
        <source>What is signed:</source>
        <translation>What is signed:</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Sign</translation>
    </message>
</context>
<context>
    <name>WizardDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Images and PDF (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>Images and PDF (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation>Submitting…</translation>
    </message>
    <message>
        <source>Uploading {name} ({i} of {n})…</source>
        <translation>Uploading {name} ({i} of {n})…</translation>
    </message>
</context>
</TS>
