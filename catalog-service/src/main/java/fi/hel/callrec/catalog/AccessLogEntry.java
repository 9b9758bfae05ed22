package fi.hel.callrec.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One search, count or detail view by a user: who, when, with which filters, which calls it showed. */
@Entity
@Table(name = "access_log")
public class AccessLogEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Instant accessedAt;
    public String username;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] roles;

    /** {@code search}, {@code count} or {@code view}. */
    public String action;

    /** The call asked for by a detail view, whether or not it was shown. */
    public UUID recordingId;

    @JdbcTypeCode(SqlTypes.JSON)
    public String filters;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public UUID[] resultIds;

    public long resultCount;
}
