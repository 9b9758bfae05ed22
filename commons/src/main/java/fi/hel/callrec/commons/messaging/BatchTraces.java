package fi.hel.callrec.commons.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Traces for a consumer that takes a poll's records as one batch: each record's work goes on in
 * the trace the record was sent in (its {@code traceparent} header), as a span of its own that
 * covers the batch, so an upload's trace reaches this consumer as it reaches one that takes
 * records one by one.
 */
@ApplicationScoped
public class BatchTraces {

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            headers.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
        }
    };

    private final Tracer tracer;

    public BatchTraces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** One span per record, each a child of the record's trace (a new trace when it has none). */
    public List<Span> start(Iterable<ConsumerRecord<String, byte[]>> records, String name) {
        List<Span> spans = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Context sent = W3CTraceContextPropagator.getInstance().extract(Context.root(), record.headers(), HEADERS);
            spans.add(tracer.spanBuilder(name).setParent(sent).setSpanKind(SpanKind.CONSUMER)
                    .setAttribute("messaging.destination.name", record.topic()).startSpan());
        }
        return spans;
    }

    /** Ends the spans, each after {@code inEach} ran in it (for its log lines), marked failed if the batch failed. */
    public void end(List<Span> spans, Throwable failure, Consumer<Integer> inEach) {
        for (int i = 0; i < spans.size(); i++) {
            Span span = spans.get(i);
            if (failure != null) {
                span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
            } else {
                try (Scope in = span.makeCurrent()) {
                    inEach.accept(i);
                }
            }
            span.end();
        }
    }
}
