// BouncyCastle as the outside checker of SM2 outputs (tests/gm, tests/interop/test_sm2.py).
// Arguments: items "mode|file|file"; modes: cms|cms.der|content, cert|cert.der|issuer.der,
// crl|crl.der|issuer.der, ocsp|response.der|issuer.der, csr|csr.der. BouncyCastle's
// SM3withSM2 uses the GM/T 0009 ID 1234567812345678. One JSON line per item after a hello.
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.Security;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

public class Sm2Check {
    static byte[] read(String path) throws Exception {
        return Files.readAllBytes(Paths.get(path));
    }

    static ContentVerifierProvider issuer(String path) throws Exception {
        return new JcaContentVerifierProviderBuilder().setProvider("BC")
            .build(new X509CertificateHolder(read(path)));
    }

    static String check(String[] p) throws Exception {
        switch (p[0]) {
            case "cms": {
                CMSSignedData data = new CMSSignedData(new CMSProcessableByteArray(read(p[2])), read(p[1]));
                StringBuilder algs = new StringBuilder();
                for (SignerInformation signer : data.getSignerInfos().getSigners()) {
                    X509CertificateHolder holder = (X509CertificateHolder) data.getCertificates()
                        .getMatches(signer.getSID()).iterator().next();
                    X509Certificate cert = new JcaX509CertificateConverter().setProvider("BC").getCertificate(holder);
                    if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider("BC").build(cert)))
                        return "signature does not verify";
                    algs.append(signer.getEncryptionAlgOID()).append('/').append(signer.getDigestAlgOID());
                }
                return "ok " + algs;
            }
            case "cert":
                return new X509CertificateHolder(read(p[1])).isSignatureValid(issuer(p[2])) ? "ok" : "bad";
            case "crl":
                return new X509CRLHolder(read(p[1])).isSignatureValid(issuer(p[2])) ? "ok" : "bad";
            case "ocsp": {
                BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(OCSPResponse.getInstance(read(p[1]))).getResponseObject();
                return basic.isSignatureValid(issuer(p[2])) ? "ok" : "bad";
            }
            case "csr": {
                PKCS10CertificationRequest csr = new PKCS10CertificationRequest(read(p[1]));
                return csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider("BC")
                    .build(csr.getSubjectPublicKeyInfo())) ? "ok" : "bad";
            }
            default:
                return "unknown mode " + p[0];
        }
    }

    public static void main(String[] args) throws Exception {
        Security.addProvider(new BouncyCastleProvider());
        System.out.println("{\"checker\": \"bouncycastle\"}");
        for (String arg : args) {
            String result;
            try {
                result = check(arg.split("\\|"));
            } catch (Exception e) {
                result = "error " + e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            System.out.println("{\"item\": " + Json.write(arg) + ", \"result\": " + Json.write(result) + "}");
        }
    }
}
