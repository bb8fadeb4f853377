package io.imstarter.sample;

import static io.imstarter.sample.ChatBrowsers.WAIT;
import static io.imstarter.sample.ChatBrowsers.awaitIncoming;
import static io.imstarter.sample.ChatBrowsers.awaitTick;
import static io.imstarter.sample.ChatBrowsers.chat;
import static io.imstarter.sample.ChatBrowsers.logIn;
import static io.imstarter.sample.ChatBrowsers.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imstarter.protocol.Packet;
import io.imstarter.server.ImServer;
import io.imstarter.store.MessageStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The chat page in a real headless Chromium: two browser users log in with name and password (the page gets a token
 * from {@code /api/token} and logs in to the WebSocket gateway with it), exchange messages both ways and see the
 * delivery ticks; an embedded client messages a browser user too. With the message store on (in the sample's
 * in-memory H2): a reload shows the conversation from the history, a message to an offline user gets the "stored"
 * tick, and one the store refuses (it keeps at most {@value #STORE_LIMIT} per receiver here) is lost.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "im.server.address=127.0.0.1", "im.server.tcp.port=0", "im.server.udp.port=0", "im.server.websocket.port=0",
        "im.server.websocket.idle-timeout=9s", "sample.ack-wait=10s",
        "im.store.max-messages-per-receiver=" + ChatPageBrowserIT.STORE_LIMIT })
class ChatPageBrowserIT {

    static final int STORE_LIMIT = 2;

    private static final Path SCREENSHOT = Path.of("target", "chat-page.png");

    @LocalServerPort
    private int port;

    @Value("${sample.admin.password}")
    private String adminPassword;

    @Autowired
    private ImServer server;

    @Autowired
    private MessageStore store;

    @RegisterExtension
    final ChatBrowsers browsers = new ChatBrowsers();

    @BeforeAll
    static void requireBrowser() {
        ChatBrowsers.requireBrowser();
    }

