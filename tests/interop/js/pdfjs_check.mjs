// pdf.js as an independent reader of stamped PDFs (tests/interop/pdfjs.py runs it).
//
//   node pdfjs_check.mjs JOBS.json
//
// JOBS.json: {"dpi": 40, "files": [{"path": "a.pdf", "out": "/tmp/x/a"}]}. For every file,
// one JSON line on stdout: the annotations of every page (subtype, field type and name,
// rect, flags), pdf.js's field objects, every warning pdf.js printed while reading and
// rendering the file, and the PNG written for each page ("<out>-<page>.png"), rendered with
// forms as a viewer shows them (AnnotationMode.ENABLE_FORMS) on @napi-rs/canvas.
// Facts only; tests/interop/pdfjs.py judges them.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, "node_modules", "pdfjs-dist");

const warnings = [];
for (const method of ["log", "warn", "error", "info"]) {
  console[method] = (...args) => warnings.push(args.map(String).join(" "));
}
const out = (obj) => process.stdout.write(JSON.stringify(obj) + "\n");

const pdfjs = await import(path.join(dist, "legacy", "build", "pdf.mjs"));
pdfjs.GlobalWorkerOptions.workerSrc = path.join(dist, "legacy", "build", "pdf.worker.mjs");

const jobs = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
out({ version: pdfjs.version });

for (const job of jobs.files) {
  warnings.length = 0;
  const result = { path: job.path, pages: [], annotations: [], fields: null, renders: {} };
  let doc = null;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(fs.readFileSync(job.path)),
      cMapUrl: path.join(dist, "cmaps") + "/",
      cMapPacked: true,
      standardFontDataUrl: path.join(dist, "standard_fonts") + "/",
      verbosity: pdfjs.VerbosityLevel.WARNINGS,
      stopAtErrors: false,
    }).promise;
    result.fields = await doc.getFieldObjects();
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const [, , width, height] = page.view;
      result.pages.push({ number, width, height });
      for (const a of await page.getAnnotations({ intent: "display" })) {
        result.annotations.push({
          page: number,
          id: a.id,
          subtype: a.subtype,
          fieldType: a.fieldType ?? null,
          fieldName: a.fieldName ?? null,
          rect: a.rect,
          hidden: Boolean(a.hidden),
          noHTML: Boolean(a.noHTML),
        });
      }
      const viewport = page.getViewport({ scale: jobs.dpi / 72 });
      const { canvas, context } = doc.canvasFactory.create(
        Math.ceil(viewport.width),
        Math.ceil(viewport.height),
      );
      context.fillStyle = "white";
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({
        canvasContext: context,
        canvas,
        viewport,
        annotationMode: pdfjs.AnnotationMode.ENABLE_FORMS,
      }).promise;
      const png = `${job.out}-${number}.png`;
      fs.writeFileSync(png, canvas.toBuffer("image/png"));
      result.renders[number] = png;
      page.cleanup();
    }
  } catch (error) {
    result.error = String(error && error.stack ? error.stack : error);
  } finally {
    if (doc) await doc.destroy();
  }
  result.warnings = [...warnings];
  out(result);
}
