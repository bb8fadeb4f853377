package io.imstarter.test.context;

import io.imstarter.protocol.Transport;
import io.imstarter.test.ImRawClient;
import io.imstarter.test.ImTestClient;
import io.imstarter.test.ImTestClients;
import io.imstarter.test.ImUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Resolves {@code @ImUser ImTestClient} and {@code ImRawClient} parameters from the test's {@link ImTestClients}
 * bean, and logs each of them out (closes a raw one) when its test method or lifecycle method ends: JUnit closes what
 * the method's store holds. Clients of one test never touch another test's, so test classes may run in parallel.
 */
public final class ImTestExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ImTestExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return (type == ImTestClient.class && parameter.isAnnotated(ImUser.class)) || type == ImRawClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        ImTestClients clients = SpringExtension.getApplicationContext(extension).getBean(ImTestClients.class);
        Optional<ImUser> user = parameter.findAnnotation(ImUser.class);
        Transport transport = user.map(ImUser::transport).orElse(Transport.TCP);
        AutoCloseable client;
        if (parameter.getParameter().getType() == ImRawClient.class) {
            client = clients.raw(transport);
        }
        else {
            ImUser login = user.orElseThrow();
            if (login.value().isEmpty()) {
                throw new ParameterResolutionException("@ImUser on " + parameter.getParameter() + " names no user id");
            }
            client = clients.login(login.value(), transport, login.token().isEmpty() ? null : login.token(),
                    login.acknowledge());
        }
        extension.getStore(NAMESPACE).getOrComputeIfAbsent(OpenClients.class, key -> new OpenClients(clients),
                OpenClients.class).add(client);
        return client;
    }

    /** The clients one test made, logged out in order when JUnit closes the test's store. */
    private static final class OpenClients implements AutoCloseable {

        private final ImTestClients clients;
        private final List<AutoCloseable> opened = new ArrayList<>();

        OpenClients(ImTestClients clients) {
            this.clients = clients;
        }

        synchronized void add(AutoCloseable client) {
            opened.add(client);
        }

        @Override
        public synchronized void close() {
            opened.forEach(clients::close);
            opened.clear();
        }
    }
}
