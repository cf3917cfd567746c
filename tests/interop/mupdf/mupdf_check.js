// MuPDF as an independent reader of stamped PDFs (tests/interop/mupdf.py runs it).
// AGPL: a test-only checker, run as `mutool run` in its own process.
//
//   mutool run mupdf_check.js DPI PDF PNG-PREFIX [PDF PNG-PREFIX ...]
//
// For every file, one JSON line on stdout: every widget of every page as MuPDF sees it
// (field type, label, rect, and for signatures isSigned() and checkDigest(), the digest
// check `mutool sign -v` prints), and a PNG of every page drawn with its annotations and
// widgets ("<prefix>-<page>.png", as `mutool draw` does). Facts only; mupdf.py judges them.

var dpi = parseFloat(scriptArgs[0]);
print(JSON.stringify({ version: "mutool run" }));

function tryCall(f) {
  try {
    return f();
  } catch (e) {
    return "error: " + e;
  }
}

for (var a = 1; a + 1 < scriptArgs.length; a += 2) {
  var result = { path: scriptArgs[a], widgets: [], pages: [] };
  try {
    var doc = new PDFDocument(scriptArgs[a]);
    var scale = dpi / 72;
    for (var p = 0; p < doc.countPages(); p++) {
      var page = doc.loadPage(p);
      var widgets = page.getWidgets();
      for (var i = 0; i < widgets.length; i++) {
        var w = widgets[i];
        var item = { page: p + 1, type: w.getFieldType(), label: tryCall(function () { return w.getLabel(); }), rect: w.getRect() };
        if (item.type === "signature") {
          item.signed = w.isSigned();
          item.digest = item.signed ? tryCall(function () { return w.checkDigest(); }) : null;
        }
        result.widgets.push(item);
      }
      var bounds = page.bound();
      var pixmap = page.toPixmap([scale, 0, 0, scale, 0, 0], DeviceRGB, false); // with annotations and widgets, as mutool draw
      var png = scriptArgs[a + 1] + "-" + (p + 1) + ".png";
      pixmap.saveAsPNG(png);
      result.pages.push({ number: p + 1, height: bounds[3] - bounds[1], png: png });
    }
  } catch (e) {
    result.error = String(e);
  }
  print(JSON.stringify(result));
}
