package fi.hel.callrec.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.LocalDate;

/**
 * The anonymous trace a deleted call leaves for service-quality development (R3): the date, the
 * service line, the duration and the agent's extension. Deliberately no recording id and no time
 * of day, so that it cannot be joined back to a caller.
 */
@Entity
public class CallStatistic extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public LocalDate callDate;
    public String serviceLine;
    public long durationMillis;
    public String agentExtension;

    /** Writes the trace of a call taken on this (local) date. */
    public static void record(LocalDate callDate, String serviceLine, long durationMillis, String agentExtension) {
        CallStatistic statistic = new CallStatistic();
        statistic.callDate = callDate;
        statistic.serviceLine = serviceLine;
        statistic.durationMillis = durationMillis;
        statistic.agentExtension = agentExtension;
        statistic.persist();
    }
}
