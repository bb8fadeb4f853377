package io.imstarter.benchapp;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Prints the line {@code run-benchmarks.sh} waits for, with the bound ports, in the same shape as the bare bench
 * server's: {@code READY deployed tcp=.. udp=.. ws=.. pid=..}.
 */
@Component
class ReadyLine {

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        System.out.println("READY deployed tcp=" + env.getProperty("local.im.server.tcp.port") + " udp="
                + env.getProperty("local.im.server.udp.port") + " ws=" + env.getProperty("local.im.server.websocket.port")
                + " pid=" + ProcessHandle.current().pid());
    }
}
