package fi.hel.callrec.access.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.mapper.reflect.FieldMapper;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Recomputes the hash chain from its anchor (the start, or the last entry the retention purge
 * removed) to the head, and names the first entry that is missing, altered or does not link to
 * the one before. Entries not sealed yet are outside the chain: counted, checked once sealed.
 */
@ApplicationScoped
public class AuditVerifier {

    private static final int PAGE = 1000;
    private static final RowMapper<AuditEntry> ENTRY = FieldMapper.of(AuditEntry.class);

    private final Jdbi jdbi;

    public AuditVerifier(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The result of recomputing the chain. */
    public record Verification(boolean intact, long entriesChecked, long firstSeq, long lastSeq,
                               Long firstBrokenSeq, String problem, long unsealed) {
    }

    /** The chain's head and anchor. */
    public record Chain(long lastSeq, String lastHash, long purgedThroughSeq, String purgedThroughHash) {
    }

    /** Verifies the chain as it was when verification began (one snapshot, so the unsealed count belongs to it). */
    public Verification verify() {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, this::verify);
    }

    private Verification verify(Handle h) {
        long unsealed = h.createQuery("SELECT count(*) FROM audit_pending").mapTo(Long.class).one();
        Chain chain = h.createQuery("SELECT * FROM audit_chain WHERE id = 1").map(ConstructorMapper.of(Chain.class)).one();
        long anchor = chain.purgedThroughSeq();
        String prev = chain.purgedThroughHash();
        long expected = anchor + 1;
        long checked = 0;
        while (expected <= chain.lastSeq()) {
            List<AuditEntry> page = h.createQuery("SELECT * FROM audit_entry WHERE seq BETWEEN :from AND :last ORDER BY seq LIMIT " + PAGE)
                    .bind("from", expected).bind("last", chain.lastSeq()).map(ENTRY).list();
            String problem = null;
            long at = expected;
            if (page.isEmpty()) {
                problem = "entry is missing (the chain ends early)";
            }
            for (AuditEntry e : page) {
                at = e.seq;
                if (e.seq != expected) {
                    at = expected;
                    problem = "entry is missing (the next entry present is " + e.seq + ")";
                } else if (!prev.equals(e.prevHash)) {
                    problem = "does not link to the entry before it";
                } else if (!AuditHash.of(e).equals(e.hash)) {
                    problem = "content does not match its hash";
                }
                if (problem != null) {
                    break;
                }
                prev = e.hash;
                expected++;
                checked++;
            }
            if (problem != null) {
                return new Verification(false, checked, anchor + 1, chain.lastSeq(), at, problem, unsealed);
            }
        }
        if (!prev.equals(chain.lastHash())) {
            return new Verification(false, checked, anchor + 1, chain.lastSeq(), chain.lastSeq(),
                    "the last entry does not match the chain head", unsealed);
        }
        return new Verification(true, checked, anchor + 1, chain.lastSeq(), null, null, unsealed);
    }
}
