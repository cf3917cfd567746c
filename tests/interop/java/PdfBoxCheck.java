// PDFBox 2 + BouncyCastle as an independent reader of stamped PDFs (tests/interop/pdfbox.py).
//
//   java -cp pdfbox2.jar:bcprov.jar:bcpkix.jar:bcutil.jar:BUILD PdfBoxCheck DPI FILES.txt
//
// FILES.txt: lines "PDF<TAB>PNG-PREFIX". For every file, one JSON line on stdout:
// - every signature field PDFBox lists (PDDocument.getSignatureFields) and, for the signed
//   ones, the CMS check PDFBox's ShowSignature example does with BouncyCastle
//   (SignerInformation.verify over the signed byte ranges; for ETSI.RFC3161 document
//   time-stamps, the token's signature and message imprint);
// - every widget annotation of every page, and the field reached from it the way a
//   relying party goes from a page to a form field (the widget itself when it carries /T,
//   else its /Parent chain, looked up with PDAcroForm.getField) and whether that field
//   lists the widget among its own widgets;
// - a PNG of every page from PDFRenderer ("PREFIX-<page>.png").
// Facts only; tests/interop/pdfbox.py judges them.

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.Security;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.imageio.ImageIO;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.util.Version;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tsp.TimeStampToken;

public final class PdfBoxCheck {
    /** PDFBox's log records while reading the current file, but those about fonts (the
     * test inputs use non-embedded CJK fonts; PDFBox substitutes and says so per glyph). */
    private static final List<Object> WARNINGS = Json.array();

