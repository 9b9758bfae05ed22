package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.hel.callrec.commons.testing.KafkaTools;
import fi.hel.callrec.commons.testing.Wavs;
import fi.hel.callrec.events.Topics;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Two of everything, as Kubernetes runs them: a second instance of each service and of the
 * console beside the stack's, from the same jars. The consumers share their groups (both
 * instances get partitions), a call uploaded to either ingest-service is found, heard and
 * scheduled through either instance of the others, and a console session made on one console is
 * served by the other.
 */
class TwoOfEachIT {

    private static final List<String> SERVICES =
            List.of("ingest-service", "catalog-service", "access-service", "retention-service", "console");
    private static final Map<String, SecondProcess> SECOND = new LinkedHashMap<>();
    private static final Map<String, String> FIRST = Map.of("ingest-service", Stack.INGEST, "catalog-service", Stack.CATALOG,
            "access-service", Stack.ACCESS, "retention-service", Stack.RETENTION, "console", Stack.CONSOLE);

    @BeforeAll
    static void secondInstances() throws Exception {
        for (String service : SERVICES) {
            SECOND.put(service, SecondProcess.start(service, List.of(), service.equals("console")
                    ? Map.of("CALLREC_CONSOLE_SECURE_COOKIES", "false") : Map.of()));
        }
        for (SecondProcess second : SECOND.values()) {
            second.awaitReady();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (SecondProcess second : SECOND.values()) {
            second.close();
        }
    }

    @Test
    void the_consumers_share_their_groups_and_every_call_is_served_by_either_instance() throws Exception {
        // In each group, both instances' call-recorded consumers have partitions of the topic.
        try (Admin admin = Admin.create(tools())) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(
                        List.of("catalog-service", "access-service", "retention-service")).all().get();
                groups.forEach((group, description) -> {
                    List<MemberDescription> readers = description.members().stream().filter(m -> m.assignment().topicPartitions()
                            .stream().anyMatch(p -> p.topic().equals(Topics.CALL_RECORDED))).toList();
                    assertThat(readers).as("%s: members reading call-recorded", group).hasSizeGreaterThanOrEqualTo(2);
                });
            });
        }

        String recorder = Tokens.forRecorder();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String ingest = i % 2 == 0 ? FIRST.get("ingest-service") : SECOND.get("ingest-service").url();
            ids.add(given().auth().oauth2(recorder)
                    .multiPart("metadata", "metadata.json", Recorder.metadata("two-" + UUID.randomUUID(), 1, "1001", "040 444 " + (1000 + i))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json")
                    .multiPart("audio", "call.wav", Wavs.alaw8k(8_000, i), "audio/wav")
                    .when().post(ingest + "/recordings").then().statusCode(201).extract().path("recordingId"));
        }
        String supervisor = Tokens.forUser("supervisor1");
        for (String service : List.of("catalog-service", "access-service", "retention-service")) {
            for (String base : List.of(FIRST.get(service), SECOND.get(service).url())) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .ignoreExceptionsInstanceOf(ConnectException.class).untilAsserted(() -> {
                            for (String id : ids) {
                                int status = switch (service) {
                                    case "catalog-service" -> given().auth().oauth2(supervisor).get(base + "/calls/" + id).statusCode();
                                    case "access-service" -> given().auth().oauth2(supervisor).queryParam("purpose", "quality")
                                            .head(base + "/recordings/" + id + "/audio").statusCode();
                                    default -> given().auth().oauth2(supervisor).get(base + "/recordings/" + id + "/hold").statusCode();
                                };
                                assertThat(status).as("%s at %s knows %s", service, base, id).isEqualTo(200);
                            }
                        });
            }
        }
    }

    @Test
    void a_console_session_made_on_one_console_is_served_by_the_other() throws Exception {
        ConsoleBrowser.assumeAvailable();
        try (ConsoleBrowser supervisor = new ConsoleBrowser("supervisor1", "en")) {
            supervisor.signIn("/calls", "supervisor1");
            supervisor.driver.get(SECOND.get("console").url() + "/holds");
            assertThat(supervisor.driver.getCurrentUrl()).as("no new sign-in").startsWith(SECOND.get("console").url() + "/holds");
            assertThat(supervisor.find(By.tagName("h1")).getText()).isEqualTo("Holds");
            assertThat(supervisor.text()).contains("Kaisa");
        }
    }

    private static Properties tools() {
        Properties props = new Properties();
        props.putAll(KafkaTools.client());
        return props;
    }
}
