package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The console in a real browser, as each role uses it, signed in through Keycloak's real sign-in
 * page: every screen is checked with axe-core and kept as a screenshot under target/.
 */
class ConsoleBrowserIT {

    @BeforeAll
    static void chromium() {
        ConsoleBrowser.assumeAvailable();
    }

    @Test
    void an_agent_finds_a_call_by_plate_in_another_spelling_plays_and_seeks_and_signs_out() throws Exception {
        ConsoleFixtures.Call call = ConsoleFixtures.upload("1001", 60);
        try (ConsoleBrowser agent1 = new ConsoleBrowser("agent1", "fi")) {
            agent1.signIn("/calls", "agent1");
            assertThat(agent1.find(By.tagName("html")).getAttribute("lang")).isEqualTo("fi");
            agent1.check("search");

            agent1.type("plate", call.plateOtherSpelling());
            agent1.submit(By.cssSelector(".search-form button[type=submit]"));
            assertThat(agent1.find(By.id("results-heading")).getText()).startsWith("Löytyi 1 ");
            agent1.check("search-results");

            agent1.submit(By.cssSelector("a[href='/calls/" + call.id() + "']"));
            assertThat(agent1.text()).contains(call.plate(), "Maija " + call.nameWord());
            assertThat(agent1.driver.findElements(By.tagName("audio"))).as("no player before a purpose is chosen").isEmpty();
            agent1.check("call");

            agent1.select("purpose", "quality");
            agent1.submit(By.cssSelector(".purpose-form button[type=submit]"));
            WebElement audio = agent1.find(By.id("audio"));
            agent1.wait.until(d -> ((Number) agent1.js("return arguments[0].readyState", audio)).intValue() >= 1);
            double duration = ((Number) agent1.js("return arguments[0].duration", audio)).doubleValue();
            assertThat(duration).isCloseTo(60.0, org.assertj.core.data.Offset.offset(1.0));
            agent1.js("arguments[0].currentTime = arguments[0].duration / 2; arguments[0].play();", audio);
            agent1.wait.until(d -> ((Number) agent1.js("return arguments[0].currentTime", audio)).doubleValue() > duration / 2 + 0.3);
            agent1.check("call-player");

            // access-service, not the console, audited each range under agent1 and the purpose picked.
            String auditor = Tokens.forUser("auditor1");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<Map<String, Object>> entries = given().auth().oauth2(auditor).queryParam("recording", call.id())
                        .get(Stack.ACCESS + "/audit").then().statusCode(200).extract().jsonPath().getList("$");
                assertThat(entries).anySatisfy(e -> {
                    assertThat(e.get("username")).isEqualTo("agent1");
                    assertThat(e.get("purpose")).isEqualTo("quality");
                    assertThat(e.get("status")).isEqualTo(206);
                });
                // The fixture's HEAD as supervisor1 waited for the audio; every byte the browser fetched went to agent1.
                assertThat(entries).filteredOn(e -> "GET".equals(e.get("method")))
                        .isNotEmpty().allSatisfy(e -> assertThat(e.get("username")).isEqualTo("agent1"));
            });

