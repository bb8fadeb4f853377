package io.imstarter.sample.security;

import io.imstarter.sample.users.Role;
import io.imstarter.sample.users.UserAccounts;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stateless bearer-token security for the whole application. The tokens are the IM login tokens: the starter's
 * {@code JwtDecoder} for {@code im.server.auth.jwt.secret} checks them, so one token from {@code POST /api/token}
 * serves the REST API and the IM login alike. Roles are read from the user table on each request rather than from
 * the token, so a changed role takes effect at once.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String USER = Role.USER.name();
    private static final String ADMIN = Role.ADMIN.name();

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponses problems, UserAccounts accounts)
            throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/css/**", "/js/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/token", "/api/loginConnect").permitAll()
                        .requestMatchers("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**")
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/api/online", "/api/clients", "/api/push", "/api/kick", "/actuator/**")
                        .hasRole(ADMIN)
                        .requestMatchers("/api/**").hasAnyRole(USER, ADMIN)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromDatabase(accounts)))
                        .authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // No cookies carry credentials here, so there is nothing for a cross-site request to forge.
                .csrf(AbstractHttpConfigurer::disable)
                .build();
    }

    /** The token's subject is the user; its role comes from the database (none for a deleted user). */
    private static JwtAuthenticationConverter rolesFromDatabase(UserAccounts accounts) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> accounts.role(jwt.getSubject())
                .map(role -> List.<GrantedAuthority>of(new SimpleGrantedAuthority("ROLE_" + role.name())))
                .orElse(List.of()));
        return converter;
    }
}
