package fi.hel.callrec.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/**
 * The anonymous trace a deleted call leaves for service-quality development (R3): the date, the
 * service line, the duration and the agent's extension. Deliberately no recording id and no time
 * of day, so that it cannot be joined back to a caller.
 */
@Entity
@Table(name = "call_statistic")
public class CallStatistic extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "call_date", nullable = false)
    public LocalDate callDate;

    @Column(name = "service_line", nullable = false)
    public String serviceLine;

    @Column(name = "duration_millis", nullable = false)
    public long durationMillis;

    @Column(name = "agent_extension", nullable = false)
    public String agentExtension;
}
