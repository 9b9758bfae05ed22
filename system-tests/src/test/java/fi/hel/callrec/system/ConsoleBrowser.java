package fi.hel.callrec.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's headless Chromium on the console: signs in on Keycloak's real sign-in page, checks
 * each screen with axe-core against WCAG 2.1 A and AA, keeps a screenshot of each screen under
 * {@code target/console-screens}, and keeps downloads in a folder of its own.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CALLREC_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CALLREC_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENS = Path.of("target", "console-screens");
    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    final ChromeDriver driver;
    final WebDriverWait wait;
    final Path downloads;
    private final Path profile;
    private final String who;

    ConsoleBrowser(String who, String language) throws IOException {
        this.who = who;
        this.profile = Files.createTempDirectory("console-chromium");
        this.downloads = Files.createTempDirectory("console-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The flags this machine's Chromium needs without a network beyond the loopback.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--mute-audio",
                "--autoplay-policy=no-user-gesture-required", "--window-size=1280,1000", "--lang=" + language,
                "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** Skips the calling test class where Debian's Chromium is not installed (CI installs it). */
    static void assumeAvailable() {
        org.junit.jupiter.api.Assumptions.assumeTrue(available(), "Debian's chromium and chromium-driver are not installed "
                + "(apt-get install -y chromium chromium-driver; .ci/run installs them)");
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Opens a console page; when the session is gone, Keycloak's sign-in page comes first. */
    ConsoleBrowser open(String path) {
        driver.get(Stack.CONSOLE + path);
        return this;
    }

    /** Signs in on Keycloak's own page, which the console sends an unknown browser to, and lands on the page asked for. */
    ConsoleBrowser signIn(String path, String username) {
        open(path);
        try {
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("no-sign-in-form");
            throw new AssertionError("no sign-in form on " + driver.getCurrentUrl() + ", which reads:\n" + text(), e);
        }
        assertThat(driver.getCurrentUrl()).as("Keycloak's sign-in page").startsWith(Stack.KEYCLOAK);
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(Stack.USER_PASSWORD);
        driver.findElement(By.id("kc-login")).click();
        wait.until(d -> d.getCurrentUrl().startsWith(Stack.CONSOLE + path));
        return this;
    }

    /** Waits until the browser is on this console page (any query); when it never gets there, the failure says where it is. */
    void awaitPage(String path) {
        try {
            wait.until(d -> d.getCurrentUrl().replaceFirst("\\?.*$", "").equals(Stack.CONSOLE + path));
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("not-at-" + path.replaceAll("[^a-z0-9]+", "-"));
            throw new AssertionError("not on " + path + " but on " + driver.getCurrentUrl() + ", which reads:\n" + text(), e);
        }
    }

    /** The element, once present; when it never comes, the failure names the page that came instead and keeps its picture. */
    WebElement find(By by) {
        try {
            return wait.until(ExpectedConditions.presenceOfElementLocated(by));
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("missing");
            throw new AssertionError("no " + by + " on " + driver.getCurrentUrl() + ", which reads:\n" + text(), e);
        }
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    String h1() {
        return find(By.tagName("h1")).getText();
    }

    void type(String id, String value) {
        WebElement field = find(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    void select(String id, String value) {
        new org.openqa.selenium.support.ui.Select(find(By.id(id))).selectByValue(value);
    }

    /** Clicks the submit button of the form that holds the element with this id, and waits for the next page. */
    void submit(By button) {
        WebElement old = driver.findElement(By.tagName("html"));
        find(button).click();
        wait.until(d -> isGone(old));
    }

    /**
     * Whether the element's document was replaced. Chromedriver says so with a stale-element error,
     * or, when it asks about the old document while the new one loads, with "does not belong to the
     * document", which Selenium's stalenessOf does not expect.
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Runs axe-core inside the page and fails on any violation of WCAG 2.1 A or AA, naming the rule
     * and the elements; keeps a screenshot of the screen under its name.
     */
    void check(String screen) {
        screenshot(screen);
        js(axeSource());
        Object violations = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
                        + ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '"
                        + " + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                        + ".catch(e => done(['axe failed: ' + e]));", WCAG_21_AA);
        assertThat((List<?>) violations).as("WCAG 2.1 A/AA violations on %s (%s)", screen, driver.getCurrentUrl()).isEmpty();
    }

    void screenshot(String screen) {
        try {
            Files.createDirectories(SCREENS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENS.resolve(who + "-" + screen + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a finished download whose name starts with the prefix and returns its bytes. */
    byte[] downloaded(String prefix) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            try (var files = Files.list(downloads)) {
                Path file = files.filter(f -> f.getFileName().toString().startsWith(prefix)
                        && !f.getFileName().toString().endsWith(".crdownload")).findFirst().orElse(null);
                return file == null ? null : Files.readAllBytes(file);
            } catch (IOException e) {
                return null;
            }
        });
    }

    WebDriver driver() {
        return driver;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            Trees.delete(profile);
            Trees.delete(downloads);
        }
    }

    private static String axeSource() {
        try (InputStream in = ConsoleBrowser.class.getResourceAsStream("/axe/axe.min.js")) {
            assertThat(in).as("axe-core on the test classpath (the build unpacks it)").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
