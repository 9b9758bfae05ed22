package fi.hel.callrec.access.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fi.hel.callrec.access.AuditEntry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

    private static final Caller SUPERVISOR = new Caller("sub-1", "supervisor1", Set.of("supervisor"), null, "127.0.0.1");

    @Inject
    AuditLog audit;
    @Inject
    AgroalDataSource db;

    /** Appends an entry and waits until the background sealer has put it into the chain. */
    private AuditEntry append(String recording) {
        return sealed(appendPending(recording));
    }

    private AuditLog.Receipt appendPending(String recording) {
        return audit.append(new AuditLog.Draft(AuditEntry.KIND_ACCESS, SUPERVISOR, recording, Purpose.QUALITY, "GET",
                "bytes=0-9", new ByteRange(0, 9), 10, 206, "sent-range", null, null));
    }

    static AuditEntry sealed(AuditLog.Receipt receipt) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(
                () -> QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>find("entryId", receipt.entryId())
                        .firstResult()), Objects::nonNull);
    }

    @Test
    void concurrent_appends_are_sealed_into_one_unbroken_chain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<AuditLog.Receipt> receipts = new ArrayList<>();
        try {
            List<Future<AuditLog.Receipt>> appended = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                String recording = UUID.randomUUID().toString();
                appended.add(pool.submit(() -> appendPending(recording)));
            }
            for (Future<AuditLog.Receipt> f : appended) {
                receipts.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        List<Long> seqs = receipts.stream().map(r -> sealed(r).seq).toList();
        assertThat(seqs).hasSize(80).doesNotHaveDuplicates();
        assertThat(QuarkusTransaction.requiringNew().call(() -> AuditEntry.count("entryId in ?1",
                receipts.stream().map(AuditLog.Receipt::entryId).toList()))).isEqualTo(80);
        AuditLog.Verification v = audit.verify();
        assertThat(v.intact()).as(String.valueOf(v)).isTrue();
        assertThat(v.entriesChecked()).isGreaterThanOrEqualTo(80);
        assertThat(v.lastSeq()).isGreaterThanOrEqualTo(seqs.stream().max(Long::compare).orElseThrow());
    }

    @Test
    void requests_of_one_user_recording_and_purpose_share_a_session_whether_its_entries_are_sealed_or_pending() {
        String recording = UUID.randomUUID().toString();
        AuditLog.Receipt first = appendPending(recording);
        sealed(first);
        List<AuditLog.Receipt> more = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            more.add(appendPending(recording));
        }
        assertThat(more).extracting(AuditLog.Receipt::sessionId).containsOnly(first.sessionId());

        AuditLog.Receipt training = audit.append(new AuditLog.Draft(AuditEntry.KIND_ACCESS, SUPERVISOR, recording,
                Purpose.TRAINING, "GET", "bytes=0-9", new ByteRange(0, 9), 10, 206, "sent-range", null, null));
        Caller other = new Caller("sub-2", "supervisor2", Set.of("supervisor"), null, "127.0.0.1");
        AuditLog.Receipt otherUser = audit.append(new AuditLog.Draft(AuditEntry.KIND_ACCESS, other, recording,
                Purpose.QUALITY, "GET", "bytes=0-9", new ByteRange(0, 9), 10, 206, "sent-range", null, null));
        assertThat(List.of(training.sessionId(), otherUser.sessionId())).doesNotContain(first.sessionId())
                .doesNotHaveDuplicates();
        assertThat(appendPending(recording).sessionId()).isEqualTo(first.sessionId());
    }

    @Test
    void an_interrupted_entry_points_to_the_sealed_seq_of_its_access_entry() {
        String recording = UUID.randomUUID().toString();
        AuditLog.Receipt access = appendPending(recording);
        AuditEntry interrupted = sealed(audit.append(new AuditLog.Draft(AuditEntry.KIND_INTERRUPTED, SUPERVISOR,
                recording, Purpose.QUALITY, "GET", "bytes=0-9", new ByteRange(0, 9), 3, 206, "client-disconnected",
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
        AuditLog.Verification broken = audit.verify();
        assertThat(broken.intact()).isFalse();
        assertThat(broken.firstBrokenSeq()).isEqualTo(target.seq);
        assertThat(broken.problem()).contains("hash");

        withGuardOff("UPDATE audit_entry SET username = 'supervisor1' WHERE seq = " + target.seq);
        assertThat(audit.verify().intact()).isTrue();
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

            AuditLog.Verification broken = audit.verify();
            assertThat(broken.intact()).isFalse();
            assertThat(broken.firstBrokenSeq()).isEqualTo(target.seq);
            assertThat(broken.problem()).contains("missing");

            s.execute("INSERT INTO audit_entry SELECT * FROM removed");
            c.commit();
        }
        assertThat(audit.verify().intact()).isTrue();
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
            AuditLog.Verification broken = audit.verify();
            assertThat(broken.intact()).isFalse();
            assertThat(broken.firstBrokenSeq()).isEqualTo(last.seq);
            s.execute("INSERT INTO audit_entry SELECT * FROM removed_last");
            c.commit();
        }
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void the_retention_purge_keeps_the_rest_of_the_chain_verifiable() {
        append(UUID.randomUUID().toString());
        AuditEntry kept = append(UUID.randomUUID().toString());
        long removed = audit.purge(kept.occurredAt);
        assertThat(removed).isPositive();
        assertThat(QuarkusTransaction.requiringNew().call(() -> AuditEntry.count("seq < ?1", kept.seq)))
                .as("nothing older than the entry kept, except what shares its microsecond").isLessThanOrEqualTo(1);
        append(UUID.randomUUID().toString());
        AuditLog.Verification v = audit.verify();
        assertThat(v.intact()).as(String.valueOf(v)).isTrue();
        assertThat(v.firstSeq()).isGreaterThan(1).isLessThanOrEqualTo(kept.seq);
        assertThat(audit.purge(Instant.EPOCH)).isZero();
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
