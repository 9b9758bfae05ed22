package fi.hel.callrec.access.audit;

import fi.hel.callrec.commons.security.Staff;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.hel.callrec.access.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sealing step by step: this instance runs no background sealer, so the tests decide when a
 * batch is sealed, or dies before it commits.
 */
@QuarkusTest
@TestProfile(AuditSealerTest.NoBackgroundSealer.class)
class AuditSealerTest {

    public static class NoBackgroundSealer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("callrec.access.audit.sealer.enabled", "false");
        }
    }

    private static final Caller AGENT = new Caller(new Staff("sub-agent", "agent2", Set.of("agent"), "1002"), "127.0.0.1");

    @Inject
    AuditWriter audit;
    @Inject
    AuditVerifier verifier;
    @Inject
    AuditSealer sealer;
    @Inject
    AgroalDataSource db;
    @Inject
    Jdbi jdbi;

    private String recording;

    @BeforeEach
    void startFromAnEmptyPendingTable() {
        sealer.sealPending();
        recording = UUID.randomUUID().toString();
    }

    private AuditWriter.Receipt append(String range, long bytes) {
        return audit.append(new AuditWriter.Draft(AuditEntry.KIND_ACCESS, AGENT, recording, Purpose.COMPLAINT, "GET",
                range, null, null, bytes, 206, "sent-range", null, null));
    }

    private AuditWriter.Receipt appendInterrupted(AuditWriter.Receipt of, long sent) {
        return audit.append(new AuditWriter.Draft(AuditEntry.KIND_INTERRUPTED, AGENT, recording, Purpose.COMPLAINT, "GET",
                null, null, null, sent, 206, "client-disconnected", of.entryId(), of.sessionId()));
    }

    private static List<AuditEntry> sealedEntries(List<AuditWriter.Receipt> receipts) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>list("entryId in ?1 order by seq",
                receipts.stream().map(AuditWriter.Receipt::entryId).toList()));
    }

    private static long pending() {
        return QuarkusTransaction.requiringNew().call(() -> AuditPending.count());
    }

    @Test
    void entries_not_yet_sealed_are_listed_after_the_sealed_ones_and_counted_by_verify() {
        AuditWriter.Receipt first = append("bytes=0-", 100);
        sealer.sealPending();
        AuditWriter.Receipt second = append("bytes=50-", 50);
        AuditWriter.Receipt third = appendInterrupted(second, 7);

        List<Map<String, Object>> listed = given().auth().oauth2(Fixtures.token("auditor1"))
                .queryParam("recording", recording).get("/audit")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(listed).extracting(e -> e.get("entryId") + " " + e.get("sealed") + " " + (e.get("seq") != null))
                .containsExactly(first.entryId() + " true true", second.entryId() + " false false",
                        third.entryId() + " false false");
        assertThat(listed.get(1)).containsEntry("hash", null).containsEntry("username", "agent2")
                .containsEntry("sessionId", first.sessionId().toString()).containsEntry("bytes", 50);
        assertThat(listed.get(2)).containsEntry("refEntryId", second.entryId().toString()).containsEntry("refSeq", null);

        given().auth().oauth2(Fixtures.token("auditor1")).get("/audit/verify").then().statusCode(200)
                .body("intact", org.hamcrest.Matchers.equalTo(true)).body("unsealed", org.hamcrest.Matchers.equalTo(2));

        assertThat(sealer.sealPending()).isEqualTo(2);
        List<Map<String, Object>> after = given().auth().oauth2(Fixtures.token("manager1"))
                .queryParam("recording", recording).get("/audit")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(after).extracting(e -> e.get("sealed")).containsOnly(true);
        assertThat(after).hasSize(3);
    }

    @Test
    void a_sealer_that_dies_mid_batch_leaves_its_entries_to_the_next_which_seals_them_in_order() throws Exception {
        AuditWriter.Receipt a = append("bytes=0-", 1000);
        AuditWriter.Receipt b = append("bytes=500-", 500);
        AuditWriter.Receipt c = appendInterrupted(a, 120);
        AuditWriter.Receipt d = append("bytes=900-", 100);
        List<AuditWriter.Receipt> written = List.of(a, b, c, d);
        long headBefore = verifier.verify().lastSeq();

        try (Handle dying = jdbi.open()) {
            dying.begin();
            assertThat(sealer.sealBatch(dying)).isEqualTo(4);
            assertThat(sealedEntries(written)).as("not visible before the batch commits").isEmpty();
            // The sealer dies here: its transaction never commits, and the database rolls it back.
            dying.rollback();
        }
        assertThat(sealedEntries(written)).isEmpty();
        assertThat(pending()).isEqualTo(4);
        AuditVerifier.Verification meanwhile = verifier.verify();
        assertThat(meanwhile.intact()).isTrue();
        assertThat(meanwhile.lastSeq()).isEqualTo(headBefore);
        assertThat(meanwhile.unsealed()).isEqualTo(4);

        // What a sealer does when its instance starts again.
        assertThat(sealer.sealPending()).isEqualTo(4);
        List<AuditEntry> sealed = sealedEntries(written);
        assertThat(sealed).extracting(e -> e.entryId)
                .containsExactly(a.entryId(), b.entryId(), c.entryId(), d.entryId());
        assertThat(sealed).extracting(e -> e.seq)
                .containsExactly(headBefore + 1, headBefore + 2, headBefore + 3, headBefore + 4);
        assertThat(sealed.get(2).refSeq).isEqualTo(sealed.get(0).seq);
        assertThat(sealed.get(1).prevHash).isEqualTo(sealed.get(0).hash);
        assertThat(pending()).isZero();
        AuditVerifier.Verification v = verifier.verify();
        assertThat(v.intact()).as(String.valueOf(v)).isTrue();
        assertThat(v.lastSeq()).isEqualTo(headBefore + 4);
        assertThat(v.unsealed()).isZero();

        assertThat(sealer.sealPending()).as("nothing is sealed twice").isZero();
    }

    @Test
    void a_pending_entry_cannot_be_changed_or_removed_except_by_sealing() throws Exception {
        AuditWriter.Receipt r = append("bytes=0-", 10);
        assertThatThrownBy(() -> sql("UPDATE audit_pending SET username = 'someone-else' WHERE entry_id = '" + r.entryId() + "'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("DELETE FROM audit_pending WHERE entry_id = '" + r.entryId() + "'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("TRUNCATE audit_pending")).hasMessageContaining("append-only");
        assertThat(pending()).isEqualTo(1);
        assertThat(sealer.sealPending()).isEqualTo(1);
        assertThat(sealedEntries(List.of(r))).extracting(e -> e.username).containsExactly("agent2");
    }

    @Test
    void a_sealed_entry_changed_is_still_named_while_others_wait_to_be_sealed() throws Exception {
        AuditWriter.Receipt target = append("bytes=0-", 10);
        sealer.sealPending();
        long seq = sealedEntries(List.of(target)).get(0).seq;
        append("bytes=10-", 10);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
            s.execute("UPDATE audit_entry SET bytes = 999999 WHERE seq = " + seq);
            s.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only");
            c.commit();
        }
        AuditVerifier.Verification broken = verifier.verify();
        assertThat(broken.intact()).isFalse();
        assertThat(broken.firstBrokenSeq()).isEqualTo(seq);
        assertThat(broken.unsealed()).isEqualTo(1);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
            s.execute("UPDATE audit_entry SET bytes = 10 WHERE seq = " + seq);
            s.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only");
            c.commit();
        }
        sealer.sealPending();
        assertThat(verifier.verify().intact()).isTrue();
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
