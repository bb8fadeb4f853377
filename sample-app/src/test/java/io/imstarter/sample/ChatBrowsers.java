package io.imstarter.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Real headless Chromium windows on the sample's chat page, each with a profile of its own, all closed after each
 * test; and what a user does there: log in, send, wait for the delivered tick or for an incoming message.
 */
final class ChatBrowsers implements AfterEachCallback {

    static final Duration WAIT = Duration.ofSeconds(20);

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final List<WebDriver> browsers = new ArrayList<>();
    private Path profiles;

    /** Skips the test class, loudly, when Chromium or chromedriver is not installed. */
    static void requireBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            System.err.println("""
                    ************************************************************************
                    SKIPPING the chat page browser test: no Chromium at %s or no
                    chromedriver at %s. Install them: apt-get install -y chromium chromium-driver
                    ************************************************************************""".formatted(CHROMIUM,
                    CHROMEDRIVER));
        }
        assumeTrue(present, "Chromium and chromedriver are not installed (apt-get install -y chromium"
                + " chromium-driver); the chat page browser test is SKIPPED");
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        browsers.forEach(WebDriver::quit);
        browsers.clear();
        if (profiles != null) {
            try (Stream<Path> files = Files.walk(profiles)) {
                files.sorted(Comparator.reverseOrder()).forEach(ChatBrowsers::delete);
            }
            profiles = null;
        }
    }

    /** A new window on the chat page of the sample on {@code port}, logged in as {@code user}. */
    WebDriver openChat(int port, String user) {
        WebDriver browser = open(port);
        logIn(browser, user, RestCalls.PASSWORD);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.attributeToBe(By.id("status"), "data-state",
                "logged-in"));
        return browser;
    }

    /** A new window on the chat page of the sample on {@code port}, not logged in. */
    WebDriver open(int port) {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1000,700",
                "--user-data-dir=" + profiles().resolve("profile-" + browsers.size()));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browsers.add(browser);
        browser.get("http://127.0.0.1:" + port + "/");
        return browser;
    }

    static void logIn(WebDriver browser, String user, String password) {
        fill(browser, "username", user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-button")).click();
    }

    static void send(WebDriver browser, String to, String text) {
        fill(browser, "to", to);
        browser.findElement(By.id("message")).sendKeys(text);
        browser.findElement(By.id("send-button")).click();
    }

    /** Replaces what the field holds. */
    private static void fill(WebDriver browser, String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** A message from one browser user to another: sent, delivered tick, shown to the receiver. */
    static void chat(WebDriver sender, String from, WebDriver receiver, String to, String text) {
        send(sender, to, text);
        awaitTick(sender, text);
        awaitIncoming(receiver, from, text);
    }

    /**
     * Waits for the delivered tick, or the read one (with read receipts on, a receiver with the conversation open
     * reads a message as it arrives, and read implies delivered).
     */
    static void awaitTick(WebDriver browser, String text) {
        By delivered = By.xpath("//li[contains(@class,'out')][@data-status='delivered' or @data-status='read']"
                + "[span[@class='text'][.=" + xpathLiteral(text) + "]]");
        WebElement item = new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(delivered));
        assertThat(item.findElement(By.className("tick")).getText()).isIn("✓", "✓✓");
    }

    static void awaitIncoming(WebDriver browser, String from, String text) {
        By incoming = By.xpath("//li[contains(@class,'in')][span[@class='who'][.=" + xpathLiteral(from) + "]]"
                + "[span[@class='text'][.=" + xpathLiteral(text) + "]]");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(incoming));
    }

    private static String xpathLiteral(String text) {
        return "'" + text + "'";
    }

    private Path profiles() {
        if (profiles == null) {
            try {
                profiles = Files.createTempDirectory("chat-browsers");
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return profiles;
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
