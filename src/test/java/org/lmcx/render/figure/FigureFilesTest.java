package org.lmcx.render.figure;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmcx.analysis.Interpolation;
import org.lmcx.session.LandscapeGrid;
import org.lmcx.session.Run;
import org.lmcx.session.SessionData;
import org.lmcx.session.TestRuns;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FigureFilesTest {

    @TempDir
    Path out;

    private static final FigureTheme THEME = FigureTheme.ONE_COLUMN.withDpi(150);

    private static FigureSpec pathFigure(double lambda) {
        List<Interpolation.Result> curves = TestRuns.session().runs().stream().map(Run::curve).toList();
        return PaperFigures.path(curves, FigureOptions.DEFAULT.withLambda(lambda));
    }

    private static Run full() {
        return TestRuns.session().runs().get(1);
    }

    @Test
    void pngHasAWhiteBackgroundAndNoTraceOfTheSliderUnlessAsked() throws Exception {
        BufferedImage withSlider = FigureFiles.image(pathFigure(0.98).figure(), THEME);
        BufferedImage noSlider = FigureFiles.image(pathFigure(Double.NaN).figure(), THEME);
        assertThat(withSlider.getWidth()).isEqualTo(Math.round(3.5 * 150));
        for (int[] c : new int[][]{{0, 0}, {withSlider.getWidth() - 1, 0}, {0, withSlider.getHeight() - 1},
                {withSlider.getWidth() - 1, withSlider.getHeight() - 1}}) {
            assertThat(withSlider.getRGB(c[0], c[1]) & 0xffffff).isEqualTo(0xffffff);
        }
        // The slider position is in the data handed over, yet the export theme leaves it out entirely.
        assertThat(differingPixels(withSlider, noSlider)).isZero();
        assertThat(yellowPixels(withSlider)).isZero();
        BufferedImage asked = FigureFiles.image(pathFigure(0.98).figure(), THEME.withLambda(true));
        assertThat(differingPixels(asked, noSlider)).isGreaterThan(50);
        // A real chart, not a blank page.
        assertThat(differingPixels(noSlider, new BufferedImage(noSlider.getWidth(), noSlider.getHeight(),
                BufferedImage.TYPE_INT_RGB))).isGreaterThan(1000);
    }

    @Test
    void pngRecordsItsDpi() throws Exception {
        byte[] png = FigureFiles.png(pathFigure(Double.NaN).figure(), THEME);
        var reader = ImageIO.getImageReadersByFormatName("png").next();
        reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(png)));
        var md = reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
        String xml = nodeText(md);
        assertThat(xml).contains("pixelsPerUnitXAxis=" + Math.round(150 / 0.0254));
    }

    private static String nodeText(org.w3c.dom.Node n) {
        StringBuilder sb = new StringBuilder(n.getNodeName());
        if (n.getAttributes() != null) {
            for (int i = 0; i < n.getAttributes().getLength(); i++) {
                var a = n.getAttributes().item(i);
                sb.append(' ').append(a.getNodeName()).append('=').append(a.getNodeValue());
            }
        }
        for (var c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            sb.append('\n').append(nodeText(c));
        }
        return sb.toString();
    }

    @Test
    void svgParsesAsXmlWithOnePathPerSeries() throws Exception {
        FigureSpec spec = pathFigure(0.5);
        String svg = FigureFiles.svg(spec.figure(), THEME);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        // Each series' line is one <path>, inside the element that carries the series id (JFreeSVG puts the id
        // on a group around the drawn element).
        List<String> seriesPaths = new ArrayList<>();
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getAttribute("id").startsWith("series-")) {
                NodeList paths = "path".equals(e.getLocalName()) ? null : e.getElementsByTagNameNS("*", "path");
                assertThat(paths == null ? 1 : paths.getLength()).as(e.getAttribute("id")).isEqualTo(1);
                seriesPaths.add(e.getAttribute("id"));
            }
        }
        int labelled = 0;
        for (Figure.Panel p : spec.figure().panels()) {
            for (Figure.Series s : ((Figure.Xy) p).series()) {
                if (s.label() != null) {
                    labelled++;
                }
            }
        }
        // identity and wm, test and train, loss and accuracy: 8 curves, each one <path>.
        assertThat(labelled).isEqualTo(8);
        assertThat(seriesPaths).hasSize(labelled).doesNotHaveDuplicates();
        assertThat(doc.getDocumentElement().getAttribute("width")).isEqualTo("252.0pt");
        assertThat(doc.getDocumentElement().getAttribute("viewBox")).startsWith("0.0 0.0 252");
    }

    @Test
    void pdfOpensWithPdfBoxAndHasOnePageOfTheFigureSize() throws Exception {
        byte[] pdf = FigureFiles.pdf(pathFigure(0.5).figure(), THEME);
        try (PDDocument d = Loader.loadPDF(pdf)) {
            assertThat(d.getNumberOfPages()).isEqualTo(1);
            assertThat(d.getPage(0).getMediaBox().getWidth()).isEqualTo(3.5f * 72);
            assertThat(d.getPage(0).getMediaBox().getHeight()).isEqualTo(2.6f * 72, org.assertj.core.data.Offset.offset(0.01f));
        }
    }

    @Test
    void heatmapTicksAreIntegersAndCellsAreCentredOnThem() {
        FigureSpec spec = PaperFigures.alignment(full().alignmentMaps().get(0), FigureOptions.DEFAULT);
        Figure.Heat h = (Figure.Heat) spec.figure().panels().get(0);
        assertThat(h.x().integer()).isTrue();
        assertThat(h.y().integer()).isTrue();
        // 12 cells centred on 0 … 11: the axis spans −0.5 … 11.5.
        for (int target : new int[]{3, 5, 8, 12}) {
            List<AxisTicks.Tick> ticks = AxisTicks.of(h.x(), -0.5, 11.5, target);
            assertThat(ticks).isNotEmpty();
            for (AxisTicks.Tick t : ticks) {
                assertThat(t.value()).isEqualTo(Math.rint(t.value()));
                assertThat(t.label()).matches("-?\\d+");
                assertThat(Long.parseLong(t.label())).isEqualTo((long) t.value());
            }
        }
    }

    @Test
    void logAxesLabelDecadesAndSubDecadesWhereOneDecadeIsTooFew() {
        assertThat(AxisTicks.log(0.004, 60).stream().map(AxisTicks.Tick::label).filter(s -> !s.isEmpty()))
                .containsExactly("0.01", "0.1", "1", "10");
        // fc1's singular values span less than a decade: 2× and 5× (or every multiple) get labels.
        assertThat(AxisTicks.log(1.5, 9).stream().map(AxisTicks.Tick::label).filter(s -> !s.isEmpty()).count())
                .isGreaterThanOrEqualTo(3);
        assertThat(AxisTicks.log(0.6, 30).stream().map(AxisTicks.Tick::label).filter(s -> !s.isEmpty()))
                .contains("1", "2", "5", "10", "20");
        assertThat(AxisTicks.log(1e-7, 1e-2).stream().map(AxisTicks.Tick::label).filter(s -> !s.isEmpty()))
                .contains("10⁻⁷", "10⁻⁵", "0.01");
    }

    @Test
    void csvRoundTripsThroughAPlainReaderAndMetadataGoesToTheSidecar() throws Exception {
        LandscapeGrid g = full().landscapeGrid();
        FigureSpec spec = LandscapeFigures.lossAndAccuracy("landscape", g, FigureOptions.DEFAULT);
        List<Path> files = FigureFiles.write(spec, out, THEME, FigureFiles.ALL);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder("landscape.png",
                "landscape.svg", "landscape.pdf", "landscape.csv", "landscape.csv.json");
        List<String> lines = Files.readAllLines(out.resolve("landscape.csv"));
        assertThat(lines).noneMatch(l -> l.startsWith("#"));
        assertThat(lines.get(0)).isEqualTo("x,y,test_loss,test_accuracy_percent");
        assertThat(lines).hasSize(1 + g.x().length * g.y().length);
        double[][] z = g.z();
        for (int k = 1; k < lines.size(); k++) {
            String[] cells = lines.get(k).split(",", -1);
            assertThat(cells).hasSize(4);
            int i = (k - 1) % g.x().length;
            int j = (k - 1) / g.x().length;
            assertThat(Double.parseDouble(cells[0])).isEqualTo(g.x()[i]);
            assertThat(Double.parseDouble(cells[1])).isEqualTo(g.y()[j]);
            assertThat(Double.parseDouble(cells[2])).isEqualTo(z[j][i]);
        }
        var meta = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("landscape.csv.json").toFile());
        assertThat(meta.get("markers")).hasSize(3);
        assertThat(meta.get("markers").get(2).get("label").asText()).startsWith("π(B)");
        assertThat(meta.get("colourScale").get("quantity").asText()).isEqualTo("test loss [nats]");
    }

    @Test
    void aCappedColourScaleSaysSo() {
        double[][] z = {{0.3, 0.4, 0.5}, {0.35, 0.45, 14.1}};
        Figure.ColourScale capped = Figure.ColourScale.of("loss", z, 3.4, false);
        assertThat(capped.hi()).isEqualTo(3.4);
        assertThat(capped.cappedHigh()).isTrue();
        assertThat(capped.dataMax()).isEqualTo(14.1);
        Figure.ColourScale full = Figure.ColourScale.of("loss", z, Double.POSITIVE_INFINITY, false);
        assertThat(full.hi()).isEqualTo(14.1);
        assertThat(full.cappedHigh()).isFalse();
    }

    @Test
    void theWholeFigureSetRendersInEveryFormat() throws Exception {
        SessionData s = TestRuns.session();
        List<FigureSpec> specs = PaperFigures.all(s, FigureOptions.DEFAULT);
        assertThat(specs).extracting(FigureSpec::stem).contains("path_loss_accuracy", "spectra_fc1.weight",
                "spectra_fc1.weight_log", "alignment_fc1.weight_left_wm", "alignment_vs_rank_fc1.weight", "landscape");
        // The landscape figure holds both surfaces.
        assertThat(specs.stream().filter(f -> f.stem().equals("landscape")).findFirst().orElseThrow().figure()
                .panels()).hasSize(2);
        Path keep = System.getenv("LMCX_KEEP_EXPORT") == null ? out : Path.of(System.getenv("LMCX_KEEP_EXPORT"));
        for (FigureSpec spec : specs) {
            for (Path f : FigureFiles.write(spec, keep, FigureTheme.TWO_COLUMN.withDpi(100), FigureFiles.ALL)) {
                assertThat(Files.size(f)).as(f.toString()).isGreaterThan(100);
            }
        }
    }

    static int differingPixels(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if ((a.getRGB(x, y) & 0xffffff) != (b.getRGB(x, y) & 0xffffff)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The screen's λ label is yellow; the path figure's palette has none. */
    static int yellowPixels(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y);
                int r = (c >> 16) & 0xff;
                int g = (c >> 8) & 0xff;
                int b = c & 0xff;
                if (r > 200 && g > 200 && b < 120) {
                    n++;
                }
            }
        }
        return n;
    }
}
