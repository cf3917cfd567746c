// iText 5 as an independent reader of stamped PDFs (tests/interop/itext.py runs it).
// AGPL: a test-only checker run as its own process, never linked into shipped code.
//
//   java -cp itext5.jar:bcprov.jar:bcpkix.jar:bcutil.jar:BUILD ITextCheck FILES.txt
//
// FILES.txt: one PDF path a line. For every file, one JSON line on stdout: what iText's
// AcroFields sees (signature names, blank signature fields, every field's type and widgets),
// each signature's PdfPKCS7 verify() verdict, and every widget annotation of every page with
// the field iText ties it to. Facts only; tests/interop/itext.py judges them.

import com.itextpdf.text.Version;
import com.itextpdf.text.pdf.AcroFields;
import com.itextpdf.text.pdf.PdfArray;
import com.itextpdf.text.pdf.PdfDictionary;
import com.itextpdf.text.pdf.PdfIndirectReference;
import com.itextpdf.text.pdf.PdfName;
import com.itextpdf.text.pdf.PdfObject;
import com.itextpdf.text.pdf.PdfReader;
import com.itextpdf.text.pdf.security.PdfPKCS7;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.Security;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

public final class ITextCheck {
    public static void main(String[] args) throws Exception {
        Security.addProvider(new BouncyCastleProvider());
        Map<String, Object> hello = Json.object();
        hello.put("version", Version.getInstance().getVersion());
        System.out.println(Json.write(hello));
        for (String path : Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8)) {
            if (path.isEmpty()) continue;
            Map<String, Object> result = Json.object();
            result.put("path", path);
            try {
                check(path, result);
            } catch (Throwable error) {
                result.put("error", Json.stackTrace(error));
            }
            System.out.println(Json.write(result));
            System.out.flush();
        }
    }

    private static void check(String path, Map<String, Object> result) throws Exception {
        PdfReader reader = new PdfReader(path);
        try {
            AcroFields form = reader.getAcroFields();
            List<Object> signatures = Json.array();
            for (String name : form.getSignatureNames()) {
                Map<String, Object> sig = Json.object();
                sig.put("name", name);
                PdfDictionary dict = form.getSignatureDictionary(name);
                PdfName subFilter = dict == null ? null : dict.getAsName(PdfName.SUBFILTER);
                sig.put("subfilter", subFilter == null ? null : PdfName.decodeName(subFilter.toString()));
                sig.put("coversWhole", form.signatureCoversWholeDocument(name));
                try {
                    PdfPKCS7 pkcs7 = form.verifySignature(name);
                    sig.put("tsp", pkcs7.isTsp());
                    sig.put("verified", pkcs7.verify());
                    sig.put("signer", pkcs7.getSigningCertificate().getSubjectX500Principal().getName());
                } catch (Throwable error) {
                    sig.put("verified", false);
                    sig.put("error", String.valueOf(error));
                }
                signatures.add(sig);
            }
            result.put("signatures", signatures);
            result.put("blank", form.getBlankSignatureNames());

            Map<String, Object> fields = Json.object();
            Map<String, String> fieldOfWidget = new HashMap<>();
            for (Map.Entry<String, AcroFields.Item> entry : form.getFields().entrySet()) {
                AcroFields.Item item = entry.getValue();
                Map<String, Object> field = Json.object();
                field.put("type", form.getFieldType(entry.getKey()));
                field.put("widgets", item.size());
                fields.put(entry.getKey(), field);
                for (int i = 0; i < item.size(); i++) {
                    PdfIndirectReference ref = item.getWidgetRef(i);
                    if (ref != null) fieldOfWidget.put(key(ref), entry.getKey());
                }
            }
            result.put("fields", fields);
            result.put("signatureType", AcroFields.FIELD_TYPE_SIGNATURE);

            List<Object> widgets = Json.array();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                PdfArray annots = reader.getPageN(page).getAsArray(PdfName.ANNOTS);
                if (annots == null) continue;
                for (int i = 0; i < annots.size(); i++) {
                    PdfDictionary annot = annots.getAsDict(i);
                    if (annot == null || !PdfName.WIDGET.equals(annot.getAsName(PdfName.SUBTYPE))) continue;
                    PdfObject raw = annots.getPdfObject(i);
                    Map<String, Object> widget = Json.object();
                    widget.put("page", page);
                    PdfArray rect = annot.getAsArray(PdfName.RECT);
                    List<Object> numbers = Json.array();
                    for (int j = 0; rect != null && j < rect.size(); j++) numbers.add(rect.getAsNumber(j).floatValue());
                    widget.put("rect", numbers);
                    String name = raw instanceof PdfIndirectReference ? fieldOfWidget.get(key((PdfIndirectReference) raw)) : null;
                    widget.put("field", name);
                    widget.put("fieldType", name == null ? null : form.getFieldType(name));
                    widgets.add(widget);
                }
            }
            result.put("widgets", widgets);
        } finally {
            reader.close();
        }
    }

    private static String key(PdfIndirectReference ref) {
        return ref.getNumber() + " " + ref.getGeneration();
    }
}