            agent1.submit(By.cssSelector(".account button[type=submit]"));
            agent1.awaitPage("/signed-out");
            agent1.check("signed-out");
            agent1.open("/calls");
            agent1.wait.until(d -> d.getCurrentUrl().startsWith(Stack.KEYCLOAK));
            assertThat(agent1.driver.findElements(By.id("username"))).as("Keycloak asks to sign in again").isNotEmpty();
        }
    }

    @Test
    void another_agent_never_sees_the_call_by_search_or_by_url() throws Exception {
        ConsoleFixtures.Call call = ConsoleFixtures.upload("1001", 2);
        try (ConsoleBrowser agent2 = new ConsoleBrowser("agent2", "en")) {
            agent2.signIn("/calls", "agent2");
            agent2.type("plate", call.plate());
            agent2.submit(By.cssSelector(".search-form button[type=submit]"));
            assertThat(agent2.find(By.id("results-heading")).getText()).isEqualTo("0 calls found");
            assertThat(agent2.driver.getPageSource()).doesNotContain(call.id());

            agent2.open("/calls/" + call.id());
            assertThat(agent2.h1()).isEqualTo("Not found");
            assertThat(agent2.text()).doesNotContain(call.plate()).doesNotContain(call.nameWord());
            agent2.check("not-found");
            agent2.open("/calls/" + call.id() + "/audio?purpose=quality");
            assertThat(agent2.h1()).isEqualTo("Not found");
        }
    }

    @Test
    void a_supervisor_places_and_releases_a_hold_and_finds_holds_by_case() throws Exception {
        ConsoleFixtures.Call call = ConsoleFixtures.upload("1002", 2);
        String caseReference = "POL-" + CatalogFixtures.uniqueWord();
        try (ConsoleBrowser supervisor = new ConsoleBrowser("supervisor1", "sv")) {
            supervisor.signIn("/calls/" + call.id(), "supervisor1");
            supervisor.select("reason", "crime");
            supervisor.type("caseReference", caseReference);
            supervisor.type("note", "Anmäld till polisen");
            supervisor.submit(By.cssSelector("form[action$='/hold'] button[type=submit]"));
            assertThat(supervisor.find(By.id("done-label")).getText()).isEqualTo("Bevarandet är placerat.");
            assertThat(supervisor.text()).contains(caseReference, "Anmält brott");
            supervisor.check("call-held");
            given().auth().oauth2(Tokens.forUser("supervisor1")).get(Stack.RETENTION + "/recordings/" + call.id() + "/hold")
                    .then().statusCode(200).body("held", org.hamcrest.Matchers.is(true));

            supervisor.open("/holds");
            supervisor.type("caseReference", caseReference);
            supervisor.submit(By.cssSelector(".inline-form button[type=submit]"));
            assertThat(supervisor.driver.findElements(By.cssSelector("a[href='/calls/" + call.id() + "']"))).hasSize(1);
            supervisor.check("holds");

            supervisor.open("/calls/" + call.id());
            supervisor.type("releaseReason", "Ärendet avslutat");
            supervisor.submit(By.cssSelector("form[action$='/hold/release'] button[type=submit]"));
            assertThat(supervisor.find(By.id("done-label")).getText()).isEqualTo("Bevarandet är hävt.");
            given().auth().oauth2(Tokens.forUser("supervisor1")).get(Stack.RETENTION + "/recordings/" + call.id() + "/hold")
                    .then().statusCode(200).body("held", org.hamcrest.Matchers.is(false));
        }
    }

    @Test
    void the_manager_reports_to_a_subject_refuses_a_rectification_reviews_access_and_erases() throws Exception {
        String digits = SubjectRightsFixtures.subjectDigits();
        ConsoleFixtures.Call call = ConsoleFixtures.upload("1001", 2, "040" + digits);
        try (ConsoleBrowser manager = new ConsoleBrowser("manager1", "fi")) {
            manager.signIn("/requests", "manager1");
            manager.check("requests");
            manager.type("subjectNumber", "+358 40 " + digits);
            manager.type("subjectName", "Maija " + call.nameWord());
            manager.select("channel", "in-person");
            manager.type("identityVerifiedBy", "manager1");
            manager.type("identityVerifiedHow", "Passi");
            manager.js("document.getElementById('receivedOn').value = new Date().toISOString().substring(0, 10)");
            manager.submit(By.cssSelector("form[action='/requests'] button[type=submit]"));
            assertThat(manager.h1()).isEqualTo("Tarkastuspyyntö");
            manager.check("request");

            manager.submit(By.cssSelector("form[action$='/report'] button[type=submit]"));
            assertThat(manager.text()).contains("Maija " + call.nameWord(), call.plate(), "Suljettu");
            manager.check("report");
            manager.find(By.id("report-pdf-fi")).click();
            String report = SubjectRightsFixtures.pdfText(manager.downloaded("subject-access-report-fi"));
            assertThat(report).contains(call.plate());

            // A rectification on the person's written request, refused with a certificate.
            manager.open("/calls/" + call.id());
            manager.select("field", "callerProvided.address");
            manager.select("changeType", "replace");
            manager.select("initiative", "subject");
            manager.type("newValue", "Aleksanterinkatu 2");
            manager.type("requesterName", "Maija " + call.nameWord());
            manager.type("requesterContact", "Mannerheimintie 1");
            manager.select("channel", "letter");
            manager.type("itemisation", "Osoite on väärä");
            manager.submit(By.cssSelector("form[action$='/rectifications'] button[type=submit]"));
            assertThat(manager.h1()).isEqualTo("Oikaisu");
            manager.find(By.cssSelector("label[for='decision-refuse']")).click();
            manager.type("reason", "Osoite vastaa puhelussa kerrottua");
            manager.submit(By.cssSelector("form[action$='/decision'] button[type=submit]"));
            assertThat(manager.find(By.id("done-label")).getText()).isEqualTo("Päätös on kirjattu.");
            manager.check("rectification-refused");
            manager.find(By.id("certificate")).click();
            String certificate = SubjectRightsFixtures.pdfText(manager.downloaded("refusal-certificate"));
            assertThat(certificate).contains("Osoite vastaa puhelussa kerrottua", "PL 135");

            manager.open("/access-review");
            assertThat(manager.driver.findElements(By.xpath("//td[starts-with(normalize-space(.), 'agent1')]"))).hasSize(1);
            assertThat(manager.text()).contains("auditor1", "Tarkastaja").doesNotContain("service-account");
            manager.check("access-review");
            manager.find(By.id("review-csv")).click();
            String csv = new String(manager.downloaded("access-review"), StandardCharsets.UTF_8);
            assertThat(csv).startsWith("username,name,enabled,roles,last_search,last_listening").contains("\r\nmanager1,Matti Malli,true,manager,");

            manager.open("/calls/" + call.id() + "/erase");
            assertThat(manager.text()).contains("Mitä menetetään", "itse tallenne pysyvästi");
            manager.check("erase");
            manager.type("reason", "Tallennettu virheellisesti");
            manager.find(By.cssSelector("label[for='confirmed']")).click();
            manager.submit(By.cssSelector("form[action$='/erase'] button[type=submit]"));
            assertThat(manager.find(By.id("erased-label")).getText()).isEqualTo("Tallenne poistettiin.");
            given().auth().oauth2(Tokens.forUser("manager1")).get(Stack.RETENTION + "/recordings/" + call.id() + "/hold")
                    .then().statusCode(200).body("deletedAt", org.hamcrest.Matchers.notNullValue());
        }
    }

    @Test
    void the_auditor_reads_the_audit_of_a_recording_and_a_session_and_verifies_the_chain() throws Exception {
        ConsoleFixtures.Call call = ConsoleFixtures.upload("1001", 2);
        String session = given().auth().oauth2(Tokens.forUser("supervisor1")).queryParam("purpose", "complaint")
                .get(Stack.ACCESS + "/recordings/" + call.id() + "/audio").then().statusCode(200)
                .extract().header("X-Listening-Session");
        try (ConsoleBrowser auditor = new ConsoleBrowser("auditor1", "en")) {
            auditor.signIn("/audit", "auditor1");
            auditor.type("recording", call.id());
            auditor.submit(By.cssSelector("form[action='/audit'] button[type=submit]"));
            assertThat(auditor.text()).contains("supervisor1", "Verifying what was said (complaint)");
            auditor.check("audit");
            auditor.submit(By.cssSelector("a[href='/audit?session=" + session + "']"));
            assertThat(auditor.driver.findElements(By.cssSelector("tbody tr"))).isNotEmpty();
            auditor.submit(By.id("verify"));
            assertThat(auditor.find(By.id("verify-label")).getText()).isEqualTo("The log chain is intact.");
            auditor.check("audit-verified");
            auditor.open("/calls");
            assertThat(auditor.h1()).isEqualTo("Not for your role");
        }
    }

    @Test
    void the_admin_sees_retention_status_and_runs_a_sweep_but_no_calls() throws Exception {
        try (ConsoleBrowser admin = new ConsoleBrowser("admin1", "en")) {
            admin.signIn("/admin", "admin1");
            assertThat(admin.text()).contains("Retention status", "Scheduled");
            admin.check("admin");
            admin.submit(By.cssSelector("form[action='/admin/sweep'] button"));
            assertThat(admin.find(By.id("ran-label")).getText()).isEqualTo("Sweep done");
            admin.check("admin-swept");
            admin.open("/calls");
            assertThat(admin.h1()).isEqualTo("Not for your role");
            assertThat(admin.driver.findElements(By.cssSelector(".main-nav a[href='/calls']"))).isEmpty();
        }
    }

    @Test
    void the_purpose_picker_and_the_player_work_from_the_keyboard() throws Exception {
        ConsoleFixtures.Call call = ConsoleFixtures.upload("1002", 10);
        try (ConsoleBrowser supervisor = new ConsoleBrowser("supervisor1-keyboard", "en")) {
            supervisor.signIn("/calls/" + call.id(), "supervisor1");
            Actions keys = new Actions(supervisor.driver);
            // Tab from the top of the page until the purpose picker has the focus.
            tabUntil(supervisor, keys, "purpose");
            keys.sendKeys(Keys.ARROW_DOWN).perform();
            assertThat(supervisor.js("return document.getElementById('purpose').value")).isEqualTo("quality");
            keys.sendKeys(Keys.TAB).perform();
            WebElement old = supervisor.driver.findElement(By.tagName("html"));
            keys.sendKeys(Keys.ENTER).perform();
            supervisor.wait.until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(old));
            WebElement audio = supervisor.find(By.id("audio"));
            tabUntil(supervisor, keys, "audio");
            supervisor.wait.until(d -> ((Number) supervisor.js("return arguments[0].readyState", audio)).intValue() >= 1);
            keys.sendKeys(" ").perform();
            supervisor.wait.until(d -> ((Number) supervisor.js("return arguments[0].currentTime", audio)).doubleValue() > 0.2);
            supervisor.check("keyboard-player");
        }
    }

    @Test
    void the_language_switch_and_an_expired_session_lead_back_to_the_same_page() throws Exception {
        try (ConsoleBrowser supervisor = new ConsoleBrowser("supervisor1-session", "fi")) {
            supervisor.signIn("/holds", "supervisor1");
            assertThat(supervisor.h1()).isEqualTo("Säilytykset");
            supervisor.submit(By.cssSelector(".languages a[lang='sv']"));
            assertThat(supervisor.driver.getCurrentUrl()).isEqualTo(Stack.CONSOLE + "/holds");
            assertThat(supervisor.h1()).isEqualTo("Bevaranden");
            assertThat(supervisor.find(By.tagName("html")).getAttribute("lang")).isEqualTo("sv");

            // The session ends (its cookies and Keycloak's are gone): sign-in, then the same page.
            for (Cookie cookie : supervisor.driver.manage().getCookies()) {
                if (cookie.getName().startsWith("q_session")) {
                    supervisor.driver.manage().deleteCookie(cookie);
                }
            }
            // Keycloak's cookies (path /realms/callrec/) go from a page of that path which runs no script
            // (its account console would start a sign-in of its own while they are being deleted).
            supervisor.driver.get(Stack.KEYCLOAK + "/realms/callrec/.well-known/openid-configuration");
            supervisor.driver.manage().deleteAllCookies();
            supervisor.signIn("/holds", "supervisor1");
            assertThat(supervisor.driver.getCurrentUrl()).isEqualTo(Stack.CONSOLE + "/holds");
            assertThat(supervisor.h1()).as("the language chosen before is kept").isIn("Bevaranden", "Säilytykset");
        }
    }

    private static void tabUntil(ConsoleBrowser browser, Actions keys, String id) {
        for (int i = 0; i < 60; i++) {
            if (id.equals(browser.js("return document.activeElement && document.activeElement.id"))) {
                return;
            }
            keys.sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("the keyboard never reached #" + id);
    }
}