    public static void main(String[] args) throws Exception {
        Security.addProvider(new BouncyCastleProvider());
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) root.removeHandler(handler);
        root.addHandler(new Handler() {
            @Override public void publish(LogRecord record) {
                String logger = String.valueOf(record.getLoggerName());
                if (record.getLevel().intValue() < Level.WARNING.intValue()) return;
                if (logger.contains(".font.") || logger.contains("fontbox") || logger.contains("Glyph2D")) return;
                WARNINGS.add(logger + ": " + record.getMessage());
            }
            @Override public void flush() {}
            @Override public void close() {}
        });
        float dpi = Float.parseFloat(args[0]);
        Map<String, Object> hello = Json.object();
        hello.put("version", Version.getVersion());
        System.out.println(Json.write(hello));
        for (String line : Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8)) {
            if (line.isEmpty()) continue;
            String[] parts = line.split("\t");
            Map<String, Object> result = Json.object();
            result.put("path", parts[0]);
            WARNINGS.clear();
            try {
                check(parts[0], parts[1], dpi, result);
            } catch (Throwable error) {
                result.put("error", Json.stackTrace(error));
            }
            result.put("warnings", new java.util.ArrayList<>(WARNINGS));
            System.out.println(Json.write(result));
            System.out.flush();
        }
    }

    private static void check(String path, String prefix, float dpi, Map<String, Object> result)
            throws Exception {
        byte[] file = Files.readAllBytes(Paths.get(path));
        try (PDDocument doc = PDDocument.load(file, "", null, null, MemoryUsageSetting.setupMainMemoryOnly())) {
            List<Object> signatures = Json.array();
            for (PDSignatureField field : doc.getSignatureFields()) {
                Map<String, Object> sig = Json.object();
                sig.put("name", field.getFullyQualifiedName());
                sig.put("widgets", field.getWidgets().size());
                PDSignature signature = field.getSignature();
                sig.put("signed", signature != null);
                if (signature != null) {
                    sig.put("subfilter", signature.getSubFilter());
                    int[] range = signature.getByteRange();
                    sig.put("byteRange", range);
                    sig.put("coversWhole", range != null && range.length == 4 && range[2] + range[3] == file.length);
                    try {
                        verify(signature, file, sig);
                    } catch (Throwable error) {
                        sig.put("verified", false);
                        sig.put("error", String.valueOf(error));
                    }
                }
                signatures.add(sig);
            }
            result.put("signatures", signatures);

            PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
            List<Object> widgets = Json.array();
            int number = 0;
            for (PDPage page : doc.getPages()) {
                number++;
                for (PDAnnotation annotation : page.getAnnotations()) {
                    if (!(annotation instanceof PDAnnotationWidget)) continue;
                    widgets.add(widget((PDAnnotationWidget) annotation, number, form));
                }
            }
            result.put("widgets", widgets);

            List<Object> pages = Json.array();
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                PDRectangle box = doc.getPage(i).getCropBox();
                BufferedImage image = renderer.renderImageWithDPI(i, dpi, ImageType.RGB);
                String png = prefix + "-" + (i + 1) + ".png";
                ImageIO.write(image, "png", new File(png));
                Map<String, Object> page = Json.object();
                page.put("number", i + 1);
                page.put("height", box.getHeight());
                page.put("png", png);
                pages.add(page);
            }
            result.put("pages", pages);
        }
    }

    private static Map<String, Object> widget(PDAnnotationWidget widget, int page, PDAcroForm form) {
        Map<String, Object> out = Json.object();
        out.put("page", page);
        PDRectangle rect = widget.getRectangle();
        out.put("rect", rect == null ? null : new float[] {
            rect.getLowerLeftX(), rect.getLowerLeftY(), rect.getUpperRightX(), rect.getUpperRightY()});
        COSDictionary dict = widget.getCOSObject();
        COSDictionary fieldDict = dict.containsKey(COSName.T) ? dict : parent(dict);
        out.put("hasParent", parent(dict) != null);
        out.put("inheritedFT", inherited(dict, COSName.FT));
        String name = fieldDict == null ? null : qualifiedName(fieldDict);
        out.put("field", name);
        PDField field = name == null || form == null ? null : form.getField(name);
        out.put("fieldType", field == null ? null : field.getFieldType());
        boolean listed = false;
        if (field != null) {
            for (PDAnnotationWidget w : field.getWidgets()) {
                if (w.getCOSObject() == dict) listed = true;
            }
        }
        out.put("listedByField", listed);
        return out;
    }

    private static COSDictionary parent(COSDictionary dict) {
        COSBase parent = dict.getDictionaryObject(COSName.PARENT);
        return parent instanceof COSDictionary ? (COSDictionary) parent : null;
    }

    private static String inherited(COSDictionary dict, COSName key) {
        for (COSDictionary d = dict; d != null; d = parent(d)) {
            String value = d.getNameAsString(key);
            if (value != null) return value;
        }
        return null;
    }

    private static String qualifiedName(COSDictionary field) {
        StringBuilder name = new StringBuilder();
        for (COSDictionary d = field; d != null; d = parent(d)) {
            String part = d.getString(COSName.T);
            if (part == null) continue;
            name.insert(0, name.length() == 0 ? part : part + ".");
        }
        return name.length() == 0 ? null : name.toString();
    }

    /** ShowSignature's check: the CMS signer info verified with BouncyCastle over the
     * signed bytes; a document time-stamp's token validated and its imprint compared. */
    private static void verify(PDSignature signature, byte[] file, Map<String, Object> sig)
            throws Exception {
        byte[] contents = signature.getContents(file);
        byte[] signed = signature.getSignedContent(file);
        String subFilter = signature.getSubFilter();
        if ("ETSI.RFC3161".equals(subFilter)) {
            TimeStampToken token = new TimeStampToken(new CMSSignedData(contents));
            X509CertificateHolder cert = (X509CertificateHolder) first(token.getCertificates().getMatches(token.getSID()));
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider("BC").build(cert));
            MessageDigest digest = MessageDigest.getInstance(
                token.getTimeStampInfo().getMessageImprintAlgOID().getId(), "BC");
            boolean imprint = Arrays.equals(digest.digest(signed), token.getTimeStampInfo().getMessageImprintDigest());
            sig.put("verified", imprint);
            if (!imprint) sig.put("error", "time-stamp message imprint does not match the signed bytes");
            sig.put("signer", cert.getSubject().toString());
            return;
        }
        CMSSignedData data = new CMSSignedData(new CMSProcessableByteArray(signed), contents);
        Collection<SignerInformation> signers = data.getSignerInfos().getSigners();
        if (signers.size() != 1) throw new IllegalStateException(signers.size() + " signer infos");
        SignerInformation signer = signers.iterator().next();
        X509CertificateHolder cert = (X509CertificateHolder) first(data.getCertificates().getMatches(signer.getSID()));
        boolean ok = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider("BC").build(cert));
        sig.put("verified", ok);
        sig.put("signer", cert.getSubject().toString());
    }

    private static Object first(Collection<?> items) {
        if (items.isEmpty()) throw new IllegalStateException("signer certificate not in the CMS");
        return items.iterator().next();
    }
}
