package io.devstate.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AllowedHostsTest {

    @Test
    void openModeAllowsLocalNamesAndAddressesOnly() {
        AllowedHosts hosts = AllowedHosts.of(Optional.empty(), false, List.of());
        assertThat(hosts.allowsHost("localhost:3180")).isTrue();
        assertThat(hosts.allowsHost("LOCALHOST.")).isTrue();
        assertThat(hosts.allowsHost("ide.localhost")).isTrue();
        assertThat(hosts.allowsHost("127.0.0.1:3180")).isTrue();
        assertThat(hosts.allowsHost("[::1]:3180")).isTrue();
        assertThat(hosts.allowsHost("evil.example:3180")).isFalse();
        assertThat(hosts.allowsHost("localhost.evil.example")).isFalse();
        assertThat(hosts.allowsHost("127.0.0.1.evil.example")).isFalse();
        assertThat(hosts.allowsHost("999.0.0.1")).isFalse();
        assertThat(hosts.allowsHost(null)).isFalse();
        assertThat(hosts.allowsOrigin(null)).isTrue();
        assertThat(hosts.allowsOrigin("http://localhost:5173")).isTrue();
        assertThat(hosts.allowsOrigin("http://evil.example:3180")).isFalse();
        assertThat(hosts.allowsOrigin("null")).isFalse();
    }

    @Test
    void aConfiguredListReplacesTheDefaultAndALeadingDotAllowsSubdomains() {
        AllowedHosts hosts = AllowedHosts.of(Optional.of(List.of("devstate.example.org", ".corp.example")), false,
                List.of("https://app.partner.example"));
        assertThat(hosts.allowsHost("devstate.example.org")).isTrue();
        assertThat(hosts.allowsHost("a.corp.example:443")).isTrue();
        assertThat(hosts.allowsHost("corp.example")).isTrue();
        assertThat(hosts.allowsHost("localhost")).isFalse();
        assertThat(hosts.allowsHost("xcorp.example")).isFalse();
        assertThat(hosts.allowsOrigin("https://app.partner.example")).isTrue();
        assertThat(hosts.allowsOrigin("https://other.partner.example")).isFalse();
    }

    @Test
    void withTokensAnyHostIsAllowedUnlessListed() {
        assertThat(AllowedHosts.of(Optional.empty(), true, List.of()).allowsHost("devstate.example.org")).isTrue();
        assertThat(AllowedHosts.of(Optional.of(List.of("a.example")), true, List.of()).allowsHost("b.example")).isFalse();
    }
}
