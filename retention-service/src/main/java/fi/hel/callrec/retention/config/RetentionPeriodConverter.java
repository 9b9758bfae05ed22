package fi.hel.callrec.retention.config;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads {@code callrec.retention.period}; a period over six months fails the configuration, so the
 * service does not start, with the reason in its log (an implicit converter would hide it).
 */
public class RetentionPeriodConverter implements Converter<RetentionPeriod> {

    @Override
    public RetentionPeriod convert(String value) {
        return RetentionPeriod.parse(value);
    }
}
