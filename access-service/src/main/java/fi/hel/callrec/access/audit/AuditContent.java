package fi.hel.callrec.access.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.MappedSuperclass;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What an audit entry says, pending or sealed: the columns {@link AuditPending} and
 * {@link AuditEntry} share. The statements that write them take their column lists from these
 * fields, so a new column is one field here (and one in the migration).
 */
@MappedSuperclass
public abstract class AuditContent extends PanacheEntityBase {

    /** An answer to a request for audio: allowed or refused. */
    public static final String KIND_ACCESS = "access";
    /** An allowed answer that was not sent whole: records what was really sent. */
    public static final String KIND_INTERRUPTED = "interrupted";

    /** The id the entry has from its writing on (null for entries sealed before entries were pending first). */
    public UUID entryId;
    public UUID sessionId;
    public Instant occurredAt;
    public String kind;
    public String subject;
    public String username;
    /** The staff member's realm roles, sorted, comma-separated. */
    public String roles;
    /** The id as requested: text, because a refused request may name something that is no UUID. */
    public String recordingId;
    public String purpose;
    public String method;
    public String rangeRequested;
    public Long rangeStart;
    public Long rangeEnd;
    /** Access entries: bytes the answer carries; interrupted entries: bytes actually sent. */
    public long bytes;
    public int status;
    public String outcome;
    public String clientAddress;

    /** The fields above, in order. */
    static final List<String> FIELDS = Arrays.stream(AuditContent.class.getDeclaredFields())
            .filter(f -> !Modifier.isStatic(f.getModifiers()) && !f.isSynthetic() && !f.getName().startsWith("$"))
            .map(Field::getName).toList();

    /** Their columns, comma-separated. */
    static final String COLUMNS = FIELDS.stream().map(f -> f.replaceAll("([A-Z])", "_$1").toLowerCase())
            .collect(Collectors.joining(", "));

    /** Their named parameters ({@code :entryId, ...}), comma-separated, to bind with {@code bindBean}. */
    static final String PARAMETERS = FIELDS.stream().map(f -> ":" + f).collect(Collectors.joining(", "));
}
