package fi.hel.callrec.access.audit;

import fi.hel.callrec.commons.security.Staff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The hash chain against the real database, sealed by the running background sealer: concurrent
 * appends become one chain, and changes made behind the service's back are found.
 */
@QuarkusTest
class AuditLogTest {

    private static final Caller SUPERVISOR = new Caller(new Staff("sub-1", "supervisor1", Set.of("supervisor"), null), "127.0.0.1");

    @Inject
    AuditWriter audit;
    @Inject
    AuditVerifier verifier;
    @Inject
    AuditPurge purge;
    @Inject
    AgroalDataSource db;
    @Inject
    MeterRegistry meters;

    private double writtenAlone() {
        return meters.get("callrec.access.audit.written.alone").counter().count();
    }

    /** Appends an entry and waits until the background sealer has put it into the chain. */
    private AuditEntry append(String recording) {
        return sealed(appendPending(recording));
    }

    private AuditWriter.Receipt appendPending(String recording) {
        return audit.append(new AuditWriter.Draft(AuditEntry.KIND_ACCESS, SUPERVISOR, recording, Purpose.QUALITY, "GET",
                "bytes=0-9", 0L, 9L, 10, 206, "sent-range", null, null));
    }

    static AuditEntry sealed(AuditWriter.Receipt receipt) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(
                () -> QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>find("entryId", receipt.entryId())
                        .firstResult()), Objects::nonNull);
    }

    @Test
    void concurrent_appends_are_sealed_into_one_unbroken_chain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<AuditWriter.Receipt> receipts = new ArrayList<>();
        try {
            List<Future<AuditWriter.Receipt>> appended = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                String recording = UUID.randomUUID().toString();
                appended.add(pool.submit(() -> appendPending(recording)));
            }
            for (Future<AuditWriter.Receipt> f : appended) {
                receipts.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        List<Long> seqs = receipts.stream().map(r -> sealed(r).seq).toList();
        assertThat(seqs).hasSize(80).doesNotHaveDuplicates();
        assertThat(QuarkusTransaction.requiringNew().call(() -> AuditEntry.count("entryId in ?1",
                receipts.stream().map(AuditWriter.Receipt::entryId).toList()))).isEqualTo(80);
        AuditVerifier.Verification v = verifier.verify();
        assertThat(v.intact()).as(String.valueOf(v)).isTrue();
        assertThat(v.entriesChecked()).isGreaterThanOrEqualTo(80);
        assertThat(v.lastSeq()).isGreaterThanOrEqualTo(seqs.stream().max(Long::compare).orElseThrow());
    }

    @Test
    void concurrent_requests_of_one_user_recording_and_purpose_start_one_session() throws Exception {
        String recording = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<AuditWriter.Receipt>> appended = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                appended.add(pool.submit(() -> appendPending(recording)));
            }
            Set<UUID> sessions = new HashSet<>();
            for (Future<AuditWriter.Receipt> f : appended) {
                sessions.add(f.get().sessionId());
            }
            assertThat(sessions).hasSize(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void requests_of_one_user_recording_and_purpose_share_a_session_whether_its_entries_are_sealed_or_pending() {
        String recording = UUID.randomUUID().toString();
        AuditWriter.Receipt first = appendPending(recording);
        sealed(first);
        List<AuditWriter.Receipt> more = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            more.add(appendPending(recording));
        }
        assertThat(more).extracting(AuditWriter.Receipt::sessionId).containsOnly(first.sessionId());

        AuditWriter.Receipt training = audit.append(new AuditWriter.Draft(AuditEntry.KIND_ACCESS, SUPERVISOR, recording,
                Purpose.TRAINING, "GET", "bytes=0-9", 0L, 9L, 10, 206, "sent-range", null, null));
        Caller other = new Caller(new Staff("sub-2", "supervisor2", Set.of("supervisor"), null), "127.0.0.1");
        AuditWriter.Receipt otherUser = audit.append(new AuditWriter.Draft(AuditEntry.KIND_ACCESS, other, recording,
                Purpose.QUALITY, "GET", "bytes=0-9", 0L, 9L, 10, 206, "sent-range", null, null));
        assertThat(List.of(training.sessionId(), otherUser.sessionId())).doesNotContain(first.sessionId())
                .doesNotHaveDuplicates();
        assertThat(appendPending(recording).sessionId()).isEqualTo(first.sessionId());
    }

    private static AuditWriter.Draft draft(Caller caller, String recording, Purpose purpose, UUID refEntryId, UUID sessionId) {
        return new AuditWriter.Draft(refEntryId == null ? AuditEntry.KIND_ACCESS : AuditEntry.KIND_INTERRUPTED, caller,
                recording, purpose, "GET", "bytes=0-9", 0L, 9L, 10, 206, "sent-range", refEntryId, sessionId);
    }

    private static AuditWriter.Waiting waiting(AuditWriter.Draft draft) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new AuditWriter.Waiting(draft, UUID.randomUUID(), now, now.minus(Duration.ofMinutes(10)));
    }

    @Test
    void entries_written_together_are_each_committed_in_their_own_session() {
        String heard = UUID.randomUUID().toString();
        AuditWriter.Receipt earlier = appendPending(heard);
        String fresh = UUID.randomUUID().toString();
        List<AuditWriter.Waiting> batch = List.of(
                waiting(draft(SUPERVISOR, fresh, Purpose.QUALITY, null, null)),
                waiting(draft(SUPERVISOR, heard, Purpose.QUALITY, null, null)),
                waiting(draft(SUPERVISOR, fresh, Purpose.QUALITY, null, null)),
                waiting(draft(SUPERVISOR, fresh, Purpose.TRAINING, null, null)),
                waiting(draft(SUPERVISOR, heard, Purpose.QUALITY, earlier.entryId(), earlier.sessionId())),
                waiting(draft(SUPERVISOR, fresh, Purpose.QUALITY, null, null)));
        double alone = writtenAlone();

        audit.write(batch);

        assertThat(writtenAlone()).as("written in one statement").isEqualTo(alone);
        List<AuditWriter.Receipt> receipts = batch.stream().map(AuditWriter.Waiting::result).toList();
        UUID freshSession = receipts.get(0).sessionId();
        // Entries of one user, recording and purpose cannot see each other in one statement, yet share a session.
        assertThat(List.of(receipts.get(2).sessionId(), receipts.get(5).sessionId())).containsOnly(freshSession);
        assertThat(receipts.get(1).sessionId()).isEqualTo(earlier.sessionId());
        assertThat(receipts.get(4).sessionId()).isEqualTo(earlier.sessionId());
        assertThat(receipts.get(3).sessionId()).isNotIn(freshSession, earlier.sessionId());
        List<AuditEntry> stored = receipts.stream().map(AuditLogTest::sealed).toList();
        assertThat(stored).extracting(e -> e.sessionId).containsExactlyElementsOf(
                receipts.stream().map(AuditWriter.Receipt::sessionId).toList());
        assertThat(stored).extracting(e -> e.occurredAt).containsExactlyElementsOf(
                receipts.stream().map(AuditWriter.Receipt::occurredAt).toList());
        // Sealed in the order they were queued.
        assertThat(stored).extracting(e -> e.seq).isSorted();
        assertThat(stored.get(4).refSeq).isEqualTo(sealed(earlier).seq);
        assertThat(stored.get(3).purpose).isEqualTo(Purpose.TRAINING.code());
    }

    @Test
    void a_request_after_the_gap_starts_a_new_session_though_this_instance_wrote_the_last_one() {
        String recording = UUID.randomUUID().toString();
        AuditWriter.Receipt earlier = appendPending(recording);
        assertThat(appendPending(recording).sessionId()).isEqualTo(earlier.sessionId());
        // As if the gap had passed since: this entry may join only sessions with an entry after now.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        AuditWriter.Waiting later = new AuditWriter.Waiting(draft(SUPERVISOR, recording, Purpose.QUALITY, null, null),
                UUID.randomUUID(), now, now);

        audit.write(List.of(later));

        UUID session = later.result().sessionId();
        assertThat(session).isNotEqualTo(earlier.sessionId());
        assertThat(sealed(later.result()).sessionId).isEqualTo(session);
        assertThat(appendPending(recording).sessionId()).as("the next request joins the new session").isEqualTo(session);
    }

    @Test
    void an_entry_the_database_refuses_fails_alone_and_the_rest_of_its_batch_is_written() {
        String recording = UUID.randomUUID().toString();
        AuditWriter.Waiting first = waiting(draft(SUPERVISOR, recording, Purpose.QUALITY, null, null));
        // No kind: the column refuses it, and with it the statement that carried the whole batch.
        AuditWriter.Waiting refused = waiting(new AuditWriter.Draft(null, SUPERVISOR, recording, Purpose.QUALITY, "GET",
                null, null, null, 0, 400, "purpose-missing", null, null));
        AuditWriter.Waiting last = waiting(draft(SUPERVISOR, recording, Purpose.QUALITY, null, null));
        double alone = writtenAlone();

        audit.write(List.of(first, refused, last));

        assertThat(writtenAlone()).isEqualTo(alone + 3);
        assertThatThrownBy(refused::result).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not write the audit entry");
        AuditEntry a = sealed(first.result());
        AuditEntry b = sealed(last.result());
        assertThat(b.sessionId).isEqualTo(a.sessionId);
        assertThat(QuarkusTransaction.requiringNew().call(() -> AuditEntry.count("entryId", refused.row.entryId))).isZero();
    }

    @Test
    void only_a_batch_whose_content_is_refused_is_written_again_entry_by_entry() {
        assertThat(AuditWriter.refusedContent(new SQLException("null value in column", "23502"))).isTrue();
        assertThat(AuditWriter.refusedContent(new IllegalStateException(new SQLException("value too long", "22001")))).isTrue();
        // Unreachable, or shutting down: writing each entry alone would wait as long again for each.
        assertThat(AuditWriter.refusedContent(new SQLException("connection refused", "08001"))).isFalse();
        assertThat(AuditWriter.refusedContent(new SQLException("admin shutdown", "57P01"))).isFalse();
        assertThat(AuditWriter.refusedContent(new SQLException("no connection in time"))).isFalse();
    }

    @Test
    void an_interrupted_entry_points_to_the_sealed_seq_of_its_access_entry() {
        String recording = UUID.randomUUID().toString();
        AuditWriter.Receipt access = appendPending(recording);
        AuditEntry interrupted = sealed(audit.append(new AuditWriter.Draft(AuditEntry.KIND_INTERRUPTED, SUPERVISOR,
                recording, Purpose.QUALITY, "GET", "bytes=0-9", 0L, 9L, 3, 206, "client-disconnected",
                access.entryId(), access.sessionId())));
        AuditEntry accessSealed = sealed(access);
        assertThat(interrupted.refSeq).isEqualTo(accessSealed.seq);
        assertThat(interrupted.seq).isGreaterThan(accessSealed.seq);
        assertThat(interrupted.sessionId).isEqualTo(access.sessionId());
    }

    @Test
    void the_database_refuses_to_change_or_delete_entries() {
        AuditEntry e = append(UUID.randomUUID().toString());
        assertThatThrownBy(() -> sql("UPDATE audit_entry SET bytes = 0 WHERE seq = " + e.seq))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("DELETE FROM audit_entry WHERE seq = " + e.seq))
                .hasMessageContaining("append-only");
    }

    @Test
    void a_changed_entry_is_named_by_verify() throws Exception {
        AuditEntry target = append(UUID.randomUUID().toString());
        append(UUID.randomUUID().toString());
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            // The table's owner can switch the guard off: the chain is what must notice.
            c.setAutoCommit(false);
            s.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
            s.execute("UPDATE audit_entry SET username = 'someone-else' WHERE seq = " + target.seq);
            s.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only");
            c.commit();
        }
        AuditVerifier.Verification broken = verifier.verify();
        assertThat(broken.intact()).isFalse();
        assertThat(broken.firstBrokenSeq()).isEqualTo(target.seq);
        assertThat(broken.problem()).contains("hash");

        withGuardOff("UPDATE audit_entry SET username = 'supervisor1' WHERE seq = " + target.seq);
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void a_deleted_entry_is_named_by_verify() throws Exception {
        AuditEntry target = append(UUID.randomUUID().toString());
        append(UUID.randomUUID().toString());
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE removed AS SELECT * FROM audit_entry WHERE seq = " + target.seq);
            c.setAutoCommit(false);
            s.execute("SELECT set_config('callrec.audit_purge', 'on', true)");
            s.execute("DELETE FROM audit_entry WHERE seq = " + target.seq);
            c.commit();

            AuditVerifier.Verification broken = verifier.verify();
            assertThat(broken.intact()).isFalse();
            assertThat(broken.firstBrokenSeq()).isEqualTo(target.seq);
            assertThat(broken.problem()).contains("missing");

            s.execute("INSERT INTO audit_entry SELECT * FROM removed");
            c.commit();
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void the_last_entry_removed_is_found_by_the_chain_head() throws Exception {
        AuditEntry last = append(UUID.randomUUID().toString());
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE removed_last AS SELECT * FROM audit_entry WHERE seq = " + last.seq);
            c.setAutoCommit(false);
            s.execute("SELECT set_config('callrec.audit_purge', 'on', true)");
            s.execute("DELETE FROM audit_entry WHERE seq = " + last.seq);
            c.commit();
            AuditVerifier.Verification broken = verifier.verify();
            assertThat(broken.intact()).isFalse();
            assertThat(broken.firstBrokenSeq()).isEqualTo(last.seq);
            s.execute("INSERT INTO audit_entry SELECT * FROM removed_last");
            c.commit();
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void the_retention_purge_keeps_the_rest_of_the_chain_verifiable() {
        append(UUID.randomUUID().toString());
        AuditEntry kept = append(UUID.randomUUID().toString());
        long removed = purge.purge(kept.occurredAt);
        assertThat(removed).isPositive();
        assertThat(QuarkusTransaction.requiringNew().call(() -> AuditEntry.count("seq < ?1", kept.seq)))
                .as("nothing older than the entry kept, except what shares its microsecond").isLessThanOrEqualTo(1);
        append(UUID.randomUUID().toString());
        AuditVerifier.Verification v = verifier.verify();
        assertThat(v.intact()).as(String.valueOf(v)).isTrue();
        assertThat(v.firstSeq()).isGreaterThan(1).isLessThanOrEqualTo(kept.seq);
        assertThat(purge.purge(Instant.EPOCH)).isZero();
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private void withGuardOff(String statement) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
            s.execute(statement);
            s.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only");
            c.commit();
        }
    }
}
