package io.imstarter.sample;

import static io.imstarter.sample.ChatBrowsers.WAIT;
import static io.imstarter.sample.ChatBrowsers.awaitTick;
import static io.imstarter.sample.ChatBrowsers.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Group conversations on the chat page in real headless Chromium: a user creates a group and adds two members on the
 * page, two of them chat in it with each message's sender shown, and the third, offline meanwhile, gets both in
 * order at its login. A context of its own: a cached context that Spring's test framework paused and resumes does
 * not start its IM server again ({@code ImServerLifecycle} is not auto-started).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "im.server.address=127.0.0.1", "im.server.tcp.port=0", "im.server.udp.port=0", "im.server.websocket.port=0",
        "im.server.websocket.idle-timeout=9s", "sample.ack-wait=10s", "im.group.max-members=50" })
class GroupChatBrowserIT {

    @LocalServerPort
    private int port;

    @RegisterExtension
    final ChatBrowsers browsers = new ChatBrowsers();

    @BeforeAll
    static void requireBrowser() {
        ChatBrowsers.requireBrowser();
    }

    @Test
    void threeUsersChatInAGroupWithSendersShownAndTheOneWhoWasOfflineCatchesUpAtLogin() {
        WebDriver ann = browsers.openChat(port, "ann");
        WebDriver bo = browsers.openChat(port, "bo");
        new RestCalls(port).as("cy"); // registers cy, who stays offline

        ann.findElement(By.id("group-id")).sendKeys("crew");
        ann.findElement(By.id("create-group")).click();
        waitFor(ann, By.cssSelector("#groups li.open[data-group='g:crew']"));
        addMember(ann, "bo");
        addMember(ann, "cy");

        send(ann, "g:crew", "hello crew");
        awaitTick(ann, "hello crew");
        awaitGroupMessage(bo, "ann", "hello crew");
        send(bo, "g:crew", "hi from bo");
        awaitTick(bo, "hi from bo");
        awaitGroupMessage(ann, "bo", "hi from bo");
        assertThat(ann.findElement(By.cssSelector("#messages li[data-sender='bo'] .who")).getText())
                .isEqualTo("bo in g:crew");

        WebDriver cy = browsers.openChat(port, "cy");
        awaitGroupMessage(cy, "ann", "hello crew");
        awaitGroupMessage(cy, "bo", "hi from bo");
        List<WebElement> shown = cy.findElements(By.cssSelector("#messages li[data-group='g:crew']"));
        assertThat(shown).extracting(item -> item.getAttribute("data-sender") + ": "
                + item.findElement(By.className("text")).getText())
                .containsExactly("ann: hello crew", "bo: hi from bo");
        waitFor(cy, By.cssSelector("#groups li[data-group='g:crew']"));
        List<Map<String, Object>> history = new RestCalls(port).as("cy").get("/api/groups/crew/messages").list();
        assertThat(history).extracting(message -> message.get("sender")).containsExactly("ann", "bo");
    }

    private static void addMember(WebDriver browser, String user) {
        WebElement field = browser.findElement(By.id("member-id"));
        field.clear();
        field.sendKeys(user);
        browser.findElement(By.id("add-member")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(By.id("notice"),
                "Added " + user + " to crew"));
    }

    private static void awaitGroupMessage(WebDriver browser, String sender, String text) {
        waitFor(browser, By.xpath("//li[contains(@class,'in')][@data-group='g:crew'][@data-sender='" + sender
                + "'][span[@class='text'][.='" + text + "']]"));
    }

    private static WebElement waitFor(WebDriver browser, By locator) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(locator));
    }
}
