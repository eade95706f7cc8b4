package org.lmcx.render.figure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;
import org.jfree.svg.SVGUnits;
import org.jfree.svg.ViewBox;
import org.lmcx.io.AtomicFiles;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A figure as files: {@code <stem>.png} (rendered at the theme's DPI, which is recorded in the PNG), {@code .svg}
 * (JFreeSVG: a small, well-kept Graphics2D → SVG library, text kept as text), {@code .pdf} (PDFBox with
 * rototor's Graphics2D bridge: one page the size of the figure, text drawn as outlines so every glyph prints
 * as in the PNG with no font embedding issues), {@code .csv} and the sidecar {@code .csv.json}. All of them
 * from one {@link FigureRenderer} pass per format, so they show the same thing. Each file is written atomically.
 */
public final class FigureFiles {

    /** Output formats. */
    public enum Format {
        PNG, SVG, PDF, CSV;

        public static Set<Format> parse(String list) {
            Set<Format> out = EnumSet.noneOf(Format.class);
            for (String s : list.split(",", -1)) {
                if (!s.isBlank()) {
                    try {
                        out.add(valueOf(s.trim().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown format '" + s.trim() + "' (png, svg, pdf, csv)");
                    }
                }
            }
            return out;
        }
    }

    public static final Set<Format> ALL = EnumSet.allOf(Format.class);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FigureFiles() {
    }

    /** Writes {@code spec} in {@code formats} into {@code dir}; returns the files written. */
    public static List<Path> write(FigureSpec spec, Path dir, FigureTheme theme, Set<Format> formats)
            throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        if (formats.contains(Format.PNG)) {
            out.add(put(dir.resolve(spec.stem() + ".png"), png(spec.figure(), theme)));
        }
        if (formats.contains(Format.SVG)) {
            out.add(put(dir.resolve(spec.stem() + ".svg"), svg(spec.figure(), theme).getBytes(StandardCharsets.UTF_8)));
        }
        if (formats.contains(Format.PDF)) {
            out.add(put(dir.resolve(spec.stem() + ".pdf"), pdf(spec.figure(), theme)));
        }
        if (formats.contains(Format.CSV) && spec.table() != null) {
            out.add(put(dir.resolve(spec.stem() + ".csv"), spec.table().toCsv().getBytes(StandardCharsets.UTF_8)));
            out.add(put(dir.resolve(spec.stem() + ".csv.json"), sidecar(spec, theme)));
        }
        return out;
    }

    /** The files {@link #write} would write (to ask before replacing existing ones). */
    public static List<Path> targets(FigureSpec spec, Path dir, Set<Format> formats) {
        List<Path> out = new ArrayList<>();
        for (Format f : formats) {
            if (f != Format.CSV) {
                out.add(dir.resolve(spec.stem() + "." + f.name().toLowerCase(Locale.ROOT)));
            } else if (spec.table() != null) {
                out.add(dir.resolve(spec.stem() + ".csv"));
                out.add(dir.resolve(spec.stem() + ".csv.json"));
            }
        }
        return out;
    }

    private static Path put(Path file, byte[] bytes) throws IOException {
        AtomicFiles.write(file, bytes);
        return file;
    }

    public static BufferedImage image(Figure f, FigureTheme theme) {
        BufferedImage img = new BufferedImage(theme.widthPx(), theme.heightPx(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.scale(theme.dpi() / 72.0, theme.dpi() / 72.0);
            new FigureRenderer(theme, null).draw(g, f);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** PNG bytes with the DPI in its pHYs chunk, so a word processor places it at the intended size. */
    public static byte[] png(Figure f, FigureTheme theme) throws IOException {
        BufferedImage img = image(f, theme);
        ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(ios);
            ImageWriteParam p = w.getDefaultWriteParam();
            IIOMetadata md = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), p);
            IIOMetadataNode phys = new IIOMetadataNode("pHYs");
            String ppm = Integer.toString((int) Math.round(theme.dpi() / 0.0254));
            phys.setAttribute("pixelsPerUnitXAxis", ppm);
            phys.setAttribute("pixelsPerUnitYAxis", ppm);
            phys.setAttribute("unitSpecifier", "meter");
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(phys);
            md.mergeTree("javax_imageio_png_1.0", root);
            w.write(null, new IIOImage(img, null, md), p);
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
    }

    public static String svg(Figure f, FigureTheme theme) {
        SVGGraphics2D g = new SVGGraphics2D(theme.widthPt(), theme.heightPt(), SVGUnits.PT);
        new FigureRenderer(theme, (gr, id) -> gr.setRenderingHint(SVGHints.KEY_ELEMENT_ID, id)).draw(g, f);
        // Drawn in points; the view box maps those user units onto the pt-sized canvas (without it a viewer would
        // take them as px and draw the figure at three quarters of its size).
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + g.getSVGElement(null, true,
                new ViewBox(0, 0, theme.widthPt(), theme.heightPt()), null, null) + "\n";
    }

    public static byte[] pdf(Figure f, FigureTheme theme) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            float w = (float) theme.widthPt();
            float h = (float) theme.heightPt();
            PDPage page = new PDPage(new PDRectangle(w, h));
            doc.addPage(page);
            PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, w, h);
            try {
                new FigureRenderer(theme, null).draw(g, f);
            } finally {
                g.dispose();
            }
            PDFormXObject form = g.getXFormObject();
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawForm(form);
            }
            doc.getDocumentInformation().setCreator("LMC Explorer");
            doc.getDocumentInformation().setTitle(f.title());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] sidecar(FigureSpec spec, FigureTheme theme) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("figure", spec.stem());
        m.put("title", spec.figure().title());
        m.put("csv", spec.stem() + ".csv");
        m.put("columns", spec.table().header());
        m.putAll(spec.meta());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("preset", theme.name());
        t.put("widthInches", theme.widthIn());
        t.put("heightInches", theme.heightIn());
        t.put("dpi", theme.dpi());
        m.put("theme", t);
        m.put("generator", "LMC Explorer " + version());
        return JSON.writeValueAsBytes(m);
    }

    static String version() {
        String v = FigureFiles.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
