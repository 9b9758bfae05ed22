package fi.hel.callrec.catalog.rights;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import fi.hel.callrec.catalog.CallRecord;
import fi.hel.callrec.catalog.Rectification;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The subject-access report as HTML or PDF in Finnish or English, and the refusal certificate as
 * one PDF in both. Helvetica in WinAnsi (cp1252) needs no embedded font and prints ä, ö and å.
 */
@ApplicationScoped
public class RightsDocuments {

    static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d.M.yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d.M.yyyy HH:mm:ss");

    private final Template report;

    public RightsDocuments(@Location("subject-access-report.html") Template report) {
        this.report = report;
    }

    /** One call of a report as printed, every value already in the document's language. */
    @TemplateData
    public record PrintedCall(String started, String ended, String duration, String serviceLine, String name,
                              String address, String vehicleRegistration, String contact, String notes, String hold,
                              String audioUrl) {
    }

    public String html(SubjectAccessReport r, String lang) {
        return report.data("r", r).data("l", Labels.of(lang)).data("lang", lang)
                .data("receivedOn", DATE.format(r.receivedOn())).data("producedAt", time(r.producedAt()))
                .data("calls", printed(r, lang)).render();
    }

    public byte[] pdf(SubjectAccessReport r, String lang) {
        Map<String, String> l = Labels.of(lang);
        return write(doc -> {
            doc.add(heading(l.get("title")));
            doc.add(text(l.get("controller") + " – " + l.get("register")));
            doc.add(text(" "));
            PdfPTable head = table(2);
            row(head, l.get("request"), r.requestId().toString());
            row(head, l.get("subjectNumber"), r.subjectNumber());
            row(head, l.get("subjectName"), r.subjectName());
            row(head, l.get("receivedOn"), DATE.format(r.receivedOn()));
            row(head, l.get("producedAt"), time(r.producedAt()));
            row(head, l.get("producedBy"), r.producedBy());
            doc.add(head);
            doc.add(subheading(l.get("calls")));
            if (r.calls().isEmpty()) {
                doc.add(text(l.get("noCalls")));
            }
            for (PrintedCall c : printed(r, lang)) {
                PdfPTable call = table(2);
                row(call, l.get("startedAt"), c.started());
                row(call, l.get("endedAt"), c.ended());
                row(call, l.get("duration"), c.duration());
                row(call, l.get("serviceLine"), c.serviceLine());
                row(call, l.get("callerName"), c.name());
                row(call, l.get("callerAddress"), c.address());
                row(call, l.get("vehicleRegistration"), c.vehicleRegistration());
                row(call, l.get("callerContact"), c.contact());
                row(call, l.get("serviceNotes"), c.notes());
                row(call, l.get("hold"), c.hold());
                row(call, l.get("audio"), c.audioUrl());
                doc.add(call);
            }
            doc.add(text(" "));
            doc.add(text(l.get("retention")));
        });
    }

