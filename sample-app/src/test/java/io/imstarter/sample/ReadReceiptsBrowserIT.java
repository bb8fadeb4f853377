package io.imstarter.sample;

import static io.imstarter.sample.ChatBrowsers.WAIT;
import static io.imstarter.sample.ChatBrowsers.awaitIncoming;
import static io.imstarter.sample.ChatBrowsers.awaitTick;
import static io.imstarter.sample.ChatBrowsers.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Read receipts on the chat page in real headless Chromium: unread badges appear on a contact and a group while
 * their conversations are closed, clear when they are opened (the page sends a receipt for what it shows), and the
 * sender's ticks turn to "read". A context of its own, like the other browser tests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "im.server.address=127.0.0.1", "im.server.tcp.port=0", "im.server.udp.port=0", "im.server.websocket.port=0",
        "im.server.websocket.idle-timeout=9s", "sample.ack-wait=10s", "im.receipts.enabled=true" })
class ReadReceiptsBrowserIT {

    @LocalServerPort
    private int port;

    @RegisterExtension
    final ChatBrowsers browsers = new ChatBrowsers();

    @BeforeAll
    static void requireBrowser() {
        ChatBrowsers.requireBrowser();
    }

    @Test
    void badgesShowWhileConversationsAreClosedAndClearWhenOpenedAndTheSenderSeesReadTicks() {
        WebDriver ann = browsers.openChat(port, "rita");
        WebDriver bo = browsers.openChat(port, "rob");

        send(ann, "rob", "first");
        awaitTick(ann, "first");
        send(ann, "rob", "second");
        awaitTick(ann, "second");
        awaitIncoming(bo, "rita", "second");
        By annBadge = By.cssSelector("#contacts li[data-user='rita'] .badge");
        new WebDriverWait(bo, WAIT).until(ExpectedConditions.textToBe(annBadge, "2"));
        assertThat(unread("rob")).containsEntry("rita", 2);
        assertThat(ann.findElements(By.cssSelector("#messages li.out[data-status='read']"))).isEmpty();

        bo.findElement(By.cssSelector("#contacts li[data-user='rita']")).click();

        new WebDriverWait(bo, WAIT).until(ExpectedConditions.numberOfElementsToBe(annBadge, 0));
        awaitRead(ann, "first");
        awaitRead(ann, "second");
        assertThat(unread("rob")).doesNotContainKey("rita");
        // Open, the conversation's next message is read as it is shown: no badge, and a read tick at once.
        send(ann, "rob", "third");
        awaitIncoming(bo, "rita", "third");
        awaitRead(ann, "third");
        assertThat(bo.findElements(annBadge)).isEmpty();

        ann.findElement(By.id("group-id")).sendKeys("readers");
        ann.findElement(By.id("create-group")).click();
        new WebDriverWait(ann, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#groups li.open[data-group='g:readers']")));
        ann.findElement(By.id("member-id")).sendKeys("rob");
        ann.findElement(By.id("add-member")).click();
        new WebDriverWait(ann, WAIT).until(ExpectedConditions.textToBe(By.id("notice"), "Added rob to readers"));
        send(ann, "g:readers", "hello readers");
        awaitTick(ann, "hello readers");
        By groupBadge = By.cssSelector("#groups li[data-group='g:readers'] .badge");
        new WebDriverWait(bo, WAIT).until(ExpectedConditions.textToBe(groupBadge, "1"));

        bo.findElement(By.cssSelector("#groups li[data-group='g:readers']")).click();

        new WebDriverWait(bo, WAIT).until(ExpectedConditions.numberOfElementsToBe(groupBadge, 0));
        awaitRead(ann, "hello readers");
        assertThat(new RestCalls(port).as("rita").get("/api/groups/readers/messages/1/reads").json())
                .containsEntry("readBy", 1);
    }

    private Map<String, Object> unread(String user) {
        @SuppressWarnings("unchecked")
        Map<String, Object> conversations = (Map<String, Object>) new RestCalls(port).as(user).get("/api/unread")
                .json().get("conversations");
        return conversations;
    }

    private static void awaitRead(WebDriver browser, String text) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//li[contains(@class,'out')][@data-status='read'][span[@class='text'][.='" + text + "']]")));
        assertThat(browser.findElement(By.xpath("//li[contains(@class,'out')][span[@class='text'][.='" + text
                + "']]/span[@class='tick']")).getText()).isEqualTo("✓✓");
    }
}
