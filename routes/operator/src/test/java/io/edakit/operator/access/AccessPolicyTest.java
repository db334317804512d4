package io.edakit.operator.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The access decision alone, for callers a loopback-only test machine cannot produce (IPv6, proxies, TLS). */
class AccessPolicyTest {

    private static final String TOKEN = "0123456789abcdef-operator";
    private final AccessPolicy policy = new AccessPolicy(OperatorToken.of(TOKEN), new ConsoleSessions(java.time.Duration.ofMinutes(30), java.time.Clock.systemUTC()));

    private static AccessRequest request(String method, String peer, Map<String, String> headers) throws Exception {
        Map<String, String> byName = new HashMap<>();
        headers.forEach((name, value) -> byName.put(name.toLowerCase(Locale.ROOT), value));
        return new AccessRequest(method, peer == null ? null : InetAddress.getByName(peer), false,
                name -> byName.get(name.toLowerCase(Locale.ROOT)));
    }

    @Test
    void aRemoteCallerNeedsTheTokenToReadAndDoesNotSeeTheProcess() throws Exception {
        AccessRequest anonymous = request("GET", "192.0.2.7", Map.of("Host", "10.0.0.5:8080"));
        assertThat(policy.decide(anonymous).status()).isEqualTo(401);
        assertThat(policy.seesProcessDetails(anonymous)).isFalse();
        AccessRequest withToken = request("GET", "192.0.2.7", Map.of("Host", "10.0.0.5:8080",
                "Authorization", "Bearer " + TOKEN));
        assertThat(policy.decide(withToken).allowed()).isTrue();
        assertThat(policy.seesProcessDetails(withToken)).isTrue();
        assertThat(policy.seesProcessDetails(request("GET", null, Map.of("Host", "127.0.0.1")))).as("unknown peer").isFalse();
    }

    @Test
    void loopbackReadsAreOpenOverIpv4AndIpv6ButChangesNeedTheToken() throws Exception {
        for (String[] local : new String[][] {{"127.0.0.1", "127.0.0.1:8080"}, {"::1", "[::1]:8080"},
                {"127.0.0.2", "localhost"}, {"::ffff:127.0.0.1", "LOCALHOST:8080"}}) {
            assertThat(policy.decide(request("GET", local[0], Map.of("Host", local[1]))).allowed()).as(local[0]).isTrue();
            assertThat(policy.seesProcessDetails(request("GET", local[0], Map.of("Host", local[1])))).isTrue();
            assertThat(policy.decide(request("POST", local[0], Map.of("Host", local[1]))).status()).isEqualTo(401);
            assertThat(policy.decide(request("DELETE", local[0], Map.of("Host", local[1],
                    "Authorization", "Bearer " + TOKEN))).allowed()).isTrue();
        }
        assertThat(policy.decide(request("GET", "127.0.0.1", Map.of("Host", "127.0.0.1.evil.example"))).status())
                .isEqualTo(401);
        assertThat(policy.decide(request("GET", "127.0.0.1", Map.of())).status()).as("no Host").isEqualTo(401);
        assertThat(policy.decide(request("GET", "127.0.0.1", Map.of("Host", "localhost", "X-Real-IP", "192.0.2.1")))
                .status()).isEqualTo(401);
    }

    @Test
    void originsAreComparedWithTheServersOwnOrigin() throws Exception {
        Map<String, String> headers = new HashMap<>(Map.of("Host", "127.0.0.1:8080", "Authorization", "Bearer " + TOKEN));
        headers.put("Origin", "http://127.0.0.1:8080");
        assertThat(policy.decide(request("POST", "127.0.0.1", headers)).allowed()).isTrue();
        headers.put("Origin", "http://127.0.0.1:8081");
        assertThat(policy.decide(request("POST", "127.0.0.1", headers)).status()).isEqualTo(403);
        headers.put("Origin", "https://127.0.0.1:8080");
        assertThat(policy.decide(request("POST", "127.0.0.1", headers)).status()).as("scheme differs").isEqualTo(403);
        AccessRequest overTls = new AccessRequest("POST", InetAddress.getByName("127.0.0.1"), true,
                name -> Map.of("host", "127.0.0.1:8080", "authorization", "Bearer " + TOKEN,
                        "origin", "https://127.0.0.1:8080").get(name.toLowerCase(Locale.ROOT)));
        assertThat(policy.decide(overTls).allowed()).isTrue();
        headers.remove("Origin");
        headers.put("Sec-Fetch-Site", "none");
        assertThat(policy.decide(request("POST", "127.0.0.1", headers)).allowed()).as("typed into the address bar").isTrue();
        headers.put("Sec-Fetch-Site", "same-site");
        assertThat(policy.decide(request("POST", "127.0.0.1", headers)).status()).isEqualTo(403);
        assertThat(policy.seesProcessDetails(request("GET", "127.0.0.1", Map.of("Host", "localhost",
                "Origin", "http://evil.example")))).isFalse();
    }

    @Test
    void tokensAreComparedWhole() throws Exception {
        for (String presented : new String[] {TOKEN.substring(0, TOKEN.length() - 1), TOKEN + "x", "", " ",
                TOKEN.toUpperCase(Locale.ROOT)}) {
            assertThat(policy.decide(request("POST", "127.0.0.1", Map.of("Host", "localhost",
                    "Authorization", "Bearer " + presented))).status()).as("'" + presented + "'").isEqualTo(401);
        }
        assertThat(policy.decide(request("POST", "127.0.0.1", Map.of("Host", "localhost",
                "Authorization", "BEARER   " + TOKEN))).allowed()).isTrue();
        assertThat(OperatorToken.of(TOKEN).matches(null)).isFalse();
    }

    @Test
    void loopbackHostsAreRecognisedWithoutLookingNamesUp() {
        assertThat(LoopbackHosts.isLoopback("127.0.0.1")).isTrue();
        assertThat(LoopbackHosts.isLoopback("127.1.2.3")).isTrue();
        assertThat(LoopbackHosts.isLoopback("::1")).isTrue();
        assertThat(LoopbackHosts.isLoopback("[::1]")).isTrue();
        assertThat(LoopbackHosts.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(LoopbackHosts.isLoopback(" Localhost ")).isTrue();
        assertThat(LoopbackHosts.isLoopback("0.0.0.0")).isFalse();
        assertThat(LoopbackHosts.isLoopback("::")).isFalse();
        assertThat(LoopbackHosts.isLoopback("")).isFalse();
        assertThat(LoopbackHosts.isLoopback("my-host")).isFalse();
        assertThat(LoopbackHosts.isLoopback("192.0.2.1")).isFalse();
        assertThat(LoopbackHosts.isLoopbackAuthority("[::1]:8080")).isTrue();
        assertThat(LoopbackHosts.isLoopbackAuthority("127.0.0.1:")).isTrue();
        assertThat(LoopbackHosts.isLoopbackAuthority("::1")).isFalse();
        assertThat(LoopbackHosts.isLoopbackAuthority("127.0.0.1@evil.example")).isFalse();
    }
}