    /** The refusal certificate (R13), Finnish first and English after, on one document. */
    public byte[] refusalCertificate(Rectification r, CallRecord call) {
        CallField field = CallField.fromPath(r.field).orElseThrow();
        return write(doc -> {
            doc.add(heading("Päätös oikaisuvaatimuksen epäämisestä"));
            doc.add(subheading("Refusal of a request for rectification"));
            doc.add(text(Labels.of("fi").get("controller") + " / " + Labels.of("en").get("controller")));
            doc.add(text(Labels.of("fi").get("register") + " / " + Labels.of("en").get("register")));
            doc.add(text(" "));
            PdfPTable t = table(2);
            row(t, "Päivämäärä / Date", DATE.format(r.decidedAt.atZone(HELSINKI)));
            row(t, "Tunniste / Reference", r.id.toString());
            row(t, "Vaatija / Requester", r.requesterName == null ? r.filedBy : r.requesterName
                    + (r.requesterContact == null ? "" : ", " + r.requesterContact));
            row(t, "Vaatimus saapunut / Request received", DATE.format(r.filedAt.atZone(HELSINKI))
                    + (r.channel == null ? "" : " (" + r.channel + ")"));
            row(t, "Puhelu / Call", time(call.startedAt) + ", " + Labels.serviceLine(call.serviceLine, "fi")
                    + " / " + Labels.serviceLine(call.serviceLine, "en"));
            row(t, "Vaadittu oikaisu", field.label("fi") + ": " + Labels.changeType(r.changeType, "fi")
                    + (r.newValue == null ? "" : " \"" + r.newValue + "\""));
            row(t, "Requested correction", field.label("en") + ": " + Labels.changeType(r.changeType, "en")
                    + (r.newValue == null ? "" : " \"" + r.newValue + "\""));
            if (r.itemisation != null) {
                row(t, "Vaatimuksen yksilöinti / Itemised request", r.itemisation);
            }
            row(t, "Perustelut / Reason", r.reason);
            row(t, "Päättäjä / Decided by", r.decidedBy);
            doc.add(t);
            doc.add(text(" "));
            doc.add(text("Rekisterinpitäjä on päättänyt olla oikaisematta tietoa edellä mainituin perustein. "
                    + Labels.of("fi").get("ombudsman")));
            doc.add(text(" "));
            doc.add(text("The controller has decided not to rectify the data for the reason above. "
                    + Labels.of("en").get("ombudsman")));
        });
    }

    private static List<PrintedCall> printed(SubjectAccessReport r, String lang) {
        Map<String, String> l = Labels.of(lang);
        List<PrintedCall> calls = new ArrayList<>();
        for (SubjectAccessReport.Call c : r.calls()) {
            calls.add(new PrintedCall(TIME.format(c.startedAt()), TIME.format(c.endedAt()),
                    Long.toString(c.durationSeconds()), Labels.serviceLine(c.serviceLine(), lang), dash(c.callerName()),
                    dash(c.callerAddress()), dash(c.vehicleRegistration()), dash(c.callerContact()),
                    dash(c.serviceNotes()), c.held() ? l.get("held") + " (" + time(c.heldSince()) + ")" : l.get("notHeld"),
                    c.audioUrl()));
        }
        return calls;
    }

    private interface Content {
        void add(Document doc) throws DocumentException;
    }

    private static byte[] write(Content content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 56, 56, 56, 56);
        PdfWriter.getInstance(doc, out);
        doc.open();
        try {
            content.add(doc);
        } catch (DocumentException e) {
            throw new IllegalStateException("could not write the PDF", e);
        }
        doc.close();
        return out.toByteArray();
    }

    private static Font font(float size, int style) {
        return FontFactory.getFont(FontFactory.HELVETICA, BaseFont.CP1252, BaseFont.NOT_EMBEDDED, size, style);
    }

    private static Paragraph heading(String value) {
        Paragraph p = new Paragraph(value, font(15, Font.BOLD));
        p.setSpacingAfter(4);
        return p;
    }

    private static Paragraph subheading(String value) {
        Paragraph p = new Paragraph(value, font(12, Font.BOLD));
        p.setSpacingBefore(8);
        p.setSpacingAfter(4);
        return p;
    }

    private static Paragraph text(String value) {
        return new Paragraph(value, font(10, Font.NORMAL));
    }

    private static PdfPTable table(int columns) {
        PdfPTable t = new PdfPTable(columns);
        t.setWidthPercentage(100);
        t.setWidths(new float[] {1, 2.4f});
        t.setSpacingAfter(8);
        return t;
    }

    private static void row(PdfPTable t, String label, String value) {
        PdfPCell name = new PdfPCell(new Paragraph(label, font(9, Font.BOLD)));
        name.setVerticalAlignment(Element.ALIGN_TOP);
        t.addCell(name);
        t.addCell(new PdfPCell(new Paragraph(dash(value), font(9, Font.NORMAL))));
    }

    private static String dash(String value) {
        return value == null || value.isBlank() ? "–" : value;
    }

    private static String time(Instant at) {
        return at == null ? "–" : TIME.format(at.atZone(HELSINKI));
    }
}
