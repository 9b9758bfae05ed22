package fi.hel.callrec.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The console's search page at a million calls beside catalog-service's own {@code GET /calls} with
 * the same filters, in the same run, and the weight of the whole page as a browser loads it.
 *
 * <p>Runs against the local stack's console and catalog-service. The calls are written into the
 * catalog's table (call ids {@code search-bench-...}) and removed at the end unless {@code keep=true}.
 * The console is signed in to as a person is, through Keycloak's sign-in form; the catalog is asked
 * with that person's token from the portal client, so both sides see the same calls.
 */
public final class ConsoleSearchBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double GOAL_P99_EXTRA_MS = 10.0;
    private static final long GOAL_PAGE_BYTES = 300_000;
    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">");
    private static final Pattern ASSET = Pattern.compile("(?:<link[^>]+href|<script[^>]+src|<img[^>]+src)=\"([^\"]+)\"");
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^'\")]+)['\"]?\\s*\\)");

    private final Options o;
    private final String console;
    private final String catalog;
    private final long calls;
    private final int samples;
    private final int warmup;
    private final int pageSize;
    private final int countUpTo;
    private final Random random = new Random(0xC0501EL);
    private final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new LoopbackCookies()).followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final HttpClient portal = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private String token;
    private long tokenAt;
    private String csrfName;
    private String csrfValue;

    private ConsoleSearchBenchmark(Options o) {
        this.o = o;
        this.console = o.string("consoleUrl", "http://127.0.0.1:8085").replaceAll("/+$", "");
        this.catalog = o.string("catalogUrl", "http://127.0.0.1:8082").replaceAll("/+$", "");
        this.calls = o.number("calls", 1_000_000);
        this.samples = o.integer("samples", 300);
        this.warmup = o.integer("warmup", 300);
        // The console's own page size (callrec.console.page-size), so that both sides fetch as many rows.
        this.pageSize = o.integer("pageSize", 25);
        // Where the console's count stops (callrec.console.count-up-to).
        this.countUpTo = o.integer("countUpTo", 1000);
        if (calls < 1 || samples < 1 || warmup < 0 || pageSize < 1 || countUpTo < 1) {
            throw new IllegalArgumentException("calls, samples, pageSize and countUpTo must be positive, warmup not negative");
        }
    }

    public static void main(String[] args) throws Exception {
        new ConsoleSearchBenchmark(Options.parse(args)).run();
    }

    /** One kind of search: the filters as the form sends them. */
    record Search(String name, List<Map<String, String>> filters) {
    }

    record Figures(String name, double[] consoleMs, double[] catalogMs, double[] countMs) {
        static double p(double[] values, double q) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }

    private void run() throws Exception {
        try (Connection db = connect()) {
            long present = count(db);
            if (present < calls) {
                CatalogCalls.load(db, calls, o.integer("agents", 200), o.integer("callers", 300_000), o.integer("days", 182),
                        Instant.now().truncatedTo(ChronoUnit.SECONDS));
            } else {
                System.out.printf(Locale.ROOT, "%,d benchmark calls already in the catalog%n", present);
            }
            try {
                long total = total(db);
                System.out.printf(Locale.ROOT, "console search benchmark: %,d calls in the catalog, %d samples per search"
                        + " after %d warm-up, pages of %d; console %s, catalog %s%n", total, samples, warmup, pageSize, console, catalog);
                signIn();
                List<Search> searches = List.of(
                        new Search("newest calls", Collections.nCopies(samples, Map.of())),
                        new Search("plate, other spelling", sample(db, "vehicle_registration", "vehicle_registration IS NOT NULL")
                                .stream().map(p -> Map.of("plate", p.toLowerCase(Locale.ROOT).replace('-', ' '))).toList()),
                        new Search("caller number, national form", sample(db, "caller_number", "caller_number IS NOT NULL")
                                .stream().map(n -> Map.of("callerNumber", "0" + n.substring(4))).toList()),
                        new Search("agent + week", sample(db, "agent_extension", "TRUE").stream().map(this::agentWeek).toList()),
                        new Search("notes words", sample(db, "split_part(service_notes, ' ', 1) || ' ' || split_part(service_notes, ' ', 2)",
                                "service_notes IS NOT NULL").stream().map(w -> Map.of("notes", w)).toList()));
                double[] home = home();
                List<Figures> results = new ArrayList<>();
                for (Search search : searches) {
                    results.add(measure(search));
                }
                report(results, home, pageWeight());
            } finally {
                if (!Boolean.parseBoolean(o.string("keep", "false"))) {
                    CatalogCalls.remove(db);
                }
            }
        }
    }

    private Map<String, String> agentWeek(String extension) {
        LocalDate to = LocalDate.now(ZoneId.of("Europe/Helsinki")).minusDays(random.nextInt(170));
        return Map.of("agentExtension", extension, "from", to.minusDays(7).toString(), "to", to.toString());
    }

    /** Warm-up, then console and catalog in turn for each sample, so that a slow moment falls on both sides. */
    private Figures measure(Search search) throws IOException, InterruptedException {
        List<Map<String, String>> filters = search.filters();
        for (int i = 0; i < warmup; i++) {
            Map<String, String> f = filters.get(i % filters.size());
            consoleSearch(f);
            catalog("/calls", f, true);
            catalog("/calls/count", f, false);
        }
        double[] consoleMs = new double[filters.size()];
        double[] catalogMs = new double[filters.size()];
        double[] countMs = new double[filters.size()];
        for (int i = 0; i < filters.size(); i++) {
            consoleMs[i] = consoleSearch(filters.get(i));
            catalogMs[i] = catalog("/calls", filters.get(i), true);
            countMs[i] = catalog("/calls/count", filters.get(i), false);
        }
        Figures figures = new Figures(search.name(), consoleMs, catalogMs, countMs);
        System.out.printf(Locale.ROOT, "%-30s console p50 %6.1f p99 %6.1f ms | catalog p50 %6.1f p99 %6.1f ms"
                        + " | its count p50 %6.1f p99 %6.1f ms%n", search.name(), Figures.p(consoleMs, 0.5), Figures.p(consoleMs, 0.99),
                Figures.p(catalogMs, 0.5), Figures.p(catalogMs, 0.99), Figures.p(countMs, 0.5), Figures.p(countMs, 0.99));
        return figures;
    }

    /** The console's home page, signed in: the session, the roles and a page rendered, no service asked. */
    private double[] home() throws IOException, InterruptedException {
        double[] ms = new double[samples];
        for (int i = -warmup; i < samples; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create(console + "/")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.uri().getPath().equals("/")) {
                throw new IOException("the home page answered " + response.statusCode() + " at " + response.uri());
            }
            if (i >= 0) {
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "%-30s console p50 %6.1f p99 %6.1f ms%n", "home page (no service asked)",
                Figures.p(ms, 0.5), Figures.p(ms, 0.99));
        return ms;
    }

    /** The search form posted as the browser posts it: the whole page, search and count, rendered. */
    private double consoleSearch(Map<String, String> filters) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>(filters);
        form.put(csrfName, csrfValue);
        HttpRequest request = HttpRequest.newBuilder(URI.create(console + "/calls"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form))).build();
        long start = System.nanoTime();
        HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200 || !response.body().contains("id=\"results-heading\"")) {
            throw new IOException("the console's search answered " + response.statusCode() + " without results at "
                    + response.uri() + "; filters " + filters.keySet());
        }
        return ms;
    }

    /**
     * catalog-service's own search with the same filters and page size (the baseline), or its count
     * up to where the console's stops, which the console asks for beside the page.
     */
    private double catalog(String path, Map<String, String> filters, boolean paged) throws IOException, InterruptedException {
        refreshToken();
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put(paged ? "limit" : "upTo", Integer.toString(paged ? pageSize : countUpTo));
        HttpRequest request = HttpRequest.newBuilder(URI.create(catalog + path + "?" + formBody(query)))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
        long start = System.nanoTime();
        HttpResponse<String> response = portal.send(request, HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200) {
            throw new IOException("catalog GET " + path + " answered " + response.statusCode() + "; filters " + filters.keySet());
        }
        return ms;
    }

    /** Signs in through Keycloak's own form, as a browser does, and keeps the form's CSRF token. */
    private void signIn() throws IOException, InterruptedException {
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(console + "/calls")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher action = LOGIN_FORM.matcher(login.body());
        if (!action.find()) {
            throw new IOException("the console did not lead to Keycloak's sign-in form (" + login.uri() + ")");
        }
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("username", o.string("user", "supervisor1"));
        credentials.put("password", o.string("password", "test-password"));
        credentials.put("credentialId", "");
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(credentials))).build(), HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200 || !page.uri().toString().startsWith(console + "/calls")) {
            throw new IOException("signing in ended at " + page.uri() + " with " + page.statusCode());
        }
        Matcher csrf = CSRF.matcher(page.body());
        if (!csrf.find()) {
            throw new IOException("the search page carries no CSRF token");
        }
        csrfName = csrf.group(1);
        csrfValue = csrf.group(2);
        System.out.println("signed in to the console as " + o.string("user", "supervisor1"));
    }

    /**
     * Everything a browser fetches for a page of results: the HTML, the style sheets, scripts and
     * images it names, and what the style sheets name in turn (fonts, images); each counted once.
     */
    private Map<String, Long> pageWeight() throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put(csrfName, csrfValue);
        HttpResponse<byte[]> html = browser.send(HttpRequest.newBuilder(URI.create(console + "/calls"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form))).build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, Long> sizes = new LinkedHashMap<>();
        sizes.put("/calls (a page of " + pageSize + " calls)", (long) html.body().length);
        Set<URI> seen = new LinkedHashSet<>();
        List<URI> pending = new ArrayList<>();
        Matcher assets = ASSET.matcher(new String(html.body(), StandardCharsets.UTF_8));
        while (assets.find()) {
            pending.add(URI.create(console + "/").resolve(assets.group(1).replace("&amp;", "&")));
        }
        while (!pending.isEmpty()) {
            URI asset = pending.remove(0);
            if (asset.getScheme().equals("data") || !seen.add(asset)) {
                continue;
            }
            HttpResponse<byte[]> answer = browser.send(HttpRequest.newBuilder(asset).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new IOException(asset + " answered " + answer.statusCode());
            }
            sizes.put(asset.getPath(), (long) answer.body().length);
            if (asset.getPath().endsWith(".css")) {
                Matcher urls = CSS_URL.matcher(new String(answer.body(), StandardCharsets.UTF_8));
                while (urls.find()) {
                    if (!urls.group(1).startsWith("data:") && !urls.group(1).startsWith("#")) {
                        pending.add(asset.resolve(urls.group(1)));
                    }
                }
            }
        }
        return sizes;
    }

    private void report(List<Figures> results, double[] home, Map<String, Long> weight) {
        System.out.println();
        System.out.println("| search | console p50 / p99 ms | catalog GET /calls p50 / p99 ms | p99 difference | p99 ratio | goal: ≤ +10 ms |");
        System.out.println("|---|---|---|---|---|---|");
        for (Figures f : results) {
            double consoleP99 = Figures.p(f.consoleMs(), 0.99);
            double catalogP99 = Figures.p(f.catalogMs(), 0.99);
            System.out.printf(Locale.ROOT, "| %s | %.1f / %.1f | %.1f / %.1f | %+.1f ms | %.2f | %s |%n", f.name(),
                    Figures.p(f.consoleMs(), 0.5), consoleP99, Figures.p(f.catalogMs(), 0.5), catalogP99,
                    consoleP99 - catalogP99, consoleP99 / catalogP99, consoleP99 <= catalogP99 + GOAL_P99_EXTRA_MS ? "met" : "NOT met");
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "what the console adds: its own work on a page that asks no service, p50 %.1f / p99 %.1f ms;"
                + " catalog's count, asked beside the page, p50 / p99 ms: %s%n", Figures.p(home, 0.5), Figures.p(home, 0.99),
                results.stream().map(f -> String.format(Locale.ROOT, "%s %.1f / %.1f", f.name(), Figures.p(f.countMs(), 0.5),
                        Figures.p(f.countMs(), 0.99))).collect(Collectors.joining(", ")));
        long total = weight.values().stream().mapToLong(Long::longValue).sum();
        System.out.println();
        System.out.println("page weight, uncompressed: " + weight.entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue()) + " B")
                .collect(Collectors.joining(", ")));
        System.out.printf(Locale.ROOT, "page weight, total: %,d B (goal ≤ %,d B: %s)%n", total, GOAL_PAGE_BYTES,
                total <= GOAL_PAGE_BYTES ? "met" : "NOT met");
    }

    private List<String> sample(Connection db, String column, String condition) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + column + " FROM call_record TABLESAMPLE SYSTEM (1) WHERE "
                     + condition + " AND call_id LIKE 'search-bench-%' LIMIT " + samples * 4)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        if (values.isEmpty()) {
            throw new IllegalStateException("no sample of " + column);
        }
        Collections.shuffle(values, random);
        while (values.size() < samples) {
            values.addAll(List.copyOf(values));
        }
        return values.subList(0, samples);
    }

    private static long count(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM call_record WHERE call_id LIKE 'search-bench-%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long total(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM call_record")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", o.string("dbUser", "callrec_catalog"));
        props.setProperty("password", o.string("dbPassword", "callrec_catalog-local-test-only"));
        return DriverManager.getConnection(o.string("jdbcUrl", "jdbc:postgresql://127.0.0.1:5432/callrec_catalog"), props);
    }

    /** The same person's token from the portal client, fetched outside the timed request. */
    private void refreshToken() throws IOException, InterruptedException {
        if (token != null && System.nanoTime() - tokenAt < Duration.ofSeconds(60).toNanos()) {
            return;
        }
        String keycloak = o.string("keycloakUrl", "http://127.0.0.1:8180").replaceAll("/+$", "");
        Map<String, String> grant = new LinkedHashMap<>();
        grant.put("grant_type", "password");
        grant.put("client_id", o.string("clientId", "callrec-portal"));
        grant.put("client_secret", o.string("clientSecret", "test-only-portal-secret"));
        grant.put("username", o.string("user", "supervisor1"));
        grant.put("password", o.string("password", "test-password"));
        HttpResponse<String> response = portal.send(HttpRequest.newBuilder(
                        URI.create(keycloak + "/realms/" + o.string("realm", "callrec") + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(grant))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Keycloak refused the password grant: " + response.statusCode());
        }
        token = JSON.readTree(response.body()).path("access_token").asText();
        tokenAt = System.nanoTime();
    }

    private static String formBody(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * Cookies as a browser keeps them: it treats the loopback as a secure origin and sends it the
     * {@code Secure} cookies Keycloak sets, where the JDK's manager would hold them back over plain HTTP.
     */
    private static final class LoopbackCookies extends CookieManager {
        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
            boolean loopback = "http".equals(uri.getScheme()) && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
            return super.get(loopback ? URI.create("https" + uri.toString().substring(4)) : uri, headers);
        }
    }
}
