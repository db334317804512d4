package io.edakit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {

    @TempDir
    Path dir;

    @Test
    void createsARandomOwnerOnlySecretOnceAndReadsItBack() throws Exception {
        Path file = dir.resolve("state/nested/secret");
        String first = SecretFile.readOrCreate(file, "test secret");
        assertThat(first).matches("[A-Za-z0-9_-]{43}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state"))))
                .isEqualTo("rwx------");
        assertThat(SecretFile.readOrCreate(file, "test secret")).isEqualTo(first);
        assertThat(SecretFile.read(file, "test secret")).isEqualTo(first);
        assertThat(SecretFile.readOrCreate(dir.resolve("other"), "test secret")).isNotEqualTo(first);
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers.map(p -> p.getFileName().toString()).toList()).containsExactly("secret");
        }
    }

    @Test
    void racingCreatorsAllGetTheSameSecret() throws Exception {
        Path file = dir.resolve("raced");
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<String>> racers = IntStream.range(0, 8).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return SecretFile.readOrCreate(file, "test secret");
        })).toList();
        go.countDown();
        List<String> secrets = new java.util.ArrayList<>();
        for (CompletableFuture<String> racer : racers) {
            secrets.add(racer.get(10, TimeUnit.SECONDS));
        }
        assertThat(secrets).hasSize(8).containsOnly(Files.readString(file).trim());
    }

    @Test
    void refusesAFileOthersMayReadOrAnEmptyOneOrNone() throws Exception {
        Path loose = dir.resolve("loose");
        Files.writeString(loose, "visible-secret\n");
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SecretFile.readOrCreate(loose, "test secret"))
                .hasMessageContaining("may be read by other users (rw-r--r--)").hasMessageContaining("chmod 600")
                .hasMessageNotContaining("visible-secret");

        Path empty = dir.resolve("empty");
        Files.writeString(empty, "  \n");
        Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> SecretFile.read(empty, "test secret")).hasMessageContaining("is empty");

        assertThatThrownBy(() -> SecretFile.read(dir.resolve("absent"), "test secret"))
                .hasMessageContaining("no test secret file");
        assertThat(dir.resolve("absent")).doesNotExist();
    }

    @Test
    void passwordsInsideValuesAreMaskedForDisplay() {
        assertThat(Secrets.display("camel.route-template[a].handler", "http://h/x?authMethod=Basic&authPassword=pw1&a=b"))
                .doesNotContain("pw1").contains("authMethod=Basic").contains("a=b");
        assertThat(Secrets.display("edakit.broker.url", "tcp://user:pw2@broker:61616")).doesNotContain("pw2");
        assertThat(Secrets.display("x.jdbc-url", "jdbc:sqlserver://h;user=u;password=pw3;encrypt=true"))
                .doesNotContain("pw3").contains("encrypt=true");
        assertThat(Secrets.display("x.jaas", "ScramLoginModule required username=\"u\" password=\"pw4\";"))
                .doesNotContain("pw4").contains("username=\"u\"");
        assertThat(Secrets.display("edakit.saga.jdbc-password", "pw5")).isEqualTo(Secrets.MASK);
        assertThat(Secrets.display("camel.route-template[a].channel", "orders")).isEqualTo("orders");
        assertThat(Secrets.display("edakit.http.token-file", "./data/http-token")).isEqualTo("./data/http-token");
        assertThat(Secrets.display("edakit.http.token", "t0k3n")).isEqualTo(Secrets.MASK);
    }
}
