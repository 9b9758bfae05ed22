package fi.hel.callrec.retention.config;

import org.eclipse.microprofile.config.spi.Converter;

/** Reads {@code callrec.retention.period}; a period over six months fails the configuration, so the service does not start. */
public class RetentionPeriodConverter implements Converter<RetentionPeriod> {

    @Override
    public RetentionPeriod convert(String value) {
        return RetentionPeriod.parse(value);
    }
}