    @Test
    void twoBrowserUsersExchangeMessagesAndSeeDeliveryTicks() throws IOException {
        WebDriver olga = openChat("olga");
        WebDriver pete = openChat("pete");

        chat(olga, "olga", pete, "pete", "hi pete, from olga");
        chat(pete, "pete", olga, "olga", "hello olga <3");

        Files.createDirectories(SCREENSHOT.getParent());
        File shot = ((ChromeDriver) olga).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void browserUserSeesOnlineUsersAndAcknowledgesAnEmbeddedClientsMessage() {
        WebDriver quinn = openChat("quinn");
        RestCalls rita = new RestCalls(port).loginConnect("rita");

        new WebDriverWait(quinn, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#contacts li[data-user='rita']")));
        Map<String, Object> sent = rita.post("/api/sendMsg",
                Map.of("username", "rita", "friendId", "quinn", "msg", "from an embedded client")).json();

        assertThat(sent).containsEntry("acknowledged", true);
        awaitIncoming(quinn, "rita", "from an embedded client");
    }

    @Test
    void conversationIsShownFromTheHistoryAfterAReload() {
        WebDriver wes = openChat("wes");
        WebDriver xia = openChat("xia");
        chat(wes, "wes", xia, "xia", "hi xia");
        chat(xia, "xia", wes, "wes", "hi wes, how are you?");
        RestCalls wesApi = new RestCalls(port).as("wes");
        await().atMost(WAIT).until(() -> ((List<?>) wesApi.get("/api/history/wes/xia").json().get("messages"))
                .size() == 2);

        wes.navigate().refresh();
        logIn(wes, "wes", RestCalls.PASSWORD);

        awaitTick(wes, "hi xia");
        awaitIncoming(wes, "xia", "hi wes, how are you?");
        // Shown once each, in order, although the page met both live and the reload fetched both from the history.
        assertThat(wes.findElements(By.cssSelector("#messages li .text"))).extracting(WebElement::getText)
                .containsExactly("hi xia", "hi wes, how are you?");
    }

    @Test
    void messageToAnOfflineUserGetsTheStoredTickAndIsShownOnceAtTheirNextLogin() {
        WebDriver zoe = openChat("zoe");
        WebDriver yan = openChat("yan");
        send(yan, "zoe", "ping");
        awaitTick(yan, "ping");
        yan.findElement(By.id("logout-button")).click();
        new WebDriverWait(zoe, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#contacts li[data-user='yan'][data-online='false']")));
        assertThat(zoe.findElement(By.cssSelector("#contacts li[data-user='yan']")).getText()).contains("offline");

        send(zoe, "yan", "see you later");

        By stored = By.xpath("//li[contains(@class,'out')][@data-status='stored']"
                + "[span[@class='text'][.='see you later']]");
        WebElement item = new WebDriverWait(zoe, WAIT).until(ExpectedConditions.presenceOfElementLocated(stored));
        assertThat(item.findElement(By.className("tick")).getText()).isEqualTo("✓ stored");

        // Back in the same browser: the page remembers its peers and shows what waited, from the history (and,
        // where the server replays stored messages at login, the replayed copy is not shown a second time).
        logIn(yan, "yan", RestCalls.PASSWORD);

        awaitIncoming(yan, "zoe", "see you later");
        assertThat(yan.findElements(By.cssSelector("#messages li .text"))).extracting(WebElement::getText)
                .containsExactly("ping", "see you later");
        new WebDriverWait(zoe, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#contacts li[data-user='yan'][data-online='true']")));
    }

    @Test
    void messageTheStoreRefusesIsRetriedThenMarkedLostWhileKeepAliveHoldsTheSession() {
        new RestCalls(port).token("ghost", RestCalls.PASSWORD);
        for (int i = 0; i < STORE_LIMIT; i++) {
            store.append("ghost", "someone", Packet.newFingerprint(), "filling the store", -1);
        }
        WebDriver sara = openChat("sara");
        RestCalls api = admin();
        Object loggedInAt = api.loggedInAt("sara");

        send(sara, "ghost", "anyone there?");

        // ghost's store is full: no ACK comes. The page's QoS re-sends twice (5 s apart), then reports the message
        // lost 13 to 18 s after sending.
        By lost = By.xpath("//li[contains(@class,'out')][@data-status='lost'][span[@class='text'][.='anyone there?']]");
        WebElement item = new WebDriverWait(sara, Duration.ofSeconds(40))
                .until(ExpectedConditions.presenceOfElementLocated(lost));
        assertThat(item.findElement(By.className("tick")).getText()).isEqualTo("✗ lost");
        // Longer than the 9 s idle timeout: only the page's keep-alives kept this very session open (a re-login
        // after an idle close would show a new login time).
        assertThat(sara.findElement(By.id("status")).getAttribute("data-state")).isEqualTo("logged-in");
        assertThat(api.loggedInAt("sara")).isEqualTo(loggedInAt);
    }

    @Test
    void duplicateIsAcknowledgedAgainButShownOnce() throws Exception {
        WebDriver uma = openChat("uma");
        String fp = Packet.newFingerprint();

        // The same fingerprint twice, as a retransmission would arrive: both get an ACK, one is shown.
        assertThat(server.send("uma", "only once, please", -1, true, fp).get(20, TimeUnit.SECONDS)).isEqualTo(fp);
        assertThat(server.send("uma", "only once, please", -1, true, fp).get(20, TimeUnit.SECONDS)).isEqualTo(fp);
        // The page sends an ACK before it decides to show a message, so both decisions are made by now.

        assertThat(uma.findElements(By.xpath("//li[contains(@class,'in')][span[@class='text'][.='only once, please']]")))
                .hasSize(1);
    }

    @Test
    void kickedBrowserUserStopsAndDoesNotLogInAgain() {
        WebDriver tom = openChat("tom");
        RestCalls api = admin();

        assertThat(api.post("/api/kick", Map.of("userId", "tom", "reason", "closing time")).json())
                .containsEntry("kicked", true);

        new WebDriverWait(tom, WAIT).until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "kicked"));
        assertThat(tom.findElement(By.id("notice")).getText()).contains("closing time");
        // The page would re-login at once after a plain link loss; after a kick it must stay away.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                api.get("/api/online").list()).noneSatisfy(user -> assertThat(user).containsEntry("userId", "tom")));
    }

    private RestCalls admin() {
        RestCalls anonymous = new RestCalls(port);
        return anonymous.withToken(anonymous.token("admin", adminPassword));
    }

    @Test
    void aWrongPasswordKeepsTheLoginFormAndSaysWhy() {
        new RestCalls(port).token("victor", RestCalls.PASSWORD);
        WebDriver impostor = browser();

        logIn(impostor, "victor", "not-victors-password");

        new WebDriverWait(impostor, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"),
                "Wrong password"));
        assertThat(impostor.findElement(By.id("login-panel")).isDisplayed()).isTrue();
        assertThat(impostor.findElement(By.id("status")).getAttribute("data-state")).isEqualTo("disconnected");
    }

    private WebDriver openChat(String user) {
        return browsers.openChat(port, user);
    }

    private WebDriver browser() {
        return browsers.open(port);
    }
}
