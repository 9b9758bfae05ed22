package fi.hel.callrec.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Training copies in the console, in a real Chromium signed in through Keycloak's own page: a
 * supervisor marks passages on the call page and makes a copy; an agent finds it on the training
 * page and plays it, and never sees which call it came from. Every screen is checked with axe-core.
 */
class TrainingConsoleIT {

    @BeforeAll
    static void chromium() {
        ConsoleBrowser.assumeAvailable();
    }

    @Test
    void a_supervisor_makes_a_copy_and_an_agent_plays_it_without_learning_its_source() throws Exception {
        ConsoleFixtures.Call call = ConsoleFixtures.upload("1002", 12);
        String title = "Parking fine appeal " + CatalogFixtures.uniqueWord();
        try (ConsoleBrowser supervisor = new ConsoleBrowser("supervisor1", "en")) {
            supervisor.signIn("/calls/" + call.id(), "supervisor1");
            supervisor.type("title", title);
            supervisor.type("passages", "1-2.5\nabout ten seconds in");
            supervisor.submit(By.cssSelector("form[action$='/training-copies'] button[type=submit]"));
            assertThat(supervisor.find(By.id("passage-problem")).getText()).contains("Line 2");
            assertThat(supervisor.find(By.id("title")).getAttribute("value")).isEqualTo(title);
            supervisor.check("call-training-problem");

            supervisor.type("passages", "1-2.5\n0:08 – 0:09.5");
            supervisor.submit(By.cssSelector("form[action$='/training-copies'] button[type=submit]"));
            supervisor.awaitPage("/training-copies");
            assertThat(supervisor.find(By.id("done-label")).getText()).isEqualTo("The training copy is made.");
            assertThat(supervisor.text()).contains(title);
            assertThat(supervisor.driver.findElements(By.cssSelector("a[href='/calls/" + call.id() + "']"))).hasSize(1);
            supervisor.check("training-supervisor");
        }

        try (ConsoleBrowser agent = new ConsoleBrowser("agent1", "fi")) {
            agent.signIn("/training-copies", "agent1");
            assertThat(agent.h1()).isEqualTo("Koulutuskopiot");
            assertThat(agent.driver.getPageSource()).contains(title).doesNotContain(call.id());
            WebElement row = agent.find(By.xpath("//tr[td[text()='" + title + "']]"));
            WebElement audio = row.findElement(By.tagName("audio"));
            String copyId = audio.getAttribute("id").substring("copy-".length());
            agent.js("arguments[0].preload = 'metadata'; arguments[0].load();", audio);
            agent.wait.until(d -> ((Number) agent.js("return arguments[0].readyState", audio)).intValue() >= 1);
            assertThat(((Number) agent.js("return arguments[0].duration", audio)).doubleValue()).isCloseTo(12.0, Offset.offset(0.5));
            agent.check("training-agent");

            // access-service audited the agent's listening under the copy's id, for training.
            String auditor = Tokens.forUser("auditor1");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<Map<String, Object>> entries = given().auth().oauth2(auditor).queryParam("recording", copyId)
                        .get(Stack.ACCESS + "/audit").then().statusCode(200).extract().jsonPath().getList("$");
                assertThat(entries).isNotEmpty().allSatisfy(e -> {
                    assertThat(e.get("username")).isEqualTo("agent1");
                    assertThat(e.get("purpose")).isEqualTo("training");
                });
            });
        }
    }
}
