package fi.hel.callrec.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches every recording uploaded and not yet found everywhere, all together: every 2 ms one
 * query per service database, however many uploaders wait, and a {@code GET /calls/{id}} as soon
 * as the catalog's table holds the call (the catalog's figure is that answer's 200). Watching
 * thus costs the same at one uploader and at eight, and little of the cores the services share.
 */
final class FreshnessWatcher implements AutoCloseable {

    /** Where each figure stands in what {@link #watch} gives: microseconds from the 201. */
    static final int CATALOG_GET = 0;
    static final int ACCESS = 1;
    static final int RETENTION = 2;
    static final int CATALOG_TABLE = 3;

    /** Per database, in the order catalog, access, retention: which of the ids it holds. */
    private static final String[] QUERIES = {
            "SELECT recording_id FROM call_record WHERE recording_id = ANY(?)",
            "SELECT id FROM recording WHERE id = ANY(?)",
            "SELECT recording_id FROM retention_schedule WHERE recording_id = ANY(?)" };
    /** The figure each database's query gives. */
    private static final int[] FOUND_BY = {CATALOG_TABLE, ACCESS, RETENTION};

    /** A recording watched: when its 201 came, and when each service had it (-1: not yet). */
    private record Watched(long acknowledged, long[] found, CompletableFuture<long[]> done) {
    }

    private final Map<UUID, Watched> watched = new ConcurrentHashMap<>();
    /** Asked or answered: one GET per call, unless one failed. */
    private final Set<UUID> asking = ConcurrentHashMap.newKeySet();
    private final Connection[] databases;
    private final HttpClient http;
    private final String catalog;
    private final UserToken supervisor;
    private final Thread thread;
    private volatile boolean closed;

    /** Starts watching; the connections are closed with the watcher. */
    FreshnessWatcher(Connection catalogDb, Connection accessDb, Connection retentionDb, HttpClient http, String catalog,
                     UserToken supervisor) {
        this.databases = new Connection[] {catalogDb, accessDb, retentionDb};
        this.http = http;
        this.catalog = catalog;
        this.supervisor = supervisor;
        this.thread = new Thread(this::loop, "freshness-watcher");
        thread.start();
    }

    /** Completes when every service has the recording, with the figures at {@link #CATALOG_GET} and the others. */
    CompletableFuture<long[]> watch(UUID id, long acknowledged) {
        Watched w = new Watched(acknowledged, new long[] {-1, -1, -1, -1}, new CompletableFuture<>());
        watched.put(id, w);
        return w.done();
    }

    private void loop() {
        try {
            while (!closed) {
                for (int db = 0; db < QUERIES.length; db++) {
                    int figure = FOUND_BY[db];
                    // The catalog's table is asked until its GET answered, not only until it held the call.
                    int until = figure == CATALOG_TABLE ? CATALOG_GET : figure;
                    UUID[] missing = watched.entrySet().stream().filter(e -> e.getValue().found()[until] < 0)
                            .map(Map.Entry::getKey).toArray(UUID[]::new);
                    if (missing.length > 0) {
                        for (UUID id : present(databases[db], QUERIES[db], missing)) {
                            found(id, figure, System.nanoTime());
                            if (figure == CATALOG_TABLE) {
                                askCatalog(id);
                            }
                        }
                    }
                }
                Thread.sleep(2);
            }
        } catch (Exception e) {
            watched.values().forEach(w -> w.done().completeExceptionally(e));
        }
    }

    /** The catalog's table holds the call: the figure is when its search API answers it. */
    private void askCatalog(UUID id) throws IOException, InterruptedException {
        if (!asking.add(id)) {
            return;
        }
        http.sendAsync(HttpRequest.newBuilder(URI.create(catalog + "/calls/" + id))
                        .header("Authorization", "Bearer " + supervisor.get()).GET().build(),
                        HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> {
                    long now = System.nanoTime();
                    if (failure == null && response.statusCode() == 200) {
                        found(id, CATALOG_GET, now);
                    } else {
                        asking.remove(id); // asked again on the next round
                    }
                });
    }

    private void found(UUID id, int figure, long now) {
        Watched w = watched.get(id);
        if (w == null) {
            return;
        }
        synchronized (w) {
            if (w.found()[figure] < 0) {
                w.found()[figure] = (now - w.acknowledged()) / 1000;
            }
            if (Arrays.stream(w.found()).allMatch(f -> f >= 0)) {
                watched.remove(id);
                w.done().complete(w.found().clone());
            }
        }
    }

    private static List<UUID> present(Connection db, String sql, UUID[] ids) throws SQLException {
        List<UUID> present = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setArray(1, db.createArrayOf("uuid", ids));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    present.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return present;
    }

    @Override
    public void close() throws Exception {
        closed = true;
        thread.join();
        for (Connection db : databases) {
            db.close();
        }
    }
}
