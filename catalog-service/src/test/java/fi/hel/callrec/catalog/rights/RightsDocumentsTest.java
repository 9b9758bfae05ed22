package fi.hel.callrec.catalog.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The printed report without a server: the letters of Finnish names survive, and others do not break it. */
class RightsDocumentsTest {

    private static SubjectAccessReport report(String name) {
        OffsetDateTime start = OffsetDateTime.parse("2026-03-02T09:15:00+02:00");
        return new SubjectAccessReport(UUID.randomUUID(), "+358401234567", name, LocalDate.parse("2026-03-10"),
                Instant.parse("2026-03-11T10:00:00Z"), "manager1", List.of(new SubjectAccessReport.Call(UUID.randomUUID(),
                start, start.plusSeconds(95), 95, "parking-and-fines", name, "Åggelbyntie 3", "ÖÄÅ-123", null,
                "Pysäköintivirhemaksun oikaisuvaatimus", true, Instant.parse("2026-03-03T08:00:00Z"), "http://a/b")));
    }

    @Test
    void finnish_and_swedish_letters_are_printed_as_they_are() {
        String text = Pdfs.text(new RightsDocuments(null).pdf(report("Åsa Öhman-Hämäläinen"), "fi"));
        assertThat(text).contains("Åsa Öhman-Hämäläinen", "Åggelbyntie 3", "ÖÄÅ-123",
                "Pysäköintivirhemaksun oikaisuvaatimus", "Pysäköinti ja pysäköintivirhemaksut",
                "säilytetään rikos- tai vahinkoilmoituksen vuoksi (3.3.2026 10:00:00)", "2.3.2026 09:15:00");
    }

    @Test
    void a_letter_outside_the_pdf_encoding_does_not_stop_the_report() {
        String text = Pdfs.text(new RightsDocuments(null).pdf(report("Łukasz Nowak"), "en"));
        assertThat(text).contains("ukasz Nowak", "Parking and parking fines", "Recorded calls");
    }
}
