package fi.hel.callrec.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Search latency of catalog-service at a realistic size, and how fast it indexes from Kafka.
 *
 * <p>First produces {@code events} call-recorded events to a Kafka topic of its own
 * ({@code catalog-bench-<time>}), then starts its own catalog-service from the built jar on
 * {@code port}, against a database it may wipe ({@code callrec_catalog_test} by default: Flyway
 * cleans it at start, as the tests do), so the running stack sees none of it. The fresh service
 * finds the events waiting and indexes them as fast as it can: events/s from the first indexed to
 * the last (baseline: the producer's own rate). Then loads {@code calls} calls straight into the
 * table (200 agents, 300,000 callers, six months; names, plates and notes words drawn from fixed
 * vocabularies), then measures, one request at a
 * time with a supervisor's token, p50/p99 of the common searches and of pages deep into a result,
 * each against its baseline: the page query catalog-service runs, over JDBC, without HTTP, token
 * check, JSON, hold state and access log. Prints the plans PostgreSQL chose.
 *
 * <p>The PostgreSQL driver and the Kafka client are the benchmarks module's own dependencies, in the
 * versions the Quarkus BOM gives the service.
 */
public final class CatalogSearchBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double GOAL_P99_MS = 20.0;
    private static final double GOAL_EVENTS_PER_S = 5_000;


    private final Options o;
    private final long calls;
    private final int agents;
    private final int callers;
    private final int days;
    private final int samples;
    private final int warmup;
    private final int deepPages;
    private final int pageSize;
    private final long events;
    private final int port;
    private final String jdbcUrl;
    private final String kafka;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Random random = new Random(0xCA7A10L);
    private final Instant newest = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private Connection db;
    private String base;
    private String token;
    private long tokenAt;

    record Latency(String name, double[] serviceMs, double[] sqlMs) {
        double p(double[] values, double q) {
            double[] sorted = values.clone();
            java.util.Arrays.sort(sorted);
            int index = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }

    private CatalogSearchBenchmark(Options o) {
        this.o = o;
        this.calls = o.number("calls", 1_000_000);
        this.agents = o.integer("agents", 200);
        this.callers = o.integer("callers", 300_000);
        this.days = o.integer("days", 182);
        this.samples = o.integer("samples", 300);
        this.warmup = o.integer("warmup", 50);
        this.deepPages = o.integer("deepPages", 200);
        this.pageSize = o.integer("pageSize", 50);
        this.events = o.number("events", 50_000);
        this.port = o.integer("port", 18082);
        this.jdbcUrl = o.string("jdbcUrl", "jdbc:postgresql://127.0.0.1:5432/callrec_catalog_test");
        this.kafka = o.string("kafka", "127.0.0.1:9092");
        if (calls < 1 || agents < 1 || callers < 1 || days < 7 || samples < 1 || warmup < 0 || deepPages < 1
                || pageSize < 1 || events < 0) {
            throw new IllegalArgumentException("calls, agents, callers, samples, deepPages, pageSize must be positive, days >= 7");
        }
    }

    public static void main(String[] args) throws Exception {
        new CatalogSearchBenchmark(Options.parse(args)).run();
    }

    private void run() throws Exception {
        Path root = projectRoot();
        Path jar = Path.of(o.string("catalogJar", root.resolve("catalog-service/target/quarkus-app/quarkus-run.jar").toString()));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: build it first (./mvnw -pl catalog-service -am install -DskipTests)");
        }
        if (ServiceProcess.portInUse(port)) {
            throw new IllegalStateException("port " + port + " is taken; pass port=<free port>");
        }
        String topic = "catalog-bench-" + System.currentTimeMillis();
        System.out.printf(Locale.ROOT, "catalog benchmark: %,d calls (%d agents, %,d callers, %d days), %d samples per"
                        + " search after %d warm-up, %d deep pages of %d, %,d events on %s; database %s%n",
                calls, agents, callers, days, samples, warmup, deepPages, pageSize, events, topic, jdbcUrl);
        Kafka k = new Kafka(kafka, root.resolve("local/config/kafka-tools.properties"));
        if (events > 0) {
            k.createTopic(topic, 6);
        }
        Path log = Files.createTempFile("bench-catalog-" + port + "-", ".log");
        String group = topic + "-group";
        List<String> jvm = new ArrayList<>(List.of(
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.datasource.jdbc.url=" + jdbcUrl,
                "-Dquarkus.datasource.username=" + o.string("dbUser", "callrec_catalog"),
                "-Dquarkus.datasource.password=" + o.string("dbPassword", "callrec_catalog-local-test-only"),
                "-Dquarkus.flyway.clean-at-start=true", "-Dquarkus.flyway.clean-disabled=false",
                "-Dkafka.bootstrap.servers=" + kafka,
                // The benchmark's own topic is in no service's ACLs: the service reads it as the tools user.
                "-Dcallrec.kafka.username=" + k.user(), "-Dcallrec.kafka.password=" + k.password(),
                "-Dmp.messaging.incoming.call-recorded.topic=" + topic,
                "-Dmp.messaging.incoming.call-recorded.group.id=" + group,
                // The other channels must not take partitions from the running catalog-service's group.
                "-Dmp.messaging.incoming.recording-hold-changed.group.id=" + group,
                "-Dmp.messaging.incoming.recording-hold-changed.auto.offset.reset=latest",
                "-Dmp.messaging.incoming.recording-deleted.group.id=" + group,
                "-Dmp.messaging.incoming.recording-deleted.auto.offset.reset=latest"));
        jvm.addAll(List.of(o.string("jvmOptions", "-Xmx512m").split(" ")));
        db = connect();
        // The events wait in the topic before the service starts, so that indexing is measured at the
        // consumer's own pace rather than at the producer's.
        double produceSeconds = events == 0 ? 0 : produce(k, topic);
        try (Statement s = db.createStatement()) {
            s.execute("DROP TABLE IF EXISTS processed_event");
        }
        System.out.printf("starting catalog-service on port %d (log %s) ...%n", port, log);
        try (ServiceProcess service = ServiceProcess.start(jar, root, jvm, Map.of(), log)) {
            base = "http://127.0.0.1:" + port;
            double[] indexing = events == 0 ? null : indexing(produceSeconds);
            service.awaitReady(http, URI.create(base + "/q/health/ready"), Duration.ofSeconds(180));
            load();
            // A freshly started JVM on two shared cores compiles its hot paths during the first few
            // thousand requests: every pass but the last runs the same searches only to warm it up,
            // and is not reported.
            List<Latency> results = new ArrayList<>();
            int passes = o.integer("passes", 4);
            for (int pass = 1; pass <= passes; pass++) {
                System.out.printf(Locale.ROOT, "pass %d of %d%s%n", pass, passes, pass < passes ? " (warm-up, not reported)" : "");
                results.clear();
                results.add(agentWeek(userToken()));
                results.add(callerNumber(userToken()));
                results.add(plate(userToken()));
                results.add(name(userToken()));
                results.add(notes(userToken()));
                results.add(deepPage(userToken()));
            }
            plans();
            report(results, indexing);
        } finally {
            if (events > 0) {
                try {
                    k.deleteTopic(topic);
                } catch (Exception e) {
                    System.out.println("could not delete topic " + topic + ": " + e);
                }
            }
            if (db != null) {
                db.close();
            }
        }
    }

    // ---- data ------------------------------------------------------------------------------

    /** The calls, generated by the database itself: one statement, no round trip per row. */
    private void load() throws SQLException {
        CatalogCalls.load(db, calls, agents, callers, days, newest);
    }

    /** Values that exist, drawn from the table: searches that find something, as users' do. */
    private List<String> sample(String column, String condition, int n) throws SQLException {
        List<String> values = new ArrayList<>();
        double percent = Math.min(100.0, Math.max(1.0, 100.0 * n * 20 / calls));
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + column + " FROM call_record TABLESAMPLE SYSTEM (" + percent + ")"
                     + " WHERE " + condition + " LIMIT " + (n * 4))) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        java.util.Collections.shuffle(values, random);
        if (values.isEmpty()) {
            throw new IllegalStateException("no sample of " + column);
        }
        while (values.size() < n) {
            values.addAll(List.copyOf(values));
        }
        return values.subList(0, n);
    }

    // ---- searches --------------------------------------------------------------------------

    private static final String ORDER = " ORDER BY c.started_at DESC, c.recording_id DESC LIMIT ?";
    /** The columns catalog-service reads for a result list (CallSearch). */
    private static final String PAGE = "SELECT c.recording_id, c.started_at, c.ended_at, c.utc_offset_seconds, "
            + "c.duration_millis, c.caller_number, c.agent_extension, c.service_line, c.caller_name, "
            + "c.vehicle_registration, c.flags FROM call_record c";

    private Latency agentWeek(String token) throws Exception {
        int n = warmup + samples;
        List<Object[]> params = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String ext = Integer.toString(2000 + random.nextInt(agents));
            Instant from = newest.minus(random.nextInt(days - 7), ChronoUnit.DAYS).minus(7, ChronoUnit.DAYS);
            params.add(new Object[]{ext, from, from.plus(7, ChronoUnit.DAYS)});
        }
        return measure("agent + week", token, params,
                p -> "agentExtension=" + p[0] + "&from=" + enc(p[1].toString()) + "&to=" + enc(p[2].toString()),
                PAGE + " WHERE c.agent_extension = ? AND c.started_at >= ? AND c.started_at < ?" + ORDER);
    }

    private Latency callerNumber(String token) throws Exception {
        List<Object[]> params = new ArrayList<>();
        for (String e164 : sample("caller_number", "true", warmup + samples)) {
            // Asked as people write it; the service normalises to what the SQL baseline is given.
            String national = "0" + e164.substring(4, 6) + " " + e164.substring(6);
            params.add(new Object[]{national, e164});
        }
        return measure("caller number", token, params, p -> "callerNumber=" + enc((String) p[0]),
                PAGE + " WHERE c.caller_number = ?" + ORDER, 1);
    }

    private Latency plate(String token) throws Exception {
        List<Object[]> params = new ArrayList<>();
        for (String plate : sample("vehicle_registration", "plate_key IS NOT NULL", warmup + samples)) {
            params.add(new Object[]{plate.toLowerCase(Locale.ROOT).replace("-", " "), plate.replace("-", "")});
        }
        return measure("plate", token, params, p -> "plate=" + enc((String) p[0]),
                PAGE + " WHERE c.plate_key = ?" + ORDER, 1);
    }

    private Latency name(String token) throws Exception {
        List<Object[]> params = new ArrayList<>();
        for (String name : sample("name_key", "name_key IS NOT NULL", warmup + samples)) {
            // The full name, without accents and in any case, as a user types it.
            params.add(new Object[]{name, tsquery(name)});
        }
        return measure("name", token, params, p -> "name=" + enc((String) p[0]),
                PAGE + " WHERE c.name_prefixes @@ to_tsquery('simple', ?)" + ORDER, 1);
    }

    private Latency notes(String token) throws Exception {
        List<Object[]> params = new ArrayList<>();
        for (String notes : sample("notes_key", "notes_key IS NOT NULL", warmup + samples)) {
            String[] words = notes.split(" ");
            String two = words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)];
            params.add(new Object[]{two, tsquery(two), tsquery(two)});
        }
        return measure("notes words", token, params, p -> "notes=" + enc((String) p[0]),
                notesPage("to_tsquery('simple', ?)") + " LIMIT ?", 1);
    }

    /**
     * The page of a notes search as CallSearch builds it: the last 30 days first, the rest only
     * when those do not fill the page. Ends before the page's LIMIT.
     */
    private String notesPage(String query) {
        String order = " ORDER BY c.started_at DESC, c.recording_id DESC LIMIT " + (pageSize + 1);
        return "WITH recent AS (" + PAGE + " WHERE c.notes_prefixes @@ " + query
                + " AND c.started_at >= now() - interval '30 days'" + order + ") SELECT * FROM recent UNION ALL ("
                + PAGE + " WHERE c.notes_prefixes @@ " + query + " AND c.started_at < now() - interval '30 days'"
                + " AND (SELECT count(*) FROM recent) < " + (pageSize + 1) + order + ")"
                + " ORDER BY started_at DESC, recording_id DESC";
    }

    /** Pages 1..deepPages of the whole catalog, newest first, each timed; keyset paging should not slow down with depth. */
    private Latency deepPage(String token) throws Exception {
        List<Double> service = new ArrayList<>();
        List<Double> sql = new ArrayList<>();
        String cursor = null;
        Instant lastAt = null;
        UUID lastId = null;
        for (int page = 0; page < deepPages; page++) {
            String query = "limit=" + pageSize + (cursor == null ? "" : "&cursor=" + enc(cursor));
            refreshToken();
            long t0 = System.nanoTime();
            String answer = get(query);
            service.add((System.nanoTime() - t0) / 1e6);
            JsonNode body = JSON.readTree(answer);
            cursor = body.path("nextCursor").asText(null);

            try (PreparedStatement ps = db.prepareStatement(lastAt == null
                    ? PAGE + ORDER
                    : PAGE + " WHERE (c.started_at, c.recording_id) < (?, ?)" + ORDER)) {
                int i = 1;
                if (lastAt != null) {
                    ps.setObject(i++, lastAt.atOffset(ZoneOffset.UTC));
                    ps.setObject(i++, lastId);
                }
                ps.setInt(i, pageSize + 1);
                long s0 = System.nanoTime();
                try (ResultSet rs = ps.executeQuery()) {
                    int rows = 0;
                    while (rs.next() && rows++ < pageSize) {
                        lastAt = rs.getObject("started_at", OffsetDateTime.class).toInstant();
                        lastId = (UUID) rs.getObject("recording_id");
                    }
                }
                sql.add((System.nanoTime() - s0) / 1e6);
            }
            if (cursor == null) {
                break;
            }
        }
        // The first pages warm the caches; depth is what is measured.
        int skip = Math.min(warmup, service.size() / 2);
        return new Latency("page 1.." + service.size() + " of " + pageSize,
                service.subList(skip, service.size()).stream().mapToDouble(Double::doubleValue).toArray(),
                sql.subList(skip, sql.size()).stream().mapToDouble(Double::doubleValue).toArray());
    }

    interface Query {
        String of(Object[] params);
    }

    private Latency measure(String name, String token, List<Object[]> params, Query query, String sql) throws Exception {
        return measure(name, token, params, query, sql, 0);
    }

    /** Each request through the service, then the same search as SQL; {@code sqlFrom} is the first parameter the SQL takes. */
    private Latency measure(String name, String token, List<Object[]> params, Query query, String sql, int sqlFrom)
            throws Exception {
        double[] service = new double[samples];
        double[] direct = new double[samples];
        int found = 0;
        for (int i = 0; i < params.size(); i++) {
            Object[] p = params.get(i);
            // Whichever runs second finds the pages the first one read in the cache: alternate.
            double sqlMs = 0;
            if (i % 2 == 1) {
                sqlMs = direct(sql, p, sqlFrom);
            }
            refreshToken();
            long t0 = System.nanoTime();
            String answer = get(query.of(p) + "&limit=" + pageSize);
            double ms = (System.nanoTime() - t0) / 1e6;
            JsonNode body = JSON.readTree(answer);
            found += body.path("items").size();
            if (i % 2 == 0) {
                sqlMs = direct(sql, p, sqlFrom);
            }
            if (i >= warmup) {
                service[i - warmup] = ms;
                direct[i - warmup] = sqlMs;
            }
        }
        if (found == 0) {
            throw new IllegalStateException(name + ": no search found anything; the samples do not match the data");
        }
        System.out.printf(Locale.ROOT, "%-14s done, %.1f calls per answer on average%n", name, (double) found / params.size());
        return new Latency(name, service, direct);
    }

    /** The search's page query over JDBC, timed from execution to the last row read. */
    private double direct(String sql, Object[] p, int sqlFrom) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            int at = 1;
            for (int j = sqlFrom; j < p.length; j++) {
                Object v = p[j];
                if (v instanceof Instant instant) {
                    ps.setObject(at++, instant.atOffset(ZoneOffset.UTC));
                } else {
                    ps.setString(at++, (String) v);
                }
            }
            ps.setInt(at, pageSize + 1);
            long s0 = System.nanoTime();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getString("caller_number");
                }
            }
            return (System.nanoTime() - s0) / 1e6;
        }
    }

    /** Tokens live minutes and a slow phase must not outlive one; fetched outside the timed request. */
    private void refreshToken() throws IOException, InterruptedException {
        if (token == null || System.nanoTime() - tokenAt > Duration.ofSeconds(60).toNanos()) {
            token = userToken();
            tokenAt = System.nanoTime();
        }
    }

    /** One search through the service: the HTTP exchange only (the answer is parsed outside the timing). */
    private String get(String query) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/calls?" + query))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /calls?" + query + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /**
     * The word query as catalog-service makes it (SearchKeys.wordQuery): exact lexemes of word
     * prefixes, without repeated words or words that start another word of the query.
     */
    private static String tsquery(String text) {
        java.util.Set<String> words = new java.util.LinkedHashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            if (words.stream().noneMatch(other -> other.length() > w.length() && other.startsWith(w))) {
                b.append(b.length() == 0 ? "" : " & ").append('\'').append(w).append('\'');
            }
        }
        return b.toString();
    }

    /** The plans PostgreSQL chose for one search of each kind. */
    private void plans() throws SQLException {
        String caller = sample("caller_number", "true", 1).get(0);
        String plate = sample("plate_key", "plate_key IS NOT NULL", 1).get(0);
        String name = tsquery(sample("name_key", "name_key IS NOT NULL", 1).get(0));
        Instant from = newest.minus(30, ChronoUnit.DAYS);
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("agent + week", "c.agent_extension = '2042' AND c.started_at >= '" + from + "' AND c.started_at < '"
                + from.plus(7, ChronoUnit.DAYS) + "'");
        queries.put("caller number", "c.caller_number = '" + caller + "'");
        queries.put("plate", "c.plate_key = '" + plate + "'");
        queries.put("name", "c.name_prefixes @@ to_tsquery('simple', '" + name.replace("'", "''") + "')");
        queries.put("deep page", "(c.started_at, c.recording_id) < ('" + newest.minus(20, ChronoUnit.DAYS)
                + "', '00000000-0000-0000-0000-000000000000')");
        System.out.println();
        System.out.println("query plans (EXPLAIN ANALYZE, one search of each kind, page of " + pageSize + "):");
        String order = " ORDER BY c.started_at DESC, c.recording_id DESC LIMIT " + (pageSize + 1);
        for (Map.Entry<String, String> q : queries.entrySet()) {
            explain(q.getKey(), PAGE + " WHERE " + q.getValue() + order);
        }
        explain("notes words", notesPage("to_tsquery('simple', '''pothole'' & ''kallio''')") + " LIMIT " + (pageSize + 1));
        explain("notes word", notesPage("to_tsquery('simple', '''pothole''')") + " LIMIT " + (pageSize + 1));
    }

    private void explain(String title, String sql) throws SQLException {
        System.out.println("-- " + title);
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)) {
            while (rs.next()) {
                System.out.println("   " + rs.getString(1));
            }
        }
    }

    // ---- indexing --------------------------------------------------------------------------

    /** Produces the events to the service's topic; returns the seconds it took. */
    private double produce(Kafka k, String topic) throws Exception {
        System.out.printf(Locale.ROOT, "producing %,d call-recorded events to %s ...%n", events, topic);
        try (KafkaProducer<String, byte[]> producer = k.producer()) {
            long p0 = System.nanoTime();
            List<Future<?>> pending = new ArrayList<>();
            for (long i = 0; i < events; i++) {
                UUID id = UUID.randomUUID();
                pending.add(producer.send(new ProducerRecord<>(topic, id.toString(),
                        event(id, i).getBytes(StandardCharsets.UTF_8))));
                if (pending.size() >= 10_000) {
                    for (Future<?> f : pending) {
                        f.get();
                    }
                    pending.clear();
                }
            }
            for (Future<?> f : pending) {
                f.get();
            }
            return (System.nanoTime() - p0) / 1e9;
        }
    }

    /**
     * Events/s from Kafka into the catalog as the freshly started service works through the waiting
     * events (from the first indexed to the last), and the producer's own rate as the baseline.
     */
    private double[] indexing(double produceSeconds) throws Exception {
        long firstSeenAt = 0;
        long firstCount = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(o.integer("indexTimeoutMinutes", 30)).toNanos();
        long now;
        long seen;
        while (true) {
            seen = indexed();
            now = System.nanoTime();
            if (firstSeenAt == 0 && seen > 0) {
                firstSeenAt = now;
                firstCount = seen;
            }
            if (seen >= events || now > deadline) {
                break;
            }
            Thread.sleep(100);
        }
        if (seen < events) {
            throw new IllegalStateException("only " + seen + " of " + events + " events indexed in time");
        }
        double seconds = (now - firstSeenAt) / 1e9;
        double rate = seconds <= 0 ? Double.NaN : (events - firstCount) / seconds;
        System.out.printf(Locale.ROOT, "indexed %,d events%n", events);
        return new double[]{rate, events / produceSeconds, seconds};
    }

    /** Events marked done; none while the service's Flyway is still creating the table. */
    private long indexed() {
        try {
            return count("SELECT count(*) FROM processed_event");
        } catch (SQLException e) {
            return 0;
        }
    }

    private String event(UUID id, long i) {
        Instant start = newest.minus(random.nextInt(3600 * 24), ChronoUnit.SECONDS);
        String started = start.atOffset(ZoneOffset.ofHours(2)).toString();
        String ended = start.plusSeconds(120).atOffset(ZoneOffset.ofHours(2)).toString();
        return """
                {"eventId":"%s","type":"call-recorded","version":1,"occurredAt":"%s","recordingId":"%s",\
                "callId":"bench-event-%s","bucket":"recordings","objectKey":"recordings/bench/%s.wav",\
                "sha256":"%s","sizeBytes":960044,"audio":{"codec":"alaw","sampleRateHz":8000,"channels":1,\
                "bitsPerSample":8,"durationMillis":120000},"startedAt":"%s","endedAt":"%s",\
                "callerNumber":"+35840%d","agentExtension":"%d","serviceLine":"%s",\
                "callerProvided":{"name":"%s %s%s","address":null,"vehicleRegistration":"ABC-%d","contact":null},\
                "serviceNotes":"%s %s %s","announcementPlayed":true,"flags":[]}"""
                .formatted(UUID.randomUUID(), Instant.now(), id, id, id, "0".repeat(64), started, ended,
                        1_000_000 + random.nextInt(callers), 2000 + random.nextInt(agents), CatalogCalls.LINES[(int) (i % 4)],
                        CatalogCalls.FIRST[random.nextInt(CatalogCalls.FIRST.length)], CatalogCalls.STEM[random.nextInt(CatalogCalls.STEM.length)],
                        CatalogCalls.SUFFIX[random.nextInt(CatalogCalls.SUFFIX.length)], 1 + random.nextInt(999),
                        CatalogCalls.WORDS[random.nextInt(CatalogCalls.WORDS.length)], CatalogCalls.WORDS[random.nextInt(CatalogCalls.WORDS.length)],
                        CatalogCalls.WORDS[random.nextInt(CatalogCalls.WORDS.length)]);
    }

    private long count(String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---- report ----------------------------------------------------------------------------

    private void report(List<Latency> results, double[] indexing) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-22s %9s %9s %9s %9s %9s %s%n", "search (" + samples + " samples)",
                "svc p50", "svc p99", "sql p50", "sql p99", "p99 ratio", "goal p99 <= 20 ms");
        for (Latency l : results) {
            double p99 = l.p(l.serviceMs(), 0.99);
            System.out.printf(Locale.ROOT, "%-22s %9.2f %9.2f %9.2f %9.2f %9.2f %s%n", l.name(),
                    l.p(l.serviceMs(), 0.50), p99, l.p(l.sqlMs(), 0.50), l.p(l.sqlMs(), 0.99),
                    p99 / l.p(l.sqlMs(), 0.99), p99 <= GOAL_P99_MS ? "met" : "NOT met");
        }
        System.out.println("(svc: GET /calls through HTTP with token check, JSON and access-log write; sql: the page"
                + " query catalog-service runs, over JDBC as it connects, without the hold join and access-log insert;"
                + " milliseconds; the last of " + o.integer("passes", 4) + " passes)");
        if (indexing != null) {
            System.out.printf(Locale.ROOT, "%nindexing from Kafka  : %,.0f events/s (%,d events, %.1f s from first to last;"
                    + " goal >= %,.0f: %s)%n", indexing[0], events, indexing[2], GOAL_EVENTS_PER_S,
                    indexing[0] >= GOAL_EVENTS_PER_S ? "met" : "NOT met");
            System.out.printf(Locale.ROOT, "producing to Kafka   : %,.0f events/s (baseline)%n", indexing[1]);
            System.out.printf(Locale.ROOT, "ratio                : %.2f%n", indexing[0] / indexing[1]);
        }
    }

    // ---- plumbing --------------------------------------------------------------------------

    /** Connected as catalog-service connects: without JIT, each statement planned for its values. */
    private Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", o.string("dbUser", "callrec_catalog"));
        props.setProperty("password", o.string("dbPassword", "callrec_catalog-local-test-only"));
        props.setProperty("options", "-c jit=off -c plan_cache_mode=force_custom_plan");
        return DriverManager.getConnection(jdbcUrl, props);
    }

    private String userToken() throws IOException, InterruptedException {
        String keycloak = o.string("keycloakUrl", "http://127.0.0.1:8180").replaceAll("/+$", "");
        String form = "grant_type=password&client_id=" + enc(o.string("clientId", "callrec-portal"))
                + "&client_secret=" + enc(o.string("clientSecret", "test-only-portal-secret"))
                + "&username=" + enc(o.string("user", "supervisor1"))
                + "&password=" + enc(o.string("password", "test-password"));
        HttpResponse<String> response = null;
        // A shared local Keycloak may refuse a grant for a moment (other suites use the same realm).
        for (int attempt = 0; attempt < 5; attempt++) {
            response = http.send(HttpRequest.newBuilder(
                            URI.create(keycloak + "/realms/" + o.string("realm", "callrec") + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body()).path("access_token").asText();
            }
            Thread.sleep(2_000);
        }
        throw new IOException("token endpoint answered " + response.statusCode() + ": " + response.body());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * The few Kafka client calls needed: a topic of the benchmark's own (made and removed by the
     * local broker's admin user) and a producer for it (as the tests-and-tools user).
     */
    private static final class Kafka {
        private static final String ADMIN = "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"admin\" password=\"admin-local-test-only\";";
        private final Properties tools = new Properties();

        Kafka(String bootstrap, Path toolsConfig) throws IOException {
            try (var reader = Files.newBufferedReader(toolsConfig)) {
                tools.load(reader);
            }
            tools.setProperty("bootstrap.servers", bootstrap);
            // The local stack's CA, relative to the project root.
            Path root = toolsConfig.toAbsolutePath().getParent().getParent().getParent();
            tools.setProperty("ssl.truststore.location", root.resolve(tools.getProperty("ssl.truststore.location")).toString());
        }

        String user() {
            return jaasValue("username");
        }

        String password() {
            return jaasValue("password");
        }

        private String jaasValue(String name) {
            var matcher = java.util.regex.Pattern.compile(name + "=\"([^\"]*)\"").matcher(tools.getProperty("sasl.jaas.config"));
            if (!matcher.find()) {
                throw new IllegalStateException("no " + name + " in the Kafka tools settings");
            }
            return matcher.group(1);
        }

        void createTopic(String name, int partitions) throws Exception {
            NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(Map.of("retention.ms", "3600000"));
            try (Admin admin = admin()) {
                admin.createTopics(List.of(topic)).all().get();
            }
        }

        void deleteTopic(String name) throws Exception {
            try (Admin admin = admin()) {
                admin.deleteTopics(List.of(name)).all().get();
            }
        }

        KafkaProducer<String, byte[]> producer() {
            Properties props = new Properties();
            props.putAll(tools);
            props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }

        private Admin admin() {
            Properties props = new Properties();
            props.putAll(tools);
            props.setProperty("sasl.jaas.config", ADMIN);
            return Admin.create(props);
        }
    }

    private Path projectRoot() {
        String configured = o.string("callrec.root", null);
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("catalog-service"))) {
                return dir;
            }
        }
        throw new IllegalStateException("project root not found above " + Path.of("").toAbsolutePath()
                + "; pass callrec.root=<path> or catalogJar=<path>");
    }
}
